import { oauthSupportFor } from '../auth/oauthSupport';
import type { RequestTemplate } from '../catalogs/requestTemplates';
import { templateFor, templateText } from '../catalogs/requestTemplates';
import type { KnoxService } from '../catalogs/scopeCatalog';
import { SERVICES } from '../catalogs/scopeCatalog';
import { findScope, serviceDisplayName } from '../catalogs/scopeLookup';
import type { Profile } from '../profiles/profile';

// The read-only request each service's sample starts with, KME's device list first.
const SAMPLE: ReadonlyArray<readonly [KnoxService, string, string]> = [
  ['kme', 'GET', '/kcs/v1/kme/devices/list'],
  ['kdp', 'GET', '/kcs/v1/rp/devices'],
  ['kc', 'POST', '/kc/v2/devices/getDevices'],
  ['kg', 'POST', '/kcs/v1.1/kg/devices/list'],
  ['ke', 'GET', '/ke/v1/campaigns'],
  ['kai', 'POST', '/kai/v1/miscellaneous/getKspStatus'],
  ['km', 'GET', '/km/v1/group/selectGroups'],
  ['msp', 'GET', '/msp/v1/managedCustomers'],
];

/** The Knox services a profile can call: by client identifier, or by its OAuth app's scopes. */
export function servicesOf(profile: Profile): readonly KnoxService[] {
  const covered = new Set<KnoxService>();
  if (profile.scheme === 'oauth') {
    for (const name of profile.oauth?.scopes ?? []) {
      const service = findScope(name)?.service;
      if (service && oauthSupportFor(service, { msp: profile.tenantId !== undefined }).supported)
        covered.add(service);
    }
  } else {
    for (const c of profile.clientIdentifiers) covered.add(c.service);
  }
  return SERVICES.map((s) => s.id).filter((id) => covered.has(id));
}

/** The `@knox profile=` value for a name: quoted when it has spaces or quotes-free otherwise. */
export function profileDirective(name: string): string {
  return `# @knox profile=${/\s/.test(name) ? `"${name}"` : name}`;
}

function scopeNote(template: RequestTemplate, profile: Profile): string {
  if (profile.scheme !== 'oauth') {
    return `needs a ${template.service.toUpperCase()} client identifier`;
  }
  const scope = template.endpoint?.scopes[0];
  return scope ? `needs scope ${scope}` : 'needs no OAuth scope';
}

/**
 * A `.http` document with one read-only request per Knox service the profile covers, grouped by
 * service, each with a comment saying what it does and what it needs; a file-level
 * `# @knox profile=` line makes every request use the profile. KME's device list comes first.
 */
export function sampleRequestsText(profile: Profile): string {
  const services = new Set(servicesOf(profile));
  const lines = [
    `# Knox sample requests for profile "${profile.name}". Click "Knox: Send Request" above a request:`,
    '# the token is fetched and attached for you. "Knox: New Request..." adds more.',
    profileDirective(profile.name),
    '',
  ];
  for (const [service, method, path] of SAMPLE) {
    const template = templateFor(method, path);
    if (!services.has(service) || !template) continue;
    // Titled by what the request does, as "Knox: New Request..." titles it (the response tab
    // reads "Knox: 200 List KME devices"); the comment below names the service and its need.
    lines.push(
      `### ${template.summary}`,
      `# ${serviceDisplayName(service)}: ${scopeNote(template, profile)}`,
      templateText(template),
      '',
    );
  }
  if (services.size === 0) {
    lines.push(
      profile.scheme === 'oauth'
        ? '# This profile has no OAuth app with Knox scopes yet: run "Knox: Set Up OAuth App".'
        : '# This profile has no client identifier yet: run "Knox: Add Client Identifier".',
      '',
    );
  }
  return lines.join('\n');
}
