import * as vscode from 'vscode';
import { KnoxToolError } from '../../core/toolError';
import { FILE_LIMITS, readBoundedText } from '../../core/files/readBoundedFile';
import type { Profile } from '../../core/profiles/profile';
import { apiBaseUrl } from '../../core/profiles/profile';
import { checkSamsungAccountClient } from '../../core/samsungAccount/samsungAccountEndpoints';
import { Commands, ExtensionId } from '../ids';
import type { ProfileService } from '../profiles/profileService';
import type { ProfileArg } from '../pickers';
import { ask, confirm } from '../pickers';
import type { CommandDeps } from '../registerCommand';
import { Cancelled, executeCommand, registerCommand } from '../registerCommand';
import type { SandboxConnection } from '../sandbox/sandboxConnection';
import { accountLabel } from './knoxAuthenticationProvider';
import type { SamsungAccountService, SignInResult, SignOutResult } from './samsungAccountService';
import { SIGN_IN_CALLBACK_PATH } from './samsungAccountService';

export interface SamsungAccountDeps extends CommandDeps {
  readonly profiles: ProfileService;
  readonly service: SamsungAccountService;
  /** Offered as the authorization host, with its demo Samsung Account client. */
  readonly sandbox?: SandboxConnection;
}

/** "Knox: Set Up Samsung Account" without inputs (tests, scripts); any field given skips the prompts. */
export interface SetUpArgs extends ProfileArg {
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly aliasId?: string;
  /** A base URL, or 'sandbox' for the local Knox sandbox (and its demo client when no client id is given). */
  readonly authorizationHost?: string;
  readonly tokenHost?: string;
  readonly redirectUri?: string;
}

export interface SignInArgs extends ProfileArg {
  /** 'none': do not open a browser; the URL is announced (KnoxExtensionApi.samsungAccount.onDidStartSignIn). */
  readonly browser?: 'external' | 'none';
  readonly timeoutSeconds?: number;
  /** For an https redirect URI: the address the browser landed on. */
  readonly redirectedTo?: string;
}

/** The loopback redirect URI a new setup starts with: 127.0.0.1, any free port. */
export const DEFAULT_REDIRECT_URI = 'http://127.0.0.1/callback';

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

function profileOf(deps: SamsungAccountDeps, arg: ProfileArg | undefined): Profile | undefined {
  const id = arg?.profile?.id ?? arg?.profileId;
  return id ? deps.profiles.require(id) : undefined;
}

