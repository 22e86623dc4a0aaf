import { SCOPES } from '../catalogs/scopeCatalog';
import { serviceDisplayName } from '../catalogs/scopeLookup';
import type { Profile } from '../profiles/profile';

/** A scope as "Set Up OAuth App" offers it, ticked when the app has it already. */
export interface ScopeChoice {
  readonly label: string;
  readonly description: string;
  readonly detail: string;
  readonly picked: boolean;
}

/** Every Knox scope, those the profile's OAuth app has ticked. */
export function scopeChoices(profile: Profile): ScopeChoice[] {
  return SCOPES.map((s) => ({
    label: s.name,
    description: serviceDisplayName(s.service),
    detail: s.description,
    picked: profile.oauth?.scopes.includes(s.name) ?? false,
  }));
}

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
