import { findErrorCode } from '../catalogs/errorLookup';
import { KnoxToolError } from '../toolError';
import type { SignInState } from './signInState';

/** What Samsung Account put on the redirect_uri after signInGate. Plain data. */
export interface SignInRedirect {
  readonly code?: string;
  readonly state?: string;
  /** An OAuth error (`access_denied`...) or a Samsung Account code. */
  readonly error?: string;
  readonly errorDescription?: string;
  /** A Samsung Account code (AUT_xxxx) sent beside `error`. */
  readonly errorCode?: string;
}

const MAX_DESCRIPTION = 200;

/**
 * Reads the redirect's query from a full URL ("http://127.0.0.1:8765/callback?code=..."), a
 * query ("?code=...") or bare parameters. Never throws; unknown parameters are ignored.
 */
export function parseSignInRedirect(urlOrQuery: string): SignInRedirect {
  const text = urlOrQuery.trim();
  let query = text;
  const at = text.indexOf('?');
  if (at >= 0) query = text.slice(at + 1);
  else if (/^[a-z][a-z0-9+.-]*:/i.test(text)) query = '';
  const hash = query.indexOf('#');
  const params = new URLSearchParams(hash >= 0 ? query.slice(0, hash) : query);
  const pick = (name: string): string | undefined => {
    const value = params.get(name);
    return value === null || value === '' ? undefined : value;
  };
  const code = pick('code');
  const state = pick('state');
  const error = pick('error');
  const errorDescription = pick('error_description');
  const errorCode = pick('error_code');
  return {
    ...(code === undefined ? {} : { code }),
    ...(state === undefined ? {} : { state }),
    ...(error === undefined ? {} : { error }),
    ...(errorDescription === undefined ? {} : { errorDescription }),
    ...(errorCode === undefined ? {} : { errorCode }),
  };
}

/**
 * Checks a redirect against the sign-in's state (first, so a forged redirect is refused whatever
 * it says) and returns the authorization code. Throws KnoxToolError 'SIGN_IN_STATE_MISMATCH',
 * 'SIGN_IN_TIMEOUT' (the state expired) or 'SIGN_IN_FAILED' (an error or no code in the redirect).
 */
export function acceptSignInRedirect(redirect: SignInRedirect, state: SignInState): string {
  const check = state.check(redirect.state);
  switch (check) {
    case 'match':
      break;
    case 'mismatch':
      throw new KnoxToolError(
        'SIGN_IN_STATE_MISMATCH',
        'Sign-in refused: the redirect carried a state that this sign-in did not send, so it may be a forged redirect (cross-site request forgery) or one from an older sign-in. Start the sign-in again.',
      );
    case 'missing':
      throw new KnoxToolError(
        'SIGN_IN_STATE_MISMATCH',
        'Sign-in refused: the redirect carried no state, so it may be a forged redirect. Start the sign-in again; if it recurs, check that the redirect URI is the one registered.',
      );
    case 'used':
      throw new KnoxToolError(
        'SIGN_IN_STATE_MISMATCH',
        "Sign-in refused: this sign-in's state was already used by an earlier redirect. Start the sign-in again.",
      );
    case 'expired':
      throw new KnoxToolError(
        'SIGN_IN_TIMEOUT',
        'Sign-in refused: the redirect came after the sign-in had expired. Start the sign-in again and finish it in the browser within a few minutes.',
      );
  }
  if (redirect.error !== undefined || redirect.errorCode !== undefined) {
    throw new KnoxToolError('SIGN_IN_FAILED', describeRedirectError(redirect));
  }
  if (redirect.code === undefined) {
    throw new KnoxToolError(
      'SIGN_IN_FAILED',
      'The sign-in redirect has no code parameter. Check that the redirect URI is the one registered for this client, then sign in again.',
    );
  }
  return redirect.code;
}

// RFC 6749 section 4.1.2.1: the errors an authorization endpoint redirects with.
const OAUTH_REDIRECT_ERRORS: Readonly<Record<string, string>> = {
  access_denied:
    'The sign-in was cancelled, or access was refused on the Samsung Account page. Sign in again and choose "Sign in".',
  invalid_request:
    'Samsung Account found the sign-in request malformed. Check the client id, ALIAS_ID and redirect URI of the profile.',
  unauthorized_client:
    'This Samsung Account client may not use the authorization code flow. Ask Samsung to enable it for your client id.',
  unsupported_response_type:
    'Samsung Account does not accept response_type=CODE for this client. Check the authorization host and client id.',
  invalid_scope: 'Samsung Account refused the requested scope. Check the client registration.',
  server_error: 'Samsung Account failed on its side. Try again in a moment.',
  temporarily_unavailable: 'Samsung Account is busy or down for now. Try again in a few minutes.',
};

function describeRedirectError(redirect: SignInRedirect): string {
  const code = redirect.errorCode ?? redirect.error ?? 'error';
  // Only Samsung Account codes: the catalog's OAuth rows give advice for Knox's own OAuth server.
  const entry = [redirect.errorCode, redirect.error]
    .map((c) => (c === undefined ? undefined : findErrorCode(c)))
    .find((e) => e?.flow.startsWith('samsung-account'));
  const said =
    redirect.errorDescription === undefined ? '' : ` ("${oneLine(redirect.errorDescription)}")`;
  const label =
    redirect.errorCode && redirect.error ? `${redirect.errorCode} ${redirect.error}` : code;
  const advice =
    entry?.fix ??
    (redirect.error === undefined ? undefined : OAUTH_REDIRECT_ERRORS[redirect.error]) ??
    "Check the profile's Samsung Account settings, then sign in again.";
  return `Samsung Account did not sign you in: ${oneLine(label)}${said}. ${advice}`;
}

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > MAX_DESCRIPTION ? `${flat.slice(0, MAX_DESCRIPTION)}…` : flat;
}
