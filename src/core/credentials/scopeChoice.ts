import { oauthSupportFor } from '../auth/oauthSupport';
import type { KnoxService, ScopeEntry } from '../catalogs/scopeCatalog';
import { SCOPES, SERVICES } from '../catalogs/scopeCatalog';
import { findScope, serviceDisplayName } from '../catalogs/scopeLookup';
import type { Profile } from '../profiles/profile';
import { servicesOf } from '../runner/sampleRequests';

/** One scope as the scope picker offers it. */
export interface ScopeOption {
  readonly name: string;
  /** The service's display name, or '' for a scope the catalog does not know. */
  readonly serviceName: string;
  /** Samsung's description from the scope catalog. */
  readonly description: string;
  readonly picked: boolean;
}

/** A titled run of options: the ticked ones, then one section per service. */
export interface ScopeSection {
  readonly title: string;
  readonly options: readonly ScopeOption[];
}

/** Where the picker starts for a profile's OAuth app, and what it offers in which order. */
export interface ScopeChoice {
  /** The scopes ticked at the start. */
  readonly picked: readonly string[];
  /** Why those: the profile's last pick, or the read-only scopes of the services its app covers. */
  readonly basis: 'lastPicked' | 'readOnly';
  /** The ticked scopes first, then the others grouped by service, the app's services first. */
  readonly sections: readonly ScopeSection[];
}

/**
 * Whether a scope only views: a `:view` scope, or one Samsung describes as "View …" and nothing
 * more ("View and configure …" and "View, assign, create …" do more).
 */
export function isReadOnlyScope(scope: ScopeEntry): boolean {
  return scope.name.endsWith(':view') || /^View (?!and\b)[^,]*\.$/.test(scope.description);
}

/** The services an OAuth app covers: those of its scopes, or every service OAuth can call. */
function coveredServices(profile: Profile): readonly KnoxService[] {
  const covered = servicesOf({ ...profile, scheme: 'oauth' });
  if (covered.length > 0) return covered;
  return SERVICES.map((s) => s.id).filter(
    (id) => oauthSupportFor(id, { msp: profile.tenantId !== undefined }).supported,
  );
}

function option(name: string, picked: boolean): ScopeOption {
  const entry = findScope(name);
  return {
    name,
    serviceName: entry ? serviceDisplayName(entry.service) : '',
    description: entry?.description ?? 'Not in the scope catalog.',
    picked,
  };
}

/**
 * The scope picker's start for `profile`: the scopes last ticked in it, else the read-only scopes
 * of the services the app covers (never every scope); ticked first, the rest grouped by service.
 */
export function scopeChoice(profile: Profile): ScopeChoice {
  const last = profile.oauth?.lastPicked;
  const services = coveredServices(profile);
  const picked =
    last && last.length > 0
      ? [...last]
      : SCOPES.filter((s) => services.includes(s.service) && isReadOnlyScope(s)).map((s) => s.name);
  const ticked = new Set(picked);
  const basis = last && last.length > 0 ? 'lastPicked' : 'readOnly';
  const sections: ScopeSection[] = [];
  if (picked.length > 0) {
    sections.push({
      title:
        basis === 'lastPicked'
          ? 'Ticked: the scopes this profile last requested'
          : `Ticked: read-only scopes of ${services.map((s) => s.toUpperCase()).join(', ')}`,
      options: picked.map((name) => option(name, true)),
    });
  }
  const order = [
    ...services,
    ...[...SERVICES.map((s) => s.id), 'oauth' as const].filter((id) => !services.includes(id)),
  ];
  for (const service of order) {
    const rest = SCOPES.filter((s) => s.service === service && !ticked.has(s.name));
    if (rest.length > 0)
      sections.push({
        title: serviceDisplayName(service),
        options: rest.map((s) => option(s.name, false)),
      });
  }
  return { picked, basis, sections };
}
