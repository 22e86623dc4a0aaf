import { serviceDisplayName } from '../catalogs/scopeLookup';
import { KnoxToolError } from '../toolError';
import type { Profile } from '../profiles/profile';
import type { Credential } from './credential';
import { clientIdentifierCredential, credentialOfKey } from './credential';

/**
 * The credential a command argument names: 'oauth', 'samsungAccount', or a client identifier by
 * id or alias (any case). Throws KnoxToolError 'NOT_FOUND' when the profile has no such one.
 */
export function credentialNamed(profile: Profile, name: string): Credential {
  if (name === 'oauth' || name === 'samsungAccount') return credentialOfKey(name);
  const found = profile.clientIdentifiers.find(
    (c) => c.id === name || c.alias.toLowerCase() === name.toLowerCase(),
  );
  if (!found)
    throw new KnoxToolError(
      'NOT_FOUND',
      `Profile "${profile.name}" has no client identifier "${name}".`,
    );
  return clientIdentifierCredential(found.id);
}

/** A client identifier as a token command offers it. */
export interface CredentialChoice {
  readonly label: string;
  readonly description: string;
  readonly detail: string | undefined;
  readonly id: string;
}

/**
 * What a token command offers when no credential is named: the profile's default credential, its
 * only fitting client identifier, or a pick among several.
 */
export type CredentialOffer =
  | { readonly kind: 'default' }
  | { readonly kind: 'only'; readonly credential: Credential }
  | { readonly kind: 'pick'; readonly choices: readonly CredentialChoice[] };

/**
 * Decides what to offer; `held` has the keys of the credentials holding a token. With
 * `withTokenOnly`, only those; throws KnoxToolError 'NOT_FOUND' when the profile holds none.
 */
export function credentialOffer(
  profile: Profile,
  held: ReadonlySet<string>,
  withTokenOnly = false,
): CredentialOffer {
  if (withTokenOnly && held.size === 0) {
    throw new KnoxToolError(
      'NOT_FOUND',
      `Profile "${profile.name}" holds no token yet. Generate one with "Knox: Generate Access Token" or send a request.`,
    );
  }
  const candidates = profile.clientIdentifiers.filter((c) => !withTokenOnly || held.has(c.id));
  if (profile.scheme === 'oauth' || candidates.length === 0) return { kind: 'default' };
  const [only] = candidates;
  if (candidates.length === 1 && only)
    return { kind: 'only', credential: clientIdentifierCredential(only.id) };
  return {
    kind: 'pick',
    choices: candidates.map((c) => ({
      label: c.alias,
      description: serviceDisplayName(c.service),
      detail: held.has(c.id) ? 'holds a token' : undefined,
      id: c.id,
    })),
  };
}
