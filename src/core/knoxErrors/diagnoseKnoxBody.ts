import { findErrorCode } from '../catalogs/errorLookup';
import type { ErrorCodeEntry } from '../catalogs/errorCatalog';
import { parseKnoxError } from './knoxError';
import type { ErrorLookup, KnoxErrorResult } from './knoxError';
import { scanJsonMembers } from './scanJsonMembers';
import type { JsonMember } from './scanJsonMembers';

/** How serious a diagnosed body is: an error for HTTP 4xx/5xx, else a warning. */
export type KnoxBodySeverity = 'error' | 'warning';

/** A Knox error found in a body, with the span of its code in the text. */
export interface KnoxBodyDiagnosis {
  /** The parsed error; its `entry` is the code's, else the HTTP status's. */
  readonly error: KnoxErrorResult;
  /** UTF-16 offsets of the code (of the name or message when there is no code), end exclusive. */
  readonly start: number;
  readonly end: number;
  /** The HTTP status given, else the body's or the code's (4032251 -> 403); undefined if unknown. */
  readonly status?: number;
  readonly severity: KnoxBodySeverity;
  /** One line for the Problems panel: code, name, status, meaning and what to do. */
  readonly message: string;
}

/** What the caller knows about the response the body came in; nothing for a file on disk. */
export interface DiagnoseKnoxBodyOptions {
  readonly status?: number;
  readonly contentType?: string;
  readonly lookup?: ErrorLookup;
}

// Values above this size are not needed to recognise an error and are left out of the parse.
const SMALL_VALUE = 64 * 1024;
// Where the code lives in each body shape, most specific first; the shapes are on each
// service's error page, e.g. https://docs.samsungknox.com/dev/knox-msp-portal/error-codes/
const CODE_KEYS = ['code', 'errorCode', 'error_code', 'errorKey', 'resultCode', 'error'];
const NAME_KEYS = ['message', 'code', 'errorMessage', 'error_description', 'errorName'];
const MESSAGE_KEYS = ['message', 'errorMessage', 'error_description', 'error'];
// Knox's own codes start with the HTTP status: 4032251 is a 403, 40122050 a 401.
const KNOX_NUMERIC_CODE = /^([45]\d\d)\d{4,5}$/;

/**
 * Finds the Knox error a response body or saved JSON file holds (any shape parseKnoxError
 * reads) and where its code is. Without a status, only bodies whose code the catalog knows,
 * or that look like Knox's (4032251, AUT_1806), count. Never throws.
 */
export function diagnoseKnoxBody(
  text: string,
  options: DiagnoseKnoxBodyOptions = {},
): KnoxBodyDiagnosis | undefined {
  const lookup = options.lookup ?? findErrorCode;
  const members = scanJsonMembers(text, (key) => key === 'error');
  if (members !== undefined) return diagnoseJson(text, members, options, lookup);
  if (options.status === undefined || options.status < 400) return undefined;
  return diagnoseText(text, options.status, options.contentType, lookup);
}

function diagnoseJson(
  text: string,
  members: readonly JsonMember[],
  options: DiagnoseKnoxBodyOptions,
  lookup: ErrorLookup,
): KnoxBodyDiagnosis | undefined {
  const slim = JSON.stringify(slimObject(text, members));
  const bodyStatus = httpStatusOf(
    text,
    members.find((m) => m.key === 'status'),
  );
  let status = options.status ?? bodyStatus;
  let error = parseKnoxError(status ?? 0, slim, 'application/json', lookup);
  const codeEntry = codeEntryOf(error, lookup);
  if (!isKnoxError(error, codeEntry, options.status)) return undefined;
  if (status === undefined) {
    status = codeEntry?.httpStatus ?? statusOfCode(error.code);
    if (status !== undefined) error = parseKnoxError(status, slim, 'application/json', lookup);
  }
  const searched = [...members, ...(members.find((m) => m.key === 'error')?.members ?? [])];
  const span =
    locate(text, searched, error.code, CODE_KEYS) ??
    locate(text, searched, error.name, NAME_KEYS) ??
    locate(text, searched, error.message, MESSAGE_KEYS) ??
    openingBrace(text);
  return { error, ...span, ...describe(error, codeEntry, status) };
}

function diagnoseText(
  text: string,
  status: number,
  contentType: string | undefined,
  lookup: ErrorLookup,
): KnoxBodyDiagnosis {
  const error = parseKnoxError(status, text, contentType, lookup);
  const at = error.code === undefined ? -1 : indexOfIgnoreCase(text, error.code, 0, text.length);
  const span = at >= 0 ? { start: at, end: at + (error.code?.length ?? 0) } : firstLine(text);
  return { error, ...span, ...describe(error, codeEntryOf(error, lookup), status) };
}

// parseKnoxError falls back to the HTTP status's entry; this is the entry of the code itself.
function codeEntryOf(error: KnoxErrorResult, lookup: ErrorLookup): ErrorCodeEntry | undefined {
  return (
    (error.code === undefined ? undefined : lookup(error.code)) ??
    (error.name === undefined ? undefined : lookup(error.name))
  );
}

