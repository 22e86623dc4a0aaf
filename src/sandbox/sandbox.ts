import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { KnoxToolError } from '../core/toolError';
import type { Logger } from '../core/log/logger';
import { silentLogger } from '../core/log/logger';
import { handleAuth, isAuthPath } from './authRoutes';
import type { SandboxCredentials } from './credentials';
import { loadOrCreateCredentials } from './credentials';
import { endpointAt } from './endpointTable';
import type { RouteFamily } from './errors';
import { KNOX_ERRORS, familyError, knoxErrorForStatus } from './errors';
import type { SandboxRequest, SandboxResponse } from './sandboxRequest';
import type { FaultOptions } from './faults';
import { FAULT_HEADER, FaultSchedule } from './faults';
import { KcsAuthority } from './kcsAuthority';
import { handleOAuth } from './oauthRoutes';
import { OAuthStore } from './oauthStore';
import type { ObservedRequest } from './requestLog';
import { RequestLog } from './requestLog';
import { handleSamsungAccount, isSamsungAccountPath } from './samsungAccount';
import type { SamsungAccountClient } from './samsungAccountStore';
import { SamsungAccountStore } from './samsungAccountStore';
import type { SandboxService } from './sandboxServices';
import { sandboxScopes } from './sandboxScopes';
import { SANDBOX_SERVICES, isSandboxService, serviceForPath } from './sandboxServices';
import { handleService } from './serviceRoutes';
import { createAccountTenant } from './tenantState';

export interface SandboxOptions {
  /** Folder for the demo credentials (created on first start, reused afterwards). */
  readonly dir: string;
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number;
  /** A server-wide fault from the start; see also `setFaults` and the x-knox-sandbox-fault header. */
  readonly faults?: FaultOptions;
  /** The clock (ms since the epoch) for every expiry the sandbox checks. */
  readonly now?: () => number;
  readonly logger?: Logger;
  /** Largest request body accepted, in bytes (default 1 MiB); larger ones get 413. */
  readonly maxBodyBytes?: number;
  /** How many requests `recentRequests` remembers (default 200). */
  readonly observe?: number;
}

