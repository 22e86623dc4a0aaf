/** What kind of JSON value a member holds. */
export type JsonValueKind = 'string' | 'number' | 'literal' | 'object' | 'array';

/** One member of a JSON object, located in the text. Offsets are UTF-16 indexes. */
export interface JsonMember {
  readonly key: string;
  /** Where the value starts (its opening quote or bracket) and ends (exclusive). */
  readonly start: number;
  readonly end: number;
  readonly kind: JsonValueKind;
  /** The members of an object value, when `expand` asked for them. */
  readonly members?: readonly JsonMember[];
}

const TAB = 9;
const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;
const SPACE = 32;
const QUOTE = 34;
const STAR = 42;
const COMMA = 44;
const MINUS = 45;
const SLASH = 47;
const ZERO = 48;
const NINE = 57;
const COLON = 58;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const BOM = 0xfeff;

/**
 * Lists the members of the JSON object `text` holds, with their offsets, without parsing the
 * values: nested values are skipped in one pass, so a 5 MB body costs a few milliseconds.
 * The members of a top-level object value are listed too when `expand(key)` says so. Tolerates JSONC
 * comments and trailing commas. Returns undefined when the text is not one JSON object.
 */
export function scanJsonMembers(
  text: string,
  expand: (key: string) => boolean = () => false,
): readonly JsonMember[] | undefined {
  const n = text.length;
  let i = 0;

  const skipSpace = (): boolean => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === LINE_FEED || c === CARRIAGE_RETURN || c === TAB || c === BOM) {
        i++;
      } else if (c === SLASH) {
        if (!skipComment()) return false;
      } else {
        return true;
      }
    }
    return true;
  };

  const skipComment = (): boolean => {
    const end = commentEnd(text, i);
    if (end === -1) return false;
    i = end;
    return true;
  };

  // i is on the opening quote; leaves i after the closing one.
  const skipString = (): boolean => {
    const end = stringEnd(text, i);
    if (end === -1) return false;
    i = end;
    return true;
  };

  // i is on '{' or '['; leaves i after the matching bracket.
  const skipContainer = (): boolean => {
    const end = containerEnd(text, i);
    if (end === -1) return false;
    i = end;
    return true;
  };

  const skipScalar = (): boolean => {
    const start = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (
        c === COMMA ||
        c === CLOSE_BRACE ||
        c === CLOSE_BRACKET ||
        c === SPACE ||
        c === LINE_FEED ||
        c === CARRIAGE_RETURN ||
        c === TAB ||
        c === SLASH
      ) {
        break;
      }
      i++;
    }
    return i > start;
  };

  // i is on '{'; leaves i after the matching '}'.
  const scanObject = (depth: number): JsonMember[] | undefined => {
    i++;
    const members: JsonMember[] = [];
    for (;;) {
      if (!skipSpace()) return undefined;
      const c = text.charCodeAt(i);
      if (c === CLOSE_BRACE) {
        i++;
        return members;
      }
      if (c !== QUOTE) return undefined;
      const keyStart = i;
      if (!skipString()) return undefined;
      const key = decodeKey(text.slice(keyStart, i));
      if (key === undefined) return undefined;
      if (!skipSpace() || text.charCodeAt(i) !== COLON) return undefined;
      i++;
      if (!skipSpace()) return undefined;
      const start = i;
      const v = text.charCodeAt(i);
      let kind: JsonValueKind;
      let nested: JsonMember[] | undefined;
      if (v === QUOTE) {
        kind = 'string';
        if (!skipString()) return undefined;
      } else if (v === OPEN_BRACE) {
        kind = 'object';
        if (depth < 1 && expand(key)) {
          nested = scanObject(depth + 1);
          if (nested === undefined) return undefined;
        } else if (!skipContainer()) return undefined;
      } else if (v === OPEN_BRACKET) {
        kind = 'array';
        if (!skipContainer()) return undefined;
      } else {
        kind = v === MINUS || (v >= ZERO && v <= NINE) ? 'number' : 'literal';
        if (!skipScalar()) return undefined;
      }
      members.push({
        key,
        start,
        end: i,
        kind,
        ...(nested === undefined ? {} : { members: nested }),
      });
      if (!skipSpace()) return undefined;
      const after = text.charCodeAt(i);
      if (after === COMMA) {
        i++;
      } else if (after !== CLOSE_BRACE) {
        return undefined;
      }
    }
  };

  if (!skipSpace() || text.charCodeAt(i) !== OPEN_BRACE) return undefined;
  const members = scanObject(0);
  if (members === undefined || !skipSpace() || i !== n) return undefined;
  return members;
}

function decodeKey(quoted: string): string | undefined {
  if (!quoted.includes('\\')) return quoted.slice(1, -1);
  try {
    const key: unknown = JSON.parse(quoted);
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}

// The scanners below use locals only (no captured variables), which keeps V8's loops tight.

/** The index after the comment starting at `start`, or -1 if none starts there or it is open. */
function commentEnd(text: string, start: number): number {
  const next = text.charCodeAt(start + 1);
  if (next === SLASH) {
    const eol = text.indexOf('\n', start + 2);
    return eol === -1 ? text.length : eol + 1;
  }
  if (next === STAR) {
    const close = text.indexOf('*/', start + 2);
    return close === -1 ? -1 : close + 2;
  }
  return -1;
}

/** The index after the string whose opening quote is at `start`, or -1 if it never closes. */
function stringEnd(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) return -1;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** The index after the bracket that closes the one at `start`, or -1. Inner syntax is not checked. */
function containerEnd(text: string, start: number): number {
  const n = text.length;
  let depth = 0;
  let i = start;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i);
      if (i === -1) return -1;
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return i + 1;
    } else if (c === SLASH) {
      i = commentEnd(text, i);
      if (i === -1) return -1;
      continue;
    }
    i++;
  }
  return -1;
}
