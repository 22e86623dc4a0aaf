import { ASSERTION_LINE, parseAssertion } from '../assertions/assertion';
import type { Assertion } from '../assertions/assertion';
import { httpDiagnostic } from './httpDiagnostic';
import type { HttpDiagnostic } from './httpDiagnostic';
import { isGraphQlMarker, parseHttpBody } from './httpBody';
import type { HttpBody } from './httpBody';
import { knoxDirectiveOf, parseKnoxPairs } from './knoxDirective';
import type { KnoxDirective } from './knoxDirective';
import type { SourceText } from './sourceText';
import {
  findVariableReferences,
  maskVariableReferences,
  parseReferenceExpression,
} from './variableReferences';

/** The methods a request line may name; without one the request is a GET. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';

/** Every HttpMethod, in the order diagnostics list them. */
export const HTTP_METHODS: readonly HttpMethod[] = [
  'GET',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
  'HEAD',
  'OPTIONS',
];

/** A `Name: value` header line; columns point at the name and at the value. */
export interface HttpHeader {
  readonly name: string;
  readonly value: string;
  readonly line: number;
  readonly nameColumn: number;
  readonly valueColumn: number;
}

/** A `# @key value` (or `// @key value`) line such as `@no-redirect` or `@note`. */
export interface HttpMetadata {
  readonly key: string;
  readonly value: string;
  readonly line: number;
}

/** An `@name = value` file variable; the value is kept as written, `{{references}}` unexpanded. */
export interface FileVariable {
  readonly name: string;
  readonly value: string;
  readonly line: number;
  readonly valueColumn: number;
}

/** One request of a `.http` file, as written, with where it sits in the file. */
export interface HttpRequest {
  /** Position among the file's requests, from 0. */
  readonly index: number;
  /** `# @name NAME`, else the `### title` above the request. */
  readonly name: string | undefined;
  readonly title: string | undefined;
  readonly method: HttpMethod;
  /** The URL as written, query continuation lines joined on; variables not yet substituted. */
  readonly url: string;
  /** The pieces `url` was joined from (the request line and each `?`/`&` line). */
  readonly urlParts: readonly SourceText[];
  readonly httpVersion: string | undefined;
  readonly headers: readonly HttpHeader[];
  readonly body: HttpBody | undefined;
  /** Every `# @key value` line of the request other than `@name` and `@knox`. */
  readonly metadata: readonly HttpMetadata[];
  /** The request's own `# @knox` settings; see knoxSettingsFor for the effective ones. */
  readonly knox: KnoxDirective | undefined;
  /** The request's `??` assertion lines, well-formed ones only (others are diagnostics). */
  readonly assertions: readonly Assertion[];
  /** 0-based line of the request line (where a CodeLens goes). */
  readonly line: number;
  /** First line of the request's block: its `###` line, or 0 for the first block. */
  readonly blockStart: number;
  /** Last line of the block, before the next `###` or the end of the file. */
  readonly blockEnd: number;
}

/** A parsed `.http`/`.rest` file: requests, file variables, file-level settings and problems. */
export interface HttpFile {
  readonly requests: readonly HttpRequest[];
  readonly variables: readonly FileVariable[];
  /** `# @knox` lines before the first request, which apply to every request. */
  readonly knox: KnoxDirective | undefined;
  /** `# @key value` lines before the first request in blocks without a request line. */
  readonly metadata: readonly HttpMetadata[];
  /** Problems, sorted by position. Parsing never throws: everything wrong is here. */
  readonly diagnostics: readonly HttpDiagnostic[];
  readonly lineCount: number;
}

type KnoxEntry = { readonly line: number; readonly pairs: readonly (readonly [string, string])[] };

interface Draft {
  valid: boolean;
  method: HttpMethod;
  line: number;
  urlParts: SourceText[];
  httpVersion: string | undefined;
  headers: HttpHeader[];
  bodyLines: SourceText[];
}

interface Block {
  readonly start: number;
  readonly end: number;
  readonly contentStart: number;
  readonly title: string | undefined;
  readonly titleLine: number;
}

interface Context {
  readonly lines: readonly string[];
  readonly diagnostics: HttpDiagnostic[];
  readonly variables: FileVariable[];
  readonly requests: HttpRequest[];
  readonly fileKnox: KnoxEntry[];
  readonly fileMetadata: HttpMetadata[];
  readonly nameLines: Map<HttpRequest, number>;
}

