/** How fresh a token is, for display: the tree, the status bar and CodeLens. */
export type TokenFreshness = 'fresh' | 'expiring' | 'expired';

/** Non-secret facts about a stored token (its value lives in secret storage only). */
export interface TokenInfo {
  /** Which credential it belongs to: a client identifier id, 'oauth' or 'samsungAccount'. */
  readonly credential: string;
  readonly label: string;
  readonly kind: 'legacy' | 'oauth' | 'samsungAccount';
  readonly issuedAt: number;
  readonly expiresAt: number;
}

/** Classifies a token by time left; `expiringWithinMs` is the renewal margin. */
export function freshness(
  expiresAt: number,
  now: number,
  expiringWithinMs: number,
): TokenFreshness {
  if (expiresAt <= now) return 'expired';
  return expiresAt - now <= expiringWithinMs ? 'expiring' : 'fresh';
}

/** "27 min", "1 min 05 s", "45 s", "expired 3 min ago": time left in human form. */
export function formatTimeLeft(expiresAt: number, now: number): string {
  const ms = expiresAt - now;
  const abs = Math.abs(ms);
  const min = Math.floor(abs / 60_000);
  const sec = Math.floor((abs % 60_000) / 1000);
  const text =
    min >= 2 ? `${min} min` : min === 1 ? `1 min ${String(sec).padStart(2, '0')} s` : `${sec} s`;
  return ms > 0 ? text : `expired ${text} ago`;
}

/** "29:47", "1:05:00": a countdown that ticks every second; "0:00" once expired. */
export function formatCountdown(expiresAt: number, now: number): string {
  const total = Math.max(0, Math.ceil((expiresAt - now) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h ? String(m).padStart(2, '0') : String(m);
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}
