import { randomUUID } from 'node:crypto';
import { findJsonError } from './findJsonError';
import { httpDiagnostic } from './httpDiagnostic';
import type { HttpDiagnostic } from './httpDiagnostic';
import {
  bodyLineEnding,
  encodeFormBody,
  isGraphQlMarker,
  joinBodyLines,
  parseBodyFileReference,
  toWellFormed,
} from './httpBody';
import type { BodyFileReference, HttpBodyKind } from './httpBody';
import type { FileVariable, HttpMethod, HttpRequest } from './httpFile';
import type { SourceText } from './sourceText';
import { own, resolveSystemVariable } from './systemVariables';
import type { SystemVariableDeps } from './systemVariables';
import {
  findVariableReferences,
  maskVariableReferences,
  parseReferenceExpression,
  parseRequestVariable,
} from './variableReferences';

/** Where `{{name}}` values come from, in this order, plus the clock and randomness to use. */
export interface VariableSources {
  /** The file's `@name = value` variables (HttpFile.variables). */
  readonly fileVariables?: readonly FileVariable[];
  /** The selected environment, from settings. */
  readonly environment?: Readonly<Record<string, string>>;
  /** Variables of the `.env` file beside the `.http` file (see parseDotEnv). */
  readonly dotenv?: Readonly<Record<string, string>>;
  /** For `{{$processEnv NAME}}`; defaults to `process.env`. Pass `{}` in untrusted workspaces. */
  readonly processEnv?: Readonly<Record<string, string | undefined>>;
  /** The base URL relative request URLs (`/kcs/v1/...`) resolve against: the Knox profile's. */
  readonly baseUrl?: string;
  /** Values of request variables (`{{login.response.body.$.token}}`) from earlier responses. */
  readonly requestVariable?: (request: string, path: string) => string | undefined;
  /** Milliseconds since the epoch; defaults to `Date.now`. */
  readonly now?: () => number;
  /** A number in [0, 1); defaults to `Math.random`. */
  readonly random?: () => number;
  /** Defaults to `crypto.randomUUID`. */
  readonly randomUuid?: () => string;
  /**
   * Expansions shared by the requests of one pass over a file (createVariableCache), so a large
   * variable used by every request is expanded once, and URLs are checked up to a bound. For
   * diagnostics only (the URL may be cut), with the same sources for every call.
   */
  readonly cache?: VariableCache;
}

/** Expanded variables kept across the requests of one pass over a file; opaque to callers. */
export interface VariableCache {
  readonly outcomes: Map<string, unknown>;
  /** URLs are resolved and checked up to this many characters. */
  readonly maxUrlLength: number;
}

/** A fresh VariableCache for one diagnostics pass (drop it when the file or its sources change). */
export function createVariableCache(): VariableCache {
  return { outcomes: new Map(), maxUrlLength: 8_192 };
}

/** Why a `{{...}}` was left in place: not defined, part of a cycle, misused, or a response not yet seen. */
export type UnresolvedReason = 'undefined' | 'cycle' | 'invalid' | 'request';

/** A `{{...}}` that could not be resolved, with its position in the `.http` file. */
export interface UnresolvedVariable {
  /** The expression between the braces, as written at this position. */
  readonly name: string;
  /** The variable that failed: `name` itself, or one it refers to. */
  readonly missing: string;
  readonly reason: UnresolvedReason;
  readonly line: number;
  readonly startColumn: number;
  readonly endColumn: number;
  readonly message: string;
}

/** A piece of a resolved body: text, or a file to be read by the caller. */
export type ResolvedBodyPart =
  | { readonly kind: 'text'; readonly text: string }
  | ({ readonly kind: 'file' } & BodyFileReference);

/** A body with variables substituted. */
export interface ResolvedBody {
  readonly kind: HttpBodyKind;
  readonly text: string;
  /** Set when the whole body comes from one file (`< ./file`). */
  readonly file: BodyFileReference | undefined;
  /** Text runs and `< ./file` lines in order, for multipart bodies. */
  readonly parts: readonly ResolvedBodyPart[];
}

