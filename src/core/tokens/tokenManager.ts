import { KnoxToolError } from '../toolError';
import type { Logger } from '../log/logger';
import { silentLogger } from '../log/logger';
import type { Disposable, SecretStore } from '../storage/secretStore';
import type { TokenInfo } from './tokenStatus';

/** Which scheme a token belongs to; decides the header it goes in. */
export type TokenKind = TokenInfo['kind'];

/** A token ready to send. Kept in the SecretStore as JSON. */
export interface MintedToken {
  /** The header value exactly as sent: a signed access token, or `Bearer <access_token>`. */
  readonly value: string;
  /** Epoch ms after which Knox rejects it. */
  readonly expiresAt: number;
  readonly kind: TokenKind;
  /** Epoch ms it was minted; the manager fills it in when the mint does not. */
  readonly issuedAt?: number;
}

/** Gets a new token; must honour `signal`. Throws KnoxToolError on failure. */
export type Mint = (signal: AbortSignal) => Promise<MintedToken>;

/** Why the token changed: for countdowns and the token tree. */
export type TokenChangeReason = 'minted' | 'invalidated' | 'cleared' | 'external';

/** A change of the managed token; `token` is undefined when there is none any more. */
export interface TokenChange {
  readonly reason: TokenChangeReason;
  readonly token: MintedToken | undefined;
}

/** What `TokenManager` needs; `renewBeforeMs` defaults to 60 s, `now` to Date.now. */
export interface TokenManagerOptions {
  readonly store: SecretStore;
  /** The SecretStore key the token is kept under (one per credential). */
  readonly storeKey: string;
  readonly mint: Mint;
  /** Renew this long before expiry (at most half the token's lifetime). */
  readonly renewBeforeMs?: number;
  readonly now?: () => number;
  readonly logger?: Logger;
}

interface Flight {
  readonly controller: AbortController;
  readonly promise: Promise<MintedToken>;
  waiters: number;
}

const KINDS: ReadonlySet<string> = new Set<TokenKind>(['legacy', 'oauth', 'samsungAccount']);

/**
 * Keeps one credential's token: cached in a SecretStore, renewed `renewBeforeMs` before expiry,
 * minted at most once at a time however many callers wait (single flight), with change events.
 */
export class TokenManager {
  private readonly store: SecretStore;
  private readonly storeKey: string;
  private readonly mint: Mint;
  private readonly renewBeforeMs: number;
  private readonly now: () => number;
  private readonly logger: Logger;
  private readonly listeners = new Set<(change: TokenChange) => void>();
  private readonly subscription: Disposable;
  /** undefined until the store has been read; `{ token: undefined }` when it holds nothing. */
  private state: { readonly token: MintedToken | undefined } | undefined;
  private loading: Promise<MintedToken | undefined> | undefined;
  private flight: Flight | undefined;
  /** Bumped by every local change, so a slow store read cannot overwrite a newer token. */
  private version = 0;
  /** Bumped by `clear()`, so a mint started before it is not stored after it. */
  private generation = 0;
  /** Deletions of the stored token under way: the store still holds what is being deleted. */
  private dropping = 0;

  constructor(options: TokenManagerOptions) {
    this.store = options.store;
    this.storeKey = options.storeKey;
    this.mint = options.mint;
    this.renewBeforeMs = options.renewBeforeMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? silentLogger;
    this.subscription = this.store.onDidChange(({ key }) => {
      if (key === this.storeKey) void this.reloadAfterExternalChange();
    });
  }

  /** A token that is not due for renewal, minting one if needed. Throws what the mint throws. */
  async get(signal?: AbortSignal): Promise<MintedToken> {
    const token = await this.load();
    if (token && this.isFresh(token)) return token;
    return this.join(signal);
  }

  /**
   * A new token because Knox refused `stale`. If another caller already replaced `stale`, that
   * newer token is returned and nothing is minted; concurrent renewals share one mint.
   */
  async renew(stale: string | undefined, signal?: AbortSignal): Promise<MintedToken> {
    await this.load();
    // Read after the await: another caller may have renewed meanwhile, and `join` then returns
    // that newer token.
    const token = this.state?.token;
    if (token && (stale === undefined || token.value === stale)) await this.drop('invalidated');
    return this.join(signal);
  }

  /** The cached token, fresh or not, without minting. */
  async current(): Promise<MintedToken | undefined> {
    return this.load();
  }

  /** True while `token` is not yet within the renewal margin of its expiry. */
  isFresh(token: MintedToken): boolean {
    const lifetime = token.issuedAt === undefined ? Infinity : token.expiresAt - token.issuedAt;
    const margin = Math.min(this.renewBeforeMs, lifetime / 2);
    return this.now() < token.expiresAt - margin;
  }

  /** Forgets the token (only if it is still `stale`, when given) so the next `get` mints. */
  async invalidate(stale?: string): Promise<void> {
    await this.load();
    const token = this.state?.token;
    if (!token || (stale !== undefined && token.value !== stale)) return;
    await this.drop('invalidated');
  }

  /** Forgets the token and cancels a mint in progress, e.g. when the credential is removed. */
  async clear(): Promise<void> {
    this.generation++;
    this.flight?.controller.abort();
    this.flight = undefined;
    await this.drop('cleared');
  }

