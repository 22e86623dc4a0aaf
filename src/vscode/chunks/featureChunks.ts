// Stage two of activation: each feature's code is loaded from its own bundle (dist/chunks/*.js)
// on first use, with what it needs. What the entry module registers in the features' place at
// once is in lazyCommands.ts (every command) and lazyProviders.ts (tree, CodeLens, tests, auth).
import type * as vscode from 'vscode';
import type { Redactor } from '../../core/log/redact';
import type { Profile } from '../../core/profiles/profile';
import type { CommandDeps } from '../registerCommand';
import { LoadOnce } from '../../core/loadOnce';
import type { ResponseInfo } from '../errorCodes/errorDiagnostics';
import { StateKeys } from '../ids';
import type { CredentialsFeature } from './credentialsChunk';
import type { SamsungAccountFeature } from './samsungAccountChunk';
import type { SandboxFeature } from './sandboxChunk';

import type { ChunkName } from './lazyCommands';
import { LazyCommands } from './lazyCommands';
import type { LazyCodeLensProvider, LazyTests, LazyTreeProvider } from './lazyProviders';

/** The profiles as stored in globalState (plain data), read without loading the credentials chunk. */
export function storedProfiles(state: vscode.Memento): readonly Profile[] {
  return state.get<{ profiles?: readonly Profile[] }>(StateKeys.profiles)?.profiles ?? [];
}

export interface FeatureChunksDeps extends Omit<CommandDeps, 'commands'> {
  readonly context: vscode.ExtensionContext;
  readonly redactor: Redactor;
  readonly explorerView: vscode.TreeView<unknown>;
  readonly tree: LazyTreeProvider;
  readonly codeLens: LazyCodeLensProvider;
  readonly tests: LazyTests;
  readonly diagnoseResponse: (uri: vscode.Uri, response: ResponseInfo) => void;
}

/** Loads each feature chunk once, with what it needs, and owns what it registered. */
export class FeatureChunks implements vscode.Disposable {
  readonly commands: LazyCommands;
  private readonly loaded: ChunkName[] = [];
  private readonly owned: vscode.Disposable[] = [];
  private readonly chunks = new LoadOnce<ChunkName>();

  constructor(private readonly deps: FeatureChunksDeps) {
    this.commands = new LazyCommands({ ...deps, load: (chunk) => this.load(chunk) });
  }

  /** The chunks loaded so far, in load order. */
  names(): readonly ChunkName[] {
    return [...this.loaded];
  }

  load(chunk: ChunkName): Promise<unknown> {
    switch (chunk) {
      case 'credentials':
        return this.credentials();
      case 'sandbox':
        return this.sandbox();
      case 'runner':
        return this.runner();
      case 'samsungAccount':
        return this.samsungAccount();
      case 'errorCodes':
        return this.once('errorCodes', async () =>
          (await import('./errorCodesChunk.js')).activateErrorCodes(this.shared()),
        );
    }
  }

  credentials(): Promise<CredentialsFeature> {
    return this.once('credentials', async () => {
      const { activateCredentials } = await import('./credentialsChunk.js');
      return activateCredentials({
        ...this.shared(),
        context: this.deps.context,
        redactor: this.deps.redactor,
        explorerView: this.deps.explorerView,
        attachExplorer: (p) => this.deps.tree.attach(p),
        followSandbox: async (p) => (await this.sandbox()).follow(p),
      });
    });
  }

  sandbox(): Promise<SandboxFeature> {
    return this.once('sandbox', async () => {
      const credentials = await this.credentials();
      const { activateSandbox } = await import('./sandboxChunk.js');
      return activateSandbox({ ...this.shared(), context: this.deps.context, credentials });
    });
  }

  runner(): Promise<void> {
    return this.once('runner', async () => {
      const credentials = await this.credentials();
      const { activateRunner } = await import('./runnerChunk.js');
      return activateRunner({
        ...this.shared(),
        context: this.deps.context,
        redactor: this.deps.redactor,
        credentials,
        registerCodeLens: (p) => this.deps.codeLens.attach(p),
        tests: this.deps.tests,
        diagnoseResponse: this.deps.diagnoseResponse,
      });
    }).then(() => undefined);
  }

  samsungAccount(): Promise<SamsungAccountFeature> {
    return this.once('samsungAccount', async () => {
      const credentials = await this.credentials();
      const sandbox = await this.sandbox();
      const { activateSamsungAccount } = await import('./samsungAccountChunk.js');
      return activateSamsungAccount({
        ...this.shared(),
        redactor: this.deps.redactor,
        credentials,
        sandbox,
      });
    });
  }

  isLoaded(chunk: ChunkName): boolean {
    return this.loaded.includes(chunk);
  }

  dispose(): void {
    for (const d of this.owned.splice(0).reverse()) d.dispose();
    this.commands.dispose();
  }

  private shared(): CommandDeps {
    return {
      log: this.deps.log,
      commands: this.commands,
      ...(this.deps.onFailure ? { onFailure: this.deps.onFailure } : {}),
    };
  }

  // Loads a chunk once; a failed load is logged and tried again on the next use.
  private once<T extends vscode.Disposable>(name: ChunkName, start: () => Promise<T>): Promise<T> {
    return this.chunks.get(name, () =>
      start().then(
        (feature) => {
          this.owned.push(feature);
          this.loaded.push(name);
          this.deps.log.info(`loaded the ${name} feature`);
          return feature;
        },
        (e: unknown) => {
          const reason = e instanceof Error ? e.message : String(e);
          this.deps.log.error(
            `could not load the ${name} feature (${reason}); the next use tries again`,
          );
          throw e;
        },
      ),
    );
  }
}
