import { samsungAccountError } from './errors';
import type { SandboxRequest, SandboxResponse } from './sandboxRequest';
import {
  headerValue,
  htmlResponse,
  jsonResponse,
  readFields,
  redirectResponse,
} from './sandboxRequest';
import type { SamsungAccountStore, SamsungAccountTokens } from './samsungAccountStore';

// Samsung Account simulation for the partner flow (samsung-account-authorization.txt). The
// document leaves host and paths as placeholders; the sandbox serves:
//   GET  /accounts/{ALIAS_ID}/signInGate   login page (one form: "Sign in" or "Cancel")
//   POST /accounts/{ALIAS_ID}/signInGate   the form's target: 302 to redirect_uri with code+state
//   GET  /accounts/{ALIAS_ID}/signOutGate  ends the session, revokes its tokens
//   POST /auth/oauth2/token                code and refresh_token grants (JSON or form)
//   GET|POST /auth/oauth2/authorizeToken   checks a token for the app in x-osp-appId
// Without a browser, sign in by POSTing the login form yourself (form-encoded client_id,
// redirect_uri, state, action=signin) and reading `code` from the 302's Location header.

const SESSION_COOKIE = 'sa_session';
const MAX_REDIRECT_URI = 1024;
const MAX_GRANT_TYPE = 50;
const CLIENT_ID_LENGTH = 10;
const CLIENT_SECRET_LENGTH = 32;
const MIN_CODE = 8;
const MAX_CODE = 256;

export interface SamsungAccountDeps {
  readonly store: SamsungAccountStore;
  readonly now: () => number;
}

/** True for the paths this module serves. */
export function isSamsungAccountPath(path: string): boolean {
  return path.startsWith('/accounts/') || path.startsWith('/auth/oauth2/');
}

/** Serves the Samsung Account simulation. */
export function handleSamsungAccount(
  req: SandboxRequest,
  deps: SamsungAccountDeps,
): SandboxResponse {
  const gate = /^\/accounts\/([^/]+)\/(signInGate|signOutGate)$/.exec(req.path);
  if (gate) {
    const aliasId = decodeURIComponent(gate[1] ?? '');
    if (gate[2] === 'signInGate') {
      if (req.method === 'GET') return signInPage(req, aliasId, deps);
      if (req.method === 'POST') return signInSubmit(req, aliasId, deps);
      return notAllowed('GET, POST');
    }
    if (req.method === 'GET') return signOut(req, aliasId, deps);
    return notAllowed('GET');
  }
  if (req.path === '/auth/oauth2/token') {
    return req.method === 'POST' ? token(req, deps) : notAllowed('POST');
  }
  if (req.path === '/auth/oauth2/authorizeToken') {
    return req.method === 'GET' || req.method === 'POST'
      ? authorizeToken(req, deps)
      : notAllowed('GET, POST');
  }
  return samsungAccountError(
    undefined,
    `No Samsung Account endpoint at ${req.path}.`,
    'not_found',
    404,
  );
}

function notAllowed(allow: string): SandboxResponse {
  const response = samsungAccountError(
    undefined,
    `Method not allowed; use ${allow}.`,
    'invalid_request',
    405,
  );
  return { ...response, headers: { ...response.headers, allow } };
}

/** AUT_1045 (length) or AUT_1022 (not a registered pattern), undefined when acceptable. */
export function redirectUriProblem(uri: string): 'AUT_1045' | 'AUT_1022' | undefined {
  if (uri.length === 0 || uri.length > MAX_REDIRECT_URI) return 'AUT_1045';
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'AUT_1022';
  }
  if (url.hash !== '' || url.username !== '' || url.password !== '') return 'AUT_1022';
  if (url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost')) {
    return undefined;
  }
  if (url.protocol === 'vscode:' || url.protocol === 'vscode-insiders:') return undefined;
  return 'AUT_1022';
}

