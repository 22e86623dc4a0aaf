import * as vscode from 'vscode';
import type { HttpDiagnostic } from '../../core/httpFile/httpDiagnostic';
import { knoxSettingsFor } from '../../core/httpFile/httpFile';
import { createVariableCache, resolveVariables } from '../../core/httpFile/resolveVariables';
import type { Profile } from '../../core/profiles/profile';
import { apiBaseUrl } from '../../core/profiles/profile';
import { baseUrlFor } from '../../core/runner/requestTarget';
import { scopeHintFor, scopeProblemFor, unknownEndpointHint } from '../../core/runner/scopeHint';
import { Settings } from '../ids';
import type { KnoxLog } from '../log';
import { describeError } from '../log';
import type { ProfileService } from '../profiles/profileService';
import type { HttpDocuments } from './httpDocuments';
import { isHttpDocument } from './httpDocuments';

export interface HttpDiagnosticsDeps {
  readonly documents: HttpDocuments;
  readonly profiles: ProfileService;
  readonly log: KnoxLog;
  readonly debounceMs?: number;
}

/** The `source` of the runner's diagnostics. */
export const HTTP_DIAGNOSTIC_SOURCE = 'Knox';

const SEVERITY: Readonly<Record<HttpDiagnostic['severity'], vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

function toDiagnostic(d: HttpDiagnostic, severity = SEVERITY[d.severity]): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(d.line, d.startColumn, d.line, d.endColumn),
    d.message,
    severity,
  );
  diagnostic.source = HTTP_DIAGNOSTIC_SOURCE;
  return diagnostic;
}

// State: the collection and the pending debounce timers.
class HttpDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('knox-http');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly versions = new Map<string, number>();

  constructor(private readonly deps: HttpDiagnosticsDeps) {}

  schedule(document: vscode.TextDocument, delayMs = this.deps.debounceMs ?? 300): void {
    if (!isHttpDocument(document)) return;
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending !== undefined) clearTimeout(pending);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!document.isClosed) void this.update(document);
      }, delayMs),
    );
  }

  refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  async update(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const version = document.version;
    this.versions.set(key, version);
    try {
      const diagnostics = await this.diagnose(document);
      // A newer edit started its own run meanwhile; its result wins.
      if (this.versions.get(key) !== version || document.isClosed) return;
      this.collection.set(document.uri, diagnostics);
    } catch (e) {
      this.deps.log.error(`Knox .http diagnostics failed: ${describeError(e)}`);
    }
  }

  close(uri: vscode.Uri): void {
    const key = uri.toString();
    const pending = this.timers.get(key);
    if (pending !== undefined) clearTimeout(pending);
    this.timers.delete(key);
    this.versions.delete(key);
    this.collection.delete(uri);
    this.deps.documents.forget(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.collection.dispose();
  }

  private async diagnose(document: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
    const { documents, profiles } = this.deps;
    const file = documents.parse(document);
    const sources = await documents.sources(document);
    const out = file.diagnostics.map((d) => toDiagnostic(d));
    const seen = new Set(file.diagnostics.map((d) => `${d.line}:${d.startColumn}:${d.message}`));
    // One expansion of each variable for the whole pass: a large variable used by every request
    // was expanded again for each (quadratic).
    const cache = createVariableCache();

    for (const request of file.requests) {
      const name = knoxSettingsFor(file, request)?.profile;
      const profile: Profile | undefined =
        name === undefined ? profiles.active() : profiles.find(name);
      if (name !== undefined && !profile) {
        const line = knoxSettingsFor(file, request)?.lines.at(-1) ?? request.line;
        out.push(
          toDiagnostic({
            line,
            startColumn: 0,
            endColumn: document.lineAt(line).text.length,
            severity: 'warning',
            message: `There is no Knox profile "${name}"; fix the name or add the profile with "Knox: Add Profile".`,
          }),
        );
      }
      const written = scopeHintFor(request.method, request.url);
      const baseUrl = profile
        ? /^[a-z][\w+.-]*:\/\//i.test(request.url)
          ? apiBaseUrl(profile.target)
          : baseUrlFor(profile.target, written?.service)
        : undefined;
      const resolved = resolveVariables(request, {
        ...sources,
        fileVariables: file.variables,
        cache,
        ...(baseUrl === undefined ? {} : { baseUrl }),
      });
      for (const d of resolved.diagnostics) {
        const key = `${d.line}:${d.startColumn}:${d.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        // {{name.response...}} resolves once that request has been sent: not a problem yet.
        const waiting = resolved.unresolved.some(
          (u) => u.reason === 'request' && u.line === d.line && u.startColumn === d.startColumn,
        );
        out.push(
          toDiagnostic(d, waiting ? vscode.DiagnosticSeverity.Information : SEVERITY[d.severity]),
        );
      }
      const hint = scopeHintFor(request.method, resolved.url);
      const problem = hint && profile ? scopeProblemFor(hint, profile) : undefined;
      if (problem) {
        const first = request.urlParts[0];
        const column = first?.column ?? 0;
        out.push(
          toDiagnostic(
            {
              line: request.line,
              startColumn: column,
              endColumn: column + (first?.text.length ?? 1),
              severity: 'warning',
              message: problem.message,
            },
            vscode.DiagnosticSeverity.Warning,
          ),
        );
      }
      const unknown = unknownEndpointHint(request.method, resolved.url);
      if (unknown) {
        const first = request.urlParts[0];
        const column = first?.column ?? 0;
        out.push(
          toDiagnostic({
            line: request.line,
            startColumn: column,
            endColumn: column + (first?.text.length ?? 1),
            severity: 'info',
            message: unknown,
          }),
        );
      }
    }
    return out;
  }
}

/**
 * Problems in `.http` files: the parser's, unresolved variables, an unknown `@knox profile`,
 * and scope warnings (the OAuth app lacks the endpoint's scope, the service takes no OAuth).
 */
export function registerHttpDiagnostics(deps: HttpDiagnosticsDeps): vscode.Disposable {
  const state = new HttpDiagnostics(deps);
  for (const document of vscode.workspace.textDocuments) state.schedule(document, 0);
  return vscode.Disposable.from(
    state,
    vscode.workspace.onDidOpenTextDocument((d) => state.schedule(d, 0)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) state.schedule(e.document);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => state.close(d.uri)),
    vscode.workspace.onDidSaveTextDocument((d) => {
      if (/(^|[\\/])\.env$/.test(d.uri.path)) state.refreshAll();
    }),
    deps.profiles.onDidChange(() => state.refreshAll()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (
        e.affectsConfiguration(Settings.environments) ||
        e.affectsConfiguration(Settings.activeEnvironment)
      ) {
        state.refreshAll();
      }
    }),
  );
}
