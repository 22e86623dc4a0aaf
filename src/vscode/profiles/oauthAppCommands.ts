import * as vscode from 'vscode';
import { oauthAppUpdate, scopeChoices, scopeCount } from '../../core/credentials/oauthAppUpdate';
import type { Profile } from '../../core/profiles/profile';
import type { ProfileArg } from '../pickers';
import { ask, resolveProfile } from '../pickers';
import { Cancelled } from '../registerCommand';
import type { ProfileCommandDeps } from './profileCommands';

export interface OAuthArgs extends ProfileArg {
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly scopes?: readonly string[];
}

/** "Set Up OAuth App": client id, secret (to secret storage) and scopes of an OAuth profile. */
export async function setUpOAuthApp(deps: ProfileCommandDeps, arg?: OAuthArgs): Promise<void> {
  const profile = await resolveProfile(deps.profiles, arg, 'Set Up OAuth App', {
    only: (p) => p.scheme === 'oauth',
  });
  const clientId =
    arg?.clientId ??
    (await ask({
      title: 'OAuth client id',
      prompt: 'From "Cloud Apps" in the Knox Developer Portal',
      value: profile.oauth?.clientId ?? '',
    }));
  const clientSecret =
    arg?.clientSecret ??
    (await ask({
      title: 'OAuth client secret',
      prompt: profile.oauth
        ? 'Leave empty to keep the stored secret'
        : 'It goes to secret storage only',
      password: true,
    }));
  const scopes = arg?.scopes ?? (await pickScopes(profile));
  await deps.profiles.setOAuthApp(
    profile.id,
    oauthAppUpdate(profile, { clientId, clientSecret, scopes }),
  );
  await deps.onCredentialsChanged(profile.id);
  void vscode.window.showInformationMessage(
    `Knox: profile "${profile.name}" uses OAuth app ${clientId} with ${scopeCount(scopes.length)}.`,
  );
}

async function pickScopes(profile: Profile): Promise<string[]> {
  const picked = await vscode.window.showQuickPick(scopeChoices(profile), {
    title: 'Scopes granted to the app',
    canPickMany: true,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) throw new Cancelled();
  return picked.map((p) => p.label);
}
