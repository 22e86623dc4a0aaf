import { rm, appendFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import type { KnoxService } from '../../core/catalogs/scopeCatalog';
import { serviceDisplayName } from '../../core/catalogs/scopeLookup';
import { KnoxToolError } from '../../core/toolError';
import { findGitExposure } from '../../core/files/gitExposure';
import { FILE_LIMITS, readBoundedText } from '../../core/files/readBoundedFile';
import type { AuthScheme, Profile, ProfileTarget, Region } from '../../core/profiles/profile';
import { validateProfileName } from '../../core/profiles/profile';
import { resolveBaseUrl } from '../../core/auth/baseUrl';
import { Commands, Settings } from '../ids';
import { readBoundedUri } from '../readUri';
import type { ProfileService } from './profileService';
import type { ProfileArg } from '../pickers';
import { ask, confirm, pickService, resolveProfile } from '../pickers';
import type { CommandDeps } from '../registerCommand';
import { Cancelled, executeCommand, registerCommand } from '../registerCommand';
import { scopeChoice } from '../../core/credentials/scopeChoice';

export interface ProfileCommandDeps extends CommandDeps {
  readonly profiles: ProfileService;
  /** Called after credentials change so cached tokens of that profile are dropped. */
  readonly onCredentialsChanged: (profileId: string) => Promise<void>;
}

export interface AddProfileArgs {
  readonly name?: string;
  readonly region?: Region;
  readonly baseUrl?: string;
  readonly scheme?: AuthScheme;
  readonly tenantId?: string;
}

export interface ImportKeyFileArgs extends ProfileArg {
  readonly path?: string;
  /** What to do when the file is tracked by git, without asking: for tests and scripts. */
  readonly gitAction?: 'addToGitignore' | 'deleteFile' | 'leave';
}

export interface ClientIdentifierArgs extends ProfileArg {
  readonly alias?: string;
  readonly service?: KnoxService;
  readonly value?: string;
  readonly path?: string;
  readonly clientIdentifier?: { readonly id: string; readonly alias: string };
  readonly clientIdentifierId?: string;
  readonly confirmed?: boolean;
}

export interface OAuthArgs extends ProfileArg {
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly scopes?: readonly string[];
}

export interface RemoveArgs extends ProfileArg {
  readonly confirmed?: boolean;
}

async function pickTarget(current?: ProfileTarget): Promise<ProfileTarget> {
  const defaultRegion = vscode.workspace
    .getConfiguration()
    .get<Region>(Settings.defaultRegion, 'us');
  const items = [
    {
      label: 'US',
      description: 'us-kcs-api.samsungknox.com',
      target: { kind: 'region', region: 'us' } as ProfileTarget,
    },
    {
      label: 'EU',
      description: 'eu-kcs-api.samsungknox.com',
      target: { kind: 'region', region: 'eu' } as ProfileTarget,
    },
    {
      label: 'Custom base URL…',
      description: 'the local sandbox, a proxy, another region',
      target: undefined,
    },
  ];
  if (defaultRegion === 'eu') items.unshift(items.splice(1, 1)[0]!);
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Where does this profile talk to?',
  });
  if (!picked) throw new Cancelled();
  if (picked.target) return picked.target;
  const value = await ask({
    title: 'Custom base URL',
    prompt: 'Base URL of the Knox API (scheme, host and optional path)',
    value: current?.kind === 'custom' ? current.baseUrl : 'http://127.0.0.1:',
    validateInput: (v) => {
      try {
        resolveBaseUrl(v);
        return undefined;
      } catch (e) {
        return e instanceof Error ? e.message : String(e);
      }
    },
  });
  return { kind: 'custom', baseUrl: resolveBaseUrl(value) };
}

async function pickScheme(): Promise<AuthScheme> {
  const picked = await vscode.window.showQuickPick(
    [
      {
        label: 'Key file and client identifiers',
        description: 'Knox Cloud Authentication: keys.json, x-knox-apitoken',
        scheme: 'legacy' as const,
      },
      {
        label: 'Knox OAuth 2.0 app',
        description: 'client id and secret with scopes; Bearer token',
        scheme: 'oauth' as const,
      },
      {
        label: 'Partner portal (Samsung Account sign-in)',
        description: 'EMM/UEM on behalf of customers',
        scheme: 'partner' as const,
      },
    ],
    { title: 'How does this profile authenticate?' },
  );
  if (!picked) throw new Cancelled();
  return picked.scheme;
}

function targetFrom(args: AddProfileArgs): ProfileTarget | undefined {
  if (args.baseUrl) return { kind: 'custom', baseUrl: resolveBaseUrl(args.baseUrl) };
  if (args.region) return { kind: 'region', region: args.region };
  return undefined;
}

