import * as vscode from 'vscode';
import { KnoxToolError } from '../../core/toolError';
import { FILE_LIMITS, readBoundedText } from '../../core/files/readBoundedFile';
import type { Profile, SamsungAccountInfo } from '../../core/profiles/profile';
import { apiBaseUrl } from '../../core/profiles/profile';
import type { SamsungAccountSetUpFields } from '../../core/samsungAccount/samsungAccountSetUp';
import {
  DEFAULT_REDIRECT_URI,
  authorizationHostProblem,
  hostChoices,
  httpsRedirectUriProblem,
  loopbackPortProblem,
  loopbackRedirectUri,
  redirectUriChoices,
  setUpFieldsGiven,
} from '../../core/samsungAccount/samsungAccountSetUp';
import { Commands, ExtensionId } from '../ids';
import type { ProfileService } from '../profiles/profileService';
import type { ProfileArg } from '../pickers';
import { ask, confirm } from '../pickers';
import type { CommandDeps } from '../registerCommand';
import { Cancelled, executeCommand, registerCommand } from '../registerCommand';
import type { SandboxConnection } from '../sandbox/sandboxConnection';
import { accountLabel } from './knoxAuthenticationProvider';
import type { SamsungAccountService, SignInResult, SignOutResult } from './samsungAccountService';
import { SIGN_IN_CALLBACK_PATH } from './receiveRedirect';

export interface SamsungAccountDeps extends CommandDeps {
  readonly profiles: ProfileService;
  readonly service: SamsungAccountService;
  /** Offered as the authorization host, with its demo Samsung Account client. */
  readonly sandbox?: SandboxConnection;
}

/** "Knox: Set Up Samsung Account" without inputs (tests, scripts); any field given skips the prompts. */
export interface SetUpArgs extends ProfileArg, SamsungAccountSetUpFields {}

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

function profileOf(deps: SamsungAccountDeps, arg: ProfileArg | undefined): Profile | undefined {
  const id = arg?.profile?.id ?? arg?.profileId;
  return id ? deps.profiles.require(id) : undefined;
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
  const picked = await vscode.window.showQuickPick(redirectUriChoices(current, own), {
    title: 'Redirect URI registered with Samsung Account',
  });
  if (!picked) throw new Cancelled();
  if (picked.value) return picked.value;
  if (picked.ask === 'port') {
    const port = await ask({
      title: 'Loopback port',
      prompt: 'The port of the redirect URI registered with Samsung Account',
      validateInput: loopbackPortProblem,
    });
    return loopbackRedirectUri(port);
  }
  return ask({
    title: 'Redirect URI',
    prompt: 'The https redirect URI registered with Samsung Account',
    placeHolder: 'https://portal.example.com/samsung-account/callback',
    validateInput: httpsRedirectUriProblem,
  });
}

/** The profile to set up: the one named, else the active one, else a pick when asking is allowed. */
async function chooseProfile(
  deps: SamsungAccountDeps,
  args: SetUpArgs,
  given: boolean,
): Promise<Profile> {
  const { profiles } = deps;
  const chosen = profileOf(deps, args);
  if (chosen) return chosen;
  const active = profiles.require(undefined);
  if (given || profiles.list().length <= 1) return active;
  const picked = await vscode.window.showQuickPick(
    profiles.list().map((p) => ({ label: p.name, description: p.scheme, profile: p })),
    {
      title: 'Set Up Samsung Account',
      placeHolder: 'Which profile signs in with Samsung Account?',
    },
  );
  if (!picked) throw new Cancelled();
  return picked.profile;
}

function confirmPartner(profile: Profile): Promise<void> {
  return confirm(
    `Make "${profile.name}" a partner profile?`,
    'Its Knox access tokens will then act for the Samsung Account user who signs in (delegatedSAToken). The key file and client identifiers stay.',
    'Make Partner Profile',
  );
}

