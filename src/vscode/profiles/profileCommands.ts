import * as vscode from 'vscode';
import type { Profile } from '../../core/profiles/profile';
import type { ProfileFields } from '../../core/profiles/profileFields';
import {
  profileUpdateFromFields,
  takenNames,
  targetFromFields,
} from '../../core/profiles/profileFields';
import type { ProfileService } from './profileService';
import type { ProfileArg } from '../pickers';
import { ask, confirm, namedProfile, resolveProfile } from '../pickers';
import type { CommandDeps } from '../registerCommand';
import { Cancelled } from '../registerCommand';
import { askProfileName, pickScheme, pickTarget } from './profilePrompts';

export interface ProfileCommandDeps extends CommandDeps {
  readonly profiles: ProfileService;
  /** Called after credentials change so cached tokens of that profile are dropped. */
  readonly onCredentialsChanged: (profileId: string) => Promise<void>;
}

export type AddProfileArgs = ProfileFields;

export interface RemoveArgs extends ProfileArg {
  readonly confirmed?: boolean;
}

/** "Add Profile": asks for what the arguments leave out; gives the new profile's id. */
export async function addProfile(
  deps: ProfileCommandDeps,
  args: AddProfileArgs = {},
): Promise<string> {
  const { profiles } = deps;
  const name =
    args.name ??
    (await askProfileName(takenNames(profiles.list()), {
      title: 'Add Knox Profile',
      prompt: 'Name of the profile',
      placeHolder: 'Production US',
    }));
  const target = targetFromFields(args) ?? (await pickTarget());
  const scheme = args.scheme ?? (await pickScheme());
  const tenantId =
    args.tenantId ??
    (args.name === undefined
      ? await ask({
          title: 'MSP managed tenant (optional)',
          prompt:
            'x-wsm-managed-tenantid for MSP calls on behalf of a customer; leave empty if none',
        })
      : undefined);
  const profile = await profiles.add({ name, target, scheme, ...(tenantId ? { tenantId } : {}) });
  deps.log.info(`profile added: ${profile.name} (${profile.scheme})`);
  return profile.id;
}

/** "Edit Profile": applies the fields given, else asks which one to change. */
export async function editProfile(
  deps: ProfileCommandDeps,
  arg?: ProfileArg & AddProfileArgs,
): Promise<void> {
  const profile = await resolveProfile(deps.profiles, arg, 'Edit Knox Profile');
  const update = arg && profileUpdateFromFields(arg);
  if (update) await deps.profiles.update(profile.id, update);
  else await editOneField(deps.profiles, profile);
  await deps.onCredentialsChanged(profile.id);
}

async function editOneField(profiles: ProfileService, profile: Profile): Promise<void> {
  const what = await vscode.window.showQuickPick(
    ['Name', 'Where it talks to', 'Authentication', 'MSP managed tenant'],
    { title: `Edit "${profile.name}"` },
  );
  if (!what) throw new Cancelled();
  if (what === 'Name') {
    const name = await askProfileName(takenNames(profiles.list(), profile.id), {
      title: 'Rename Profile',
      value: profile.name,
    });
    await profiles.update(profile.id, { name });
  } else if (what === 'Where it talks to') {
    await profiles.update(profile.id, { target: await pickTarget(profile.target) });
  } else if (what === 'Authentication') {
    await profiles.update(profile.id, { scheme: await pickScheme() });
  } else {
    const tenantId = await ask({
      title: 'MSP managed tenant',
      value: profile.tenantId ?? '',
      prompt: 'Leave empty for none',
    });
    await profiles.update(profile.id, { tenantId });
  }
}

/** "Remove Profile": with its secrets and tokens, after a confirmation unless `confirmed`. */
export async function removeProfile(deps: ProfileCommandDeps, arg?: RemoveArgs): Promise<void> {
  const profile = await resolveProfile(deps.profiles, arg, 'Remove Knox Profile');
  if (!arg?.confirmed) {
    await confirm(
      `Remove the profile "${profile.name}"?`,
      'Its key file, client identifiers, OAuth secret and tokens are deleted from secret storage. This cannot be undone.',
      'Remove',
    );
  }
  await deps.onCredentialsChanged(profile.id);
  await deps.profiles.remove(profile.id);
  deps.log.info(`profile removed: ${profile.name}`);
}

/** "Select Active Profile": the one named, else a pick. */
export async function selectProfile(deps: ProfileCommandDeps, arg?: ProfileArg): Promise<void> {
  const { profiles } = deps;
  const profile = namedProfile(profiles, arg) ?? (await pickActiveProfile(profiles));
  await profiles.setActive(profile.id);
}

async function pickActiveProfile(profiles: ProfileService): Promise<Profile> {
  const active = profiles.active();
  const picked = await vscode.window.showQuickPick(
    profiles.list().map((p) => ({
      label: p.name,
      description: p.id === active?.id ? 'active' : undefined,
      profile: p,
    })),
    { title: 'Select Active Knox Profile' },
  );
  if (!picked) throw new Cancelled();
  return picked.profile;
}