/** A running Knox Cloud emulator on 127.0.0.1. */
export interface Sandbox {
  /** Base URL, e.g. http://127.0.0.1:41234 (use it for every Knox host). */
  readonly url: string;
  readonly port: number;
  readonly credentials: SandboxCredentials;
  /** Every scope the OAuth token endpoint accepts (the demo OAuth client holds all of them). */
  readonly scopes: readonly string[];
  /** Replaces the server-wide fault; undefined clears it. Throws INVALID_INPUT when invalid. */
  setFaults(faults: FaultOptions | undefined): void;
  /** The last requests, oldest first: method, path, header names, status. No values. */
  recentRequests(limit?: number): readonly ObservedRequest[];
  clearRequests(): void;
  /** Registers another public key (base64 SPKI) with a client identifier per service. */
  registerKey(publicKeyBase64: string): Readonly<Record<SandboxService, string>>;
  /** Adds a Samsung Account client under a new ALIAS_ID (in memory only). */
  registerSamsungAccountClient(): SamsungAccountClient;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 1024 * 1024;
// Bodies over the limit are read and dropped so the client still gets its 413; past this the
// connection is cut instead.
const DRAIN_LIMIT = 64 * 1024 * 1024;
function familyOf(method: string, path: string): RouteFamily {
  if (isAuthPath(path)) return { kind: 'knox' };
  if (path.startsWith('/ams/v1/oauth2/')) return { kind: 'oauth' };
  if (isSamsungAccountPath(path)) return { kind: 'samsungAccount' };
  const catalogService = endpointAt(method, path)?.service;
  const service =
    serviceForPath(path) ??
    (catalogService && isSandboxService(catalogService) ? catalogService : undefined);
  return { kind: 'knox', service };
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > DRAIN_LIMIT) req.destroy();
    });
    req.on('end', () => resolve(size > limit ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function faultResponse(
  family: RouteFamily,
  fault: FaultOptions & { status: number },
): SandboxResponse {
  const headers: Record<string, string> = {};
  if ((fault.status === 429 || fault.status === 503) && fault.retryAfterSeconds !== null) {
    headers['retry-after'] = String(fault.retryAfterSeconds ?? 1);
  }
  return familyError(
    family,
    knoxErrorForStatus(fault.status),
    `Injected fault ${fault.status} (${FAULT_HEADER} or setFaults).`,
    headers,
  );
}

function write(res: ServerResponse, response: SandboxResponse): void {
  if (res.destroyed || res.headersSent) return;
  let body = '';
  const headers: Record<string, string> = {};
  if (response.html !== undefined) {
    body = response.html;
    headers['content-type'] = 'text/html; charset=utf-8';
  } else if (response.json !== undefined) {
    body = JSON.stringify(response.json);
    headers['content-type'] = 'application/json;charset=UTF-8';
  }
  headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(response.status, { ...headers, ...response.headers });
  res.end(body);
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const failed = (e: NodeJS.ErrnoException): void =>
      reject(
        new KnoxToolError(
          'NETWORK_FAILED',
          `The sandbox cannot listen on 127.0.0.1:${port} (${e.code ?? e.message}). Choose another port, or 0 for a free one.`,
          { cause: e },
        ),
      );
    server.once('error', failed);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', failed);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Starts the local Knox sandbox on 127.0.0.1: Knox Cloud Authentication, Knox OAuth 2.0,
 * Samsung Account and the service APIs, with demo credentials kept in `options.dir`.
 * Throws INVALID_INPUT for bad options, STORAGE_UNAVAILABLE or NETWORK_FAILED when it cannot start.
 */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new KnoxToolError(
      'INVALID_INPUT',
      `Sandbox port ${port} is not a port number. Use 0 to 65535 (0 picks a free one).`,
    );
  }
  if (typeof options.dir !== 'string' || options.dir.trim() === '') {
    throw new KnoxToolError('INVALID_INPUT', 'The sandbox needs a state folder (options.dir).');
  }
  const now = options.now ?? ((): number => Date.now());
  const logger = options.logger ?? silentLogger;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const loaded = await loadOrCreateCredentials(options.dir, { now, logger });

  const authority = new KcsAuthority(now);
  for (const service of SANDBOX_SERVICES) {
    authority.register(loaded.clientIdentifiers[service], service, loaded.publicKeyBase64);
  }
  const oauth = new OAuthStore(now);
  oauth.addClient({ clientId: loaded.files.oauthClientId, clientSecret: loaded.oauthClientSecret });
  const samsungAccount = new SamsungAccountStore(now);
  samsungAccount.addClient({
    clientId: loaded.files.samsungAccount.clientId,
    clientSecret: loaded.samsungAccountClientSecret,
    aliasId: loaded.files.samsungAccount.aliasId,
  });
  samsungAccount.addClient({
    clientId: loaded.files.otherSamsungAccount.clientId,
    clientSecret: loaded.otherSamsungAccountClientSecret,
    aliasId: loaded.files.otherSamsungAccount.aliasId,
  });
  const knownScopes = new Set(sandboxScopes());
  const account = createAccountTenant(now());
  const faults = new FaultSchedule(options.faults);
  const requests = new RequestLog(options.observe ?? 200);
  const closing = new AbortController();

  const route = (req: SandboxRequest, expire: boolean): SandboxResponse => {
    if (isAuthPath(req.path)) return handleAuth(req, { authority, samsungAccount, now });
    if (req.path.startsWith('/ams/v1/oauth2/'))
      return handleOAuth(req, { store: oauth, knownScopes });
    if (isSamsungAccountPath(req.path))
      return handleSamsungAccount(req, { store: samsungAccount, now });
    return handleService(req, { authority, oauth, account, now }, { expire });
  };

  const serve = async (incoming: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (incoming.method ?? 'GET').toUpperCase();
    const url = incoming.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    const family = familyOf(method, path);
    const faultHeader = incoming.headers[FAULT_HEADER];
    let response: SandboxResponse;
    let faultLabel: string | undefined;
    try {
      const body = await readBody(incoming, maxBody);
      const decision = faults.take(path, Array.isArray(faultHeader) ? faultHeader[0] : faultHeader);
      const fault = decision.ok ? decision.fault : undefined;
      if (fault?.delayMs) {
        faultLabel = 'delay';
        await sleep(fault.delayMs, undefined, { signal: closing.signal });
      }
      if (!decision.ok) {
        response = familyError(family, KNOX_ERRORS.RESOURCE_INVALID_PARAM, decision.problem);
      } else if (body === 'too-large') {
        response = familyError(
          family,
          KNOX_ERRORS.PAYLOAD_TOO_LARGE,
          `The request body is larger than ${maxBody} bytes.`,
        );
      } else if (fault?.status !== undefined) {
        faultLabel = String(fault.status);
        response = faultResponse(family, { ...fault, status: fault.status });
      } else {
        if (fault?.expire) faultLabel = 'expire';
        const query = new URLSearchParams(queryAt < 0 ? '' : url.slice(queryAt + 1));
        response = route(
          { method, path, query, headers: incoming.headers, body },
          fault?.expire === true,
        );
      }
    } catch (e) {
      if (closing.signal.aborted) return;
      logger.error(
        `Sandbox: ${method} ${path} failed: ${e instanceof Error ? e.message : String(e)}`,
      );
      response = familyError(
        family,
        KNOX_ERRORS.INTERNAL_SERVER_ERROR,
        'The sandbox failed to answer; see its log.',
      );
    }
    write(res, response);
    const names = incoming.rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());
    requests.add({
      at: now(),
      method,
      path,
      headerNames: [...new Set(names)],
      hasApiToken: names.includes('x-knox-apitoken'),
      hasAuthorization: names.includes('authorization'),
      status: response.status,
      ...(faultLabel ? { fault: faultLabel } : {}),
    });
    logger.debug(`Sandbox: ${method} ${path} -> ${response.status}`);
  };

  const server = createServer((req, res) => {
    serve(req, res).catch((e: unknown) => {
      logger.error(`Sandbox: cannot answer ${req.method} ${req.url?.split('?')[0]}: ${String(e)}`);
      res.destroy();
    });
  });
  const boundPort = await listen(server, port);
  const url = `http://127.0.0.1:${boundPort}`;
  logger.info(`Sandbox: listening on ${url} with demo credentials in ${options.dir}`);

  return {
    url,
    port: boundPort,
    credentials: loaded.files,
    scopes: [...knownScopes].sort(),
    setFaults: (f) => faults.set(f),
    recentRequests: (limit) => requests.recent(limit),
    clearRequests: () => requests.clear(),
    registerKey: (publicKeyBase64) => {
      if (!authority.publicKey(publicKeyBase64)) {
        throw new KnoxToolError(
          'INVALID_INPUT',
          'registerKey needs the base64 SPKI DER of an RSA public key (keys.json "Public").',
        );
      }
      return authority.registerKey(publicKeyBase64);
    },
    registerSamsungAccountClient: () => samsungAccount.registerClient(),
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        server.closeAllConnections();
        server.close(() => resolve());
        logger.info('Sandbox: stopped');
      }),
  };
}
