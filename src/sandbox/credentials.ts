import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  randomBytes,
  randomUUID,
} from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KnoxToolError } from '../core/toolError';
import type { Logger } from '../core/log/logger';
import { randomAlphanumeric, randomSecret, randomToken } from './randomToken';
import { sandboxScopes } from './sandboxScopes';
import type { SandboxService } from './sandboxServices';
import { SANDBOX_SERVICES } from './sandboxServices';

/** Where the sandbox's demo credentials are on disk: point the toolkit at these files. */
export interface SandboxCredentials {
  readonly manifestFile: string;
  readonly keysFile: string;
  readonly clientIdentifierFiles: Readonly<Record<SandboxService, string>>;
  readonly oauthClientId: string;
  readonly oauthClientSecretFile: string;
  readonly samsungAccount: SamsungAccountClientFiles;
  /**
   * A second Samsung Account client: exchange a code the first one got with this one's id and
   * secret to see AUT_1806 (the code and the token request name different client ids).
   */
  readonly otherSamsungAccount: SamsungAccountClientFiles;
}

/** A demo Samsung Account client: its id, ALIAS_ID and the file holding its secret. */
export interface SamsungAccountClientFiles {
  readonly clientId: string;
  readonly clientSecretFile: string;
  readonly aliasId: string;
}

/** The credentials with the secret values the sandbox itself checks against. */
export interface LoadedCredentials {
  readonly files: SandboxCredentials;
  readonly publicKeyBase64: string;
  readonly clientIdentifiers: Readonly<Record<SandboxService, string>>;
  readonly oauthClientSecret: string;
  readonly samsungAccountClientSecret: string;
  readonly otherSamsungAccountClientSecret: string;
}

/** The redirect URIs the demo Samsung Account client is registered for (see samsungAccount.ts). */
export const REDIRECT_URI_PATTERNS = [
  'http://127.0.0.1:{port}/{path}',
  'http://localhost:{port}/{path}',
  'vscode://{path}',
  'vscode-insiders://{path}',
] as const;

const MANIFEST = 'sandbox.json';
const FORMAT = 1;
const SECRET_MODE = 0o600;
const PUBLIC_MODE = 0o644;

interface Manifest {
  readonly format: number;
  readonly note: string;
  readonly createdAt: string;
  readonly keysFile: string;
  readonly clientIdentifierFiles: Record<SandboxService, string>;
  readonly oauthClient: {
    readonly file: string;
    readonly clientId: string;
    readonly clientSecretFile: string;
    /** Space-separated: every scope the sandbox knows, refreshed when the catalog grows. */
    readonly scopes: string;
  };
  readonly samsungAccount: {
    readonly file: string;
    readonly clientId: string;
    readonly clientSecretFile: string;
    readonly aliasId: string;
    readonly redirectUris: readonly string[];
  };
  /** Added after format 1 first shipped: created on the next start when absent. */
  readonly otherSamsungAccount?: SamsungAccountClientFiles;
}

const OTHER_SA_SECRET = 'samsung-account-client-2-secret.txt';

async function createOtherClient(dir: string): Promise<SamsungAccountClientFiles> {
  await writeAtomic(
    join(dir, OTHER_SA_SECRET),
    `${randomBytes(16).toString('hex').toUpperCase()}\n`,
    SECRET_MODE,
  );
  return {
    clientId: randomAlphanumeric(10),
    clientSecretFile: OTHER_SA_SECRET,
    aliasId: randomAlphanumeric(8),
  };
}

/**
 * A portal-style client identifier: an opaque JWT-looking string with an HS512 header, as
 * the Knox Cloud API portal issues. Only its value matters. See
 * https://docs.samsungknox.com/dev/knox-cloud-authentication/knox-cloud-authentication/tutorial-for-customers-generate-access-token
 */
