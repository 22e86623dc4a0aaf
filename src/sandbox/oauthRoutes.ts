import { oauthError } from './errors';
import type { SandboxRequest, SandboxResponse } from './sandboxRequest';
import { headerValue, jsonResponse, mediaType, readForm } from './sandboxRequest';
import type { OAuthClient, OAuthStore } from './oauthStore';

/**
 * Knox OAuth 2.0 default token lifetime, and the most a client may ask for:
 * https://docs.samsungknox.com/dev/knox-cloud-authentication/knox-oauth-2-0-authentication/for-customers-resellers-and-msps/step-1-get-access-token
 */
export const OAUTH_DEFAULT_EXPIRES_IN = 599;
export const OAUTH_MAX_EXPIRES_IN = 3600;

export interface OAuthDeps {
  readonly store: OAuthStore;
  /** Every scope Knox knows: the scope catalog plus each service's root scope. */
  readonly knownScopes: ReadonlySet<string>;
}

/** Serves POST /ams/v1/oauth2/token and POST /ams/v1/oauth2/revoke. */
export function handleOAuth(req: SandboxRequest, deps: OAuthDeps): SandboxResponse {
  const endpoint = req.path.replace(/\/$/, '');
  if (endpoint !== '/ams/v1/oauth2/token' && endpoint !== '/ams/v1/oauth2/revoke') {
    return oauthError(404, 'invalid_request', `No OAuth 2.0 endpoint at ${req.path}.`);
  }
  if (req.method !== 'POST') {
    return oauthError(405, 'invalid_request', `${endpoint} takes POST.`, { allow: 'POST' });
  }
  if (mediaType(req) !== 'application/x-www-form-urlencoded') {
    return oauthError(
      400,
      'invalid_request',
      'Send the parameters form-encoded (application/x-www-form-urlencoded).',
    );
  }
  const form = readForm(req);
  const client = authenticate(req, form, deps);
  if ('status' in client) return client;
  return endpoint.endsWith('/token') ? token(form, client, deps) : revoke(form, client, deps);
}

// RFC 6749 2.3.1: credentials in HTTP Basic (form-urlencoded, then base64) or in the body.
function authenticate(
  req: SandboxRequest,
  form: URLSearchParams,
  deps: OAuthDeps,
): OAuthClient | SandboxResponse {
  let clientId = form.get('client_id') ?? undefined;
  let secret = form.get('client_secret') ?? undefined;
  const basic = /^Basic\s+(\S+)$/i.exec(headerValue(req, 'authorization') ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1] ?? '', 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    try {
      clientId = decodeURIComponent(
        decoded.slice(0, colon < 0 ? undefined : colon).replace(/\+/g, ' '),
      );
      secret =
        colon < 0 ? undefined : decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
    } catch {
      clientId = undefined;
    }
  }
  const challenge = basic ? { 'www-authenticate': 'Basic realm="Knox"' } : undefined;
  if (!clientId || !secret) {
    return oauthError(
      401,
      'invalid_client',
      'Client authentication failed: send client_id and client_secret.',
      challenge,
    );
  }
  const client = deps.store.client(clientId);
  if (!client)
    return oauthError(
      401,
      'invalid_client',
      'Client authentication failed: unknown client_id.',
      challenge,
    );
  if (client.clientSecret !== secret) {
    return oauthError(
      401,
      'invalid_client',
      'Client authentication failed: wrong client_secret.',
      challenge,
    );
  }
  return client;
}

function expiresIn(form: URLSearchParams): number | SandboxResponse {
  const raw = form.get('expires_in');
  if (raw === null) return OAUTH_DEFAULT_EXPIRES_IN;
  const value = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 1 && value <= OAUTH_MAX_EXPIRES_IN)) {
    return oauthError(
      400,
      'invalid_request',
      `expires_in must be a whole number of seconds from 1 to ${OAUTH_MAX_EXPIRES_IN}.`,
    );
  }
  return value;
}

function parseScopes(raw: string): string[] {
  return [...new Set(raw.split(/\s+/).filter((s) => s !== ''))];
}

function tokenResponse(tokens: {
  accessToken: string;
  refreshToken: string;
  scopes: readonly string[];
  expiresIn: number;
}): SandboxResponse {
  return jsonResponse(
    200,
    {
      access_token: tokens.accessToken,
      scope: tokens.scopes.join(' '),
      expires_in: tokens.expiresIn,
      token_type: 'Bearer',
      refresh_token: tokens.refreshToken,
    },
    { 'cache-control': 'no-store', pragma: 'no-cache' },
  );
}

function token(form: URLSearchParams, client: OAuthClient, deps: OAuthDeps): SandboxResponse {
  const grantType = form.get('grant_type');
  if (!grantType) return oauthError(400, 'invalid_request', 'grant_type is required.');
  if (grantType !== 'client_credentials' && grantType !== 'refresh_token') {
    return oauthError(
      400,
      'unsupported_grant_type',
      `grant_type ${grantType} is not supported by the sandbox; use client_credentials or refresh_token.`,
    );
  }
  const lifetime = expiresIn(form);
  if (typeof lifetime !== 'number') return lifetime;
  const requested = form.get('scope');
  const scopes = requested === null ? undefined : parseScopes(requested);
  if (scopes) {
    const unknown = scopes.filter((s) => !deps.knownScopes.has(s));
    if (unknown.length > 0)
      return oauthError(400, 'invalid_scope', `Unknown scope: ${unknown.join(' ')}.`);
  }

  if (grantType === 'client_credentials') {
    if (!scopes || scopes.length === 0) {
      return oauthError(
        400,
        'invalid_scope',
        'scope is required: list the scopes the app needs, space-separated.',
      );
    }
    return tokenResponse(deps.store.issue(client.clientId, scopes, lifetime));
  }
  const refreshToken = form.get('refresh_token');
  if (!refreshToken)
    return oauthError(400, 'invalid_request', 'refresh_token is required for this grant.');
  const granted = deps.store.refreshable(refreshToken, client.clientId);
  if (!granted) {
    return oauthError(
      400,
      'invalid_grant',
      'The refresh token is unknown, used, revoked or not this client’s.',
    );
  }
  const wider = (scopes ?? []).filter((s) => !granted.includes(s));
  if (wider.length > 0) {
    return oauthError(
      400,
      'invalid_scope',
      `A refresh cannot add scopes the grant lacks: ${wider.join(' ')}.`,
    );
  }
  const tokens = deps.store.refresh(
    refreshToken,
    scopes && scopes.length > 0 ? scopes : granted,
    lifetime,
  );
  return tokens
    ? tokenResponse(tokens)
    : oauthError(
        400,
        'invalid_grant',
        'The refresh token is unknown, used, revoked or not this client’s.',
      );
}

function revoke(form: URLSearchParams, client: OAuthClient, deps: OAuthDeps): SandboxResponse {
  const value = form.get('token');
  if (!value) return oauthError(400, 'invalid_request', 'token is required.');
  deps.store.revoke(value, client.clientId);
  return jsonResponse(200, {}, { 'cache-control': 'no-store' });
}
