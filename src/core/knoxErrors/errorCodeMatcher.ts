import type { ErrorCodeEntry } from '../catalogs/errorCatalog';
import { ERROR_CATALOG } from '../catalogs/errorCatalog';
import { findErrorCode } from '../catalogs/errorLookup';

/** A mention of a catalogued code in one line: `text` is line.slice(start, end). */
export interface ErrorCodeMatch {
  readonly start: number;
  readonly end: number;
  readonly entry: ErrorCodeEntry;
  readonly text: string;
}

// Whole tokens only: not inside a longer number or identifier, nor a version ("v1.4032251")
// or a hyphenated id ("4032251-ab").
const KNOX_CODE = /(?<!\w|\w[.-])\d{7,8}(?!\w|[.-]\w)/g;
const ACCOUNT_CODE = /(?<!\w)(?:AUT|LIC)_\d{4}(?!\w)/g;
const CONSTANT = /(?<!\w)[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?!\w)/g;
// A bare three-digit status is a code only where something says it is a status.
const STATUS_CONTEXTS: readonly RegExp[] = [
  /\bHTTP(?:\/\d(?:\.\d)?)?[ \t]+(\d{3})(?!\w|\.\d)/dg,
  /(?<!\w)["']?(?:http[ _]?)?status(?:[ _]?code)?["']?\s*(?::|={1,3}|!={1,2}|\()\s*["']?(\d{3})(?!\w|\.\d)/dgi,
  /(?<!\w)["']?http[ _]?code["']?\s*(?::|={1,3}|!={1,2})\s*["']?(\d{3})(?!\w|\.\d)/dgi,
];
// OAuth errors are ordinary words; only an `error` field or parameter makes them codes.
const OAUTH_ERROR = /(?<!\w)["']?error["']?\s*(?::|={1,3})\s*["']?([a-z_]+)(?!\w)/dg;

const CONSTANT_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const BY_CONSTANT_NAME: ReadonlyMap<string, readonly ErrorCodeEntry[]> = new Map(
  [...new Set(ERROR_CATALOG.map((e) => e.name).filter((n) => CONSTANT_NAME.test(n)))].map(
    (name) => [name, ERROR_CATALOG.filter((e) => e.name === name)] as const,
  ),
);

function tokenMatches(
  line: string,
  pattern: RegExp,
  lookup: (token: string) => ErrorCodeEntry | undefined,
): ErrorCodeMatch[] {
  const found: ErrorCodeMatch[] = [];
  for (const m of line.matchAll(pattern)) {
    const entry = lookup(m[0]);
    if (entry !== undefined) {
      found.push({ start: m.index, end: m.index + m[0].length, entry, text: m[0] });
    }
  }
  return found;
}

function groupMatches(
  line: string,
  pattern: RegExp,
  lookup: (token: string) => ErrorCodeEntry | undefined,
): ErrorCodeMatch[] {
  const found: ErrorCodeMatch[] = [];
  for (const m of line.matchAll(pattern)) {
    const text = m[1];
    const span = m.indices?.[1];
    const entry = text === undefined ? undefined : lookup(text);
    if (text !== undefined && span !== undefined && entry !== undefined) {
      found.push({ start: span[0], end: span[1], entry, text });
    }
  }
  return found;
}

const inFlow =
  (flow: ErrorCodeEntry['flow']) =>
  (code: string): ErrorCodeEntry | undefined => {
    const entry = findErrorCode(code);
    return entry?.flow === flow && entry.code === code ? entry : undefined;
  };

/**
 * The catalogued codes mentioned in one line, in order: Knox's 7 and 8 digit codes, AUT_ and
 * LIC_ codes and names such as ACCESS_TOKEN_EXPIRED anywhere as whole tokens; HTTP statuses
 * and OAuth errors only where the line says they are one (`HTTP/1.1 403`, `"error": "invalid_client"`).
 */
export function findErrorCodesInLine(line: string): ErrorCodeMatch[] {
  if (!/[\d_]/.test(line)) return [];
  const codes = [
    ...tokenMatches(line, KNOX_CODE, (t) => findErrorCode(t)),
    ...tokenMatches(line, ACCOUNT_CODE, (t) => findErrorCode(t)),
  ];
  // A name two codes share (AUTHORIZATION_FAIL) means the one whose code is on the same line.
  const names = tokenMatches(line, CONSTANT, (name) => {
    const entries = BY_CONSTANT_NAME.get(name);
    return codes.find((c) => entries?.includes(c.entry))?.entry ?? entries?.[0];
  });
  const statuses = STATUS_CONTEXTS.flatMap((p) => groupMatches(line, p, inFlow('http')));
  const oauth = groupMatches(line, OAUTH_ERROR, inFlow('oauth'));
  const all = [...codes, ...names, ...statuses, ...oauth].sort((a, b) => a.start - b.start);
  return all.filter((m, i) => i === 0 || m.start >= (all[i - 1]?.end ?? 0));
}

/** The match under a cursor position (its end included, as editors place the cursor after a word). */
export function errorCodeAt(line: string, character: number): ErrorCodeMatch | undefined {
  const matches = findErrorCodesInLine(line);
  return (
    matches.find((m) => m.start <= character && character < m.end) ??
    matches.find((m) => m.end === character)
  );
}