/** A request with every variable substituted and its URL made absolute, ready to send if `ready`. */
export interface ResolvedRequest {
  readonly name: string | undefined;
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: readonly { readonly name: string; readonly value: string }[];
  readonly body: ResolvedBody | undefined;
  readonly unresolved: readonly UnresolvedVariable[];
  /** Unresolved variables, URL problems and JSON that broke after substitution. */
  readonly diagnostics: readonly HttpDiagnostic[];
  /** No error diagnostic: every variable resolved and the URL is an absolute http(s) URL. */
  readonly ready: boolean;
}

type Outcome =
  | { readonly ok: true; readonly value: string }
  | {
      readonly ok: false;
      readonly reason: UnresolvedReason;
      readonly missing: string;
      readonly message: string;
    };

interface Substitution {
  readonly text: string;
  readonly unresolved: UnresolvedVariable[];
}

const ABSOLUTE_URL = /^[A-Za-z][\w+.-]*:\/\//;
const FILE_VALUE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t' };
// Bounds that no real file reaches; they keep a hostile file from exhausting the stack or memory.
const MAX_DEPTH = 64;
const MAX_LENGTH = 1_000_000;
const TOO_LONG = `expands to more than ${MAX_LENGTH.toLocaleString('en-US')} characters; check for variables that repeat each other.`;

/**
 * Substitutes `{{variables}}` in a request: file variables, then the environment, then `.env`,
 * then request variables and `{{$system}}` ones; resolves a relative URL against `baseUrl`.
 * Never throws: what is left unresolved is listed with its position.
 */
export function resolveVariables(
  request: HttpRequest,
  sources: VariableSources = {},
): ResolvedRequest {
  const substitute = createResolver(sources, request.blockEnd + 1);
  const unresolved: UnresolvedVariable[] = [];
  const diagnostics: HttpDiagnostic[] = [];
  const resolve = (part: SourceText): string => {
    const result = substitute(part.text, part.line, part.column);
    unresolved.push(...result.unresolved);
    return result.text;
  };

  const fullUrl = request.urlParts.map(resolve).join('');
  // A pass over a whole file checks the URL up to a bound: parsing a huge expansion again for
  // every request made the pass quadratic.
  const urlText =
    sources.cache && fullUrl.length > sources.cache.maxUrlLength
      ? fullUrl.slice(0, sources.cache.maxUrlLength)
      : fullUrl;
  const urlComplete = unresolved.length === 0;
  const written = request.headers.map((header) => ({
    name: resolve({ text: header.name, line: header.line, column: header.nameColumn }),
    value: resolve({ text: header.value, line: header.line, column: header.valueColumn }),
  }));
  // REST Client sends a GraphQL query as JSON and keeps its marker header to itself.
  const graphQl = written.some((h) => isGraphQlMarker(h.name, h.value));
  const headers = graphQl
    ? written.filter((h) => h.name.toLowerCase() !== 'x-request-type')
    : written;

  let body: ResolvedBody | undefined;
  if (request.body && graphQl) {
    const source = request.body;
    const payload = graphQlPayload(source.lines.map(resolve));
    if (!payload.ok) {
      const at = source.lines[payload.variablesIndex] ?? source.lines[0];
      diagnostics.push(
        httpDiagnostic(
          at?.line ?? source.firstLine,
          0,
          at?.text.length ?? 0,
          'error',
          `The GraphQL variables are not valid JSON (${payload.message}); write them as a JSON object after the blank line below the query.`,
        ),
      );
    }
    const text = payload.ok ? payload.text : '';
    body = { kind: 'graphql', text, file: undefined, parts: [{ kind: 'text', text }] };
  } else if (request.body) {
    const before = unresolved.length;
    const source = request.body;
    const lines = source.lines.map(resolve);
    const hasFiles = source.files.length > 0;
    const joined = joinBodyLines(source.kind, lines);
    // REST Client's default form encoding ("automatic"); bodies with a file go as they are.
    const text = source.kind === 'form' && !hasFiles ? encodeFormBody(joined) : joined;
    const parts = hasFiles
      ? bodyParts(source.kind, lines, source.lines)
      : [{ kind: 'text' as const, text }];
    const first = parts[0];
    const file =
      source.file && parts.length === 1 && first?.kind === 'file'
        ? { ...source.file, path: first.path }
        : undefined;
    body = { kind: source.kind, text, file, parts };
    if (
      source.kind === 'json' &&
      source.files.length === 0 &&
      unresolved.length === before &&
      !findJsonError(maskVariableReferences(source.text)) &&
      findJsonError(text)
    ) {
      diagnostics.push(
        httpDiagnostic(
          source.firstLine,
          0,
          source.lines[0]?.text.length ?? 0,
          'warning',
          'The body is not valid JSON once variables are substituted; check the values it uses (quote strings).',
        ),
      );
    }
  }

  for (const entry of unresolved) {
    diagnostics.push(
      httpDiagnostic(entry.line, entry.startColumn, entry.endColumn, 'error', entry.message),
    );
  }
  let url = urlText;
  if (urlComplete) {
    const first = request.urlParts[0];
    const host = headers.find((h) => h.name.toLowerCase() === 'host')?.value.trim();
    const base =
      host && urlText.startsWith('/') ? hostBaseUrl(host, sources.baseUrl) : sources.baseUrl;
    const resolved = absoluteUrl(urlText, base);
    if (resolved.ok) url = resolved.url;
    else {
      const line = first?.line ?? request.line;
      const column = first?.column ?? 0;
      diagnostics.push(
        httpDiagnostic(line, column, column + (first?.text.length ?? 0), 'error', resolved.message),
      );
    }
  }
  diagnostics.sort((a, b) => a.line - b.line || a.startColumn - b.startColumn);
  return {
    name: request.name,
    method: request.method,
    url,
    headers,
    body,
    unresolved,
    diagnostics,
    ready: !diagnostics.some((d) => d.severity === 'error'),
  };
}

