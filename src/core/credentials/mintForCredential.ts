import { legacyTokenMint } from '../auth/accessToken';
import type { AuthCallOptions } from '../auth/authEndpoint';
import { oauthTokenMint } from '../auth/oauthToken';
import { KnoxToolError } from '../toolError';
import type { FetchLike } from '../http/fetchLike';
import type { Profile } from '../profiles/profile';
import { apiBaseUrl, oauthBaseUrl } from '../profiles/profile';
import { partnerTokenMint } from '../samsungAccount/partnerTokenMint';
import type { KeyFile, RsaJwsAlgorithm } from '../keys/keyFile';
import type { Mint } from '../tokens/tokenManager';
import type { Credential } from './credential';
import { SAMSUNG_ACCOUNT } from './credential';
import type { ProfileStore } from './profileStore';
import { mintSamsungAccountToken } from './samsungAccountTokens';
import type { MintFor, TokenStore } from './tokenStore';

/** A Knox OAuth 2.0 app with its secret and the scopes to ask for. */
export interface OAuthAppSecrets {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scopes: readonly string[];
}

/**
 * Where a mint reads the secrets of a credential, only when a mint is due: a profile's stores
 * (the editor) or the command line's options (the CLI).
 */
export interface CredentialSecrets {
  readonly keyFile?: () => Promise<KeyFile>;
  readonly clientIdentifier?: (id: string) => Promise<string>;
  readonly oauthApp?: () => Promise<OAuthAppSecrets>;
  /** Partner profiles: the Samsung Account access token; given `stale`, a renewed one. */
  readonly samsungAccountToken?: (signal: AbortSignal, stale?: string) => Promise<string>;
  /** Mints the Samsung Account access token itself. */
  samsungAccountMint?: Mint;
}

/** How the token calls go: timeout, fetch, clock; the validity and algorithm of signed tokens. */
export interface MintOptions extends Omit<AuthCallOptions, 'signal'> {
  readonly validityMinutes?: number;
  readonly alg?: RsaJwsAlgorithm;
}

function missing(profile: Pick<Profile, 'name'>, what: string): KnoxToolError {
  return new KnoxToolError('TOKEN_MISSING_CREDENTIAL', `Profile "${profile.name}" has no ${what}.`);
}

/**
 * The one choice of how a credential is minted, for the editor and the CLI: the OAuth app with
 * client_credentials; a client identifier signed with the key file (legacy) or, on a partner
 * profile, with the Samsung Account token; or the Samsung Account token itself. A secret the
 * choice needs and `secrets` lacks throws 'TOKEN_MISSING_CREDENTIAL'.
 */
export function mintForCredential(
  profile: Pick<Profile, 'target' | 'scheme' | 'name'>,
  credential: Credential,
  secrets: CredentialSecrets,
  options: MintOptions,
): Mint {
  const { validityMinutes, alg, ...transport } = options;
  return async (signal) => {
    if (credential.kind === 'samsungAccount') {
      if (!secrets.samsungAccountMint) throw missing(profile, 'Samsung Account sign-in');
      return secrets.samsungAccountMint(signal);
    }
    if (credential.kind === 'oauth') {
      if (!secrets.oauthApp) throw missing(profile, 'OAuth app');
      const app = await secrets.oauthApp();
      return oauthTokenMint({ ...transport, baseUrl: oauthBaseUrl(profile.target), ...app })(
        signal,
      );
    }
    if (!secrets.keyFile) throw missing(profile, 'key file');
    if (!secrets.clientIdentifier) throw missing(profile, 'client identifier');
    const request = {
      ...transport,
      baseUrl: apiBaseUrl(profile.target),
      key: await secrets.keyFile(),
      clientIdentifier: await secrets.clientIdentifier(credential.id),
      ...(validityMinutes === undefined ? {} : { validityMinutes }),
      ...(alg === undefined ? {} : { alg }),
    };
    const samsungAccountToken = secrets.samsungAccountToken;
    if (profile.scheme === 'partner' && samsungAccountToken) {
      return partnerTokenMint({ ...request, samsungAccountToken })(signal);
    }
    return legacyTokenMint(request)(signal);
  };
}

/** The settings a profile's mint reads each time it runs. */
export interface MintSettings {
  readonly requestTimeoutMs: () => number;
  /** `validityForAccessTokenInMinutes` of signed access tokens. */
  readonly validityMinutes: () => number;
}

/** What `createMint` reads a profile's secrets and settings from. */
export interface ProfileMintDeps {
  readonly profiles: ProfileStore;
  readonly settings: MintSettings;
  readonly fetch?: FetchLike;
  /** Brings a profile up to date before minting (a sandbox profile follows the sandbox's port). */
  readonly prepare?: (profile: Profile) => Promise<Profile>;
}

/** The secrets of one stored profile; a partner mint takes the Samsung Account token from `tokens`. */
export function profileSecrets(
  profiles: ProfileStore,
  profile: Profile,
  tokens: TokenStore,
  transport: AuthCallOptions,
): CredentialSecrets {
  return {
    keyFile: () => profiles.keyFile(profile.id),
    clientIdentifier: (id) => profiles.clientIdentifier(profile.id, id),
    oauthApp: async () => {
      const clientSecret = await profiles.oauthClientSecret(profile.id);
      return {
        clientId: profile.oauth?.clientId ?? '',
        clientSecret,
        scopes: profile.oauth?.scopes ?? [],
      };
    },
    samsungAccountToken: async (signal, stale) =>
      (stale === undefined
        ? await tokens.get(profile.id, SAMSUNG_ACCOUNT, signal)
        : await tokens.renew(profile.id, SAMSUNG_ACCOUNT, stale, signal)
      ).value,
    samsungAccountMint: (signal) =>
      mintSamsungAccountToken({ profiles, transport }, profile, signal),
  };
}

/** Mints tokens for stored profiles, reading a profile's secrets only when a mint is due. */
export function createMint(deps: ProfileMintDeps): MintFor {
  return async (given, credential, signal, tokens) => {
    const profile = deps.prepare ? await deps.prepare(given) : given;
    const transport = {
      timeoutMs: deps.settings.requestTimeoutMs(),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    };
    const secrets = profileSecrets(deps.profiles, profile, tokens, transport);
    const validityMinutes =
      credential.kind === 'clientIdentifier' ? deps.settings.validityMinutes() : undefined;
    return mintForCredential(profile, credential, secrets, {
      ...transport,
      ...(validityMinutes === undefined ? {} : { validityMinutes }),
    })(signal);
  };
}
