import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox, SandboxOptions } from '../../../src/sandbox/sandbox';
import { startSandbox } from '../../../src/sandbox/sandbox';
import type { SandboxService } from '../../../src/sandbox/sandboxServices';
import { SANDBOX_SERVICES } from '../../../src/sandbox/sandboxServices';

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public ms = Date.UTC(2025, 5, 1, 12, 0, 0)) {}
  readonly now = (): number => this.ms;
  get seconds(): number {
    return Math.floor(this.ms / 1000);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** The sandbox's demo secrets, read from the files it wrote (as a user would). */
export interface Demo {
  readonly publicKeyBase64: string;
  readonly privateKey: KeyObject;
  readonly clientIdentifiers: Readonly<Record<SandboxService, string>>;
  readonly oauthClientId: string;
  readonly oauthClientSecret: string;
  readonly saClientId: string;
  readonly saClientSecret: string;
  readonly aliasId: string;
}

export interface Harness {
  readonly sandbox: Sandbox;
  readonly clock: TestClock;
  readonly demo: Demo;
  readonly dir: string;
  stop(): Promise<void>;
}

export async function readDemo(sandbox: Sandbox): Promise<Demo> {
  const { credentials } = sandbox;
  const keys = JSON.parse(await readFile(credentials.keysFile, 'utf8')) as {
    Public: string;
    Private: string;
  };
  const clientIdentifiers = {} as Record<SandboxService, string>;
  for (const service of SANDBOX_SERVICES) {
    clientIdentifiers[service] = (
      await readFile(credentials.clientIdentifierFiles[service], 'utf8')
    ).trim();
  }
  return {
    publicKeyBase64: keys.Public,
    privateKey: createPrivateKey({
      key: Buffer.from(keys.Private, 'base64'),
      format: 'der',
      type: 'pkcs8',
    }),
    clientIdentifiers,
    oauthClientId: credentials.oauthClientId,
    oauthClientSecret: (await readFile(credentials.oauthClientSecretFile, 'utf8')).trim(),
    saClientId: credentials.samsungAccount.clientId,
    saClientSecret: (await readFile(credentials.samsungAccount.clientSecretFile, 'utf8')).trim(),
    aliasId: credentials.samsungAccount.aliasId,
  };
}

/** A sandbox on a free port with a fresh state folder and a hand-moved clock. */
export async function startHarness(
  options: Partial<SandboxOptions> = {},
  dir?: string,
): Promise<Harness> {
  const folder = dir ?? (await mkdtemp(join(tmpdir(), 'knox-sandbox-test-')));
  const clock = new TestClock();
  const sandbox = await startSandbox({ dir: folder, now: clock.now, ...options });
  return {
    sandbox,
    clock,
    demo: await readDemo(sandbox),
    dir: folder,
    stop: async () => {
      await sandbox.close();
      if (!dir) await rm(folder, { recursive: true, force: true });
    },
  };
}

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs a JWT with node:crypto only (independent of the toolkit's signing engine). */
export function signJwt(
  claims: Record<string, unknown>,
  privateKey: KeyObject,
  header: Record<string, unknown> = { alg: 'RS512', typ: 'JWT' },
): string {
  const input = `${b64url(header)}.${b64url(claims)}`;
  const hash = header['alg'] === 'RS256' ? 'sha256' : 'sha512';
  return `${input}.${sign(hash, Buffer.from(input), privateKey).toString('base64url')}`;
}

export interface KnoxJwtOptions {
  readonly nowSeconds: number;
  readonly alg?: 'RS512' | 'RS256';
  readonly publicKeyBase64: string;
  readonly privateKey: KeyObject;
  readonly extra?: Record<string, unknown>;
  readonly jti?: string;
}

/** A Knox JWT as Samsung's token utility makes it: {<claim>, publicKey, iat, exp, aud, jti}. */
export function knoxJwt(claim: string, value: string, o: KnoxJwtOptions): string {
  return signJwt(
    {
      [claim]: value,
      publicKey: o.publicKeyBase64,
      iat: o.nowSeconds,
      exp: o.nowSeconds + 1800,
      aud: 'KnoxWSM',
      jti: o.jti ?? `${randomUUID()}${randomUUID()}`,
      ...o.extra,
    },
    o.privateKey,
    { alg: o.alg ?? 'RS512', typ: 'JWT' },
  );
}

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body as JSON (undefined when it is not JSON). */
  readonly json: Record<string, unknown>;
}

export interface CallOptions {
  readonly headers?: Record<string, string>;
  readonly json?: unknown;
  readonly form?: Record<string, string>;
  readonly body?: string;
}

/** One HTTP request to the sandbox; redirects are returned, not followed. */
export async function call(
  base: string,
  method: string,
  path: string,
  o: CallOptions = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...o.headers };
  let body: string | undefined = o.body;
  if (o.json !== undefined) {
    body = JSON.stringify(o.json);
    headers['content-type'] ??= 'application/json';
  } else if (o.form !== undefined) {
    body = new URLSearchParams(o.form).toString();
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  }
  const response = await fetch(`${base}${path}`, { method, headers, body, redirect: 'manual' });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Not JSON: tests read `text`.
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Runs the legacy flow and returns the signed x-knox-apitoken for `service`. */
export async function legacyApiToken(
  h: Harness,
  service: SandboxService,
  alg: 'RS512' | 'RS256' = 'RS512',
): Promise<string> {
  const keys = {
    publicKeyBase64: h.demo.publicKeyBase64,
    privateKey: h.demo.privateKey,
    nowSeconds: h.clock.seconds,
    alg,
  };
  const reply = await call(h.sandbox.url, 'POST', '/ams/v1/users/accesstoken', {
    json: {
      base64EncodedStringPublicKey: h.demo.publicKeyBase64,
      clientIdentifierJwt: knoxJwt('clientIdentifier', h.demo.clientIdentifiers[service], keys),
      validityForAccessTokenInMinutes: 30,
    },
  });
  if (reply.status !== 200 || typeof reply.json['accessToken'] !== 'string') {
    throw new Error(`accesstoken failed: ${reply.status} ${reply.text}`);
  }
  return knoxJwt('accessToken', reply.json['accessToken'], keys);
}

/** Runs client_credentials and returns the bearer access token. */
export async function oauthToken(h: Harness, scope: string): Promise<string> {
  const reply = await call(h.sandbox.url, 'POST', '/ams/v1/oauth2/token', {
    form: {
      grant_type: 'client_credentials',
      client_id: h.demo.oauthClientId,
      client_secret: h.demo.oauthClientSecret,
      scope,
    },
  });
  if (reply.status !== 200 || typeof reply.json['access_token'] !== 'string') {
    throw new Error(`oauth2/token failed: ${reply.status} ${reply.text}`);
  }
  return reply.json['access_token'];
}

/** Asserts a Knox error in the KME/KC/KDP/auth shape {errorId, code, message, data}. */
export function assertKnoxError(
  reply: Reply,
  status: number,
  code: number,
  message: string,
  dataIncludes?: string,
): void {
  const where = `${reply.status} ${reply.text}`;
  if (reply.status !== status) throw new Error(`expected HTTP ${status}, got ${where}`);
  const { errorId, code: gotCode, message: gotMessage, data } = reply.json;
  if (typeof errorId !== 'string' || errorId === '') throw new Error(`no errorId in ${where}`);
  if (gotCode !== code) throw new Error(`expected code ${code}, got ${where}`);
  if (gotMessage !== message) throw new Error(`expected message ${message}, got ${where}`);
  if (typeof data !== 'string') throw new Error(`no data string in ${where}`);
  if (dataIncludes !== undefined && !data.includes(dataIncludes)) {
    throw new Error(`expected data to include "${dataIncludes}", got ${where}`);
  }
}
