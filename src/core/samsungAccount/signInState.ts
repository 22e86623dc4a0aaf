import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The outcome of checking a redirect's `state`; only 'match' lets the sign-in go on. */
export type StateCheck = 'match' | 'mismatch' | 'missing' | 'used' | 'expired';

/** What `SignInState` takes; every field has a default. */
export interface SignInStateOptions {
  /** How long the state is accepted, in ms (default 10 minutes). */
  readonly ttlMs?: number;
  readonly now?: () => number;
  /** `n` cryptographically random bytes (default node:crypto randomBytes). */
  readonly randomBytes?: (n: number) => Buffer;
}

const STATE_BYTES = 32;
const DEFAULT_TTL_MS = 10 * 60_000;

/**
 * The OAuth `state` of one sign-in: 256 random bits, base64url. It can be checked once
 * (whatever the outcome), compared in constant time, and expires after `ttlMs`.
 */
export class SignInState {
  /** The value sent to signInGate. */
  readonly value: string;
  private readonly expiresAt: number;
  private readonly now: () => number;
  private checked = false;

  constructor(options: SignInStateOptions = {}) {
    this.now = options.now ?? Date.now;
    this.value = (options.randomBytes ?? randomBytes)(STATE_BYTES).toString('base64url');
    this.expiresAt = this.now() + (options.ttlMs ?? DEFAULT_TTL_MS);
  }

  /** Checks the state a redirect carried. Single use: every later call answers 'used'. */
  check(received: string | undefined): StateCheck {
    if (this.checked) return 'used';
    this.checked = true;
    if (received === undefined || received === '') return 'missing';
    if (this.now() >= this.expiresAt) return 'expired';
    return sameSecret(received, this.value) ? 'match' : 'mismatch';
  }

  /** True until the state has been checked. */
  get pending(): boolean {
    return !this.checked;
  }
}

/**
 * Compares two secrets in time independent of where they differ. Both are hashed first, so
 * inputs of different lengths compare in constant time too and never throw.
 */
export function sameSecret(a: string, b: string): boolean {
  const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b)) && a.length === b.length;
}
