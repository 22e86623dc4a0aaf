import { isKnoxToolError, KnoxToolError } from '../core/toolError';
import { nodeFetch } from '../core/http/fetchLike';
import { Redactor } from '../core/log/redact';
import type { CliCommand, CliContext, CommandOutput } from './cliCommand';
import { GLOBAL_OPTIONS } from './cliCommand';
import type { CliIo } from './cliIo';
import { CLI_COMMANDS } from './commandTable';
import { debugFetch } from './debugFetch';
import { EXIT, exitCodeFor } from './exitCode';
import { formatCommandHelp, formatGroupHelp, formatOverview } from './helpText';
import { isKnoxErrorResult, refusalJson } from './knoxRefusal';
import { closest, parseOptions } from './parseOptions';

/** The version `knox --version` prints and the commands it knows (all of them by default). */
export interface RunCliOptions {
  readonly version: string;
  readonly commands?: readonly CliCommand[];
}

type Route =
  | { readonly kind: 'overview'; readonly toStderr: boolean }
  | { readonly kind: 'version' }
  | { readonly kind: 'group'; readonly group: string }
  | { readonly kind: 'commandHelp'; readonly command: CliCommand }
  | { readonly kind: 'command'; readonly command: CliCommand; readonly rest: readonly string[] };

const LEADING_FLAGS = new Set(['--json', '--debug', '--help', '-h', '--version', '-V']);

