// Feature chunk "sandbox" (dist/chunks/sandbox.js): the connection to the local Knox sandbox,
// the embedded sandbox itself, and "Connect to Local Sandbox". Loaded on first use.
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Profile } from '../../core/profiles/profile';
import type { CommandDeps } from '../registerCommand';
import {
  followSandbox,
  registerSandboxCommands,
  SandboxConnection,
} from '../sandbox/sandboxConnection';
import type { CredentialsFeature } from './credentialsChunk';

export interface SandboxChunkDeps extends CommandDeps {
  readonly context: vscode.ExtensionContext;
  readonly credentials: CredentialsFeature;
}

export interface SandboxFeature extends vscode.Disposable {
  readonly connection: SandboxConnection;
  /** Points a sandbox profile at the running sandbox (starting it when needed). */
  readonly follow: (profile: Profile) => Promise<Profile>;
}

export function activateSandbox(deps: SandboxChunkDeps): SandboxFeature {
  const { context, log, credentials } = deps;
  const { profiles, tokens } = credentials;
  const connection = new SandboxConnection({
    storageDir: context.globalStorageUri.fsPath,
    log,
    ...(context.extensionMode === vscode.ExtensionMode.Development
      ? { announcementFile: join(context.extensionPath, '.knox-sandbox', 'running.json') }
      : {}),
  });
  const subscriptions = vscode.Disposable.from(
    connection,
    registerSandboxCommands({ ...deps, profiles, tokens, connection }),
  );
  return {
    connection,
    follow: (p) => followSandbox({ connection, profiles, log }, p),
    dispose: () => {
      subscriptions.dispose();
    },
  };
}
