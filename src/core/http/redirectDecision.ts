import { hasSecretField, isCredentialHeaderName } from '../log/secretNames';
/** How `sendRequest` treats a 3xx with a Location: fetch's three names, with safer `follow`. */
export type RedirectMode =
  /** Same origin always; another origin only without credentials and never https to http. */
  | 'follow'
  /** Never followed: the 3xx is the answer (signOutGate, whose redirect is its success). */
  | 'manual'
  /** Never followed, and a 3xx throws 'REDIRECT_NOT_FOLLOWED' (token endpoints). */
  | 'error';

/** Why a redirect was not followed. */
export type RedirectRefusal = 'credential' | 'downgrade' | 'scheme' | 'tooMany' | 'notAllowed';

/** One redirect Knox (or a proxy) answered, followed or not. URLs are shown without their query. */
export interface RedirectHop {
  readonly status: number;
  readonly from: string;
  readonly to: string;
  readonly followed: boolean;
  readonly refused?: RedirectRefusal;
  /** For 'credential': what the request carries, e.g. "your token (x-knox-apitoken)". */
  readonly credential?: string;
}

/** The request a hop starts from, as `sendRequest` sends it. */
export interface RedirectableRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Buffer<ArrayBuffer>;
}

/** What to do with one 3xx: send `next`, or stop with the hop recorded. */
export type RedirectDecision =
  | { readonly follow: true; readonly next: RedirectableRequest; readonly hop: RedirectHop }
  | { readonly follow: false; readonly hop: RedirectHop };

/** The redirect statuses fetch follows; others (300, 304) are answers. */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** How many redirects one try follows at most. */
export const MAX_REDIRECTS = 5;

// How the message names the credential; which headers are credentials is secretNames' rule.
const CREDENTIAL_HEADERS: Readonly<Record<string, string>> = {
  'x-knox-apitoken': 'your token (x-knox-apitoken)',
  authorization: 'your token (Authorization)',
  'proxy-authorization': 'your proxy credentials (Proxy-Authorization)',
  'x-wsm-managed-tenantid': 'your tenant id (x-wsm-managed-tenantid)',
  cookie: 'your cookies (Cookie)',
};
// A signed JWT anywhere in a body (a client identifier, an assertion).
const JWT_IN_BODY = /eyJ[\w-]{4,}\.[\w-]{4,}/;
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language'];

/**
 * What credential a request carries (a credential header, or one in its body), as
 * words for a message; undefined when none. Decides whether a redirect may leave the origin.
 */
export function credentialOf(
  headers: Readonly<Record<string, string>>,
  body: string | undefined,
): string | undefined {
  const names = Object.keys(headers).map((name) => name.toLowerCase());
  for (const [name, words] of Object.entries(CREDENTIAL_HEADERS)) {
    if (names.includes(name)) return words;
  }
  const other = names.find(isCredentialHeaderName);
  if (other !== undefined) return `a credential header (${other})`;
  if (body !== undefined && (hasSecretField(body) || JWT_IN_BODY.test(body))) {
    return 'a credential in its body';
  }
  return undefined;
}

/**
 * Decides one redirect: `follow` mode goes on to the same origin (scheme, host, port) up to
 * MAX_REDIRECTS hops; to another origin only when the request carries no credential; never from https to http nor to a non-http(s) URL. 303 (and 301/302 after a POST)
 * becomes a GET without body; 307/308 keep method and body. Never throws.
 */
export function redirectDecision(
  request: RedirectableRequest,
  status: number,
  location: string,
  options: { readonly mode: RedirectMode; readonly hopsSoFar: number },
): RedirectDecision {
  let target: URL | undefined;
  try {
    target = new URL(location, request.url);
  } catch {
    target = undefined;
  }
  const from = new URL(request.url);
  const shown = (url: URL): string =>
    `${url.protocol}//${url.host}${url.pathname}${url.search === '' ? '' : '?…'}`;
  const base = { status, from: shown(from), to: target ? shown(target) : location.slice(0, 200) };
  const refuse = (refused: RedirectRefusal, credential?: string): RedirectDecision => ({
    follow: false,
    hop: { ...base, followed: false, refused, ...(credential ? { credential } : {}) },
  });

  if (options.mode !== 'follow') return refuse('notAllowed');
  if (!target || (target.protocol !== 'http:' && target.protocol !== 'https:')) {
    return refuse('scheme');
  }
  if (options.hopsSoFar >= MAX_REDIRECTS) return refuse('tooMany');

  const method = request.method.toUpperCase();
  const toGet =
    (status === 303 && method !== 'HEAD') ||
    ((status === 301 || status === 302) && method === 'POST');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (toGet && BODY_HEADERS.includes(name.toLowerCase())) continue;
    headers[name] = value;
  }
  const body = toGet ? undefined : request.body;
  // The request as it was: a credential it carried is reason enough, even if this hop drops the body.
  if (target.origin !== from.origin) {
    const credential = credentialOf(request.headers, request.body?.toString());
    if (credential !== undefined) return refuse('credential', credential);
  }
  if (from.protocol === 'https:' && target.protocol === 'http:') return refuse('downgrade');
  target.hash = '';
  return {
    follow: true,
    next: {
      url: target.toString(),
      method: toGet ? 'GET' : request.method,
      headers,
      ...(body === undefined ? {} : { body }),
    },
    hop: { ...base, followed: true },
  };
}

/** One line for a redirect: where it went, or why it was not followed and what to do. */
export function describeRedirect(hop: RedirectHop): string {
  const said = `Knox answered ${hop.status} to ${hop.to}`;
  switch (hop.refused) {
    case undefined:
      return originOf(hop.from) === originOf(hop.to)
        ? `${said}; followed (same origin).`
        : `${said}; followed (another origin, but the request carries no credential).`;
    case 'credential':
      return `${said}; not followed because the request carries ${hop.credential ?? 'a credential'}, which goes only to ${originOf(hop.from)}. Check the base URL.`;
    case 'downgrade':
      return `${said}; not followed because it leaves https for plain http.`;
    case 'scheme':
      return `${said}; not followed: only http and https redirects are followed.`;
    case 'tooMany':
      return `${said}; not followed: already ${MAX_REDIRECTS} redirects.`;
    case 'notAllowed':
      return `${said}; not followed: a token request is never redirected, since it carries your credentials. Check the base URL.`;
  }
}

function originOf(shown: string): string {
  return shown.split('/').slice(0, 3).join('/');
}
