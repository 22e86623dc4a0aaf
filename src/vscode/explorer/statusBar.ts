import * as vscode from 'vscode';
import { formatTimeLeft, freshness } from '../../core/tokens/tokenStatus';
import { commandOf } from '../registerCommand';
import { Commands, Settings, StatusBarItems } from '../ids';
import type { ProfileService } from '../profiles/profileService';
import type { TokenService } from '../tokens/tokenService';

export interface StatusBarDeps {
  readonly profiles: ProfileService;
  readonly tokens: TokenService;
  readonly tickMs?: number;
}

/** The active profile and the minutes left on its token; a click renews the token. */
export function registerStatusBar(deps: StatusBarDeps): vscode.Disposable {
  const item = vscode.window.createStatusBarItem(
    StatusBarItems.status,
    vscode.StatusBarAlignment.Left,
    50,
  );
  item.name = 'Knox';
  const update = (): void => {
    const mode = vscode.workspace
      .getConfiguration()
      .get<string>(Settings.statusBar, 'profileAndToken');
    const profile = deps.profiles.active();
    if (mode === 'off' || !profile) {
      item.hide();
      return;
    }
    const token = mode === 'profileAndToken' ? deps.tokens.primaryToken(profile.id) : undefined;
    const now = Date.now();
    let text = `$(shield) ${profile.name}`;
    item.backgroundColor = undefined;
    if (token) {
      const state = freshness(token.expiresAt, now, deps.tokens.renewalMarginMs());
      text +=
        state === 'expired' ? ' · token expired' : ` · ${formatTimeLeft(token.expiresAt, now)}`;
      if (state !== 'fresh')
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    }
    const account = profile.scheme === 'partner' ? profile.samsungAccount : undefined;
    const signedOut = profile.scheme === 'partner' && account?.signedInAt === undefined;
    if (account?.signedInAt !== undefined) text += ` · $(account) ${account.userId ?? 'signed in'}`;
    if (signedOut) text += ' · signed out';
    item.text = text;
    // Read aloud what is shown: VS Code would read each icon's name ("shield") otherwise.
    item.accessibilityInformation = {
      label: text
        .replace(/\$\([\w-]+\)\s*/g, '')
        .replace(/ · /g, ', ')
        .trim(),
    };
    item.tooltip = signedOut
      ? `Knox profile "${profile.name}": nobody is signed in to Samsung Account. Click to sign in.`
      : token
        ? `Knox profile "${profile.name}": ${token.label} ${token.expiresAt > now ? `expires in ${formatTimeLeft(token.expiresAt, now)}` : 'has expired'}. Click to renew.`
        : `Knox profile "${profile.name}". Click to generate an access token.`;
    if (account?.signedInAt !== undefined) {
      const times = deps.tokens
        .tokens(profile.id)
        .map(
          (t) =>
            `${t.label}: ${t.expiresAt > now ? `expires in ${formatTimeLeft(t.expiresAt, now)}` : 'expired'}`,
        );
      item.tooltip += `\nSigned in to Samsung Account as ${account.userId ?? 'an unknown user'}.${times.length ? `\n${times.join('\n')}` : ''}`;
    }
    item.command = signedOut
      ? commandOf('Sign In to Samsung Account', Commands.signIn, { profileId: profile.id })
      : commandOf('Renew Access Token', Commands.generateAccessToken, {
          profileId: profile.id,
          ...(token ? { credential: token.credential } : {}),
        });
    item.show();
  };
  update();
  const timer = setInterval(update, deps.tickMs ?? 5000);
  return vscode.Disposable.from(
    item,
    deps.profiles.onDidChange(update),
    deps.tokens.onDidChangeTokens(update),
    vscode.workspace.onDidChangeConfiguration(
      (e) => e.affectsConfiguration(Settings.statusBar) && update(),
    ),
    { dispose: () => clearInterval(timer) },
  );
}
