import type { CliCommand } from './cliCommand';
import { GLOBAL_OPTIONS } from './cliCommand';
import { formatFields, wrap } from './formatFields';
import type { OptionSpecs } from './parseOptions';

const WIDTH = 100;

/** `knox help <command>`: synopsis, description, options, global options and examples. */
export function formatCommandHelp(command: CliCommand): string {
  const sections = [`Usage: knox ${command.usage}`, wrap(command.description, WIDTH).join('\n')];
  if (Object.keys(command.options).length > 0) {
    sections.push(`Options:\n${formatOptions(command.options)}`);
  }
  sections.push(`Global options:\n${formatOptions(GLOBAL_OPTIONS)}`);
  if (command.examples && command.examples.length > 0) {
    sections.push(`Examples:\n${command.examples.map((e) => `  ${e}`).join('\n')}`);
  }
  return sections.join('\n\n');
}

/** `knox --help`: what the tool is, every command with its summary, exit codes and secrets. */
export function formatOverview(commands: readonly CliCommand[], version: string): string {
  return [
    `knox ${version}: Samsung Knox Cloud Services from the command line (keys, signed tokens, OAuth, errors, sandbox).`,
    'Usage: knox <command> [options]\n       knox help <command>',
    `Commands:\n${formatFields(
      commands.map((c) => [c.name, c.summary]),
      '  ',
      WIDTH,
    )}`,
    `Global options:\n${formatOptions({
      ...GLOBAL_OPTIONS,
      version: { type: 'boolean', short: 'V', description: 'Print the version.' },
    })}`,
    `Exit status:\n${formatFields(
      [
        ['0', 'success'],
        ['1', 'Knox refused, the network failed, or the code or endpoint is unknown'],
        ['2', 'bad usage or input (a missing option, an unreadable key file, a malformed token)'],
        ['130', 'interrupted (Ctrl+C)'],
      ],
      '  ',
      WIDTH,
    )}`,
    wrap(
      'Secrets (client identifiers, client secrets, tokens) are read from files (--...-file FILE, - for stdin) or environment variables (--...-env VAR). Given directly on the command line they work, with a warning: other processes can see them.',
      WIDTH,
    ).join('\n'),
  ].join('\n\n');
}

/** `knox sign --help`: the commands of a group such as `sign` or `oauth`. */
export function formatGroupHelp(group: string, commands: readonly CliCommand[]): string {
  return [
    `Usage: knox ${group} <${commands.map((c) => c.name.slice(group.length + 1)).join('|')}> [options]`,
    `Commands:\n${formatFields(
      commands.map((c) => [c.name, c.summary]),
      '  ',
      WIDTH,
    )}`,
    `Run knox help ${group} <command> for its options.`,
  ].join('\n\n');
}

function formatOptions(options: OptionSpecs): string {
  return formatFields(
    Object.entries(options).map(([name, spec]) => {
      const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}`;
      const placeholder = spec.type === 'string' ? ` ${spec.placeholder ?? 'VALUE'}` : '';
      return [`${flag}${placeholder}`, spec.description];
    }),
    '  ',
    WIDTH,
  );
}
