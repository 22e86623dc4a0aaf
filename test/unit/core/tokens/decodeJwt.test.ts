import * as assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { isKnoxToolError } from '../../../../src/core/toolError';
import type { KnoxToolErrorCode } from '../../../../src/core/toolError';
import { parseKeyFile } from '../../../../src/core/keys/keyFile';
import type { KeyFile } from '../../../../src/core/keys/keyFile';
import {
  decodeJwt,
  describeJwtTimes,
  verifyJwtSignature,
} from '../../../../src/core/tokens/decodeJwt';
import { signAccessToken } from '../../../../src/core/tokens/signJwt';
import { generateKeys } from '../../../helpers/keys';
import type { GeneratedKeys } from '../../../helpers/keys';

const SECRET = 'very-secret-access-token-value';
const b64u = (text: string): string => Buffer.from(text).toString('base64url');

/** A compact JWS signed with node:crypto directly, independent of jose and of signJwt. */
function handSigned(
  header: object,
  claims: object,
  privateKey: GeneratedKeys['privateKey'],
  hash = 'sha512',
): string {
  const input = `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(claims))}`;
  return `${input}.${sign(hash, Buffer.from(input), privateKey).toString('base64url')}`;
}

describe('decodeJwt', () => {
  let keys: GeneratedKeys;
  let key: KeyFile;

  before(() => {
    keys = generateKeys();
    key = parseKeyFile(keys.json, 'keys.json');
  });

  function malformed(
    token: string,
    message: string,
    code: KnoxToolErrorCode = 'TOKEN_MALFORMED_JWT',
  ): void {
    assert.throws(
      () => decodeJwt(token),
      (e: unknown) => {
        assert.ok(isKnoxToolError(e, code), `expected ${code}, got ${String(e)}`);
        assert.equal(e.message, `${message} Copy the whole token again.`);
        assert.ok(!e.message.includes(SECRET));
        assert.equal(e.cause, undefined, 'no cause that could quote the token');
        return true;
      },
    );
  }

  it('returns header, claims, signing input and signature of a signed token', async () => {
    const token = await signAccessToken(key, SECRET, { now: () => 1_790_000_000_000 });
    const decoded = decodeJwt(`  ${token}\n`);
    const [header, payload, signature] = token.split('.');
    assert.deepEqual(decoded.header, { alg: 'RS512', typ: 'JWT' });
    assert.equal(decoded.claims.accessToken, SECRET);
    assert.equal(decoded.claims.iat, 1_790_000_000);
    assert.equal(decoded.claims.exp, 1_790_001_800);
    assert.equal(decoded.signingInput, `${header}.${payload}`);
    assert.deepEqual(Buffer.from(decoded.signature), Buffer.from(signature ?? '', 'base64url'));
    assert.equal(decoded.signature.length, 256);
  });

  it('accepts an empty signature (an unsecured JWT) as zero bytes', () => {
    const decoded = decodeJwt(`${b64u('{"alg":"none"}')}.${b64u('{"a":1}')}.`);
    assert.equal(decoded.signature.length, 0);
    assert.deepEqual(decoded.claims, { a: 1 });
  });

  it('rejects what is not a compact JWS with TOKEN_MALFORMED_JWT, never quoting the token', () => {
    const header = b64u('{"alg":"RS512"}');
    const claims = b64u(JSON.stringify({ accessToken: SECRET }));
    malformed('', 'The token is empty.');
    malformed(' \n ', 'The token is empty.');
    malformed(SECRET, 'The token is not a JWT: it has 1 part separated by ".", not 3.');
    malformed(
      `${header}.${claims}`,
      'The token is not a JWT: it has 2 parts separated by ".", not 3.',
    );
    malformed(
      `${header}.${claims}.x.y`,
      'The token is not a JWT: it has 4 parts separated by ".", not 3.',
    );
    malformed(
      `${header}.${claims}.a.b.c`,
      'The token is an encrypted JWT (JWE, 5 parts); only signed JWTs can be read.',
    );
    malformed(`.${claims}.sig`, "The token's header is not base64url text.");
    malformed(`${header}.${claims}+.sig`, "The token's payload is not base64url text.");
    malformed(`${header}.${claims}.si*g`, "The token's signature is not base64url text.");
    malformed(`${b64u('{"alg":')}.${claims}.sig`, "The token's header is not JSON.");
    malformed(
      `${header}.${b64u(`{"accessToken":"${SECRET}"`)}.sig`,
      "The token's payload is not JSON.",
    );
    malformed(
      `${header}.${Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]).toString('base64url')}.sig`,
      "The token's payload is not JSON.",
    );
    malformed(`${b64u('["RS512"]')}.${claims}.sig`, "The token's header is not a JSON object.");
    malformed(`${header}.${b64u('null')}.sig`, "The token's payload is not a JSON object.");
  });
});

describe('verifyJwtSignature', () => {
  let keys: GeneratedKeys;
  let other: GeneratedKeys;
  let key: KeyFile;

  before(() => {
    keys = generateKeys();
    other = generateKeys();
    key = parseKeyFile(keys.json, 'keys.json');
  });

  it('is true for an RS512 token from signAccessToken and false with another key', async () => {
    const token = await signAccessToken(key, SECRET);
    assert.equal(await verifyJwtSignature(token, keys.publicKey), true);
    assert.equal(await verifyJwtSignature(token, other.publicKey), false);
  });

  it('is true for RS256 and RS512 tokens signed with node:crypto directly', async () => {
    const rs256 = handSigned({ alg: 'RS256', typ: 'JWT' }, { a: 1 }, keys.privateKey, 'sha256');
    const rs512 = handSigned({ alg: 'RS512', typ: 'JWT' }, { a: 1 }, keys.privateKey, 'sha512');
    assert.equal(await verifyJwtSignature(rs256, keys.publicKey), true);
    assert.equal(await verifyJwtSignature(rs512, keys.publicKey), true);
  });

  it('is false when the header says RS512 but the signature is RS256', async () => {
    const lying = handSigned({ alg: 'RS512', typ: 'JWT' }, { a: 1 }, keys.privateKey, 'sha256');
    assert.equal(await verifyJwtSignature(lying, keys.publicKey), false);
  });

  it('is false when a claim or the signature was changed', async () => {
    const token = await signAccessToken(key, SECRET);
    const [header = '', payload = '', signature = ''] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const tampered = `${header}.${b64u(JSON.stringify({ ...claims, accessToken: 'other' }))}.${signature}`;
    assert.equal(await verifyJwtSignature(tampered, keys.publicKey), false);
    const bytes = Buffer.from(signature, 'base64url');
    bytes[0] = (bytes[0] ?? 0) ^ 0x01;
    assert.equal(
      await verifyJwtSignature(
        `${header}.${payload}.${bytes.toString('base64url')}`,
        keys.publicKey,
      ),
      false,
    );
    assert.equal(
      await verifyJwtSignature(`${header}.${payload}.${signature.slice(0, 40)}`, keys.publicKey),
      false,
    );
    assert.equal(await verifyJwtSignature(`${header}.${payload}.`, keys.publicKey), false);
  });

  it('rejects a token of another algorithm with TOKEN_INVALID_INPUT, naming a plain alg only', async () => {
    const hs = `${b64u('{"alg":"HS512"}')}.${b64u('{"a":1}')}.c2ln`;
    await assert.rejects(verifyJwtSignature(hs, keys.publicKey), (e: unknown) => {
      assert.ok(isKnoxToolError(e, 'TOKEN_INVALID_INPUT'));
      assert.equal(
        e.message,
        'The token is signed with "HS512"; only RS256 and RS512 tokens can be checked against a key file.',
      );
      return true;
    });
    const odd = `${b64u(JSON.stringify({ alg: SECRET.repeat(2) }))}.${b64u('{}')}.c2ln`;
    await assert.rejects(verifyJwtSignature(odd, keys.publicKey), (e: unknown) => {
      assert.ok(isKnoxToolError(e, 'TOKEN_INVALID_INPUT'));
      assert.equal(
        e.message,
        'The token is signed with an unknown algorithm; only RS256 and RS512 tokens can be checked against a key file.',
      );
      return true;
    });
  });

  it('rejects a key that is not RSA with TOKEN_INVALID_INPUT', async () => {
    const token = await signAccessToken(key, SECRET);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await assert.rejects(verifyJwtSignature(token, ec.publicKey), (e: unknown) => {
      assert.ok(isKnoxToolError(e, 'TOKEN_INVALID_INPUT'));
      assert.equal(
        e.message,
        'The key to verify the token with is not an RSA key. Use the public key of a Knox keys.json.',
      );
      return true;
    });
  });

  it('rejects a malformed token with TOKEN_MALFORMED_JWT', async () => {
    await assert.rejects(verifyJwtSignature('a.b', keys.publicKey), (e: unknown) =>
      isKnoxToolError(e, 'TOKEN_MALFORMED_JWT'),
    );
  });
});

describe('describeJwtTimes', () => {
  const iat = 1_790_000_000;
  const exp = iat + 1800;

  it('gives issue and expiry dates and the whole seconds left', () => {
    const times = describeJwtTimes({ iat, exp }, (iat + 100) * 1000 + 400);
    assert.deepEqual(times, {
      issuedAt: new Date(iat * 1000),
      expiresAt: new Date(exp * 1000),
      expired: false,
      secondsLeft: 1699,
    });
  });

  it('is expired from the exp second on, with 0 seconds left', () => {
    assert.deepEqual(describeJwtTimes({ iat, exp }, exp * 1000 - 1), {
      issuedAt: new Date(iat * 1000),
      expiresAt: new Date(exp * 1000),
      expired: false,
      secondsLeft: 0,
    });
    assert.deepEqual(describeJwtTimes({ iat, exp }, exp * 1000), {
      issuedAt: new Date(iat * 1000),
      expiresAt: new Date(exp * 1000),
      expired: true,
      secondsLeft: 0,
    });
    assert.equal(describeJwtTimes({ exp }, exp * 1000 + 60_000).expired, true);
  });

  it('never expires a token without exp, and ignores times that are not numbers', () => {
    assert.deepEqual(describeJwtTimes({ iat }, 0), {
      issuedAt: new Date(iat * 1000),
      expired: false,
    });
    assert.deepEqual(describeJwtTimes({}, 0), { expired: false });
    assert.deepEqual(describeJwtTimes({ iat: '1790000000', exp: null }, 0), { expired: false });
    assert.deepEqual(describeJwtTimes({ exp: Number.NaN }, 0), { expired: false });
  });

  it('keeps fractional NumericDates', () => {
    const times = describeJwtTimes({ exp: 1000.5 }, 1000_000);
    assert.equal(times.expiresAt?.getTime(), 1_000_500);
    assert.equal(times.expired, false);
    assert.equal(times.secondsLeft, 0);
  });
});
