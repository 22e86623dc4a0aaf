import * as vscode from 'vscode';
import { Redactor } from './core/log/redact';
import { registerProfileCommands } from './vscode/commands/profileCommands';
import type { CommandFailure } from './vscode/commands/registerCommand';
import { registerCommand } from './vscode/commands/registerCommand';
import { registerTokenCommands } from './vscode/commands/tokenCommands';
import { Commands, OutputChannelName, Settings } from './vscode/ids';
import { createLog } from './vscode/log';
import { ProfileService } from './vscode/profiles/profileService';
import { VscodeSecretStore } from './vscode/storage/vscodeSecretStore';
import { createMint } from './vscode/tokens/mintForProfile';
import { TokenService } from './vscode/tokens/tokenService';
import { registerExplorerView } from './vscode/views/explorerView';
import { registerStatusBar } from './vscode/views/statusBar';

/** What activate() returns: for other extensions and for the integration tests. */
export interface KnoxExtensionApi {
  readonly onDidFailCommand: vscode.Event<CommandFailure>;
  readonly profiles: ProfileService;
  readonly tokens: TokenService;
}

export function activate(context: vscode.ExtensionContext): KnoxExtensionApi {
  const redactor = new Redactor();
  const channel = vscode.window.createOutputChannel(OutputChannelName, { log: true });
  const log = createLog(channel, redactor);
  const failures = new vscode.EventEmitter<CommandFailure>();
  const commandDeps = { log, onFailure: (f: CommandFailure) => failures.fire(f) };
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration();

  const secrets = new VscodeSecretStore(context.secrets);
  const profiles = new ProfileService({ state: context.globalState, secrets, redactor, log });
  const tokens = new TokenService({
    profiles,
    secrets,
    state: context.globalState,
    log,
    mint: createMint({ profiles }),
    renewalMarginMs: () => config().get<number>(Settings.renewalMarginSeconds, 120) * 1000,
  });

  context.subscriptions.push(
    channel,
    failures,
    secrets,
    profiles,
    tokens,
    registerCommand(commandDeps, Commands.showLog, () => log.show()),
    registerExplorerView({ profiles, tokens, log }),
    registerStatusBar({ profiles, tokens }),
    registerProfileCommands({ ...commandDeps, profiles, onCredentialsChanged: (id) => tokens.clear(id) }),
    registerTokenCommands({ ...commandDeps, profiles, tokens, globalState: context.globalState }),
  );

  log.info(`Knox API Toolkit ${String((context.extension.packageJSON as { version?: string }).version)} activated`);
  return { onDidFailCommand: failures.event, profiles, tokens };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
