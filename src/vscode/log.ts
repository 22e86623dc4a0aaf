import type * as vscode from 'vscode';
import type { Logger } from '../core/log/logger';
import type { Redactor } from '../core/log/redact';

/** The extension's logger: every line goes through the redactor before it is written. */
export interface KnoxLog extends Logger {
  show(): void;
}

export function createLog(channel: vscode.LogOutputChannel, redactor: Redactor): KnoxLog {
  const safe = (message: string): string => redactor.redact(message);
  return {
    trace: (m) => channel.trace(safe(m)),
    debug: (m) => channel.debug(safe(m)),
    info: (m) => channel.info(safe(m)),
    warn: (m) => channel.warn(safe(m)),
    error: (m) => channel.error(safe(m)),
    show: () => channel.show(true),
  };
}

/** Describes an unknown thrown value for the log (redacted by the log itself). */
export function describeError(e: unknown): string {
  if (e instanceof Error) {
    const cause = e.cause === undefined ? '' : ` (cause: ${describeError(e.cause)})`;
    return `${e.name}: ${e.message}${cause}${e.stack ? `\n${e.stack}` : ''}`;
  }
  return String(e);
}
