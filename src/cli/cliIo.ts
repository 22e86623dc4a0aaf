import type { FetchLike } from '../core/http/fetchLike';

/** Everything the command line touches outside itself, so that it can run in a test. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /**
   * The whole of standard input as text, refused (INVALID_INPUT naming `what` and the limit) past
   * `maxBytes`, and abandoned when `signal` aborts.
   */
  readonly readStdin: (maxBytes: number, what: string) => Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Relative paths given on the command line resolve against this folder. */
  readonly cwd: string;
  readonly now: () => number;
  /** Aborted on Ctrl+C or SIGTERM: network calls stop and `knox sandbox` shuts down. */
  readonly signal: AbortSignal;
  /** Omitted: node-fetch, as in the extension. */
  readonly fetch?: FetchLike;
}
