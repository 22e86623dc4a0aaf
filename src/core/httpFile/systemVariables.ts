/** What system variables read: the clock, randomness and the process and `.env` variables. */
export interface SystemVariableDeps {
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** A number in [0, 1). */
  readonly random: () => number;
  readonly randomUuid: () => string;
  readonly processEnv: Readonly<Record<string, string | undefined>>;
  readonly dotenv: Readonly<Record<string, string>>;
  /** The selected environment, for `{{$processEnv %name}}` indirection. */
  readonly environment: Readonly<Record<string, string>>;
}

/** The value of a system variable, or why there is none (`undefined`: not set; `invalid`: misused). */
export type SystemVariableResult =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly kind: 'undefined' | 'invalid'; readonly message: string };

const UNIT_MS: Readonly<Record<string, number>> = {
  w: 7 * 24 * 3600 * 1000,
  d: 24 * 3600 * 1000,
  h: 3600 * 1000,
  m: 60 * 1000,
  s: 1000,
  ms: 1,
};
const SUPPORTED = '$guid, $timestamp, $datetime, $randomInt, $processEnv and $dotenv';

/**
 * Evaluates `{{$guid}}`, `{{$timestamp [offset unit]}}`, `{{$datetime rfc1123|iso8601 [offset
 * unit]}}`, `{{$randomInt min max}}`, `{{$processEnv [%]NAME}}` and `{{$dotenv [%]NAME}}`.
 */
export function resolveSystemVariable(
  name: string,
  args: readonly string[],
  deps: SystemVariableDeps,
): SystemVariableResult {
  switch (name) {
    case '$guid':
      return { ok: true, value: deps.randomUuid() };
    case '$timestamp': {
      const time = offsetTime(deps.now(), args);
      if (time === undefined) {
        return invalid(
          '{{$timestamp}} takes an optional offset like {{$timestamp -1 d}} (units y M w d h m s ms).',
        );
      }
      return { ok: true, value: String(Math.floor(time / 1000)) };
    }
    case '$datetime': {
      const [format, ...offset] = args;
      const time = offsetTime(deps.now(), offset);
      if ((format !== 'rfc1123' && format !== 'iso8601') || time === undefined) {
        return invalid(
          'Write {{$datetime iso8601}} or {{$datetime rfc1123}}, optionally with an offset like 1 d.',
        );
      }
      const date = new Date(time);
      return { ok: true, value: format === 'iso8601' ? date.toISOString() : date.toUTCString() };
    }
    case '$randomInt': {
      const [min, max] = args.map(Number);
      if (
        args.length !== 2 ||
        !Number.isSafeInteger(min) ||
        !Number.isSafeInteger(max) ||
        min === undefined ||
        max === undefined ||
        min >= max
      ) {
        return invalid(
          '{{$randomInt MIN MAX}} needs two integers with MIN < MAX; the result is at least MIN and below MAX.',
        );
      }
      return { ok: true, value: String(min + Math.floor(deps.random() * (max - min))) };
    }
    case '$processEnv':
    case '$dotenv': {
      const source = name === '$processEnv' ? deps.processEnv : deps.dotenv;
      const where =
        name === '$processEnv' ? 'the environment of the process running the toolkit' : '.env';
      const [argument] = args;
      if (args.length !== 1 || argument === undefined) {
        return invalid(`{{${name} NAME}} needs exactly one variable name.`);
      }
      let key = argument;
      if (argument.startsWith('%')) {
        const indirect = argument.slice(1);
        const named = own(deps.environment, indirect);
        if (named === undefined) {
          return {
            ok: false,
            kind: 'undefined',
            message: `'${argument}' needs '${indirect}' in the selected environment; define it there.`,
          };
        }
        key = named;
      }
      const value = own(source, key);
      if (value === undefined) {
        return {
          ok: false,
          kind: 'undefined',
          message: `'${key}' is not set in ${where}; set it or use another variable.`,
        };
      }
      return { ok: true, value };
    }
    default:
      return invalid(`Unknown system variable '${name}'; the toolkit knows ${SUPPORTED}.`);
  }
}

/** An own property of a plain record, so that names like `constructor` never resolve by accident. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function invalid(message: string): SystemVariableResult {
  return { ok: false, kind: 'invalid', message };
}

function offsetTime(now: number, args: readonly string[]): number | undefined {
  if (args.length === 0) return now;
  const [amountText = '', unit = ''] = args;
  if (args.length !== 2 || !/^[+-]?\d+$/.test(amountText)) return undefined;
  const amount = Number(amountText);
  if (unit === 'y' || unit === 'M') {
    const date = new Date(now);
    if (unit === 'y') date.setUTCFullYear(date.getUTCFullYear() + amount);
    else date.setUTCMonth(date.getUTCMonth() + amount);
    const time = date.getTime();
    return Number.isNaN(time) ? undefined : time;
  }
  const step = own(UNIT_MS, unit);
  if (step === undefined) return undefined;
  const time = now + amount * step;
  return Number.isFinite(time) && Math.abs(time) <= 8.64e15 ? time : undefined;
}
