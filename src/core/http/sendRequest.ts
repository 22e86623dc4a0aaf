import { KnoxToolError, isKnoxToolError } from '../toolError';
import { nodeFetch } from './fetchLike';
import type { FetchLike, FetchResponse } from './fetchLike';
import { REDIRECT_STATUSES, describeRedirect, redirectDecision } from './redirectDecision';
import type { RedirectHop, RedirectMode, RedirectableRequest } from './redirectDecision';

/** One HTTP request, as plain data. */
export interface HttpRequest {
  readonly url: string;
  /** Defaults to GET. */
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Send bytes to send no Content-Type but the caller's: fetch adds one for a string. */
  readonly body?: string | Buffer<ArrayBuffer>;
}

/** What came back. Any status, 4xx and 5xx included, is a response, not an exception. */
export interface HttpResponse {
  readonly status: number;
  readonly statusText: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Tries made: 1, plus one per 429 retry. */
  readonly attempts: number;
  /** Time spent waiting between tries, in ms. */
  readonly waitedMs: number;
  /** From the first try to the last byte, in ms. */
  readonly elapsedMs: number;
  /** The redirects of the last try, followed or not; absent when there were none. */
  readonly redirects?: readonly RedirectHop[];
  /** Present when the body was longer than the limit: reading stopped after this many bytes. */
  readonly truncatedAtBytes?: number;
}

/** How 429 Too Many Requests is retried. Every bound applies; the first one reached wins. */
export interface RetryPolicy {
  /** Tries in all, the first included. 1 turns retrying off. */
  readonly maxAttempts: number;
  /** Total wait across all retries, in ms; a wait that would pass it is not started. */
  readonly maxTotalWaitMs: number;
  /** The first back-off when Knox sends no Retry-After, doubled for each later one. */
  readonly baseDelayMs: number;
  /** The longest single back-off (Retry-After is honoured up to `maxTotalWaitMs`). */
  readonly maxDelayMs: number;
}

/** The retry policy used when none is given. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  maxTotalWaitMs: 60_000,
  baseDelayMs: 1_000,
  maxDelayMs: 20_000,
};

/** The per-try timeout used when none is given, in ms. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** How much of a response body is read when no limit is given: 50 MB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 50 * 1024 * 1024;

/** Dependencies and limits of `sendRequest`; every field has a default. */
export interface SendOptions {
  readonly fetch?: FetchLike;
  /** Aborting it ends the request (or the wait before a retry) with 'ABORTED'. */
  readonly signal?: AbortSignal;
  /** Timeout of each try, in ms (default 30 s). */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Called before each wait for a retry, so a UI can show it. */
  readonly onWait?: (ms: number, attempt: number) => void;
  readonly now?: () => number;
  /** Resolves after `ms` or as soon as `signal` aborts. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A number in [0, 1) for jitter. */
  readonly random?: () => number;
  /** How redirects are treated (default 'follow': same origin, or another one without credentials). */
  readonly redirect?: RedirectMode;
  /** Bytes of the body read at most (default 50 MB); past them reading stops and the response says so. */
  readonly maxResponseBytes?: number;
}

/**
 * Sends one request with a timeout, the caller's AbortSignal, bounded 429 retries (honouring
 * Retry-After, else exponential back-off with jitter), redirects decided by `redirectDecision` and
 * a body read up to `maxResponseBytes`. Returns every HTTP status as a response; throws
 * KnoxToolError 'ABORTED', 'NETWORK_TIMEOUT', 'NETWORK_FAILED', 'INVALID_INPUT' or (mode
 * 'error') 'REDIRECT_NOT_FOLLOWED'.
 */
