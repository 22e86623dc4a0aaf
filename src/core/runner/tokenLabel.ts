import type { TokenInfo } from '../tokens/tokenStatus';
import { formatTimeLeft } from '../tokens/tokenStatus';

/** The token state a CodeLens shows: "token: 12 min", "token: expired" or "no token". */
export function tokenLabel(token: Pick<TokenInfo, 'expiresAt'> | undefined, now: number): string {
  if (!token) return 'no token';
  if (token.expiresAt <= now) return 'token: expired';
  return `token: ${formatTimeLeft(token.expiresAt, now)}`;
}
