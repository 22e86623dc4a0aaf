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
 * The OAuth `state` of one sign-in: 256 random bits, base64url, compared in constant time. It is
 * used up by the check that matches (or finds it expired); a forged or missing state does not use
 * it up, so a stranger's request cannot end the sign-in. It expires after `ttlMs`.
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

  /** Checks the state a redirect carried; after a 'match' or 'expired' every call answers 'used'. */
  check(received: string | undefined): StateCheck {
    if (this.checked) return 'used';
    if (received === undefined || received === '') return 'missing';
    if (!sameSecret(received, this.value)) return 'mismatch';
    this.checked = true;
    return this.now() >= this.expiresAt ? 'expired' : 'match';
  }

  /** True until a redirect with this state has been checked. */
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
