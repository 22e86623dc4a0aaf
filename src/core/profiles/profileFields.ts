import { resolveBaseUrl } from '../auth/baseUrl';
import type { AuthScheme, Profile, ProfileTarget, Region } from './profile';

/** A profile's fields as plain arguments of "Add Profile" and "Edit Profile" (tests, links, scripts). */
export interface ProfileFields {
  readonly name?: string;
  readonly region?: Region;
  readonly baseUrl?: string;
  readonly scheme?: AuthScheme;
  readonly tenantId?: string;
}

/** The change of a profile's plain facts that "Edit Profile" makes. */
export type ProfileUpdate = Partial<Pick<Profile, 'name' | 'target' | 'scheme' | 'tenantId'>>;

/**
 * Where the fields say the profile talks to: a base URL wins over a region; undefined when they
 * name neither. Throws KnoxToolError 'INVALID_BASE_URL' for a bad base URL.
 */
export function targetFromFields(fields: ProfileFields): ProfileTarget | undefined {
  if (fields.baseUrl) return { kind: 'custom', baseUrl: resolveBaseUrl(fields.baseUrl) };
  if (fields.region) return { kind: 'region', region: fields.region };
  return undefined;
}

/**
 * The change that plain "Edit Profile" arguments ask for; undefined when they name no field (the
 * user is then asked). Throws KnoxToolError 'INVALID_BASE_URL' for a bad base URL.
 */
export function profileUpdateFromFields(fields: ProfileFields): ProfileUpdate | undefined {
  const named =
    fields.name !== undefined ||
    fields.region ||
    fields.baseUrl ||
    fields.scheme ||
    fields.tenantId !== undefined;
  if (!named) return undefined;
  const target = targetFromFields(fields);
  return {
    ...(fields.name !== undefined ? { name: fields.name } : {}),
    ...(target ? { target } : {}),
    ...(fields.scheme ? { scheme: fields.scheme } : {}),
    ...(fields.tenantId !== undefined ? { tenantId: fields.tenantId } : {}),
  };
}

/** The names a profile may not take: those of every other profile. */
export function takenNames(profiles: readonly Profile[], exceptId?: string): string[] {
  return profiles.filter((p) => p.id !== exceptId).map((p) => p.name);
}
