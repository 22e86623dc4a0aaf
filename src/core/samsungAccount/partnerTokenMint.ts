import { requestAccessToken } from '../auth/accessToken';
import type { AccessTokenRequest } from '../auth/accessToken';
import { knoxRejectedError } from '../knoxErrors/knoxError';
import type { Mint } from '../tokens/tokenManager';

/** Knox's answer when the Samsung Account token in delegatedSAToken is no longer valid. */
export const IDP_AUTHORIZATION_FAIL = '4010011';

/** The legacy access token request of a partner portal, with its source of Samsung Account tokens. */
export interface PartnerTokenRequest extends Omit<AccessTokenRequest, 'signal' | 'idpAccessToken'> {
  /**
   * The current Samsung Account access token; with `stale`, one newer than `stale` (Knox
   * refused it), renewed with the refresh token.
   */
  readonly samsungAccountToken: (signal: AbortSignal, stale?: string) => Promise<string>;
}

/**
 * A TokenManager mint for partner portals: signs the client identifier with the Samsung Account
 * token as `delegatedSAToken` (a new signature and jti for every request), gets the Knox access
 * token and signs it. On 4010011 it renews the Samsung Account token and tries once more.
 * A refusal throws KnoxToolError 'KNOX_REJECTED'; the token source's errors pass through.
 */
export function partnerTokenMint(request: PartnerTokenRequest): Mint {
  const { samsungAccountToken, ...accessTokenRequest } = request;
  return async (signal) => {
    let idpAccessToken = await samsungAccountToken(signal);
    let result = await requestAccessToken({ ...accessTokenRequest, idpAccessToken, signal });
    if (!result.ok && result.error.code === IDP_AUTHORIZATION_FAIL) {
      const renewed = await samsungAccountToken(signal, idpAccessToken);
      if (renewed !== idpAccessToken) {
        idpAccessToken = renewed;
        result = await requestAccessToken({ ...accessTokenRequest, idpAccessToken, signal });
      }
    }
    if (!result.ok) throw knoxRejectedError('the partner access token request', result.error);
    return { value: result.signedAccessToken, expiresAt: result.expiresAt, kind: 'legacy' };
  };
}
