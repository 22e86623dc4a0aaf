import { join } from 'node:path';
import * as vscode from 'vscode';
import { Redactor } from './core/log/redact';
import type { Profile } from './core/profiles/profile';
import { registerProfileCommands } from './vscode/commands/profileCommands';
import type { CommandFailure } from './vscode/commands/registerCommand';
import { registerExplainCommand } from './vscode/commands/explainCommand';
import { registerCommand } from './vscode/commands/registerCommand';
import { registerTokenCommands } from './vscode/commands/tokenCommands';
import { Commands, OutputChannelName, Settings } from './vscode/ids';
import { registerErrorDiagnostics } from './vscode/editor/errorDiagnostics';
import { registerErrorHover } from './vscode/editor/errorHover';
import { registerRunner } from './vscode/runner/registerRunner';
import { createLog } from './vscode/log';
import { ProfileService } from './vscode/profiles/profileService';
import { VscodeSecretStore } from './vscode/storage/vscodeSecretStore';
import {
  followSandbox,
  registerSandboxCommands,
  SandboxConnection,
} from './vscode/sandbox/sandboxConnection';
import { KnoxAuthenticationProvider } from './vscode/samsungAccount/knoxAuthenticationProvider';
import {
  pickProfileForSignIn,
  registerSamsungAccount,
} from './vscode/samsungAccount/samsungAccountCommands';
import { SamsungAccountService } from './vscode/samsungAccount/samsungAccountService';
import { TokenService } from './vscode/tokens/tokenService';
import { ExplorerTreeProvider, registerExplorerView } from './vscode/views/explorerView';
import { registerStatusBar } from './vscode/views/statusBar';

/** What activate() returns: for other extensions and for the integration tests. */
export interface KnoxExtensionApi {
  readonly onDidFailCommand: vscode.Event<CommandFailure>;
  readonly profiles: ProfileService;
  readonly tokens: TokenService;
  readonly sandbox: SandboxConnection;
  readonly explorer: ExplorerTreeProvider;
  /** Samsung Account sign-in of partner profiles, and the "Knox" authentication provider. */
  readonly samsungAccount: SamsungAccountService;
  readonly authentication: KnoxAuthenticationProvider;
  /** Everything the extension keeps in globalState (never a secret): for tests and diagnostics. */
  globalStateSnapshot(): Record<string, unknown>;
}

export function activate(context: vscode.ExtensionContext): KnoxExtensionApi {
  const redactor = new Redactor();
  const channel = vscode.window.createOutputChannel(OutputChannelName, { log: true });
  const log = createLog(channel, redactor);
  const failures = new vscode.EventEmitter<CommandFailure>();
  const commandDeps = { log, onFailure: (f: CommandFailure) => failures.fire(f) };
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration();

  const secrets = new VscodeSecretStore(context.secrets);
  const profiles = new ProfileService({ state: context.globalState, secrets, redactor });
  const sandbox = new SandboxConnection({
    storageDir: context.globalStorageUri.fsPath,
    log,
    ...(context.extensionMode === vscode.ExtensionMode.Development
      ? { announcementFile: join(context.extensionPath, '.knox-sandbox', 'running.json') }
      : {}),
  });
  const followSandboxProfile = (p: Profile): Promise<Profile> =>
    followSandbox({ connection: sandbox, profiles, log }, p);
  const tokens = new TokenService({
    profiles,
    secrets,
    state: context.globalState,
    log,
    prepare: followSandboxProfile,
  });

  const explorer = new ExplorerTreeProvider(profiles, tokens, log);
  const samsungAccount = new SamsungAccountService({
    profiles,
    tokens,
    redactor,
    log,
    requestTimeoutMs: () => config().get<number>(Settings.requestTimeoutSeconds, 30) * 1000,
    prepare: followSandboxProfile,
  });
  const authentication = new KnoxAuthenticationProvider({
    profiles,
    tokens,
    samsungAccount,
    log,
    pickProfile: pickProfileForSignIn,
  });
  const bodyDiagnostics = registerErrorDiagnostics({ log });

  context.subscriptions.push(
    channel,
    failures,
    secrets,
    profiles,
    tokens,
    sandbox,
    registerCommand(commandDeps, Commands.showLog, () => log.show()),
    explorer,
    registerExplorerView({ ...commandDeps, profiles, provider: explorer }),
    registerStatusBar({ profiles, tokens }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(Settings.renewalMarginSeconds)) tokens.applyRenewalMargin();
    }),
    registerProfileCommands({
      ...commandDeps,
      profiles,
      onCredentialsChanged: (id) => tokens.clear(id),
    }),
    registerTokenCommands({ ...commandDeps, profiles, tokens, globalState: context.globalState }),
    registerSandboxCommands({ ...commandDeps, profiles, tokens, connection: sandbox }),
    samsungAccount,
    authentication,
    registerSamsungAccount({
      ...commandDeps,
      profiles,
      service: samsungAccount,
      provider: authentication,
      sandbox,
    }),
    registerErrorHover({ log }),
    bodyDiagnostics,
    registerExplainCommand(commandDeps),
    registerRunner({
      ...commandDeps,
      profiles,
      tokens,
      globalState: context.globalState,
      extensionUri: context.extensionUri,
      prepareProfile: followSandboxProfile,
      remember: (secret) => redactor.remember(secret),
      diagnoseResponse: (uri, response) => void bodyDiagnostics.diagnoseResponse(uri, response),
    }),
  );

  log.info(
    `Knox API Toolkit ${String((context.extension.packageJSON as { version?: string }).version)} activated`,
  );
  return {
    onDidFailCommand: failures.event,
    profiles,
    tokens,
    sandbox,
    explorer,
    samsungAccount,
    authentication,
    globalStateSnapshot: () =>
      Object.fromEntries(context.globalState.keys().map((k) => [k, context.globalState.get(k)])),
  };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
