import assert from 'node:assert/strict';
import { KnoxToolError, isKnoxToolError } from '../../../../src/core/toolError';
import { silentLogger } from '../../../../src/core/log/logger';
import type { Logger } from '../../../../src/core/log/logger';
import { MemorySecretStore } from '../../../../src/core/storage/secretStore';
import { TokenManager } from '../../../../src/core/tokens/tokenManager';
import type {
  MintedToken,
  TokenChange,
  TokenManagerOptions,
} from '../../../../src/core/tokens/tokenManager';

const MINUTE = 60_000;
const T0 = Date.parse('2025-03-01T10:00:00Z');

/** A mint the test controls: counts calls, and each call waits until released. */
function controlledMint(lifetimeMs = 30 * MINUTE) {
  const calls: AbortSignal[] = [];
  const pending: Array<{ resolve: (t: MintedToken) => void; reject: (e: Error) => void }> = [];
  let clock = T0;
  return {
    calls,
    setClock: (t: number) => (clock = t),
    mint: (signal: AbortSignal): Promise<MintedToken> => {
      calls.push(signal);
      return new Promise<MintedToken>((resolve, reject) => pending.push({ resolve, reject }));
    },
    release(index = pending.length - 1): MintedToken {
      const token: MintedToken = {
        value: `token-${index + 1}`,
        expiresAt: clock + lifetimeMs,
        kind: 'legacy',
        issuedAt: clock,
      };
      pending[index]?.resolve(token);
      return token;
    },
    fail(error: Error, index = pending.length - 1): void {
      pending[index]?.reject(error);
    },
  };
}

