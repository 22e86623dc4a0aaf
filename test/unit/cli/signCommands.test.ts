import assert from 'node:assert/strict';
import { createHash, verify } from 'node:crypto';
import { generateKeys } from '../../helpers/keys';
import type { GeneratedKeys } from '../../helpers/keys';
import { assertCliBuilt, assertFailure, jsonOf, jwtParts, knox, tempDir } from './knoxProcess';
import type { TempDir } from './knoxProcess';

const CLIENT_IDENTIFIER =
  'eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJjbGktdGVzdCJ9.portal-client-identifier-value';

function verifies(token: string, keys: GeneratedKeys, hash: 'sha512' | 'sha256'): boolean {
  const [header = '', claims = '', signature = ''] = token.split('.');
  return verify(
    hash,
    Buffer.from(`${header}.${claims}`),
    keys.publicKey,
    Buffer.from(signature, 'base64url'),
  );
}

describe('knox public-key and knox sign (process)', () => {
  let dir: TempDir;
  let keys: GeneratedKeys;
  let keysFile: string;
  let idFile: string;

  before(async () => {
    assertCliBuilt();
    dir = await tempDir();
    keys = generateKeys();
    keysFile = await dir.write('keys.json', keys.json);
    idFile = await dir.write('client-id.txt', `${CLIENT_IDENTIFIER}\n`);
  });
  after(() => dir.remove());

  describe('public-key', () => {
    it('prints the base64 SPKI public key, and with --json its fingerprint, size and Identifier', async () => {
      const text = await knox(['public-key', '--keys', keysFile]);
      assert.deepEqual([text.code, text.stdout, text.stderr], [0, `${keys.publicKeyBase64}\n`, '']);

      const run = await knox(['public-key', '--keys', keysFile, '--json']);
      assert.equal(run.code, 0);
      const spki = Buffer.from(keys.publicKeyBase64, 'base64');
      const fingerprint = createHash('sha256')
        .update(spki)
        .digest('hex')
        .toUpperCase()
        .match(/../g)
        ?.join(':');
      assert.deepEqual(jsonOf(run), {
        publicKey: keys.publicKeyBase64,
        fingerprint,
        modulusBits: 2048,
        identifier: keys.identifier,
        keysFile,
      });
    });

    it('resolves a relative --keys path against the working folder', async () => {
      const run = await knox(['public-key', '--keys', 'keys.json'], { cwd: dir.path });
      assert.equal(run.stdout, `${keys.publicKeyBase64}\n`);
    });

    it('exits 2 with the key file problem, never printing key material', async () => {
      assertFailure(
        await knox(['public-key', '--keys', `${dir.path}/missing.json`]),
        2,
        'Cannot read the key file',
        '(ENOENT)',
      );

      const notJson = await dir.write(
        'not-json.json',
        `{"Public": "${keys.publicKeyBase64}", "Private": ${keys.privateKeyBase64}`,
      );
      const broken = await knox(['public-key', '--keys', notJson]);
      assertFailure(broken, 2, 'is not valid JSON', 'Download keys.json again');
      assert.ok(!broken.stderr.includes(keys.privateKeyBase64.slice(40, 80)));

      const other = generateKeys();
      const mixed = await dir.write(
        'mixed.json',
        JSON.stringify({ Public: keys.publicKeyBase64, Private: other.privateKeyBase64 }),
      );
      const mismatch = await knox(['public-key', '--keys', mixed, '--debug']);
      assert.equal(mismatch.code, 2);
      assert.match(
        mismatch.stderr,
        /^knox: The "Public" and "Private" keys in .*mixed\.json are not a pair\./,
      );
      assert.ok(
        !mismatch.stderr.includes(other.privateKeyBase64.slice(40, 80)),
        'no private key in --debug output',
      );
    });
  });

  describe('sign client-id', () => {
    it("signs the Client Identifier from a file like Samsung's utility (RS512, 30 minutes, KnoxWSM, fresh jti)", async () => {
      const before = Math.floor(Date.now() / 1000);
      const run = await knox(['sign', 'client-id', '--keys', keysFile, '--client-id-file', idFile]);
      assert.equal(run.code, 0);
      assert.equal(run.stderr, '');
      const token = run.stdout.trim();
      assert.equal(run.stdout, `${token}\n`);
      assert.ok(verifies(token, keys, 'sha512'), 'the signature verifies with the public key');
      const { header, claims } = jwtParts(token);
      assert.deepEqual(header, { alg: 'RS512', typ: 'JWT' });
      assert.equal(claims.clientIdentifier, CLIENT_IDENTIFIER);
      assert.equal(claims.publicKey, keys.publicKeyBase64);
      assert.equal(claims.aud, 'KnoxWSM');
      assert.ok(Number(claims.iat) >= before && Number(claims.iat) <= before + 10);
      assert.equal(Number(claims.exp) - Number(claims.iat), 1800);
      assert.match(String(claims.jti), /^([0-9a-f-]{36}){2}$/);

      const again = jwtParts(
        (
          await knox(['sign', 'client-id', '--keys', keysFile, '--client-id-file', idFile])
        ).stdout.trim(),
      );
      assert.notEqual(again.claims.jti, claims.jti, 'every run signs with a new jti');
    });

    it('signs RS256 from an environment variable, and describes the JWT with --json', async () => {
      const run = await knox(
        [
          'sign',
          'client-id',
          '--keys',
          keysFile,
          '--client-id-env',
          'KNOX_TEST_CLIENT_ID',
          '--alg',
          'rs256',
          '--json',
        ],
        { env: { KNOX_TEST_CLIENT_ID: CLIENT_IDENTIFIER } },
      );
      assert.equal(run.code, 0);
      const json = jsonOf(run);
      assert.deepEqual(Object.keys(json).sort(), [
        'alg',
        'delegated',
        'expiresAt',
        'issuedAt',
        'jti',
        'signedClientIdentifier',
      ]);
      const token = String(json.signedClientIdentifier);
      assert.ok(verifies(token, keys, 'sha256'));
      const { header, claims } = jwtParts(token);
      assert.equal(header.alg, 'RS256');
      assert.equal(json.alg, 'RS256');
      assert.equal(json.delegated, false);
      assert.equal(json.jti, claims.jti);
      assert.equal(
        json.issuedAt,
        new Date(Number(claims.iat) * 1000).toISOString().replace('.000Z', 'Z'),
      );
      assert.equal(
        json.expiresAt,
        new Date(Number(claims.exp) * 1000).toISOString().replace('.000Z', 'Z'),
      );
    });

    it('signs the partner variant with delegatedSAToken when given a Samsung Account token', async () => {
      const saFile = await dir.write('sa-token.txt', 'samsung-account-access-token-42\n');
      const run = await knox([
        'sign',
        'client-id',
        '--keys',
        keysFile,
        '--client-id-file',
        idFile,
        '--idp-token-file',
        saFile,
        '--json',
      ]);
      assert.equal(run.code, 0);
      const json = jsonOf(run);
      assert.equal(json.delegated, true);
      const { claims } = jwtParts(String(json.signedClientIdentifier));
      assert.equal(claims.clientIdentifier, CLIENT_IDENTIFIER);
      assert.equal(claims.delegatedSAToken, 'samsung-account-access-token-42');
    });

    it('works with the Client Identifier on the command line but warns that other processes can see it', async () => {
      const run = await knox([
        'sign',
        'client-id',
        '--keys',
        keysFile,
        '--client-id',
        CLIENT_IDENTIFIER,
      ]);
      assert.equal(run.code, 0);
      assert.equal(jwtParts(run.stdout.trim()).claims.clientIdentifier, CLIENT_IDENTIFIER);
      assert.equal(
        run.stderr,
        'knox: warning: --client-id puts the Client Identifier on the command line, where other processes and shell history can see it. Use --client-id-file FILE or --client-id-env VAR.\n',
      );
    });

    it('exits 2 when the Client Identifier is missing, given twice, or its variable is unset', async () => {
      assertFailure(
        await knox(['sign', 'client-id', '--keys', keysFile]),
        2,
        'The Client Identifier is required: give --client-id-file FILE or --client-id-env VAR.',
      );
      assertFailure(
        await knox([
          'sign',
          'client-id',
          '--keys',
          keysFile,
          '--client-id-file',
          idFile,
          '--client-id-env',
          'X',
        ]),
        2,
        'Give the Client Identifier once: --client-id, --client-id-file and --client-id-env exclude each other.',
      );
      assertFailure(
        await knox([
          'sign',
          'client-id',
          '--keys',
          keysFile,
          '--client-id-env',
          'KNOX_UNSET_VARIABLE',
        ]),
        2,
        'The environment variable KNOX_UNSET_VARIABLE (--client-id-env) is not set or empty',
      );
      const empty = await dir.write('empty.txt', '  \n');
      assertFailure(
        await knox(['sign', 'client-id', '--keys', keysFile, '--client-id-file', empty]),
        2,
        'empty.txt is empty',
      );
    });

    it('exits 2 for an algorithm other than RS512 or RS256', async () => {
      assertFailure(
        await knox([
          'sign',
          'client-id',
          '--keys',
          keysFile,
          '--client-id-file',
          idFile,
          '--alg',
          'HS256',
        ]),
        2,
        '--alg must be RS512 or RS256, not "HS256".',
      );
    });
  });

  describe('sign access-token and sign session-token', () => {
    it('signs an access token read from stdin (--access-token-file -)', async () => {
      const run = await knox(
        ['sign', 'access-token', '--keys', keysFile, '--access-token-file', '-'],
        {
          stdin: 'knox-access-token-from-stdin\n',
        },
      );
      assert.equal(run.code, 0);
      const token = run.stdout.trim();
      assert.ok(verifies(token, keys, 'sha512'));
      const { claims } = jwtParts(token);
      assert.equal(claims.accessToken, 'knox-access-token-from-stdin');
      assert.equal(claims.clientIdentifier, undefined);
    });

    it('signs a session token from a file, with --json', async () => {
      const file = await dir.write('session.txt', 'emm-session-token-7');
      const run = await knox([
        'sign',
        'session-token',
        '--keys',
        keysFile,
        '--session-token-file',
        file,
        '--json',
      ]);
      assert.equal(run.code, 0);
      const json = jsonOf(run);
      assert.equal(json.alg, 'RS512');
      assert.equal(
        jwtParts(String(json.signedSessionToken)).claims.sessionToken,
        'emm-session-token-7',
      );
    });

    it('warns about an access token on the command line without ever echoing it', async () => {
      const run = await knox([
        'sign',
        'access-token',
        '--keys',
        keysFile,
        '--access-token',
        'plain-access-token-99',
      ]);
      assert.equal(run.code, 0);
      assert.match(
        run.stderr,
        /^knox: warning: --access-token puts the access token on the command line/,
      );
      assert.ok(!run.stderr.includes('plain-access-token-99'));
    });
  });
});
