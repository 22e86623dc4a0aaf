import * as vscode from 'vscode';
import { isKnoxToolError } from '../../core/toolError';
import type { FetchLike } from '../../core/http/fetchLike';
import type { Redactor } from '../../core/log/redact';
import type { Profile } from '../../core/profiles/profile';
import type { SamsungAccountClient } from '../../core/samsungAccount/samsungAccountEndpoints';
import { signInGateUrl } from '../../core/samsungAccount/samsungAccountEndpoints';
import {
  authorizeSamsungAccountToken,
  callSignOutGate,
  exchangeAuthorizationCode,
  samsungAccountRefusal,
} from '../../core/samsungAccount/samsungAccountToken';
import { signInRecordFrom } from '../../core/samsungAccount/signInRecord';
import { SignInState } from '../../core/samsungAccount/signInState';
import type { Redirect, RedirectSlot } from './receiveRedirect';
import { SIGN_IN_CALLBACK_PATH, receiveRedirect } from './receiveRedirect';
import type { KnoxLog } from '../log';
import { describeError } from '../log';
import type { ProfileService } from '../profiles/profileService';
import { Cancelled } from '../registerCommand';
import type { TokenService } from '../tokens/tokenService';
import { SAMSUNG_ACCOUNT } from '../../core/credentials/credential';
import { requireSamsungAccountClient } from '../../core/credentials/samsungAccountTokens';

/** How a sign-in reaches the browser, and how long it may take. */
export interface SignInOptions {
  /** 'external' (default) opens the system browser; 'none' only announces the URL (tests, remote setups). */
  readonly browser?: 'external' | 'none';
  /** How long to wait for the redirect, in ms (default 5 minutes). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** For an https redirect URI: the address the browser landed on (else the user is asked for it). */
  readonly redirectedTo?: string;
}

/** Announced when a sign-in waits for the browser: the signInGate URL and where the redirect goes. */
export interface SignInStarted {
  readonly profileId: string;
  readonly url: string;
  readonly redirectUri: string;
}

export interface SignInResult {
  readonly profileId: string;
  readonly userId?: string;
  /** When the Samsung Account access token expires (epoch ms). */
  readonly expiresAt: number;
}

export interface SignOutResult {
  readonly profileId: string;
  /** What signOutGate said: the session ended, was refused, could not be reached, or was not called. */
  readonly gate: 'ended' | 'refused' | 'unreachable' | 'skipped';
}

export interface SamsungAccountServiceDeps {
  readonly profiles: ProfileService;
  readonly tokens: TokenService;
  readonly redactor: Redactor;
  readonly log: KnoxLog;
  /** Timeout of each call to Samsung Account, in ms. */
  readonly requestTimeoutMs: () => number;
  /** Brings a profile up to date first (a sandbox profile follows the sandbox's port). */
  readonly prepare?: (profile: Profile) => Promise<Profile>;
  readonly fetch?: FetchLike;
  readonly now?: () => number;
}

interface Pending extends RedirectSlot {
  readonly profileId: string;
  readonly controller: AbortController;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/**
 * Samsung Account sign-in and sign-out of partner profiles: opens signInGate, receives the
 * redirect (loopback server, vscode:// URI handler, or a pasted address), exchanges the code and
 * keeps the tokens in secret storage. One sign-in waits at a time; a new one cancels it.
 */
export class SamsungAccountService implements vscode.Disposable {
  private readonly started = new vscode.EventEmitter<SignInStarted>();
  /** Fires when a sign-in waits for the browser; the URL carries no secret. */
  readonly onDidStartSignIn = this.started.event;
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the profile id after a sign-in or sign-out. */
  readonly onDidChangeSignIn = this.changed.event;
  private pending: Pending | undefined;
  private readonly now: () => number;

