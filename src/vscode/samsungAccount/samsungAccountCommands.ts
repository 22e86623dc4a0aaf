import * as vscode from 'vscode';
import { KnoxToolError } from '../../core/toolError';
import type { Profile } from '../../core/profiles/profile';
import { Commands } from '../ids';
import type { ProfileArg } from '../pickers';
import { namedProfile } from '../pickers';
import { Cancelled, registerCommand } from '../registerCommand';
import { accountLabel } from './knoxAuthenticationProvider';
import type { SamsungAccountService, SignInResult, SignOutResult } from './samsungAccountService';
import type { SetUpDeps } from './setUpSamsungAccount';
import { setUpSamsungAccount } from './setUpSamsungAccount';

export interface SamsungAccountDeps extends SetUpDeps {
  readonly service: SamsungAccountService;
}

export interface SignInArgs extends ProfileArg {
  /** 'none': do not open a browser; the URL is announced (KnoxExtensionApi.samsungAccount.onDidStartSignIn). */
  readonly browser?: 'external' | 'none';
  readonly timeoutSeconds?: number;
  /** For an https redirect URI: the address the browser landed on. */
  readonly redirectedTo?: string;
}

async function pickPartnerProfile(
  candidates: readonly Profile[],
  title: string,
  none: string,
): Promise<Profile> {
  const first = candidates[0];
  if (!first) throw new KnoxToolError('NOT_FOUND', none);
  if (candidates.length === 1) return first;
  const picked = await vscode.window.showQuickPick(
    candidates.map((p) => ({
      label: p.name,
      description: p.samsungAccount?.signedInAt !== undefined ? accountLabel(p) : 'not signed in',
      profile: p,
    })),
    { title, placeHolder: 'Choose a partner profile' },
  );
  if (!picked) throw new Cancelled();
  return picked.profile;
}

/** Picks the partner profile a sign-in from the Accounts menu is for. */
export function pickProfileForSignIn(candidates: readonly Profile[]): Promise<Profile> {
  return pickPartnerProfile(
    candidates,
    'Sign In to Samsung Account',
    'No Knox profile has a Samsung Account client. Run "Knox: Set Up Samsung Account" first.',
  );
}

async function signIn(deps: SamsungAccountDeps, args: SignInArgs = {}): Promise<SignInResult> {
  const profile =
    namedProfile(deps.profiles, args) ??
    (await pickProfileForSignIn(
      deps.profiles.list().filter((p) => p.samsungAccount !== undefined),
    ));
  const browser = args.browser ?? 'external';
  const result = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title:
        browser === 'external'
          ? `Knox: sign in to Samsung Account in your browser for "${profile.name}"…`
          : `Knox: waiting for the Samsung Account sign-in of "${profile.name}"…`,
      cancellable: true,
    },
    (_progress, cancellation) => {
      const controller = new AbortController();
      const sub = cancellation.onCancellationRequested(() => controller.abort(new Cancelled()));
      return deps.service
        .signIn(profile.id, {
          browser,
          signal: controller.signal,
          ...(args.timeoutSeconds === undefined ? {} : { timeoutMs: args.timeoutSeconds * 1000 }),
          ...(args.redirectedTo === undefined ? {} : { redirectedTo: args.redirectedTo }),
        })
        .finally(() => {
          sub.dispose();
        });
    },
  );
  void vscode.window.showInformationMessage(
    `Knox: signed in to Samsung Account as ${result.userId ?? 'an unknown user'} for "${profile.name}". Its Knox access tokens now act for this account.`,
  );
  return result;
}

async function signOut(deps: SamsungAccountDeps, args: ProfileArg = {}): Promise<SignOutResult> {
  const profile =
    namedProfile(deps.profiles, args) ??
    (await pickPartnerProfile(
      deps.service.signedInProfiles(),
      'Sign Out of Samsung Account',
      'No Knox profile is signed in to Samsung Account.',
    ));
  const result = await deps.service.signOut(profile.id);
  void vscode.window.showInformationMessage(
    result.gate === 'ended' || result.gate === 'skipped'
      ? `Knox: "${profile.name}" is signed out of Samsung Account; its tokens are deleted.`
      : `Knox: "${profile.name}" is signed out here and its tokens are deleted, but Samsung Account did not confirm the sign-out (see the Knox log).`,
  );
  return result;
}

/**
 * Samsung Account sign-in for partner profiles: the set-up, sign-in and sign-out commands. The
 * entry module registers the vscode:// URI handler and the "Knox" authentication provider.
 */
export function registerSamsungAccount(deps: SamsungAccountDeps): vscode.Disposable {
  return vscode.Disposable.from(
    registerCommand(deps, Commands.setUpSamsungAccount, (args) => setUpSamsungAccount(deps, args)),
    registerCommand(deps, Commands.signIn, (args?: SignInArgs) => signIn(deps, args)),
    registerCommand(deps, Commands.signOut, (args?: ProfileArg) => signOut(deps, args)),
  );
}
