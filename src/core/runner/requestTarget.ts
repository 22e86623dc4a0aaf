import { KNOX_BASE_URLS } from '../auth/baseUrl';
import type { KnoxService } from '../catalogs/scopeCatalog';
import type { ProfileTarget } from '../profiles/profile';
import { apiBaseUrl } from '../profiles/profile';

// KAI, MSP and E-FOTA are served from api.samsungknox.com, the other services from the
// regional kcs-api hosts: https://docs.samsungknox.com/dev/knox-cloud-authentication/knox-oauth-2-0-authentication/for-customers-and-msps/step-2-call-knox-cloud-services-apis-with-access-token/
// and https://docs.samsungknox.com/dev/knox-mobile-enrollment/server-integration/api
const ON_API_HOST: ReadonlySet<KnoxService> = new Set<KnoxService>(['kai', 'msp', 'ke', 'oauth']);

/**
 * The base URL a relative request path (`/kcs/v1/...`) resolves against for a profile: its
 * custom base URL, or for a region the host that serves `service`.
 */
export function baseUrlFor(target: ProfileTarget, service: KnoxService | undefined): string {
  if (target.kind === 'region' && service !== undefined && ON_API_HOST.has(service)) {
    return KNOX_BASE_URLS.oauth;
  }
  return apiBaseUrl(target);
}

/** The origins a profile's token may be sent to: its own Knox hosts and nothing else. */
export function tokenOrigins(target: ProfileTarget): readonly string[] {
  const urls =
    target.kind === 'region' ? [apiBaseUrl(target), KNOX_BASE_URLS.oauth] : [target.baseUrl];
  return urls.flatMap((url) => {
    const origin = originOf(url);
    return origin === undefined ? [] : [origin];
  });
}

/**
 * True when `url` goes to one of the profile's Knox hosts, so that attaching its token cannot
 * hand it to a third party (an `.http` file may also call https://example.com).
 */
export function mayCarryToken(url: string, target: ProfileTarget): boolean {
  const origin = originOf(url);
  return origin !== undefined && tokenOrigins(target).includes(origin);
}

function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}
