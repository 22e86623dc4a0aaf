import { KnoxToolError } from '../toolError';

/** The hosts Samsung documents: the regional Knox Cloud Services hosts and the OAuth/api host. */
export const KNOX_BASE_URLS = {
  us: 'https://us-kcs-api.samsungknox.com',
  eu: 'https://eu-kcs-api.samsungknox.com',
  oauth: 'https://api.samsungknox.com',
} as const;

/** A named Knox host. */
export type KnoxRegion = keyof typeof KNOX_BASE_URLS;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Resolves a region name ('us', 'eu', 'oauth') or a base URL to a base URL without a trailing
 * slash. Custom URLs must be https (http only for localhost, e.g. the sandbox) with no user info,
 * query or fragment. Throws KnoxToolError 'INVALID_BASE_URL'.
 */
export function resolveBaseUrl(regionOrUrl: string): string {
  const input = regionOrUrl.trim();
  const region = input.toLowerCase();
  if (region in KNOX_BASE_URLS) return KNOX_BASE_URLS[region as KnoxRegion];

  let url: URL;
  try {
    url = new URL(input);
  } catch (e) {
    // The input is not echoed: a token pasted into the wrong field must not reach a log.
    throw invalid('the value is neither a region (us, eu, oauth) nor an absolute URL', e);
  }
  if (
    url.protocol !== 'https:' &&
    !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))
  ) {
    throw invalid(
      `${url.protocol}//${url.host} does not use https (http is allowed only for localhost)`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw invalid(`the base URL for ${url.host} contains a user name or password`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw invalid(`the base URL for ${url.host} has a query or fragment`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Joins a base URL (as `resolveBaseUrl` returns it) and an absolute path. */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

function invalid(what: string, cause?: unknown): KnoxToolError {
  return new KnoxToolError(
    'INVALID_BASE_URL',
    `Invalid Knox base URL: ${what}. Use a region (us, eu, oauth) or a full URL such as https://us-kcs-api.samsungknox.com.`,
    { cause },
  );
}
