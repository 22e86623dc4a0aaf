import { KnoxToolError, isKnoxToolError } from '../toolError';
import type { HttpFile, HttpMethod, HttpRequest as FileRequest } from '../httpFile/httpFile';
import { resolveText, resolveVariables } from '../httpFile/resolveVariables';
import type { ResolvedBody, VariableSources } from '../httpFile/resolveVariables';
import type { Profile } from '../profiles/profile';
import { apiBaseUrl } from '../profiles/profile';
import { baseUrlFor, mayCarryToken } from './requestTarget';
import { scopeHintFor } from './scopeHint';
import type { ScopeHint } from './scopeHint';

/** One header line of a request. */
export interface RequestHeader {
  readonly name: string;
  readonly value: string;
}

/** Why no managed token goes with a request. */
export type TokenSkipReason = 'noProfile' | 'userHeader' | 'foreignHost' | 'authEndpoint';

/** A request ready to send: variables substituted, URL absolute, the runner's headers added. */
export interface BuiltRequest {
  readonly name: string | undefined;
  /** 0-based line of the request line in the `.http` file. */
  readonly line: number;
  readonly method: HttpMethod;
  readonly url: string;
  /** The headers as written (variables substituted), then those in `added`. */
  readonly headers: readonly RequestHeader[];
  /** Names of the headers the runner added (tenant, content type); never one the user wrote. */
  readonly added: readonly string[];
  /** The body as text (UTF-8), for the response view, history and cURL. */
  readonly body: string | undefined;
  /** The body's exact bytes, `< ./file` parts as read; without it `body` is sent as UTF-8. */
  readonly bytes?: Buffer<ArrayBuffer>;
  readonly hint: ScopeHint | undefined;
  readonly profile: Profile | undefined;
  /** Whether the profile's token goes with the request, and if not why not. */
  readonly token:
    { readonly attach: true } | { readonly attach: false; readonly reason: TokenSkipReason };
}

/** Where `{{variables}}` come from; the file's own variables and the base URL are added here. */
export type BuildSources = Omit<VariableSources, 'fileVariables' | 'baseUrl'>;

/** What `buildRequest` needs: the parsed file, one of its requests and the profile to use. */
export interface BuildInput {
  readonly file: HttpFile;
  readonly request: FileRequest;
  /** The profile whose base URL and token the request uses; undefined sends it as written. */
  readonly profile: Profile | undefined;
  readonly sources?: BuildSources;
  /** Reads the bytes of a `< ./file` body (path as written, relative to the `.http` file). */
  readonly readBodyFile?: (path: string) => Promise<Uint8Array>;
}

/**
 * The header MSPs send to act for a managed customer:
 * https://docs.samsungknox.com/dev/knox-cloud-authentication/knox-oauth-2-0-authentication/for-customers-and-msps/step-2-call-knox-cloud-services-apis-with-access-token/
 */
export const TENANT_HEADER = 'x-wsm-managed-tenantid';
const AUTH_HEADERS: ReadonlySet<string> = new Set(['x-knox-apitoken', 'authorization']);
const ABSOLUTE = /^[A-Za-z][\w+.-]*:\/\//;

/**
 * Builds the request to send from a parsed `.http` request: substitutes variables, resolves a
 * relative URL against the profile's base URL for the endpoint's service, reads `< ./file`
 * bodies and adds the tenant and JSON content-type headers unless the user wrote them. Throws
 * KnoxToolError 'HTTP_FILE_SYNTAX' when the request has an error, 'INVALID_INPUT' for a body file.
 */
export async function buildRequest(input: BuildInput): Promise<BuiltRequest> {
  const { file, request, profile } = input;
  const sources: VariableSources = { ...input.sources, fileVariables: file.variables };
  const label = request.name === undefined ? `on line ${request.line + 1}` : `"${request.name}"`;

  const blockError = file.diagnostics.find(
    (d) => d.severity === 'error' && d.line >= request.blockStart && d.line <= request.blockEnd,
  );
  if (blockError) throw syntaxError(label, blockError.line, blockError.message);

  // The service decides the host (KAI, MSP and E-FOTA live on api.samsungknox.com), so the
  // path is looked at before the URL is made absolute.
  const written = resolveText(request.url, sources, request.blockEnd + 1).text;
  const preliminary = scopeHintFor(request.method, written);
  const baseUrl =
    profile && !ABSOLUTE.test(written)
      ? baseUrlFor(profile.target, preliminary?.service)
      : profile
        ? apiBaseUrl(profile.target)
        : undefined;
  const resolved = resolveVariables(request, {
    ...sources,
    ...(baseUrl === undefined ? {} : { baseUrl }),
  });
  const firstError = resolved.diagnostics.find((d) => d.severity === 'error');
  if (firstError) throw syntaxError(label, firstError.line, firstError.message);

  const hint = scopeHintFor(request.method, resolved.url);
  const bytes = resolved.body
    ? await bodyBytes(resolved.body, input, sources, request.blockEnd + 1)
    : undefined;
  const body = bytes?.toString('utf8');
  const headers = mergeRepeatedHeaders(resolved.headers).map(encodeBasicCredentials);
  const has = (name: string): boolean => headers.some((h) => h.name.toLowerCase() === name);
  const added: string[] = [];
  const ownHost = profile !== undefined && mayCarryToken(resolved.url, profile.target);

  if (profile?.tenantId && ownHost && !hint?.authEndpoint && !has(TENANT_HEADER)) {
    headers.push({ name: TENANT_HEADER, value: profile.tenantId });
    added.push(TENANT_HEADER);
  }
  // Knox answers 415 to JSON sent without its content type. A deliberate difference from REST
  // Client, which sends none; the README lists it.
  const json = resolved.body?.kind === 'json' || resolved.body?.kind === 'graphql';
  if (json && body !== undefined && !has('content-type')) {
    headers.push({ name: 'Content-Type', value: 'application/json' });
    added.push('Content-Type');
  }

  let token: BuiltRequest['token'] = { attach: true };
  if (!profile) token = { attach: false, reason: 'noProfile' };
  else if (headers.some((h) => AUTH_HEADERS.has(h.name.toLowerCase())))
    token = { attach: false, reason: 'userHeader' };
  else if (hint?.authEndpoint) token = { attach: false, reason: 'authEndpoint' };
  else if (!ownHost) token = { attach: false, reason: 'foreignHost' };

  return {
    name: request.name,
    line: request.line,
    method: request.method,
    url: resolved.url,
    headers,
    added,
    body,
    ...(bytes === undefined ? {} : { bytes }),
    hint,
    profile,
    token,
  };
}

