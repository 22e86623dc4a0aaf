import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { startSandbox } from '../../../src/sandbox/sandbox';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { replyJson, startLoopback } from '../../helpers/loopback';
import type { Loopback, RecordedRequest } from '../../helpers/loopback';
import { startStreamingServer } from '../../helpers/streamingServer';
import { assertCliBuilt, assertFailure, knox, tempDir } from './knoxProcess';
import type { TempDir } from './knoxProcess';

const MB = 1024 * 1024;

// The attack of issue 11: a server that passes /ams/* to Knox (here the sandbox) so tokens are
// minted, and answers the API paths with a redirect to another port.
describe('knox and redirects (process, two loopback ports)', () => {
  let dir: TempDir;
  let sandbox: Sandbox;
  let front: Loopback;
  let other: Loopback;
  let onAms: 'proxy' | 'redirect';
  let httpFile: string;
  let legacy: string[];
  let oauth: string[];
  let secrets: string[];

  async function proxy(req: RecordedRequest, res: ServerResponse): Promise<void> {
    const answer = await fetch(`${sandbox.url}${req.url}`, {
      method: req.method,
      headers: { 'content-type': String(req.headers['content-type'] ?? 'application/json') },
      ...(req.method === 'GET' ? {} : { body: req.body }),
    });
    replyJson(res, answer.status, await answer.text());
  }

  before(async () => {
    assertCliBuilt();
    dir = await tempDir();
    sandbox = await startSandbox({ port: 0, dir: `${dir.path}/sandbox` });
    other = await startLoopback((_req, res) => replyJson(res, 200, { stolen: true }));
    front = await startLoopback((req, res) => {
      if (req.url.startsWith('/ams/') && onAms === 'proxy') return proxy(req, res);
      res.writeHead(307, { Location: `${other.url}${req.url}` });
      res.end();
    });
    httpFile = await dir.write(
      'requests.http',
      '# @name list\nGET /kcs/v1/kme/devices/list\nx-wsm-managed-tenantid: tenant-1\n',
    );
    const { keysFile, clientIdentifierFiles, oauthClientId, oauthClientSecretFile } =
      sandbox.credentials;
    legacy = ['--keys', keysFile, '--client-id-file', clientIdentifierFiles.kme];
    oauth = ['--client-id', oauthClientId, '--client-secret-file', oauthClientSecretFile];
    secrets = [
      (await readFile(clientIdentifierFiles.kme, 'utf8')).trim(),
      (await readFile(oauthClientSecretFile, 'utf8')).trim(),
    ];
  });
  beforeEach(() => {
    onAms = 'proxy';
    other.requests.length = 0;
    front.requests.length = 0;
  });
  after(async () => {
    await front.close();
    await other.close();
    await sandbox.close();
    await dir.remove();
  });

  for (const [scheme, credentials, header] of [
    ['legacy', () => legacy, 'x-knox-apitoken'],
    ['OAuth', () => oauth, 'Authorization'],
  ] as const) {
    it(`knox send (${scheme}): the token does not follow a 307 to another port, and --debug shows the redirect`, async () => {
      const run = await knox(['send', httpFile, ...credentials(), '--base', front.url, '--debug']);
      assert.equal(other.requests.length, 0, 'the other port received nothing');
      assert.equal(run.code, 1, run.stderr);
      assert.ok(
        run.stderr.includes(
          `knox: Knox answered 307 to ${other.url}/kcs/v1/kme/devices/list; not followed because the request carries your token (${header}), which goes only to ${front.url}. Check the base URL.`,
        ),
        run.stderr,
      );
      assert.match(run.stderr, /knox: debug: < 307 Temporary Redirect \(\d+ ms\)\nlocation: /);
      assert.ok(run.stderr.includes(`location: ${other.url}/kcs/v1/kme/devices/list`));
      for (const secret of secrets) assert.ok(!run.stderr.includes(secret));
    });
  }

  it('knox token: the signed client identifier is never redirected', async () => {
    onAms = 'redirect';
    const run = await knox(['token', ...legacy, '--base', front.url]);
    assertFailure(
      run,
      1,
      `knox: Knox answered 307 to ${other.url}/ams/v1/users/accesstoken; not followed: a token request is never redirected`,
    );
    assert.equal(front.requests.length, 1);
    assert.equal(other.requests.length, 0);
  });

  it('knox oauth token: the client secret is never redirected; --debug shows the 307', async () => {
    onAms = 'redirect';
    const run = await knox([
      'oauth',
      'token',
      ...oauth,
      '--scope',
      'kme',
      '--base',
      front.url,
      '--debug',
    ]);
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /knox: Knox answered 307 to http:\/\/127\.0\.0\.1:\d+\/ams\/v1\/oauth2\/token; not followed: a token request is never redirected/,
    );
    assert.ok(run.stderr.includes(`location: ${other.url}/ams/v1/oauth2/token`));
    assert.equal(other.requests.length, 0);
    for (const secret of secrets) assert.ok(!run.stderr.includes(secret));
  });

  it('knox send --max-response-mb: stops reading a long body and says so, --debug included', async () => {
    const big = await startStreamingServer(64 * MB);
    try {
      const file = await dir.write('big.http', `GET ${big.url}/big\n`);
      const run = await knox(['send', file, '--max-response-mb', '1', '--debug']);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout.length, 1 * MB + 1, 'the first MB and a newline');
      assert.ok(
        run.stderr.includes(
          'knox: The response is longer than the limit: stopped reading at 1 MB (--max-response-mb). Only the first part is shown.',
        ),
        run.stderr,
      );
      assert.ok((await big.written()) < 32 * MB);
    } finally {
      await big.close();
    }
  });
});
