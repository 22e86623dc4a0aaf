import * as vscode from 'vscode';
import { Redactor } from './core/log/redact';
import type { CommandFailure } from './vscode/commands/registerCommand';
import { registerCommand } from './vscode/commands/registerCommand';
import { Commands, OutputChannelName } from './vscode/ids';
import { createLog } from './vscode/log';
import { registerExplorerView } from './vscode/views/explorerView';

/** What activate() returns: used by other extensions' code and by the integration tests. */
export interface KnoxExtensionApi {
  readonly onDidFailCommand: vscode.Event<CommandFailure>;
}

export function activate(context: vscode.ExtensionContext): KnoxExtensionApi {
  const redactor = new Redactor();
  const channel = vscode.window.createOutputChannel(OutputChannelName, { log: true });
  const log = createLog(channel, redactor);
  const failures = new vscode.EventEmitter<CommandFailure>();
  const commandDeps = { log, onFailure: (f: CommandFailure) => failures.fire(f) };

  context.subscriptions.push(
    channel,
    failures,
    registerCommand(commandDeps, Commands.showLog, () => log.show()),
    registerExplorerView(),
  );

  log.info(`Knox API Toolkit ${String((context.extension.packageJSON as { version?: string }).version)} activated`);
  return { onDidFailCommand: failures.event };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
