import { findJsonError } from './findJsonError';
import { httpDiagnostic } from './httpDiagnostic';
import type { HttpDiagnostic } from './httpDiagnostic';
import type { SourceText } from './sourceText';
import { maskVariableReferences } from './variableReferences';

/**
 * What a request body holds, from its Content-Type or, without one, from its content;
 * 'graphql' for a request with `X-Request-Type: GraphQL` (a query, then its variables).
 */
export type HttpBodyKind = 'json' | 'form' | 'multipart' | 'graphql' | 'text';

/** A `< ./file` line: the body (or a multipart part) comes from a file, which is not read here. */
export interface BodyFileReference {
  /** The path as written, relative to the `.http` file. */
  readonly path: string;
  /** `<@ ./file`: substitute `{{variables}}` in the file's contents too. */
  readonly processVariables: boolean;
  /** `<@latin1 ./file`: the encoding to read it with; undefined means UTF-8. */
  readonly encoding: string | undefined;
  readonly line: number;
  readonly column: number;
}

/** The body of a request as written, with the position of every line. */
export interface HttpBody {
  readonly kind: HttpBodyKind;
  /** The lines joined: with line breaks, or for forms REST Client's way (`&` lines run on). */
  readonly text: string;
  readonly lines: readonly SourceText[];
  /** Set when the whole body is one `< ./file` line. */
  readonly file: BodyFileReference | undefined;
  /** Every `< ./file` line, in order (several only in multipart bodies). */
  readonly files: readonly BodyFileReference[];
  readonly firstLine: number;
  readonly lastLine: number;
}

const FILE_REFERENCE = /^(\s*<(?:@(\w*))?\s+)(\S[\s\S]*)$/;
// What encodeurl (REST Client's "automatic" form encoding) leaves alone: the characters a URL
// may hold, and a `%` that already starts an escape.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const FORM_UNSAFE = /[^\x21\x23-\x3B\x3D\x3F-\x5F\x61-\x7A\x7C\x7E]+|%(?![0-9A-Fa-f]{2})/g;
const REQUEST_LINE = /^\s*(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+\S/;

/** Reads a `< ./file`, `<@ ./file` or `<@latin1 ./file` body line; undefined for any other line. */
export function parseBodyFileReference(text: string, line: number): BodyFileReference | undefined {
  const match = FILE_REFERENCE.exec(text);
  if (!match?.[1] || match[3] === undefined) return undefined;
  const encoding = match[2];
  return {
    path: match[3].trimEnd(),
    processVariables: encoding !== undefined,
    encoding: encoding === undefined || encoding === '' ? undefined : encoding,
    line,
    column: match[1].length,
  };
}

/** The body kind a Content-Type value announces, or undefined when it announces none of ours. */
export function bodyKindOfContentType(contentType: string | undefined): HttpBodyKind | undefined {
  if (contentType === undefined) return undefined;
  const mediaType = (contentType.split(';', 1)[0] ?? '').trim().toLowerCase();
  const [type = '', subtype = ''] = mediaType.split('/', 2);
  if (
    (type === 'application' || type === 'text') &&
    (subtype === 'json' || subtype.endsWith('+json'))
  ) {
    return 'json';
  }
  if (mediaType === 'application/x-www-form-urlencoded') return 'form';
  if (type === 'multipart') return 'multipart';
  return 'text';
}

/** The line break between body lines: CRLF in multipart bodies (RFC 2046), LF elsewhere. */
export function bodyLineEnding(kind: HttpBodyKind): string {
  return kind === 'multipart' ? '\r\n' : '\n';
}

/**
 * Joins body lines into the text that is sent. Form bodies follow REST Client: a line that
 * starts with `&` continues the previous one; everything else keeps its line break.
 */
export function joinBodyLines(kind: HttpBodyKind, lines: readonly string[]): string {
  if (kind !== 'form') return lines.join(bodyLineEnding(kind));
  let text = '';
  lines.forEach((line, index) => {
    const trimmed = line.trim();
    if (index === 0) text = trimmed;
    else text += trimmed.startsWith('&') ? trimmed : `\n${trimmed}`;
  });
  return text;
}

/**
 * Percent-encodes an `application/x-www-form-urlencoded` body the way REST Client does by
 * default: every character a URL may not hold, as UTF-8; `&`, `=` and `%XX` escapes stay.
 */
export function encodeFormBody(text: string): string {
  return toWellFormed(text).replace(FORM_UNSAFE, (run) => encodeURI(run));
}

/** `text` with every lone UTF-16 surrogate replaced by U+FFFD, so it can be percent-encoded. */
export function toWellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/** True for REST Client's GraphQL marker, `X-Request-Type: GraphQL` (any case). */
export function isGraphQlMarker(name: string, value: string): boolean {
  return name.toLowerCase() === 'x-request-type' && value.trim().toLowerCase() === 'graphql';
}

/**
 * Builds a request body from its lines (trailing blank lines already trimmed) and the request's
 * Content-Type, checking JSON bodies and warning about a request that lacks its `###`.
 */
export function parseHttpBody(
  lines: readonly SourceText[],
  contentType: string | undefined,
  graphQl = false,
): { readonly body: HttpBody; readonly diagnostics: readonly HttpDiagnostic[] } {
  const diagnostics: HttpDiagnostic[] = [];
  const files: BodyFileReference[] = [];
  for (const line of lines) {
    const file = parseBodyFileReference(line.text, line.line);
    if (file) files.push(file);
  }
  const file = lines.length === 1 && files.length === 1 ? files[0] : undefined;
  const texts = lines.map((line) => line.text);
  const declared = bodyKindOfContentType(contentType);
  const kind = graphQl ? 'graphql' : (declared ?? sniffKind(texts, file));
  const text = joinBodyLines(kind, texts);
  const first = lines[0];
  const last = lines[lines.length - 1];
  if (kind === 'json' && declared === 'json' && files.length === 0 && first) {
    const error = findJsonError(maskVariableReferences(text));
    if (error) {
      const at = positionOf(lines, error.offset);
      diagnostics.push(
        httpDiagnostic(
          at.line,
          at.column,
          at.column + 1,
          'warning',
          `Body is not valid JSON (${error.message}); fix it or change the Content-Type.`,
        ),
      );
    }
  }
  const stray = lines.find((line) => REQUEST_LINE.test(line.text));
  if (stray) {
    diagnostics.push(
      httpDiagnostic(
        stray.line,
        0,
        stray.text.length,
        'warning',
        'This looks like another request inside a body; put a ### line before it.',
      ),
    );
  }
  return {
    body: {
      kind,
      text,
      lines,
      file,
      files,
      firstLine: first?.line ?? 0,
      lastLine: last?.line ?? 0,
    },
    diagnostics,
  };
}

function sniffKind(texts: readonly string[], file: BodyFileReference | undefined): HttpBodyKind {
  if (file) return /\.json$/i.test(file.path) ? 'json' : 'text';
  const text = texts.join('\n');
  const start = text.trimStart()[0];
  if ((start === '{' || start === '[') && !findJsonError(maskVariableReferences(text))) {
    return 'json';
  }
  return 'text';
}

function positionOf(
  lines: readonly SourceText[],
  offset: number,
): { line: number; column: number } {
  let remaining = offset;
  for (const line of lines) {
    if (remaining <= line.text.length) return { line: line.line, column: line.column + remaining };
    remaining -= line.text.length + 1;
  }
  const last = lines[lines.length - 1];
  return { line: last?.line ?? 0, column: (last?.column ?? 0) + (last?.text.length ?? 0) };
}
