import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { KnoxService } from '../../core/catalogs/scopeCatalog';
import { serviceDisplayName } from '../../core/catalogs/scopeLookup';
import {
  clientIdentifierChoices,
  requireClientIdentifier,
} from '../../core/credentials/clientIdentifierChoices';
import { FILE_LIMITS, readBoundedText } from '../../core/files/readBoundedFile';
import type { Profile } from '../../core/profiles/profile';
import type { ProfileArg } from '../pickers';
import { ask, confirm, pickService, resolveProfile } from '../pickers';
import { Cancelled } from '../registerCommand';
import type { ProfileCommandDeps } from './profileCommands';

export interface ClientIdentifierArgs extends ProfileArg {
  readonly alias?: string;
  readonly service?: KnoxService;
  readonly value?: string;
  readonly path?: string;
  readonly clientIdentifier?: { readonly id: string; readonly alias: string };
  readonly clientIdentifierId?: string;
  readonly confirmed?: boolean;
}

/** "Add Client Identifier": the value goes to secret storage; gives the new entry's id. */
export async function addClientIdentifier(
  deps: ProfileCommandDeps,
  arg?: ClientIdentifierArgs,
): Promise<string> {
  const profile = await resolveProfile(deps.profiles, arg, 'Add Client Identifier');
  const value =
    arg?.value ??
    (arg?.path ? await readClientIdentifierFile(arg.path) : await askClientIdentifierValue());
  const service =
    arg?.service ?? (await pickService('Which service is the client identifier for?'));
  const alias =
    arg?.alias ??
    (await ask({
      title: 'Alias',
      prompt: 'A name to recognise it by',
      value: serviceDisplayName(service),
    }));
  const info = await deps.profiles.addClientIdentifier(profile.id, { alias, service, value });
  return info.id;
}

/** "Remove Client Identifier": deletes the value and its token, after a confirmation unless `confirmed`. */
export async function removeClientIdentifier(
  deps: ProfileCommandDeps,
  arg?: ClientIdentifierArgs,
): Promise<void> {
  const profile = await resolveProfile(deps.profiles, arg, 'Remove Client Identifier');
  const given = arg?.clientIdentifier?.id ?? arg?.clientIdentifierId;
  const id = given ? given : await pickToRemove(profile);
  const info = requireClientIdentifier(profile, id);
  if (!arg?.confirmed)
    await confirm(
      `Remove the client identifier "${info.alias}"?`,
      'It is deleted from secret storage, with its token.',
      'Remove',
    );
  await deps.onCredentialsChanged(profile.id);
  await deps.profiles.removeClientIdentifier(profile.id, info.id);
}

async function askClientIdentifierValue(): Promise<string> {
  const how = await vscode.window.showQuickPick(['Paste it', 'Read it from a file'], {
    title: 'Add Client Identifier',
  });
  if (!how) throw new Cancelled();
  if (how === 'Paste it') {
    return ask({
      title: 'Client identifier',
      prompt: 'Paste the client identifier from the Knox Cloud API portal',
      password: true,
    });
  }
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    title: 'File with the client identifier',
  });
  if (!picked?.[0]) throw new Cancelled();
  return readClientIdentifierFile(picked[0].fsPath);
}

function readClientIdentifierFile(path: string): Promise<string> {
  return readBoundedText(path, {
    maxBytes: FILE_LIMITS.secret,
    what: 'the client identifier',
    label: basename(path),
  });
}

async function pickToRemove(profile: Profile): Promise<string> {
  const picked = await vscode.window.showQuickPick(clientIdentifierChoices(profile), {
    title: 'Remove Client Identifier',
  });
  if (!picked) throw new Cancelled();
  return picked.id;
}
