import * as vscode from 'vscode';
import type { KnoxService } from '../../core/catalogs/scopeCatalog';
import { KnoxToolError } from '../../core/errors/toolError';
import type { Profile } from '../../core/profiles/profile';
import type { SecretStore } from '../../core/storage/secretStore';
import type { MintedToken } from '../../core/tokens/tokenManager';
import { TokenManager } from '../../core/tokens/tokenManager';
import type { TokenInfo } from '../../core/tokens/tokenStatus';
import { SecretKeys, StateKeys } from '../ids';
import type { KnoxLog } from '../log';
import type { ProfileService } from '../profiles/profileService';

/** Mints a token for one credential of a profile. */
export type MintFor = (
  profile: Profile,
  credential: string,
  signal: AbortSignal,
) => Promise<MintedToken>;

export interface TokenServiceDeps {
  readonly profiles: ProfileService;
  readonly secrets: SecretStore;
  readonly state: vscode.Memento;
  readonly log: KnoxLog;
  readonly mint: MintFor;
  readonly renewalMarginMs: () => number;
  readonly now?: () => number;
  /** How often to look for tokens in use that are due for renewal. */
  readonly renewCheckMs?: number;
}

const META_KEY = StateKeys.tokens;
/** A token counts as in use when something asked for it this recently. */
const IN_USE_WINDOW_MS = 10 * 60_000;

type Meta = Record<string, Record<string, TokenInfo>>;

/**
 * One TokenManager per credential (a client identifier, an OAuth app). Token values stay in
 * secret storage; their expiry goes to globalState for the tree, the status bar and CodeLens.
 * Tokens in use renew themselves before they expire.
 */
export class TokenService implements vscode.Disposable {
  private readonly managers = new Map<
    string,
    { manager: TokenManager; subscription: { dispose(): void } }
  >();
  private readonly lastUsed = new Map<string, number>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTokens = this.changed.event;
  private readonly timer: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(private readonly deps: TokenServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.timer = setInterval(() => void this.renewTokensInUse(), deps.renewCheckMs ?? 15_000);
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

  /**
   * The credential a request to `service` uses: the OAuth app, or the client identifier for that
   * service (else the profile's only one).
   */
  credentialFor(profile: Profile, service?: KnoxService): string {
    if (profile.scheme === 'oauth') {
      if (!profile.oauth)
        throw new KnoxToolError(
          'TOKEN_MISSING_CREDENTIAL',
          `Profile "${profile.name}" has no OAuth app. Set one up with "Knox: Set Up OAuth App".`,
        );
      return 'oauth';
    }
    const ids = profile.clientIdentifiers;
    const match =
      (service && ids.find((c) => c.service === service)) ??
      (ids.length === 1 || !service ? ids[0] : undefined);
    if (!match) {
      throw new KnoxToolError(
        'TOKEN_MISSING_CREDENTIAL',
        service
          ? `Profile "${profile.name}" has no client identifier for ${service.toUpperCase()}. Add one with "Knox: Add Client Identifier".`
          : `Profile "${profile.name}" has no client identifier. Add one with "Knox: Add Client Identifier".`,
      );
    }
    return match.id;
  }

  /** A token that is not due for renewal, minting it when needed (one mint however many ask). */
  async get(profileId: string, credential: string, signal?: AbortSignal): Promise<MintedToken> {
    const key = this.key(profileId, credential);
    this.lastUsed.set(key, this.now());
    return this.manager(profileId, credential).get(signal);
  }

  /** A new token because Knox refused `stale` (4032251, 401...). Shared by concurrent callers. */
  async renew(
    profileId: string,
    credential: string,
    stale: string | undefined,
    signal?: AbortSignal,
  ): Promise<MintedToken> {
    this.lastUsed.set(this.key(profileId, credential), this.now());
    return this.manager(profileId, credential).renew(stale, signal);
  }

  /** Mints a new token now, replacing the cached one. */
  async generate(
    profileId: string,
    credential: string,
    signal?: AbortSignal,
  ): Promise<MintedToken> {
    this.lastUsed.set(this.key(profileId, credential), this.now());
    return this.manager(profileId, credential).renew(undefined, signal);
  }

  /** The cached token, fresh or not, without minting. */
  async current(profileId: string, credential: string): Promise<MintedToken | undefined> {
    return this.manager(profileId, credential).current();
  }

  /** Clears every token of a profile (credentials changed, profile removed, "Clear Tokens"). */
  async clear(profileId: string): Promise<void> {
    const profile = this.deps.profiles.get(profileId);
    const credentials = new Set([
      ...Object.keys(this.meta()[profileId] ?? {}),
      'oauth',
      ...(profile?.clientIdentifiers.map((c) => c.id) ?? []),
    ]);
    for (const credential of credentials) {
      await this.manager(profileId, credential).clear();
      this.disposeManager(this.key(profileId, credential));
    }
    const meta = { ...this.meta() };
    delete meta[profileId];
    await this.deps.state.update(META_KEY, meta);
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
      const [profileId = '', credential = ''] = key.split('\u0000');
      const info = this.meta()[profileId]?.[credential];
      if (!info || info.expiresAt - now > this.renewalMarginMs()) continue;
      try {
        await this.manager(profileId, credential).get();
        this.deps.log.info(
          `renewed ${info.label} of profile ${this.deps.profiles.get(profileId)?.name ?? profileId} before expiry`,
        );
      } catch (e) {
        this.deps.log.warn(
          `automatic renewal of ${info.label} failed: ${e instanceof Error ? e.message : String(e)}`,
        );
        this.lastUsed.delete(key);
      }
    }
  }

  private key(profileId: string, credential: string): string {
    return `${profileId}\u0000${credential}`;
  }

  private meta(): Meta {
    return this.deps.state.get<Meta>(META_KEY) ?? {};
  }

  private label(profileId: string, credential: string): string {
    if (credential === 'oauth') return 'OAuth bearer token';
    if (credential === 'samsungAccount') return 'Samsung Account token';
    const c = this.deps.profiles.get(profileId)?.clientIdentifiers.find((x) => x.id === credential);
    return c ? `${c.alias} access token` : 'access token';
  }

  private async record(
    profileId: string,
    credential: string,
    token: MintedToken | undefined,
  ): Promise<void> {
    const meta = { ...this.meta() };
    const forProfile = { ...(meta[profileId] ?? {}) };
    if (token) {
      forProfile[credential] = {
        credential,
        label: this.label(profileId, credential),
        kind: token.kind,
        issuedAt: token.issuedAt ?? this.now(),
        expiresAt: token.expiresAt,
      };
    } else {
      delete forProfile[credential];
    }
    meta[profileId] = forProfile;
    await this.deps.state.update(META_KEY, meta);
    this.changed.fire();
  }

  private manager(profileId: string, credential: string): TokenManager {
    const key = this.key(profileId, credential);
    const existing = this.managers.get(key);
    if (existing) return existing.manager;
    const manager = new TokenManager({
      store: this.deps.secrets,
      storeKey: SecretKeys.token(profileId, credential),
      renewBeforeMs: this.deps.renewalMarginMs(),
      now: this.now,
      logger: this.deps.log,
      mint: async (signal) => {
        const profile = this.deps.profiles.require(profileId);
        this.deps.log.info(
          `minting ${this.label(profileId, credential)} for profile ${profile.name}`,
        );
        return this.deps.mint(profile, credential, signal);
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
