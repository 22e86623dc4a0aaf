import { KnoxToolError } from '../toolError';

/** A partner portal's Samsung Account client, as the sign-in flow needs it. Holds no secret. */
export interface SamsungAccountClient {
  /** The public client id of the Samsung Account client. */
  readonly clientId: string;
  /** ALIAS_ID: maps the Samsung Account to the client id. */
  readonly aliasId: string;
  /** Base URL of signInGate and signOutGate (the documents' "Authorization Host URL"). */
  readonly authorizationHost: string;
  /** Base URL of the token endpoints; the authorization host when absent. */
  readonly tokenHost?: string;
  /** The redirect_uri registered with Samsung Account. */
  readonly redirectUri: string;
}

/** The absolute URLs of one Samsung Account client. */
export interface SamsungAccountEndpoints {
  readonly signInGate: string;
  readonly signOutGate: string;
  readonly token: string;
  readonly authorizeToken: string;
}

/** How the redirect after signInGate reaches the toolkit. */
export type RedirectTarget =
  /**
   * An HTTP server on the loopback host the URI names (127.0.0.1, [::1], or localhost for both);
   * port 0 when the URI names none (a free port is picked).
   */
  | {
      readonly kind: 'loopback';
      readonly host: LoopbackHost;
      readonly port: number;
      readonly path: string;
    }
  /** A custom scheme such as vscode://: an app's URI handler receives it. */
  | { readonly kind: 'app'; readonly scheme: string }
  /** An https page (a portal): the user copies the address the browser lands on. */
  | { readonly kind: 'manual' };

/** The loopback host names a redirect URI may use, as `URL.hostname` writes them. */
export type LoopbackHost = '127.0.0.1' | '[::1]' | 'localhost';

const LOOPBACK: ReadonlySet<string> = new Set<LoopbackHost>(['127.0.0.1', '[::1]', 'localhost']);
const ALIAS_ID = /^[A-Za-z0-9._~-]{1,64}$/;
const CLIENT_ID = /^[\x21-\x7E]{1,256}$/;

/**
 * Checks a Samsung Account client and returns it normalised (trimmed, hosts without a trailing
 * slash). Throws KnoxToolError 'INVALID_INPUT' or 'INVALID_BASE_URL' naming the field to fix.
 */
export function checkSamsungAccountClient(client: SamsungAccountClient): SamsungAccountClient {
  const clientId = client.clientId.trim();
  if (!CLIENT_ID.test(clientId)) {
    throw new KnoxToolError(
      'INVALID_INPUT',
      clientId === ''
        ? 'The Samsung Account client id is empty. Copy it from the Samsung Account client registration.'
        : 'The Samsung Account client id contains spaces or non-ASCII characters. Copy it again, without quotes.',
    );
  }
  const aliasId = client.aliasId.trim();
  if (!ALIAS_ID.test(aliasId)) {
    throw new KnoxToolError(
      'INVALID_INPUT',
      'ALIAS_ID must be 1 to 64 letters, digits or . _ ~ -. Copy the ALIAS_ID Samsung gave with the client id.',
    );
  }
  const redirectUri = client.redirectUri.trim();
  redirectTarget(redirectUri);
  return {
    clientId,
    aliasId,
    authorizationHost: resolveAccountHost(client.authorizationHost, 'authorization host'),
    ...(client.tokenHost?.trim()
      ? { tokenHost: resolveAccountHost(client.tokenHost, 'token host') }
      : {}),
    redirectUri,
  };
}

/** The client's endpoint URLs. Throws like `checkSamsungAccountClient`. */
export function samsungAccountEndpoints(client: SamsungAccountClient): SamsungAccountEndpoints {
  const checked = checkSamsungAccountClient(client);
  // The published example reads "/accounts//signInGate": the <ALIAS_ID> placeholder between the
  // slashes was lost as an HTML tag. The ALIAS_ID is a path segment, as in the local sandbox.
  const gates = `${checked.authorizationHost}/accounts/${encodeURIComponent(checked.aliasId)}`;
  const tokens = checked.tokenHost ?? checked.authorizationHost;
  return {
    signInGate: `${gates}/signInGate`,
    signOutGate: `${gates}/signOutGate`,
    token: `${tokens}/auth/oauth2/token`,
    authorizeToken: `${tokens}/auth/oauth2/authorizeToken`,
  };
}

