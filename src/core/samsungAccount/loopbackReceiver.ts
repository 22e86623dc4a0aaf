import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KnoxToolError, isKnoxToolError } from '../toolError';
import { redirectTarget } from './samsungAccountEndpoints';
import type { LoopbackHost } from './samsungAccountEndpoints';
import type { SignInRedirect } from './signInRedirect';
import { parseSignInRedirect } from './signInRedirect';

/** What `startLoopbackReceiver` takes. */
export interface LoopbackReceiverOptions<T> {
  /** http://127.0.0.1, http://[::1] or http://localhost, [:port]/path; no port picks a free one. */
  readonly redirectUri: string;
  /**
   * Turns the redirect into the result; what it throws refuses the sign-in (the browser is told),
   * except 'SIGN_IN_STATE_MISMATCH': not this sign-in's redirect, so the wait goes on.
   */
  readonly accept: (redirect: SignInRedirect) => T;
  /** How long to wait for the browser, in ms (default 5 minutes). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** A one-shot HTTP server on the redirect URI's loopback address that waits for the sign-in redirect. */
export interface LoopbackReceiver<T> {
  /** The redirect URI with the port actually bound: send it to signInGate and the token endpoint. */
  readonly redirectUri: string;
  /** Settles once, after the server has closed: what `accept` returned or threw, a timeout or an abort. */
  readonly result: Promise<T>;
  /** Stops waiting; `result` rejects with 'ABORTED' unless it had settled. */
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;
// A redirect is one small GET: a connection that sends nothing for this long is dropped.
const REQUEST_TIMEOUT_MS = 10_000;
// With a free port, another program may already hold it on ::1: pick another this many times.
const PORT_TRIES = 5;

/**
 * Listens where `redirectUri` names (localhost: 127.0.0.1 and, where the machine has IPv6, ::1)
 * for the sign-in redirect to its path, answers the browser with a small page, then closes. Other
 * paths get 404, and a redirect with another sign-in's state gets an error page: neither ends the
 * wait. Throws 'INVALID_INPUT' for a URI that is not loopback http and 'NETWORK_FAILED' when the
 * port cannot be bound; `result` rejects with what `accept` threw, 'SIGN_IN_TIMEOUT' or 'ABORTED'.
 */
export async function startLoopbackReceiver<T>(
  options: LoopbackReceiverOptions<T>,
): Promise<LoopbackReceiver<T>> {
  const target = redirectTarget(options.redirectUri);
  if (target.kind !== 'loopback') {
    throw new KnoxToolError(
      'INVALID_INPUT',
      'The redirect URI is not a loopback http URI, so no local server can receive it. Use e.g. http://127.0.0.1:8765/callback.',
    );
  }
  if (options.signal?.aborted) throw aborted(options.signal.reason);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  let settle: (
    outcome: { ok: true; value: T } | { ok: false; error: KnoxToolError },
  ) => void = () => undefined;
  const outcome = new Promise<{ ok: true; value: T } | { ok: false; error: KnoxToolError }>(
    (resolve) => (settle = resolve),
  );
  let done = false;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?', 1)[0];
    if (done || path !== target.path) {
      answer(res, 404, 'Not found', 'This address only receives the Samsung Account sign-in.');
      return;
    }
    if (req.method !== 'GET') {
      res.setHeader('allow', 'GET');
      answer(res, 405, 'Method not allowed', 'The sign-in redirect is a GET request.');
      return;
    }
    let result: { ok: true; value: T } | { ok: false; error: KnoxToolError };
    try {
      result = { ok: true, value: options.accept(parseSignInRedirect(req.url ?? '')) };
    } catch (e) {
      // Any local program or web page can call this address: a redirect without this sign-in's
      // state is refused in the browser and the real one is still awaited (issue 11).
      if (isKnoxToolError(e, 'SIGN_IN_STATE_MISMATCH')) {
        answer(res, 400, 'Sign-in refused', e.message);
        return;
      }
      result = {
        ok: false,
        error: isKnoxToolError(e)
          ? e
          : new KnoxToolError(
              'SIGN_IN_FAILED',
              'The sign-in redirect could not be handled. The Knox log has the details; sign in again.',
              { cause: e },
            ),
      };
    }
    done = true;
    res.on('close', () => finish(result));
    if (result.ok) {
      answer(
        res,
        200,
        'Signed in to Samsung Account',
        'VS Code received the sign-in. You can close this tab and return to VS Code.',
      );
    } else {
      answer(res, 400, 'Sign-in refused', result.error.message);
    }
  };

