import type { KnoxService } from '../catalogs/scopeCatalog';
import { KnoxToolError } from '../toolError';
import type { Profile } from '../profiles/profile';

/** Which credential of a profile a token is minted with. */
export type Credential =
  | { readonly kind: 'clientIdentifier'; readonly id: string }
  | { readonly kind: 'oauth' }
  | { readonly kind: 'samsungAccount' };

/** The profile's Knox OAuth 2.0 app. */
export const OAUTH_APP: Credential = { kind: 'oauth' };

/** The profile's Samsung Account sign-in (partner profiles). */
export const SAMSUNG_ACCOUNT: Credential = { kind: 'samsungAccount' };

/** One of the profile's client identifiers, by its id. */
export function clientIdentifierCredential(id: string): Credential {
  return { kind: 'clientIdentifier', id };
}

/** The credential's key in storage and in `TokenInfo.credential`: the id, 'oauth' or 'samsungAccount'. */
export function credentialKey(credential: Credential): string {
  return credential.kind === 'clientIdentifier' ? credential.id : credential.kind;
}

/** The credential a stored key stands for (the inverse of `credentialKey`). */
export function credentialOfKey(key: string): Credential {
  if (key === 'oauth') return OAUTH_APP;
  if (key === 'samsungAccount') return SAMSUNG_ACCOUNT;
  return clientIdentifierCredential(key);
}

/**
 * The credential a request to `service` uses: the OAuth app, or the client identifier for that
 * service (else the profile's only one). Throws 'TOKEN_MISSING_CREDENTIAL' saying what to add.
 */
export function credentialFor(profile: Profile, service?: KnoxService): Credential {
  if (profile.scheme === 'oauth') {
    if (!profile.oauth)
      throw new KnoxToolError(
        'TOKEN_MISSING_CREDENTIAL',
        `Profile "${profile.name}" has no OAuth app. Set one up with "Knox: Set Up OAuth App".`,
      );
    return OAUTH_APP;
  }
  const ids = profile.clientIdentifiers;
  const match =
    (service && ids.find((c) => c.service === service)) ??
    (ids.length === 1 || !service ? ids[0] : undefined);
  if (!match) {
    throw new KnoxToolError(
      'TOKEN_MISSING_CREDENTIAL',
      service
        ? `Profile "${profile.name}" has no client identifier for ${service.toUpperCase()}. Add one with "Knox: Add Client Identifier".`
        : `Profile "${profile.name}" has no client identifier. Add one with "Knox: Add Client Identifier".`,
    );
  }
  return clientIdentifierCredential(match.id);
}
