import type { AuthCallOptions } from '../auth/authEndpoint';
import { KnoxToolError, isKnoxToolError } from '../toolError';
import type { Profile } from '../profiles/profile';
import { samsungAccountClientOf } from '../profiles/profile';
import type { SamsungAccountClient } from '../samsungAccount/samsungAccountEndpoints';
import { refreshSamsungAccountToken } from '../samsungAccount/samsungAccountToken';
import { samsungAccountMint } from '../samsungAccount/signInRecord';
import type { MintedToken } from '../tokens/tokenManager';
import type { ProfileStore } from './profileStore';

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
 * one renewed with the stored refresh token. Throws 'TOKEN_MISSING_CREDENTIAL' or
 * 'SIGN_IN_FAILED' saying to sign in.
 */
export async function mintSamsungAccountToken(
  deps: { readonly profiles: ProfileStore; readonly transport: AuthCallOptions },
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
