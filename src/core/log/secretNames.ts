// Names whose values are credentials wherever they appear: JSON properties, form fields, query
// parameters. Compared in lower case without '-' and '_'; a name ending in one of the suffixes
// counts too (accessToken, delegatedSAToken, client_secret, sessionTokenJwt).
const SECRET_FIELDS: ReadonlySet<string> = new Set([
  'authorization',
  'proxyauthorization',
  'password',
  'passwd',
  'private',
  'privatekey',
  'clientidentifier',
  'cookie',
  'setcookie',
  'apikey',
  'assertion',
]);
const SECRET_SUFFIXES = ['token', 'secret', 'password', 'jwt', 'privatekey', 'apikey'] as const;
// A header's whole value is a credential when its name says so anywhere (x-knox-apitoken,
// x-session-id, x-api-key, proxy-authorization).
const SECRET_HEADER = /token|secret|passw|api-?key|credential|session|cookie|authorization/i;

const normalise = (name: string): string => name.toLowerCase().replace(/[-_]/g, '');

/** True when a field of that name (JSON, form, query, XML element) holds a credential. */
export function isSecretFieldName(name: string): boolean {
  const key = normalise(name);
  return SECRET_FIELDS.has(key) || SECRET_SUFFIXES.some((suffix) => key.endsWith(suffix));
}

/** True when an HTTP header of that name carries a credential in its value. */
export function isSecretHeaderName(name: string): boolean {
  return isSecretFieldName(name) || SECRET_HEADER.test(name);
}

// The tenant id is no secret (logs show it), but it goes only to the profile's origin.
const ORIGIN_BOUND_HEADERS: ReadonlySet<string> = new Set(['xwsmmanagedtenantid']);
// A field name in a body: JSON (also escaped), form or query; the lookbehind starts a name once.
const BODY_FIELD = /(?<![A-Za-z0-9_-])([A-Za-z0-9_-]+)\\*["']?\s*[:=]/g;

/** True when a header of that name must not leave its profile's origin: a secret, or the tenant id. */
export function isCredentialHeaderName(name: string): boolean {
  return isSecretHeaderName(name) || ORIGIN_BOUND_HEADERS.has(normalise(name));
}

/** True when a JSON, form or query body names a secret field (client_secret=, "accessToken":). */
export function hasSecretField(body: string): boolean {
  for (const match of body.matchAll(BODY_FIELD)) {
    if (isSecretFieldName(match[1] ?? '')) return true;
  }
  return false;
}