export async function sendRequest(
  request: HttpRequest,
  options: SendOptions = {},
): Promise<HttpResponse> {
  const {
    fetch = nodeFetch,
    signal,
    timeoutMs = DEFAULT_TIMEOUT_MS,
    onWait,
    now = Date.now,
    sleep = abortableSleep,
    random = Math.random,
    redirect = 'follow',
    maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES,
  } = options;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const host = hostOf(request.url);
  const started = now();
  let waitedMs = 0;

  for (let attempt = 1; ; attempt++) {
    const response = await attemptOnce(fetch, request, host, signal, timeoutMs, {
      redirect,
      maxResponseBytes,
    });
    const done = (): HttpResponse => ({
      ...response,
      attempts: attempt,
      waitedMs,
      elapsedMs: now() - started,
    });
    if (response.status !== 429 || attempt >= policy.maxAttempts) return done();

    const retryAfter = parseRetryAfter(response.headers['retry-after'], now());
    const wait = retryAfter ?? backoffDelay(attempt, policy.baseDelayMs, policy.maxDelayMs, random);
    if (waitedMs + wait > policy.maxTotalWaitMs) return done();

    onWait?.(wait, attempt);
    // An abort during the wait ends the sleep early; the next try then throws 'ABORTED'.
    await sleep(wait, signal);
    waitedMs += wait;
  }
}

/**
 * Reads a Retry-After header, in delta-seconds or HTTP-date form, as milliseconds from `nowMs`
 * (0 for a date already past). Returns undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP-date always names the month; V8's Date.parse also accepts bare numbers like "-5".
  const date = /[a-z]/i.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * The wait before retry number `attempt` (1-based) without Retry-After: `base * 2^(attempt-1)`
 * capped at `max`, of which the upper half is random ("equal jitter"), so waits never shrink to 0.
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

type Answer = Pick<
  HttpResponse,
  'status' | 'statusText' | 'headers' | 'body' | 'redirects' | 'truncatedAtBytes'
>;

async function attemptOnce(
  fetch: FetchLike,
  request: HttpRequest,
  host: string,
  signal: AbortSignal | undefined,
  timeoutMs: number,
  limits: { readonly redirect: RedirectMode; readonly maxResponseBytes: number },
): Promise<Answer> {
  if (signal?.aborted) throw aborted(host, signal.reason);
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    let current: RedirectableRequest = {
      url: request.url,
      method: request.method ?? 'GET',
      headers: { ...request.headers },
      ...(request.body === undefined ? {} : { body: request.body }),
    };
    const hops: RedirectHop[] = [];
    for (;;) {
      const init = {
        method: current.method,
        headers: { ...current.headers },
        signal: controller.signal,
        redirect: 'manual' as const,
        ...(current.body === undefined ? {} : { body: current.body }),
      };
      const response = await untilAborted(fetch(current.url, init), controller.signal);
      const location = REDIRECT_STATUSES.has(response.status)
        ? response.headers.get('location')?.trim()
        : undefined;
      if (location) {
        const decision = redirectDecision(current, response.status, location, {
          mode: limits.redirect,
          hopsSoFar: hops.length,
        });
        hops.push(decision.hop);
        if (decision.follow || limits.redirect === 'error') {
          await untilAborted(readBody(response, 0), controller.signal);
          if (!decision.follow) {
            throw new KnoxToolError('REDIRECT_NOT_FOLLOWED', describeRedirect(decision.hop));
          }
          current = decision.next;
          continue;
        }
      }
      // The body is read under the same timeout and signal: a server can stall mid-body.
      const read = await untilAborted(
        readBody(response, limits.maxResponseBytes),
        controller.signal,
      );
      return {
        status: response.status,
        statusText: response.statusText,
        headers: headersOf(response),
        body: read.text,
        ...(hops.length === 0 ? {} : { redirects: hops }),
        ...(read.truncated ? { truncatedAtBytes: limits.maxResponseBytes } : {}),
      };
    }
  } catch (e) {
    if (signal?.aborted) throw aborted(host, e);
    if (timedOut) {
      throw new KnoxToolError(
        'NETWORK_TIMEOUT',
        `No answer from ${host} within ${formatSeconds(timeoutMs)}. Check your network and proxy, or raise the request timeout.`,
        { cause: e },
      );
    }
    if (isKnoxToolError(e)) throw e;
    throw networkFailed(host, e);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Reads at most `maxBytes` of the body as UTF-8. Past them it stops: leaving the loop destroys
 * the stream, so the rest is never downloaded nor held.
 */