export function makeClientIdentifier(service: SandboxService, nowSeconds: number): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const head = part({ alg: 'HS512', typ: 'JWT' });
  const body = part({
    sub: randomUUID(),
    svc: service.toUpperCase(),
    iat: nowSeconds,
    iss: 'knox-sandbox',
  });
  const mac = createHmac('sha512', randomBytes(32)).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${mac}`;
}

async function writeAtomic(path: string, text: string, mode: number): Promise<void> {
  const temporary = `${path}.${randomToken(6)}.tmp`;
  await writeFile(temporary, text, { mode, flag: 'wx' });
  await chmod(temporary, mode);
  await rename(temporary, path);
}

function fileNames(): Manifest['clientIdentifierFiles'] {
  const names = {} as Record<SandboxService, string>;
  for (const service of SANDBOX_SERVICES) names[service] = `client-identifier-${service}.txt`;
  return names;
}

async function create(dir: string, nowMs: number): Promise<void> {
  const { publicKey, privateKey } = await promisify(generateKeyPair)('rsa', {
    modulusLength: 2048,
  });
  const publicKeyBase64 = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const keys = {
    Public: publicKeyBase64,
    Private: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    Identifier: randomUUID(),
  };
  const identifierFiles = fileNames();
  const manifest: Manifest = {
    format: FORMAT,
    note: 'Demo credentials of the Knox API Toolkit sandbox. They work only against the sandbox.',
    createdAt: new Date(nowMs).toISOString(),
    keysFile: 'keys.json',
    clientIdentifierFiles: identifierFiles,
    oauthClient: {
      file: 'oauth-client.json',
      clientId: randomUUID(),
      clientSecretFile: 'oauth-client-secret.txt',
      scopes: sandboxScopes().join(' '),
    },
    samsungAccount: {
      file: 'samsung-account-client.json',
      clientId: randomAlphanumeric(10),
      clientSecretFile: 'samsung-account-client-secret.txt',
      aliasId: randomAlphanumeric(8),
      redirectUris: REDIRECT_URI_PATTERNS,
    },
  };
  await writeAtomic(
    join(dir, manifest.keysFile),
    `${JSON.stringify(keys, null, 2)}\n`,
    SECRET_MODE,
  );
  for (const service of SANDBOX_SERVICES) {
    const identifier = makeClientIdentifier(service, Math.floor(nowMs / 1000));
    await writeAtomic(join(dir, identifierFiles[service]), `${identifier}\n`, SECRET_MODE);
  }
  const { oauthClient, samsungAccount } = manifest;
  await writeAtomic(
    join(dir, oauthClient.file),
    `${JSON.stringify({ clientId: oauthClient.clientId, scopes: oauthClient.scopes }, null, 2)}\n`,
    PUBLIC_MODE,
  );
  await writeAtomic(join(dir, oauthClient.clientSecretFile), `${randomSecret(36)}\n`, SECRET_MODE);
  await writeAtomic(
    join(dir, samsungAccount.file),
    `${JSON.stringify(
      {
        clientId: samsungAccount.clientId,
        aliasId: samsungAccount.aliasId,
        redirectUris: samsungAccount.redirectUris,
      },
      null,
      2,
    )}\n`,
    PUBLIC_MODE,
  );
  await writeAtomic(
    join(dir, samsungAccount.clientSecretFile),
    `${randomBytes(16).toString('hex').toUpperCase()}\n`,
    SECRET_MODE,
  );
  const complete: Manifest = { ...manifest, otherSamsungAccount: await createOtherClient(dir) };
  // Written last: a folder without a manifest is an unfinished first start and is redone.
  await writeAtomic(join(dir, MANIFEST), `${JSON.stringify(complete, null, 2)}\n`, PUBLIC_MODE);
}

function damaged(dir: string, what: string, cause?: unknown): KnoxToolError {
  return new KnoxToolError(
    'STORAGE_UNAVAILABLE',
    `Sandbox state in ${dir} is damaged (${what}). Delete the folder to create fresh demo credentials.`,
    { cause },
  );
}

function field(value: unknown, dir: string, name: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw damaged(dir, `${MANIFEST} has no ${name}`);
  return value;
}

async function readText(dir: string, name: string): Promise<string> {
  try {
    return (await readFile(join(dir, name), 'utf8')).trim();
  } catch (e) {
    throw damaged(dir, `${name} is unreadable`, e);
  }
}

async function load(dir: string, text: string, logger: Logger): Promise<LoadedCredentials> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(text) as Manifest;
  } catch (e) {
    throw damaged(dir, `${MANIFEST} is not JSON`, e);
  }
  if (manifest?.format !== FORMAT) throw damaged(dir, `${MANIFEST} has an unknown format`);
  const keysName = field(manifest.keysFile, dir, 'keysFile');
  let publicKeyBase64: string;
  try {
    const keys = JSON.parse(await readText(dir, keysName)) as {
      Public?: unknown;
      Private?: unknown;
    };
    if (typeof keys.Public !== 'string' || typeof keys.Private !== 'string')
      throw new Error('missing field');
    const fromPrivate = createPublicKey(
      createPrivateKey({ key: Buffer.from(keys.Private, 'base64'), format: 'der', type: 'pkcs8' }),
    ).export({ type: 'spki', format: 'der' });
    if (!fromPrivate.equals(Buffer.from(keys.Public, 'base64')))
      throw new Error('keys do not match');
    publicKeyBase64 = keys.Public;
  } catch (e) {
    if (e instanceof KnoxToolError) throw e;
    throw damaged(dir, `${keysName} is not a matching key pair`, e);
  }
  const identifierFiles = {} as Record<SandboxService, string>;
  const identifiers = {} as Record<SandboxService, string>;
  for (const service of SANDBOX_SERVICES) {
    const name = field(
      manifest.clientIdentifierFiles?.[service],
      dir,
      `clientIdentifierFiles.${service}`,
    );
    identifierFiles[service] = join(dir, name);
    identifiers[service] = await readText(dir, name);
  }
  const oauth = manifest.oauthClient;
  const sa = manifest.samsungAccount;
  const oauthSecretName = field(oauth?.clientSecretFile, dir, 'oauthClient.clientSecretFile');
  const saSecretName = field(sa?.clientSecretFile, dir, 'samsungAccount.clientSecretFile');
  const scopes = sandboxScopes().join(' ');
  const other = manifest.otherSamsungAccount ?? (await createOtherClient(dir));
  if (oauth.scopes !== scopes || manifest.otherSamsungAccount === undefined) {
    const refreshed: Manifest = {
      ...manifest,
      oauthClient: { ...oauth, scopes },
      otherSamsungAccount: other,
    };
    await writeAtomic(
      join(dir, MANIFEST),
      `${JSON.stringify(refreshed, null, 2)}\n`,
      PUBLIC_MODE,
    ).catch((e: unknown) => logger.warn(`Sandbox: cannot update ${MANIFEST}: ${String(e)}`));
  }
  return {
    files: {
      manifestFile: join(dir, MANIFEST),
      keysFile: join(dir, keysName),
      clientIdentifierFiles: identifierFiles,
      oauthClientId: field(oauth?.clientId, dir, 'oauthClient.clientId'),
      oauthClientSecretFile: join(dir, oauthSecretName),
      samsungAccount: {
        clientId: field(sa?.clientId, dir, 'samsungAccount.clientId'),
        clientSecretFile: join(dir, saSecretName),
        aliasId: field(sa?.aliasId, dir, 'samsungAccount.aliasId'),
      },
      otherSamsungAccount: {
        clientId: field(other.clientId, dir, 'otherSamsungAccount.clientId'),
        clientSecretFile: join(dir, field(other.clientSecretFile, dir, 'otherSamsungAccount')),
        aliasId: field(other.aliasId, dir, 'otherSamsungAccount.aliasId'),
      },
    },
    publicKeyBase64,
    clientIdentifiers: identifiers,
    oauthClientSecret: await readText(dir, oauthSecretName),
    samsungAccountClientSecret: await readText(dir, saSecretName),
    otherSamsungAccountClientSecret: await readText(dir, other.clientSecretFile),
  };
}

/**
 * The demo credentials in `dir`: created on first use (an RSA-2048 keys.json in the portal's
 * format, a client identifier per service, an OAuth client, a Samsung Account client; secrets
 * mode 0600, every file written atomically), reused afterwards. Throws STORAGE_UNAVAILABLE
 * when the folder cannot be written or its state is damaged.
 */
export async function loadOrCreateCredentials(
  dir: string,
  deps: { readonly now: () => number; readonly logger: Logger },
): Promise<LoadedCredentials> {
  let text: string | undefined;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    text = await readFile(join(dir, MANIFEST), 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      throw e;
    });
    if (text === undefined) {
      deps.logger.info(`Sandbox: creating demo credentials in ${dir}`);
      await create(dir, deps.now());
      text = await readFile(join(dir, MANIFEST), 'utf8');
    }
  } catch (e) {
    throw new KnoxToolError(
      'STORAGE_UNAVAILABLE',
      `Sandbox state folder ${dir} cannot be created or written. Choose a writable folder.`,
      { cause: e },
    );
  }
  return load(dir, text, deps.logger);
}