/** Says, in a sentence, why a request went without the profile's token. */
export function describeTokenSkip(reason: TokenSkipReason, profileName?: string): string {
  switch (reason) {
    case 'noProfile':
      return 'No Knox profile applies, so no token was attached. Add one with "Knox: Add Profile".';
    case 'userHeader':
      return 'The request sets its own x-knox-apitoken or Authorization header, which was sent as written.';
    case 'authEndpoint':
      return 'This is an authentication endpoint: it issues tokens and is called without one.';
    case 'foreignHost':
      return `The host is not one of profile "${profileName ?? ''}"'s Knox hosts, so its token was not sent there.`;
  }
}

/**
 * Joins header lines that name the same header into one, as REST Client does: values separated
 * by `, `, or `; ` for Cookie (RFC 6265), under the first line's spelling of the name.
 */
export function mergeRepeatedHeaders(
  headers: readonly { readonly name: string; readonly value: string }[],
): RequestHeader[] {
  const merged: RequestHeader[] = [];
  const at = new Map<string, number>();
  for (const { name, value } of headers) {
    const key = name.toLowerCase();
    const index = at.get(key);
    const earlier = index === undefined ? undefined : merged[index];
    if (index === undefined || earlier === undefined) {
      at.set(key, merged.length);
      merged.push({ name, value });
    } else {
      const separator = key === 'cookie' ? '; ' : ', ';
      merged[index] = { name: earlier.name, value: `${earlier.value}${separator}${value}` };
    }
  }
  return merged;
}

/**
 * REST Client's shorthand `Authorization: Basic USER:PASSWORD` (or `Basic USER PASSWORD`) as the
 * header HTTP wants, the pair base64-encoded; an already encoded value has neither form.
 */
export function encodeBasicCredentials(header: RequestHeader): RequestHeader {
  if (header.name.toLowerCase() !== 'authorization') return header;
  const match = /^basic\s+(\S+)(?:\s+(\S[\s\S]*?))?\s*$/i.exec(header.value);
  const user = match?.[1];
  if (user === undefined) return header;
  let pair: string;
  if (match?.[2] !== undefined) pair = `${user}:${match[2]}`;
  else if (user.includes(':')) pair = user;
  else return header;
  return { name: header.name, value: `Basic ${Buffer.from(pair, 'utf8').toString('base64')}` };
}

async function bodyBytes(
  body: ResolvedBody,
  input: BuildInput,
  sources: VariableSources,
  scopeLine: number,
): Promise<Buffer<ArrayBuffer>> {
  const pieces: Uint8Array[] = [];
  for (const part of body.parts) {
    if (part.kind === 'text') {
      pieces.push(Buffer.from(part.text, 'utf8'));
      continue;
    }
    if (!input.readBodyFile) {
      throw new KnoxToolError(
        'INVALID_INPUT',
        `The body refers to the file ${part.path}, which cannot be read here. Save the .http file to disk, or paste the content into the request.`,
      );
    }
    const encoding = part.encoding ?? 'utf8';
    if (!Buffer.isEncoding(encoding)) {
      throw new KnoxToolError(
        'INVALID_INPUT',
        `The body file ${part.path} (line ${part.line + 1}) names the encoding '${encoding}', which is unknown. Use utf8, latin1, ascii or utf16le.`,
      );
    }
    let content: Uint8Array;
    try {
      content = await input.readBodyFile(part.path);
    } catch (e) {
      // The reader's own message names the path and the limit or "not a regular file".
      if (isKnoxToolError(e)) {
        throw new KnoxToolError(e.code, `Body on line ${part.line + 1}: ${e.message}`, {
          cause: e,
        });
      }
      throw new KnoxToolError(
        'INVALID_INPUT',
        `The body file ${part.path} (line ${part.line + 1}) cannot be read. Check the path; it is relative to the .http file.`,
        { cause: e },
      );
    }
    if (!part.processVariables) {
      pieces.push(content);
      continue;
    }
    const text = Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString(
      encoding,
    );
    pieces.push(Buffer.from(resolveText(text, sources, scopeLine).text, 'utf8'));
  }
  return Buffer.concat(pieces);
}

function syntaxError(label: string, line: number, message: string): KnoxToolError {
  return new KnoxToolError(
    'HTTP_FILE_SYNTAX',
    `The request ${label} cannot be sent: line ${line + 1}: ${message}`,
  );
}