  /** Listens for changes of the token, this manager's own and other windows'. */
  onDidChange(listener: (change: TokenChange) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** Stops listening to the store and drops all listeners. */
  dispose(): void {
    this.subscription.dispose();
    this.listeners.clear();
  }

  private join(signal: AbortSignal | undefined): Promise<MintedToken> {
    const cached = this.state?.token;
    if (cached && this.isFresh(cached)) return Promise.resolve(cached);
    if (signal?.aborted) return Promise.reject(cancelled(signal.reason));
    let flight = this.flight;
    if (!flight || flight.controller.signal.aborted) flight = this.startFlight();
    const joined = flight;
    joined.waiters++;
    return new Promise<MintedToken>((resolve, reject) => {
      // A caller that gives up leaves the others waiting; the mint is cancelled only when the
      // last waiter has gone.
      const onAbort = (): void => {
        joined.waiters--;
        if (joined.waiters === 0) joined.controller.abort(signal?.reason);
        reject(cancelled(signal?.reason));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      joined.promise.then(
        (token) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(token);
        },
        (e: Error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      );
    });
  }

  private startFlight(): Flight {
    const controller = new AbortController();
    const flight: Flight = {
      controller,
      promise: this.mintAndKeep(controller.signal, this.generation),
      waiters: 0,
    };
    const done = (): void => {
      if (this.flight === flight) this.flight = undefined;
    };
    flight.promise.then(done, done);
    this.flight = flight;
    return flight;
  }

  private async mintAndKeep(signal: AbortSignal, generation: number): Promise<MintedToken> {
    const minted = checkMinted(await this.mint(signal));
    const token: MintedToken = { ...minted, issuedAt: minted.issuedAt ?? this.now() };
    // After clear() the token belongs to nobody: its waiters get it, the store does not.
    if (generation === this.generation) {
      this.version++;
      this.state = { token };
      await this.persist(token);
      this.emit({ reason: 'minted', token });
    }
    return token;
  }

  private async load(): Promise<MintedToken | undefined> {
    if (this.state) return this.state.token;
    this.loading ??= this.readStore().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async readStore(): Promise<MintedToken | undefined> {
    const version = this.version;
    const token = await this.readStoredToken();
    // A local change while the store was being read wins over what was read.
    if (version === this.version) this.state = { token };
    return this.state?.token ?? token;
  }

  private async reloadAfterExternalChange(): Promise<void> {
    // While a deletion is under way the store may still answer with the token being deleted
    // (the echo of an earlier write arrives late): reading it now would bring it back.
    if (this.dropping > 0) return;
    const version = this.version;
    const token = await this.readStoredToken();
    if (version !== this.version || this.dropping > 0) return;
    if (this.state?.token?.value === token?.value) return;
    this.state = { token };
    this.emit({ reason: 'external', token });
  }

  private async readStoredToken(): Promise<MintedToken | undefined> {
    let text: string | undefined;
    try {
      text = await this.store.get(this.storeKey);
    } catch (e) {
      this.logger.warn(
        `Could not read the stored token "${this.storeKey}": ${describe(e)}. A new one will be minted.`,
      );
      return undefined;
    }
    if (text === undefined) return undefined;
    const token = parseStoredToken(text);
    if (!token)
      this.logger.warn(`The stored token "${this.storeKey}" is unreadable and is ignored.`);
    return token;
  }

  private async persist(token: MintedToken): Promise<void> {
    try {
      await this.store.set(this.storeKey, JSON.stringify(token));
    } catch (e) {
      this.logger.warn(
        `Could not store the token "${this.storeKey}": ${describe(e)}. It is kept in memory for this session only.`,
      );
    }
  }

  private async drop(reason: TokenChangeReason): Promise<void> {
    const had = this.state?.token !== undefined;
    this.version++;
    this.state = { token: undefined };
    this.dropping++;
    try {
      await this.store.delete(this.storeKey);
    } catch (e) {
      this.logger.warn(`Could not delete the stored token "${this.storeKey}": ${describe(e)}.`);
    } finally {
      this.dropping--;
    }
    if (had || reason === 'cleared') this.emit({ reason, token: undefined });
  }

  private emit(change: TokenChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (e) {
        this.logger.error(`A token change listener failed: ${describe(e)}`);
      }
    }
  }
}

function checkMinted(token: MintedToken): MintedToken {
  if (
    typeof token?.value !== 'string' ||
    token.value === '' ||
    !Number.isFinite(token.expiresAt) ||
    !KINDS.has(token.kind)
  ) {
    throw new KnoxToolError(
      'INTERNAL',
      'The token mint returned no usable token (value, expiresAt and kind are required). This is a bug in the toolkit; please report it.',
    );
  }
  return token;
}

function parseStoredToken(text: string): MintedToken | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const record = value as Record<string, unknown>;
    if (typeof record.value !== 'string' || record.value === '') return undefined;
    if (typeof record.expiresAt !== 'number' || !Number.isFinite(record.expiresAt))
      return undefined;
    if (typeof record.kind !== 'string' || !KINDS.has(record.kind)) return undefined;
    const issuedAt = typeof record.issuedAt === 'number' ? record.issuedAt : undefined;
    return {
      value: record.value,
      expiresAt: record.expiresAt,
      kind: record.kind as TokenKind,
      ...(issuedAt === undefined ? {} : { issuedAt }),
    };
  } catch {
    return undefined;
  }
}

function cancelled(cause: unknown): KnoxToolError {
  return new KnoxToolError('ABORTED', 'Getting a token was cancelled.', { cause });
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
