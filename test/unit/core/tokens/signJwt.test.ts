import * as assert from 'node:assert/strict';
import { verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { isKnoxToolError } from '../../../../src/core/toolError';
import type { KnoxToolErrorCode } from '../../../../src/core/toolError';
import { parseKeyFile } from '../../../../src/core/keys/keyFile';
import type { KeyFile } from '../../../../src/core/keys/keyFile';
import {
  DEFAULT_JWT_LIFETIME_SECONDS,
  KNOX_JWT_AUDIENCE,
  signAccessToken,
  signClientIdentifier,
  signClientIdentifierWithIdpToken,
  signSessionToken,
} from '../../../../src/core/tokens/signJwt';
import type { SignOptions } from '../../../../src/core/tokens/signJwt';
import { generateKeys } from '../../../helpers/keys';
import type { GeneratedKeys } from '../../../helpers/keys';

const NOW = 1_790_000_000_987;
const IAT = 1_790_000_000;
const clock = (): number => NOW;
const TWO_UUIDS =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A portal-style client identifier: itself an HS512 JWT, signed verbatim. */
const CLIENT_IDENTIFIER = [
  Buffer.from('{"alg":"HS512"}').toString('base64url'),
  Buffer.from('{"sub":"client","scope":"kme"}').toString('base64url'),
  'c2lnbmF0dXJlLW9mLXRoZS1wb3J0YWw',
].join('.');

interface Parts {
  readonly headerText: string;
  readonly claims: Record<string, unknown>;
}

/** Splits and checks a compact JWS with node:crypto alone, independent of the code under test. */
function verifiedParts(token: string, publicKey: KeyObject, hash = 'sha512'): Parts {
  const [header = '', payload = '', signature = '', ...rest] = token.split('.');
  assert.equal(rest.length, 0, 'three parts');
  const valid = verify(
    hash,
    Buffer.from(`${header}.${payload}`),
    publicKey,
    Buffer.from(signature, 'base64url'),
  );
  assert.ok(valid, `signature verifies with ${hash}`);
  return {
    headerText: Buffer.from(header, 'base64url').toString('utf8'),
    claims: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >,
  };
}

describe('signJwt', () => {
  let keys: GeneratedKeys;
  let key: KeyFile;

  before(() => {
    keys = generateKeys();
    key = parseKeyFile(keys.json, 'keys.json');
  });

  async function rejectsWith(
    promise: Promise<string>,
    code: KnoxToolErrorCode,
    message: string,
  ): Promise<void> {
    await assert.rejects(promise, (e: unknown) => {
      assert.ok(isKnoxToolError(e, code), `expected ${code}, got ${String(e)}`);
      assert.equal(e.message, message);
      return true;
    });
  }

  describe('signAccessToken', () => {
    it('signs RS512 with header {"alg":"RS512","typ":"JWT"} and the Knox claims in order', async () => {
      const token = await signAccessToken(key, 'knox-access-token', { now: clock });
      const { headerText, claims } = verifiedParts(token, keys.publicKey);
      assert.equal(headerText, '{"alg":"RS512","typ":"JWT"}');
      assert.deepEqual(Object.keys(claims), [
        'accessToken',
        'publicKey',
        'iat',
        'exp',
        'aud',
        'jti',
      ]);
      assert.deepEqual(
        { ...claims, jti: undefined },
        {
          accessToken: 'knox-access-token',
          publicKey: keys.publicKeyBase64,
          iat: IAT,
          exp: IAT + 1800,
          aud: 'KnoxWSM',
          jti: undefined,
        },
      );
      assert.match(String(claims.jti), TWO_UUIDS);
      assert.equal(KNOX_JWT_AUDIENCE, 'KnoxWSM');
      assert.equal(DEFAULT_JWT_LIFETIME_SECONDS, 1800);
    });

    it('does not verify with a different key', async () => {
      const token = await signAccessToken(key, 'knox-access-token');
      const other = generateKeys();
      assert.throws(() => verifiedParts(token, other.publicKey), /signature verifies/);
    });

    it('signs RS256 when asked, and that signature is not an RS512 one', async () => {
      const token = await signAccessToken(key, 'knox-access-token', { alg: 'RS256', now: clock });
      const { headerText, claims } = verifiedParts(token, keys.publicKey, 'sha256');
      assert.equal(headerText, '{"alg":"RS256","typ":"JWT"}');
      assert.equal(claims.iat, IAT);
      assert.throws(() => verifiedParts(token, keys.publicKey, 'sha512'), /signature verifies/);
    });

    it('uses the injected clock and lifetime', async () => {
      const token = await signAccessToken(key, 'knox-access-token', {
        now: () => 1_000_999,
        lifetimeSeconds: 60,
      });
      const { claims } = verifiedParts(token, keys.publicKey);
      assert.equal(claims.iat, 1000);
      assert.equal(claims.exp, 1060);
    });

    it('uses the real clock by default', async () => {
      const before = Math.floor(Date.now() / 1000);
      const { claims } = verifiedParts(await signAccessToken(key, 'token'), keys.publicKey);
      const after = Math.floor(Date.now() / 1000);
      assert.ok(typeof claims.iat === 'number' && claims.iat >= before && claims.iat <= after);
    });

    it('gives every token a fresh jti', async () => {
      const tokens = await Promise.all(
        Array.from({ length: 40 }, () => signAccessToken(key, 'same', { now: clock })),
      );
      const jtis = new Set(tokens.map((t) => verifiedParts(t, keys.publicKey).claims.jti));
      assert.equal(jtis.size, 40);
      assert.equal(new Set(tokens).size, 40);
    });

    it('trims only the surrounding whitespace of the value', async () => {
      const token = await signAccessToken(key, '\r\n  abc def\tghi \n', { now: clock });
      assert.equal(verifiedParts(token, keys.publicKey).claims.accessToken, 'abc def\tghi');
    });

    it('rejects (never throws synchronously) an empty or blank access token', async () => {
      const message =
        'The access token to sign is empty. Pass the accessToken value returned by the Knox accesstoken API.';
      await rejectsWith(signAccessToken(key, ''), 'TOKEN_INVALID_INPUT', message);
      await rejectsWith(signAccessToken(key, ' \n\t'), 'TOKEN_INVALID_INPUT', message);
      await rejectsWith(
        signAccessToken(key, undefined as unknown as string),
        'TOKEN_INVALID_INPUT',
        message,
      );
    });

    it('rejects an unknown algorithm and a lifetime that is not a positive whole number', async () => {
      await rejectsWith(
        signAccessToken(key, 'x', { alg: 'HS256' } as unknown as SignOptions),
        'TOKEN_INVALID_INPUT',
        'Cannot sign with algorithm "HS256". Choose RS512 (the default) or RS256.',
      );
      for (const lifetimeSeconds of [0, -60, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        await rejectsWith(
          signAccessToken(key, 'x', { lifetimeSeconds }),
          'TOKEN_VALIDITY_OUT_OF_RANGE',
          `A signed token's lifetime must be a whole number of seconds above 0, not ${String(lifetimeSeconds)}. Leave it unset for Knox's 1800.`,
        );
      }
    });

    it('wraps a failure of the held private key in INTERNAL, keeping the cause', async () => {
      // A public key where the private one belongs: jose refuses to sign with it.
      const broken: KeyFile = { ...key, privateKey: key.publicKey };
      await assert.rejects(signAccessToken(broken, 'x'), (e: unknown) => {
        assert.ok(isKnoxToolError(e, 'INTERNAL'));
        assert.equal(
          e.message,
          'Signing a Knox JWT with the key from keys.json failed. Import the key file again; if that does not help, report a bug.',
        );
        assert.ok(e.cause instanceof Error);
        return true;
      });
    });
  });

  describe('signClientIdentifier', () => {
    it('signs the client identifier verbatim in the clientIdentifier claim', async () => {
      const token = await signClientIdentifier(key, `${CLIENT_IDENTIFIER}\n`, { now: clock });
      const { headerText, claims } = verifiedParts(token, keys.publicKey);
      assert.equal(headerText, '{"alg":"RS512","typ":"JWT"}');
      assert.deepEqual(Object.keys(claims), [
        'clientIdentifier',
        'publicKey',
        'iat',
        'exp',
        'aud',
        'jti',
      ]);
      assert.equal(claims.clientIdentifier, CLIENT_IDENTIFIER);
      assert.equal(claims.publicKey, keys.publicKeyBase64);
      assert.equal(claims.exp, IAT + 1800);
    });

    it('rejects an empty client identifier with TOKEN_INVALID_INPUT', async () => {
      await rejectsWith(
        signClientIdentifier(key, '   '),
        'TOKEN_INVALID_INPUT',
        'The client identifier to sign is empty. Paste the Client Identifier from the Knox Cloud API portal.',
      );
    });
  });

  describe('signClientIdentifierWithIdpToken', () => {
    it('signs clientIdentifier and delegatedSAToken together', async () => {
      const token = await signClientIdentifierWithIdpToken(key, CLIENT_IDENTIFIER, ' sa-token ', {
        now: clock,
      });
      const { claims } = verifiedParts(token, keys.publicKey);
      assert.deepEqual(Object.keys(claims), [
        'clientIdentifier',
        'delegatedSAToken',
        'publicKey',
        'iat',
        'exp',
        'aud',
        'jti',
      ]);
      assert.equal(claims.clientIdentifier, CLIENT_IDENTIFIER);
      assert.equal(claims.delegatedSAToken, 'sa-token');
      assert.equal(claims.aud, 'KnoxWSM');
    });

    it('rejects either value when empty, naming which', async () => {
      await rejectsWith(
        signClientIdentifierWithIdpToken(key, '', 'sa-token'),
        'TOKEN_INVALID_INPUT',
        'The client identifier to sign is empty. Paste the Client Identifier from the Knox Cloud API portal.',
      );
      await rejectsWith(
        signClientIdentifierWithIdpToken(key, CLIENT_IDENTIFIER, '\n'),
        'TOKEN_INVALID_INPUT',
        'The Samsung Account access token to sign is empty. Sign in with Samsung Account again to get one.',
      );
    });
  });

  describe('signSessionToken', () => {
    it('signs the session token in the sessionToken claim', async () => {
      const token = await signSessionToken(key, 'session-1', { now: clock, alg: 'RS256' });
      const { headerText, claims } = verifiedParts(token, keys.publicKey, 'sha256');
      assert.equal(headerText, '{"alg":"RS256","typ":"JWT"}');
      assert.deepEqual(Object.keys(claims), [
        'sessionToken',
        'publicKey',
        'iat',
        'exp',
        'aud',
        'jti',
      ]);
      assert.equal(claims.sessionToken, 'session-1');
    });

    it('rejects an empty session token', async () => {
      await rejectsWith(
        signSessionToken(key, ''),
        'TOKEN_INVALID_INPUT',
        'The session token to sign is empty. Pass the sessionToken value returned by the Knox sessiontoken API.',
      );
    });
  });
});
