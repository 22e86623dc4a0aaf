import * as vscode from 'vscode';
import { isKnoxToolError } from '../../core/errors/toolError';
import type { KnoxLog } from '../log';
import { describeError } from '../log';
import type { CommandId } from '../ids';

/** What the boundary reports when a command fails: the safe message and the toolkit code. */
export interface CommandFailure {
  readonly command: CommandId;
  readonly code: string;
  readonly message: string;
}

export interface CommandDeps {
  readonly log: KnoxLog;
  /** Told of every failure after the user was; the extension's test API listens here. */
  readonly onFailure?: (failure: CommandFailure) => void;
}

/** Thrown (or rejected) when the user dismisses a picker or cancels a progress notification. */
export class Cancelled extends Error {
  override readonly name = 'Cancelled';
}

function isCancellation(e: unknown): boolean {
  return (
    e instanceof Cancelled ||
    e instanceof vscode.CancellationError ||
    isKnoxToolError(e, 'ABORTED') ||
    (e instanceof Error && e.name === 'AbortError')
  );
}

/**
 * Registers a command behind the one error boundary: failures are logged (redacted), the user
 * sees a safe one-line message with "Show Log", and cancellation is not an error.
 */
export function registerCommand(
  deps: CommandDeps,
  id: CommandId,
  handler: (...args: never[]) => unknown,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await (handler as (...a: unknown[]) => unknown)(...args);
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
  });
}
