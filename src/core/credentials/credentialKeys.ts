/**
 * Where the credentials wing keeps things. Secret keys are per profile and name no secret;
 * `src/vscode/ids.ts` lists them with the extension's other ids.
 */
export const CredentialSecretKeys = {
  /** Bumped on every profile change so that other windows refresh (secrets.onDidChange). */
  revision: 'knox.revision',
  keyFile: (profileId: string) => `knox.profile.${profileId}.keyFile`,
  clientIdentifier: (profileId: string, id: string) =>
    `knox.profile.${profileId}.clientIdentifier.${id}`,
  oauthClientSecret: (profileId: string) => `knox.profile.${profileId}.oauthClientSecret`,
  samsungAccountClientSecret: (profileId: string) =>
    `knox.profile.${profileId}.samsungAccountClientSecret`,
  /** The refresh token and user of a Samsung Account sign-in (a SignInRecord as JSON). */
  samsungAccountSignIn: (profileId: string) => `knox.profile.${profileId}.samsungAccountSignIn`,
  /** A token value; `credential` is a credential's key (see `credentialKey`). */
  token: (profileId: string, credential: string) => `knox.profile.${profileId}.token.${credential}`,
  profilePrefix: (profileId: string) => `knox.profile.${profileId}.`,
} as const;

/** Plain-state keys of the credentials wing (profiles and token expiry times; never a secret). */
export const CredentialStateKeys = {
  profiles: 'knox.profiles.v1',
  tokens: 'knox.tokens.v1',
} as const;
