import * as vscode from 'vscode';
import { Redactor } from './core/log/redact';
import type { CredentialsFeature } from './vscode/chunks/credentialsChunk';
import { FeatureChunks, storedProfiles } from './vscode/chunks/featureChunks';
import type { ChunkName } from './vscode/chunks/lazyCommands';
import {
  LazyAuthenticationProvider,
  LazyCodeLensProvider,
  LazyTests,
  LazyTreeProvider,
} from './vscode/chunks/lazyProviders';
import type { SamsungAccountFeature } from './vscode/chunks/samsungAccountChunk';
import type { SandboxFeature } from './vscode/chunks/sandboxChunk';
import type { CommandFailure } from './vscode/registerCommand';
import { registerCommand } from './vscode/registerCommand';
import { registerErrorDiagnostics } from './vscode/errorCodes/errorDiagnostics';
import { registerErrorHover } from './vscode/errorCodes/errorHover';
import {
  AuthenticationProviders,
  Commands,
  OutputChannelName,
  SecretKeys,
  Settings,
  Views,
} from './vscode/ids';
import { createLog } from './vscode/log';

/** The features behind the chunks, loaded: for other extensions and the integration tests. */
export interface KnoxFeatures {
  readonly profiles: CredentialsFeature['profiles'];
  readonly tokens: CredentialsFeature['tokens'];
  readonly explorer: CredentialsFeature['explorer'];
  readonly sandbox: SandboxFeature['connection'];
  /** Samsung Account sign-in of partner profiles, and the "Knox" authentication provider. */
  readonly samsungAccount: SamsungAccountFeature['service'];
  readonly authentication: SamsungAccountFeature['provider'];
  /** The Test Explorer's Knox API tests: list the suites, run them as its Run button does. */
  readonly tests: Pick<LazyTests, 'listing' | 'run' | 'lastRun'>;
}

/** What activate() returns: for other extensions and for the integration tests. */
export interface KnoxExtensionApi {
  readonly onDidFailCommand: vscode.Event<CommandFailure>;
  /** The feature chunks loaded so far, in load order (none right after activation). */
  loadedChunks(): readonly ChunkName[];
  /** Loads every feature chunk and returns its services. */
  features(): Promise<KnoxFeatures>;
  /** Everything the extension keeps in globalState (never a secret): for tests and diagnostics. */
  globalStateSnapshot(): Record<string, unknown>;
}

// Stage one: only error-code hovers and diagnostics run now; everything else is registered
// here and loaded from dist/chunks/ on first use (src/vscode/chunks/featureChunks.ts).
export function activate(context: vscode.ExtensionContext): KnoxExtensionApi {
  const redactor = new Redactor();
  const channel = vscode.window.createOutputChannel(OutputChannelName, { log: true });
  const log = createLog(channel, redactor);
  const failures = new vscode.EventEmitter<CommandFailure>();
  const onFailure = (f: CommandFailure): void => failures.fire(f);
  const bodyDiagnostics = registerErrorDiagnostics({ log });

  const tree: LazyTreeProvider = new LazyTreeProvider(() => chunks.credentials());
  const codeLens: LazyCodeLensProvider = new LazyCodeLensProvider(() => chunks.runner());
  const tests: LazyTests = new LazyTests(() => chunks.runner());
  const explorerView: vscode.TreeView<unknown> = vscode.window.createTreeView(Views.explorer, {
    treeDataProvider: tree,
    showCollapseAll: true,
  });
  const chunks: FeatureChunks = new FeatureChunks({
    log,
    onFailure,
    context,
    redactor,
    explorerView,
    tree,
    codeLens,
    tests,
    diagnoseResponse: (uri, response) => void bodyDiagnostics.diagnoseResponse(uri, response),
  });
  const commandDeps = { log, onFailure, commands: chunks.commands };
  const authentication = new LazyAuthenticationProvider({
    load: async () => (await chunks.samsungAccount()).provider,
    anySignedIn: () =>
      storedProfiles(context.globalState).some((p) => p.samsungAccount?.signedInAt !== undefined),
    isLoaded: () => chunks.isLoaded('samsungAccount'),
  });
  // The status bar shows the active profile: load the credentials once there is one.
  const credentialsIfProfiles = (): void => {
    if (storedProfiles(context.globalState).length > 0) void chunks.credentials();
  };
  const runnerIfHttp = (d: vscode.TextDocument): void => {
    if (d.languageId === 'http') void chunks.runner();
  };

  context.subscriptions.push(
    channel,
    failures,
    chunks,
    tree,
    explorerView,
    codeLens,
    tests,
    authentication,
    registerErrorHover({ log }),
    bodyDiagnostics,
    registerCommand(commandDeps, Commands.showLog, () => log.show()),
    vscode.languages.registerCodeLensProvider(
      [{ language: 'http' }, { pattern: '**/*.{http,rest}' }],
      codeLens,
    ),
    vscode.workspace.onDidOpenTextDocument(runnerIfHttp),
    vscode.window.registerUriHandler({
      handleUri: async (uri) => (await chunks.samsungAccount()).service.handleUri(uri),
    }),
    vscode.authentication.registerAuthenticationProvider(
      AuthenticationProviders.knox.id,
      AuthenticationProviders.knox.label,
      authentication,
      { supportsMultipleAccounts: true },
    ),
    context.secrets.onDidChange((e) => {
      if (e.key === SecretKeys.revision) credentialsIfProfiles();
    }),
  );
  for (const d of vscode.workspace.textDocuments) runnerIfHttp(d);
  if (vscode.workspace.getConfiguration().get<string>(Settings.statusBar) !== 'off')
    setTimeout(credentialsIfProfiles, 0);

  log.info(
    `Knox API Toolkit ${String((context.extension.packageJSON as { version?: string }).version)} activated`,
  );
  return {
    onDidFailCommand: failures.event,
    loadedChunks: () => chunks.names(),
    features: async () => {
      const [credentials, sandbox, samsungAccount] = await Promise.all([
        chunks.credentials(),
        chunks.sandbox(),
        chunks.samsungAccount(),
        chunks.runner(),
      ]);
      return {
        profiles: credentials.profiles,
        tokens: credentials.tokens,
        explorer: credentials.explorer,
        sandbox: sandbox.connection,
        samsungAccount: samsungAccount.service,
        authentication: samsungAccount.provider,
        tests,
      };
    },
    globalStateSnapshot: () =>
      Object.fromEntries(context.globalState.keys().map((k) => [k, context.globalState.get(k)])),
  };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
