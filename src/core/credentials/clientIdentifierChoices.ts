import { serviceDisplayName } from '../catalogs/scopeLookup';
import { KnoxToolError } from '../toolError';
import type { ClientIdentifierInfo, Profile } from '../profiles/profile';

/** A client identifier as "Remove Client Identifier" offers it: alias, service and hint, no secret. */
export interface ClientIdentifierChoice {
  readonly label: string;
  readonly description: string;
  readonly id: string;
}

/** The profile's client identifiers as offered for removal. */
export function clientIdentifierChoices(profile: Profile): ClientIdentifierChoice[] {
  return profile.clientIdentifiers.map((c) => ({
    label: c.alias,
    description: `${serviceDisplayName(c.service)} · ${c.hint}`,
    id: c.id,
  }));
}

/** The profile's client identifier with this id. Throws KnoxToolError 'NOT_FOUND'. */
export function requireClientIdentifier(profile: Profile, id: string): ClientIdentifierInfo {
  const info = profile.clientIdentifiers.find((c) => c.id === id);
  if (!info)
    throw new KnoxToolError(
      'NOT_FOUND',
      `Profile "${profile.name}" has no such client identifier.`,
    );
  return info;
}
