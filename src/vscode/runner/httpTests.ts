import * as vscode from 'vscode';
import type { HttpFile, HttpRequest } from '../../core/httpFile/httpFile';
import { parseHttpFile } from '../../core/httpFile/httpFile';
import { labelOf } from '../../core/testing/runHttpTests';
import type { HttpTestOutcome } from '../../core/testing/runHttpTests';
import type { KnoxLog } from '../log';
import type { HttpDocuments } from './httpDocuments';
import { isHttpDocument } from './httpDocuments';
import type { RequestRunner } from './requestRunner';

/** What a test run reported for one test, as plain data (for the extension's API and tests). */
export interface TestRecord {
  readonly id: string;
  readonly state: 'passed' | 'failed' | 'errored';
  readonly messages: readonly {
    readonly message: string;
    readonly expected: string | undefined;
    readonly actual: string | undefined;
    readonly uri: string | undefined;
    /** 0-based. */
    readonly line: number | undefined;
  }[];
}

/** A suite as the Test Explorer lists it. */
export interface SuiteListing {
  readonly id: string;
  readonly label: string;
  readonly tests: readonly { readonly id: string; readonly label: string; readonly line: number }[];
}

export interface HttpTestsDeps {
  readonly controller: vscode.TestController;
  readonly documents: HttpDocuments;
  readonly runner: RequestRunner;
  readonly log: KnoxLog;
}

// Discovery reads at most this many files, each at most this large.
const MAX_FILES = 1000;
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/**
 * `.http` files with `??` assertions as Test Explorer suites, their requests with assertions as
 * tests. Running sends through the request runner with the profiles' tokens, as Send does.
 */
