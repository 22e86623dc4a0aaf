import type { Profile } from '../../../../src/core/profiles/profile';

const T0 = Date.parse('2025-03-01T10:00:00Z');

/** A legacy profile with one client identifier per service named, on a custom base URL or region. */
export function legacyProfile(
  overrides: Partial<Profile> & { services?: readonly string[] } = {},
): Profile {
  const { services = ['kme', 'kdp', 'kg', 'kai'], ...rest } = overrides;
  return {
    id: 'p-legacy',
    name: 'Dev',
    target: { kind: 'region', region: 'us' },
    scheme: 'legacy',
    clientIdentifiers: services.map((service) => ({
      id: `ci-${service}`,
      alias: service.toUpperCase(),
      service: service as Profile['clientIdentifiers'][number]['service'],
      hint: '…abcd',
      addedAt: T0,
    })),
    createdAt: T0,
    ...rest,
  };
}

/** An OAuth profile whose app has `scopes`. */
export function oauthProfile(scopes: readonly string[], overrides: Partial<Profile> = {}): Profile {
  return {
    id: 'p-oauth',
    name: 'Cloud app',
    target: { kind: 'region', region: 'eu' },
    scheme: 'oauth',
    clientIdentifiers: [],
    oauth: { clientId: 'client-1', scopes },
    createdAt: T0,
    ...overrides,
  };
}