/** A mint that answers at once with numbered tokens. */
function instantMint(now: () => number, lifetimeMs = 30 * MINUTE) {
  let count = 0;
  return {
    count: () => count,
    mint: (): Promise<MintedToken> =>
      Promise.resolve({ value: `token-${++count}`, expiresAt: now() + lifetimeMs, kind: 'oauth' }),
  };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

function manager(overrides: Partial<TokenManagerOptions> & Pick<TokenManagerOptions, 'mint'>) {
  const store = overrides.store ?? new MemorySecretStore();
  return {
    store,
    tokens: new TokenManager({ store, storeKey: 'knox.token.test', ...overrides }),
  };
}

describe('TokenManager', () => {
  it('mints once, then serves the cached token and keeps it in the store as JSON', async () => {
    let now = T0;
    const source = instantMint(() => now);
    const { store, tokens } = manager({ mint: source.mint, now: () => now });
    const first = await tokens.get();
    now += 10 * MINUTE;
    const second = await tokens.get();
    assert.equal(source.count(), 1);
    assert.equal(second, first);
    assert.deepEqual(JSON.parse((await store.get('knox.token.test')) ?? 'null'), {
      value: 'token-1',
      expiresAt: T0 + 30 * MINUTE,
      kind: 'oauth',
      issuedAt: T0,
    });
  });

  it('uses a token another window stored, without minting', async () => {
    const store = new MemorySecretStore();
    await store.set(
      'knox.token.test',
      JSON.stringify({ value: 'stored', expiresAt: T0 + 20 * MINUTE, kind: 'legacy' }),
    );
    const source = instantMint(() => T0);
    const { tokens } = manager({ store, mint: source.mint, now: () => T0 });
    assert.equal((await tokens.get()).value, 'stored');
    assert.equal(source.count(), 0);
  });

  it('renews the configured margin before expiry, not after', async () => {
    let now = T0;
    const source = instantMint(() => now);
    const { tokens } = manager({ mint: source.mint, now: () => now, renewBeforeMs: 2 * MINUTE });
    await tokens.get();
    now = T0 + 28 * MINUTE - 1;
    assert.equal((await tokens.get()).value, 'token-1');
    now = T0 + 28 * MINUTE;
    assert.equal((await tokens.get()).value, 'token-2');
    assert.equal(source.count(), 2);
  });

  it('caps the margin at half the lifetime, so short tokens are not re-minted at once', async () => {
    let now = T0;
    const source = instantMint(() => now, MINUTE);
    const { tokens } = manager({ mint: source.mint, now: () => now, renewBeforeMs: 5 * MINUTE });
    await tokens.get();
    now = T0 + 29_000;
    assert.equal((await tokens.get()).value, 'token-1');
    now = T0 + 30_000;
    assert.equal((await tokens.get()).value, 'token-2');
  });

  it('mints exactly once for 100 concurrent callers holding a stale token', async () => {
    const store = new MemorySecretStore();
    await store.set(
      'knox.token.test',
      JSON.stringify({ value: 'stale', expiresAt: T0 - 1, kind: 'legacy' }),
    );
    const mint = controlledMint();
    const { tokens } = manager({ store, mint: mint.mint, now: () => T0 });
    const callers = Array.from({ length: 100 }, () => tokens.get());
    await tick();
    assert.equal(mint.calls.length, 1);
    const token = mint.release();
    const results = await Promise.all(callers);
    assert.equal(mint.calls.length, 1);
    assert.ok(results.every((r) => r.value === token.value));
  });

  it('mints exactly once for 100 concurrent renewals of the same refused token', async () => {
    const now = T0;
    const source = instantMint(() => now);
    const { tokens } = manager({ mint: source.mint, now: () => now });
    const refused = await tokens.get();
    const results = await Promise.all(
      Array.from({ length: 100 }, () => tokens.renew(refused.value)),
    );
    assert.equal(source.count(), 2);
    assert.ok(results.every((r) => r.value === 'token-2'));
  });

  it('returns a newer token on renew without minting when someone already renewed', async () => {
    const source = instantMint(() => T0);
    const { tokens } = manager({ mint: source.mint, now: () => T0 });
    await tokens.get();
    const newer = await tokens.renew('token-1');
    const again = await tokens.renew('token-1');
    assert.equal(again, newer);
    assert.equal(source.count(), 2);
  });

  it('invalidate forgets the token only if it is the stale one', async () => {
    const source = instantMint(() => T0);
    const { store, tokens } = manager({ mint: source.mint, now: () => T0 });
    await tokens.get();
    await tokens.invalidate('some-other-token');
    assert.equal((await tokens.get()).value, 'token-1');
    await tokens.invalidate('token-1');
    assert.equal(await store.get('knox.token.test'), undefined);
    assert.equal(await tokens.current(), undefined);
    assert.equal((await tokens.get()).value, 'token-2');
  });

  it('emits minted, invalidated, cleared and external changes', async () => {
    const now = T0;
    const source = instantMint(() => now);
    const { store, tokens } = manager({ mint: source.mint, now: () => now });
    const changes: Array<[TokenChange['reason'], string | undefined]> = [];
    tokens.onDidChange((c) => changes.push([c.reason, c.token?.value]));
    await tokens.get();
    await tokens.invalidate();
    await tokens.get();
    await store.set(
      'knox.token.test',
      JSON.stringify({ value: 'from-window-2', expiresAt: now + MINUTE * 10, kind: 'oauth' }),
    );
    await tick();
    assert.equal((await tokens.current())?.value, 'from-window-2');
    await tokens.clear();
    assert.deepEqual(changes, [
      ['minted', 'token-1'],
      ['invalidated', undefined],
      ['minted', 'token-2'],
      ['external', 'from-window-2'],
      ['cleared', undefined],
    ]);
  });

  it('does not let a slow read of another window’s change overwrite a newer local token', async () => {
    const source = instantMint(() => T0);
    const { store, tokens } = manager({ mint: source.mint, now: () => T0 });
    await tokens.get();
    const realGet = store.get.bind(store);
    let releaseRead: (() => void) | undefined;
    store.get = (key) => {
      store.get = realGet;
      const snapshot = realGet(key);
      return new Promise((resolve) => (releaseRead = () => resolve(snapshot)));
    };
    await store.set(
      'knox.token.test',
      JSON.stringify({ value: 'from-window-2', expiresAt: T0 + 10 * MINUTE, kind: 'oauth' }),
    );
    const renewed = await tokens.renew(undefined);
    releaseRead?.();
    await tick();
    assert.equal(renewed.value, 'token-2');
    assert.equal((await tokens.current())?.value, 'token-2');
  });

  it('clear cancels a mint in progress and does not store its late result', async () => {
    const mint = controlledMint();
    const { store, tokens } = manager({ mint: mint.mint, now: () => T0 });
    const pending = tokens.get();
    await tick();
    await tokens.clear();
    assert.equal(mint.calls[0]?.aborted, true);
    mint.release();
    await pending;
    assert.equal(await store.get('knox.token.test'), undefined);
    assert.equal(await tokens.current(), undefined);
  });

  it('passes a mint failure to every waiter and tries again on the next call', async () => {
    const mint = controlledMint();
    const { tokens } = manager({ mint: mint.mint, now: () => T0 });
    const waiters = [tokens.get(), tokens.get(), tokens.get()];
    await tick();
    mint.fail(new KnoxToolError('KNOX_REJECTED', 'Knox refused the access token request.'));
    const outcomes = await Promise.allSettled(waiters);
    assert.ok(
      outcomes.every((o) => o.status === 'rejected' && isKnoxToolError(o.reason, 'KNOX_REJECTED')),
    );
    const next = tokens.get();
    await tick();
    assert.equal(mint.calls.length, 2);
    mint.release();
    assert.equal((await next).value, 'token-2');
  });

  it('lets one waiter give up without cancelling the mint for the others', async () => {
    const mint = controlledMint();
    const { tokens } = manager({ mint: mint.mint, now: () => T0 });
    const quitter = new AbortController();
    const leaving = tokens.get(quitter.signal);
    const staying = tokens.get();
    await tick();
    quitter.abort();
    await assert.rejects(
      leaving,
      (e) => isKnoxToolError(e, 'ABORTED') && e.message === 'Getting a token was cancelled.',
    );
    assert.equal(mint.calls[0]?.aborted, false);
    mint.release();
    assert.equal((await staying).value, 'token-1');
  });

  it('cancels the mint when every waiter has given up', async () => {
    const mint = controlledMint();
    const { tokens } = manager({ mint: mint.mint, now: () => T0 });
    const a = new AbortController();
    const b = new AbortController();
    const waiting = [tokens.get(a.signal), tokens.get(b.signal)];
    await tick();
    a.abort();
    assert.equal(mint.calls[0]?.aborted, false);
    b.abort();
    assert.equal(mint.calls[0]?.aborted, true);
    await Promise.allSettled(waiting);
    const next = tokens.get();
    await tick();
    assert.equal(mint.calls.length, 2, 'a new caller starts a new mint');
    mint.release();
    await next;
  });

  it('ignores an unreadable stored value and mints', async () => {
    const store = new MemorySecretStore();
    await store.set('knox.token.test', '{"value": 42}');
    const warnings: string[] = [];
    const logger: Logger = { ...silentLogger, warn: (m) => warnings.push(m) };
    const source = instantMint(() => T0);
    const { tokens } = manager({ store, mint: source.mint, now: () => T0, logger });
    assert.equal((await tokens.get()).value, 'token-1');
    assert.deepEqual(warnings, [
      'The stored token "knox.token.test" is unreadable and is ignored.',
    ]);
  });

  it('keeps a token in memory when the store cannot save it, and says so without the value', async () => {
    const store = new MemorySecretStore();
    store.set = () => Promise.reject(new Error('keyring locked'));
    const warnings: string[] = [];
    const logger: Logger = { ...silentLogger, warn: (m) => warnings.push(m) };
    const source = instantMint(() => T0);
    const { tokens } = manager({ store, mint: source.mint, now: () => T0, logger });
    assert.equal((await tokens.get()).value, 'token-1');
    assert.equal((await tokens.get()).value, 'token-1');
    assert.equal(source.count(), 1);
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0] ?? '',
      /keyring locked\. It is kept in memory for this session only\.$/,
    );
    assert.doesNotMatch(warnings[0] ?? '', /token-1/);
  });

  it('rejects a mint that returns no usable token with INTERNAL', async () => {
    const { tokens } = manager({
      mint: () => Promise.resolve({ value: '', expiresAt: T0, kind: 'legacy' }),
      now: () => T0,
    });
    await assert.rejects(tokens.get(), (e) => isKnoxToolError(e, 'INTERNAL'));
  });

  it('stops listening to the store after dispose', async () => {
    const source = instantMint(() => T0);
    const { store, tokens } = manager({ mint: source.mint, now: () => T0 });
    const changes: TokenChange[] = [];
    tokens.onDidChange((c) => changes.push(c));
    tokens.dispose();
    await store.set(
      'knox.token.test',
      JSON.stringify({ value: 'x', expiresAt: T0 + MINUTE, kind: 'oauth' }),
    );
    await tick();
    assert.deepEqual(changes, []);
  });
  it('does not bring back a token being cleared when a late change event arrives meanwhile', async () => {
    // SecretStorage tells of a write late (the echo of the mint's own write), and a deletion
    // takes a while: the store still holds the old token while the echo is read.
    const now = T0;
    const source = instantMint(() => now);
    const inner = new MemorySecretStore();
    const echoes = new Set<(change: { key: string }) => void>();
    let finishDelete: (() => void) | undefined;
    const store = {
      get: (key: string) => inner.get(key),
      set: (key: string, value: string) => inner.set(key, value),
      delete: (key: string) =>
        new Promise<void>((done) => {
          finishDelete = () => void inner.delete(key).then(done);
        }),
      onDidChange: (listener: (change: { key: string }) => void) => {
        echoes.add(listener);
        return { dispose: () => void echoes.delete(listener) };
      },
    };
    const { tokens } = manager({ mint: source.mint, now: () => now, store });
    const seen: Array<string | undefined> = [];
    tokens.onDidChange((change) => seen.push(change.token?.value));
    await tokens.get();
    const clearing = tokens.clear();
    for (const listener of echoes) listener({ key: 'knox.token.test' });
    await tick();
    await tick();
    finishDelete?.();
    await clearing;
    await tick();
    assert.equal(await tokens.current(), undefined, 'the cleared token stays cleared');
    assert.deepEqual(seen, ['token-1', undefined], 'no change brings token-1 back');
  });
});