const AUT_MESSAGES: Readonly<Record<string, string>> = {
  AUT_1001: 'The value of the client_id parameter was not present or had an empty value.',
  AUT_1002: 'The value of the client_secret parameter was not present or had an empty value.',
  AUT_1006: 'The value of the code parameter was not present or had an empty value.',
  AUT_1008: 'The value of grant_type parameter was not present or had an empty value.',
  AUT_1010: 'The length of the client_id parameter is invalid.',
  AUT_1011: 'The length of the client_secret parameter is invalid.',
  AUT_1015: 'The length of the code parameter is invalid.',
  AUT_1017: 'The length of the grant_type parameter is invalid.',
  AUT_1022: 'The pattern of the redirect_uri parameter is invalid.',
  AUT_1024: 'The pattern of the client_id parameter is invalid.',
  AUT_1045: 'The length of a redirect_uri parameter is invalid.',
  AUT_1702: 'The value of the client_secret parameter is incorrect.',
  AUT_1785: "Unauthenticated client_id can't be issued access_token.",
  AUT_1802: 'The value of the code parameter is incorrect.',
  AUT_1806: 'The value of the client_id parameter for code and access_token does not match.',
};

function aut(code: string, detail?: string): SandboxResponse {
  const message = AUT_MESSAGES[code] ?? code;
  return samsungAccountError(code, detail ? `${message} ${detail}` : message);
}

function clientIdProblem(clientId: string | undefined): string | undefined {
  if (!clientId) return 'AUT_1001';
  if (clientId.length !== CLIENT_ID_LENGTH) return 'AUT_1010';
  if (!/^[a-z0-9]+$/.test(clientId)) return 'AUT_1024';
  return undefined;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const PAGE_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

function page(
  status: number,
  title: string,
  body: string,
  headers?: Record<string, string>,
): SandboxResponse {
  return htmlResponse(
    status,
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem}
button{font-size:1rem;padding:.5rem 1.25rem;margin-right:.5rem}input{font-size:1rem;width:100%}</style>
</head><body><h1>${escapeHtml(title)}</h1>
${body}
<p><small>Knox API Toolkit sandbox: a simulation of Samsung Account, not the real service.</small></p>
</body></html>
`,
    { ...PAGE_HEADERS, ...headers },
  );
}

function errorPage(code: string, detail: string): SandboxResponse {
  return page(
    400,
    'Samsung Account: request refused',
    `<p><strong>${escapeHtml(code)}</strong> ${escapeHtml(detail)}</p>`,
  );
}

interface GateParams {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string | undefined;
  readonly responseType: string;
}

// Problems with the client or redirect_uri are shown on a page, never redirected to:
// redirecting to an unchecked URI would make the gate an open redirector (RFC 6749 4.1.2.1).
function checkGate(
  fields: { get(name: string): string | null | undefined },
  aliasId: string,
  deps: SamsungAccountDeps,
): GateParams | SandboxResponse {
  if (!deps.store.hasAlias(aliasId))
    return errorPage('AUT_1785', `No client is registered for ALIAS_ID ${aliasId}.`);
  const clientId = fields.get('client_id') ?? undefined;
  const idProblem = clientIdProblem(clientId);
  if (idProblem) return errorPage(idProblem, AUT_MESSAGES[idProblem] ?? '');
  const client = deps.store.client(clientId ?? '');
  if (!client || client.aliasId !== aliasId) {
    return errorPage(
      'AUT_1785',
      `client_id ${clientId} is not registered under ALIAS_ID ${aliasId}.`,
    );
  }
  const redirectUri = fields.get('redirect_uri') ?? '';
  const uriProblem = redirectUriProblem(redirectUri);
  if (uriProblem) {
    return errorPage(
      uriProblem,
      `${AUT_MESSAGES[uriProblem]} Registered: http://127.0.0.1:<port>/..., http://localhost:<port>/..., vscode://...`,
    );
  }
  return {
    clientId: client.clientId,
    redirectUri,
    state: fields.get('state') ?? undefined,
    responseType: fields.get('response_type') ?? '',
  };
}

function withParams(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}