  constructor(private readonly deps: SamsungAccountServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Profiles someone is signed in to, for the Accounts menu. */
  signedInProfiles(): readonly Profile[] {
    return this.deps.profiles.list().filter((p) => p.samsungAccount?.signedInAt !== undefined);
  }

  /**
   * Signs a user in for a partner profile and keeps the tokens. Throws KnoxToolError with
   * SIGN_IN_STATE_MISMATCH, SIGN_IN_FAILED (AUT_/LIC_ explained), SIGN_IN_TIMEOUT or ABORTED.
   */
  async signIn(profileId: string, options: SignInOptions = {}): Promise<SignInResult> {
    const profile = await this.prepared(profileId);
    const client = requireSamsungAccountClient(profile);
    const clientSecret = await this.deps.profiles.samsungAccountClientSecret(profile.id);
    this.pending?.controller.abort(new Cancelled('another sign-in started'));
    const controller = new AbortController();
    const signal = options.signal
      ? AbortSignal.any([options.signal, controller.signal])
      : controller.signal;
    const pending: Pending = { profileId: profile.id, controller };
    this.pending = pending;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const state = new SignInState({ ttlMs: timeoutMs, now: this.now });
    let redirect: Redirect | undefined;
    try {
      redirect = await receiveRedirect(client, state, {
        slot: pending,
        log: this.deps.log,
        signal,
        timeoutMs,
        ...(options.redirectedTo === undefined ? {} : { redirectedTo: options.redirectedTo }),
      });
      const url = signInGateUrl(client, { state: state.value, redirectUri: redirect.uri });
      this.deps.log.info(
        `Samsung Account sign-in for profile ${profile.name}: waiting for the redirect to ${redirect.uri}`,
      );
      this.started.fire({ profileId: profile.id, url, redirectUri: redirect.uri });
      if ((options.browser ?? 'external') === 'external') await this.open(url);
      const code = await redirect.code();
      this.deps.redactor.remember(code);
      return await this.finishSignIn(profile, client, clientSecret, code, redirect.uri, signal);
    } finally {
      if (this.pending === pending) this.pending = undefined;
      await redirect?.dispose();
    }
  }

  /** Receives a vscode:// redirect; anything else, or a redirect nobody waits for, is reported. */
  handleUri(uri: vscode.Uri): void {
    if (uri.path !== SIGN_IN_CALLBACK_PATH) {
      this.deps.log.warn(
        `ignored a link to ${uri.path}: the extension only receives ${SIGN_IN_CALLBACK_PATH}`,
      );
      return;
    }
    const receive = this.pending?.receive;
    if (!receive) {
      this.deps.log.warn(
        'a Samsung Account redirect arrived, but no sign-in is waiting in this window',
      );
      void vscode.window.showWarningMessage(
        'Knox received a Samsung Account sign-in redirect, but no sign-in is waiting in this window. Run "Knox: Sign In to Samsung Account" again.',
      );
      return;
    }
    receive(uri);
  }

  /**
   * Signs a profile out: signOutGate ends the session at Samsung Account (best effort), then every
   * secret of the sign-in goes: the tokens, the refresh token and the Knox tokens minted with them.
   */
  async signOut(profileId: string, signal?: AbortSignal): Promise<SignOutResult> {
    const profile = await this.prepared(profileId);
    const current = await this.deps.tokens.current(profile.id, SAMSUNG_ACCOUNT);
    const record = await this.deps.profiles.samsungAccountSignIn(profile.id);
    const accessToken = current?.value ?? record?.handoff?.accessToken;
    const info = profile.samsungAccount;
    let gate: SignOutResult['gate'] = 'skipped';
    if (info && accessToken) {
      try {
        const result = await callSignOutGate({
          ...this.transport(signal),
          client: requireSamsungAccountClient(profile),
          accessToken,
        });
        gate = result.ok ? 'ended' : 'refused';
        if (!result.ok)
          this.deps.log.warn(
            `signOutGate refused the sign-out of ${profile.name}: HTTP ${result.error.status} ${result.error.code ?? ''} ${result.error.message}`,
          );
      } catch (e) {
        if (isKnoxToolError(e, 'ABORTED')) throw e;
        gate = 'unreachable';
        this.deps.log.warn(`signOutGate could not be reached: ${describeError(e)}`);
      }
    }
    await this.deps.profiles.clearSamsungAccountSignIn(profile.id);
    await this.deps.tokens.clear(profile.id);
    this.deps.log.info(
      `signed out of Samsung Account for profile ${profile.name} (signOutGate: ${gate})`,
    );
    this.changed.fire(profile.id);
    return { profileId: profile.id, gate };
  }

  dispose(): void {
    this.pending?.controller.abort(new Cancelled('the extension is shutting down'));
    this.started.dispose();
    this.changed.dispose();
  }

  private async prepared(profileId: string): Promise<Profile> {
    const profile = this.deps.profiles.require(profileId);
    return this.deps.prepare ? this.deps.prepare(profile) : profile;
  }

  private transport(signal: AbortSignal | undefined): {
    timeoutMs: number;
    fetch?: FetchLike;
    signal?: AbortSignal;
  } {
    return {
      timeoutMs: this.deps.requestTimeoutMs(),
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
      ...(signal ? { signal } : {}),
    };
  }

  private async open(url: string): Promise<void> {
    const opened = await vscode.env.openExternal(vscode.Uri.parse(url));
    if (opened) return;
    this.deps.log.warn('the browser could not be opened for the Samsung Account sign-in');
    const choice = await vscode.window.showWarningMessage(
      'Knox could not open the browser for the Samsung Account sign-in. Copy the link and open it yourself; VS Code keeps waiting.',
      'Copy Link',
    );
    if (choice === 'Copy Link') await vscode.env.clipboard.writeText(url);
  }

  private async finishSignIn(
    profile: Profile,
    client: SamsungAccountClient,
    clientSecret: string,
    code: string,
    redirectUri: string,
    signal: AbortSignal,
  ): Promise<SignInResult> {
    const transport = this.transport(signal);
    const started = this.now();
    const exchanged = await exchangeAuthorizationCode({
      ...transport,
      client,
      clientSecret,
      code,
      redirectUri,
      now: this.now,
    });
    if (!exchanged.ok) {
      throw samsungAccountRefusal(
        `the authorization code of profile "${profile.name}"`,
        exchanged.error,
      );
    }
    const { token } = exchanged;
    this.deps.redactor.remember(token.accessToken);
    if (token.refreshToken) this.deps.redactor.remember(token.refreshToken);
    let userId = token.userId;
    if (userId === undefined) {
      const who = await authorizeSamsungAccountToken({
        ...transport,
        client,
        accessToken: token.accessToken,
      });
      if (!who.ok) throw samsungAccountRefusal('the new access token (authorizeToken)', who.error);
      userId = who.userId;
    }
    await this.deps.profiles.storeSamsungAccountSignIn(
      profile.id,
      signInRecordFrom({ ...token, ...(userId === undefined ? {} : { userId }) }, started),
    );
    // Knox tokens minted for an earlier sign-in act for that account: they go.
    await this.deps.tokens.clear(profile.id);
    const samsungAccount = await this.deps.tokens.generate(profile.id, SAMSUNG_ACCOUNT, signal);
    await this.deps.profiles.markSamsungAccountSignedIn(profile.id, {
      ...(userId === undefined ? {} : { userId }),
      signedInAt: started,
    });
    this.deps.log.info(
      `signed in to Samsung Account as ${userId ?? 'an unknown user'} for profile ${profile.name}`,
    );
    this.changed.fire(profile.id);
    return {
      profileId: profile.id,
      ...(userId === undefined ? {} : { userId }),
      expiresAt: samsungAccount.expiresAt,
    };
  }
}
