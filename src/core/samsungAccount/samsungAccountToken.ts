import { KnoxToolError } from '../toolError';
import type { AuthCallOptions } from '../auth/authEndpoint';
import { parseKnoxError } from '../knoxErrors/knoxError';
import type { KnoxErrorResult } from '../knoxErrors/knoxError';
import { sendRequest } from '../http/sendRequest';
import type { HttpResponse } from '../http/sendRequest';
import type { SamsungAccountClient } from './samsungAccountEndpoints';
import { samsungAccountEndpoints, signOutGateUrl } from './samsungAccountEndpoints';

/** A call to Samsung Account's token endpoint with the client's secret. */
export interface SamsungAccountTokenCall extends AuthCallOptions {
  readonly client: SamsungAccountClient;
  readonly clientSecret: string;
  /** Body encoding: OAuth 2.0's form (default) or JSON, as the document's example shows. */
  readonly bodyFormat?: 'form' | 'json';
}

/** A Samsung Account access token, as plain data. */
export interface SamsungAccountToken {
  readonly accessToken: string;
  readonly tokenType: string;
  readonly expiresInSeconds: number;
  /** Epoch ms, counted from before the request was sent. */
  readonly expiresAt: number;
  readonly refreshToken?: string;
  /** Epoch ms; absent when Samsung states no expiry (-1 or nothing). */
  readonly refreshTokenExpiresAt?: number;
  /** The Samsung Account user the token belongs to. */
  readonly userId?: string;
}

/** A token, or Samsung Account's refusal as a result. */
export type SamsungAccountTokenResult =
  | { readonly ok: true; readonly token: SamsungAccountToken }
  | { readonly ok: false; readonly error: KnoxErrorResult };

/** What authorizeToken says about an access token, or its refusal (LIC_xxxx). */
export type AuthorizeTokenResult =
  | {
      readonly ok: true;
      readonly userId?: string;
      readonly clientId?: string;
      readonly expiresInSeconds?: number;
    }
  | { readonly ok: false; readonly error: KnoxErrorResult };

/** signOutGate answered, or refused, as a result. */
export type SignOutResult =
  { readonly ok: true } | { readonly ok: false; readonly error: KnoxErrorResult };

/**
 * Exchanges an authorization code at the token endpoint (client_id, client_secret,
 * grant_type=authorization_code, code, redirect_uri); never follows a redirect. Refusals (AUT_xxxx)
 * are returned; throws 'TOKEN_MISSING_CREDENTIAL' for an empty secret or code, 'RESPONSE_INVALID',
 * 'REDIRECT_NOT_FOLLOWED' and transport codes.
 */
export async function exchangeAuthorizationCode(
  request: SamsungAccountTokenCall & { readonly code: string; readonly redirectUri: string },
): Promise<SamsungAccountTokenResult> {
  if (request.code.trim() === '') {
    throw new KnoxToolError(
      'TOKEN_MISSING_CREDENTIAL',
      'The authorization code is empty. Sign in again to get a new one.',
    );
  }
  return tokenCall(request, {
    client_id: request.client.clientId.trim(),
    client_secret: secretOf(request),
    grant_type: 'authorization_code',
    code: request.code.trim(),
    redirect_uri: request.redirectUri,
  });
}

/**
 * Gets a new access token with a refresh token (grant_type=refresh_token). When Samsung sends
 * no new refresh token the old one is kept in the result. Throws like `exchangeAuthorizationCode`.
 */
export async function refreshSamsungAccountToken(
  request: SamsungAccountTokenCall & { readonly refreshToken: string },
): Promise<SamsungAccountTokenResult> {
  const refreshToken = request.refreshToken.trim();
  if (refreshToken === '') {
    throw new KnoxToolError(
      'TOKEN_MISSING_CREDENTIAL',
      'There is no Samsung Account refresh token. Sign in again.',
    );
  }
  const result = await tokenCall(request, {
    client_id: request.client.clientId.trim(),
    client_secret: secretOf(request),
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
  });
  if (!result.ok || result.token.refreshToken !== undefined) return result;
  return { ok: true, token: { ...result.token, refreshToken } };
}

/**
 * Asks authorizeToken whom an access token belongs to (header x-osp-appId = the client id).
 * Refusals (LIC_xxxx) are returned; throws transport codes and, for a redirect (never
 * followed), 'REDIRECT_NOT_FOLLOWED'.
 */
export async function authorizeSamsungAccountToken(
  request: AuthCallOptions & {
    readonly client: SamsungAccountClient;
    readonly accessToken: string;
  },
): Promise<AuthorizeTokenResult> {
  const url = samsungAccountEndpoints(request.client).authorizeToken;
  const response = await sendRequest(
    {
      url,
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
        'x-osp-appId': request.client.clientId.trim(),
      },
      body: new URLSearchParams({ authToken: request.accessToken }).toString(),
    },
    { ...request, redirect: 'error' },
  );
  if (!isSuccess(response)) return { ok: false, error: errorOf(response) };
  const json = parseObject(response.body, url);
  const userId = stringField(json.userId);
  const clientId = stringField(json.client_id) ?? stringField(json.clientId);
  const expires = Number(json.expires_in);
  return {
    ok: true,
    ...(userId === undefined ? {} : { userId }),
    ...(clientId === undefined ? {} : { clientId }),
    ...(Number.isFinite(expires) && expires >= 0 ? { expiresInSeconds: expires } : {}),
  };
}

