import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startSandbox } from '../../../src/sandbox/sandbox';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { assertCliBuilt, assertFailure, jsonOf, knox, tempDir } from './knoxProcess';
import type { TempDir } from './knoxProcess';

describe('knox oauth token and revoke (process, against the sandbox)', () => {
  let dir: TempDir;
  let sandbox: Sandbox;
  let clientId: string;
  let secretFile: string;
  let secret: string;

  before(async () => {
    assertCliBuilt();
    dir = await tempDir();
    sandbox = await startSandbox({ port: 0, dir: `${dir.path}/sandbox` });
    clientId = sandbox.credentials.oauthClientId;
    secretFile = sandbox.credentials.oauthClientSecretFile;
    secret = (await readFile(secretFile, 'utf8')).trim();
  });
  after(async () => {
    await sandbox.close();
    await dir.remove();
  });

  const listDevices = (token: string): Promise<Response> =>
    fetch(`${sandbox.url}/kcs/v1/kme/devices/list?pageNum=0`, {
      headers: { Authorization: `Bearer ${token}` },
    });

  it('prints an access token that the sandbox accepts as a Bearer token', async () => {
    const run = await knox(
      [
        'oauth',
        'token',
        '--client-id',
        clientId,
        '--client-secret-env',
        'KNOX_SECRET',
        '--scope',
        'kme.devices:view',
        '--base',
        sandbox.url,
      ],
      { env: { KNOX_SECRET: secret } },
    );
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    const token = run.stdout.trim();
    assert.equal((await listDevices(token)).status, 200);
  });

  it('describes the token with --json: type, granted scopes, lifetime and header value', async () => {
    const started = Date.now();
    const run = await knox([
      'oauth',
      'token',
      '--client-id',
      clientId,
      '--client-secret-file',
      secretFile,
      '--scope',
      'kme.devices:view kme.profiles:view',
      '--scope',
      'kdp',
      '--expires-in',
      '120',
      '--base',
      sandbox.url,
      '--json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const json = jsonOf(run);
    assert.equal(json.tokenType, 'Bearer');
    assert.deepEqual(json.scopes, ['kme.devices:view', 'kme.profiles:view', 'kdp']);
    assert.equal(json.expiresIn, 120);
    assert.equal(json.authorization, `Bearer ${String(json.accessToken)}`);
    const expiresAt = Date.parse(String(json.expiresAt));
    assert.ok(expiresAt >= started + 119_000 && expiresAt <= Date.now() + 120_000);
  });

  it('warns about a client secret on the command line and never echoes it', async () => {
    const run = await knox([
      'oauth',
      'token',
      '--client-id',
      clientId,
      '--client-secret',
      secret,
      '--scope',
      'kme',
      '--base',
      sandbox.url,
    ]);
    assert.equal(run.code, 0);
    assert.match(
      run.stderr,
      /^knox: warning: --client-secret puts the OAuth client secret on the command line/,
    );
    assert.ok(!run.stderr.includes(secret));
  });

  it('exits 1 with the OAuth error when the secret is wrong', async () => {
    const wrong = await dir.write('wrong-secret.txt', 'not-the-secret-of-this-app');
    const run = await knox([
      'oauth',
      'token',
      '--client-id',
      clientId,
      '--client-secret-file',
      wrong,
      '--scope',
      'kme',
      '--base',
      sandbox.url,
    ]);
    assertFailure(run, 1, 'Knox refused the OAuth token request: HTTP 401 invalid_client');
    assert.ok(!run.stderr.includes('not-the-secret-of-this-app'));
    const json = await knox([
      'oauth',
      'token',
      '--client-id',
      clientId,
      '--client-secret-file',
      wrong,
      '--scope',
      'kme',
      '--base',
      sandbox.url,
      '--json',
    ]);
    const { error } = jsonOf(json) as {
      error: { code: string; knox: { code: string; status: number } };
    };
    assert.deepEqual(
      [error.code, error.knox.code, error.knox.status],
      ['KNOX_REJECTED', 'invalid_client', 401],
    );
  });

  it('exits 2 without --client-id, --scope or a secret, or with a lifetime over an hour', async () => {
    const base = ['oauth', 'token', '--base', sandbox.url];
    assertFailure(
      await knox([...base, '--client-secret-file', secretFile, '--scope', 'kme']),
      2,
      '--client-id ID is required.',
    );
    assertFailure(
      await knox([...base, '--client-id', clientId, '--client-secret-file', secretFile]),
      2,
      '--scope "SCOPES" is required',
    );
    assertFailure(
      await knox([...base, '--client-id', clientId, '--scope', 'kme']),
      2,
      'The OAuth client secret is required',
    );
    assertFailure(
      await knox([
        ...base,
        '--client-id',
        clientId,
        '--client-secret-file',
        secretFile,
        '--scope',
        'kme',
        '--expires-in',
        '3601',
      ]),
      2,
      '--expires-in must be a whole number from 1 to 3600',
    );
  });

  it('revokes a token read from a file, after which the sandbox refuses it', async () => {
    const issued = await knox([
      'oauth',
      'token',
      '--client-id',
      clientId,
      '--client-secret-file',
      secretFile,
      '--scope',
      'kme',
      '--base',
      sandbox.url,
    ]);
    const token = issued.stdout.trim();
    assert.equal((await listDevices(token)).status, 200);
    const tokenFile = await dir.write('token.txt', token);
    const run = await knox([
      'oauth',
      'revoke',
      '--client-id',
      clientId,
      '--client-secret-file',
      secretFile,
      '--token-file',
      tokenFile,
      '--base',
      sandbox.url,
    ]);
    assert.deepEqual([run.code, run.stdout, run.stderr], [0, 'Token revoked.\n', '']);
    assert.equal((await listDevices(token)).status, 401);

    const json = await knox([
      'oauth',
      'revoke',
      '--client-id',
      clientId,
      '--client-secret-file',
      secretFile,
      '--token-file',
      tokenFile,
      '--base',
      sandbox.url,
      '--json',
    ]);
    assert.deepEqual(jsonOf(json), { revoked: true });
  });
});
