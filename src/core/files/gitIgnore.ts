// A gitignore matcher that runs nothing: patterns are parsed into tokens and matched with the
// greedy wildcard algorithm (time bounded by pattern length times path length, no regular
// expressions to backtrack). Semantics: https://git-scm.com/docs/gitignore#_pattern_format

type Token =
  | { readonly kind: 'char'; readonly char: string }
  | { readonly kind: 'any' }
  | { readonly kind: 'star' }
  | { readonly kind: 'class'; readonly negate: boolean; readonly ranges: readonly string[] };

type Segment = { readonly kind: 'globstar' } | { readonly kind: 'glob'; readonly tokens: Token[] };

/** One line of a .gitignore, info/exclude or core.excludesFile. */
export interface IgnorePattern {
  /** Folder of the file that holds it, relative to the work tree ('' for the top or elsewhere). */
  readonly base: string;
  readonly negate: boolean;
  readonly directoryOnly: boolean;
  /** Matched against the path below `base`; otherwise against the last name only. */
  readonly anchored: boolean;
  readonly segments: readonly Segment[];
}

// Lines longer than this are no real pattern; skipping them keeps matching cheap.
const MAX_PATTERN_LENGTH = 4096;

/** Parses the lines of one ignore file whose folder is `base` (relative, '/'-separated, '' for the top). */
export function parseIgnoreFile(text: string, base: string, ignoreCase = false): IgnorePattern[] {
  const patterns: IgnorePattern[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (raw.length > MAX_PATTERN_LENGTH) continue;
    const pattern = parseLine(ignoreCase ? raw.toLowerCase() : raw, base);
    if (pattern) patterns.push(pattern);
  }
  return patterns;
}

function parseLine(raw: string, base: string): IgnorePattern | undefined {
  if (raw === '' || raw.startsWith('#')) return undefined;
  let line = trimTrailingSpaces(raw);
  let negate = false;
  if (line.startsWith('!')) {
    negate = true;
    line = line.slice(1);
  } else if (line.startsWith('\\!') || line.startsWith('\\#')) {
    line = line.slice(1);
  }
  let directoryOnly = false;
  if (line.endsWith('/') && !line.endsWith('\\/')) {
    directoryOnly = true;
    line = line.replace(/\/+$/, '');
  }
  if (line === '') return undefined;
  const anchored = line.includes('/');
  const parts = line.replace(/^\/+/, '').split('/');
  const segments: Segment[] = parts.map((part) =>
    part === '**' ? { kind: 'globstar' } : { kind: 'glob', tokens: tokenise(part) },
  );
  return { base, negate, directoryOnly, anchored, segments };
}

// Trailing spaces are dropped unless escaped with a backslash.
function trimTrailingSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && line[end - 1] === ' ' && line[end - 2] !== '\\') end--;
  return line.slice(0, end);
}

