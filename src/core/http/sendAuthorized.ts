import type { MintedToken } from '../tokens/tokenManager';
import { parseKnoxError } from '../knoxErrors/knoxError';
import type { ErrorLookup, KnoxErrorResult } from '../knoxErrors/knoxError';
import { sendRequest } from './sendRequest';
import type { HttpRequest, HttpResponse, SendOptions } from './sendRequest';

/** Where `sendAuthorized` gets tokens; `TokenManager` is one. */
export interface TokenSource {
  get(signal?: AbortSignal): Promise<MintedToken>;
  /** A token other than `stale`, minting one if nobody has yet. */
  renew(stale: string | undefined, signal?: AbortSignal): Promise<MintedToken>;
}

/** What the policy did after Knox refused the token. */
export type PolicyAction = 'renewToken' | 'resignJwt';

/** The one retry `sendAuthorized` made, for the log and the response view. */
export interface PolicyRetry {
  readonly action: PolicyAction;
  /** The refusal that caused it. */
  readonly status: number;
  readonly code?: string;
}

/** The final response, with Knox's error parsed and the policy's trail. */
export interface AuthorizedResponse extends HttpResponse {
  /** Present when the final status is 400 or more. */
  readonly error?: KnoxErrorResult;
  /** Present when the request was sent a second time with a new token. */
  readonly retry?: PolicyRetry;
  /** Why the policy did not retry, when that needs saying (4012250). */
  readonly note?: string;
  /** False when the caller set the auth header, so the managed token was not sent. */
  readonly tokenSent: boolean;
}

/** `sendRequest` options plus the token source and how a token becomes headers. */
export interface AuthorizedOptions extends SendOptions {
  readonly tokens: TokenSource;
  /** Default: `authorizationHeaders`. */
  readonly headerFor?: (token: MintedToken) => Record<string, string>;
  readonly lookup?: ErrorLookup;
}

/** `x-knox-apitoken` for legacy tokens, `Authorization` for OAuth and Samsung Account ones. */
export function authorizationHeaders(token: MintedToken): Record<string, string> {
  return token.kind === 'legacy'
    ? { 'x-knox-apitoken': token.value }
    : { Authorization: token.value };
}

const AUTH_HEADERS: ReadonlySet<string> = new Set(['x-knox-apitoken', 'authorization']);
const EXPIRED = new Set(['4032251', 'ACCESS_TOKEN_EXPIRED']);
const NON_UNIQUE_JTI = new Set(['4002250', 'API_KEY_NON_UNIQUE_JWTID']);
// The troubleshooting table writes 40122050; Samsung's response examples show 4012250.
const BAD_JWT = new Set(['4012250', '40122050', 'ACCESS_TOKEN_BAD_REQUEST']);

/**
 * Sends `request` with a token attached, never replacing a header the caller set. On 4032251 or
 * HTTP 401 renews the token and retries once; on 4002250 signs anew and retries once; never
 * retries 4012250/40122050. 429 is retried by `sendRequest`. Throws what `sendRequest` and the
 * token source throw; HTTP errors are returned.
 */
export async function sendAuthorized(
  request: HttpRequest,
  options: AuthorizedOptions,
): Promise<AuthorizedResponse> {
  const { tokens, headerFor = authorizationHeaders, lookup, ...sendOptions } = options;
  const send = async (
    token: MintedToken,
  ): Promise<{ response: HttpResponse; tokenSent: boolean }> => {
    const { headers, tokenSent } = mergeHeaders(request.headers ?? {}, headerFor(token));
    const response = await sendRequest({ ...request, headers }, sendOptions);
    return { response, tokenSent };
  };
  const parse = (response: HttpResponse): KnoxErrorResult | undefined =>
    response.status >= 400
      ? parseKnoxError(response.status, response.body, response.headers['content-type'], lookup)
      : undefined;

  // A caller who wrote the token header themselves gets exactly that; no token is minted.
  if (Object.keys(request.headers ?? {}).some((name) => AUTH_HEADERS.has(name.toLowerCase()))) {
    const response = await sendRequest(request, sendOptions);
    const error = parse(response);
    return { ...response, tokenSent: false, ...(error ? { error } : {}) };
  }

  const token = await tokens.get(sendOptions.signal);
  const first = await send(token);
  const error = parse(first.response);
  const result = (
    response: HttpResponse,
    extra: Partial<AuthorizedResponse>,
  ): AuthorizedResponse => ({
    ...response,
    tokenSent: first.tokenSent,
    ...extra,
  });
  if (!error || !first.tokenSent) return result(first.response, error ? { error } : {});

  const action = policyFor(error);
  if (action === 'explain') {
    return result(first.response, {
      error,
      note: `Not retried: Knox says the JWT was not properly signed (${error.code ?? error.name ?? error.status}). A new token would fail the same way. Check that the key file is the one registered for this client identifier and that the access token is sent signed.`,
    });
  }
  if (action === undefined) return result(first.response, { error });

  const renewed = await tokens.renew(token.value, sendOptions.signal);
  const second = await send(renewed);
  const secondError = parse(second.response);
  return result(second.response, {
    retry: {
      action,
      status: error.status,
      ...(error.code === undefined ? {} : { code: error.code }),
    },
    ...(secondError ? { error: secondError } : {}),
  });
}

function policyFor(error: KnoxErrorResult): PolicyAction | 'explain' | undefined {
  const is = (set: ReadonlySet<string>): boolean =>
    (error.code !== undefined && set.has(error.code)) ||
    (error.name !== undefined && set.has(error.name));
  if (is(BAD_JWT)) return 'explain';
  if (is(NON_UNIQUE_JTI)) return 'resignJwt';
  if (is(EXPIRED) || error.status === 401) return 'renewToken';
  return undefined;
}

function mergeHeaders(
  own: Readonly<Record<string, string>>,
  auth: Record<string, string>,
): { headers: Record<string, string>; tokenSent: boolean } {
  const taken = new Set(Object.keys(own).map((name) => name.toLowerCase()));
  const headers: Record<string, string> = { ...own };
  let tokenSent = false;
  for (const [name, value] of Object.entries(auth)) {
    if (taken.has(name.toLowerCase())) continue;
    headers[name] = value;
    tokenSent = true;
  }
  return { headers, tokenSent };
}