/**
 * Calls signOutGate for the sign-in of `accessToken`, which ends its session and revokes its
 * tokens. A 2xx or 3xx answer is success (a redirect is never followed); refusals are returned;
 * throws transport codes.
 */
export async function callSignOutGate(
  request: AuthCallOptions & {
    readonly client: SamsungAccountClient;
    readonly accessToken?: string;
  },
): Promise<SignOutResult> {
  const response = await sendRequest(
    {
      url: signOutGateUrl(request.client, {
        ...(request.accessToken ? { accessToken: request.accessToken } : {}),
      }),
      method: 'GET',
      headers: { Accept: 'text/html, application/json' },
    },
    // The URL carries the access token; its redirect is the sign-out's success, never followed.
    { ...request, redirect: 'manual' },
  );
  return response.status >= 200 && response.status < 400
    ? { ok: true }
    : { ok: false, error: errorOf(response) };
}

/**
 * A KnoxToolError 'SIGN_IN_FAILED' for a Samsung Account refusal: what was refused, the code
 * (AUT_xxxx, LIC_xxxx) with the catalog's name and fix. The result is kept as the cause.
 */
export function samsungAccountRefusal(what: string, error: KnoxErrorResult): KnoxToolError {
  const entry = error.entry?.flow.startsWith('samsung-account') ? error.entry : undefined;
  const label = [error.code, entry ? `(${entry.name})` : undefined].filter(Boolean).join(' ');
  const advice =
    entry?.fix ??
    (error.code === 'invalid_grant'
      ? 'The code or refresh token is unknown, expired, used or revoked. Sign in again.'
      : error.status === 0
        ? error.hint
        : `Samsung Account said: "${error.message.replace(/\s+/g, ' ').slice(0, 200)}". Check the profile's Samsung Account client id, secret and hosts.`);
  return new KnoxToolError(
    'SIGN_IN_FAILED',
    `Samsung Account refused ${what}: HTTP ${error.status}${label ? ` ${label}` : ''}. ${advice}`,
    { cause: error },
  );
}

async function tokenCall(
  request: SamsungAccountTokenCall,
  fields: Record<string, string>,
): Promise<SamsungAccountTokenResult> {
  const url = samsungAccountEndpoints(request.client).token;
  const json = request.bodyFormat === 'json';
  const started = (request.now ?? Date.now)();
  const response = await sendRequest(
    {
      url,
      method: 'POST',
      headers: {
        'Content-Type': json ? 'application/json' : 'application/x-www-form-urlencoded',
        Accept: 'application/json',
      },
      body: json ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
    },
    // The body carries the client secret: never redirected.
    { ...request, redirect: 'error' },
  );
  if (!isSuccess(response)) return { ok: false, error: errorOf(response) };
  const body = parseObject(response.body, url);
  const accessToken = stringField(body.access_token);
  if (accessToken === undefined) throw invalidAnswer(url, 'access_token');
  // The document shows both access_token_expires_in and expires_in; either will do.
  const expiresIn = Number(body.access_token_expires_in ?? body.expires_in);
  if (!Number.isFinite(expiresIn) || expiresIn <= 0) throw invalidAnswer(url, 'expires_in');
  // The document's example has "refresh_token": -1 and "refresh_token_expires_in": -1 for "none".
  const refreshToken = stringField(body.refresh_token);
  const refreshIn = Number(body.refresh_token_expires_in);
  const userId = stringField(body.userId) ?? stringField(body.user_id);
  return {
    ok: true,
    token: {
      accessToken,
      tokenType: stringField(body.token_type) ?? 'Bearer',
      expiresInSeconds: expiresIn,
      expiresAt: started + expiresIn * 1000,
      ...(refreshToken === undefined ? {} : { refreshToken }),
      ...(refreshToken !== undefined && Number.isFinite(refreshIn) && refreshIn > 0
        ? { refreshTokenExpiresAt: started + refreshIn * 1000 }
        : {}),
      ...(userId === undefined ? {} : { userId }),
    },
  };
}

function secretOf(request: SamsungAccountTokenCall): string {
  const secret = request.clientSecret.trim();
  if (secret === '') {
    throw new KnoxToolError(
      'TOKEN_MISSING_CREDENTIAL',
      'The Samsung Account client secret is empty. Store it again with the profile’s Samsung Account settings.',
    );
  }
  return secret;
}

function isSuccess(response: HttpResponse): boolean {
  return response.status >= 200 && response.status < 300;
}

function errorOf(response: HttpResponse): KnoxErrorResult {
  return parseKnoxError(response.status, response.body, response.headers['content-type']);
}

function parseObject(text: string, url: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  throw new KnoxToolError(
    'RESPONSE_INVALID',
    `Samsung Account's ${new URL(url).pathname} answered without a JSON object. Check the profile's Samsung Account hosts: they may point at a web page or proxy.`,
  );
}

function invalidAnswer(url: string, field: string): KnoxToolError {
  return new KnoxToolError(
    'RESPONSE_INVALID',
    `Samsung Account's ${new URL(url).pathname} answered without a usable "${field}". Check the profile's Samsung Account token host.`,
  );
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
