// Starts VS Code 1.100.3 (code-server) and opens its workbench in Debian's Chromium through
// playwright-core. Used by the integration runner and by the UI suite. Offline: no gallery,
// no telemetry, loopback only.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';

/** The repository root: the nearest folder above this bundle with the extension's package.json. */
export const repoRoot = findRepoRoot(__dirname);

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      readFileSync(manifest, 'utf8').includes('"name": "knox-api-toolkit"')
    )
      return dir;
    if (dirname(dir) === dir) return resolve(from, '..', '..', '..');
  }
}
export const CODE_SERVER_VERSION = '4.100.3';
const cacheDir = process.env.KNOX_TEST_CACHE ?? join(repoRoot, '.cache');
const entry = join(
  cacheDir,
  `code-server-${CODE_SERVER_VERSION}`,
  'node_modules',
  'code-server',
  'out',
  'node',
  'entry.js',
);
export const outputDir = join(repoRoot, 'test-output');

const CHROMIUM_CANDIDATES = [
  process.env.KNOX_CHROMIUM,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
];
const DEBIAN_PACKAGES = 'chromium libkrb5-dev ripgrep';

/** Installs code-server into the cache if needed (idempotent) and checks system packages. */
export function ensureTestHost(): { chromium: string } {
  const chromium = CHROMIUM_CANDIDATES.find((p): p is string => !!p && existsSync(p));
  if (!chromium) {
    throw new Error(
      `Chromium is not installed. The tests in VS Code need the Debian packages: ${DEBIAN_PACKAGES}. ` +
        `Run: sudo apt-get update && sudo apt-get install -y ${DEBIAN_PACKAGES}`,
    );
  }
  ensureCodeServer();
  return { chromium };
}

/** Installs code-server (VS Code 1.100.3) into the git-ignored cache if needed. */
export function ensureCodeServer(): void {
  const r = spawnSync('bash', [join(repoRoot, 'test', 'host', 'installCodeServer.sh')], {
    stdio: 'inherit',
    env: { ...process.env, CODE_SERVER_VERSION },
  });
  if (r.status !== 0)
    throw new Error('Installing the VS Code test host (code-server) failed; see above.');
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

export interface CodeServer {
  readonly port: number;
  readonly workspace: string;
  /** code-server's user data folder: settings, global state, logs. */
  readonly userDataDir: string;
  readonly logs: () => string;
  workbenchUrl(payload?: ReadonlyArray<readonly [string, string]>): string;
  extensionDevelopmentPayload(testsPath?: string): Array<[string, string]>;
  close(): Promise<void>;
}

/** Starts code-server on a free loopback port with fresh user data and a copy of `fixture`. */
export async function startCodeServer(options: {
  fixture?: string;
  env?: Record<string, string>;
  settings?: Record<string, unknown>;
  /** Keep state here across runs (npm start) instead of a fresh temporary folder. */
  persistentDir?: string;
  /** Open this folder as it is (npm start) instead of a copy of `fixture`. */
  workspace?: string;
  port?: number;
  /** Extension folders to install as user extensions (copied into the extensions folder). */
  installExtensions?: readonly string[];
}): Promise<CodeServer> {
  const base = options.persistentDir ?? mkdtempSync(join(tmpdir(), 'knox-vscode-'));
  const userData = join(base, 'user-data');
  const extensions = join(base, 'extensions');
  const workspace = options.workspace ?? join(base, 'workspace');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  for (const ext of options.installExtensions ?? []) {
    const manifest = JSON.parse(readFileSync(join(ext, 'package.json'), 'utf8')) as {
      publisher: string;
      name: string;
      version: string;
    };
    cpSync(ext, join(extensions, `${manifest.publisher}.${manifest.name}-${manifest.version}`), {
      recursive: true,
    });
  }
  if (options.workspace) mkdirSync(workspace, { recursive: true });
  else if (options.fixture) cpSync(options.fixture, workspace, { recursive: true });
  else mkdirSync(workspace, { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    ...options.settings,
  };
  const settingsFile = join(userData, 'User', 'settings.json');
  if (!options.persistentDir || !existsSync(settingsFile))
    writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  else if (options.settings && !mergeSettingsFile(settingsFile, options.settings))
    console.warn(
      `${settingsFile} is not plain JSON; left as it is (add ${Object.keys(options.settings).join(', ')} by hand).`,
    );

  const port = options.port ?? (await freePort());
  let log = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [
      entry,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--user-data-dir',
      userData,
      '--extensions-dir',
      extensions,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--config',
      join(base, 'config.yaml'),
      workspace,
    ],
    {
      env: {
        ...process.env,
        KNOX_TEST_USER_DATA: userData,
        KNOX_TEST_WORKSPACE: workspace,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`code-server exited early (${child.exitCode}):\n${log}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not start within 60 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }

  const remote = (p: string): string => `vscode-remote://127.0.0.1:${port}${p}`;
  return {
    port,
    workspace,
    userDataDir: userData,
    logs: () => log,
    extensionDevelopmentPayload: (testsPath) => {
      const payload: Array<[string, string]> = [['extensionDevelopmentPath', remote(repoRoot)]];
      if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
      return payload;
    },
    workbenchUrl: (payload = []) => {
      const query = new URLSearchParams({ folder: workspace });
      if (payload.length) query.set('payload', JSON.stringify(payload));
      return `http://127.0.0.1:${port}/?${query.toString()}`;
    },
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (!options.persistentDir) rmSync(base, { recursive: true, force: true });
    },
  };
}

/**
 * Sets `settings` in a user settings.json, keeping the user's other keys. A file that is not plain
 * JSON (comments) is left as it is and `false` returned, so nothing the user wrote is lost.
 */
export function mergeSettingsFile(
  file: string,
  settings: Readonly<Record<string, unknown>>,
): boolean {
  let current: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return false;
      current = parsed as Record<string, unknown>;
    } catch {
      return false;
    }
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ ...current, ...settings }, null, 2));
  return true;
}

export interface Workbench {
  readonly browser: Browser;
  readonly page: Page;
  close(): Promise<void>;
}

/** Opens `url` in headless Chromium and waits for the workbench to render. */
export async function openWorkbench(url: string, chromium: string): Promise<Workbench> {
  const { chromium: pw } = await import('playwright-core');
  const browser = await pw.launch({
    executablePath: chromium,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  return { browser, page, close: () => browser.close() };
}

/** Where a UI test saves a screenshot (git-ignored); says so in the test output. */
export function screenshotPath(name: string): string {
  mkdirSync(outputDir, { recursive: true });
  const file = join(outputDir, `${name}.png`);
  console.log(`      screenshot: ${file.slice(repoRoot.length + 1)}`);
  return file;
}
