import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { parsePublicKey, peekClaims, verifyKnoxJwt } from '../../../src/sandbox/jwtVerify';
import { generateKeys } from '../../helpers/keys';
import { signJwt } from './sandboxTestKit';

describe('sandbox: verifyKnoxJwt (independent of the signing engine)', () => {
  const keys = generateKeys();
  const now = 1_750_000_000;
  const claims = {
    accessToken: 't',
    publicKey: keys.publicKeyBase64,
    iat: now,
    exp: now + 1800,
    aud: 'KnoxWSM',
    jti: 'j',
  };
  const check = (token: string): ReturnType<typeof verifyKnoxJwt> =>
    verifyKnoxJwt(token, keys.publicKey, now);
  const problem = (token: string): string => {
    const result = check(token);
    assert.equal(result.ok, false);
    return result.ok ? '' : result.problem;
  };

  it('accepts RS512 and RS256 and returns header and claims', () => {
    for (const alg of ['RS512', 'RS256'] as const) {
      const result = check(signJwt(claims, keys.privateKey, { alg, typ: 'JWT' }));
      assert.ok(result.ok);
      assert.equal(result.jwt.alg, alg);
      assert.deepEqual(result.jwt.claims, claims);
    }
  });

  it('accepts aud as an array that contains KnoxWSM', () => {
    assert.ok(check(signJwt({ ...claims, aud: ['other', 'KnoxWSM'] }, keys.privateKey)).ok);
  });

  it('refuses a signature by another key, or made with RS256 but labelled RS512', () => {
    assert.match(problem(signJwt(claims, generateKeys().privateKey)), /signature does not verify/);
    const rs256 = signJwt(claims, keys.privateKey, { alg: 'RS256', typ: 'JWT' }).split('.');
    const relabelled = signJwt(claims, keys.privateKey).split('.');
    assert.match(
      problem(`${relabelled[0]}.${relabelled[1]}.${rs256[2]}`),
      /signature does not verify/,
    );
  });

  it('refuses other algorithms, malformed tokens, wrong aud, missing or past exp, future iat', () => {
    assert.match(problem(signJwt(claims, keys.privateKey, { alg: 'PS512' })), /"PS512"/);
    assert.match(problem('a.b'), /2 parts/);
    assert.match(problem('a..c'), /empty or non-base64url/);
    assert.match(problem('a+b.c.d'), /non-base64url/);
    assert.match(problem('YQ.YQ.YQ'), /not a base64url JSON object/);
    assert.match(problem(signJwt({ ...claims, aud: 'Knox' }, keys.privateKey)), /"aud" is "Knox"/);
    assert.match(
      problem(signJwt({ ...claims, exp: undefined }, keys.privateKey)),
      /no numeric "exp"/,
    );
    assert.match(
      problem(signJwt({ ...claims, exp: String(now + 10) }, keys.privateKey)),
      /no numeric "exp"/,
    );
    const expired = check(signJwt({ ...claims, exp: now }, keys.privateKey));
    assert.ok(
      !expired.ok &&
        expired.expired === true &&
        /expired at 2025-06-15T15:06:40\.000Z/.test(expired.problem),
    );
    assert.match(problem(signJwt({ ...claims, iat: now + 301 }, keys.privateKey)), /"iat"/);
    assert.ok(check(signJwt({ ...claims, iat: now + 299 }, keys.privateKey)).ok);
  });

  it('parses only standard base64 SPKI RSA public keys', () => {
    assert.equal(parsePublicKey(keys.publicKeyBase64)?.asymmetricKeyType, 'rsa');
    const urlSafe = keys.publicKeyBase64.replace(/\+/g, '-').replace(/\//g, '_');
    assert.equal(
      parsePublicKey(urlSafe === keys.publicKeyBase64 ? `${urlSafe}-` : urlSafe),
      undefined,
    );
    assert.equal(parsePublicKey(keys.privateKeyBase64), undefined);
    assert.equal(
      parsePublicKey(
        `-----BEGIN PUBLIC KEY-----\n${keys.publicKeyBase64}\n-----END PUBLIC KEY-----`,
      ),
      undefined,
    );
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .publicKey.export({ type: 'spki', format: 'der' })
      .toString('base64');
    assert.equal(parsePublicKey(ec), undefined);
  });

  it('peeks at the payload without verifying', () => {
    assert.deepEqual(peekClaims(signJwt(claims, generateKeys().privateKey)), claims);
    assert.equal(peekClaims('nope'), undefined);
    assert.equal(peekClaims('a.!!.c'), undefined);
  });
});
