const MASK = '[REDACTED]';

// Names whose values are credentials wherever they appear: JSON properties, headers, form
// fields and query parameters. Matched case-insensitively, ignoring '-' and '_'.
const SECRET_NAMES = [
  'xknoxapitoken',
  'authorization',
  'proxyauthorization',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'token',
  'clientsecret',
  'secret',
  'password',
  'private',
  'privatekey',
  'clientidentifier',
  'clientidentifierjwt',
  'sessiontoken',
  'sessiontokenjwt',
  'delegatedsatoken',
  'idpaccesstoken',
  'apitoken',
  'cookie',
  'setcookie',
] as const;
const secretName = new Set<string>(SECRET_NAMES);
const isSecretName = (name: string): boolean =>
  secretName.has(name.toLowerCase().replace(/[-_]/g, ''));

const PATTERNS: readonly RegExp[] = [
  // PEM blocks, armoured keys and certificates.
  /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g,
  // JWTs and JWT-like strings (the portal's client identifiers are HS512 JWTs).
  /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*)?/g,
  // DER keys in base64 ("MII..." is the start of every RSA SPKI and PKCS#8 structure).
  /\bMII[A-Za-z0-9+/]{20,}={0,2}/g,
];

// "name": "value"  |  name: value (headers)  |  name=value (forms, queries)
const JSON_PAIR = /("([A-Za-z0-9_-]+)"\s*:\s*)"((?:[^"\\]|\\.)*)"/g;
const HEADER_LINE = /^(\s*([A-Za-z0-9_-]+)\s*:[ \t]*)(.+)$/gm;
const FORM_PAIR = /([?&;\s]|^)([A-Za-z0-9_-]+)=([^&\s"';]+)/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
const AUTH_CODE = /([?&]code=)[^&\s"']+/g;

/**
 * Removes every credential from `text`: tokens, JWTs, keys, client secrets, the values of
 * `x-knox-apitoken` and `Authorization`, and any value in `known` (secrets the caller holds).
 * Every log line and every displayed request goes through this one function.
 */
export function redact(text: string, known: Iterable<string> = []): string {
  let out = text;
  for (const value of known) {
    if (value.length >= 4) out = out.split(value).join(MASK);
  }
  out = out.replace(JSON_PAIR, (all, head: string, name: string, value: string) =>
    isSecretName(name) && value !== '' && value !== MASK ? `${head}"${MASK}"` : all,
  );
  out = out.replace(HEADER_LINE, (all, head: string, name: string) =>
    isSecretName(name) ? `${head}${MASK}` : all,
  );
  out = out.replace(FORM_PAIR, (all, lead: string, name: string) =>
    isSecretName(name) ? `${lead}${name}=${MASK}` : all,
  );
  out = out.replace(BEARER, (_all, scheme: string) => `${scheme} ${MASK}`);
  out = out.replace(AUTH_CODE, (_all, head: string) => `${head}${MASK}`);
  for (const pattern of PATTERNS) out = out.replace(pattern, MASK);
  return out;
}

/** Holds the secrets the session has seen so that `redact` also hides short, opaque ones. */
export class Redactor {
  private readonly known = new Set<string>();

  /** Remembers a secret value; later calls to `redact` mask it wherever it appears. */
  remember(value: string | undefined): void {
    if (value && value.length >= 4) this.known.add(value);
  }

  forget(value: string): void {
    this.known.delete(value);
  }

  redact(text: string): string {
    return redact(text, this.known);
  }
}
