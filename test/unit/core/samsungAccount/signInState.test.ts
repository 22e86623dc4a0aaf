import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { SignInState, sameSecret } from '../../../../src/core/samsungAccount/signInState';

describe('SignInState', () => {
  it('is 256 bits from the random source, base64url, and different every time', () => {
    const asked: number[] = [];
    const state = new SignInState({
      randomBytes: (n) => {
        asked.push(n);
        return Buffer.alloc(n, 0xfb);
      },
    });
    assert.deepEqual(asked, [32]);
    assert.equal(state.value, Buffer.alloc(32, 0xfb).toString('base64url'));
    const values = new Set(Array.from({ length: 50 }, () => new SignInState().value));
    assert.equal(values.size, 50);
    for (const v of values) assert.match(v, /^[A-Za-z0-9_-]{43}$/);
  });

  it('matches its own value once; every later check is "used"', () => {
    const state = new SignInState();
    assert.equal(state.pending, true);
    assert.equal(state.check(state.value), 'match');
    assert.equal(state.pending, false);
    assert.equal(state.check(state.value), 'used');
  });

  it('is not used up by a forged or missing state: the real redirect still matches after one', () => {
    const state = new SignInState();
    const last = state.value.slice(-1) === 'A' ? 'B' : 'A';
    assert.equal(state.check(`${state.value.slice(0, -1)}${last}`), 'mismatch');
    assert.equal(state.check(undefined), 'missing');
    assert.equal(state.pending, true);
    assert.equal(state.check(state.value), 'match');
    assert.equal(state.check(state.value), 'used');
  });

  it('reports a missing or empty state', () => {
    assert.equal(new SignInState().check(undefined), 'missing');
    assert.equal(new SignInState().check(''), 'missing');
  });

  it('expires after its time to live, on the injected clock', () => {
    let now = 1_000_000;
    const late = new SignInState({ ttlMs: 60_000, now: () => now });
    const onTime = new SignInState({ ttlMs: 60_000, now: () => now });
    now += 59_999;
    assert.equal(onTime.check(onTime.value), 'match');
    now += 1;
    assert.equal(late.check(late.value), 'expired');
  });
});

describe('sameSecret', () => {
  it('is true only for identical strings', () => {
    const secret = randomBytes(32).toString('base64url');
    assert.equal(sameSecret(secret, secret), true);
    assert.equal(
      sameSecret(secret, `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`),
      false,
    );
    assert.equal(sameSecret(secret, secret.slice(0, -1)), false, 'a prefix');
    assert.equal(sameSecret(secret, `${secret}x`), false, 'a longer value');
    assert.equal(sameSecret('', secret), false);
    assert.equal(sameSecret('é', 'e\u0301'), false, 'no Unicode normalisation');
  });

  it('compares values of any length without throwing (timingSafeEqual alone would)', () => {
    assert.doesNotThrow(() => sameSecret('a', 'a'.repeat(10_000)));
  });
});
