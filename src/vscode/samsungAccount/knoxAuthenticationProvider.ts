import * as vscode from 'vscode';
import type { Profile } from '../../core/profiles/profile';
import type { KnoxLog } from '../log';
import { describeError } from '../log';
import type { ProfileService } from '../profiles/profileService';
import type { TokenService } from '../tokens/tokenService';
import type { SamsungAccountService } from './samsungAccountService';
import { SAMSUNG_ACCOUNT } from '../../core/credentials/credential';

export interface KnoxAuthenticationProviderDeps {
  readonly profiles: ProfileService;
  readonly tokens: TokenService;
  readonly samsungAccount: SamsungAccountService;
  readonly log: KnoxLog;
  /** The partner profile "Sign in" from the Accounts menu is for (a picker by default). */
  readonly pickProfile: (candidates: readonly Profile[]) => Promise<Profile>;
}

/** The account shown for a signed-in profile: the Samsung Account user and the profile. */
export function accountLabel(profile: Profile): string {
  return `${profile.samsungAccount?.userId ?? 'Samsung Account'} (${profile.name})`;
}

/**
 * The "Knox" authentication provider: one session per partner profile signed in to Samsung
 * Account, so the Accounts menu shows who is signed in and can sign out. A session's access
 * token is the Samsung Account access token. Never throws from getSessions.
 */
export class KnoxAuthenticationProvider
  implements vscode.AuthenticationProvider, vscode.Disposable
{
  private readonly changed =
    new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  /** The sessions last announced, by id, without tokens, and when each signed in. */
  private known: Map<string, { session: vscode.AuthenticationSession; signedInAt?: number }>;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly deps: KnoxAuthenticationProviderDeps) {
    this.known = this.snapshot();
    this.subscriptions = [
      deps.profiles.onDidChange(() => this.announce()),
      deps.samsungAccount.onDidChangeSignIn(() => this.announce()),
    ];
  }

  async getSessions(
    _scopes: readonly string[] | undefined,
    options?: vscode.AuthenticationProviderSessionOptions,
  ): Promise<vscode.AuthenticationSession[]> {
    const sessions: vscode.AuthenticationSession[] = [];
    for (const profile of this.deps.samsungAccount.signedInProfiles()) {
      const session = this.sessionOf(profile, await this.accessToken(profile));
      if (!options?.account || options.account.id === session.account.id) sessions.push(session);
    }
    return sessions;
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    const candidates = this.deps.profiles.list().filter((p) => p.samsungAccount !== undefined);
    if (candidates.length === 0) {
      throw new Error(
        'No Knox profile has a Samsung Account client. Run "Knox: Set Up Samsung Account" first.',
      );
    }
    const profile = await this.deps.pickProfile(candidates);
    await this.deps.samsungAccount.signIn(profile.id);
    const signedIn = this.deps.profiles.require(profile.id);
    return this.sessionOf(signedIn, await this.accessToken(signedIn));
  }

  async removeSession(sessionId: string): Promise<void> {
    if (!this.deps.profiles.get(sessionId)) return;
    await this.deps.samsungAccount.signOut(sessionId);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }

  private sessionOf(profile: Profile, accessToken: string): vscode.AuthenticationSession {
    return {
      id: profile.id,
      accessToken,
      account: {
        id: `${profile.id}:${profile.samsungAccount?.userId ?? ''}`,
        label: accountLabel(profile),
      },
      scopes: [],
    };
  }

  private async accessToken(profile: Profile): Promise<string> {
    try {
      return (await this.deps.tokens.current(profile.id, SAMSUNG_ACCOUNT))?.value ?? '';
    } catch (e) {
      this.deps.log.warn(
        `authentication: no Samsung Account token for ${profile.name}: ${describeError(e)}`,
      );
      return '';
    }
  }

  private snapshot(): Map<string, { session: vscode.AuthenticationSession; signedInAt?: number }> {
    return new Map(
      this.deps.samsungAccount
        .signedInProfiles()
        .map((p) => [
          p.id,
          { session: this.sessionOf(p, ''), signedInAt: p.samsungAccount?.signedInAt },
        ]),
    );
  }

  private announce(): void {
    const next = this.snapshot();
    const added = [...next.values()]
      .filter((n) => !this.known.has(n.session.id))
      .map((n) => n.session);
    const removed = [...this.known.values()]
      .filter((k) => !next.has(k.session.id))
      .map((k) => k.session);
    // A new sign-in of the same profile (another user, or the same one again) changes the session.
    const changed = [...next.values()]
      .filter((n) => {
        const before = this.known.get(n.session.id);
        return before !== undefined && before.signedInAt !== n.signedInAt;
      })
      .map((n) => n.session);
    this.known = next;
    if (added.length || removed.length || changed.length)
      this.changed.fire({ added, removed, changed });
  }
}
