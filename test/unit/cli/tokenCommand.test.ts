import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { startSandbox } from '../../../src/sandbox/sandbox';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { generateKeys } from '../../helpers/keys';
import { startLoopback } from '../../helpers/loopback';
import { assertCliBuilt, assertFailure, jsonOf, jwtParts, knox, tempDir } from './knoxProcess';
import type { TempDir } from './knoxProcess';

describe('knox token (process, against the sandbox)', () => {
  let dir: TempDir;
  let sandbox: Sandbox;
  let keysFile: string;
  let kmeIdFile: string;
  let kmeClientIdentifier: string;
  let sandboxKeys: { Public: string; Private: string };

  before(async () => {
    assertCliBuilt();
    dir = await tempDir();
    sandbox = await startSandbox({ port: 0, dir: `${dir.path}/sandbox` });
    keysFile = sandbox.credentials.keysFile;
    kmeIdFile = sandbox.credentials.clientIdentifierFiles.kme;
    kmeClientIdentifier = (await readFile(kmeIdFile, 'utf8')).trim();
    sandboxKeys = JSON.parse(await readFile(keysFile, 'utf8')) as {
      Public: string;
      Private: string;
    };
  });
  after(async () => {
    await sandbox.close();
    await dir.remove();
  });

  it('prints a signed access token that the sandbox accepts in x-knox-apitoken', async () => {
    const run = await knox([
      'token',
      '--keys',
      keysFile,
      '--client-id-file',
      kmeIdFile,
      '--base',
      sandbox.url,
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    const token = run.stdout.trim();
    assert.equal(run.stdout, `${token}\n`);
    const [header = '', claims = '', signature = ''] = token.split('.');
    const publicKey = createPublicKey({
      key: Buffer.from(sandboxKeys.Public, 'base64'),
      format: 'der',
      type: 'spki',
    });
    assert.ok(
      verify(
        'sha512',
        Buffer.from(`${header}.${claims}`),
        publicKey,
        Buffer.from(signature, 'base64url'),
      ),
    );
    assert.equal(typeof jwtParts(token).claims.accessToken, 'string');

    const answer = await fetch(`${sandbox.url}/kcs/v1/kme/devices/list?pageNum=0`, {
      headers: { 'x-knox-apitoken': token },
    });
    assert.equal(answer.status, 200);
  });

  it('gives the access token, the signed token and the expiry with --json, honouring --validity', async () => {
    const started = Date.now();
    const run = await knox([
      'token',
      '--keys',
      keysFile,
      '--client-id-file',
      kmeIdFile,
      '--base',
      sandbox.url,
      '--validity',
      '5',
      '--json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const json = jsonOf(run);
    assert.deepEqual(Object.keys(json).sort(), [
      'accessToken',
      'baseUrl',
      'expiresAt',
      'signedAccessToken',
      'validityMinutes',
    ]);
    assert.equal(json.validityMinutes, 5);
    assert.equal(json.baseUrl, sandbox.url);
    assert.equal(jwtParts(String(json.signedAccessToken)).claims.accessToken, json.accessToken);
    const expiresAt = Date.parse(String(json.expiresAt));
    assert.ok(
      expiresAt >= started + 5 * 60_000 - 1000 && expiresAt <= Date.now() + 5 * 60_000,
      String(json.expiresAt),
    );
  });

  it('exits 1 with the decoded Knox error when Knox refuses the Client Identifier', async () => {
    const stranger = generateKeys();
    const strangerKeys = await dir.write('stranger.json', stranger.json);
    const unknownId = await dir.write(
      'unknown-id.txt',
      'eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJ1bmtub3duIn0.not-issued-here',
    );
    const run = await knox([
      'token',
      '--keys',
      strangerKeys,
      '--client-id-file',
      unknownId,
      '--base',
      sandbox.url,
    ]);
    assertFailure(
      run,
      1,
      'Knox refused the access token request: HTTP 401 4012250 ACCESS_TOKEN_BAD_REQUEST',
      'not a client identifier issued by this Knox Cloud',
      'Do not retry: this is a signing error.',
    );
    assert.ok(!run.stderr.includes('not-issued-here'), 'the Client Identifier is not echoed');

    const json = await knox([
      'token',
      '--keys',
      strangerKeys,
      '--client-id-file',
      unknownId,
      '--base',
      sandbox.url,
      '--json',
    ]);
    assert.equal(json.code, 1);
    const { error } = jsonOf(json) as { error: Record<string, unknown> };
    assert.equal(error.code, 'KNOX_REJECTED');
    assert.equal(error.exitCode, 1);
    const refusal = error.knox as Record<string, unknown>;
    assert.equal(refusal.status, 401);
    assert.equal(refusal.code, '4012250');
    assert.equal(refusal.name, 'ACCESS_TOKEN_BAD_REQUEST');
    assert.match(String(refusal.hint), /signing error/);
    assert.match(String(refusal.errorId), /^[0-9a-f-]{36}$/);
  });

  it('exits 1 when a good Client Identifier is signed with another key file', async () => {
    const other = await dir.write('other.json', generateKeys().json);
    const run = await knox([
      'token',
      '--keys',
      other,
      '--client-id-file',
      kmeIdFile,
      '--base',
      sandbox.url,
    ]);
    assertFailure(
      run,
      1,
      'HTTP 401 4012250 ACCESS_TOKEN_BAD_REQUEST',
      'registered for another public key',
    );
    assert.ok(!run.stderr.includes(kmeClientIdentifier));
  });

  it('exits 2 for a validity outside 1 to 30, a bad region, or both --region and --base', async () => {
    const base = ['token', '--keys', keysFile, '--client-id-file', kmeIdFile];
    assertFailure(
      await knox([...base, '--validity', '31']),
      2,
      '--validity must be a whole number from 1 to 30, not "31".',
    );
    assertFailure(
      await knox([...base, '--validity', '2.5']),
      2,
      '--validity must be a whole number',
    );
    assertFailure(
      await knox([...base, '--region', 'ap']),
      2,
      '--region must be us or eu, not "ap".',
    );
    assertFailure(
      await knox([...base, '--region', 'eu', '--base', sandbox.url]),
      2,
      '--region and --base exclude each other',
    );
    assertFailure(
      await knox([...base, '--base', 'http://knox.example.com']),
      2,
      'does not use https',
    );
  });

  it('exits 1 naming the host when nothing answers', async () => {
    const closed = await startLoopback(() => undefined);
    await closed.close();
    const run = await knox([
      'token',
      '--keys',
      keysFile,
      '--client-id-file',
      kmeIdFile,
      '--base',
      closed.url,
    ]);
    assertFailure(
      run,
      1,
      `Could not reach ${closed.url.replace('http://', '')}: connection refused (ECONNREFUSED).`,
    );
  });

  it('logs the calls and the stack with --debug, with every secret redacted', async () => {
    const stranger = await dir.write('stranger-debug.json', generateKeys().json);
    const run = await knox([
      'token',
      '--keys',
      stranger,
      '--client-id-file',
      kmeIdFile,
      '--base',
      sandbox.url,
      '--debug',
    ]);
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /knox: debug: > POST http:\/\/127\.0\.0\.1:\d+\/ams\/v1\/users\/accesstoken/,
    );
    assert.match(run.stderr, /knox: debug: < 401 Unauthorized \(\d+ ms\)/);
    assert.match(
      run.stderr,
      /KnoxToolError: Knox refused the access token request[\s\S]*\[KNOX_REJECTED\]/,
    );
    assert.match(run.stderr, /\[REDACTED\]/);
    assert.ok(!run.stderr.includes(kmeClientIdentifier), 'no Client Identifier');
    assert.ok(!/"clientIdentifierJwt"\s*:\s*"eyJ/.test(run.stderr), 'no signed JWT');
    assert.ok(!run.stderr.includes(sandboxKeys.Private.slice(40, 80)), 'no private key');
  });
});