const SEPARATOR = /^\s*#{3,}([\s\S]*)$/;
const COMMENT = /^\s*(?:#|\/\/)/;
const METADATA = /^(\s*(?:#|\/\/)\s*@([A-Za-z][\w-]*)(?=[\s=]|$)\s*=?\s*)([\s\S]*)$/;
const VARIABLE = /^(\s*@([^\s=]*)\s*(=?)\s*)([\s\S]*)$/;
const VARIABLE_NAME = /^[A-Za-z_][\w.-]*$/;
const METHOD_AND_TARGET = /^([A-Za-z]+)\s+(\S[\s\S]*)$/;
const HTTP_VERSION = /\s(HTTP\/\d+(?:\.\d+)?)$/i;
const URL_START = /^(?:\/|\{\{|[A-Za-z][\w+.-]*:\/\/)/;
const HOST_LIKE = /^[\w-]+(?:\.[\w-]+)*(?:\.[A-Za-z][\w-]*|:\d+)(?:[/?#]|$)/;
const HEADER_NAME = /^(?:[!#$%&'*+.^_`|~\w-]|\{\{[^{}]*\}\})+$/;
const BODY_START = /^\s*[{["<]/;
const QUERY_LINE = /^\s*[?&]/;

/**
 * Parses a `.http`/`.rest` file in REST Client's syntax: `###` separators, `#`/`//` comments
 * (dropped everywhere, bodies included), `# @name`, `@var = value`, `# @knox profile=NAME`.
 * Never throws: every problem is returned as a diagnostic.
 */
export function parseHttpFile(text: string): HttpFile {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = source.split(/\r\n|\r|\n/);
  const context: Context = {
    lines,
    diagnostics: [],
    variables: [],
    requests: [],
    fileKnox: [],
    fileMetadata: [],
    nameLines: new Map(),
  };
  let start = 0;
  let contentStart = 0;
  let title: string | undefined;
  lines.forEach((line, index) => {
    const separator = SEPARATOR.exec(line);
    if (!separator) return;
    parseBlock(context, { start, end: index - 1, contentStart, title, titleLine: start });
    start = index;
    contentStart = index + 1;
    title = separator[1]?.trim() || undefined;
  });
  parseBlock(context, { start, end: lines.length - 1, contentStart, title, titleLine: start });
  reportDuplicateNames(context);
  context.diagnostics.sort((a, b) => a.line - b.line || a.startColumn - b.startColumn);
  return {
    requests: context.requests,
    variables: context.variables,
    knox: knoxDirectiveOf(context.fileKnox),
    metadata: context.fileMetadata,
    diagnostics: context.diagnostics,
    lineCount: lines.length,
  };
}

/** The request whose block contains the 0-based `line`, or undefined (e.g. a variables block). */
export function requestAt(file: HttpFile, line: number): HttpRequest | undefined {
  const requests = file.requests;
  let low = 0;
  let high = requests.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const request = requests[middle];
    if (!request) return undefined;
    if (line < request.blockStart) high = middle - 1;
    else if (line > request.blockEnd) low = middle + 1;
    else return request;
  }
  return undefined;
}

/** The first request named `name` (by `# @name` or its `### title`), or undefined. */
export function requestByName(file: HttpFile, name: string): HttpRequest | undefined {
  return file.requests.find((request) => request.name === name);
}

/** The file's diagnostics inside a request's block: check for errors before sending it. */
export function diagnosticsFor(file: HttpFile, request: HttpRequest): HttpDiagnostic[] {
  return file.diagnostics.filter((d) => d.line >= request.blockStart && d.line <= request.blockEnd);
}

/** The `@knox` settings that apply to a request: the file's, overridden by the request's own. */
export function knoxSettingsFor(file: HttpFile, request: HttpRequest): KnoxDirective | undefined {
  if (!file.knox) return request.knox;
  if (!request.knox) return file.knox;
  const pairs = { ...file.knox.pairs, ...request.knox.pairs };
  return {
    profile: pairs['profile'],
    pairs,
    lines: [...file.knox.lines, ...request.knox.lines],
  };
}

function parseBlock(context: Context, block: Block): void {
  const { lines, diagnostics } = context;
  const isFirstBlock = block.start === 0 && block.contentStart === 0;
  const knoxBeforeRequest: KnoxEntry[] = [];
  const knoxInRequest: KnoxEntry[] = [];
  const metadata: HttpMetadata[] = [];
  let name: { value: string; line: number } | undefined;
  let phase: 'lead' | 'url' | 'headers' | 'body' | 'skip' = 'lead';
  let hasVariables = false;
  let draft: Draft | undefined;
  const assertions: Assertion[] = [];

  for (let index = block.contentStart; index <= block.end; index++) {
    const raw = lines[index] ?? '';
    // httpYac's `??` lines: anywhere in the request block, never part of headers or body.
    if (ASSERTION_LINE.test(raw)) {
      const parsed = parseAssertion(raw, index);
      if ('assertion' in parsed) assertions.push(parsed.assertion);
      else diagnostics.push(httpDiagnostic(index, 0, raw.length, 'error', parsed.error));
      continue;
    }
    if (phase === 'body') {
      // REST Client drops comment lines everywhere in a request, bodies included.
      if (!COMMENT.test(raw)) draft?.bodyLines.push({ text: raw, line: index, column: 0 });
      continue;
    }
    if (phase === 'skip') continue;
    if (raw.trim() === '') {
      if (phase !== 'lead') phase = 'body';
      continue;
    }
    if (COMMENT.test(raw)) {
      const match = METADATA.exec(raw);
      if (!match) continue;
      const key = match[2] ?? '';
      const value = (match[3] ?? '').trimEnd();
      const valueColumn = match[1]?.length ?? 0;
      if (key === 'name') {
        if (value === '') {
          diagnostics.push(
            httpDiagnostic(index, 0, raw.length, 'warning', '@name needs a value: # @name NAME.'),
          );
        } else {
          name = { value, line: index };
        }
      } else if (key === 'knox') {
        const parsed = parseKnoxPairs(value, index, valueColumn);
        diagnostics.push(...parsed.diagnostics);
        const entry = { line: index, pairs: parsed.pairs };
        (phase === 'lead' ? knoxBeforeRequest : knoxInRequest).push(entry);
      } else {
        metadata.push({ key, value, line: index });
      }
      continue;
    }
    if (/^\s*@/.test(raw)) {
      hasVariables = parseVariable(context, raw, index) || hasVariables;
      continue;
    }
    if (phase === 'lead') {
      draft = parseRequestLine(context, raw, index);
      phase = draft ? 'url' : 'skip';
      continue;
    }
    if (!draft) continue;
    if (phase === 'url') {
      if (QUERY_LINE.test(raw)) {
        const part = queryPart(raw, index);
        if (part.version) draft.httpVersion = part.version;
        draft.urlParts.push(part.text);
        continue;
      }
      phase = 'headers';
    }
    if (BODY_START.test(raw)) {
      diagnostics.push(
        httpDiagnostic(
          index,
          0,
          raw.length,
          'warning',
          'Leave a blank line between the headers and the body.',
        ),
      );
      phase = 'body';
      draft.bodyLines.push({ text: raw, line: index, column: 0 });
      continue;
    }
    const header = parseHeader(context, raw, index);
    if (header) draft.headers.push(header);
  }

  if (draft?.valid) {
    // Before the first request (no `###` above it) a @knox line is the file's; inside a block
    // that a `###` opens, it is that request's.
    if (isFirstBlock && context.requests.length === 0) context.fileKnox.push(...knoxBeforeRequest);
    else knoxInRequest.push(...knoxBeforeRequest);
    knoxInRequest.sort((a, b) => a.line - b.line);
    finishRequest(context, block, draft, {
      name: name?.value ?? block.title,
      nameLine: name?.line ?? block.titleLine,
      metadata,
      knox: knoxDirectiveOf(knoxInRequest),
      assertions,
    });
    return;
  }
  for (const assertion of assertions) {
    diagnostics.push(
      httpDiagnostic(
        assertion.line,
        0,
        (lines[assertion.line] ?? '').length,
        'warning',
        'This assertion belongs to no request; put it in a request block, after its request line.',
      ),
    );
  }
  if (draft) return;
  const knox = [...knoxBeforeRequest, ...knoxInRequest];
  if (context.requests.length === 0) {
    context.fileKnox.push(...knox);
    context.fileMetadata.push(...metadata);
  } else {
    for (const entry of knox) {
      diagnostics.push(
        httpDiagnostic(
          entry.line,
          0,
          (lines[entry.line] ?? '').length,
          'warning',
          '@knox here applies to no request; move it into a request or above the first request.',
        ),
      );
    }
  }
  if (phase !== 'skip' && !hasVariables && (name || metadata.length > 0 || block.title)) {
    const line = name?.line ?? block.titleLine;
    diagnostics.push(
      httpDiagnostic(
        line,
        0,
        (lines[line] ?? '').length,
        'warning',
        'This request block has no request line; add one such as GET https://host/path.',
      ),
    );
  }
}

function finishRequest(
  context: Context,
  block: Block,
  draft: Draft,
  extra: {
    name: string | undefined;
    nameLine: number;
    metadata: HttpMetadata[];
    knox: KnoxDirective | undefined;
    assertions: Assertion[];
  },
): void {
  const bodyLines = draft.bodyLines;
  while (bodyLines.length > 0 && bodyLines[bodyLines.length - 1]?.text.trim() === '') {
    bodyLines.pop();
  }
  for (const line of bodyLines) checkReferences(context, line);
  let body: HttpBody | undefined;
  if (bodyLines.length > 0) {
    const contentType = draft.headers.find((h) => h.name.toLowerCase() === 'content-type');
    const graphQl = draft.headers.some((h) => isGraphQlMarker(h.name, h.value));
    const parsed = parseHttpBody(bodyLines, contentType?.value, graphQl);
    context.diagnostics.push(...parsed.diagnostics);
    body = parsed.body;
  }
  const request: HttpRequest = {
    index: context.requests.length,
    name: extra.name,
    title: block.title,
    method: draft.method,
    url: draft.urlParts.map((part) => part.text).join(''),
    urlParts: draft.urlParts,
    httpVersion: draft.httpVersion,
    headers: draft.headers,
    body,
    metadata: extra.metadata,
    knox: extra.knox,
    assertions: extra.assertions,
    line: draft.line,
    blockStart: block.start,
    blockEnd: block.end,
  };
  context.requests.push(request);
  if (extra.name !== undefined) context.nameLines.set(request, extra.nameLine);
}

function parseRequestLine(context: Context, raw: string, index: number): Draft | undefined {
  const { diagnostics } = context;
  const indent = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  const draft: Draft = {
    valid: true,
    method: 'GET',
    line: index,
    urlParts: [],
    httpVersion: undefined,
    headers: [],
    bodyLines: [],
  };
  const error = (start: number, end: number, message: string): void => {
    diagnostics.push(httpDiagnostic(index, start, end, 'error', message));
  };
  let target = trimmed;
  let targetColumn = indent;
  const withMethod = METHOD_AND_TARGET.exec(trimmed);
  if (withMethod?.[1] !== undefined && withMethod[2] !== undefined) {
    const word = withMethod[1];
    const method = HTTP_METHODS.find((m) => m === word.toUpperCase());
    if (!method) {
      error(
        indent,
        indent + word.length,
        `Unknown HTTP method '${word}'; use ${HTTP_METHODS.join(', ')}.`,
      );
      draft.valid = false;
    } else {
      draft.method = method;
    }
    target = withMethod[2];
    targetColumn = indent + trimmed.length - target.length;
  } else if (HTTP_METHODS.some((m) => m === trimmed.toUpperCase())) {
    error(
      indent,
      indent + trimmed.length,
      `'${trimmed}' needs a URL: ${trimmed} https://host/path.`,
    );
    draft.valid = false;
    return draft;
  } else if (!URL_START.test(trimmed)) {
    const colon = trimmed.indexOf(':');
    let message = 'Expected a request line such as GET https://host/path.';
    if (HOST_LIKE.test(trimmed)) {
      message = `URL '${trimmed}' has no scheme; write https://${trimmed}, or start it with / to use the profile's base URL.`;
    } else if (colon > 0 && HEADER_NAME.test(trimmed.slice(0, colon))) {
      message = `Header '${trimmed.slice(0, colon)}' comes before any request line; add a request line (METHOD URL) above it.`;
    }
    error(indent, indent + trimmed.length, message);
    return undefined;
  }
  const version = HTTP_VERSION.exec(target);
  if (version?.[1] !== undefined) {
    draft.httpVersion = version[1];
    target = target.slice(0, version.index).trimEnd();
  }
  const url = { text: target, line: index, column: targetColumn };
  if (/\s/.test(maskVariableReferences(target))) {
    const space = maskVariableReferences(target).search(/\s/);
    error(
      targetColumn + space,
      targetColumn + target.length,
      'The URL has a space; encode it as %20 (the HTTP version goes last: GET URL HTTP/1.1).',
    );
    draft.valid = false;
  }
  draft.urlParts.push(url);
  checkReferences(context, url);
  return draft;
}

function queryPart(raw: string, index: number): { text: SourceText; version: string | undefined } {
  const column = raw.length - raw.trimStart().length;
  let text = raw.trim();
  let version: string | undefined;
  const match = HTTP_VERSION.exec(text);
  if (match?.[1] !== undefined) {
    version = match[1];
    text = text.slice(0, match.index).trimEnd();
  }
  return { text: { text, line: index, column }, version };
}

function parseHeader(context: Context, raw: string, index: number): HttpHeader | undefined {
  const { diagnostics } = context;
  const nameColumn = raw.length - raw.trimStart().length;
  const colon = raw.indexOf(':');
  if (colon < 0) {
    const message = QUERY_LINE.test(raw)
      ? 'Query lines (? or &) must come right after the request line, before any header.'
      : "A header needs a colon: write 'Name: value', or leave a blank line before the body.";
    diagnostics.push(httpDiagnostic(index, nameColumn, raw.length, 'error', message));
    return undefined;
  }
  const name = raw.slice(nameColumn, colon).trim();
  if (!HEADER_NAME.test(name)) {
    diagnostics.push(
      httpDiagnostic(
        index,
        nameColumn,
        colon,
        'error',
        name === ''
          ? "The header has no name: write 'Name: value'."
          : `'${name}' is not a valid header name; use letters, digits and '-'.`,
      ),
    );
    return undefined;
  }
  const rest = raw.slice(colon + 1);
  const value = rest.trim();
  const valueColumn = colon + 1 + (rest.length - rest.trimStart().length);
  checkReferences(context, { text: name, line: index, column: nameColumn });
  checkReferences(context, { text: value, line: index, column: valueColumn });
  return { name, value, line: index, nameColumn, valueColumn };
}

function parseVariable(context: Context, raw: string, index: number): boolean {
  const match = VARIABLE.exec(raw);
  const name = match?.[2] ?? '';
  const column = raw.length - raw.trimStart().length;
  if (!match || match[3] !== '=') {
    context.diagnostics.push(
      httpDiagnostic(
        index,
        column,
        raw.length,
        'error',
        "A variable needs '=': write @name = value.",
      ),
    );
    return false;
  }
  if (!VARIABLE_NAME.test(name)) {
    context.diagnostics.push(
      httpDiagnostic(
        index,
        column,
        column + 1 + name.length,
        'error',
        name === ''
          ? 'A variable needs a name: write @name = value.'
          : `'${name}' is not a valid variable name; start with a letter or '_' and use letters, digits, '_', '.' or '-'.`,
      ),
    );
    return false;
  }
  const value = (match[4] ?? '').trimEnd();
  const valueColumn = match[1]?.length ?? 0;
  context.variables.push({ name, value, line: index, valueColumn });
  checkReferences(context, { text: value, line: index, column: valueColumn });
  return true;
}

function checkReferences(context: Context, source: SourceText): void {
  for (const reference of findVariableReferences(source.text)) {
    const start = source.column + reference.start;
    const end = source.column + reference.end;
    if (!reference.terminated) {
      context.diagnostics.push(
        httpDiagnostic(
          source.line,
          start,
          end,
          'error',
          "'{{' is not closed; add '}}' on the same line.",
        ),
      );
      continue;
    }
    const expression = parseReferenceExpression(reference.expression);
    if (expression.kind === 'invalid') {
      context.diagnostics.push(
        httpDiagnostic(source.line, start, end, 'error', expression.message),
      );
    }
  }
}

function reportDuplicateNames(context: Context): void {
  const first = new Map<string, HttpRequest>();
  for (const request of context.requests) {
    if (request.name === undefined) continue;
    const earlier = first.get(request.name);
    if (!earlier) {
      first.set(request.name, request);
      continue;
    }
    const line = context.nameLines.get(request) ?? request.line;
    context.diagnostics.push(
      httpDiagnostic(
        line,
        0,
        (context.lines[line] ?? '').length,
        'warning',
        `The name '${request.name}' is already used on line ${(context.nameLines.get(earlier) ?? earlier.line) + 1}; give this request another name.`,
      ),
    );
  }
}