  const { servers, port } = await listenAll(target.host, target.port, handle);
  const redirectUri =
    target.port === 0 ? withPort(options.redirectUri, port) : options.redirectUri.trim();

  const timer = setTimeout(
    () =>
      finish({
        ok: false,
        error: new KnoxToolError(
          'SIGN_IN_TIMEOUT',
          `No sign-in arrived at ${redirectUri} within ${Math.round(timeoutMs / 1000)} s. Start the sign-in again and finish it in the browser.`,
        ),
      }),
    timeoutMs,
  );
  const onAbort = (): void => finish({ ok: false, error: aborted(options.signal?.reason) });
  options.signal?.addEventListener('abort', onAbort, { once: true });

  let closed: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    closed ??= Promise.all(servers.map(closeServer)).then(() => undefined);
    return closed;
  };
  let finished = false;
  function finish(result: { ok: true; value: T } | { ok: false; error: KnoxToolError }): void {
    if (finished) return;
    finished = true;
    done = true;
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    void stop().then(() => settle(result));
  }

  return {
    redirectUri,
    result: outcome.then((r) => {
      if (r.ok) return r.value;
      throw r.error;
    }),
    close: async () => {
      finish({ ok: false, error: aborted(undefined) });
      await stop();
    },
  };
}

// localhost means both loopback addresses: a browser may try either first.
function addressesOf(host: LoopbackHost): readonly string[] {
  if (host === 'localhost') return ['127.0.0.1', '::1'];
  return host === '[::1]' ? ['::1'] : ['127.0.0.1'];
}

async function listenAll(
  host: LoopbackHost,
  port: number,
  handle: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ servers: Server[]; port: number }> {
  for (let tries = 1; ; tries++) {
    const servers: Server[] = [];
    let bound = port;
    try {
      for (const address of addressesOf(host)) {
        const server = createServer(handle);
        server.requestTimeout = REQUEST_TIMEOUT_MS;
        server.headersTimeout = REQUEST_TIMEOUT_MS;
        const got = await listen(server, address, bound, host === 'localhost' && address === '::1');
        if (got === undefined) continue;
        servers.push(server);
        bound = got;
      }
      return { servers, port: bound };
    } catch (e) {
      await Promise.all(servers.map(closeServer));
      // A free port taken on ::1 by another program: try another free port.
      if (port !== 0 || tries >= PORT_TRIES || !isInUse(e)) throw e;
    }
  }
}

/** The port bound, or undefined when `optional` and the machine has no such address (no IPv6). */
function listen(
  server: Server,
  address: string,
  port: number,
  optional: boolean,
): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const failed = (e: NodeJS.ErrnoException): void => {
      if (optional && (e.code === 'EADDRNOTAVAIL' || e.code === 'EAFNOSUPPORT')) {
        resolve(undefined);
        return;
      }
      const shown = address.includes(':') ? `[${address}]` : address;
      reject(
        new KnoxToolError(
          'NETWORK_FAILED',
          `Cannot receive the sign-in on ${shown}:${port} (${e.code ?? e.message}). Close the program using that port, or register a redirect URI with another port.`,
          { cause: e },
        ),
      );
    };
    server.once('error', failed);
    server.listen(port, address, () => {
      server.off('error', failed);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function isInUse(e: unknown): boolean {
  return (
    isKnoxToolError(e) && (e.cause as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE'
  );
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function withPort(uri: string, port: number): string {
  const url = new URL(uri.trim());
  url.port = String(port);
  return url.toString();
}

function aborted(reason: unknown): KnoxToolError {
  return new KnoxToolError('ABORTED', 'The sign-in was cancelled.', { cause: reason });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function answer(res: ServerResponse, status: number, title: string, message: string): void {
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}</style>
</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>
<p><small>Knox API Toolkit</small></p></body></html>
`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    connection: 'close',
  });
  res.end(body);
}