function readClientIdentifierFile(path: string): Promise<string> {
  return readBoundedText(path, {
    maxBytes: FILE_LIMITS.secret,
    what: 'the client identifier',
    label: basename(path),
  });
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

/** Profile, key file, client identifier and OAuth app commands of the Knox explorer. */
export function registerProfileCommands(deps: ProfileCommandDeps): vscode.Disposable {
  const { profiles } = deps;
  const disposables = [
    registerCommand(deps, Commands.addProfile, async (args: AddProfileArgs = {}) => {
      const taken = profiles.list().map((p) => p.name);
      const name =
        args.name ??
        (await ask({
          title: 'Add Knox Profile',
          prompt: 'Name of the profile',
          placeHolder: 'Production US',
          validateInput: (v) => validateProfileName(v, taken),
        }));
      const target = targetFrom(args) ?? (await pickTarget());
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
      const profile = await profiles.add({
        name,
        target,
        scheme,
        ...(tenantId ? { tenantId } : {}),
      });
      deps.log.info(`profile added: ${profile.name} (${profile.scheme})`);
      return profile.id;
    }),

    registerCommand(deps, Commands.editProfile, async (arg?: ProfileArg & AddProfileArgs) => {
      const profile = await resolveProfile(profiles, arg, 'Edit Knox Profile');
      const direct =
        arg &&
        (arg.name !== undefined ||
          arg.region ||
          arg.baseUrl ||
          arg.scheme ||
          arg.tenantId !== undefined);
      if (direct) {
        const target = targetFrom(arg);
        await profiles.update(profile.id, {
          ...(arg.name !== undefined ? { name: arg.name } : {}),
          ...(target ? { target } : {}),
          ...(arg.scheme ? { scheme: arg.scheme } : {}),
          ...(arg.tenantId !== undefined ? { tenantId: arg.tenantId } : {}),
        });
      } else {
        const what = await vscode.window.showQuickPick(
          ['Name', 'Where it talks to', 'Authentication', 'MSP managed tenant'],
          { title: `Edit "${profile.name}"` },
        );
        if (!what) throw new Cancelled();
        if (what === 'Name') {
          const taken = profiles
            .list()
            .filter((p) => p.id !== profile.id)
            .map((p) => p.name);
          await profiles.update(profile.id, {
            name: await ask({
              title: 'Rename Profile',
              value: profile.name,
              validateInput: (v) => validateProfileName(v, taken),
            }),
          });
        } else if (what === 'Where it talks to') {
          await profiles.update(profile.id, { target: await pickTarget(profile.target) });
        } else if (what === 'Authentication') {
          await profiles.update(profile.id, { scheme: await pickScheme() });
        } else {
          await profiles.update(profile.id, {
            tenantId: await ask({
              title: 'MSP managed tenant',
              value: profile.tenantId ?? '',
              prompt: 'Leave empty for none',
            }),
          });
        }
      }
      await deps.onCredentialsChanged(profile.id);
    }),

    registerCommand(deps, Commands.removeProfile, async (arg?: RemoveArgs) => {
      const profile = await resolveProfile(profiles, arg, 'Remove Knox Profile');
      if (!arg?.confirmed) {
        await confirm(
          `Remove the profile "${profile.name}"?`,
          'Its key file, client identifiers, OAuth secret and tokens are deleted from secret storage. This cannot be undone.',
          'Remove',
        );
      }
      await deps.onCredentialsChanged(profile.id);
      await profiles.remove(profile.id);
      deps.log.info(`profile removed: ${profile.name}`);
    }),

    registerCommand(deps, Commands.selectProfile, async (arg?: ProfileArg) => {
      const id = arg?.profile?.id ?? arg?.profileId;
      let profile: Profile;
      if (id) profile = profiles.require(id);
      else {
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
        profile = picked.profile;
      }
      await profiles.setActive(profile.id);
    }),

    registerCommand(deps, Commands.importKeyFile, async (arg?: ImportKeyFileArgs) => {
      const profile = await resolveProfile(profiles, arg, 'Import Key File');
      let uri: vscode.Uri;
      if (arg?.path) uri = vscode.Uri.file(arg.path);
      else {
        const picked = await vscode.window.showOpenDialog({
          title: 'Import keys.json from the Knox Cloud API portal',
          canSelectMany: false,
          filters: { 'Knox key file': ['json'], 'All files': ['*'] },
          openLabel: 'Import',
        });
        if (!picked?.[0]) throw new Cancelled();
        uri = picked[0];
      }
      const text = await readKeyFileText(uri);
      const next = await profiles.importKeyFile(profile.id, text, basename(uri.fsPath));
      await deps.onCredentialsChanged(profile.id);
      deps.log.info(`key file imported into ${profile.name}: ${next.keyFile?.fingerprint ?? ''}`);
      if (uri.scheme === 'file') await offerToProtect(uri.fsPath, arg?.gitAction, deps);
      void vscode.window.showInformationMessage(
        `Key file imported into "${profile.name}" (RSA-${next.keyFile?.modulusBits ?? ''}, ${next.keyFile?.fingerprint.slice(0, 11) ?? ''}…). The private key is in secret storage now.`,
      );
    }),

    registerCommand(deps, Commands.removeKeyFile, async (arg?: RemoveArgs) => {
      const profile = await resolveProfile(profiles, arg, 'Remove Key File');
      if (!profile.keyFile)
        throw new KnoxToolError(
          'NOT_FOUND',
          `Profile "${profile.name}" has no key file to remove.`,
        );
      if (!arg?.confirmed) {
        await confirm(
          `Remove the key file of "${profile.name}"?`,
          'The private key is deleted from secret storage; tokens signed with it are cleared. Keep a copy of keys.json if you will need it again.',
          'Remove',
        );
      }
      await deps.onCredentialsChanged(profile.id);
      await profiles.removeKeyFile(profile.id);
    }),

    registerCommand(deps, Commands.addClientIdentifier, async (arg?: ClientIdentifierArgs) => {
      const profile = await resolveProfile(profiles, arg, 'Add Client Identifier');
      let value = arg?.value;
      if (value === undefined && arg?.path) value = await readClientIdentifierFile(arg.path);
      if (value === undefined) {
        const how = await vscode.window.showQuickPick(['Paste it', 'Read it from a file'], {
          title: 'Add Client Identifier',
        });
        if (!how) throw new Cancelled();
        if (how === 'Paste it') {
          value = await ask({
            title: 'Client identifier',
            prompt: 'Paste the client identifier from the Knox Cloud API portal',
            password: true,
          });
        } else {
          const picked = await vscode.window.showOpenDialog({
            canSelectMany: false,
            title: 'File with the client identifier',
          });
          if (!picked?.[0]) throw new Cancelled();
          value = await readClientIdentifierFile(picked[0].fsPath);
        }
      }
      const service =
        arg?.service ?? (await pickService('Which service is the client identifier for?'));
      const alias =
        arg?.alias ??
        (await ask({
          title: 'Alias',
          prompt: 'A name to recognise it by',
          value: serviceDisplayName(service),
        }));
      const info = await profiles.addClientIdentifier(profile.id, { alias, service, value });
      return info.id;
    }),

    registerCommand(deps, Commands.removeClientIdentifier, async (arg?: ClientIdentifierArgs) => {
      const profile = await resolveProfile(profiles, arg, 'Remove Client Identifier');
      let id = arg?.clientIdentifier?.id ?? arg?.clientIdentifierId;
      if (!id) {
        const picked = await vscode.window.showQuickPick(
          profile.clientIdentifiers.map((c) => ({
            label: c.alias,
            description: `${serviceDisplayName(c.service)} · ${c.hint}`,
            id: c.id,
          })),
          { title: 'Remove Client Identifier' },
        );
        if (!picked) throw new Cancelled();
        id = picked.id;
      }
      const info = profile.clientIdentifiers.find((c) => c.id === id);
      if (!info)
        throw new KnoxToolError(
          'NOT_FOUND',
          `Profile "${profile.name}" has no such client identifier.`,
        );
      if (!arg?.confirmed)
        await confirm(
          `Remove the client identifier "${info.alias}"?`,
          'It is deleted from secret storage, with its token.',
          'Remove',
        );
      await deps.onCredentialsChanged(profile.id);
      await profiles.removeClientIdentifier(profile.id, info.id);
    }),

    registerCommand(deps, Commands.setUpOAuthApp, async (arg?: OAuthArgs) => {
      const profile = await resolveProfile(profiles, arg, 'Set Up OAuth App', {
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
      let scopes = arg?.scopes;
      if (!scopes) {
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
            placeHolder:
              'Tick the scopes the token should carry; type to filter by name or service',
            canPickMany: true,
            matchOnDescription: true,
            matchOnDetail: true,
            ignoreFocusOut: true,
          },
        );
        if (!picked) throw new Cancelled();
        scopes = picked.flatMap((p) => ('scope' in p ? [p.scope] : []));
      }
      await profiles.setOAuthApp(profile.id, {
        clientId,
        ...(clientSecret || !profile.oauth ? { clientSecret } : {}),
        scopes,
        picked: true,
      });
      await deps.onCredentialsChanged(profile.id);
      const generate = 'Generate Access Token';
      void vscode.window
        .showInformationMessage(
          `Knox: "${profile.name}" is set up with OAuth app ${clientId}, requesting ${scopes.length} scope${scopes.length === 1 ? '' : 's'}.`,
          generate,
        )
        .then((choice) => {
          if (choice === generate)
            void executeCommand(Commands.generateAccessToken, { profileId: profile.id });
        });
    }),
  ];
  return vscode.Disposable.from(...disposables);
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
