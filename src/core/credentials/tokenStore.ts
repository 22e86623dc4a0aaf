import type { KnoxService } from '../catalogs/scopeCatalog';
import type { EventEmitterLike, Listen } from '../events/emitter';
import { Emitter } from '../events/emitter';
import type { Logger } from '../log/logger';
import { silentLogger } from '../log/logger';
import type { Profile } from '../profiles/profile';
import type { Disposable, SecretStore } from '../storage/secretStore';
import type { StateStore } from '../storage/stateStore';
import type { MintedToken } from '../tokens/tokenManager';
import { TokenManager } from '../tokens/tokenManager';
import type { TokenInfo } from '../tokens/tokenStatus';
import type { Credential } from './credential';
import { OAUTH_APP, credentialFor, credentialKey, credentialOfKey } from './credential';
import { CredentialSecretKeys, CredentialStateKeys } from './credentialKeys';
import type { ProfileStore } from './profileStore';

/**
 * Mints a token for one credential of a profile. `tokens` is the store that asks, for a mint that
 * needs another of the profile's tokens (a partner mint needs the Samsung Account token).
 */
export type MintFor = (
  profile: Profile,
  credential: Credential,
  signal: AbortSignal,
  tokens: TokenStore,
) => Promise<MintedToken>;

/** What a TokenStore keeps its state in, how it mints, and when it renews. */
export interface TokenStoreDeps {
  readonly profiles: ProfileStore;
  readonly secrets: SecretStore;
  readonly state: StateStore;
  readonly log?: Logger;
  readonly mint: MintFor;
  readonly renewalMarginMs: () => number;
  readonly now?: () => number;
  /** How often to look for tokens in use that are due for renewal. */
  readonly renewCheckMs?: number;
  /** The emitter of `onDidChangeTokens` (the VS Code layer hands in a vscode.EventEmitter). */
  readonly createEmitter?: () => EventEmitterLike<void>;
}

/** A token counts as in use when something asked for it this recently. */
const IN_USE_WINDOW_MS = 10 * 60_000;

type Meta = Record<string, Record<string, TokenInfo>>;

/**
 * The one owner of stored tokens: one TokenManager per credential (a client identifier, an OAuth
 * app, a Samsung Account sign-in). Token values stay in the SecretStore; their expiry goes to the
 * StateStore for the tree, the status bar and CodeLens. Tokens in use renew before they expire.
 */
export class TokenStore implements Disposable {
  private readonly managers = new Map<
    string,
    { manager: TokenManager; subscription: { dispose(): void } }
  >();
  private readonly lastUsed = new Map<string, number>();
  private readonly changed: EventEmitterLike<void>;
  /** Fires after a token is minted, renewed or cleared. */
  readonly onDidChangeTokens: Listen<void>;
  private readonly timer: NodeJS.Timeout;
  private readonly now: () => number;
  private readonly log: Logger;

  constructor(private readonly deps: TokenStoreDeps) {
    this.now = deps.now ?? Date.now;
    this.log = deps.log ?? silentLogger;
    this.changed = deps.createEmitter?.() ?? new Emitter<void>();
    this.onDidChangeTokens = this.changed.event;
    this.timer = setInterval(() => void this.renewTokensInUse(), deps.renewCheckMs ?? 15_000);
    // Renewal is a convenience: it must never keep a process (the CLI, a test run) alive.
    this.timer.unref();
  }

  renewalMarginMs(): number {
    return this.deps.renewalMarginMs();
  }

  /** The tokens a profile holds, as plain facts (no values). */
  tokens(profileId: string): readonly TokenInfo[] {
    return Object.values(this.meta()[profileId] ?? {}).sort((a, b) =>
      a.label.localeCompare(b.label),
    );
  }

  /** The soonest-expiring token of a profile, for the status bar. */
  primaryToken(profileId: string): TokenInfo | undefined {
    return [...this.tokens(profileId)].sort((a, b) => a.expiresAt - b.expiresAt)[0];
  }

  /** The credential a request to `service` uses (see `credentialFor`). */
  credentialFor(profile: Profile, service?: KnoxService): Credential {
    return credentialFor(profile, service);
  }

  /** A token that is not due for renewal, minting it when needed (one mint however many ask). */
  async get(profileId: string, credential: Credential, signal?: AbortSignal): Promise<MintedToken> {
    const key = this.key(profileId, credential);
    this.lastUsed.set(key, this.now());
    return this.manager(profileId, credential).get(signal);
  }

  /** A new token because Knox refused `stale` (4032251, 401...). Shared by concurrent callers. */
  async renew(
    profileId: string,
    credential: Credential,
    stale: string | undefined,
    signal?: AbortSignal,
  ): Promise<MintedToken> {
    this.lastUsed.set(this.key(profileId, credential), this.now());
    return this.manager(profileId, credential).renew(stale, signal);
  }

