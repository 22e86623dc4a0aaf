import { KnoxToolError, isKnoxToolError } from '../../core/errors/toolError';
import type { AuthCallOptions } from '../../core/auth/authEndpoint';
import type { Profile } from '../../core/profiles/profile';
import { samsungAccountClientOf } from '../../core/profiles/profile';
import type { SamsungAccountClient } from '../../core/samsungAccount/samsungAccountEndpoints';
import { refreshSamsungAccountToken } from '../../core/samsungAccount/samsungAccountToken';
import { samsungAccountMint } from '../../core/samsungAccount/signInRecord';
import type { MintedToken } from '../../core/tokens/tokenManager';
import type { ProfileService } from '../profiles/profileService';
import type { TokenService } from '../tokens/tokenService';

/** The TokenService credential under which a profile's Samsung Account access token is kept. */
export const SAMSUNG_ACCOUNT_CREDENTIAL = 'samsungAccount';

/** The profile's Samsung Account client, or a KnoxToolError that says how to set it up. */
export function requireSamsungAccountClient(profile: Profile): SamsungAccountClient {
  const client = samsungAccountClientOf(profile);
  if (!client) {
    throw new KnoxToolError(
      'TOKEN_MISSING_CREDENTIAL',
      `Profile "${profile.name}" has no Samsung Account client. Set it up with "Knox: Set Up Samsung Account".`,
    );
  }
  return client;
}

/**
 * Mints the Samsung Account access token of a profile: the one a sign-in just exchanged, later
 * one renewed with the stored refresh token.
 */
export async function mintSamsungAccountToken(
  deps: { readonly profiles: ProfileService; readonly transport: AuthCallOptions },
  profile: Profile,
  signal: AbortSignal,
): Promise<MintedToken> {
  const client = requireSamsungAccountClient(profile);
  const { profiles } = deps;
  const mint = samsungAccountMint({
    read: () => profiles.samsungAccountSignIn(profile.id),
    write: (record) => profiles.storeSamsungAccountSignIn(profile.id, record),
    refresh: async (refreshToken, s) =>
      refreshSamsungAccountToken({
        ...deps.transport,
        client,
        clientSecret: await profiles.samsungAccountClientSecret(profile.id),
        refreshToken,
        signal: s,
      }),
    subject: `profile "${profile.name}"`,
  });
  try {
    return await mint(signal);
  } catch (e) {
    if (!isKnoxToolError(e, 'TOKEN_MISSING_CREDENTIAL') && !isKnoxToolError(e, 'SIGN_IN_FAILED'))
      throw e;
    throw new KnoxToolError(
      e.code,
      `${e.message.replace(/ Sign in (first|again)\.$/, '')} Run "Knox: Sign In to Samsung Account".`,
      { cause: e },
    );
  }
}

/**
 * The Samsung Account access token source of partner mints: the profile's current token, or,
 * given the `stale` one Knox refused, a renewed one. Shares the TokenService's single flight.
 */
export function samsungAccountTokenSource(
  tokens: () => TokenService,
): (profileId: string, signal: AbortSignal, stale?: string) => Promise<string> {
  return async (profileId, signal, stale) => {
    const token =
      stale === undefined
        ? await tokens().get(profileId, SAMSUNG_ACCOUNT_CREDENTIAL, signal)
        : await tokens().renew(profileId, SAMSUNG_ACCOUNT_CREDENTIAL, stale, signal);
    return token.value;
  };
}
