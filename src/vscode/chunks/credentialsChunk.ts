// Feature chunk "credentials" (dist/chunks/credentials.js): profiles, tokens, the explorer
// view, the status bar, and the profile and token commands. Loaded on first use.
import * as vscode from 'vscode';
import type { Redactor } from '../../core/log/redact';
import type { Profile } from '../../core/profiles/profile';
import { registerProfileCommands } from '../profiles/registerProfileCommands';
import type { CommandDeps } from '../registerCommand';
import { registerTokenCommands } from '../tokens/tokenCommands';
import { Settings } from '../ids';
import { ProfileService } from '../profiles/profileService';
import { VscodeSecretStore } from '../vscodeSecretStore';
import { TokenService } from '../tokens/tokenService';
import { ExplorerTreeProvider, registerExplorerView } from '../explorer/explorerView';
import { registerStatusBar } from '../explorer/statusBar';
import { localFirstState } from '../localFirstState';

export interface CredentialsChunkDeps extends CommandDeps {
  readonly context: vscode.ExtensionContext;
  readonly redactor: Redactor;
  /** The explorer view the entry module created, and how to give it its real provider. */
  readonly explorerView: vscode.TreeView<unknown>;
  readonly attachExplorer: (provider: vscode.TreeDataProvider<unknown>) => vscode.Disposable;
  /** Brings a sandbox profile up to date (loads the sandbox chunk); others pass unchanged. */
  readonly followSandbox: (profile: Profile) => Promise<Profile>;
}

/** What the credentials chunk gives the other chunks and the test API. */
export interface CredentialsFeature extends vscode.Disposable {
  readonly profiles: ProfileService;
  readonly tokens: TokenService;
  readonly explorer: ExplorerTreeProvider;
  /** Brings a profile up to date before it is used (the sandbox profile follows the sandbox). */
  readonly prepare: (profile: Profile) => Promise<Profile>;
}

export function activateCredentials(deps: CredentialsChunkDeps): CredentialsFeature {
  const { context, log, redactor } = deps;
  const secrets = new VscodeSecretStore(context.secrets);
  const state = localFirstState(context.globalState);
  const profiles = new ProfileService({ state, secrets, redactor });
  const prepare = (p: Profile): Promise<Profile> =>
    p.sandbox ? deps.followSandbox(p) : Promise.resolve(p);
  const tokens = new TokenService({ profiles, secrets, state, log, prepare });
  const explorer = new ExplorerTreeProvider(profiles, tokens, log);
  const subscriptions = vscode.Disposable.from(
    secrets,
    profiles,
    tokens,
    explorer,
    deps.attachExplorer(explorer),
    registerExplorerView({ ...deps, profiles, provider: explorer, view: deps.explorerView }),
    registerStatusBar({ profiles, tokens }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(Settings.renewalMarginSeconds)) tokens.applyRenewalMargin();
    }),
    registerProfileCommands({ ...deps, profiles, onCredentialsChanged: (id) => tokens.clear(id) }),
    registerTokenCommands({ ...deps, profiles, tokens, globalState: state }),
  );
  return { profiles, tokens, explorer, prepare, dispose: () => void subscriptions.dispose() };
}
