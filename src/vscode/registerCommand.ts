import * as vscode from 'vscode';
import { isKnoxToolError } from '../core/toolError';
import type { KnoxLog } from './log';
import { describeError } from './log';
import type { CommandArgs, CommandId, CommandResult } from './commandTypes';

/** What the boundary reports when a command fails: the safe message and the toolkit code. */
export interface CommandFailure {
  readonly command: CommandId;
  readonly code: string;
  readonly message: string;
}

/** A command's implementation, typed by the contract in commandTypes.ts. */
export type CommandHandler<K extends CommandId> = (
  ...args: CommandArgs<K>
) => CommandResult<K> | Thenable<CommandResult<K>>;

/**
 * Where implementations go. The entry module registers every id with VS Code at activation;
 * a feature chunk, once loaded, defines the implementations of its commands here.
 */
export interface CommandTable {
  define(id: CommandId, handler: (...args: unknown[]) => Promise<unknown>): vscode.Disposable;
}

export interface CommandDeps {
  readonly log: KnoxLog;
  readonly commands: CommandTable;
  /** Told of every failure after the user was; the extension's test API listens here. */
  readonly onFailure?: (failure: CommandFailure) => void;
}

/** Thrown (or rejected) when the user dismisses a picker or cancels a progress notification. */
export class Cancelled extends Error {
  override readonly name = 'Cancelled';
}

// By name: each feature chunk is a bundle of its own with its own copy of this class.
function isCancellation(e: unknown): boolean {
  return (
    e instanceof vscode.CancellationError ||
    isKnoxToolError(e, 'ABORTED') ||
    (e instanceof Error && (e.name === 'AbortError' || e.name === 'Cancelled'))
  );
}

/**
 * Runs `work` behind the one error boundary: failures are logged (redacted), the user sees a
 * safe one-line message with "Show Log", cancellation is not an error; both give undefined.
 */
export async function guarded<T>(
  deps: Omit<CommandDeps, 'commands'>,
  id: CommandId,
  work: () => T | Thenable<T>,
): Promise<T | undefined> {
  try {
    return await work();
  } catch (e) {
    if (isCancellation(e)) {
      deps.log.debug(`${id}: cancelled`);
      return undefined;
    }
    deps.log.error(`${id} failed: ${describeError(e)}`);
    const message = isKnoxToolError(e)
      ? e.message
      : `Knox: the command failed unexpectedly (${id}). The log has the details.`;
    void vscode.window.showErrorMessage(message, 'Show Log').then((choice) => {
      if (choice === 'Show Log') deps.log.show();
    });
    deps.onFailure?.({ command: id, code: isKnoxToolError(e) ? e.code : 'INTERNAL', message });
    // Not rethrown: VS Code would show a second, unredacted notification.
    return undefined;
  }
}

/** Defines a command's implementation behind the error boundary (see `guarded`). */
export function registerCommand<K extends CommandId>(
  deps: CommandDeps,
  id: K,
  handler: CommandHandler<K>,
): vscode.Disposable {
  return deps.commands.define(id, (...args: unknown[]) =>
    guarded(deps, id, () => handler(...(args as CommandArgs<K>))),
  );
}

/** Runs a command of the extension with checked arguments; undefined when it failed or was cancelled. */
export function executeCommand<K extends CommandId>(
  id: K,
  ...args: CommandArgs<K>
): Thenable<CommandResult<K> | undefined> {
  return vscode.commands.executeCommand<CommandResult<K> | undefined>(id, ...args);
}

/** A `vscode.Command` (CodeLens, tree item, status bar, quick fix) with checked arguments. */
export function commandOf<K extends CommandId>(
  title: string,
  id: K,
  ...args: CommandArgs<K>
): vscode.Command {
  return { title, command: id, arguments: args };
}

/** A `command:` link for trusted Markdown (hovers) with checked arguments. */
export function commandLink<K extends CommandId>(id: K, ...args: CommandArgs<K>): string {
  return args.length === 0
    ? `command:${id}`
    : `command:${id}?${encodeURIComponent(JSON.stringify(args))}`;
}

/** A command as plain data, for a webview action that is run later with `runCommandCall`. */
export interface CommandCall {
  readonly command: CommandId;
  readonly args: readonly unknown[];
}

export function commandCall<K extends CommandId>(id: K, ...args: CommandArgs<K>): CommandCall {
  return { command: id, args };
}

/** Runs a call made by `commandCall`. */
export function runCommandCall(call: CommandCall): Thenable<unknown> {
  return vscode.commands.executeCommand(call.command, ...call.args);
}
