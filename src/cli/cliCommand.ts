import type { FetchLike } from '../core/http/fetchLike';
import type { Redactor } from '../core/log/redact';
import type { CliIo } from './cliIo';
import type { OptionSpecs, ParsedOptions } from './parseOptions';

/** What a command hands back for `runCli` to print: text for people, a document for `--json`. */
export interface CommandOutput {
  /** Printed to stdout without `--json`; a newline is added. */
  readonly text?: string;
  /** Printed to stdout as one line of JSON with `--json`. */
  readonly json?: unknown;
  /** Default 0. */
  readonly exitCode?: number;
}

/** What a running command may use besides its arguments. */
export interface CliContext {
  readonly io: CliIo;
  /** `--json` was given. */
  readonly json: boolean;
  /** Secrets read so far; everything written to stderr is redacted with them. */
  readonly redactor: Redactor;
  /** fetch with `--debug` logging of each call (redacted). */
  readonly fetch: FetchLike;
  /** A `knox: warning: ...` line on stderr. */
  warn(message: string): void;
  /** A `knox: ...` line on stderr (status, notes, a refusal that is a result). */
  note(message: string): void;
  /** A line on stderr only with `--debug`. */
  debug(message: string): void;
}

/** One `knox` command: how it is called, its help, and what it does. */
export interface CliCommand {
  /** The words that call it: 'token', 'sign client-id'. */
  readonly name: string;
  /** One line for `knox --help`. */
  readonly summary: string;
  /** The synopsis after `knox`, e.g. 'token --keys FILE --client-id-file FILE [options]'. */
  readonly usage: string;
  /** A paragraph or two for `knox help <command>`. */
  readonly description: string;
  readonly options: OptionSpecs;
  /** Names of the positional arguments, for help and for counting them. */
  readonly positionals?: {
    readonly names: readonly string[];
    readonly required: number;
    /** The last name takes any number of arguments (`FILE...`). */
    readonly variadic?: boolean;
  };
  readonly examples?: readonly string[];
  run(args: ParsedOptions, context: CliContext): Promise<CommandOutput>;
}

/** The options every command takes. */
export const GLOBAL_OPTIONS: OptionSpecs = {
  json: { type: 'boolean', description: 'Print one JSON document on stdout instead of text.' },
  debug: {
    type: 'boolean',
    description:
      'Log each HTTP call and, on failure, the stack trace to stderr (secrets redacted).',
  },
  help: { type: 'boolean', short: 'h', description: 'Show help for the command.' },
};
