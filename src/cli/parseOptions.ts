import { KnoxToolError } from '../core/toolError';

/** One `--name` option a command takes. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** May be given more than once; the values are collected in order. */
  readonly multiple?: boolean;
  /** A one-letter alias, without the dash. */
  readonly short?: string;
  /** The value's name in help text: FILE, VAR, URL. */
  readonly placeholder?: string;
  readonly description: string;
}

/** A command's options by long name (without the dashes). */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** What `parseOptions` read: option values by long name, and the positional arguments. */
export interface ParsedOptions {
  readonly values: Readonly<Record<string, string | true | readonly string[]>>;
  readonly positionals: readonly string[];
}

/**
 * Reads `--name value`, `--name=value`, boolean `--flag`, `-x` aliases and `--` (everything after
 * it is positional); a lone `-` is a positional (stdin). Throws KnoxToolError 'INVALID_INPUT' for
 * an unknown option, a missing value, a value given to a flag, or an option given twice.
 */
export function parseOptions(argv: readonly string[], specs: OptionSpecs): ParsedOptions {
  const values: Record<string, string | true | string[]> = {};
  const positionals: string[] = [];
  const byShort = new Map(
    Object.entries(specs).flatMap(([name, spec]) =>
      spec.short === undefined ? [] : [[spec.short, name] as const],
    ),
  );

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const long = arg.startsWith('--');
    const equals = long ? arg.indexOf('=') : -1;
    const written = equals === -1 ? arg : arg.slice(0, equals);
    const name = long ? written.slice(2) : byShort.get(written.slice(1));
    const spec = name === undefined ? undefined : specs[name];
    if (name === undefined || spec === undefined) throw unknownOption(written, specs);

    let value: string | true;
    if (spec.type === 'boolean') {
      if (equals !== -1) {
        throw usage(`${written} is a switch and takes no value; write ${written} alone.`);
      }
      value = true;
    } else if (equals !== -1) {
      value = arg.slice(equals + 1);
    } else {
      const next = argv[i + 1];
      // A value that looks like an option is a forgotten value, not a value (`-` is stdin).
      if (next === undefined || (next.startsWith('-') && next !== '-')) {
        // `-Kq3…` is no option name: most likely a value (a secret, a token) that starts with '-'.
        const dashedValue = next !== undefined && !/^--?[a-z][a-z0-9-]*$/.test(next);
        throw usage(
          `${written} needs a value (${spec.placeholder ?? 'VALUE'}).${dashedValue ? ` For a value that starts with "-", write ${written}=VALUE.` : ''}`,
        );
      }
      value = next;
      i++;
    }
    if (spec.type === 'string' && value === '') {
      throw usage(`${written} is empty; give it a value (${spec.placeholder ?? 'VALUE'}).`);
    }

    const previous = values[name];
    if (spec.multiple) {
      values[name] = [...(Array.isArray(previous) ? previous : []), value as string];
    } else if (previous !== undefined) {
      throw usage(`--${name} is given more than once; give it once.`);
    } else {
      values[name] = value;
    }
  }
  return { values, positionals };
}

/** The value of a string option, or undefined when it was not given. */
export function stringOption(parsed: ParsedOptions, name: string): string | undefined {
  const value = parsed.values[name];
  if (typeof value === 'string') return value;
  return isList(value) ? value.at(-1) : undefined;
}

/** Every value of a repeatable string option ([] when it was not given). */
export function stringListOption(parsed: ParsedOptions, name: string): readonly string[] {
  const value = parsed.values[name];
  if (isList(value)) return value;
  return typeof value === 'string' ? [value] : [];
}

function isList(value: string | true | readonly string[] | undefined): value is readonly string[] {
  return Array.isArray(value);
}

/** True when a boolean option was given. */
export function flagOption(parsed: ParsedOptions, name: string): boolean {
  return parsed.values[name] === true;
}

/** A string option that must be there; throws 'INVALID_INPUT' naming it when missing. */
export function requiredOption(parsed: ParsedOptions, name: string, specs: OptionSpecs): string {
  const value = stringOption(parsed, name);
  if (value !== undefined) return value;
  const placeholder = specs[name]?.placeholder ?? 'VALUE';
  throw usage(`--${name} ${placeholder} is required.`);
}

/** A whole number option within [min, max], or undefined; throws 'INVALID_INPUT' otherwise. */
export function integerOption(
  parsed: ParsedOptions,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const text = stringOption(parsed, name);
  if (text === undefined) return undefined;
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw usage(`--${name} must be a whole number from ${min} to ${max}, not "${text}".`);
  }
  return value;
}

/** Throws 'INVALID_INPUT' when more than one of `names` was given. */
export function atMostOneOf(parsed: ParsedOptions, names: readonly string[]): void {
  const given = names.filter((name) => parsed.values[name] !== undefined);
  if (given.length > 1) {
    throw usage(`${given.map((n) => `--${n}`).join(' and ')} exclude each other; give one.`);
  }
}

function usage(message: string): KnoxToolError {
  return new KnoxToolError('INVALID_INPUT', message);
}

function unknownOption(written: string, specs: OptionSpecs): KnoxToolError {
  // Only the option's name is echoed, never a value: `--secret=...` typos must not reach stderr.
  const name = written.replace(/^-+/, '');
  const shown = /^[A-Za-z0-9-]{1,40}$/.test(name) ? written : 'an option';
  const guess = closest(name, Object.keys(specs));
  return usage(`Unknown option ${shown}.${guess === undefined ? '' : ` Did you mean --${guess}?`}`);
}

/** The candidate nearest to `word` by edit distance, when it is near enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

// Optimal string alignment distance: edits plus swaps of neighbours ("kyes" is 1 from "keys").
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const above = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}