function tokenise(glob: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const char = glob.charAt(i);
    if (char === '\\' && i + 1 < glob.length) {
      tokens.push({ kind: 'char', char: glob.charAt(++i) });
    } else if (char === '*') {
      if (tokens.at(-1)?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (char === '?') {
      tokens.push({ kind: 'any' });
    } else if (char === '[') {
      const parsed = parseClass(glob, i);
      if (parsed) {
        tokens.push(parsed.token);
        i = parsed.end;
      } else tokens.push({ kind: 'char', char });
    } else {
      tokens.push({ kind: 'char', char });
    }
  }
  return tokens;
}

function parseClass(glob: string, open: number): { token: Token; end: number } | undefined {
  let i = open + 1;
  let negate = false;
  if (glob[i] === '!' || glob[i] === '^') {
    negate = true;
    i++;
  }
  const ranges: string[] = [];
  let first = true;
  while (i < glob.length && (glob[i] !== ']' || first)) {
    first = false;
    let low = glob.charAt(i);
    if (low === '\\' && i + 1 < glob.length) low = glob.charAt(++i);
    let high = low;
    if (glob[i + 1] === '-' && i + 2 < glob.length && glob[i + 2] !== ']') {
      high = glob.charAt(i + 2);
      if (high === '\\' && i + 3 < glob.length) high = glob.charAt(++i + 2);
      i += 2;
    }
    ranges.push(low + high);
    i++;
  }
  if (i >= glob.length) return undefined;
  return { token: { kind: 'class', negate, ranges }, end: i };
}

function tokenMatches(token: Token, char: string): boolean {
  switch (token.kind) {
    case 'char':
      return token.char === char;
    case 'any':
      return true;
    case 'class': {
      const inside = token.ranges.some((range) => char >= range[0]! && char <= range[1]!);
      return inside !== token.negate;
    }
    case 'star':
      return false;
  }
}

// The greedy wildcard match: on a mismatch, go back to the last star and let it take one more
// character. Each star is revisited at most once per text position.
function matchName(tokens: readonly Token[], text: string): boolean {
  let t = 0;
  let s = 0;
  let star = -1;
  let resume = 0;
  while (s < text.length) {
    const token = tokens[t];
    if (token && token.kind === 'star') {
      star = t++;
      resume = s;
    } else if (token && tokenMatches(token, text.charAt(s))) {
      t++;
      s++;
    } else if (star >= 0) {
      t = star + 1;
      s = ++resume;
    } else {
      return false;
    }
  }
  while (tokens[t]?.kind === 'star') t++;
  return t === tokens.length;
}

// The same algorithm one level up: '**' segments match any number of names.
function matchSegments(segments: readonly Segment[], names: readonly string[]): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < names.length) {
    const segment = segments[p];
    if (segment?.kind === 'globstar') {
      star = p++;
      resume = n;
    } else if (segment && matchName(segment.tokens, names[n]!)) {
      p++;
      n++;
    } else if (star >= 0) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (segments[p]?.kind === 'globstar') p++;
  return p === segments.length;
}

function matches(pattern: IgnorePattern, path: string, isDirectory: boolean): boolean {
  if (pattern.directoryOnly && !isDirectory) return false;
  if (pattern.base !== '' && !path.startsWith(`${pattern.base}/`)) return false;
  const below = pattern.base === '' ? path : path.slice(pattern.base.length + 1);
  const names = below.split('/');
  if (!pattern.anchored) {
    const only = pattern.segments[0];
    return only?.kind === 'glob' && matchName(only.tokens, names.at(-1) ?? '');
  }
  // "foo/**" matches what is inside foo, not foo itself.
  if (pattern.segments.at(-1)?.kind === 'globstar' && pattern.segments.length > 1) {
    return (
      matchSegments(pattern.segments, names) && !matchSegments(pattern.segments.slice(0, -1), names)
    );
  }
  return matchSegments(pattern.segments, names);
}

/**
 * Whether `path` (relative to the work tree, '/'-separated) is ignored by `patterns`, given in
 * rising precedence (core.excludesFile, info/exclude, then .gitignore files from the top down).
 * The last matching pattern decides; a file in an ignored folder stays ignored.
 */
export function isIgnored(
  patterns: readonly IgnorePattern[],
  path: string,
  ignoreCase = false,
): boolean {
  const target = ignoreCase ? path.toLowerCase() : path;
  const names = target.split('/');
  for (let depth = 1; depth <= names.length; depth++) {
    const prefix = names.slice(0, depth).join('/');
    const isDirectory = depth < names.length;
    // Patterns of .gitignore files inside the folder being decided do not apply to it.
    let decided = false;
    for (let i = patterns.length - 1; i >= 0; i--) {
      const pattern = patterns[i]!;
      if (pattern.base !== '' && !prefix.startsWith(`${pattern.base}/`)) continue;
      if (matches(pattern, prefix, isDirectory)) {
        decided = !pattern.negate;
        break;
      }
    }
    if (decided) return true;
  }
  return false;
}
