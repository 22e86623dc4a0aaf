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
import { ask, confirm, namedProfile } from '../pickers';
import type { CommandDeps } from '../registerCommand';
import { Cancelled, executeCommand } from '../registerCommand';
import type { SandboxConnection } from '../sandbox/sandboxConnection';
import { SIGN_IN_CALLBACK_PATH } from './receiveRedirect';

export interface SetUpDeps extends CommandDeps {
  readonly profiles: ProfileService;
  /** Offered as the authorization host, with its demo Samsung Account client. */
  readonly sandbox?: SandboxConnection;
}

/** "Knox: Set Up Samsung Account" without inputs (tests, scripts); any field given skips the prompts. */
export interface SetUpArgs extends ProfileArg, SamsungAccountSetUpFields {}

interface SandboxClient {
  readonly host: string | undefined;
  readonly clientId: string;
  readonly aliasId: string;
  readonly clientSecret: string;
}

async function sandboxClient(deps: SetUpDeps, profile: Profile): Promise<SandboxClient> {
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
async function chooseProfile(deps: SetUpDeps, args: SetUpArgs, given: boolean): Promise<Profile> {
  const { profiles } = deps;
  const chosen = namedProfile(profiles, args);
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
  deps: SetUpDeps,
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

async function fromSandbox(deps: SetUpDeps, profile: Profile): Promise<HostChosen> {
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
export async function setUpSamsungAccount(deps: SetUpDeps, args: SetUpArgs = {}): Promise<string> {
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
