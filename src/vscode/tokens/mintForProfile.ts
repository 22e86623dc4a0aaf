import * as vscode from 'vscode';
import { legacyTokenMint } from '../../core/auth/accessToken';
import { oauthTokenMint } from '../../core/auth/oauthToken';
import type { FetchLike } from '../../core/http/fetchLike';
import type { Profile } from '../../core/profiles/profile';
import { apiBaseUrl, oauthBaseUrl } from '../../core/profiles/profile';
import { partnerTokenMint } from '../../core/samsungAccount/partnerTokenMint';
import { Settings } from '../ids';
import type { ProfileService } from '../profiles/profileService';
import {
  SAMSUNG_ACCOUNT_CREDENTIAL,
  mintSamsungAccountToken,
} from '../samsungAccount/samsungAccountTokens';
import type { MintFor } from './tokenService';

export interface MintDeps {
  readonly profiles: ProfileService;
  readonly fetch?: FetchLike;
  /** Brings a profile up to date before minting (a sandbox profile follows the sandbox's port). */
  readonly prepare?: (profile: Profile) => Promise<Profile>;
  /** Partner profiles: the profile's Samsung Account access token; given `stale`, a renewed one. */
  readonly samsungAccountToken?: (
    profileId: string,
    signal: AbortSignal,
    stale?: string,
  ) => Promise<string>;
}

function timeoutMs(): number {
  return vscode.workspace.getConfiguration().get<number>(Settings.requestTimeoutSeconds, 30) * 1000;
}

/** Mints tokens with the token engine, reading the profile's secrets only when a mint is due. */
export function createMint(deps: MintDeps): MintFor {
  return async (given, credential, signal) => {
    const profile = deps.prepare ? await deps.prepare(given) : given;
    const transport = { timeoutMs: timeoutMs(), ...(deps.fetch ? { fetch: deps.fetch } : {}) };
    if (credential === SAMSUNG_ACCOUNT_CREDENTIAL)
      return mintSamsungAccountToken({ profiles: deps.profiles, transport }, profile, signal);
    if (credential === 'oauth') {
      const app = profile.oauth;
      const clientSecret = await deps.profiles.oauthClientSecret(profile.id);
      return oauthTokenMint({
        ...transport,
        baseUrl: oauthBaseUrl(profile.target),
        clientId: app?.clientId ?? '',
        clientSecret,
        scopes: app?.scopes ?? [],
      })(signal);
    }
    const validityMinutes = vscode.workspace
      .getConfiguration()
      .get<number>(Settings.defaultValidityMinutes, 30);
    const request = {
      ...transport,
      baseUrl: apiBaseUrl(profile.target),
      key: await deps.profiles.keyFile(profile.id),
      clientIdentifier: await deps.profiles.clientIdentifier(profile.id, credential),
      validityMinutes,
    };
    const samsungAccountToken = deps.samsungAccountToken;
    if (profile.scheme === 'partner' && samsungAccountToken) {
      return partnerTokenMint({
        ...request,
        samsungAccountToken: (s, stale) => samsungAccountToken(profile.id, s, stale),
      })(signal);
    }
    return legacyTokenMint(request)(signal);
  };
}
