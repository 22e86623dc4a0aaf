import type { KnoxErrorResult } from '../knoxErrors/knoxError';
import type { KeyFile, RsaJwsAlgorithm } from '../keys/keyFile';
import { signSessionToken } from '../tokens/signJwt';
import type { AccessTokenResult } from './accessToken';
import { checkValidityMinutes, exchangeSignedJwt, signedClientIdentifier } from './accessToken';
import { postAuthEndpoint, requireString } from './authEndpoint';
import type { AuthCallOptions } from './authEndpoint';
import { joinUrl, resolveBaseUrl } from './baseUrl';

/** Inputs of the old EMM session-token flow's first step. */
export interface SessionTokenRequest extends AuthCallOptions {
  readonly baseUrl: string;
  readonly key: KeyFile;
  readonly clientIdentifier: string;
  /** Partner portals: the Samsung Account access token (`delegatedSAToken`). */
  readonly idpAccessToken?: string;
  readonly alg?: RsaJwsAlgorithm;
}

/** A session token, or Knox's refusal as a result. */
export type SessionTokenResult =
  | { readonly ok: true; readonly sessionToken: string }
  | { readonly ok: false; readonly error: KnoxErrorResult };

/** Inputs of the old EMM session-token flow's second step. */
export interface SessionAccessTokenRequest extends AuthCallOptions {
  readonly baseUrl: string;
  readonly key: KeyFile;
  readonly sessionToken: string;
  /** Whole minutes from 1 to 30 (default 30). */
  readonly validityMinutes?: number;
  readonly alg?: RsaJwsAlgorithm;
}

/**
 * Old EMM flow, step 1: POST `/ams/v1/users/customer/sessiontoken`. The body
 * `{base64EncodedStringPublicKey, clientIdentifierJwt}` and answer `{sessionToken}` are inferred
 * (Samsung no longer documents them). Returns refusals; throws KnoxToolError for input and transport.
 */
export async function requestSessionToken(
  request: SessionTokenRequest,
): Promise<SessionTokenResult> {
  const url = joinUrl(resolveBaseUrl(request.baseUrl), '/ams/v1/users/customer/sessiontoken');
  const clientIdentifierJwt = await signedClientIdentifier(request, request.now ?? Date.now);
  const answer = await postAuthEndpoint(
    url,
    { json: { base64EncodedStringPublicKey: request.key.publicKeyBase64, clientIdentifierJwt } },
    request,
  );
  if (!answer.ok) return answer;
  return { ok: true, sessionToken: requireString(answer.json, 'sessionToken', url) };
}

/**
 * Old EMM flow, step 2: POST `/ams/v1/users/customer/accesstoken` with `sessionTokenJwt` (the
 * session token signed anew, fresh jti) and `validityForAccessTokenInMinutes`; the answer
 * `{accessToken}` is signed. Body shapes are inferred. Throws like `requestAccessToken`.
 */
export async function requestSessionAccessToken(
  request: SessionAccessTokenRequest,
): Promise<AccessTokenResult> {
  const validityMinutes = checkValidityMinutes(request.validityMinutes);
  const url = joinUrl(resolveBaseUrl(request.baseUrl), '/ams/v1/users/customer/accesstoken');
  const now = request.now ?? Date.now;
  const sign = { now, ...(request.alg ? { alg: request.alg } : {}) };
  const sessionTokenJwt = await signSessionToken(request.key, request.sessionToken, sign);
  return exchangeSignedJwt(url, { sessionTokenJwt }, validityMinutes, { ...request, now, sign });
}
