// The entry module's side of two-stage activation: every command, the explorer view, the
// CodeLens provider, the URI handler and the authentication provider are registered at once,
// and each feature's code is loaded from its own bundle (dist/chunks/*.js) on first use.
import * as vscode from 'vscode';
import type { Redactor } from '../../core/log/redact';
import type { Profile } from '../../core/profiles/profile';
import type { CommandId } from '../commandTypes';
import type { CommandDeps, CommandTable } from '../registerCommand';
import { guarded } from '../registerCommand';
import { LoadOnce } from '../../core/loadOnce';
import type { ResponseInfo } from '../errorCodes/errorDiagnostics';
import { Commands, StateKeys, TestControllers } from '../ids';
import type { SuiteListing, TestRecord } from '../runner/httpTests';
import type { CredentialsFeature } from './credentialsChunk';
import type { SamsungAccountFeature } from './samsungAccountChunk';
import type { SandboxFeature } from './sandboxChunk';

/** The separately bundled features, in the order they were loaded. */
export type ChunkName = 'credentials' | 'runner' | 'samsungAccount' | 'sandbox' | 'errorCodes';

/** Where each command's implementation lives; 'entry' ones are defined at activation. */
export const COMMAND_CHUNKS: Readonly<Record<CommandId, ChunkName | 'entry'>> = {
  [Commands.showLog]: 'entry',
  [Commands.explainErrorCode]: 'errorCodes',
  [Commands.refreshExplorer]: 'credentials',
  [Commands.addProfile]: 'credentials',
  [Commands.editProfile]: 'credentials',
  [Commands.removeProfile]: 'credentials',
  [Commands.selectProfile]: 'credentials',
  [Commands.importKeyFile]: 'credentials',
  [Commands.removeKeyFile]: 'credentials',
  [Commands.addClientIdentifier]: 'credentials',
  [Commands.removeClientIdentifier]: 'credentials',
  [Commands.setUpOAuthApp]: 'credentials',
  [Commands.generateAccessToken]: 'credentials',
  [Commands.copyAccessToken]: 'credentials',
  [Commands.copyAsHeader]: 'credentials',
  [Commands.clearTokens]: 'credentials',
  [Commands.inspectToken]: 'credentials',
  [Commands.connectSandbox]: 'sandbox',
  [Commands.setUpSamsungAccount]: 'samsungAccount',
  [Commands.signIn]: 'samsungAccount',
  [Commands.signOut]: 'samsungAccount',
  [Commands.sendRequest]: 'runner',
  [Commands.copyAsCurl]: 'runner',
  [Commands.copyAsCurlWithToken]: 'runner',
  [Commands.showHistory]: 'runner',
  [Commands.clearHistory]: 'runner',
  [Commands.selectEnvironment]: 'runner',
  [Commands.openResponseBody]: 'runner',
  [Commands.openSampleRequests]: 'runner',
  [Commands.newRequest]: 'runner',
};

type Handler = (...args: unknown[]) => Promise<unknown>;

/** Registers every command with VS Code now; runs each from its chunk, loading it first. */
export class LazyCommands implements CommandTable, vscode.Disposable {
  private readonly handlers = new Map<CommandId, Handler>();
  private readonly registrations: vscode.Disposable[];

  constructor(
    private readonly deps: Omit<CommandDeps, 'commands'> & {
      readonly load: (chunk: ChunkName) => Promise<unknown>;
    },
  ) {
    this.registrations = (Object.keys(COMMAND_CHUNKS) as CommandId[]).map((id) =>
      vscode.commands.registerCommand(id, (...args: unknown[]) => this.run(id, args)),
    );
  }

  define(id: CommandId, handler: Handler): vscode.Disposable {
    this.handlers.set(id, handler);
    return new vscode.Disposable(() => {
      if (this.handlers.get(id) === handler) this.handlers.delete(id);
    });
  }

  dispose(): void {
    for (const r of this.registrations) r.dispose();
    this.handlers.clear();
  }

  private async run(id: CommandId, args: unknown[]): Promise<unknown> {
    const chunk = COMMAND_CHUNKS[id];
    if (!this.handlers.has(id) && chunk !== 'entry') {
      if ((await guarded(this.deps, id, () => this.deps.load(chunk).then(() => true))) !== true)
        return undefined;
    }
    const handler = this.handlers.get(id);
    if (handler === undefined) {
      this.deps.log.error(`${id}: no implementation after loading the ${chunk} chunk`);
      return undefined;
    }
    return handler(...args);
  }
}

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