function hostProblem(value: string): string | undefined {
  try {
    checkSamsungAccountClient({
      clientId: 'x',
      aliasId: 'x',
      redirectUri: DEFAULT_REDIRECT_URI,
      authorizationHost: value,
    });
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

interface SandboxClient {
  readonly host: string | undefined;
  readonly clientId: string;
  readonly aliasId: string;
  readonly clientSecret: string;
}

async function sandboxClient(deps: SamsungAccountDeps, profile: Profile): Promise<SandboxClient> {
  if (!deps.sandbox) {
    throw new KnoxToolError('NOT_FOUND', 'The local sandbox is not available in this window.');
  }
  const running = await deps.sandbox.ensure();
  const account = running.credentials.samsungAccount;
  let clientSecret: string;
  try {
    clientSecret = (
      await readBoundedText(account.clientSecretFile, {
        maxBytes: FILE_LIMITS.secret,
        what: 'the client secret',
      })
    ).trim();
  } catch (e) {
    throw new KnoxToolError(
      'NOT_FOUND',
      `The sandbox's Samsung Account client secret (${account.clientSecretFile}) cannot be read. Restart the sandbox to recreate its demo credentials.`,
      { cause: e },
    );
  }
  // A sandbox profile follows the sandbox's port, so its Samsung Account host is left to follow too.
  const followsTarget = profile.sandbox === true || apiBaseUrl(profile.target) === running.url;
  return {
    host: followsTarget ? undefined : running.url,
    clientId: account.clientId,
    aliasId: account.aliasId,
    clientSecret,
  };
}

async function pickRedirectUri(current: string | undefined): Promise<string> {
  const own = `${vscode.env.uriScheme}://${ExtensionId}${SIGN_IN_CALLBACK_PATH}`;
  const items: Array<vscode.QuickPickItem & { value?: string; ask?: 'port' | 'https' }> = [
    ...(current ? [{ label: current, description: 'keep', value: current }] : []),
    {
      label: DEFAULT_REDIRECT_URI,
      description: 'loopback, a free port each time',
      detail: 'Register http://127.0.0.1/callback (any port) with Samsung Account.',
      value: DEFAULT_REDIRECT_URI,
    },
    {
      label: 'Loopback on a fixed port…',
      description: 'http://127.0.0.1:<port>/callback',
      ask: 'port',
    },
    {
      label: own,
      description: 'VS Code receives the redirect (vscode:// URI handler)',
      value: own,
    },
    {
      label: "Your portal's https page…",
      description: 'you paste the address the browser lands on',
      ask: 'https',
    },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Redirect URI registered with Samsung Account',
  });
  if (!picked) throw new Cancelled();
  if (picked.value) return picked.value;
  if (picked.ask === 'port') {
    const port = await ask({
      title: 'Loopback port',
      prompt: 'The port of the redirect URI registered with Samsung Account',
      validateInput: (v) =>
        /^\d{1,5}$/.test(v.trim()) && Number(v) > 0 && Number(v) < 65536
          ? undefined
          : 'Enter a port number from 1 to 65535.',
    });
    return `http://127.0.0.1:${Number(port)}/callback`;
  }
  return ask({
    title: 'Redirect URI',
    prompt: 'The https redirect URI registered with Samsung Account',
    placeHolder: 'https://portal.example.com/samsung-account/callback',
    validateInput: (v) => (/^https:\/\/\S+$/.test(v.trim()) ? undefined : 'Enter an https:// URI.'),
  });
}

async function setUp(deps: SamsungAccountDeps, args: SetUpArgs = {}): Promise<string> {
  const { profiles } = deps;
  const given =
    args.clientId !== undefined ||
    args.aliasId !== undefined ||
    args.authorizationHost !== undefined ||
    args.redirectUri !== undefined;
  const chosen = profileOf(deps, args);
  let profile = chosen ?? profiles.require(undefined);
  if (!chosen && !given && profiles.list().length > 1) {
    const picked = await vscode.window.showQuickPick(
      profiles.list().map((p) => ({ label: p.name, description: p.scheme, profile: p })),
      {
        title: 'Set Up Samsung Account',
        placeHolder: 'Which profile signs in with Samsung Account?',
      },
    );
    if (!picked) throw new Cancelled();
    profile = picked.profile;
  }
  if (profile.scheme !== 'partner' && !given) {
    await confirm(
      `Make "${profile.name}" a partner profile?`,
      'Its Knox access tokens will then act for the Samsung Account user who signs in (delegatedSAToken). The key file and client identifiers stay.',
      'Make Partner Profile',
    );
  }
  const current = profile.samsungAccount;
  let host: string | undefined;
  let demo: SandboxClient | undefined;
  if (args.authorizationHost === 'sandbox') {
    demo = await sandboxClient(deps, profile);
    host = demo.host;
  } else if (args.authorizationHost !== undefined) {
    host = args.authorizationHost;
  } else if (!given) {
    const items: Array<vscode.QuickPickItem & { choice: 'keep' | 'sandbox' | 'enter' }> = [
      ...(current
        ? [
            {
              label: current.authorizationHost ?? "The profile's base URL",
              description: 'keep',
              choice: 'keep' as const,
            },
          ]
        : []),
      ...(deps.sandbox
        ? [
            {
              label: 'Local Knox sandbox',
              description: 'its demo Samsung Account client, on this machine',
              choice: 'sandbox' as const,
            },
          ]
        : []),
      {
        label: 'Enter the authorization host…',
        description: 'the host Samsung gave with your Samsung Account client',
        choice: 'enter' as const,
      },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: 'Samsung Account authorization host (signInGate)',
      placeHolder: "Samsung's documents leave the host to you: pick or enter it",
    });
    if (!picked) throw new Cancelled();
    if (picked.choice === 'keep') host = current?.authorizationHost;
    else if (picked.choice === 'sandbox') {
      demo = await sandboxClient(deps, profile);
      host = demo.host;
    } else {
      host = (
        await ask({
          title: 'Samsung Account authorization host',
          prompt:
            'Base URL of signInGate and the token endpoint, e.g. https://<authorization host>',
          value: current?.authorizationHost ?? 'https://',
          validateInput: hostProblem,
        })
      ).trim();
    }
  }

  const interactive = !given && !demo;
  const clientId =
    args.clientId ??
    demo?.clientId ??
    (interactive
      ? await ask({
          title: 'Samsung Account client id',
          prompt: 'The public client id of your Samsung Account client',
          value: current?.clientId ?? '',
        })
      : (current?.clientId ?? ''));
  const clientSecret =
    args.clientSecret ??
    demo?.clientSecret ??
    (interactive
      ? (await ask({
          title: 'Samsung Account client secret',
          prompt: current
            ? 'Paste a new secret, or leave empty to keep the stored one'
            : 'The secret issued with the client id (kept in secret storage only)',
          password: true,
        })) || undefined
      : undefined);
  const aliasId =
    args.aliasId ??
    demo?.aliasId ??
    (interactive
      ? await ask({
          title: 'ALIAS_ID',
          prompt: 'The identifier that maps the Samsung Account with the client id',
          value: current?.aliasId ?? '',
        })
      : (current?.aliasId ?? ''));
  const redirectUri =
    args.redirectUri ??
    (given || demo
      ? (current?.redirectUri ?? DEFAULT_REDIRECT_URI)
      : await pickRedirectUri(current?.redirectUri));
  const next = await profiles.setSamsungAccount(profile.id, {
    clientId,
    aliasId,
    redirectUri,
    ...(clientSecret === undefined ? {} : { clientSecret }),
    ...(host === undefined ? {} : { authorizationHost: host }),
    ...(args.tokenHost === undefined ? {} : { tokenHost: args.tokenHost }),
  });
  deps.log.info(`Samsung Account client ${clientId} set up for profile ${next.name}`);
  if (!given) {
    void vscode.window
      .showInformationMessage(
        `Knox: "${next.name}" signs in with Samsung Account client ${clientId}.`,
        'Sign In',
      )
      .then((choice) => {
        if (choice === 'Sign In') void executeCommand(Commands.signIn, { profileId: next.id });
      });
  }
  return next.id;
}

async function signIn(deps: SamsungAccountDeps, args: SignInArgs = {}): Promise<SignInResult> {
  const profile =
    profileOf(deps, args) ??
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
    profileOf(deps, args) ??
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
    registerCommand(deps, Commands.setUpSamsungAccount, (args?: SetUpArgs) => setUp(deps, args)),
    registerCommand(deps, Commands.signIn, (args?: SignInArgs) => signIn(deps, args)),
    registerCommand(deps, Commands.signOut, (args?: ProfileArg) => signOut(deps, args)),
  );
}
