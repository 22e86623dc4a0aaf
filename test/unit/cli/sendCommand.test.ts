import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { oauthSupportFor } from '../../../src/core/auth/oauthSupport';
import { startSandbox } from '../../../src/sandbox/sandbox';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { assertCliBuilt, assertFailure, jsonOf, knox, tempDir } from './knoxProcess';
import type { TempDir } from './knoxProcess';

const HTTP_FILE = [
  '@pageNum = 0',
  '',
  '### List devices',
  '# @name listDevices',
  'GET /kcs/v1/kme/devices/list?pageNum={{pageNum}}',
  '',
  '### Create a profile',
  '# @name createProfile',
  'POST /kcs/v1/kme/profiles/create',
  '',
  '{ "profileName": "{{profileName}}", "mdmApkUrl": "https://example.com/mdm.apk", "profileType": "KNOX_MOBILE_ENROLLMENT" }',
  '',
  '### Expired once',
  '# @name expiredOnce',
  'GET /kcs/v1/kme/profiles/list',
  'x-knox-sandbox-fault: expire;times=1;id={{$guid}}',
  '',
  '### Knox Guard',
  '# @name guard',
  'GET /kcs/v1.1/kg/devices/list',
  '',
].join('\n');

describe('knox send (process, against the sandbox)', () => {
  let dir: TempDir;
  let sandbox: Sandbox;
  let httpFile: string;
  let legacy: string[];
  let oauth: string[];
  let kmeClientIdentifier: string;

  before(async () => {
    assertCliBuilt();
    dir = await tempDir();
    sandbox = await startSandbox({ port: 0, dir: `${dir.path}/sandbox` });
    httpFile = await dir.write('requests.http', HTTP_FILE);
    await dir.write('.env', 'profileName=From dotenv\n');
    const { keysFile, clientIdentifierFiles, oauthClientId, oauthClientSecretFile } =
      sandbox.credentials;
    kmeClientIdentifier = (await readFile(clientIdentifierFiles.kme, 'utf8')).trim();
    legacy = [
      '--keys',
      keysFile,
      '--client-id-file',
      clientIdentifierFiles.kme,
      '--base',
      sandbox.url,
    ];
    oauth = [
      '--client-id',
      oauthClientId,
      '--client-secret-file',
      oauthClientSecretFile,
      '--base',
      sandbox.url,
    ];
  });
  after(async () => {
    await sandbox.close();
    await dir.remove();
  });

  it('sends a named request with a signed access token: body on stdout, status on stderr', async () => {
    const run = await knox(['send', httpFile, '--name', 'listDevices', ...legacy]);
    assert.equal(run.code, 0, run.stderr);
    const body = JSON.parse(run.stdout) as { totalCount: number; deviceList: unknown[] };
    assert.ok(body.totalCount > 0 && Array.isArray(body.deviceList));
    assert.ok(run.stdout.startsWith('{\n  "totalCount"'), 'JSON is pretty-printed');
    assert.match(
      run.stderr,
      /^knox: GET http:\/\/127\.0\.0\.1:\d+\/kcs\/v1\/kme\/devices\/list\?pageNum=0 -> 200 OK \(\d+ ms, [\d.]+ KB\)\n$/,
    );
    const seen = sandbox.recentRequests(1)[0];
    assert.equal(seen?.hasApiToken, true);
  });

  it("sends the request around a line with an OAuth token for the endpoint's narrowest scope, .env variables filled in", async () => {
    const run = await knox(['send', httpFile, '--line', '10', ...oauth, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const json = jsonOf(run) as {
      request: {
        name: string;
        line: number;
        method: string;
        headers: { name: string; value: string }[];
      };
      response: { status: number; body: string };
      tokenSent: boolean;
      tokenKind: string;
      notes: string[];
    };
    assert.deepEqual(
      [json.request.name, json.request.line, json.request.method],
      ['createProfile', 9, 'POST'],
    );
    assert.equal(json.response.status, 200);
    assert.equal(
      (JSON.parse(json.response.body) as { profileName: string }).profileName,
      'From dotenv',
    );
    assert.deepEqual([json.tokenSent, json.tokenKind], [true, 'oauth']);
    assert.deepEqual(
      json.request.headers.find((h) => h.name.toLowerCase() === 'authorization'),
      { name: 'Authorization', value: '[REDACTED]' },
    );
    assert.ok(
      json.request.headers.some((h) => h.name === 'Content-Type' && h.value === 'application/json'),
    );
  });

  it("lets --var override .env and the file's variables", async () => {
    const run = await knox([
      'send',
      httpFile,
      '--name',
      'createProfile',
      ...legacy,
      '--var',
      'profileName=From --var',
      '--json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const { response } = jsonOf(run) as { response: { body: string } };
    assert.equal((JSON.parse(response.body) as { profileName: string }).profileName, 'From --var');
  });

  it('renews an expired token once and says so', async () => {
    const run = await knox(['send', httpFile, '--name', 'expiredOnce', ...legacy, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const json = jsonOf(run) as {
      response: { status: number };
      retry: { action: string; code: string };
      notes: string[];
    };
    assert.equal(json.response.status, 200);
    assert.deepEqual([json.retry.action, json.retry.code], ['renewToken', '4032251']);
    assert.match(
      run.stderr,
      /knox: Knox refused the token \(4032251\); a new one was obtained and the request sent once more\./,
    );
  });

  it('exits 1 for an HTTP error, printing the body and the decoded Knox error', async () => {
    const run = await knox(['send', httpFile, '--name', 'listDevices', '--base', sandbox.url]);
    assert.equal(run.code, 1);
    assert.equal((JSON.parse(run.stdout) as { code: number }).code, 4010000);
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, 2, run.stderr);
    assert.match(lines[0] ?? '', /-> 401 Unauthorized/);
    assert.match(
      lines[1] ?? '',
      /^knox: Knox refused GET \/kcs\/v1\/kme\/devices\/list: HTTP 401 4010000 AUTHORIZATION_FAIL/,
    );

    const json = jsonOf(
      await knox(['send', httpFile, '--name', 'listDevices', '--base', sandbox.url, '--json']),
    ) as {
      tokenSent: boolean;
      error: { status: number; code: string; hint: string };
    };
    assert.equal(json.tokenSent, false);
    assert.deepEqual([json.error.status, json.error.code], [401, '4010000']);
  });

  it('exits 2 when the service takes no OAuth token (Knox Guard)', async () => {
    const guard = oauthSupportFor('kg');
    assert.ok(!guard.supported);
    assertFailure(await knox(['send', httpFile, '--name', 'guard', ...oauth]), 2, guard.reason);
  });

  it('exits 2 when the request to send is ambiguous or not there', async () => {
    assertFailure(
      await knox(['send', httpFile, ...legacy]),
      2,
      'has 4 requests; pick one with --name NAME or --line N. Requests: listDevices, createProfile, expiredOnce, guard.',
    );
    assertFailure(
      await knox(['send', httpFile, '--name', 'nope', ...legacy]),
      2,
      'has no request named "nope".',
    );
    assertFailure(
      await knox(['send', httpFile, '--line', '2', ...legacy]),
      2,
      'Line 2 of',
      'is not inside a request.',
    );
    assertFailure(
      await knox(['send', httpFile, '--name', 'listDevices', '--line', '5', ...legacy]),
      2,
      '--name and --line exclude each other',
    );
    assertFailure(
      await knox(['send', `${dir.path}/missing.http`]),
      2,
      'Cannot read the .http file from',
      '(ENOENT)',
    );
  });

  it('exits 2 for half a set of credentials, or both schemes at once', async () => {
    assertFailure(
      await knox([
        'send',
        httpFile,
        '--name',
        'listDevices',
        '--client-id-file',
        sandbox.credentials.clientIdentifierFiles.kme,
      ]),
      2,
      'A client id alone is not enough',
    );
    assertFailure(
      await knox([
        'send',
        httpFile,
        '--name',
        'listDevices',
        ...legacy,
        '--client-secret-file',
        sandbox.credentials.oauthClientSecretFile,
      ]),
      2,
      'not both',
    );
  });

  it('never prints the token or the Client Identifier, even with --debug', async () => {
    const run = await knox(['send', httpFile, '--name', 'listDevices', ...legacy, '--debug']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /x-knox-apitoken: \[REDACTED\]/);
    assert.ok(!run.stderr.includes(kmeClientIdentifier));
    assert.ok(
      !/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/.test(run.stderr + run.stdout),
      'no JWT anywhere',
    );
  });
});
