import * as vscode from 'vscode';
import { serviceDisplayName } from '../../core/catalogs/scopeLookup';
import { scopeCount } from '../../core/credentials/oauthAppUpdate';
import type { ClientIdentifierInfo, Profile } from '../../core/profiles/profile';
import { describeTarget } from '../../core/profiles/profile';
import {
  clientIdentifierDescription,
  SCHEME_LABEL,
  profileDescription,
  samsungAccountDetails,
  samsungAccountStatus,
  shortClientId,
  shortFingerprint,
  tokenRowLabel,
  tokenTimeLeft,
} from '../../core/profiles/profileLabels';
import type { TokenInfo } from '../../core/tokens/tokenStatus';
import { freshness } from '../../core/tokens/tokenStatus';
import { Commands } from '../ids';
import { commandOf } from '../registerCommand';

const { None, Expanded, Collapsed } = vscode.TreeItemCollapsibleState;

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
  const item = new vscode.TreeItem(label, None);
  item.id = `${kind}:${profile.id}`;
  item.description = description;
  item.iconPath = new vscode.ThemeIcon('warning');
  item.contextValue = `${kind}.missing`;
  item.tooltip = `${label}: ${description}. Click to run "${title}".`;
  item.command = commandOf(title, command, { profileId: profile.id });
  return item;
}

function dateOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function profileItem(profile: Profile, active: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem(profile.name, active ? Expanded : Collapsed);
  item.id = `profile:${profile.id}`;
  // Short enough for the default sidebar width; the host and the tenant are in the tooltip.
  item.description = profileDescription(profile, active);
  item.iconPath = new vscode.ThemeIcon(active ? 'star-full' : 'account');
  item.contextValue = `profile.${profile.scheme}${active ? '.active' : ''}`;
  item.tooltip = new vscode.MarkdownString(
    [
      `**${profile.name}**${active ? ' (active)' : ''}`,
      `Talks to \`${describeTarget(profile.target)}\` with ${SCHEME_LABEL[profile.scheme]}.`,
      profile.tenantId ? `Tenant \`${profile.tenantId}\`.` : '',
    ]
      .filter(Boolean)
      .join('\n\n'),
  );
  return item;
}

export function keyFileItem(profile: Profile): vscode.TreeItem {
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
  // The fingerprint's ends tell keys apart; the whole of it, and the date, are in the tooltip.
  const item = new vscode.TreeItem(`Key ${shortFingerprint(info.fingerprint)}`, None);
  item.id = `keyFile:${profile.id}`;
  item.description = `RSA-${info.modulusBits}`;
  item.iconPath = new vscode.ThemeIcon('key');
  item.contextValue = 'keyFile';
  item.tooltip = new vscode.MarkdownString(
    `RSA-${info.modulusBits} key. SHA-256 fingerprint of the public key:\n\n\`${info.fingerprint}\`\n\nImported from \`${info.fileName}\` on ${new Date(info.importedAt).toLocaleString()}.`,
  );
  return item;
}

export function clientIdentifiersItem(profile: Profile): vscode.TreeItem {
  const count = profile.clientIdentifiers.length;
  const item = new vscode.TreeItem('Client Identifiers', count ? Expanded : None);
  item.id = `clientIdentifiers:${profile.id}`;
  item.description = count ? String(count) : 'none yet';
  item.iconPath = new vscode.ThemeIcon('symbol-key');
  item.contextValue = 'clientIdentifiers';
  return item;
}

export function clientIdentifierItem(profile: Profile, c: ClientIdentifierInfo): vscode.TreeItem {
  const item = new vscode.TreeItem(c.alias, None);
  item.id = `clientIdentifier:${profile.id}:${c.id}`;
  item.description = clientIdentifierDescription(c);
  item.tooltip = `${serviceDisplayName(c.service)} client identifier, added ${dateOf(c.addedAt)}. The value is kept in secret storage.`;
  item.iconPath = new vscode.ThemeIcon('symbol-field');
  item.contextValue = 'clientIdentifier';
  return item;
}

export function oauthAppItem(profile: Profile): vscode.TreeItem {
  const app = profile.oauth;
  if (!app) {
    return missingItem(
      profile,
      'oauthApp',
      'OAuth app',
      'not set up',
      Commands.setUpOAuthApp,
      'Set Up OAuth App',
    );
  }
  // "App" and the client id's ends, as the key row shows its fingerprint's: the whole is in the tooltip.
  const item = new vscode.TreeItem(`App ${shortClientId(app.clientId)}`, Collapsed);
  item.id = `oauthApp:${profile.id}`;
  item.description = scopeCount(app.scopes.length);
  item.tooltip = new vscode.MarkdownString(
    `Knox OAuth 2.0 app, client id \`${app.clientId}\`. A token asks for ${scopeCount(app.scopes.length)}.`,
  );
  item.iconPath = new vscode.ThemeIcon('shield');
  item.contextValue = 'oauthApp';
  return item;
}

export function scopeItem(profile: Profile, scope: string): vscode.TreeItem {
  const item = new vscode.TreeItem(scope, None);
  item.id = `scope:${profile.id}:${scope}`;
  item.iconPath = new vscode.ThemeIcon('symbol-constant');
  item.contextValue = 'scope';
  return item;
}

export function tokensItem(profile: Profile, count: number): vscode.TreeItem {
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

export function tokenItem(
  profile: Profile,
  t: TokenInfo,
  now: number,
  renewalMarginMs: number,
): vscode.TreeItem {
  const state = freshness(t.expiresAt, now, renewalMarginMs);
  // Under "Tokens", the credential's name is enough; the icon's colour tells fresh from expiring.
  const item = new vscode.TreeItem(tokenRowLabel(profile, t), None);
  item.id = `token:${profile.id}:${t.credential}`;
  item.description = tokenTimeLeft(t.expiresAt, now);
  item.iconPath =
    state === 'fresh'
      ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'))
      : state === 'expiring'
        ? new vscode.ThemeIcon('watch', new vscode.ThemeColor('list.warningForeground'))
        : new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
  item.tooltip = `${t.label} (${state}): issued ${new Date(t.issuedAt).toLocaleTimeString()}, expires ${new Date(t.expiresAt).toLocaleTimeString()}.`;
  item.contextValue = `token.${t.kind}`;
  return item;
}

/** Who is signed in to Samsung Account for a partner profile, and their token's time left. */
export function samsungAccountItem(
  profile: Profile,
  token: TokenInfo | undefined,
  now: number,
): vscode.TreeItem {
  const info = profile.samsungAccount;
  if (!info) {
    return missingItem(
      profile,
      'samsungAccount',
      'Samsung Account',
      'not set up',
      Commands.setUpSamsungAccount,
      'Set Up Samsung Account',
    );
  }
  const signedIn = info.signedInAt !== undefined;
  // Who signed in, the client and the hosts are in the tooltip.
  const item = new vscode.TreeItem('Samsung Account', None);
  item.id = `samsungAccount:${profile.id}`;
  item.description = samsungAccountStatus(info, token, now);
  item.iconPath = new vscode.ThemeIcon(signedIn ? 'account' : 'sign-in');
  item.contextValue = signedIn ? 'samsungAccount.signedIn' : 'samsungAccount.signedOut';
  if (!signedIn)
    item.command = commandOf('Sign In to Samsung Account', Commands.signIn, {
      profileId: profile.id,
    });
  item.tooltip = new vscode.MarkdownString(
    samsungAccountDetails(profile, info, token, now).join('\n\n'),
  );
  return item;
}