/**
 * Substitutes `{{variables}}` in any text, such as a `<@ ./file` body; positions in the result
 * are 0-based within `text`. File variables are looked up as if after `scopeLine` (default: all).
 */
export function resolveText(
  text: string,
  sources: VariableSources = {},
  scopeLine = Number.POSITIVE_INFINITY,
): { readonly text: string; readonly unresolved: readonly UnresolvedVariable[] } {
  const substitute = createResolver(sources, scopeLine);
  const pieces = text.split(/(\r\n|\r|\n)/);
  const unresolved: UnresolvedVariable[] = [];
  const out = pieces.map((piece, index) => {
    if (index % 2 === 1) return piece;
    const result = substitute(piece, index / 2, 0);
    unresolved.push(...result.unresolved);
    return result.text;
  });
  return { text: out.join(''), unresolved };
}

/**
 * Makes a request URL absolute: absolute http(s) URLs stay, `/path` joins the base URL's origin
 * and path. Returns a one-line reason when that is not possible.
 */
export function absoluteUrl(
  url: string,
  baseUrl: string | undefined,
): { readonly ok: true; readonly url: string } | { readonly ok: false; readonly message: string } {
  let joined = url;
  if (!ABSOLUTE_URL.test(url)) {
    if (!url.startsWith('/')) {
      return {
        ok: false,
        message:
          "The URL has no scheme; write https://host/path, or start it with / to use the Knox profile's base URL.",
      };
    }
    if (baseUrl === undefined || baseUrl.trim() === '') {
      return {
        ok: false,
        message:
          'The URL is relative and there is no base URL; choose a Knox profile (# @knox profile=NAME) or write an absolute URL.',
      };
    }
    const base = parseUrl(baseUrl.trim());
    if (!base || !isHttp(base)) {
      return {
        ok: false,
        message:
          "The Knox profile's base URL is not an http(s) URL; fix it in the profile settings.",
      };
    }
    joined = `${base.origin}${base.pathname.replace(/\/+$/, '')}${url}`;
  }
  const parsed = parseUrl(joined);
  if (!parsed) {
    return {
      ok: false,
      message:
        'The URL is not valid once variables are substituted; check its host and characters.',
    };
  }
  if (!isHttp(parsed)) {
    return {
      ok: false,
      message: `Only http and https URLs can be sent, not ${parsed.protocol}; use https://.`,
    };
  }
  return { ok: true, url: joined };
}

/**
 * The base URL a relative request line resolves against when the request has a Host header, as
 * REST Client does: https for ports 443 and 8443, else http, except that the host of `baseUrl`
 * (the profile's) keeps that URL's scheme, so a Knox host is never called over plain http.
 */
export function hostBaseUrl(host: string, baseUrl: string | undefined): string {
  const base = baseUrl === undefined ? undefined : parseUrl(baseUrl.trim());
  if (base && isHttp(base) && base.host === host.toLowerCase()) return base.origin;
  const port = /:(\d+)$/.exec(host)?.[1];
  return `${port === '443' || port === '8443' ? 'https' : 'http'}://${host}`;
}

