import { KnoxToolError } from '../toolError';
import type { Mint } from '../tokens/tokenManager';
import type { SamsungAccountToken, SamsungAccountTokenResult } from './samsungAccountToken';
import { samsungAccountRefusal } from './samsungAccountToken';

/**
 * One Samsung Account sign-in, kept in secret storage: the refresh token and who signed in. The
 * access token of an exchange waits in `handoff` until the token manager takes it.
 */
export interface SignInRecord {
  readonly signedInAt: number;
  readonly userId?: string;
  readonly refreshToken?: string;
  readonly refreshTokenExpiresAt?: number;
  readonly handoff?: {
    readonly accessToken: string;
    readonly expiresAt: number;
    readonly issuedAt: number;
  };
}

/** What `samsungAccountMint` needs: the record's store, the refresh call and a clock. */
export interface SamsungAccountMintOptions {
  readonly read: () => Promise<SignInRecord | undefined>;
  readonly write: (record: SignInRecord) => Promise<void>;
  readonly refresh: (
    refreshToken: string,
    signal: AbortSignal,
  ) => Promise<SamsungAccountTokenResult>;
  readonly now?: () => number;
  /** Whose sign-in it is, for messages: 'profile "Partner"'. */
  readonly subject?: string;
}

/** The record of a fresh exchange: its access token waits as the hand-off. */
export function signInRecordFrom(token: SamsungAccountToken, issuedAt: number): SignInRecord {
  return {
    signedInAt: issuedAt,
    ...(token.userId === undefined ? {} : { userId: token.userId }),
    ...(token.refreshToken === undefined ? {} : { refreshToken: token.refreshToken }),
    ...(token.refreshTokenExpiresAt === undefined
      ? {}
      : { refreshTokenExpiresAt: token.refreshTokenExpiresAt }),
    handoff: { accessToken: token.accessToken, expiresAt: token.expiresAt, issuedAt },
  };
}

/** Reads a stored record; undefined when the text is not one (never throws). */
export function parseSignInRecord(text: string | undefined): SignInRecord | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Record<string, unknown>;
  if (typeof r.signedInAt !== 'number') return undefined;
  const str = (v: unknown): string | undefined =>
    typeof v === 'string' && v !== '' ? v : undefined;
  const num = (v: unknown): number | undefined =>
    typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  const userId = str(r.userId);
  const refreshToken = str(r.refreshToken);
  const refreshTokenExpiresAt = num(r.refreshTokenExpiresAt);
  const h =
    typeof r.handoff === 'object' && r.handoff !== null
      ? (r.handoff as Record<string, unknown>)
      : undefined;
  const handoff =
    h && str(h.accessToken) && num(h.expiresAt) !== undefined && num(h.issuedAt) !== undefined
      ? {
          accessToken: h.accessToken as string,
          expiresAt: h.expiresAt as number,
          issuedAt: h.issuedAt as number,
        }
      : undefined;
  return {
    signedInAt: r.signedInAt,
    ...(userId === undefined ? {} : { userId }),
    ...(refreshToken === undefined ? {} : { refreshToken }),
    ...(refreshTokenExpiresAt === undefined ? {} : { refreshTokenExpiresAt }),
    ...(handoff === undefined ? {} : { handoff }),
  };
}

/**
 * A TokenManager mint for the Samsung Account access token: takes the hand-off of a fresh
 * sign-in once, then renews with the refresh token. Throws 'TOKEN_MISSING_CREDENTIAL' when
 * nobody is signed in or the refresh token has expired, 'SIGN_IN_FAILED' when the refresh is refused.
 */
export function samsungAccountMint(options: SamsungAccountMintOptions): Mint {
  const now = options.now ?? Date.now;
  const subject = options.subject ?? 'this profile';
  return async (signal) => {
    const record = await options.read();
    if (!record) {
      throw new KnoxToolError(
        'TOKEN_MISSING_CREDENTIAL',
        `Nobody is signed in to Samsung Account for ${subject}. Sign in first.`,
      );
    }
    const { handoff, ...rest } = record;
    if (handoff && handoff.expiresAt > now()) {
      await options.write(rest);
      return {
        value: handoff.accessToken,
        expiresAt: handoff.expiresAt,
        issuedAt: handoff.issuedAt,
        kind: 'samsungAccount',
      };
    }
    if (
      record.refreshToken === undefined ||
      (record.refreshTokenExpiresAt !== undefined && record.refreshTokenExpiresAt <= now())
    ) {
      throw new KnoxToolError(
        'TOKEN_MISSING_CREDENTIAL',
        `The Samsung Account sign-in of ${subject} has expired and cannot be renewed. Sign in again.`,
      );
    }
    const started = now();
    const result = await options.refresh(record.refreshToken, signal);
    if (!result.ok) throw samsungAccountRefusal(`to renew the sign-in of ${subject}`, result.error);
    const { token } = result;
    const replaced = token.refreshToken !== undefined && token.refreshToken !== record.refreshToken;
    const refreshTokenExpiresAt =
      token.refreshTokenExpiresAt ?? (replaced ? undefined : record.refreshTokenExpiresAt);
    const userId = token.userId ?? record.userId;
    await options.write({
      signedInAt: record.signedInAt,
      ...(userId === undefined ? {} : { userId }),
      refreshToken: token.refreshToken ?? record.refreshToken,
      ...(refreshTokenExpiresAt === undefined ? {} : { refreshTokenExpiresAt }),
    });
    return {
      value: token.accessToken,
      expiresAt: token.expiresAt,
      issuedAt: started,
      kind: 'samsungAccount',
    };
  };
}
