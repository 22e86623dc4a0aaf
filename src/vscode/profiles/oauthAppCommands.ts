import * as vscode from 'vscode';
import { oauthAppUpdate, scopeCount } from '../../core/credentials/oauthAppUpdate';
import { scopeChoice } from '../../core/credentials/scopeChoice';
import type { Profile } from '../../core/profiles/profile';
import { KnoxToolError } from '../../core/toolError';
import type { ProfileArg } from '../pickers';
import { ask, resolveProfile } from '../pickers';
import { Cancelled } from '../registerCommand';
import { offerToGenerate } from '../tokens/offerToGenerate';
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
    noneFits:
      'Set Up OAuth App needs an OAuth profile: add one with "Knox: Add Profile" and choose "Knox OAuth 2.0 app", or switch a profile to it with "Knox: Edit Profile".',
  });
  if (profile.scheme !== 'oauth')
    throw new KnoxToolError(
      'INVALID_INPUT',
      `"${profile.name}" does not authenticate with an OAuth app. Switch it to "Knox OAuth 2.0 app" with "Knox: Edit Profile", or add an OAuth profile.`,
    );
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
  await deps.profiles.setOAuthApp(profile.id, {
    ...oauthAppUpdate(profile, { clientId, clientSecret, scopes }),
    picked: true,
  });
  await deps.onCredentialsChanged(profile.id);
  offerToGenerate(
    `Knox: "${profile.name}" is set up with OAuth app ${clientId}, requesting ${scopeCount(scopes.length)}.`,
    profile.id,
  );
}

async function pickScopes(profile: Profile): Promise<string[]> {
  const choice = scopeChoice(profile);
  const picked = await vscode.window.showQuickPick(
    choice.sections.flatMap((section) => [
      { label: section.title, kind: vscode.QuickPickItemKind.Separator },
      ...section.options.map((o) => ({
        label: o.name,
        description: o.serviceName,
        detail: o.description,
        picked: o.picked,
        scope: o.name,
      })),
    ]),
    {
      title: `Scopes "${profile.name}" requests`,
      placeHolder: 'Tick the scopes a token asks for; type to filter',
      canPickMany: true,
      matchOnDescription: true,
      matchOnDetail: true,
      ignoreFocusOut: true,
    },
  );
  if (!picked) throw new Cancelled();
  return picked.flatMap((p) => ('scope' in p ? [p.scope] : []));
}
