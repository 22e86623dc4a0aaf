import { resolve } from 'node:path';
import { FILE_LIMITS, readBoundedText } from '../core/files/readBoundedFile';
import { KnoxToolError } from '../core/toolError';
import type { CliContext } from './cliCommand';
import type { OptionSpecs, ParsedOptions } from './parseOptions';
import { stringOption } from './parseOptions';

/** A secret a command reads: its option stem ('client-secret') and what it is, for messages. */
export interface SecretInput {
  /** `--<option>`, `--<option>-file` and `--<option>-env` are its three sources. */
  readonly option: string;
  /** 'the OAuth client secret' */
  readonly what: string;
  /** The value's name in help: ID, SECRET, TOKEN. */
  readonly placeholder: string;
}

/** The most bytes a secret or token read from a file or standard input may hold. */
export const MAX_INPUT_BYTES = FILE_LIMITS.secret;

/** The three options of a secret: the value itself (warned about), a file, or an environment variable. */
export function secretOptions(secret: SecretInput): OptionSpecs {
  return {
    [`${secret.option}-file`]: {
      type: 'string',
      placeholder: 'FILE',
      description: `Read ${secret.what} from FILE (- for stdin).`,
    },
    [`${secret.option}-env`]: {
      type: 'string',
      placeholder: 'VAR',
      description: `Read ${secret.what} from the environment variable VAR.`,
    },
    [secret.option]: {
      type: 'string',
      placeholder: secret.placeholder,
      description: `${capitalise(secret.what)} itself (visible to other processes: prefer -file or -env).`,
    },
  };
}

/**
 * Reads a secret from exactly one of its sources and remembers it for redaction. A value given on
 * the command line works but prints a warning. Throws 'INVALID_INPUT' when none or more than one
 * is given, or the file or variable is missing or empty.
 */
export async function readSecret(
  args: ParsedOptions,
  secret: SecretInput,
  context: CliContext,
): Promise<string> {
  const value = await readOptionalSecret(args, secret, context);
  if (value !== undefined) return value;
  throw usage(
    `${capitalise(secret.what)} is required: give --${secret.option}-file FILE or --${secret.option}-env VAR.`,
  );
}

/** As `readSecret`, but undefined when none of the secret's options is given. */
export async function readOptionalSecret(
  args: ParsedOptions,
  secret: SecretInput,
  context: CliContext,
): Promise<string | undefined> {
  const { option, what } = secret;
  const direct = stringOption(args, option);
  const file = stringOption(args, `${option}-file`);
  const env = stringOption(args, `${option}-env`);
  const given = [direct, file, env].filter((v) => v !== undefined).length;
  if (given > 1) {
    throw usage(
      `Give ${what} once: --${option}, --${option}-file and --${option}-env exclude each other.`,
    );
  }
  let value: string | undefined;
  if (direct !== undefined) {
    context.warn(
      `--${option} puts ${what} on the command line, where other processes and shell history can see it. Use --${option}-file FILE or --${option}-env VAR.`,
    );
    value = direct.trim();
  } else if (file !== undefined) {
    value = (await readInputFile(file, what, context)).trim();
    if (value === '') throw usage(`${describePath(file)} is empty; it should hold ${what}.`);
  } else if (env !== undefined) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(env)) {
      throw usage(
        `--${option}-env takes the name of an environment variable (such as KNOX_SECRET), not its value.`,
      );
    }
    value = context.io.env[env]?.trim();
    if (value === undefined || value === '') {
      throw usage(
        `The environment variable ${env} (--${option}-env) is not set or empty; set it to ${what}.`,
      );
    }
  }
  context.redactor.remember(value);
  return value;
}

/**
 * Reads a text file named on the command line (relative to the working folder; `-` is stdin): a
 * regular file of at most `maxBytes` (1 MB by default). Throws 'INVALID_INPUT' naming the path and the limit or the
 * system's error code when it cannot be read.
 */
export async function readInputFile(
  path: string,
  what: string,
  context: CliContext,
  maxBytes: number = MAX_INPUT_BYTES,
): Promise<string> {
  if (path === '-') return context.io.readStdin(maxBytes, what);
  return readBoundedText(resolve(context.io.cwd, path), {
    maxBytes,
    what,
    label: path,
  });
}

function describePath(path: string): string {
  return path === '-' ? 'Standard input' : path;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function usage(message: string): KnoxToolError {
  return new KnoxToolError('INVALID_INPUT', message);
}
