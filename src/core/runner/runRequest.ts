import { randomUUID } from 'node:crypto';
import { findErrorCode, forService } from '../catalogs/errorLookup';
import { KnoxToolError } from '../toolError';
import type { ErrorLookup, KnoxErrorResult } from '../knoxErrors/knoxError';
import { parseKnoxError } from '../knoxErrors/knoxError';
import type { PolicyRetry, TokenSource } from '../http/sendAuthorized';
import { authorizationHeaders, sendAuthorized } from '../http/sendAuthorized';
import type { HttpResponse, SendOptions } from '../http/sendRequest';
import { sendRequest } from '../http/sendRequest';
import type { MintedToken, TokenKind } from '../tokens/tokenManager';
import type { BuiltRequest, RequestHeader, TokenSkipReason } from './buildRequest';
import { MASKED } from './maskHeaders';
import { scopeProblemFor } from './scopeHint';
import type { ScopeHint } from './scopeHint';

/** What one send of a `.http` request gave: plain data for the response view and history. */
export interface RunResult {
  readonly id: string;
  /** Epoch ms when the request was started. */
  readonly startedAt: number;
  readonly name: string | undefined;
  readonly line: number;
  readonly method: string;
  readonly url: string;
  readonly profileName: string | undefined;
  /** The headers sent, the token's value masked. */
  readonly sentHeaders: readonly RequestHeader[];
  readonly tokenSent: boolean;
  readonly tokenKind: TokenKind | undefined;
  /** Why the profile's token did not go with the request, when it did not. */
  readonly tokenSkipped: TokenSkipReason | undefined;
  readonly response: HttpResponse;
  /** The body's size in UTF-8 bytes. */
  readonly sizeBytes: number;
  readonly error: KnoxErrorResult | undefined;
  /** The one resend after Knox refused the token, when there was one. */
  readonly retry: PolicyRetry | undefined;
  readonly note: string | undefined;
  /** After a 403 to an OAuth token: the scope that would have allowed the request. */
  readonly missingScope: string | undefined;
  readonly hint: ScopeHint | undefined;
}

/** How `runRequest` sends: transport options, the token source and the clock. */
export interface RunDeps extends SendOptions {
  /** Required when the built request attaches a token. */
  readonly tokens?: TokenSource;
  /** Told of every token the request used, so callers can mask it wherever it shows. */
  readonly onToken?: (token: MintedToken) => void;
  readonly lookup?: ErrorLookup;
  readonly id?: () => string;
}

/**
 * Sends a built request, attaching the profile's token through `sendAuthorized` (renewed and
 * resent once on 4032251/401, 429 backed off). HTTP errors are results; throws what the
 * transport and the token source throw (KnoxToolError 'ABORTED', 'NETWORK_FAILED', ...).
 */
export async function runRequest(built: BuiltRequest, deps: RunDeps = {}): Promise<RunResult> {
  const { tokens, onToken, id = randomUUID, ...send } = deps;
  // A code several services share is explained as the service of this request answers it.
  const service = built.hint?.service;
  const lookup: ErrorLookup =
    deps.lookup ??
    ((code) => {
      const entry = findErrorCode(code);
      return entry && forService(entry, service);
    });
  const now = send.now ?? Date.now;
  const startedAt = now();
  const headers: Record<string, string> = {};
  for (const header of built.headers) {
    const existing = Object.keys(headers).find(
      (name) => name.toLowerCase() === header.name.toLowerCase(),
    );
    if (existing === undefined) headers[header.name] = header.value;
    else headers[existing] = `${headers[existing] ?? ''}, ${header.value}`;
  }
  const request = {
    url: built.url,
    method: built.method,
    headers,
    // Bytes, not a string: fetch would add a text/plain Content-Type the file never wrote.
    ...(built.body === undefined ? {} : { body: built.bytes ?? Buffer.from(built.body, 'utf8') }),
  };

  let response: HttpResponse;
  let error: KnoxErrorResult | undefined;
  let retry: PolicyRetry | undefined;
  let note: string | undefined;
  let tokenSent = false;
  let lastToken: MintedToken | undefined;
  if (built.token.attach) {
    if (!tokens) {
      throw new KnoxToolError(
        'INTERNAL',
        'The request needs a token but the runner was given no token source. This is a bug in the toolkit; please report it.',
      );
    }
    const seen = (token: MintedToken): MintedToken => {
      lastToken = token;
      onToken?.(token);
      return token;
    };
    const watched: TokenSource = {
      get: async (signal) => seen(await tokens.get(signal)),
      renew: async (stale, signal) => seen(await tokens.renew(stale, signal)),
    };
    const answer = await sendAuthorized(request, {
      ...send,
      tokens: watched,
      lookup,
    });
    response = answer;
    ({ error, retry, note, tokenSent } = answer);
  } else {
    response = await sendRequest(request, send);
    if (response.status >= 400) {
      error = parseKnoxError(
        response.status,
        response.body,
        response.headers['content-type'],
        lookup,
      );
    }
  }

  const sentHeaders: RequestHeader[] = built.headers.map((h) => ({ ...h }));
  const tokenKind = tokenSent ? lastToken?.kind : undefined;
  if (tokenSent && lastToken) {
    for (const name of Object.keys(authorizationHeaders(lastToken)))
      sentHeaders.push({ name, value: MASKED });
  }
  return {
    id: id(),
    startedAt,
    name: built.name,
    line: built.line,
    method: built.method,
    url: built.url,
    profileName: built.profile?.name,
    sentHeaders,
    tokenSent,
    tokenKind,
    tokenSkipped: built.token.attach ? undefined : built.token.reason,
    response: { ...response },
    sizeBytes: Buffer.byteLength(response.body, 'utf8'),
    error,
    retry,
    note,
    missingScope:
      response.status === 403 && tokenKind === 'oauth' ? missingScope(built, response) : undefined,
    hint: built.hint,
  };
}

// RFC 6750: `WWW-Authenticate: Bearer error="insufficient_scope", scope="a b"` names the scopes
// the resource needs; without it the scope catalog and the profile's scopes tell.
function missingScope(built: BuiltRequest, response: HttpResponse): string | undefined {
  const challenge = response.headers['www-authenticate'] ?? '';
  const named = /\bscope="([^"]*)"/i
    .exec(challenge)?.[1]
    ?.split(/\s+/)
    .find((s) => s !== '');
  if (named !== undefined) return named;
  if (!built.hint || !built.profile) return undefined;
  return scopeProblemFor(built.hint, built.profile)?.missingScope;
}