// Only what the body shapes need: small values, and the members of `error`.
function slimObject(text: string, members: readonly JsonMember[]): Record<string, unknown> {
  const slim: Record<string, unknown> = {};
  for (const m of members) {
    if (m.members !== undefined) {
      slim[m.key] = slimObject(text, m.members);
    } else if (
      m.kind === 'string' ||
      m.kind === 'number' ||
      m.kind === 'literal' ||
      m.end - m.start <= SMALL_VALUE
    ) {
      const value = parseValue(text.slice(m.start, m.end));
      if (value !== undefined) slim[m.key] = value;
    }
  }
  return slim;
}

function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

// A JSON object counts as a Knox error when the status says so, the catalog knows its code or
// name, or its code has the shape of a Knox or Samsung Account code.
function isKnoxError(
  error: KnoxErrorResult,
  codeEntry: ErrorCodeEntry | undefined,
  status: number | undefined,
): boolean {
  if (codeEntry !== undefined || (status !== undefined && status >= 400)) return true;
  const code = error.code;
  if (code === undefined) return false;
  if (error.shape === 'samsung-account') return true;
  return (
    (error.shape === 'knox' || error.shape === 'result-fail' || error.shape === 'msp') &&
    KNOX_NUMERIC_CODE.test(code)
  );
}

function httpStatusOf(text: string, member: JsonMember | undefined): number | undefined {
  if (member?.kind !== 'number') return undefined;
  const value = Number(text.slice(member.start, member.end));
  return Number.isInteger(value) && value >= 100 && value <= 599 ? value : undefined;
}

function statusOfCode(code: string | undefined): number | undefined {
  const prefix = code === undefined ? undefined : KNOX_NUMERIC_CODE.exec(code)?.[1];
  return prefix === undefined ? undefined : Number(prefix);
}

interface Span {
  readonly start: number;
  readonly end: number;
}

// The member whose value is the wanted text (preferring the keys given, in order), else the
// first string member that contains it (an AUT_ code inside error_description).
function locate(
  text: string,
  members: readonly JsonMember[],
  wanted: string | undefined,
  keys: readonly string[],
): Span | undefined {
  if (wanted === undefined || wanted === '') return undefined;
  const upper = wanted.toUpperCase();
  const exact = members
    .filter((m) => valueEquals(text, m, upper))
    .sort((a, b) => rank(keys, a.key) - rank(keys, b.key))[0];
  if (exact !== undefined) {
    return exact.kind === 'string'
      ? { start: exact.start + 1, end: exact.end - 1 }
      : { start: exact.start, end: exact.end };
  }
  for (const m of members) {
    if (m.kind !== 'string') continue;
    const at = indexOfIgnoreCase(text, wanted, m.start + 1, m.end - 1);
    if (at >= 0) return { start: at, end: at + wanted.length };
  }
  return undefined;
}

function valueEquals(text: string, member: JsonMember, upper: string): boolean {
  if (member.kind === 'string') {
    return (
      member.end - member.start - 2 === upper.length &&
      text.slice(member.start + 1, member.end - 1).toUpperCase() === upper
    );
  }
  return member.kind === 'number' && text.slice(member.start, member.end) === upper;
}

function rank(keys: readonly string[], key: string): number {
  const at = keys.indexOf(key);
  return at === -1 ? keys.length : at;
}

function indexOfIgnoreCase(text: string, wanted: string, from: number, to: number): number {
  const exact = text.indexOf(wanted, from);
  if (exact !== -1 && exact + wanted.length <= to) return exact;
  const at = text.slice(from, to).toUpperCase().indexOf(wanted.toUpperCase());
  return at === -1 ? -1 : from + at;
}

function openingBrace(text: string): Span {
  const at = text.indexOf('{');
  return { start: at, end: at + 1 };
}

function firstLine(text: string): Span {
  const start = text.search(/\S/);
  if (start === -1) return { start: 0, end: 0 };
  const eol = text.indexOf('\n', start);
  if (eol === -1) return { start, end: text.length };
  return { start, end: text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol };
}

function describe(
  error: KnoxErrorResult,
  codeEntry: ErrorCodeEntry | undefined,
  status: number | undefined,
): { status?: number; severity: KnoxBodySeverity; message: string } {
  const label = [error.code, error.name]
    .filter((part, i, all): part is string => Boolean(part) && all.indexOf(part) === i)
    .join(' ');
  const http = status === undefined || status === 0 ? '' : ` (HTTP ${status})`;
  const what = codeEntry?.meaning ?? error.message;
  const said = what === error.code || what === error.name ? '' : sentence(what);
  const message = `${label || 'Knox error'}${http}: ${said} ${sentence(error.hint)}`;
  return {
    ...(status === undefined || status === 0 ? {} : { status }),
    severity: status !== undefined && status >= 400 ? 'error' : 'warning',
    message: message.replace(/\s+/g, ' ').trim(),
  };
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