// The document requires state (against cross-site request forgery); the redirect URI is
// checked already, so the error goes back to it (RFC 6749 4.1.2.1), never to a login page.
function missingState(gate: GateParams): SandboxResponse {
  return redirectResponse(
    withParams(gate.redirectUri, {
      error: 'invalid_request',
      error_description: 'state is required.',
    }),
  );
}

function signInPage(
  req: SandboxRequest,
  aliasId: string,
  deps: SamsungAccountDeps,
): SandboxResponse {
  const gate = checkGate(req.query, aliasId, deps);
  if ('status' in gate) return gate;
  if (gate.state === undefined || gate.state === '') return missingState(gate);
  if (gate.responseType.toUpperCase() !== 'CODE') {
    return redirectResponse(
      withParams(gate.redirectUri, {
        error: 'unsupported_response_type',
        error_description: 'response_type must be CODE.',
        state: gate.state,
      }),
    );
  }
  const hidden = (name: string, value: string | undefined): string =>
    value === undefined ? '' : `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  return page(
    200,
    'Sign in with Samsung Account',
    `<form method="post" action="/accounts/${encodeURIComponent(aliasId)}/signInGate">
${hidden('client_id', gate.clientId)}
${hidden('redirect_uri', gate.redirectUri)}
${hidden('state', gate.state)}
${hidden('response_type', 'CODE')}
<p><label>Samsung account (any e-mail address)<br>
<input type="email" name="login_id" value="sandbox.user@example.com" required></label></p>
<p><button type="submit" name="action" value="signin">Sign in</button>
<button type="submit" name="action" value="cancel" formnovalidate>Cancel</button></p>
</form>`,
  );
}

function signInSubmit(
  req: SandboxRequest,
  aliasId: string,
  deps: SamsungAccountDeps,
): SandboxResponse {
  const fields = readFields(req) ?? new Map<string, string>();
  const gate = checkGate(fields, aliasId, deps);
  if ('status' in gate) return gate;
  if (gate.state === undefined || gate.state === '') return missingState(gate);
  if (fields.get('action') === 'cancel') {
    return redirectResponse(
      withParams(gate.redirectUri, {
        error: 'access_denied',
        error_description: 'The user cancelled the sign-in.',
        state: gate.state,
      }),
    );
  }
  const sessionId = deps.store.signIn(
    gate.clientId,
    fields.get('login_id') || 'sandbox.user@example.com',
  );
  const code = deps.store.issueCode(sessionId, gate.clientId, gate.redirectUri);
  return redirectResponse(withParams(gate.redirectUri, { code, state: gate.state }), {
    'set-cookie': `${SESSION_COOKIE}=${sessionId}; Path=/accounts/; HttpOnly; SameSite=Lax`,
  });
}

function cookie(req: SandboxRequest, name: string): string | undefined {
  const header = headerValue(req, 'cookie') ?? '';
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function signOut(req: SandboxRequest, aliasId: string, deps: SamsungAccountDeps): SandboxResponse {
  if (!deps.store.hasAlias(aliasId))
    return errorPage('AUT_1785', `No client is registered for ALIAS_ID ${aliasId}.`);
  const redirectUri = req.query.get('redirect_uri') ?? undefined;
  if (redirectUri !== undefined) {
    const problem = redirectUriProblem(redirectUri);
    if (problem) return errorPage(problem, AUT_MESSAGES[problem] ?? '');
  }
  deps.store.signOut({
    sessionId: cookie(req, SESSION_COOKIE),
    accessToken: req.query.get('access_token') ?? undefined,
    clientId: req.query.get('client_id') ?? undefined,
  });
  const clear = {
    'set-cookie': `${SESSION_COOKIE}=; Path=/accounts/; HttpOnly; SameSite=Lax; Max-Age=0`,
  };
  if (redirectUri !== undefined) {
    return redirectResponse(
      withParams(redirectUri, { state: req.query.get('state') ?? undefined }),
      clear,
    );
  }
  return page(200, 'Signed out', '<p>You are signed out of Samsung Account.</p>', clear);
}

function tokenBody(tokens: SamsungAccountTokens): SandboxResponse {
  return jsonResponse(
    200,
    {
      access_token: tokens.accessToken,
      token_type: 'Bearer',
      access_token_expires_in: tokens.accessTokenExpiresIn,
      expires_in: tokens.accessTokenExpiresIn,
      refresh_token: tokens.refreshToken,
      refresh_token_expires_in: tokens.refreshTokenExpiresIn,
      userId: tokens.userId,
    },
    { 'cache-control': 'no-store' },
  );
}

function token(req: SandboxRequest, deps: SamsungAccountDeps): SandboxResponse {
  const fields = readFields(req);
  if (!fields)
    return samsungAccountError(undefined, 'The request body is neither JSON nor a form.');
  const grantType = fields.get('grant_type');
  if (!grantType) return aut('AUT_1008');
  if (grantType.length > MAX_GRANT_TYPE) return aut('AUT_1017');
  const clientId = fields.get('client_id');
  const idProblem = clientIdProblem(clientId);
  if (idProblem) return aut(idProblem);
  const secret = fields.get('client_secret');
  if (!secret) return aut('AUT_1002');
  if (secret.length !== CLIENT_SECRET_LENGTH) return aut('AUT_1011');
  const client = deps.store.client(clientId ?? '');
  if (!client) return aut('AUT_1785');
  if (client.clientSecret !== secret) return aut('AUT_1702');

  if (grantType === 'refresh_token') {
    const refreshToken = fields.get('refresh_token');
    if (!refreshToken)
      return samsungAccountError(undefined, 'refresh_token is required for this grant.');
    const tokens = deps.store.refresh(refreshToken, client.clientId);
    if (!tokens) {
      return samsungAccountError(
        undefined,
        'The refresh token is unknown, expired, revoked or not this client’s.',
        'invalid_grant',
      );
    }
    return tokenBody(tokens);
  }
  if (grantType !== 'authorization_code') {
    return samsungAccountError(
      undefined,
      'grant_type must be authorization_code or refresh_token.',
      'unsupported_grant_type',
    );
  }
  const codeValue = fields.get('code');
  if (!codeValue) return aut('AUT_1006');
  if (codeValue.length < MIN_CODE || codeValue.length > MAX_CODE) return aut('AUT_1015');
  const redirectUri = fields.get('redirect_uri') ?? '';
  const uriProblem = redirectUriProblem(redirectUri);
  if (uriProblem) return aut(uriProblem);
  const code = deps.store.code(codeValue);
  if (!code) return aut('AUT_1802', 'It is unknown, expired, signed out or already used.');
  if (code.clientId !== client.clientId) return aut('AUT_1806');
  if (code.redirectUri !== redirectUri) {
    return aut('AUT_1022', 'It must be the same redirect_uri that was sent to signInGate.');
  }
  const tokens = deps.store.redeem(codeValue);
  return tokens ? tokenBody(tokens) : aut('AUT_1802');
}

function authorizeToken(req: SandboxRequest, deps: SamsungAccountDeps): SandboxResponse {
  const fields =
    req.method === 'POST'
      ? (readFields(req) ?? new Map<string, string>())
      : new Map<string, string>();
  const appId = headerValue(req, 'x-osp-appid');
  const authToken = req.query.get('authToken') ?? fields.get('authToken');
  if (!appId || !authToken) {
    return samsungAccountError(
      'LIC_4101',
      'Invalid request header or authToken: send header x-osp-appId and parameter authToken.',
    );
  }
  const token = deps.store.accessToken(authToken);
  if (!token) return samsungAccountError('LIC_4102', 'The authToken value was not found.');
  if (token.clientId !== appId) {
    return samsungAccountError(
      'LIC_4103',
      'x-osp-appId was not equal to the client_id of authToken.',
    );
  }
  return jsonResponse(200, {
    userId: token.userId,
    client_id: token.clientId,
    expires_in: Math.max(0, Math.floor((token.expiresAt - deps.now()) / 1000)),
  });
}
