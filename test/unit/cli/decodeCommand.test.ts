import assert from 'node:assert/strict';
import { parseKeyFile } from '../../../src/core/keys/keyFile';
import { signAccessToken, signClientIdentifier } from '../../../src/core/tokens/signJwt';
import { generateKeys } from '../../helpers/keys';
import type { GeneratedKeys } from '../../helpers/keys';
import { assertCliBuilt, assertFailure, jsonOf, knox, tempDir } from './knoxProcess';
import type { TempDir } from './knoxProcess';

describe('knox decode (process)', () => {
  let dir: TempDir;
  let keys: GeneratedKeys;
  let keysFile: string;
  let otherKeysFile: string;
  let fresh: string;
  let expired: string;

  before(async () => {
    assertCliBuilt();
    dir = await tempDir();
    keys = generateKeys();
    keysFile = await dir.write('keys.json', keys.json);
    otherKeysFile = await dir.write('other.json', generateKeys().json);
    const key = parseKeyFile(keys.json, 'keys.json');
    fresh = await signAccessToken(key, 'knox-access-token-1');
    // Issued two hours ago with Knox's 30-minute lifetime: expired 90 minutes ago.
    expired = await signClientIdentifier(key, 'client-identifier-2', {
      now: () => Date.now() - 2 * 3600_000,
    });
  });
  after(() => dir.remove());

  it('shows header, claims, times and a signature verified with the key file', async () => {
    const run = await knox(['decode', fresh, '--keys', keysFile]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    const out = run.stdout;
    assert.match(out, /^Header\n {2}alg +RS512\n {2}typ +JWT\nClaims\n/);
    assert.match(out, /\n {2}accessToken +knox-access-token-1\n/);
    assert.match(
      out,
      /\n {2}publicKey +MIIBIjANBgkqhkiG9w0BAQEF\.\.\.\S{8} \(392 chars\)\n/,
      'long values are shortened',
    );
    assert.match(
      out,
      /\n {2}exp +\d{10} \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in (29 min \d+ s|30 min)\)\n/,
    );
    assert.match(out, /\n {2}aud +KnoxWSM\n/);
    assert.match(out, /\n {2}expired +no, (29 min \d+ s|30 min) left\n/);
    assert.match(
      out,
      /\n {2}signature +valid \(RS512, verified with the key file .*keys\.json\)\n/,
    );
    assert.match(out, /\n {2}publicKey +the claim is the public key of the key file\n$/);
  });

  it('gives everything whole with --json', async () => {
    const run = await knox(['decode', fresh, '--keys', keysFile, '--json']);
    assert.equal(run.code, 0);
    const json = jsonOf(run) as {
      header: unknown;
      claims: Record<string, unknown>;
      times: Record<string, unknown>;
      signature: unknown;
      publicKeyMatchesKeys: unknown;
    };
    assert.deepEqual(json.header, { alg: 'RS512', typ: 'JWT' });
    assert.equal(json.claims.publicKey, keys.publicKeyBase64);
    assert.equal(json.claims.accessToken, 'knox-access-token-1');
    assert.equal(json.times.expired, false);
    assert.equal(
      json.times.expiresAt,
      new Date(Number(json.claims.exp) * 1000).toISOString().replace('.000Z', 'Z'),
    );
    assert.ok(Number(json.times.secondsLeft) > 1700 && Number(json.times.secondsLeft) <= 1800);
    assert.deepEqual(json.signature, { checked: true, valid: true, against: 'keys', keysFile });
    assert.equal(json.publicKeyMatchesKeys, true);
  });

  it('says how long ago an expired token expired', async () => {
    const text = await knox(['decode', expired]);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /\n {2}expired +yes, 1 h 30 min ago\n/);
    assert.match(
      text.stdout,
      /\n {2}signature +valid \(RS512, verified with its own publicKey claim\)/,
    );
    const json = jsonOf(await knox(['decode', expired, '--json'])) as {
      times: Record<string, unknown>;
      signature: unknown;
    };
    assert.equal(json.times.expired, true);
    assert.equal(json.times.secondsLeft, 0);
    assert.deepEqual(json.signature, { checked: true, valid: true, against: 'publicKeyClaim' });
  });

  it('reports a signature that does not verify with the key file, and a publicKey claim of another key, exit 0', async () => {
    const run = await knox(['decode', fresh, '--keys', otherKeysFile]);
    assert.equal(run.code, 0);
    assert.match(
      run.stdout,
      /\n {2}signature +INVALID: does not verify with the key file .*other\.json\n/,
    );
    assert.match(
      run.stdout,
      /\n {2}publicKey +the claim is NOT the public key of the key file: Knox answers 4012250\n/,
    );
    const json = jsonOf(await knox(['decode', fresh, '--keys', otherKeysFile, '--json']));
    assert.deepEqual(json.signature, {
      checked: true,
      valid: false,
      against: 'keys',
      keysFile: otherKeysFile,
    });
    assert.equal(json.publicKeyMatchesKeys, false);
  });

  it('detects a token whose signature was tampered with', async () => {
    const [header, claims] = fresh.split('.');
    const forged = `${header}.${claims}.${Buffer.alloc(256, 7).toString('base64url')}`;
    const json = jsonOf(await knox(['decode', forged, '--json']));
    assert.deepEqual(json.signature, { checked: true, valid: false, against: 'publicKeyClaim' });
  });

  it('reads the token from stdin with -, ignoring a "Bearer " prefix', async () => {
    const run = await knox(['decode', '-', '--json'], { stdin: `Bearer ${fresh}\n` });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      (jsonOf(run).claims as Record<string, unknown>).accessToken,
      'knox-access-token-1',
    );
  });

  it('does not check an HS512 token such as a portal Client Identifier, and says why', async () => {
    const part = (value: unknown): string =>
      Buffer.from(JSON.stringify(value)).toString('base64url');
    const portal = `${part({ alg: 'HS512', typ: 'JWT' })}.${part({ sub: 'x', iat: 1700000000 })}.${'A'.repeat(86)}`;
    const run = await knox(['decode', portal, '--keys', keysFile, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const json = jsonOf(run) as {
      signature: { checked: boolean; reason: string };
      times: Record<string, unknown>;
    };
    assert.equal(json.signature.checked, false);
    assert.match(json.signature.reason, /signed with "HS512"; only RS256 and RS512/);
    assert.equal(json.times.expired, false);
    const text = await knox(['decode', portal]);
    assert.match(text.stdout, /\n {2}expired +no \(the token has no exp claim\)\n/);
    assert.match(
      text.stdout,
      /\n {2}signature +not checked: no key to check it with: give --keys FILE\n/,
    );
  });

  it('exits 2 for something that is not a JWT, or no JWT at all', async () => {
    // Pieces only: the shared redaction masks the word after "JWT:" ("name: value" pairs).
    assertFailure(
      await knox(['decode', 'abc.def']),
      2,
      'The token is not a JWT',
      'has 2 parts separated by ".", not 3.',
    );
    const json = await knox(['decode', 'not-a-token', '--json']);
    assert.equal(json.code, 2);
    assert.equal((jsonOf(json).error as Record<string, unknown>).code, 'TOKEN_MALFORMED_JWT');
    assertFailure(await knox(['decode']), 2, 'JWT is missing: knox decode JWT [--keys FILE].');
  });
});
