import { KnoxToolError } from '../toolError';
import { knoxRejectedError } from '../knoxErrors/knoxError';
import type { KnoxErrorResult } from '../knoxErrors/knoxError';
import type { KeyFile, RsaJwsAlgorithm } from '../keys/keyFile';
import {
  signAccessToken,
  signClientIdentifier,
  signClientIdentifierWithIdpToken,
} from '../tokens/signJwt';
import type { Mint } from '../tokens/tokenManager';
import { postAuthEndpoint, requireString } from './authEndpoint';
import type { AuthCallOptions } from './authEndpoint';
import { joinUrl, resolveBaseUrl } from './baseUrl';

/** Knox's default and longest access token validity, in minutes. */
export const MAX_VALIDITY_MINUTES = 30;

/** Inputs of the legacy Knox Cloud Authentication flow (keys.json + Client Identifier). */
export interface AccessTokenRequest extends AuthCallOptions {
  /** A region ('us', 'eu') or a base URL. */
  readonly baseUrl: string;
  readonly key: KeyFile;
  readonly clientIdentifier: string;
  /** Whole minutes from 1 to 30 (default 30). */
  readonly validityMinutes?: number;
  /** Partner portals: the Samsung Account access token, signed in as `delegatedSAToken`. */
  readonly idpAccessToken?: string;
  /** JWT algorithm (default RS512). */
  readonly alg?: RsaJwsAlgorithm;
}

/**
 * The Client Identifier signed as Knox's first JWT: with the Samsung Account access token as
 * `delegatedSAToken` when a partner portal gives one. The access and session token flows share it.
 */
export function signedClientIdentifier(
  request: Pick<AccessTokenRequest, 'key' | 'clientIdentifier' | 'idpAccessToken' | 'alg'>,
  now: () => number,
): Promise<string> {
  const sign = { now, ...(request.alg ? { alg: request.alg } : {}) };
  return request.idpAccessToken === undefined
    ? signClientIdentifier(request.key, request.clientIdentifier, sign)
    : signClientIdentifierWithIdpToken(
        request.key,
        request.clientIdentifier,
        request.idpAccessToken,
        sign,
      );
}

/** A signed access token, or Knox's refusal as a result. */
export type AccessTokenResult =
  | {
      readonly ok: true;
      /** The unsigned token Knox returned. */
      readonly accessToken: string;
      /** The value for the `x-knox-apitoken` header. */
      readonly signedAccessToken: string;
      /** Epoch ms, counted from before the request was sent. */
      readonly expiresAt: number;
    }
  | { readonly ok: false; readonly error: KnoxErrorResult };

/**
 * Gets an access token from `{base}/ams/v1/users/accesstoken` and signs it. The client
 * identifier is signed anew (fresh jti) for every call. Knox's refusals are returned; throws
 * KnoxToolError for bad input ('TOKEN_VALIDITY_OUT_OF_RANGE', ...) and transport failures.
 */
export async function requestAccessToken(request: AccessTokenRequest): Promise<AccessTokenResult> {
  const validityMinutes = checkValidityMinutes(request.validityMinutes);
  const url = joinUrl(resolveBaseUrl(request.baseUrl), '/ams/v1/users/accesstoken');
  const now = request.now ?? Date.now;
  const clientIdentifierJwt = await signedClientIdentifier(request, now);
  return exchangeSignedJwt(url, { clientIdentifierJwt }, validityMinutes, {
    ...request,
    now,
    sign: { now, ...(request.alg ? { alg: request.alg } : {}) },
  });
}

/**
 * POSTs a signed JWT (`{clientIdentifierJwt}` or `{sessionTokenJwt}`) with the public key and
 * validity to an accesstoken endpoint, then signs the access token Knox returns. Shared by the
 * customer flow and the old session-token flow.
 */
export async function exchangeSignedJwt(
  url: string,
  jwt: { readonly clientIdentifierJwt: string } | { readonly sessionTokenJwt: string },
  validityMinutes: number,
  request: AuthCallOptions & {
    readonly key: KeyFile;
    readonly now: () => number;
    readonly sign: { now: () => number; alg?: RsaJwsAlgorithm };
  },
): Promise<AccessTokenResult> {
  const started = request.now();
  const answer = await postAuthEndpoint(
    url,
    {
      json: {
        base64EncodedStringPublicKey: request.key.publicKeyBase64,
        ...jwt,
        validityForAccessTokenInMinutes: validityMinutes,
      },
    },
    request,
  );
  if (!answer.ok) return answer;
  const accessToken = requireString(answer.json, 'accessToken', url);
  return {
    ok: true,
    accessToken,
    signedAccessToken: await signAccessToken(request.key, accessToken, request.sign),
    expiresAt: started + validityMinutes * 60_000,
  };
}

/** A TokenManager mint for the legacy flow; a refusal throws KnoxToolError 'KNOX_REJECTED'. */
export function legacyTokenMint(request: Omit<AccessTokenRequest, 'signal'>): Mint {
  return async (signal) => {
    const result = await requestAccessToken({ ...request, signal });
    if (!result.ok) throw knoxRejectedError('the access token request', result.error);
    return { value: result.signedAccessToken, expiresAt: result.expiresAt, kind: 'legacy' };
  };
}

/** Checks `validityForAccessTokenInMinutes` before sending: Knox answers 4002251 to anything but an int32. */
export function checkValidityMinutes(value: number | undefined): number {
  if (value === undefined) return MAX_VALIDITY_MINUTES;
  if (Number.isInteger(value) && value >= 1 && value <= MAX_VALIDITY_MINUTES) return value;
  throw new KnoxToolError(
    'TOKEN_VALIDITY_OUT_OF_RANGE',
    `Access token validity ${String(value)} is not allowed: Knox takes whole minutes from 1 to ${MAX_VALIDITY_MINUTES}. Pick a value in that range.`,
  );
}
