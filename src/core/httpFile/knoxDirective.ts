import { httpDiagnostic } from './httpDiagnostic';
import type { HttpDiagnostic } from './httpDiagnostic';

/** The `# @knox key=value ...` settings of a file or a request, later lines overriding earlier. */
export interface KnoxDirective {
  /** `profile=NAME`: the Knox profile whose token and base URL the request uses. */
  readonly profile: string | undefined;
  /** Every pair, `profile` included; keys the toolkit does not know yet are kept. */
  readonly pairs: Readonly<Record<string, string>>;
  /** 0-based lines of the `@knox` lines that contributed. */
  readonly lines: readonly number[];
}

const KEY = /^[A-Za-z][\w.-]*$/;
const MAX_LINE_LENGTH = 4096;

/**
 * Reads the `key=value` pairs of one `@knox` line (`text` starts at `column` of `line`). A value
 * with spaces is double-quoted or runs on to the next `key=` (`profile=Sandbox OAuth`). A bad
 * pair becomes a diagnostic and is left out.
 */
export function parseKnoxPairs(
  text: string,
  line: number,
  column: number,
): {
  readonly pairs: readonly (readonly [string, string])[];
  readonly diagnostics: HttpDiagnostic[];
} {
  const pairs: [string, string][] = [];
  const diagnostics: HttpDiagnostic[] = [];
  // Real settings fit in a short line; a huge one would bury the editor in diagnostics.
  if (text.length > MAX_LINE_LENGTH) {
    diagnostics.push(
      httpDiagnostic(
        line,
        column,
        column + text.length,
        'error',
        `This @knox line is ${text.length} characters long, over the ${MAX_LINE_LENGTH} a line may have; keep it to settings such as profile=NAME.`,
      ),
    );
    return { pairs, diagnostics };
  }
  const seen = new Set<string>();
  // The last pair while its unquoted value may still go on: `profile=Sandbox OAuth`.
  let open: { index: number; valueStart: number } | undefined;
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
    if (i >= text.length) break;
    const start = i;
    let quoted = false;
    let unterminated = false;
    while (i < text.length && (quoted || !/\s/.test(text[i] ?? ''))) {
      if (text[i] === '"') quoted = !quoted;
      i++;
    }
    if (quoted) unterminated = true;
    const token = text.slice(start, i);
    const bad = (message: string): void => {
      diagnostics.push(httpDiagnostic(line, column + start, column + i, 'error', message));
    };
    const equals = token.indexOf('=');
    const key = equals < 0 ? token : token.slice(0, equals);
    let value = equals < 0 ? '' : token.slice(equals + 1);
    if (equals < 0 && open && !token.includes('"')) {
      const pair = pairs[open.index];
      if (pair) pair[1] = text.slice(open.valueStart, i);
      continue;
    }
    open = undefined;
    if (equals < 0) {
      bad(
        `'${token}' is not a key=value pair; write profile=NAME (a name with spaces: profile="My Profile").`,
      );
      continue;
    }
    if (!KEY.test(key)) {
      bad(`'${key}' is not a valid @knox key; use letters, digits, '.', '-' or '_', like profile.`);
      continue;
    }
    if (unterminated) {
      bad(`The value of '${key}' has no closing quote; add the closing ".`);
      continue;
    }
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
      value = value.slice(1, -1);
    if (value === '' || value.includes('"')) {
      bad(`'${key}' needs a value: write ${key}=VALUE (quote it if it has spaces).`);
      continue;
    }
    if (seen.has(key)) {
      diagnostics.push(
        httpDiagnostic(
          line,
          column + start,
          column + i,
          'warning',
          `'${key}' is set twice on this line; the last value wins. Remove one.`,
        ),
      );
    }
    seen.add(key);
    if (!token.slice(equals + 1).startsWith('"'))
      open = { index: pairs.length, valueStart: start + equals + 1 };
    pairs.push([key, value]);
  }
  if (pairs.length === 0 && diagnostics.length === 0) {
    diagnostics.push(
      httpDiagnostic(
        line,
        column,
        column + text.length,
        'warning',
        '@knox has no settings; add key=value pairs such as profile=NAME.',
      ),
    );
  }
  return { pairs, diagnostics };
}

/** Folds the pairs of several `@knox` lines into one directive, later pairs winning. */
export function knoxDirectiveOf(
  entries: readonly {
    readonly line: number;
    readonly pairs: readonly (readonly [string, string])[];
  }[],
): KnoxDirective | undefined {
  const contributing = entries.filter((entry) => entry.pairs.length > 0);
  if (contributing.length === 0) return undefined;
  const pairs = new Map<string, string>();
  for (const entry of contributing) for (const [key, value] of entry.pairs) pairs.set(key, value);
  return {
    profile: pairs.get('profile'),
    pairs: Object.fromEntries(pairs),
    lines: contributing.map((entry) => entry.line),
  };
}
