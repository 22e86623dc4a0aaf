const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*=\s*([\s\S]*)$/;
const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '"': '"',
  '\\': '\\',
};

/**
 * Reads a `.env` file: `KEY=VALUE` lines, optional `export `, `#` comments (also after an
 * unquoted value, when preceded by a space), and '…', "…" (with \n escapes) or `…` values that
 * may span lines. Lines that are not assignments are skipped; a later KEY wins.
 */
export function parseDotEnv(text: string): Readonly<Record<string, string>> {
  const lines = (text.startsWith('\uFEFF') ? text.slice(1) : text).split(/\r\n|\r|\n/);
  const values = new Map<string, string>();
  // A quote left open reaches the end of the file, so no later value in that quote can close:
  // remembering it keeps hostile files linear.
  const unterminated = new Set<string>();
  for (let index = 0; index < lines.length; index++) {
    const match = ASSIGNMENT.exec(lines[index] ?? '');
    if (match?.[1] === undefined) continue;
    const key = match[1];
    const rest = match[2] ?? '';
    const quote = rest[0];
    if ((quote === '"' || quote === "'" || quote === '`') && !unterminated.has(quote)) {
      const quoted = readQuoted(lines, index, rest, quote);
      if (quoted) {
        values.set(key, quoted.value);
        index = quoted.lastLine;
        continue;
      }
      unterminated.add(quote);
    }
    values.set(key, withoutComment(rest).trim());
  }
  return Object.fromEntries(values);
}

// A `#` starts a comment in an unquoted value only after whitespace, so `URL=a/#b` keeps its `#b`.
function withoutComment(value: string): string {
  for (let hash = value.indexOf('#'); hash >= 0; hash = value.indexOf('#', hash + 1)) {
    if (/\s/.test(value[hash - 1] ?? '')) return value.slice(0, hash);
  }
  return value;
}

function readQuoted(
  lines: readonly string[],
  index: number,
  rest: string,
  quote: string,
): { value: string; lastLine: number } | undefined {
  for (let line = index; line < lines.length; line++) {
    const text = line === index ? rest.slice(1) : (lines[line] ?? '');
    const close = closingQuote(text, quote);
    if (close < 0) continue;
    const raw =
      line === index
        ? text.slice(0, close)
        : [rest.slice(1), ...lines.slice(index + 1, line), text.slice(0, close)].join('\n');
    return { value: quote === '"' ? unescape(raw) : raw, lastLine: line };
  }
  return undefined;
}

function closingQuote(text: string, quote: string): number {
  for (let i = 0; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

function unescape(raw: string): string {
  return raw.replace(/\\(.)/g, (all, char: string) => ESCAPES[char] ?? all);
}

/** Largest `.env` file read, in bytes; a larger one is skipped. */
export const MAX_DOTENV_BYTES = 1024 * 1024;

/** Reads one `.env` file: its size first (to skip a huge one), then its text. */
export interface DotEnvReader {
  size(location: string): Promise<number>;
  read(location: string): Promise<string>;
}

/**
 * The variables of the `.env` files at `locations`, in order, a later file winning: the workspace
 * root's, then the one beside the `.http` file. Missing, unreadable or oversized files are skipped.
 */
export async function readDotEnvFiles(
  locations: readonly string[],
  reader: DotEnvReader,
): Promise<Readonly<Record<string, string>>> {
  let values: Record<string, string> = {};
  for (const location of new Set(locations)) {
    try {
      if ((await reader.size(location)) > MAX_DOTENV_BYTES) continue;
      values = { ...values, ...parseDotEnv(await reader.read(location)) };
    } catch {
      // No .env there.
    }
  }
  return values;
}
