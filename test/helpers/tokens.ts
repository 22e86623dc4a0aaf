import { MemorySecretStore } from '../../src/core/storage/secretStore';
import { TokenManager } from '../../src/core/tokens/tokenManager';
import type { TokenKind } from '../../src/core/tokens/tokenManager';

/**
 * A TokenManager whose mint counts and numbers its tokens (`signed-1`, `Bearer oauth-2`...),
 * each valid for 30 minutes from `now`.
 */
export function countingTokens(
  kind: TokenKind,
  now: number,
): { tokens: TokenManager; mints: () => number } {
  let mints = 0;
  const tokens = new TokenManager({
    store: new MemorySecretStore(),
    storeKey: 'knox.token.test',
    now: () => now,
    mint: () =>
      Promise.resolve({
        value: kind === 'legacy' ? `signed-${++mints}` : `Bearer oauth-${++mints}`,
        expiresAt: now + 30 * 60_000,
        kind,
      }),
  });
  return { tokens, mints: () => mints };
}