  /** Mints a new token now, replacing the cached one. */
  async generate(
    profileId: string,
    credential: Credential,
    signal?: AbortSignal,
  ): Promise<MintedToken> {
    this.lastUsed.set(this.key(profileId, credential), this.now());
    return this.manager(profileId, credential).renew(undefined, signal);
  }

  /** The cached token, fresh or not, without minting. */
  async current(profileId: string, credential: Credential): Promise<MintedToken | undefined> {
    return this.manager(profileId, credential).current();
  }

  /** Clears every token of a profile (credentials changed, profile removed, "Clear Tokens"). */
  async clear(profileId: string): Promise<void> {
    const profile = this.deps.profiles.get(profileId);
    const keys = new Set([
      ...Object.keys(this.meta()[profileId] ?? {}),
      credentialKey(OAUTH_APP),
      ...(profile?.clientIdentifiers.map((c) => c.id) ?? []),
    ]);
    for (const key of keys) {
      const credential = credentialOfKey(key);
      await this.manager(profileId, credential).clear();
      this.disposeManager(this.key(profileId, credential));
    }
    const meta = { ...this.meta() };
    delete meta[profileId];
    await this.deps.state.update(CredentialStateKeys.tokens, meta);
    this.changed.fire();
  }

  /** Takes a changed renewal margin into use: managers are made anew, tokens stay stored. */
  applyRenewalMargin(): void {
    for (const key of [...this.managers.keys()]) this.disposeManager(key);
    this.changed.fire();
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const key of [...this.managers.keys()]) this.disposeManager(key);
    this.changed.dispose();
  }

  private async renewTokensInUse(): Promise<void> {
    const now = this.now();
    for (const [key, usedAt] of this.lastUsed) {
      if (now - usedAt > IN_USE_WINDOW_MS) continue;
      const [profileId = '', stored = ''] = key.split('\u0000');
      const info = this.meta()[profileId]?.[stored];
      const credential = credentialOfKey(stored);
      if (!info || info.expiresAt - now > this.renewalMarginMs()) continue;
      try {
        await this.manager(profileId, credential).get();
        this.log.info(
          `renewed ${info.label} of profile ${this.deps.profiles.get(profileId)?.name ?? profileId} before expiry`,
        );
      } catch (e) {
        this.log.warn(
          `automatic renewal of ${info.label} failed: ${e instanceof Error ? e.message : String(e)}`,
        );
        this.lastUsed.delete(key);
      }
    }
  }

  private key(profileId: string, credential: Credential): string {
    return `${profileId}\u0000${credentialKey(credential)}`;
  }

  private meta(): Meta {
    return this.deps.state.get<Meta>(CredentialStateKeys.tokens) ?? {};
  }

  private label(profileId: string, credential: Credential): string {
    if (credential.kind === 'oauth') return 'OAuth bearer token';
    if (credential.kind === 'samsungAccount') return 'Samsung Account token';
    const c = this.deps.profiles
      .get(profileId)
      ?.clientIdentifiers.find((x) => x.id === credential.id);
    return c ? `${c.alias} access token` : 'access token';
  }

  private async record(
    profileId: string,
    credential: Credential,
    token: MintedToken | undefined,
  ): Promise<void> {
    const meta = { ...this.meta() };
    const forProfile = { ...(meta[profileId] ?? {}) };
    const stored = credentialKey(credential);
    if (token) {
      forProfile[stored] = {
        credential: stored,
        label: this.label(profileId, credential),
        kind: token.kind,
        issuedAt: token.issuedAt ?? this.now(),
        expiresAt: token.expiresAt,
      };
    } else {
      delete forProfile[stored];
    }
    meta[profileId] = forProfile;
    await this.deps.state.update(CredentialStateKeys.tokens, meta);
    this.changed.fire();
  }

  private manager(profileId: string, credential: Credential): TokenManager {
    const key = this.key(profileId, credential);
    const existing = this.managers.get(key);
    if (existing) return existing.manager;
    const manager = new TokenManager({
      store: this.deps.secrets,
      storeKey: CredentialSecretKeys.token(profileId, credentialKey(credential)),
      renewBeforeMs: this.deps.renewalMarginMs(),
      now: this.now,
      logger: this.log,
      mint: async (signal) => {
        const profile = this.deps.profiles.require(profileId);
        this.log.info(`minting ${this.label(profileId, credential)} for profile ${profile.name}`);
        return this.deps.mint(profile, credential, signal, this);
      },
    });
    const subscription = manager.onDidChange(
      (change) => void this.record(profileId, credential, change.token),
    );
    this.managers.set(key, { manager, subscription });
    return manager;
  }

  private disposeManager(key: string): void {
    const entry = this.managers.get(key);
    if (!entry) return;
    entry.subscription.dispose();
    entry.manager.dispose();
    this.managers.delete(key);
  }
}
