import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { KnoxExtensionApi, KnoxFeatures } from '../../src/extension';
import type { Sandbox } from '../../src/sandbox/sandbox';
import { startSandbox } from '../../src/sandbox/sandbox';
import { ExtensionId } from '../../src/vscode/ids';
import type { ConnectedSandbox } from '../../src/vscode/sandbox/sandboxConnection';

/** Activates the extension under test, loads every feature chunk, and returns both APIs. */
export async function activateKnox(): Promise<KnoxTestApi> {
  const ext = vscode.extensions.getExtension<KnoxExtensionApi>(ExtensionId);
  if (!ext) throw new Error(`extension ${ExtensionId} is not loaded`);
  const api = await ext.activate();
  return Object.assign(Object.create(api) as KnoxExtensionApi, api, await api.features());
}

/** The extension's API with every feature loaded, as the integration tests use it. */
export type KnoxTestApi = KnoxExtensionApi & KnoxFeatures;

/** Polls `probe` every 100 ms until it gives a value; fails after `ms` naming `what`. */
export async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  ms = 10_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A suite's own sandbox, the extension's sandbox profiles connected to it. */
export interface OwnSandbox {
  readonly sandbox: Sandbox;
  /** A temporary folder for the suite; the sandbox keeps its state in `sandbox/` inside it. */
  readonly dir: string;
  readonly connected: ConnectedSandbox;
  /** Stops it, deletes the folder and connects the extension's own sandbox again. */
  release(): Promise<void>;
}

/**
 * Starts a sandbox on a free loopback port and points "Connect to Local Sandbox" at it (as
 * `npm start` does, through KNOX_SANDBOX_URL and KNOX_SANDBOX_DIR), then connects.
 */
export async function connectOwnSandbox(prefix: string): Promise<OwnSandbox> {
  const saved = { url: process.env.KNOX_SANDBOX_URL, dir: process.env.KNOX_SANDBOX_DIR };
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const sandboxDir = join(dir, 'sandbox');
  const sandbox = await startSandbox({ port: 0, dir: sandboxDir });
  process.env.KNOX_SANDBOX_URL = sandbox.url;
  process.env.KNOX_SANDBOX_DIR = sandboxDir;
  const connected = await vscode.commands.executeCommand<ConnectedSandbox>('knox.connectSandbox');
  const release = async (): Promise<void> => {
    if (saved.url === undefined) delete process.env.KNOX_SANDBOX_URL;
    else process.env.KNOX_SANDBOX_URL = saved.url;
    if (saved.dir === undefined) delete process.env.KNOX_SANDBOX_DIR;
    else process.env.KNOX_SANDBOX_DIR = saved.dir;
    // Back to the extension's own sandbox for the suites that follow.
    await vscode.commands.executeCommand('knox.connectSandbox');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { sandbox, dir, connected, release };
}
