import assert from 'node:assert/strict';
import { isKnoxToolError } from '../../../../src/core/toolError';
import type { SignInRecord } from '../../../../src/core/samsungAccount/signInRecord';
import {
  parseSignInRecord,
  samsungAccountMint,
  signInRecordFrom,
} from '../../../../src/core/samsungAccount/signInRecord';

const T0 = Date.UTC(2025, 5, 1, 12, 0, 0);
const signal = new AbortController().signal;

function memory(initial?: SignInRecord): {
  record: () => SignInRecord | undefined;
  read: () => Promise<SignInRecord | undefined>;
  write: (r: SignInRecord) => Promise<void>;
} {
  let stored = initial === undefined ? undefined : JSON.stringify(initial);
  return {
    record: () => parseSignInRecord(stored),
    read: () => Promise.resolve(parseSignInRecord(stored)),
    write: (r) => {
      stored = JSON.stringify(r);
      return Promise.resolve();
    },
  };
}

const exchanged = signInRecordFrom(
  {
    accessToken: 'sa-1',
    tokenType: 'Bearer',
    expiresInSeconds: 3600,
    expiresAt: T0 + 3_600_000,
    refreshToken: 'refresh-1',
    refreshTokenExpiresAt: T0 + 86_400_000,
    userId: 'user-1',
  },
  T0,
);

describe('Samsung Account sign-in record', () => {
  it('keeps the exchange: who, the refresh token, and the access token as a one-time hand-off', () => {
    assert.deepEqual(exchanged, {
      signedInAt: T0,
      userId: 'user-1',
      refreshToken: 'refresh-1',
      refreshTokenExpiresAt: T0 + 86_400_000,
      handoff: { accessToken: 'sa-1', expiresAt: T0 + 3_600_000, issuedAt: T0 },
    });
    assert.deepEqual(parseSignInRecord(JSON.stringify(exchanged)), exchanged);
  });

  it('reads only well-formed records and drops a damaged hand-off', () => {
    assert.equal(parseSignInRecord(undefined), undefined);
    assert.equal(parseSignInRecord('not json'), undefined);
    assert.equal(parseSignInRecord('{"userId":"u"}'), undefined, 'signedInAt is required');
    assert.deepEqual(
      parseSignInRecord(
        JSON.stringify({ signedInAt: 1, refreshToken: '', handoff: { accessToken: 'a' } }),
      ),
      { signedInAt: 1 },
    );
  });

  describe('samsungAccountMint', () => {
    it('hands the exchanged token over once, without a network call, and forgets it', async () => {
      const store = memory(exchanged);
      let refreshes = 0;
      const mint = samsungAccountMint({
        ...store,
        now: () => T0 + 1000,
        refresh: () => {
          refreshes++;
          return Promise.reject(new Error('not expected'));
        },
      });
      assert.deepEqual(await mint(signal), {
        value: 'sa-1',
        expiresAt: T0 + 3_600_000,
        issuedAt: T0,
        kind: 'samsungAccount',
      });
      assert.equal(refreshes, 0);
      assert.equal(store.record()?.handoff, undefined, 'the hand-off is taken');
      assert.equal(store.record()?.refreshToken, 'refresh-1');
    });

    it('renews with the refresh token afterwards, and stores a replacement refresh token', async () => {
      const signedIn: SignInRecord = { ...exchanged };
      delete (signedIn as { handoff?: unknown }).handoff;
      const store = memory(signedIn);
      const seen: string[] = [];
      let now = T0 + 3_600_000;
      const mint = samsungAccountMint({
        ...store,
        now: () => now,
        refresh: (token) => {
          seen.push(token);
          const replacement = seen.length === 2 ? 'refresh-2' : undefined;
          return Promise.resolve({
            ok: true,
            token: {
              accessToken: `sa-${seen.length + 1}`,
              tokenType: 'Bearer',
              expiresInSeconds: 3600,
              expiresAt: now + 3_600_000,
              ...(replacement
                ? { refreshToken: replacement, refreshTokenExpiresAt: now + 1000 }
                : {}),
            },
          });
        },
      });
      const first = await mint(signal);
      assert.deepEqual(seen, ['refresh-1']);
      assert.equal(first.value, 'sa-2');
      assert.equal(first.issuedAt, now);
      assert.equal(store.record()?.refreshToken, 'refresh-1', 'kept when none comes back');
      assert.equal(store.record()?.refreshTokenExpiresAt, T0 + 86_400_000);
      assert.equal(store.record()?.userId, 'user-1');
      now += 10;
      await mint(signal);
      assert.deepEqual(seen, ['refresh-1', 'refresh-1']);
      assert.equal(
        store.record()?.refreshToken,
        'refresh-2',
        'a new refresh token replaces the old',
      );
      assert.equal(store.record()?.refreshTokenExpiresAt, now + 1000);
    });

    it('refreshes instead of handing over an access token that has already expired', async () => {
      const store = memory(exchanged);
      let refreshed = false;
      const mint = samsungAccountMint({
        ...store,
        now: () => T0 + 3_600_000,
        refresh: () => {
          refreshed = true;
          return Promise.resolve({
            ok: true,
            token: {
              accessToken: 'sa-new',
              tokenType: 'Bearer',
              expiresInSeconds: 60,
              expiresAt: T0 + 3_660_000,
            },
          });
        },
      });
      assert.equal((await mint(signal)).value, 'sa-new');
      assert.equal(refreshed, true);
    });

    it('says to sign in when nobody is signed in, or the refresh token is gone or expired', async () => {
      const cases: Array<[SignInRecord | undefined, RegExp]> = [
        [undefined, /^Nobody is signed in to Samsung Account for profile "P"\. Sign in first\.$/],
        [
          { signedInAt: T0 },
          /^The Samsung Account sign-in of profile "P" has expired and cannot be renewed\. Sign in again\.$/,
        ],
        [
          { signedInAt: T0, refreshToken: 'r', refreshTokenExpiresAt: T0 + 5 },
          /has expired and cannot be renewed/,
        ],
      ];
      for (const [record, message] of cases) {
        const mint = samsungAccountMint({
          ...memory(record),
          now: () => T0 + 5,
          subject: 'profile "P"',
          refresh: () => Promise.reject(new Error('not expected')),
        });
        await assert.rejects(mint(signal), (e: unknown) => {
          assert.ok(isKnoxToolError(e, 'TOKEN_MISSING_CREDENTIAL'));
          assert.match(e.message, message);
          return true;
        });
      }
    });

    it('throws SIGN_IN_FAILED with the explanation when the refresh is refused', async () => {
      const mint = samsungAccountMint({
        ...memory({ signedInAt: T0, refreshToken: 'r' }),
        subject: 'profile "P"',
        refresh: () =>
          Promise.resolve({
            ok: false,
            error: {
              status: 400,
              code: 'invalid_grant',
              message: 'revoked',
              hint: '',
              shape: 'oauth',
            },
          }),
      });
      await assert.rejects(mint(signal), (e: unknown) => {
        assert.ok(isKnoxToolError(e, 'SIGN_IN_FAILED'));
        assert.equal(
          e.message,
          'Samsung Account refused to renew the sign-in of profile "P": HTTP 400 invalid_grant. The code or refresh token is unknown, expired, used or revoked. Sign in again.',
        );
        return true;
      });
    });
  });
});