async function readBody(
  response: FetchResponse,
  maxBytes: number,
): Promise<{ text: string; truncated: boolean }> {
  const stream = chunksOf(response.body);
  if (!stream) {
    const text = await response.text();
    const bytes = Buffer.from(text, 'utf8');
    return bytes.length > maxBytes
      ? { text: decodeUtf8([bytes.subarray(0, maxBytes)], maxBytes), truncated: true }
      : { text, truncated: false };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (size + bytes.length > maxBytes) {
      chunks.push(bytes.subarray(0, maxBytes - size));
      return { text: decodeUtf8(chunks, maxBytes), truncated: true };
    }
    chunks.push(bytes);
    size += bytes.length;
  }
  return { text: decodeUtf8(chunks, size), truncated: false };
}

function chunksOf(body: unknown): AsyncIterable<Buffer | string> | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  if (Symbol.asyncIterator in body) {
    const source = body as AsyncIterable<Uint8Array | string>;
    return (async function* () {
      for await (const chunk of source) {
        yield typeof chunk === 'string'
          ? chunk
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      }
    })();
  }
  return undefined;
}

// As fetch's text(): UTF-8, a leading BOM dropped, a character cut at the limit replaced.
function decodeUtf8(chunks: readonly Buffer[], size: number): string {
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks, size));
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (e: Error) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

function headersOf(response: FetchResponse): Record<string, string> {
  const out: Record<string, string> = {};
  if (response.headers.forEach) {
    response.headers.forEach((value, name) => (out[name.toLowerCase()] = value));
    return out;
  }
  for (const name of ['content-type', 'retry-after', 'date']) {
    const value = response.headers.get(name);
    if (value !== null) out[name] = value;
  }
  return out;
}

function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.host;
  } catch {
    // reported below
  }
  throw new KnoxToolError(
    'INVALID_INPUT',
    'The request URL is not an absolute http(s) URL. Give the full URL, e.g. https://us-kcs-api.samsungknox.com/kcs/v1/kme/devices/list.',
  );
}

function aborted(host: string, cause: unknown): KnoxToolError {
  return new KnoxToolError('ABORTED', `The request to ${host} was cancelled.`, { cause });
}

// Messages name the host and what to check; never the URL (query strings can hold secrets)
// nor the library's own message (node-fetch puts the full URL in it).
function networkFailed(host: string, e: unknown): KnoxToolError {
  const code = errorCode(e);
  const [what, check] = describeNetworkCode(code);
  return new KnoxToolError(
    'NETWORK_FAILED',
    `Could not reach ${host}: ${what}${code ? ` (${code})` : ''}. ${check}`,
    { cause: e },
  );
}

function describeNetworkCode(code: string | undefined): [string, string] {
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return [
        'host name not found',
        'Check the base URL or region and your DNS or proxy settings.',
      ];
    case 'ECONNREFUSED':
      return ['connection refused', 'Check the base URL and port, and that the server is running.'];
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return ['connection closed by the server', 'Try again; if it persists check the proxy.'];
    case 'ETIMEDOUT':
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return ['network unreachable', 'Check your network connection and proxy settings.'];
    default:
      if (code && /CERT|SSL|TLS|SELF_SIGNED/i.test(code)) {
        return [
          'TLS certificate problem',
          'Check the proxy certificate settings (http.proxyStrictSSL, NODE_EXTRA_CA_CERTS).',
        ];
      }
      return ['network error', 'Check the base URL, your network and proxy settings.'];
  }
}

function errorCode(e: unknown): string | undefined {
  for (let current: unknown = e, depth = 0; current && depth < 4; depth++) {
    if (typeof current !== 'object') break;
    const record = current as { code?: unknown; cause?: unknown };
    if (typeof record.code === 'string' && record.code !== '') return record.code;
    current = record.cause;
  }
  return undefined;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