/**
 * The signInGate URL to open in the browser: client_id, response_type=CODE, redirect_uri and
 * state. `redirectUri` overrides the client's (a loopback URI with the port actually bound).
 */
export function signInGateUrl(
  client: SamsungAccountClient,
  request: { readonly state: string; readonly redirectUri?: string },
): string {
  if (request.state.length < 16) {
    throw new KnoxToolError(
      'INVALID_INPUT',
      'The sign-in state is shorter than 16 characters. Create it with SignInState, from a cryptographic random source.',
    );
  }
  const url = new URL(samsungAccountEndpoints(client).signInGate);
  url.searchParams.set('client_id', client.clientId.trim());
  url.searchParams.set('response_type', 'CODE');
  url.searchParams.set('redirect_uri', request.redirectUri ?? client.redirectUri.trim());
  url.searchParams.set('state', request.state);
  return url.toString();
}

/**
 * The signOutGate URL. With `accessToken` Samsung Account ends that sign-in's session (a call
 * from the toolkit); with `redirectUri` and `state` it sends a browser back afterwards.
 */
export function signOutGateUrl(
  client: SamsungAccountClient,
  request: {
    readonly accessToken?: string;
    readonly redirectUri?: string;
    readonly state?: string;
  } = {},
): string {
  const url = new URL(samsungAccountEndpoints(client).signOutGate);
  url.searchParams.set('client_id', client.clientId.trim());
  if (request.accessToken) url.searchParams.set('access_token', request.accessToken);
  if (request.redirectUri) url.searchParams.set('redirect_uri', request.redirectUri);
  if (request.state) url.searchParams.set('state', request.state);
  return url.toString();
}

/**
 * How a redirect URI is received: loopback http (127.0.0.1 or localhost), a custom app scheme,
 * or https for the user to copy. Throws 'INVALID_INPUT' for anything else.
 */
export function redirectTarget(redirectUri: string): RedirectTarget {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch (e) {
    throw new KnoxToolError(
      'INVALID_INPUT',
      'The redirect URI is not an absolute URI. Use the one registered with Samsung Account, e.g. http://127.0.0.1:8765/callback.',
      { cause: e },
    );
  }
  if (url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new KnoxToolError(
      'INVALID_INPUT',
      'The redirect URI has a fragment or user info, which OAuth does not allow. Use the registered URI without them.',
    );
  }
  if (url.protocol === 'http:') {
    if (!LOOPBACK.has(url.hostname)) {
      throw new KnoxToolError(
        'INVALID_INPUT',
        `The redirect URI uses plain http on ${url.hostname}: only 127.0.0.1, [::1] and localhost may. Use https, or a loopback URI such as http://127.0.0.1:8765/callback.`,
      );
    }
    return {
      kind: 'loopback',
      host: url.hostname as LoopbackHost,
      port: url.port === '' ? 0 : Number(url.port),
      path: url.pathname,
    };
  }
  if (url.protocol === 'https:') return { kind: 'manual' };
  if (/^[a-z][a-z0-9+.-]*:$/.test(url.protocol) && url.protocol !== 'file:') {
    return { kind: 'app', scheme: url.protocol.slice(0, -1) };
  }
  throw new KnoxToolError(
    'INVALID_INPUT',
    `The redirect URI scheme ${url.protocol} cannot receive a sign-in. Use http://127.0.0.1:<port>/..., a vscode:// URI or an https page.`,
  );
}

function resolveAccountHost(value: string, field: string): string {
  const input = value.trim();
  let url: URL;
  try {
    url = new URL(input);
  } catch (e) {
    // The input is not echoed: a secret pasted into the wrong field must not reach a log.
    throw invalidHost(field, 'it is not an absolute URL', e);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw invalidHost(field, `${url.protocol}//${url.host} is not https (http only for 127.0.0.1)`);
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw invalidHost(field, `the URL for ${url.host} has user info, a query or a fragment`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function invalidHost(field: string, what: string, cause?: unknown): KnoxToolError {
  return new KnoxToolError(
    'INVALID_BASE_URL',
    `The Samsung Account ${field} is invalid: ${what}. Enter the host Samsung gave for your client, e.g. https://<authorization host>, or the local sandbox's URL.`,
    { cause },
  );
}
