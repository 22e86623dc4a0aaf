import * as vscode from 'vscode';
import type { KnoxService } from '../core/catalogs/scopeCatalog';
import { SERVICES } from '../core/catalogs/scopeCatalog';
import { KnoxToolError } from '../core/toolError';
import type { Profile } from '../core/profiles/profile';
import type { ProfileService } from './profiles/profileService';
import { Cancelled } from './registerCommand';

/** What commands receive: a tree node from a context menu, or plain arguments (tests, links). */
export interface ProfileArg {
  readonly profileId?: string;
  readonly profile?: Profile;
}

/** The profile a command's argument names, if it names one. Throws NOT_FOUND for an unknown one. */
export function namedProfile(
  profiles: ProfileService,
  arg: ProfileArg | undefined,
): Profile | undefined {
  const id = arg?.profile?.id ?? arg?.profileId;
  return id ? profiles.require(id) : undefined;
}

/**
 * The profile a command is about: from its argument, else the only one, else the active one when
 * `preferActive`, else a pick.
 */
export async function resolveProfile(
  profiles: ProfileService,
  arg: ProfileArg | undefined,
  purpose: string,
  options: {
    readonly preferActive?: boolean;
    /** Offer only these profiles (Set Up OAuth App offers OAuth profiles). */
    readonly only?: (profile: Profile) => boolean;
    /** What to do when no profile passes `only`: one line naming the kind of profile needed. */
    readonly noneFits?: string;
  } = {},
): Promise<Profile> {
  const named = namedProfile(profiles, arg);
  if (named) return named;
  const only = options.only ?? (() => true);
  const all = profiles.list().filter(only);
  const active = profiles.active();
  if (options.only) {
    const [single] = all;
    if (active && only(active) && (options.preferActive || all.length === 1)) return active;
    if (all.length === 1 && single) return single;
    if (all.length === 0)
      throw new KnoxToolError(
        'NOT_FOUND',
        options.noneFits ?? `${purpose}: no profile fits. Add one with "Knox: Add Profile".`,
      );
  } else if (all.length <= 1) return profiles.require(undefined);
  if (options.preferActive && active) return active;
  const picked = await vscode.window.showQuickPick(
    [...all]
      .sort((a, b) => Number(b.id === active?.id) - Number(a.id === active?.id))
      .map((p) => ({
        label: p.name,
        description: p.id === active?.id ? 'active' : '',
        profile: p,
      })),
    { title: purpose, placeHolder: 'Choose a Knox profile' },
  );
  if (!picked) throw new Cancelled();
  return picked.profile;
}

/** Shows an input box; dismissing it cancels the command. */
export async function ask(options: vscode.InputBoxOptions): Promise<string> {
  const value = await vscode.window.showInputBox({ ignoreFocusOut: true, ...options });
  if (value === undefined) throw new Cancelled();
  return value;
}

/** A modal confirmation; anything but the confirming button cancels. */
export async function confirm(message: string, detail: string, button: string): Promise<void> {
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, button);
  if (choice !== button) throw new Cancelled();
}

export async function pickService(title: string): Promise<KnoxService> {
  const picked = await vscode.window.showQuickPick(
    SERVICES.map((s) => ({ label: s.name, description: s.id.toUpperCase(), id: s.id })),
    { title, placeHolder: 'Which Knox service is this client identifier for?' },
  );
  if (!picked) throw new Cancelled();
  return picked.id;
}
