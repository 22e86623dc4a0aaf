// Stand-ins registered at activation for what VS Code asks of the extension before a feature
// chunk is loaded (the explorer tree, CodeLens, Test Explorer, the authentication provider);
// each loads its chunk on first use and then hands over to the real one.
import * as vscode from 'vscode';
import { TestControllers } from '../ids';
import type { SuiteListing, TestRecord } from '../runner/httpTests';

/** A tree data provider that loads the explorer on the first getChildren, then delegates. */
export class LazyTreeProvider implements vscode.TreeDataProvider<unknown>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<unknown>();
  readonly onDidChangeTreeData = this.changed.event;
  private real: vscode.TreeDataProvider<unknown> | undefined;
  private forward: vscode.Disposable | undefined;

  constructor(private readonly load: () => Promise<unknown>) {}

  attach(provider: vscode.TreeDataProvider<unknown>): vscode.Disposable {
    this.real = provider;
    this.forward = provider.onDidChangeTreeData?.((e) => this.changed.fire(e));
    this.changed.fire(undefined);
    return new vscode.Disposable(() => {
      this.forward?.dispose();
      this.real = undefined;
    });
  }

  async getChildren(element?: unknown): Promise<unknown[]> {
    if (this.real === undefined) await this.load();
    return (await this.real?.getChildren(element)) ?? [];
  }

  getTreeItem(element: unknown): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.real?.getTreeItem(element) ?? new vscode.TreeItem('');
  }

  dispose(): void {
    this.forward?.dispose();
    this.changed.dispose();
  }
}

/** A CodeLens provider that loads the runner on the first request, then delegates. */
export class LazyCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private real: vscode.CodeLensProvider | undefined;
  private forward: vscode.Disposable | undefined;

  constructor(private readonly load: () => Promise<unknown>) {}

  attach(provider: vscode.CodeLensProvider): vscode.Disposable {
    this.real = provider;
    this.forward = provider.onDidChangeCodeLenses?.(() => this.changed.fire());
    this.changed.fire();
    return new vscode.Disposable(() => {
      this.forward?.dispose();
      this.real = undefined;
    });
  }

  async provideCodeLenses(
    document: vscode.TextDocument,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeLens[]> {
    if (this.real === undefined) await this.load();
    return (await this.real?.provideCodeLenses(document, token)) ?? [];
  }

  dispose(): void {
    this.forward?.dispose();
    this.changed.dispose();
  }
}

/** What the runner chunk does for the Test Explorer once loaded. */
export interface TestsFeature {
  resolve(item: vscode.TestItem | undefined): Promise<void>;
  run(request: vscode.TestRunRequest, cancellation: vscode.CancellationToken): Promise<void>;
  listing(): readonly SuiteListing[];
  lastRun(): readonly TestRecord[];
}

/**
 * The "Knox API Tests" controller from activation, so the Test Explorer can ask for suites:
 * discovery and runs load the runner chunk on first use, then delegate to it.
 */
export class LazyTests implements vscode.Disposable {
  readonly controller: vscode.TestController;
  private real: TestsFeature | undefined;

  constructor(private readonly load: () => Promise<unknown>) {
    this.controller = vscode.tests.createTestController(
      TestControllers.apiTests.id,
      TestControllers.apiTests.label,
    );
    this.controller.resolveHandler = async (item) => (await this.feature()).resolve(item);
    this.controller.createRunProfile(
      'Run',
      vscode.TestRunProfileKind.Run,
      async (request, token) => (await this.feature()).run(request, token),
      true,
    );
  }

  attach(real: TestsFeature): vscode.Disposable {
    this.real = real;
    return new vscode.Disposable(() => (this.real = undefined));
  }

  /** The suites listed, after discovering the workspace's. */
  async listing(): Promise<readonly SuiteListing[]> {
    const feature = await this.feature();
    await feature.resolve(undefined);
    return feature.listing();
  }

  /** Runs the tests with these ids (all when none) as the Test Explorer would, and reports them. */
  async run(ids?: readonly string[]): Promise<readonly TestRecord[]> {
    const feature = await this.feature();
    await feature.resolve(undefined);
    const include: vscode.TestItem[] = [];
    const find = (items: vscode.TestItemCollection): void =>
      items.forEach((item) => {
        if (ids?.includes(item.id)) include.push(item);
        else find(item.children);
      });
    if (ids) find(this.controller.items);
    const cancellation = new vscode.CancellationTokenSource();
    try {
      await feature.run(
        new vscode.TestRunRequest(ids ? include : undefined, undefined, undefined),
        cancellation.token,
      );
    } finally {
      cancellation.dispose();
    }
    return feature.lastRun();
  }

  /** What the last run reported (a run from the Test Explorer included). */
  lastRun(): readonly TestRecord[] {
    return this.real?.lastRun() ?? [];
  }

  dispose(): void {
    this.controller.dispose();
  }

  private async feature(): Promise<TestsFeature> {
    if (this.real === undefined) await this.load();
    if (this.real === undefined) throw new Error('The runner did not attach the Knox API tests.');
    return this.real;
  }
}

/**
 * The "Knox" authentication provider as VS Code sees it from activation: answers "no
 * sessions" without loading anything while no profile is signed in to Samsung Account.
 */
export class LazyAuthenticationProvider
  implements vscode.AuthenticationProvider, vscode.Disposable
{
  private readonly changed =
    new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  private real: Promise<vscode.AuthenticationProvider> | undefined;
  private forward: vscode.Disposable | undefined;

  constructor(
    private readonly deps: {
      readonly load: () => Promise<vscode.AuthenticationProvider>;
      readonly anySignedIn: () => boolean;
      readonly isLoaded: () => boolean;
    },
  ) {}

  async getSessions(
    scopes: readonly string[] | undefined,
    options: vscode.AuthenticationProviderSessionOptions,
  ): Promise<vscode.AuthenticationSession[]> {
    if (!this.deps.isLoaded() && !this.deps.anySignedIn()) return [];
    return (await this.provider()).getSessions(scopes, options);
  }

  async createSession(
    scopes: readonly string[],
    options: vscode.AuthenticationProviderSessionOptions,
  ): Promise<vscode.AuthenticationSession> {
    return (await this.provider()).createSession(scopes, options);
  }

  async removeSession(sessionId: string): Promise<void> {
    return (await this.provider()).removeSession(sessionId);
  }

  dispose(): void {
    this.forward?.dispose();
    this.changed.dispose();
  }

  private provider(): Promise<vscode.AuthenticationProvider> {
    this.real ??= this.deps.load().then((p) => {
      this.forward = p.onDidChangeSessions((e) => this.changed.fire(e));
      return p;
    });
    return this.real;
  }
}