/** The authorization host, and the sandbox's demo client when the sandbox was chosen. */
interface HostChosen {
  readonly host: string | undefined;
  readonly demo?: SandboxClient;
}

async function chooseAuthorizationHost(
  deps: SamsungAccountDeps,
  args: SetUpArgs,
  profile: Profile,
  given: boolean,
): Promise<HostChosen> {
  if (args.authorizationHost === 'sandbox') return fromSandbox(deps, profile);
  if (args.authorizationHost !== undefined) return { host: args.authorizationHost };
  if (given) return { host: undefined };
  const current = profile.samsungAccount;
  const picked = await vscode.window.showQuickPick(
    hostChoices(current, deps.sandbox !== undefined),
    {
      title: 'Samsung Account authorization host (signInGate)',
      placeHolder: "Samsung's documents leave the host to you: pick or enter it",
    },
  );
  if (!picked) throw new Cancelled();
  if (picked.choice === 'keep') return { host: current?.authorizationHost };
  if (picked.choice === 'sandbox') return fromSandbox(deps, profile);
  const typed = await ask({
    title: 'Samsung Account authorization host',
    prompt: 'Base URL of signInGate and the token endpoint, e.g. https://<authorization host>',
    value: current?.authorizationHost ?? 'https://',
    validateInput: authorizationHostProblem,
  });
  return { host: typed.trim() };
}

async function fromSandbox(deps: SamsungAccountDeps, profile: Profile): Promise<HostChosen> {
  const demo = await sandboxClient(deps, profile);
  return { host: demo.host, demo };
}

interface ClientFields {
  readonly clientId: string;
  readonly clientSecret: string | undefined;
  readonly aliasId: string;
}

/**
 * Client id, secret and ALIAS_ID: from the arguments, else the sandbox's demo client, else asked
 * (when `interactive`), else the current ones; no secret keeps the stored one.
 */
async function clientFields(
  args: SetUpArgs,
  demo: SandboxClient | undefined,
  current: SamsungAccountInfo | undefined,
  interactive: boolean,
): Promise<ClientFields> {
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
  return { clientId, clientSecret, aliasId };
}

function offerSignIn(profile: Profile, clientId: string): void {
  void vscode.window
    .showInformationMessage(
      `Knox: "${profile.name}" signs in with Samsung Account client ${clientId}.`,
      'Sign In',
    )
    .then((choice) => {
      if (choice === 'Sign In') void executeCommand(Commands.signIn, { profileId: profile.id });
    });
}

/**
 * "Set Up Samsung Account": which profile, which authorization host, which client, which redirect
 * URI; then the client is stored (its secret in secret storage) and a sign-in offered.
 */
async function setUp(deps: SamsungAccountDeps, args: SetUpArgs = {}): Promise<string> {
  const given = setUpFieldsGiven(args);
  const profile = await chooseProfile(deps, args, given);
  if (profile.scheme !== 'partner' && !given) await confirmPartner(profile);
  const current = profile.samsungAccount;
  const { host, demo } = await chooseAuthorizationHost(deps, args, profile, given);
  const { clientId, clientSecret, aliasId } = await clientFields(
    args,
    demo,
    current,
    !given && !demo,
  );
  const redirectUri =
    args.redirectUri ??
    (given || demo
      ? (current?.redirectUri ?? DEFAULT_REDIRECT_URI)
      : await pickRedirectUri(current?.redirectUri));
  const next = await deps.profiles.setSamsungAccount(profile.id, {
    clientId,
    aliasId,
    redirectUri,
    ...(clientSecret === undefined ? {} : { clientSecret }),
    ...(host === undefined ? {} : { authorizationHost: host }),
    ...(args.tokenHost === undefined ? {} : { tokenHost: args.tokenHost }),
  });
  deps.log.info(`Samsung Account client ${clientId} set up for profile ${next.name}`);
  if (!given) offerSignIn(next, clientId);
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
