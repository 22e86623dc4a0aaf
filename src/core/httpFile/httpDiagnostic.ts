/** How serious a problem in a `.http` file is; maps one to one onto editor severities. */
export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/**
 * A problem found in a `.http` file: 0-based line, 0-based columns (end exclusive) and a
 * one-line message that says what to do. Parsing and resolving report these instead of throwing.
 */
export interface HttpDiagnostic {
  readonly line: number;
  readonly startColumn: number;
  readonly endColumn: number;
  readonly severity: DiagnosticSeverity;
  readonly message: string;
}

/** Builds an HttpDiagnostic, keeping the column range non-empty and in order. */
export function httpDiagnostic(
  line: number,
  startColumn: number,
  endColumn: number,
  severity: DiagnosticSeverity,
  message: string,
): HttpDiagnostic {
  const start = Math.max(0, startColumn);
  return { line, startColumn: start, endColumn: Math.max(start + 1, endColumn), severity, message };
}
