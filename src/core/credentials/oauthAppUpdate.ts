import type { Profile } from '../profiles/profile';

/** What the OAuth app of a profile becomes; no `clientSecret` keeps the stored one. */
export interface OAuthAppUpdate {
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly scopes: readonly string[];
}

/**
 * The update "Set Up OAuth App" stores: an empty secret keeps the stored one when the profile has
 * an app already; for a new app it is passed on, so the store refuses it.
 */
export function oauthAppUpdate(
  profile: Profile,
  input: {
    readonly clientId: string;
    readonly clientSecret: string;
    readonly scopes: readonly string[];
  },
): OAuthAppUpdate {
  return {
    clientId: input.clientId,
    ...(input.clientSecret || !profile.oauth ? { clientSecret: input.clientSecret } : {}),
    scopes: input.scopes,
  };
}

/** "1 scope", "3 scopes". */
export function scopeCount(count: number): string {
  return `${count} scope${count === 1 ? '' : 's'}`;
}