/** The profiles as stored in globalState (plain data), read without loading the credentials chunk. */
export function storedProfiles(state: vscode.Memento): readonly Profile[] {
  return state.get<{ profiles?: readonly Profile[] }>(StateKeys.profiles)?.profiles ?? [];
}

export interface FeatureChunksDeps extends Omit<CommandDeps, 'commands'> {
  readonly context: vscode.ExtensionContext;
  readonly redactor: Redactor;
  readonly explorerView: vscode.TreeView<unknown>;
  readonly tree: LazyTreeProvider;
  readonly codeLens: LazyCodeLensProvider;
  readonly tests: LazyTests;
  readonly diagnoseResponse: (uri: vscode.Uri, response: ResponseInfo) => void;
}

/** Loads each feature chunk once, with what it needs, and owns what it registered. */
export class FeatureChunks implements vscode.Disposable {
  readonly commands: LazyCommands;
  private readonly loaded: ChunkName[] = [];
  private readonly owned: vscode.Disposable[] = [];
  private readonly chunks = new LoadOnce<ChunkName>();

  constructor(private readonly deps: FeatureChunksDeps) {
    this.commands = new LazyCommands({ ...deps, load: (chunk) => this.load(chunk) });
  }

  /** The chunks loaded so far, in load order. */
  names(): readonly ChunkName[] {
    return [...this.loaded];
  }

  load(chunk: ChunkName): Promise<unknown> {
    switch (chunk) {
      case 'credentials':
        return this.credentials();
      case 'sandbox':
        return this.sandbox();
      case 'runner':
        return this.runner();
      case 'samsungAccount':
        return this.samsungAccount();
      case 'errorCodes':
        return this.once('errorCodes', async () =>
          (await import('./errorCodesChunk.js')).activateErrorCodes(this.shared()),
        );
    }
  }

  credentials(): Promise<CredentialsFeature> {
    return this.once('credentials', async () => {
      const { activateCredentials } = await import('./credentialsChunk.js');
      return activateCredentials({
        ...this.shared(),
        context: this.deps.context,
        redactor: this.deps.redactor,
        explorerView: this.deps.explorerView,
        attachExplorer: (p) => this.deps.tree.attach(p),
        followSandbox: async (p) => (await this.sandbox()).follow(p),
      });
    });
  }

  sandbox(): Promise<SandboxFeature> {
    return this.once('sandbox', async () => {
      const credentials = await this.credentials();
      const { activateSandbox } = await import('./sandboxChunk.js');
      return activateSandbox({ ...this.shared(), context: this.deps.context, credentials });
    });
  }

  runner(): Promise<void> {
    return this.once('runner', async () => {
      const credentials = await this.credentials();
      const { activateRunner } = await import('./runnerChunk.js');
      return activateRunner({
        ...this.shared(),
        context: this.deps.context,
        redactor: this.deps.redactor,
        credentials,
        registerCodeLens: (p) => this.deps.codeLens.attach(p),
        tests: this.deps.tests,
        diagnoseResponse: this.deps.diagnoseResponse,
      });
    }).then(() => undefined);
  }

  samsungAccount(): Promise<SamsungAccountFeature> {
    return this.once('samsungAccount', async () => {
      const credentials = await this.credentials();
      const sandbox = await this.sandbox();
      const { activateSamsungAccount } = await import('./samsungAccountChunk.js');
      return activateSamsungAccount({
        ...this.shared(),
        redactor: this.deps.redactor,
        credentials,
        sandbox,
      });
    });
  }

  isLoaded(chunk: ChunkName): boolean {
    return this.loaded.includes(chunk);
  }

  dispose(): void {
    for (const d of this.owned.splice(0).reverse()) d.dispose();
    this.commands.dispose();
  }

  private shared(): CommandDeps {
    return {
      log: this.deps.log,
      commands: this.commands,
      ...(this.deps.onFailure ? { onFailure: this.deps.onFailure } : {}),
    };
  }

  // Loads a chunk once; a failed load is logged and tried again on the next use.
  private once<T extends vscode.Disposable>(name: ChunkName, start: () => Promise<T>): Promise<T> {
    return this.chunks.get(name, () =>
      start().then(
        (feature) => {
          this.owned.push(feature);
          this.loaded.push(name);
          this.deps.log.info(`loaded the ${name} feature`);
          return feature;
        },
        (e: unknown) => {
          const reason = e instanceof Error ? e.message : String(e);
          this.deps.log.error(
            `could not load the ${name} feature (${reason}); the next use tries again`,
          );
          throw e;
        },
      ),
    );
  }
}
