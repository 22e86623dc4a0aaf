import * as vscode from 'vscode';
import { serviceDisplayName } from '../../core/catalogs/scopeLookup';
import type { ClientIdentifierInfo, Profile } from '../../core/profiles/profile';
import { describeTarget } from '../../core/profiles/profile';
import type { TokenInfo } from '../../core/tokens/tokenStatus';
import { formatCountdown, formatTimeLeft, freshness } from '../../core/tokens/tokenStatus';
import { Commands, ContextKeys, Views } from '../ids';
import type { KnoxLog } from '../log';
import type { ProfileService } from '../profiles/profileService';
import type { CommandDeps } from '../registerCommand';
import { commandOf, registerCommand } from '../registerCommand';

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

const SCHEME_LABEL = {
  legacy: 'key file',
  oauth: 'OAuth 2.0',
  partner: 'partner sign-in',
} as const;

/** A row for a credential the profile still lacks: a warning that runs the command to add it. */
function missingItem(
  profile: Profile,
  kind: string,
  label: string,
  description: string,
  command:
    | typeof Commands.importKeyFile
    | typeof Commands.addClientIdentifier
    | typeof Commands.setUpOAuthApp
    | typeof Commands.setUpSamsungAccount,
  title: string,
): vscode.TreeItem {
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = `${kind}:${profile.id}`;
  item.description = description;
  item.iconPath = new vscode.ThemeIcon('warning');
  item.contextValue = `${kind}.missing`;
  item.command = commandOf(title, command, { profileId: profile.id });
  return item;
}

function dateOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

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
    const None = vscode.TreeItemCollapsibleState.None;
    const Expanded = vscode.TreeItemCollapsibleState.Expanded;
    const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    switch (node.type) {
      case 'profile': {
        const active = this.profiles.active()?.id === profile.id;
        const item = new vscode.TreeItem(profile.name, active ? Expanded : Collapsed);
        item.id = `profile:${profile.id}`;
        // Short enough for the default sidebar width; the host is in the tooltip.
        item.description = [
          active ? 'active' : '',
          profile.sandbox ? 'sandbox' : describeTarget(profile.target),
          SCHEME_LABEL[profile.scheme],
          profile.tenantId ? `tenant ${profile.tenantId}` : '',
        ]
          .filter(Boolean)
          .join(' · ');
        item.iconPath = new vscode.ThemeIcon(active ? 'star-full' : 'account');
        item.contextValue = `profile.${profile.scheme}${active ? '.active' : ''}`;
        item.tooltip = new vscode.MarkdownString(
          `**${profile.name}**\n\nTalks to \`${describeTarget(profile.target)}\` with ${SCHEME_LABEL[profile.scheme]}.`,
        );
        return item;
      }
      case 'keyFile': {
        const info = profile.keyFile;
        if (!info) {
          return missingItem(
            profile,
            'keyFile',
            'No key file',
            'import keys.json',
            Commands.importKeyFile,
            'Import Key File',
          );
        }
        const item = new vscode.TreeItem(
          `Key ${info.fingerprint.slice(0, 11)}…${info.fingerprint.slice(-5)}`,
          None,
        );
        item.id = `keyFile:${profile.id}`;
        item.description = `RSA-${info.modulusBits} · imported ${dateOf(info.importedAt)}`;
        item.iconPath = new vscode.ThemeIcon('key');
        item.contextValue = 'keyFile';
        item.tooltip = new vscode.MarkdownString(
          `SHA-256 fingerprint of the public key:\n\n\`${info.fingerprint}\`\n\nImported from \`${info.fileName}\` on ${new Date(info.importedAt).toLocaleString()}.`,
        );
        return item;
      }
      case 'clientIdentifiers': {
        const item = new vscode.TreeItem(
          'Client Identifiers',
          profile.clientIdentifiers.length ? Expanded : None,
        );
        item.id = `clientIdentifiers:${profile.id}`;
        item.description = profile.clientIdentifiers.length
          ? String(profile.clientIdentifiers.length)
          : 'none yet';
        item.iconPath = new vscode.ThemeIcon('symbol-key');
        item.contextValue = 'clientIdentifiers';
        return item;
      }
      case 'clientIdentifier': {
        const c = node.clientIdentifier;
        const item = new vscode.TreeItem(c.alias, None);
        item.id = `clientIdentifier:${profile.id}:${c.id}`;
        item.description = `${c.service.toUpperCase()} · ${c.hint}`;
        item.tooltip = `${serviceDisplayName(c.service)} client identifier, added ${dateOf(c.addedAt)}. The value is kept in secret storage.`;
        item.iconPath = new vscode.ThemeIcon('symbol-field');
        item.contextValue = 'clientIdentifier';
        return item;
      }
      case 'oauthApp': {
        const app = profile.oauth;
        if (!app) {
          return missingItem(
            profile,
            'oauthApp',
            'No OAuth app',
            'set up client id and secret',
            Commands.setUpOAuthApp,
            'Set Up OAuth App',
          );
        }
        const item = new vscode.TreeItem(`OAuth app ${app.clientId}`, Collapsed);
        item.id = `oauthApp:${profile.id}`;
        item.description = `${app.scopes.length} scope${app.scopes.length === 1 ? '' : 's'}`;
        item.iconPath = new vscode.ThemeIcon('shield');
        item.contextValue = 'oauthApp';
        return item;
      }
      case 'scope': {
        const item = new vscode.TreeItem(node.scope, None);
        item.id = `scope:${profile.id}:${node.scope}`;
        item.iconPath = new vscode.ThemeIcon('symbol-constant');
        item.contextValue = 'scope';
        return item;
      }
      case 'samsungAccount':
        return this.samsungAccountItem(profile);
      case 'tokens': {
        const count = this.tokens.tokens(profile.id).length;
        const item = new vscode.TreeItem('Tokens', count ? Expanded : None);
        item.id = `tokens:${profile.id}:${count > 0}`;
        item.description = count ? String(count) : 'none: generate one';
        item.iconPath = new vscode.ThemeIcon('unlock');
        item.contextValue = count ? 'tokens' : 'tokens.empty';
        if (!count)
          item.command = commandOf('Generate Access Token', Commands.generateAccessToken, {
            profileId: profile.id,
          });
        return item;
      }
      case 'token': {
        const t = node.token;
        const now = this.now();
        const state = freshness(t.expiresAt, now, this.tokens.renewalMarginMs());
        const item = new vscode.TreeItem(t.label, None);
        item.id = `token:${profile.id}:${t.credential}`;
        item.description =
          state === 'expired'
            ? `expired ${formatTimeLeft(t.expiresAt, now).replace(/^expired /, '')}`
            : `${state} · ${formatCountdown(t.expiresAt, now)} left`;
        item.iconPath =
          state === 'fresh'
            ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'))
            : state === 'expiring'
              ? new vscode.ThemeIcon('watch', new vscode.ThemeColor('list.warningForeground'))
              : new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
        item.tooltip = `Issued ${new Date(t.issuedAt).toLocaleTimeString()}, expires ${new Date(t.expiresAt).toLocaleTimeString()}.`;
        item.contextValue = `token.${t.kind}`;
        return item;
      }
    }
  }

  /** Who is signed in to Samsung Account for a partner profile, and their token's time left. */
  private samsungAccountItem(profile: Profile): vscode.TreeItem {
    const info = profile.samsungAccount;
    const None = vscode.TreeItemCollapsibleState.None;
    if (!info) {
      return missingItem(
        profile,
        'samsungAccount',
        'No Samsung Account client',
        'set up client id and secret',
        Commands.setUpSamsungAccount,
        'Set Up Samsung Account',
      );
    }
    const now = this.now();
    const token = this.tokens.tokens(profile.id).find((t) => t.credential === 'samsungAccount');
    const signedIn = info.signedInAt !== undefined;
    const item = new vscode.TreeItem(
      signedIn
        ? `Samsung Account ${info.userId ?? '(user unknown)'}`
        : 'Samsung Account: signed out',
      None,
    );
    item.id = `samsungAccount:${profile.id}`;
    item.description = !signedIn
      ? `client ${info.clientId} · sign in`
      : token
        ? token.expiresAt > now
          ? `signed in · token ${formatTimeLeft(token.expiresAt, now)} left`
          : 'signed in · token expired, renews on use'
        : 'signed in';
    item.iconPath = new vscode.ThemeIcon(signedIn ? 'account' : 'sign-in');
    item.contextValue = signedIn ? 'samsungAccount.signedIn' : 'samsungAccount.signedOut';
    if (!signedIn)
      item.command = commandOf('Sign In to Samsung Account', Commands.signIn, {
        profileId: profile.id,
      });
    const lines = [
      `**Samsung Account** client \`${info.clientId}\`, ALIAS_ID \`${info.aliasId}\``,
      `Authorization host: \`${info.authorizationHost ?? describeTarget(profile.target)}\``,
      `Redirect URI: \`${info.redirectUri}\``,
    ];
    if (signedIn) {
      lines.push(
        `Signed in as \`${info.userId ?? 'unknown'}\` on ${new Date(info.signedInAt ?? 0).toLocaleString()}.`,
      );
      if (token)
        lines.push(
          `Samsung Account token ${token.expiresAt > now ? `expires ${new Date(token.expiresAt).toLocaleTimeString()}` : 'has expired'}; the refresh token renews it when used.`,
        );
    }
    item.tooltip = new vscode.MarkdownString(lines.join('\n\n'));
    return item;
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