// Multipart bodies with a file follow REST Client: every line, the last one too, ends in CRLF,
// and the file's bytes go in between exactly as they are.
function bodyParts(
  kind: HttpBodyKind,
  lines: readonly string[],
  sources: readonly SourceText[],
): ResolvedBodyPart[] {
  const parts: ResolvedBodyPart[] = [];
  let text = '';
  lines.forEach((line, index) => {
    const file = parseBodyFileReference(line, sources[index]?.line ?? 0);
    if (file) {
      if (text !== '') parts.push({ kind: 'text', text });
      text = '';
      parts.push({ kind: 'file', ...file });
    } else {
      text += line;
    }
    if (index < lines.length - 1 || kind === 'multipart') text += bodyLineEnding(kind);
  });
  if (text !== '') parts.push({ kind: 'text', text });
  return parts;
}

type GraphQlPayload =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly message: string; readonly variablesIndex: number };

// REST Client's GraphQL body: the lines up to the first blank one are the query, the rest its
// variables as JSON; `query Name` gives the operation name.
function graphQlPayload(lines: readonly string[]): GraphQlPayload {
  const blank = lines.findIndex((line) => line.trim() === '');
  const query = (blank < 0 ? lines : lines.slice(0, blank)).join('\n');
  const variablesText = blank < 0 ? '' : lines.slice(blank + 1).join('\n');
  let variables: unknown = {};
  if (variablesText.trim() !== '') {
    try {
      variables = JSON.parse(variablesText);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return { ok: false, message, variablesIndex: blank + 1 };
    }
  }
  const operationName = /^\s*query\s+([^@{(\s]+)/i.exec(query)?.[1];
  return { ok: true, text: JSON.stringify({ query, operationName, variables }) };
}

// REST Client reads a backslash in a file variable's value as an escape: `\n`, `\r` and `\t` are
// line break, carriage return and tab; before any other character it is dropped.
function unescapeFileValue(text: string): string {
  return text.replace(/\\([\s\S]?)/g, (_, next: string) => FILE_VALUE_ESCAPES[next] ?? next);
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function isHttp(url: URL): boolean {
  return url.protocol === 'https:' || url.protocol === 'http:';
}

function createResolver(
  sources: VariableSources,
  scopeLine: number,
): (text: string, line: number, column: number) => Substitution {
  const environment = sources.environment ?? {};
  const dotenv = sources.dotenv ?? {};
  const deps: SystemVariableDeps = {
    now: sources.now ?? Date.now,
    random: sources.random ?? Math.random,
    randomUuid: sources.randomUuid ?? randomUUID,
    processEnv: sources.processEnv ?? process.env,
    dotenv,
    environment,
  };
  const definitions = new Map<string, FileVariable[]>();
  for (const variable of sources.fileVariables ?? []) {
    const list = definitions.get(variable.name);
    if (list) list.push(variable);
    else definitions.set(variable.name, [variable]);
  }
  for (const list of definitions.values()) list.sort((a, b) => a.line - b.line);
  const memo =
    (sources.cache?.outcomes as Map<string, Outcome> | undefined) ?? new Map<string, Outcome>();
  const active: { key: string; name: string }[] = [];

  // The definition in force at `line`: the last one before it, else (a forward reference) the
  // first one after it. A variable's own line is excluded, so `@a = {{a}}/x` reaches further out.
  const definitionAt = (name: string, line: number): FileVariable | undefined => {
    const list = definitions.get(name);
    if (!list) return undefined;
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((list[middle]?.line ?? line) < line) low = middle + 1;
      else high = middle;
    }
    if (low > 0) return list[low - 1];
    const next = list[low];
    return next?.line === line ? list[low + 1] : next;
  };

  const expand = (
    key: string,
    name: string,
    raw: string,
    line: number,
    literal: (text: string) => string = (text) => text,
  ): Outcome => {
    const cached = memo.get(key);
    if (cached) return cached;
    const index = active.findIndex((entry) => entry.key === key);
    if (index >= 0) {
      const chain = [...active.slice(index).map((entry) => entry.name), name].join(' -> ');
      return {
        ok: false,
        reason: 'cycle',
        missing: name,
        message: `Variables ${chain} refer to each other in a cycle; change one so the chain ends.`,
      };
    }
    if (active.length >= MAX_DEPTH) {
      return {
        ok: false,
        reason: 'invalid',
        missing: name,
        message: `Variables nest more than ${MAX_DEPTH} levels deep at '${name}'; flatten them.`,
      };
    }
    active.push({ key, name });
    let outcome: Outcome = { ok: true, value: raw };
    let text = '';
    let from = 0;
    for (const reference of findVariableReferences(raw)) {
      const inner = evaluate(reference.expression, reference.terminated, line);
      if (inner.ok && text.length + inner.value.length > MAX_LENGTH) {
        outcome = { ok: false, reason: 'invalid', missing: name, message: `'${name}' ${TOO_LONG}` };
      } else if (inner.ok) {
        text += literal(raw.slice(from, reference.start)) + inner.value;
        from = reference.end;
        continue;
      } else {
        outcome = inner;
      }
      break;
    }
    if (outcome.ok) outcome = { ok: true, value: text + literal(raw.slice(from)) };
    active.pop();
    memo.set(key, outcome);
    return outcome;
  };

  const lookup = (name: string, line: number): Outcome => {
    const definition = definitionAt(name, line);
    if (definition) {
      return expand(
        `file:${definition.line}`,
        name,
        definition.value,
        definition.line,
        unescapeFileValue,
      );
    }
    const fromEnvironment = own(environment, name);
    if (fromEnvironment !== undefined) {
      // Its {{references}} resolve at the request, so the key names the request's line.
      return expand(`environment:${name}:${scopeLine}`, name, fromEnvironment, scopeLine);
    }
    const fromDotenv = own(dotenv, name);
    if (fromDotenv !== undefined) return { ok: true, value: fromDotenv };
    const requestVariable = parseRequestVariable(name);
    if (requestVariable) {
      const value = sources.requestVariable?.(requestVariable.request, requestVariable.path);
      if (value !== undefined) return { ok: true, value };
      return {
        ok: false,
        reason: 'request',
        missing: name,
        message: `{{${name}}} needs the response of request '${requestVariable.request}'; send that request first.`,
      };
    }
    return {
      ok: false,
      reason: 'undefined',
      missing: name,
      message: `Variable '${name}' is not defined in the file, the environment or .env; add @${name} = value or define it in the environment.`,
    };
  };

  const evaluate = (expression: string, terminated: boolean, line: number): Outcome => {
    if (!terminated) {
      return {
        ok: false,
        reason: 'invalid',
        missing: expression,
        message: "'{{' is not closed; add '}}' on the same line.",
      };
    }
    const parsed = parseReferenceExpression(expression);
    if (parsed.kind === 'invalid') {
      return { ok: false, reason: 'invalid', missing: expression, message: parsed.message };
    }
    if (parsed.kind === 'name') {
      const outcome = lookup(parsed.name, line);
      return outcome.ok && parsed.percentEncoded
        ? { ok: true, value: encodeURIComponent(toWellFormed(outcome.value)) }
        : outcome;
    }
    const result = resolveSystemVariable(parsed.name, parsed.args, deps);
    if (result.ok) return result;
    return {
      ok: false,
      reason: result.kind === 'invalid' ? 'invalid' : 'undefined',
      missing: expression,
      message: result.message,
    };
  };

  return (text, line, column) => {
    const unresolved: UnresolvedVariable[] = [];
    let out = '';
    let from = 0;
    for (const reference of findVariableReferences(text)) {
      let outcome = evaluate(reference.expression, reference.terminated, scopeLine);
      if (outcome.ok && out.length + outcome.value.length > MAX_LENGTH) {
        outcome = {
          ok: false,
          reason: 'invalid',
          missing: reference.expression,
          message: `The text ${TOO_LONG}`,
        };
      }
      out += text.slice(from, reference.start);
      from = reference.end;
      if (outcome.ok) {
        out += outcome.value;
        continue;
      }
      out += text.slice(reference.start, reference.end);
      const nested = outcome.missing !== reference.expression;
      unresolved.push({
        name: reference.expression,
        missing: outcome.missing,
        reason: outcome.reason,
        line,
        startColumn: column + reference.start,
        endColumn: column + reference.end,
        message: nested ? `In {{${reference.expression}}}: ${outcome.message}` : outcome.message,
      });
    }
    return { text: out + text.slice(from), unresolved };
  };
}
