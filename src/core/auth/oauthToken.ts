import { KnoxToolError } from '../toolError';
import { knoxRejectedError } from '../knoxErrors/knoxError';
import type { KnoxErrorResult } from '../knoxErrors/knoxError';
import type { Mint } from '../tokens/tokenManager';
import { postAuthEndpoint, requireString } from './authEndpoint';
import type { AuthCallOptions } from './authEndpoint';
import { KNOX_BASE_URLS, joinUrl, resolveBaseUrl } from './baseUrl';

/** The longest OAuth token lifetime Knox grants, in seconds. */
export const MAX_OAUTH_EXPIRES_IN_SECONDS = 3600;

/** A Cloud App's credentials from the Knox Developer Portal, and the host (default api.samsungknox.com). */
export interface OAuthClient extends AuthCallOptions {
  readonly baseUrl?: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** A client_credentials token request. */
export interface OAuthTokenRequest extends OAuthClient {
  readonly scopes: readonly string[];
  /** Seconds from 1 to 3600; Knox's default (about 10 minutes) when absent. */
  readonly expiresInSeconds?: number;
}

/** A refresh_token grant request. */
export interface OAuthRefreshRequest extends OAuthClient {
  readonly refreshToken: string;
  /** Narrower scopes than the original grant; all of them when absent. */
  readonly scopes?: readonly string[];
}

/** A token revocation request. */
export interface OAuthRevokeRequest extends OAuthClient {
  /** The access or refresh token to revoke. */
  readonly token: string;
}

/** A Knox OAuth 2.0 token, as plain data. */
export interface OAuthToken {
  readonly accessToken: string;
  /** As Knox wrote it, normally 'Bearer'. */
  readonly tokenType: string;
  readonly scopes: readonly string[];
  readonly expiresInSeconds: number;
  /** Epoch ms, counted from before the request was sent. */
  readonly expiresAt: number;
  /** A new refresh token replaces the old one, which Knox no longer accepts. */
  readonly refreshToken?: string;
  /** The `Authorization` header value. */
  readonly headerValue: string;
}

/** A token, or Knox's refusal as a result. */
export type OAuthTokenResult =
  | { readonly ok: true; readonly token: OAuthToken }
  | { readonly ok: false; readonly error: KnoxErrorResult };

/** Revocation done, or Knox's refusal as a result. */
export type OAuthRevokeResult =
  { readonly ok: true } | { readonly ok: false; readonly error: KnoxErrorResult };

// Knox's documented default when expires_in is not sent (10 minutes):
// https://docs.samsungknox.com/dev/knox-cloud-authentication/knox-oauth-2-0-authentication/for-customers-resellers-and-msps/step-1-get-access-token
const DEFAULT_EXPIRES_IN_SECONDS = 600;

/**
 * client_credentials grant at `/ams/v1/oauth2/token` (form-encoded, space-separated scope).
 * Checks the inputs before sending; throws KnoxToolError 'TOKEN_MISSING_CREDENTIAL',
 * 'INVALID_INPUT', 'TOKEN_VALIDITY_OUT_OF_RANGE' or a transport code. Refusals are returned.
 */
export async function requestOAuthToken(request: OAuthTokenRequest): Promise<OAuthTokenResult> {
  checkClient(request);
  const scope = joinScopes(request.scopes);
  if (request.expiresInSeconds !== undefined) checkExpiresIn(request.expiresInSeconds);
  return tokenCall(
    request,
    {
      grant_type: 'client_credentials',
      client_id: request.clientId,
      client_secret: request.clientSecret,
      scope,
      ...(request.expiresInSeconds === undefined
        ? {}
        : { expires_in: String(request.expiresInSeconds) }),
    },
    request.scopes,
  );
}

/**
 * refresh_token grant at `/ams/v1/oauth2/token`. The answer's refresh token replaces the old one;
 * when Knox sends none the old one is kept in the result. Throws like `requestOAuthToken`.
 */
export async function refreshOAuthToken(request: OAuthRefreshRequest): Promise<OAuthTokenResult> {
  checkClient(request);
  if (request.refreshToken.trim() === '') {
    throw new KnoxToolError(
      'TOKEN_MISSING_CREDENTIAL',
      'The refresh token is empty. Request a new token with the client credentials instead.',
    );
  }
  const scope = request.scopes === undefined ? undefined : joinScopes(request.scopes);
  const result = await tokenCall(
    request,
    {
      grant_type: 'refresh_token',
      client_id: request.clientId,
      client_secret: request.clientSecret,
      refresh_token: request.refreshToken.trim(),
      ...(scope === undefined ? {} : { scope }),
    },
    request.scopes ?? [],
  );
  if (!result.ok || result.token.refreshToken !== undefined) return result;
  return { ok: true, token: { ...result.token, refreshToken: request.refreshToken.trim() } };
}

/** Revokes an access or refresh token at `/ams/v1/oauth2/revoke`. Throws like `requestOAuthToken`. */
export async function revokeOAuthToken(request: OAuthRevokeRequest): Promise<OAuthRevokeResult> {
  checkClient(request);
  if (request.token.trim() === '') {
    throw new KnoxToolError(
      'INVALID_INPUT',
      'The token to revoke is empty. Pick a stored token to revoke.',
    );
  }
  const url = joinUrl(
    resolveBaseUrl(request.baseUrl ?? KNOX_BASE_URLS.oauth),
    '/ams/v1/oauth2/revoke',
  );
  const form = {
    client_id: request.clientId,
    client_secret: request.clientSecret,
    token: request.token.trim(),
  };
  const answer = await postFormAllowingEmpty(url, form, request);
  return answer.ok ? { ok: true } : answer;
}

/** A TokenManager mint for the client_credentials grant; a refusal throws 'KNOX_REJECTED'. */
export function oauthTokenMint(request: Omit<OAuthTokenRequest, 'signal'>): Mint {
  return async (signal) => {
    const result = await requestOAuthToken({ ...request, signal });
    if (!result.ok) throw knoxRejectedError('the OAuth token request', result.error);
    return { value: result.token.headerValue, expiresAt: result.token.expiresAt, kind: 'oauth' };
  };
}

async function tokenCall(
  request: OAuthClient,
  form: Record<string, string>,
  requestedScopes: readonly string[],
): Promise<OAuthTokenResult> {
  const url = joinUrl(
    resolveBaseUrl(request.baseUrl ?? KNOX_BASE_URLS.oauth),
    '/ams/v1/oauth2/token',
  );
  const started = (request.now ?? Date.now)();
  const answer = await postAuthEndpoint(url, { form }, request);
  if (!answer.ok) return answer;
  const { json } = answer;
  const accessToken = requireString(json, 'access_token', url);
  const rawType =
    typeof json.token_type === 'string' && json.token_type.trim() !== ''
      ? json.token_type.trim()
      : 'Bearer';
  const expiresIn = Number(json.expires_in ?? form.expires_in ?? DEFAULT_EXPIRES_IN_SECONDS);
  if (!Number.isFinite(expiresIn) || expiresIn <= 0) {
    throw new KnoxToolError(
      'RESPONSE_INVALID',
      `${new URL(url).pathname} answered with an unusable expires_in. Check the base URL; if it is right, report it.`,
    );
  }
  const scopes =
    typeof json.scope === 'string'
      ? json.scope.split(/\s+/).filter((s) => s !== '')
      : [...requestedScopes];
  const refreshToken =
    typeof json.refresh_token === 'string' && json.refresh_token !== ''
      ? json.refresh_token
      : undefined;
  // RFC 6750 names the scheme "Bearer"; some servers answer "bearer".
  const scheme = rawType.toLowerCase() === 'bearer' ? 'Bearer' : rawType;
  return {
    ok: true,
    token: {
      accessToken,
      tokenType: rawType,
      scopes,
      expiresInSeconds: expiresIn,
      expiresAt: started + expiresIn * 1000,
      headerValue: `${scheme} ${accessToken}`,
      ...(refreshToken === undefined ? {} : { refreshToken }),
    },
  };
}

// RFC 7009: a successful revocation is HTTP 200, often with an empty body.
async function postFormAllowingEmpty(
  url: string,
  form: Record<string, string>,
  options: AuthCallOptions,
): Promise<{ readonly ok: true } | { readonly ok: false; readonly error: KnoxErrorResult }> {
  try {
    const answer = await postAuthEndpoint(url, { form }, options);
    return answer.ok ? { ok: true } : answer;
  } catch (e) {
    if (e instanceof KnoxToolError && e.code === 'RESPONSE_INVALID') return { ok: true };
    throw e;
  }
}

function checkClient(client: OAuthClient): void {
  if (client.clientId.trim() === '' || client.clientSecret.trim() === '') {
    throw new KnoxToolError(
      'TOKEN_MISSING_CREDENTIAL',
      `The OAuth client ${client.clientId.trim() === '' ? 'id' : 'secret'} is empty. Copy it from "Cloud Apps" in the Knox Developer Portal.`,
    );
  }
}

function joinScopes(scopes: readonly string[]): string {
  const cleaned = scopes.map((s) => s.trim()).filter((s) => s !== '');
  if (cleaned.length === 0) {
    throw new KnoxToolError(
      'INVALID_INPUT',
      'No OAuth scope given. Pick at least one scope the Cloud App was granted, e.g. kme.devices:view.',
    );
  }
  // RFC 6749 section 3.3: scope tokens are printable ASCII without space, quote or backslash.
  const bad = cleaned.find((s) => !/^[\x21\x23-\x5B\x5D-\x7E]+$/.test(s));
  if (bad !== undefined) {
    throw new KnoxToolError(
      'INVALID_INPUT',
      `OAuth scope "${bad}" has characters a scope cannot have. Give scopes as a list, e.g. ["kme", "kdp.devices:view"].`,
    );
  }
  return [...new Set(cleaned)].join(' ');
}

function checkExpiresIn(value: number): void {
  if (Number.isInteger(value) && value >= 1 && value <= MAX_OAUTH_EXPIRES_IN_SECONDS) return;
  throw new KnoxToolError(
    'TOKEN_VALIDITY_OUT_OF_RANGE',
    `OAuth token lifetime ${String(value)} s is not allowed: Knox grants whole seconds from 1 to ${MAX_OAUTH_EXPIRES_IN_SECONDS}. Pick a value in that range.`,
  );
}
