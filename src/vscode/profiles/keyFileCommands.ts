import { rm, appendFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import { KnoxToolError } from '../../core/toolError';
import { findGitExposure } from '../../core/files/gitExposure';
import { FILE_LIMITS } from '../../core/files/readBoundedFile';
import { readBoundedUri } from '../readUri';
import type { ProfileArg } from '../pickers';
import { confirm, resolveProfile } from '../pickers';
import type { CommandDeps } from '../registerCommand';
import { Cancelled } from '../registerCommand';
import type { ProfileCommandDeps, RemoveArgs } from './profileCommands';

export interface ImportKeyFileArgs extends ProfileArg {
  readonly path?: string;
  /** What to do when the file is tracked by git, without asking: for tests and scripts. */
  readonly gitAction?: 'addToGitignore' | 'deleteFile' | 'leave';
}

/** "Import Key File": the private key goes to secret storage; a file git would commit is flagged. */
export async function importKeyFile(
  deps: ProfileCommandDeps,
  arg?: ImportKeyFileArgs,
): Promise<void> {
  const profile = await resolveProfile(deps.profiles, arg, 'Import Key File');
  const uri = arg?.path ? vscode.Uri.file(arg.path) : await pickKeyFile();
  const text = await readKeyFileText(uri);
  const next = await deps.profiles.importKeyFile(profile.id, text, basename(uri.fsPath));
  await deps.onCredentialsChanged(profile.id);
  deps.log.info(`key file imported into ${profile.name}: ${next.keyFile?.fingerprint ?? ''}`);
  if (uri.scheme === 'file') await offerToProtect(uri.fsPath, arg?.gitAction, deps);
  void vscode.window.showInformationMessage(
    `Key file imported into "${profile.name}" (RSA-${next.keyFile?.modulusBits ?? ''}, ${next.keyFile?.fingerprint.slice(0, 11) ?? ''}…). The private key is in secret storage now.`,
  );
}

/** "Remove Key File": deletes the private key and the tokens signed with it. */
export async function removeKeyFile(deps: ProfileCommandDeps, arg?: RemoveArgs): Promise<void> {
  const profile = await resolveProfile(deps.profiles, arg, 'Remove Key File');
  if (!profile.keyFile)
    throw new KnoxToolError('NOT_FOUND', `Profile "${profile.name}" has no key file to remove.`);
  if (!arg?.confirmed) {
    await confirm(
      `Remove the key file of "${profile.name}"?`,
      'The private key is deleted from secret storage; tokens signed with it are cleared. Keep a copy of keys.json if you will need it again.',
      'Remove',
    );
  }
  await deps.onCredentialsChanged(profile.id);
  await deps.profiles.removeKeyFile(profile.id);
}

async function pickKeyFile(): Promise<vscode.Uri> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Import keys.json from the Knox Cloud API portal',
    canSelectMany: false,
    filters: { 'Knox key file': ['json'], 'All files': ['*'] },
    openLabel: 'Import',
  });
  if (!picked?.[0]) throw new Cancelled();
  return picked[0];
}

async function readKeyFileText(uri: vscode.Uri): Promise<string> {
  const inWorkspace = vscode.workspace.getWorkspaceFolder(uri) !== undefined;
  if (inWorkspace && !vscode.workspace.isTrusted) {
    await confirm(
      'Read a key file from an untrusted workspace?',
      `${basename(uri.fsPath)} is inside a workspace you have not trusted. Import it only if you know where it came from.`,
      'Import Anyway',
    );
  }
  const bytes = await readBoundedUri(uri, {
    maxBytes: FILE_LIMITS.keyFile,
    what: 'the key file',
    label: basename(uri.fsPath),
    code: 'KEYFILE_UNREADABLE',
  });
  return new TextDecoder().decode(bytes);
}

async function offerToProtect(
  file: string,
  preset: ImportKeyFileArgs['gitAction'],
  deps: CommandDeps,
): Promise<void> {
  const exposure = await findGitExposure(file);
  if (!exposure) return;
  const top = exposure.workTree;
  const rel = exposure.relativePath;
  const choice =
    preset ??
    (await vscode.window
      .showWarningMessage(
        `${rel} holds your private key and git would commit it. Its content is in secret storage now.`,
        { modal: false },
        'Add to .gitignore',
        'Delete File',
      )
      .then((c) =>
        c === 'Add to .gitignore' ? 'addToGitignore' : c === 'Delete File' ? 'deleteFile' : 'leave',
      ));
  if (choice === 'addToGitignore') {
    await appendFile(
      join(top, '.gitignore'),
      `\n# Knox key file (imported into VS Code secret storage)\n/${rel}\n`,
    );
    deps.log.info(`added ${rel} to .gitignore`);
  } else if (choice === 'deleteFile') {
    await rm(file);
    deps.log.info(`deleted ${rel} after import`);
  }
}