export class HttpTests implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private watching = false;
  private records: TestRecord[] = [];

  constructor(private readonly deps: HttpTestsDeps) {
    for (const document of vscode.workspace.textDocuments) this.updateFrom(document);
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.updateFrom(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.updateFrom(e.document)),
    );
  }

  /** Lists the workspace's suites (once), then follows file changes; `item` has its children already. */
  async resolve(item: vscode.TestItem | undefined): Promise<void> {
    if (item !== undefined || this.watching) return;
    this.watching = true;
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{http,rest}');
    this.subscriptions.push(
      watcher,
      watcher.onDidCreate((uri) => void this.updateFromDisk(uri)),
      watcher.onDidChange((uri) => void this.updateFromDisk(uri)),
      watcher.onDidDelete((uri) => this.deps.controller.items.delete(uri.toString())),
    );
    const uris = await vscode.workspace.findFiles(
      '**/*.{http,rest}',
      '**/node_modules/**',
      MAX_FILES,
    );
    await Promise.all(uris.map((uri) => this.updateFromDisk(uri)));
  }

  /** Runs what `request` includes (everything when it names nothing), file by file. */
  async run(request: vscode.TestRunRequest, cancellation: vscode.CancellationToken): Promise<void> {
    const { controller } = this.deps;
    const run = controller.createTestRun(request, 'Knox API tests', false);
    const abort = new AbortController();
    const subscription = cancellation.onCancellationRequested(() => abort.abort());
    this.records = [];
    try {
      for (const [uri, wanted] of this.selected(request)) {
        if (abort.signal.aborted) break;
        await this.runFile(run, uri, wanted, abort.signal);
      }
    } finally {
      subscription.dispose();
      run.end();
    }
  }

  /** The suites listed now, as plain data. */
  listing(): readonly SuiteListing[] {
    const suites: SuiteListing[] = [];
    this.deps.controller.items.forEach((file) => {
      const tests: { id: string; label: string; line: number }[] = [];
      file.children.forEach((test) =>
        tests.push({ id: test.id, label: test.label, line: test.range?.start.line ?? 0 }),
      );
      suites.push({ id: file.id, label: file.label, tests });
    });
    return suites;
  }

  /** What the last run reported, test by test. */
  lastRun(): readonly TestRecord[] {
    return [...this.records];
  }

  dispose(): void {
    for (const d of this.subscriptions.splice(0)) d.dispose();
  }

  private async runFile(
    run: vscode.TestRun,
    uri: vscode.Uri,
    wanted: readonly vscode.TestItem[] | 'all',
    signal: AbortSignal,
  ): Promise<void> {
    const file = this.deps.controller.items.get(uri.toString());
    if (!file) return;
    const children: vscode.TestItem[] = [];
    file.children.forEach((c) => children.push(c));
    const items = wanted === 'all' ? children : wanted;
    for (const item of items) run.enqueued(item);
    const byLine = new Map(items.map((item) => [item.range?.start.line ?? -1, item]));
    let document: vscode.TextDocument;
    let parsed: HttpFile;
    try {
      document = await vscode.workspace.openTextDocument(uri);
      parsed = this.deps.documents.parse(document);
    } catch (e) {
      for (const item of items) this.errored(run, item, e);
      return;
    }
    const only =
      wanted === 'all'
        ? undefined
        : new Set(parsed.requests.filter((r) => byLine.has(r.line)).map((r) => r.index));
    const itemOf = (request: HttpRequest): vscode.TestItem | undefined => byLine.get(request.line);
    try {
      await this.deps.runner.runTests(document, only, signal, {
        onStart: (request) => {
          const item = itemOf(request);
          if (item) run.started(item);
        },
        onOutcome: (outcome) => {
          const item = itemOf(outcome.request);
          if (item) this.report(run, item, uri, outcome);
        },
      });
    } catch (e) {
      if (signal.aborted) return;
      for (const item of items) this.errored(run, item, e);
    }
  }

  private report(
    run: vscode.TestRun,
    item: vscode.TestItem,
    uri: vscode.Uri,
    outcome: HttpTestOutcome,
  ): void {
    if (outcome.passed) {
      run.passed(item, outcome.durationMs);
      this.records.push({ id: item.id, state: 'passed', messages: [] });
      return;
    }
    if (outcome.error !== undefined) {
      const message = new vscode.TestMessage(outcome.error);
      message.location = new vscode.Location(uri, new vscode.Position(outcome.request.line, 0));
      run.errored(item, message, outcome.durationMs);
      this.records.push({
        id: item.id,
        state: 'errored',
        messages: [
          {
            message: outcome.error,
            expected: undefined,
            actual: undefined,
            uri: uri.toString(),
            line: outcome.request.line,
          },
        ],
      });
      return;
    }
    const failing = outcome.assertions.filter((a) => !a.passed);
    const messages = failing.map((a) => {
      const message = vscode.TestMessage.diff(a.message, a.expected, a.actual);
      message.location = new vscode.Location(uri, new vscode.Position(a.assertion.line, 0));
      return message;
    });
    run.failed(item, messages, outcome.durationMs);
    this.records.push({
      id: item.id,
      state: 'failed',
      messages: failing.map((a) => ({
        message: a.message,
        expected: a.expected,
        actual: a.actual,
        uri: uri.toString(),
        line: a.assertion.line,
      })),
    });
  }

  private errored(run: vscode.TestRun, item: vscode.TestItem, error: unknown): void {
    const text = error instanceof Error ? error.message : String(error);
    run.errored(item, new vscode.TestMessage(text));
    this.records.push({
      id: item.id,
      state: 'errored',
      messages: [
        { message: text, expected: undefined, actual: undefined, uri: undefined, line: undefined },
      ],
    });
  }

  /** The tests a request names, by file: 'all' for a whole suite. */
  private selected(request: vscode.TestRunRequest): Map<vscode.Uri, vscode.TestItem[] | 'all'> {
    const excluded = new Set((request.exclude ?? []).map((i) => i.id));
    const files = new Map<string, { uri: vscode.Uri; wanted: vscode.TestItem[] | 'all' }>();
    const add = (item: vscode.TestItem): void => {
      if (excluded.has(item.id) || !item.uri) return;
      const key = item.uri.toString();
      if (item.parent === undefined) {
        let hasExcluded = false;
        item.children.forEach((c) => (hasExcluded ||= excluded.has(c.id)));
        if (!hasExcluded) {
          files.set(key, { uri: item.uri, wanted: 'all' });
          return;
        }
        item.children.forEach(add);
        return;
      }
      const entry = files.get(key) ?? { uri: item.uri, wanted: [] };
      if (entry.wanted !== 'all') entry.wanted.push(item);
      files.set(key, entry);
    };
    if (request.include) request.include.forEach(add);
    else this.deps.controller.items.forEach(add);
    return new Map([...files.values()].map((f) => [f.uri, f.wanted]));
  }

  private updateFrom(document: vscode.TextDocument): void {
    if (!isHttpDocument(document) || document.uri.scheme === 'output') return;
    this.update(document.uri, this.deps.documents.parse(document));
  }

  private async updateFromDisk(uri: vscode.Uri): Promise<void> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return this.updateFrom(open);
    try {
      const { size } = await vscode.workspace.fs.stat(uri);
      if (size > MAX_FILE_BYTES) return;
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      this.update(uri, parseHttpFile(text));
    } catch (e) {
      this.deps.log.debug(`test discovery skipped ${uri.toString()}: ${String(e)}`);
    }
  }

  private update(uri: vscode.Uri, file: HttpFile): void {
    const { controller } = this.deps;
    const tests = file.requests.filter((r) => r.assertions.length > 0);
    const id = uri.toString();
    if (tests.length === 0) {
      controller.items.delete(id);
      return;
    }
    const suite =
      controller.items.get(id) ??
      controller.createTestItem(id, vscode.workspace.asRelativePath(uri), uri);
    suite.children.replace(
      tests.map((request) => {
        const item = controller.createTestItem(
          `${id}#${request.name ?? `line ${request.line + 1}`}`,
          labelOf(request),
          uri,
        );
        item.range = new vscode.Range(request.line, 0, request.line, 0);
        return item;
      }),
    );
    controller.items.add(suite);
  }
}
