import * as vscode from 'vscode';
import type { ClientIdentifierInfo, Profile } from '../../core/profiles/profile';
import type { TokenInfo } from '../../core/tokens/tokenStatus';
import { Commands, ContextKeys, Views } from '../ids';
import type { KnoxLog } from '../log';
import type { ProfileService } from '../profiles/profileService';
import type { CommandDeps } from '../registerCommand';
import { registerCommand } from '../registerCommand';
import {
  clientIdentifierItem,
  clientIdentifiersItem,
  keyFileItem,
  oauthAppItem,
  profileItem,
  samsungAccountItem,
  scopeItem,
  tokenItem,
  tokensItem,
} from './explorerItems';

/** Token facts the tree shows; implemented by the token service. */
export interface TokenInfoSource {
  tokens(profileId: string): readonly TokenInfo[];
  readonly onDidChangeTokens: vscode.Event<void>;
  renewalMarginMs(): number;
}

export type ExplorerNode =
  | { readonly type: 'profile'; readonly profile: Profile }
  | { readonly type: 'keyFile'; readonly profile: Profile }
  | { readonly type: 'clientIdentifiers'; readonly profile: Profile }
  | {
      readonly type: 'clientIdentifier';
      readonly profile: Profile;
      readonly clientIdentifier: ClientIdentifierInfo;
    }
  | { readonly type: 'oauthApp'; readonly profile: Profile }
  | { readonly type: 'scope'; readonly profile: Profile; readonly scope: string }
  | { readonly type: 'samsungAccount'; readonly profile: Profile }
  | { readonly type: 'tokens'; readonly profile: Profile }
  | { readonly type: 'token'; readonly profile: Profile; readonly token: TokenInfo };

/**
 * The Knox explorer: profiles with their key file, client identifiers, OAuth app and tokens.
 * Shows facts only (fingerprints, aliases, hints, expiry), never a secret. Never throws to VS Code.
 */
export class ExplorerTreeProvider
  implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable
{
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private readonly tokenNodes = new Map<string, ExplorerNode>();

  constructor(
    private readonly profiles: ProfileService,
    private readonly tokens: TokenInfoSource,
    private readonly log: KnoxLog,
    private readonly now: () => number = Date.now,
  ) {
    this.subscriptions = [
      profiles.onDidChange(() => this.refresh()),
      tokens.onDidChangeTokens(() => this.refresh()),
    ];
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  /** Re-renders only the token rows (their countdown), not the whole tree. */
  refreshTokens(): void {
    // VS Code matches elements by identity: fire the very objects getChildren returned.
    for (const node of this.tokenNodes.values()) this.changed.fire(node);
  }

  getChildren(node?: ExplorerNode): ExplorerNode[] {
    try {
      return this.children(node);
    } catch (e) {
      this.log.error(`explorer: ${String(e)}`);
      return [];
    }
  }

  private children(node?: ExplorerNode): ExplorerNode[] {
    if (!node) return this.profiles.list().map((profile) => ({ type: 'profile', profile }));
    const { profile } = node;
    switch (node.type) {
      case 'profile': {
        const out: ExplorerNode[] = [];
        if (profile.scheme !== 'oauth') {
          out.push({ type: 'keyFile', profile }, { type: 'clientIdentifiers', profile });
        } else {
          out.push({ type: 'oauthApp', profile });
        }
        if (profile.scheme === 'partner') out.push({ type: 'samsungAccount', profile });
        out.push({ type: 'tokens', profile });
        return out;
      }
      case 'clientIdentifiers':
        return profile.clientIdentifiers.map((clientIdentifier) => ({
          type: 'clientIdentifier',
          profile,
          clientIdentifier,
        }));
      case 'oauthApp':
        return (profile.oauth?.scopes ?? []).map((scope) => ({ type: 'scope', profile, scope }));
      case 'tokens': {
        for (const key of [...this.tokenNodes.keys()])
          if (key.startsWith(`${profile.id}:`)) this.tokenNodes.delete(key);
        return this.tokens.tokens(profile.id).map((token) => {
          const tokenNode: ExplorerNode = { type: 'token', profile, token };
          this.tokenNodes.set(`${profile.id}:${token.credential}`, tokenNode);
          return tokenNode;
        });
      }
      default:
        return [];
    }
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    try {
      const item = this.item(node);
      // Screen readers read what the row shows: its label and its description.
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      const description = typeof item.description === 'string' ? item.description : '';
      item.accessibilityInformation = {
        label: description ? `${label}, ${description}` : label,
      };
      return item;
    } catch (e) {
      this.log.error(`explorer: ${String(e)}`);
      return new vscode.TreeItem('(error: see the Knox log)');
    }
  }

  private item(node: ExplorerNode): vscode.TreeItem {
    const { profile } = node;
    switch (node.type) {
      case 'profile':
        return profileItem(profile, this.profiles.active()?.id === profile.id);
      case 'keyFile':
        return keyFileItem(profile);
      case 'clientIdentifiers':
        return clientIdentifiersItem(profile);
      case 'clientIdentifier':
        return clientIdentifierItem(profile, node.clientIdentifier);
      case 'oauthApp':
        return oauthAppItem(profile);
      case 'scope':
        return scopeItem(profile, node.scope);
      case 'samsungAccount': {
        const token = this.tokens.tokens(profile.id).find((t) => t.credential === 'samsungAccount');
        return samsungAccountItem(profile, token, this.now());
      }
      case 'tokens':
        return tokensItem(profile, this.tokens.tokens(profile.id).length);
      case 'token':
        return tokenItem(profile, node.token, this.now(), this.tokens.renewalMarginMs());
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

export interface ExplorerViewDeps extends CommandDeps {
  readonly profiles: ProfileService;
  readonly provider: ExplorerTreeProvider;
  /** The view the entry module created over a lazy provider; one is created when absent. */
  readonly view?: vscode.TreeView<unknown>;
  readonly tickMs?: number;
}

/** The tree view; while it is visible the token countdowns tick. */
export function registerExplorerView(deps: ExplorerViewDeps): vscode.Disposable {
  const { provider } = deps;
  const owned =
    deps.view === undefined
      ? vscode.window.createTreeView(Views.explorer, {
          treeDataProvider: provider,
          showCollapseAll: true,
        })
      : undefined;
  const view = owned ?? (deps.view as vscode.TreeView<unknown>);
  let timer: NodeJS.Timeout | undefined;
  const tick = (): void => {
    if (timer) clearInterval(timer);
    // Countdowns tick only while someone can see them.
    timer = view.visible
      ? setInterval(() => provider.refreshTokens(), deps.tickMs ?? 1000)
      : undefined;
  };
  const setContext = (): void => {
    void vscode.commands.executeCommand(
      'setContext',
      ContextKeys.hasProfiles,
      deps.profiles.list().length > 0,
    );
  };
  setContext();
  tick();
  return vscode.Disposable.from(
    owned ?? { dispose: () => undefined },
    registerCommand(deps, Commands.refreshExplorer, () => provider.refresh()),
    view.onDidChangeVisibility(tick),
    deps.profiles.onDidChange(setContext),
    { dispose: () => timer && clearInterval(timer) },
  );
}
