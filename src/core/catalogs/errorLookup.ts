// Lookups over ERROR_CATALOG: by code, by name, per service, and a ranked search.
import type { ErrorCodeEntry } from './errorCatalog';
import { ERROR_CATALOG } from './errorCatalog';

const BY_CODE: ReadonlyMap<string, ErrorCodeEntry> = new Map(
  ERROR_CATALOG.flatMap((e) =>
    [e.code, ...(e.aliases ?? [])].map((code) => [code.toUpperCase(), e] as const),
  ),
);

// Reversed so that, for a name two codes share, the first entry is the one kept.
const BY_NAME: ReadonlyMap<string, ErrorCodeEntry> = new Map(
  [...ERROR_CATALOG].reverse().map((e) => [e.name.toUpperCase(), e] as const),
);

/**
 * The explanation of an entry for the answer of one service (a scope catalog id): the
 * variant for that service when the code has one, else the entry itself.
 */
export function forService(entry: ErrorCodeEntry, service: string | undefined): ErrorCodeEntry {
  const variant =
    service === undefined || entry.services?.includes(service)
      ? undefined
      : entry.variants?.find((v) => v.services.includes(service));
  if (variant === undefined) return entry;
  const { code, name, httpStatus, flow, docUrl, aliases } = entry;
  return {
    code,
    name,
    ...(httpStatus === undefined ? {} : { httpStatus }),
    flow,
    docUrl,
    ...(aliases === undefined ? {} : { aliases }),
    ...variant,
  };
}

/** Every explanation of a code, its own first: one per group of services that use it. */
export function explanationsOf(entry: ErrorCodeEntry): readonly ErrorCodeEntry[] {
  return [entry, ...(entry.variants ?? []).map((v) => forService(entry, v.services[0]))];
}

/**
 * Finds a code by code ('4032251', 4032251, 'aut_1806', the alias '4012250') or by name
 * ('ACCESS_TOKEN_EXPIRED'; for a name two codes share, the first in the catalog).
 */
export function findErrorCode(codeOrName: string | number): ErrorCodeEntry | undefined {
  const key = String(codeOrName).trim().toUpperCase();
  return BY_CODE.get(key) ?? BY_NAME.get(key);
}

/** Every entry with this name, any case: AUTHORIZATION_FAIL gives three. */
export function findErrorCodesByName(name: string): readonly ErrorCodeEntry[] {
  const key = name.trim().toUpperCase();
  return ERROR_CATALOG.filter((e) => e.name.toUpperCase() === key);
}

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

function score(entry: ErrorCodeEntry, query: string, queryWords: readonly string[]): number {
  const upper = query.toUpperCase();
  const codes = [entry.code, ...(entry.aliases ?? [])].map((c) => c.toUpperCase());
  if (codes.includes(upper)) return 1000;
  if (entry.name.toUpperCase() === upper) return 900;
  const prefixed = codes.filter((c) => c.startsWith(upper));
  if (prefixed.length > 0) {
    return 800 - Math.min(...prefixed.map((c) => c.length - upper.length));
  }
  if (queryWords.length === 0) return 0;
  const nameWords = words(entry.name);
  const textWords = words(`${entry.meaning} ${entry.cause} ${entry.fix} ${entry.seenIn ?? ''}`);
  let total = 0;
  for (const w of queryWords) {
    if (nameWords.includes(w)) total += 30;
    else if (nameWords.some((n) => n.startsWith(w))) total += 20;
    else if (textWords.some((t) => t.startsWith(w))) total += 5;
    else return 0;
  }
  const phrase = queryWords.join(' ');
  return nameWords.join(' ').startsWith(phrase) ? total + 100 : total;
}

/**
 * Entries matching a query, best first, for a quick pick: exact code or name, then code
 * prefix ('4032', 'aut_18'), then names, then descriptions; every word must match somewhere.
 */
export function searchErrorCodes(query: string): readonly ErrorCodeEntry[] {
  const q = query.trim();
  if (q === '') return ERROR_CATALOG;
  const queryWords = words(q);
  return ERROR_CATALOG.map((entry, index) => ({ entry, index, score: score(entry, q, queryWords) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((s) => s.entry);
}