/**
 * Runs one `knox` command line and returns its exit status: 0 success, 1 a Knox or network
 * failure, 2 a usage or input error, 130 interrupted. Never throws; every error becomes one
 * redacted line on stderr (and, with `--json`, an `{"error": ...}` document on stdout).
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  options: RunCliOptions,
): Promise<number> {
  const commands = options.commands ?? CLI_COMMANDS;
  const end = argv.indexOf('--');
  const flags = new Set(end === -1 ? argv : argv.slice(0, end));
  const json = flags.has('--json');
  const debugging = flags.has('--debug');
  const redactor = new Redactor();
  const stderrLine = (text: string): void => io.stderr(`${redactor.redact(text)}\n`);
  const fetch = io.fetch ?? nodeFetch;
  const context: CliContext = {
    io,
    json,
    redactor,
    fetch: debugging
      ? debugFetch(fetch, (line) => stderrLine(`knox: debug: ${line}`), io.now)
      : fetch,
    warn: (message) => stderrLine(`knox: warning: ${message}`),
    note: (message) => stderrLine(`knox: ${message}`),
    debug: (message) => {
      if (debugging) stderrLine(`knox: debug: ${message}`);
    },
  };

  let route: Route;
  try {
    route = routeOf(argv, commands, flags);
  } catch (e) {
    return fail(e, context, debugging, undefined);
  }
  switch (route.kind) {
    case 'overview':
      (route.toStderr ? io.stderr : io.stdout)(`${formatOverview(commands, options.version)}\n`);
      return route.toStderr ? EXIT.usage : EXIT.ok;
    case 'version':
      io.stdout(
        json ? `${JSON.stringify({ version: options.version })}\n` : `${options.version}\n`,
      );
      return EXIT.ok;
    case 'group':
      io.stdout(`${formatGroupHelp(route.group, commandsOf(route.group, commands))}\n`);
      return EXIT.ok;
    case 'commandHelp':
      io.stdout(`${formatCommandHelp(route.command)}\n`);
      return EXIT.ok;
    case 'command':
      return runCommand(route.command, route.rest, context, debugging);
  }
}

async function runCommand(
  command: CliCommand,
  rest: readonly string[],
  context: CliContext,
  debugging: boolean,
): Promise<number> {
  let output: CommandOutput;
  try {
    let args;
    try {
      args = parseOptions(rest, { ...command.options, ...GLOBAL_OPTIONS });
      checkPositionals(command, args.positionals.length);
    } catch (e) {
      throw isKnoxToolError(e, 'INVALID_INPUT')
        ? new KnoxToolError(
            'INVALID_INPUT',
            `${e.message} Run knox ${command.name} --help for usage.`,
          )
        : e;
    }
    output = await command.run(args, context);
  } catch (e) {
    return fail(e, context, debugging, command);
  }
  if (context.json) {
    if (output.json !== undefined) context.io.stdout(`${JSON.stringify(output.json)}\n`);
  } else if (output.text !== undefined) {
    context.io.stdout(`${output.text}\n`);
  }
  return output.exitCode ?? EXIT.ok;
}

function routeOf(
  argv: readonly string[],
  commands: readonly CliCommand[],
  flags: ReadonlySet<string>,
): Route {
  const wantsHelp = flags.has('--help') || flags.has('-h');
  let at = 0;
  while (at < argv.length && LEADING_FLAGS.has(argv[at] ?? '')) at++;
  const word = argv[at];
  if (word === undefined) {
    if (flags.has('--version') || flags.has('-V')) return { kind: 'version' };
    return { kind: 'overview', toStderr: !wantsHelp };
  }
  if (word.startsWith('-')) {
    throw new KnoxToolError(
      'INVALID_INPUT',
      'Options go after the command: knox <command> [options]. Run knox --help for the commands.',
    );
  }
  if (word === 'help') {
    const words = argv.slice(at + 1).filter((a) => !a.startsWith('-'));
    if (words.length === 0) return { kind: 'overview', toStderr: false };
    const found = findCommand(words, commands);
    if (found !== undefined) return { kind: 'commandHelp', command: found.command };
    const group = words[0] ?? '';
    if (isGroup(group, commands)) return { kind: 'group', group };
    throw unknownCommand(words.join(' '), commands);
  }
  const found = findCommand(argv.slice(at), commands);
  if (found !== undefined) {
    if (wantsHelp) return { kind: 'commandHelp', command: found.command };
    const rest = [...argv.slice(0, at), ...argv.slice(at + found.words)];
    return { kind: 'command', command: found.command, rest };
  }
  if (isGroup(word, commands)) {
    if (wantsHelp) return { kind: 'group', group: word };
    const next = argv[at + 1];
    const names = commandsOf(word, commands).map((c) => c.name.slice(word.length + 1));
    if (next === undefined || next.startsWith('-')) {
      throw new KnoxToolError(
        'INVALID_INPUT',
        `knox ${word} needs a command: ${names.join(', ')}. Run knox help ${word} for details.`,
      );
    }
    throw unknownCommand(`${word} ${next}`, commands);
  }
  throw unknownCommand(word, commands);
}

function findCommand(
  words: readonly string[],
  commands: readonly CliCommand[],
): { readonly command: CliCommand; readonly words: number } | undefined {
  const two = words.slice(0, 2).join(' ');
  const byTwo = commands.find((c) => c.name === two);
  if (byTwo !== undefined) return { command: byTwo, words: 2 };
  const byOne = commands.find((c) => c.name === words[0]);
  return byOne === undefined ? undefined : { command: byOne, words: 1 };
}

function isGroup(word: string, commands: readonly CliCommand[]): boolean {
  return commandsOf(word, commands).length > 0;
}

function commandsOf(group: string, commands: readonly CliCommand[]): readonly CliCommand[] {
  return commands.filter((c) => c.name.startsWith(`${group} `));
}

function unknownCommand(words: string, commands: readonly CliCommand[]): KnoxToolError {
  const shown = /^[\w -]{1,40}$/.test(words) ? `"${words}"` : 'given';
  const guess = closest(
    words,
    commands.map((c) => c.name),
  );
  return new KnoxToolError(
    'INVALID_INPUT',
    `Unknown command ${shown}.${guess === undefined ? '' : ` Did you mean "knox ${guess}"?`} Run knox --help for the commands.`,
  );
}

function checkPositionals(command: CliCommand, count: number): void {
  const names = command.positionals?.names ?? [];
  const required = command.positionals?.required ?? 0;
  if (count < required) {
    throw new KnoxToolError(
      'INVALID_INPUT',
      `${names[count] ?? 'An argument'} is missing: knox ${command.usage}.`,
    );
  }
  // Extra words are not echoed: they are often a secret typed where an option was meant.
  if (count > names.length && command.positionals?.variadic !== true) {
    throw new KnoxToolError(
      'INVALID_INPUT',
      names.length === 0
        ? `knox ${command.name} takes no arguments besides options, but got ${count}.`
        : `knox ${command.name} takes ${names.join(' ')}, but got ${count} arguments.`,
    );
  }
}

function fail(
  error: unknown,
  context: CliContext,
  debugging: boolean,
  command: CliCommand | undefined,
): number {
  const exitCode = exitCodeFor(error);
  const message = isKnoxToolError(error)
    ? error.code === 'ABORTED'
      ? 'Interrupted.'
      : error.message
    : `Unexpected failure${command ? ` in knox ${command.name}` : ''}: ${error instanceof Error ? error.message : String(error)}. Run again with --debug and report a bug.`;
  const line = message.replace(/\s*[\r\n]+\s*/g, ' ');
  const redact = (text: string): string => context.redactor.redact(text);
  context.io.stderr(`knox: ${redact(line)}\n`);
  if (debugging) context.io.stderr(`${redact(describeChain(error))}\n`);
  if (context.json) {
    const cause = isKnoxToolError(error, 'KNOX_REJECTED') ? error.cause : undefined;
    const document = {
      error: {
        code: isKnoxToolError(error) ? error.code : 'INTERNAL',
        message: line,
        exitCode,
        ...(isKnoxErrorResult(cause) ? { knox: refusalJson(cause) } : {}),
      },
    };
    context.io.stdout(`${redact(JSON.stringify(document))}\n`);
  }
  return exitCode;
}

// The stack of the error and of each cause, for --debug; the caller redacts it.
function describeChain(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (current instanceof Error) {
      const code = isKnoxToolError(current) ? ` [${current.code}]` : '';
      lines.push(
        `${depth === 0 ? '' : 'Caused by: '}${current.stack ?? `${current.name}: ${current.message}`}${code}`,
      );
      current = current.cause;
    } else {
      const shown = isKnoxErrorResult(current) ? refusalJson(current) : current;
      lines.push(`Caused by: ${JSON.stringify(shown)}`);
      break;
    }
  }
  return lines.join('\n');
}
