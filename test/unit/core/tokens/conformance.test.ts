import * as assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readKeyFile } from '../../../../src/core/keys/keyFile';
import type { KeyFile } from '../../../../src/core/keys/keyFile';
import {
  decodeJwt,
  describeJwtTimes,
  verifyJwtSignature,
} from '../../../../src/core/tokens/decodeJwt';
import { signAccessToken, signClientIdentifier } from '../../../../src/core/tokens/signJwt';
import { generateKeys } from '../../../helpers/keys';

/** The API of Samsung's knox-token-library-js 1.0.x (index.js): every call reads the key file at `path`. */
interface KnoxTokenLibrary {
  generateSignedClientIdentifierJWT(path: string, clientIdentifier: string): string;
  generateSignedAccessTokenJWT(path: string, accessToken: string): string;
  generateBase64EncodedStringPublicKey(path: string): string;
}

/** The verifier of the library's own JWT stack (jsonwebtoken 8, a dependency of the library). */
interface JsonWebToken {
  verify(token: string, key: string, options: { algorithms: string[]; audience: string }): unknown;
}

// Required at run time from node_modules (it is external to the test bundle).
const requireHere = createRequire(__filename);
const knox = requireHere('knox-token-library-js') as KnoxTokenLibrary;
const jsonwebtoken = createRequire(requireHere.resolve('knox-token-library-js'))(
  'jsonwebtoken',
) as JsonWebToken;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const TWO_UUIDS = new RegExp(`^${UUID}${UUID}$`);
const CLIENT_IDENTIFIER = `${Buffer.from('{"alg":"HS512"}').toString('base64url')}.${Buffer.from(
  '{"sub":"conformance"}',
).toString('base64url')}.c2lnbmF0dXJl`;

function segments(token: string): { header: string; claims: Record<string, unknown> } {
  const decoded = decodeJwt(token);
  return {
    header: Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8'),
    claims: { ...decoded.claims },
  };
}

describe("conformance with Samsung's knox-token-library-js", () => {
  let dir: string;
  let path: string;
  let key: KeyFile;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'knox-conformance-'));
    path = join(dir, 'keys.json');
    await writeFile(path, generateKeys().json);
    key = await readKeyFile(path);
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('derives the same publicKey value as generateBase64EncodedStringPublicKey', () => {
    const theirs = knox.generateBase64EncodedStringPublicKey(path);
    assert.equal(key.publicKeyBase64, theirs);
    assert.match(theirs, /^[A-Za-z0-9+/]+=*$/, 'standard base64, not base64url');
  });

  for (const [kind, ours, theirs, claim, value] of [
    [
      'signed access token',
      (k: KeyFile) => signAccessToken(k, 'knox-access-token'),
      (p: string) => knox.generateSignedAccessTokenJWT(p, 'knox-access-token'),
      'accessToken',
      'knox-access-token',
    ],
    [
      'signed client identifier',
      (k: KeyFile) => signClientIdentifier(k, CLIENT_IDENTIFIER),
      (p: string) => knox.generateSignedClientIdentifierJWT(p, CLIENT_IDENTIFIER),
      'clientIdentifier',
      CLIENT_IDENTIFIER,
    ],
  ] as const) {
    describe(kind, () => {
      let ourToken: string;
      let theirToken: string;

      before(async () => {
        ourToken = await ours(key);
        theirToken = theirs(path);
      });

      it('has byte-for-byte the same header segment', () => {
        assert.equal(ourToken.split('.')[0], theirToken.split('.')[0]);
        assert.equal(segments(ourToken).header, '{"alg":"RS512","typ":"JWT"}');
      });

      it('has the same claim names in the same order', () => {
        assert.deepEqual(
          Object.keys(segments(ourToken).claims),
          Object.keys(segments(theirToken).claims),
        );
        assert.deepEqual(Object.keys(segments(ourToken).claims), [
          claim,
          'publicKey',
          'iat',
          'exp',
          'aud',
          'jti',
        ]);
      });

      it('has the same value, publicKey, aud and lifetime, and a jti of the same shape', () => {
        const our = segments(ourToken).claims;
        const their = segments(theirToken).claims;
        assert.equal(our[claim], value);
        assert.equal(their[claim], value);
        assert.equal(our.publicKey, their.publicKey);
        assert.equal(our.aud, their.aud);
        assert.equal(Number(our.exp) - Number(our.iat), Number(their.exp) - Number(their.iat));
        assert.equal(Number(their.exp) - Number(their.iat), 1800);
        assert.ok(Math.abs(Number(our.iat) - Number(their.iat)) <= 5, 'both use the current time');
        assert.match(String(our.jti), TWO_UUIDS);
        assert.match(String(their.jti), TWO_UUIDS);
        assert.notEqual(our.jti, their.jti);
      });

      it('verifies their token with our view of the key', async () => {
        assert.equal(await verifyJwtSignature(theirToken, key.publicKey), true);
        assert.equal(describeJwtTimes(decodeJwt(theirToken).claims, Date.now()).expired, false);
      });

      it('verifies our token with their view of the key, in node:crypto and in their JWT stack', () => {
        const theirPublic = createPublicKey({
          key: Buffer.from(knox.generateBase64EncodedStringPublicKey(path), 'base64'),
          format: 'der',
          type: 'spki',
        });
        const { signingInput, signature } = decodeJwt(ourToken);
        assert.ok(verify('sha512', Buffer.from(signingInput), theirPublic, signature));
        const pem = theirPublic.export({ type: 'spki', format: 'pem' }).toString();
        const payload = jsonwebtoken.verify(ourToken, pem, {
          algorithms: ['RS512'],
          audience: 'KnoxWSM',
        });
        assert.equal((payload as Record<string, unknown>)[claim], value);
      });

      it('is told apart from a token of another key by both sides', async () => {
        const stranger = generateKeys();
        assert.equal(await verifyJwtSignature(theirToken, stranger.publicKey), false);
        const pem = stranger.publicKey.export({ type: 'spki', format: 'pem' }).toString();
        assert.throws(
          () => jsonwebtoken.verify(ourToken, pem, { algorithms: ['RS512'], audience: 'KnoxWSM' }),
          /invalid signature/,
        );
      });
    });
  }
});
