import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isKnoxToolError } from '../../../src/core/toolError';
import { startSandbox } from '../../../src/sandbox/sandbox';
import { SANDBOX_SERVICES } from '../../../src/sandbox/sandboxServices';
import type { Harness } from './sandboxTestKit';
import {
  assertKnoxError,
  call,
  legacyApiToken,
  oauthToken,
  readDemo,
  startHarness,
} from './sandboxTestKit';

describe('sandbox: server, demo credentials, faults, observation', () => {
  describe('demo credentials', () => {
    let dir: string;
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'knox-sandbox-creds-'));
    });
    after(() => rm(dir, { recursive: true, force: true }));

    it('creates a portal-style keys.json, a client identifier per service, an OAuth and a Samsung Account client', async () => {
      const sandbox = await startSandbox({ dir });
      try {
        const { credentials } = sandbox;
        assert.match(sandbox.url, /^http:\/\/127\.0\.0\.1:\d+$/);
        const keys = JSON.parse(await readFile(credentials.keysFile, 'utf8')) as Record<
          string,
          string
        >;
        assert.deepEqual(Object.keys(keys), ['Public', 'Private', 'Identifier']);
        assert.ok(keys['Public']?.startsWith('MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A'));
        assert.match(
          keys['Identifier'] ?? '',
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
        const privateKey = createPrivateKey({
          key: Buffer.from(keys['Private'] ?? '', 'base64'),
          format: 'der',
          type: 'pkcs8',
        });
        assert.equal(privateKey.asymmetricKeyDetails?.modulusLength, 2048);
        const derived = createPublicKey(privateKey)
          .export({ type: 'spki', format: 'der' })
          .toString('base64');
        assert.equal(derived, keys['Public']);

        const identifiers = new Set<string>();
        for (const service of SANDBOX_SERVICES) {
          const value = (await readFile(credentials.clientIdentifierFiles[service], 'utf8')).trim();
          const [head, body] = value.split('.');
          assert.deepEqual(JSON.parse(Buffer.from(head ?? '', 'base64url').toString()), {
            alg: 'HS512',
            typ: 'JWT',
          });
          assert.equal(
            (JSON.parse(Buffer.from(body ?? '', 'base64url').toString()) as { svc: string }).svc,
            service.toUpperCase(),
          );
          identifiers.add(value);
        }
        assert.equal(identifiers.size, SANDBOX_SERVICES.length);

        const manifest = JSON.parse(await readFile(credentials.manifestFile, 'utf8')) as Record<
          string,
          Record<string, unknown>
        >;
        assert.equal(manifest['oauthClient']?.['clientId'], credentials.oauthClientId);
        assert.equal(manifest['samsungAccount']?.['aliasId'], credentials.samsungAccount.aliasId);
        assert.deepEqual(manifest['samsungAccount']?.['redirectUris'], [
          'http://127.0.0.1:{port}/{path}',
          'http://localhost:{port}/{path}',
          'vscode://{path}',
          'vscode-insiders://{path}',
        ]);
        assert.match(credentials.samsungAccount.clientId, /^[a-z0-9]{10}$/);
        assert.match(
          (await readFile(credentials.samsungAccount.clientSecretFile, 'utf8')).trim(),
          /^[0-9A-F]{32}$/,
        );
        assert.ok(!JSON.stringify(manifest).includes(keys['Private'] ?? 'x'));

        const secrets = [
          credentials.keysFile,
          credentials.oauthClientSecretFile,
          credentials.samsungAccount.clientSecretFile,
          ...Object.values(credentials.clientIdentifierFiles),
        ];
        for (const file of secrets) assert.equal((await stat(file)).mode & 0o777, 0o600, file);
        assert.ok(!(await readdir(dir)).some((name) => name.endsWith('.tmp')));
      } finally {
        await sandbox.close();
      }
    });

    it('reuses them on the next start, and they still work', async () => {
      const first = await readFile(join(dir, 'keys.json'), 'utf8');
      const h = await startHarness({}, dir);
      try {
        assert.equal(await readFile(h.sandbox.credentials.keysFile, 'utf8'), first);
        const demo = await readDemo(h.sandbox);
        assert.equal(
          demo.oauthClientSecret,
          (await readFile(join(dir, 'oauth-client-secret.txt'), 'utf8')).trim(),
        );
        const list = await call(h.sandbox.url, 'GET', '/kcs/v1/kme/devices/list', {
          headers: { 'x-knox-apitoken': await legacyApiToken(h, 'kme') },
        });
        assert.equal(list.status, 200);
      } finally {
        await h.stop();
      }
    });

    it('refreshes the scope list in sandbox.json when the catalog has grown', async () => {
      const file = join(dir, 'sandbox.json');
      const manifest = JSON.parse(await readFile(file, 'utf8')) as {
        oauthClient: { scopes: string };
      };
      const full = manifest.oauthClient.scopes;
      manifest.oauthClient.scopes = 'kme';
      await writeFile(file, JSON.stringify(manifest));
      const sandbox = await startSandbox({ dir });
      await sandbox.close();
      const after = JSON.parse(await readFile(file, 'utf8')) as { oauthClient: { scopes: string } };
      assert.equal(after.oauthClient.scopes, full);
      assert.equal(full, sandbox.scopes.join(' '));
    });

    it('refuses damaged state with STORAGE_UNAVAILABLE, naming the fix', async () => {
      const broken = await mkdtemp(join(tmpdir(), 'knox-sandbox-broken-'));
      try {
        await writeFile(join(broken, 'sandbox.json'), '{"format": 1, "keysFile": "keys.json"}');
        await writeFile(join(broken, 'keys.json'), '{"Public": "MIIB", "Private": "x"}');
        await assert.rejects(startSandbox({ dir: broken }), (e: unknown) => {
          assert.ok(isKnoxToolError(e, 'STORAGE_UNAVAILABLE'));
          assert.match(e.message, /keys\.json is not a matching key pair.*Delete the folder/);
          return true;
        });
        await writeFile(join(broken, 'sandbox.json'), 'not json');
        await assert.rejects(startSandbox({ dir: broken }), {
          code: 'STORAGE_UNAVAILABLE',
          message: /sandbox\.json is not JSON/,
        });
        const file = join(broken, 'plain-file');
        await writeFile(file, '');
        await assert.rejects(startSandbox({ dir: join(file, 'sub') }), {
          code: 'STORAGE_UNAVAILABLE',
          message: /cannot be created or written/,
        });
      } finally {
        await rm(broken, { recursive: true, force: true });
      }
    });

    it('refuses a bad port with INVALID_INPUT and a busy one with NETWORK_FAILED', async () => {
      await assert.rejects(startSandbox({ dir, port: 70000 }), {
        code: 'INVALID_INPUT',
        message: /70000/,
      });
      await assert.rejects(startSandbox({ dir: '' }), { code: 'INVALID_INPUT' });
      const blocker = createServer();
      await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok));
      const { port } = blocker.address() as AddressInfo;
      try {
        await assert.rejects(startSandbox({ dir, port }), {
          code: 'NETWORK_FAILED',
          message: new RegExp(`127\\.0\\.0\\.1:${port} \\(EADDRINUSE\\)`),
        });
      } finally {
        blocker.close();
      }
    });
  });

  describe('faults', () => {
    let h: Harness;
    let kme: Record<string, string>;
    before(async () => {
      h = await startHarness();
      kme = { 'x-knox-apitoken': await legacyApiToken(h, 'kme') };
    });
    after(() => h.stop());
    afterEach(() => h.sandbox.setFaults(undefined));

    const list = (fault?: string, headers = kme): ReturnType<typeof call> =>
      call(h.sandbox.url, 'GET', '/kcs/v1/kme/devices/list', {
        headers: { ...headers, ...(fault ? { 'x-knox-sandbox-fault': fault } : {}) },
      });

    it('answers 429 with Retry-After from the header, in the service shape', async () => {
      const reply = await list('429;retry-after=3');
      assertKnoxError(reply, 429, 4290000, 'TOO_MANY_REQUESTS', 'Injected fault 429');
      assert.equal(reply.headers.get('retry-after'), '3');
      assert.equal((await list('429')).headers.get('retry-after'), '1');
      assert.equal((await list('429;retry-after=none')).headers.get('retry-after'), null);
    });

    it('answers 500 INTERNAL_SERVER_ERROR and 503 with Retry-After', async () => {
      assertKnoxError(await list('500'), 500, 5000000, 'INTERNAL_SERVER_ERROR');
      const unavailable = await list('503');
      assertKnoxError(unavailable, 503, 5030000, 'SERVICE_UNAVAILABLE');
      assert.equal(unavailable.headers.get('retry-after'), '1');
    });

    it('delays a response', async () => {
      const started = performance.now();
      const reply = await list('delay=200');
      assert.equal(reply.status, 200);
      assert.ok(
        performance.now() - started >= 190,
        `answered after ${performance.now() - started} ms`,
      );
      const quick = performance.now();
      await list();
      assert.ok(performance.now() - quick < 150);
    });

    it('forces expiry: 4032251 for x-knox-apitoken, 401 invalid_token for a bearer token', async () => {
      assertKnoxError(await list('expire'), 403, 4032251, 'ACCESS_TOKEN_EXPIRED');
      assert.equal((await list()).status, 200);
      const bearer = { authorization: `Bearer ${await oauthToken(h, 'kme')}` };
      const reply = await list('expire', bearer);
      assertKnoxError(reply, 401, 4010000, 'AUTHORIZATION_FAIL', 'has expired');
    });

    it('faults the first N requests carrying a header with times=N, then lets them through', async () => {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await list('429;times=2;id=retry-test')).status);
      assert.deepEqual(statuses, [429, 429, 200, 200]);
      assert.equal((await list('429;times=2;id=another')).status, 429);
    });

    it('applies a server-wide fault from setFaults (and options.faults), with times and pathPrefix', async () => {
      h.sandbox.setFaults({ status: 500, times: 2 });
      assert.deepEqual(
        [(await list()).status, (await list()).status, (await list()).status],
        [500, 500, 200],
      );
      h.sandbox.setFaults({ status: 429, pathPrefix: '/kcs/v1/rp/' });
      assert.equal((await list()).status, 200);
      assert.equal((await call(h.sandbox.url, 'GET', '/kcs/v1/rp/devices')).status, 429);
      assert.equal(
        (await list('delay=0')).status,
        200,
        'a fault header replaces the server-wide fault',
      );
      h.sandbox.setFaults(undefined);
      assert.equal((await call(h.sandbox.url, 'GET', '/kcs/v1/rp/devices')).status, 401);
      assert.throws(() => h.sandbox.setFaults({ status: 200 }), {
        code: 'INVALID_INPUT',
        message: /status 200/,
      });
      assert.throws(() => h.sandbox.setFaults({ delayMs: -1 }), {
        code: 'INVALID_INPUT',
        message: /delay -1/,
      });

      const started = await startHarness({ faults: { status: 503, times: 1 } });
      try {
        assert.equal(
          (await call(started.sandbox.url, 'POST', '/ams/v1/oauth2/token', { form: {} })).status,
          503,
        );
        assert.equal(
          (await call(started.sandbox.url, 'POST', '/ams/v1/oauth2/token', { form: {} })).status,
          401,
        );
      } finally {
        await started.stop();
      }
    });

    it('shapes fault bodies for OAuth, Samsung Account and Guard routes', async () => {
      const oauth = await call(h.sandbox.url, 'POST', '/ams/v1/oauth2/token', {
        headers: { 'x-knox-sandbox-fault': '429' },
        form: {},
      });
      assert.deepEqual(oauth.json['error'], 'temporarily_unavailable');
      const sa = await call(h.sandbox.url, 'POST', '/auth/oauth2/token', {
        headers: { 'x-knox-sandbox-fault': '500' },
        form: {},
      });
      assert.deepEqual(
        [sa.status, sa.json['error'], sa.json['error_code']],
        [500, 'server_error', 'LIC_5101'],
      );
      const guard = await call(h.sandbox.url, 'POST', '/kcs/v1.1/kg/devices/list', {
        headers: { 'x-knox-sandbox-fault': '500' },
        json: {},
      });
      assert.deepEqual(guard.json['result'], 'FAIL');
      const auth = await call(h.sandbox.url, 'POST', '/ams/v1/users/accesstoken', {
        headers: { 'x-knox-sandbox-fault': '429' },
        json: {},
      });
      assertKnoxError(auth, 429, 4290000, 'TOO_MANY_REQUESTS');
    });

    it('answers 400 for a fault header it cannot read', async () => {
      assertKnoxError(
        await list('explode'),
        400,
        4000000,
        'RESOURCE_INVALID_PARAM',
        'x-knox-sandbox-fault: "explode" is not a fault',
      );
      assertKnoxError(await list('200'), 400, 4000000, 'RESOURCE_INVALID_PARAM', 'status 200');
    });
  });

  describe('observation and robustness', () => {
    let h: Harness;
    before(async () => {
      h = await startHarness({ observe: 3, maxBodyBytes: 3000 });
    });
    after(() => h.stop());

    it('remembers the last N requests: method, path, header names, presence of credentials, status; no values', async () => {
      const apiToken = await legacyApiToken(h, 'kme');
      h.sandbox.clearRequests();
      await call(h.sandbox.url, 'GET', '/kcs/v1/kme/devices/list?pageNum=0', {
        headers: { 'x-knox-apitoken': apiToken, 'X-Custom': 'v' },
      });
      await call(h.sandbox.url, 'GET', '/kcs/v1/kme/devices/list', {
        headers: { Authorization: 'Bearer secret-bearer-value' },
      });
      const seen = h.sandbox.recentRequests();
      assert.equal(seen.length, 2);
      const [first, second] = seen;
      assert.deepEqual(
        {
          method: first?.method,
          path: first?.path,
          status: first?.status,
          hasApiToken: first?.hasApiToken,
          hasAuthorization: first?.hasAuthorization,
          at: first?.at,
        },
        {
          method: 'GET',
          path: '/kcs/v1/kme/devices/list',
          status: 200,
          hasApiToken: true,
          hasAuthorization: false,
          at: h.clock.ms,
        },
      );
      assert.ok(first?.headerNames.includes('x-knox-apitoken'));
      assert.ok(first?.headerNames.includes('x-custom'));
      assert.deepEqual(
        [second?.hasApiToken, second?.hasAuthorization, second?.status],
        [false, true, 401],
      );
      const dump = JSON.stringify(seen);
      assert.ok(
        !dump.includes(apiToken) &&
          !dump.includes('secret-bearer-value') &&
          !dump.includes('pageNum'),
      );

      await call(h.sandbox.url, 'GET', '/a');
      await call(h.sandbox.url, 'GET', '/b', { headers: { 'x-knox-sandbox-fault': '500' } });
      assert.deepEqual(
        h.sandbox.recentRequests().map((r) => r.path),
        ['/kcs/v1/kme/devices/list', '/a', '/b'],
      );
      assert.equal(h.sandbox.recentRequests(1)[0]?.fault, '500');
      h.sandbox.clearRequests();
      assert.deepEqual(h.sandbox.recentRequests(), []);
    });

    it('answers 413 for a body over the limit, in the shape of the route', async () => {
      const big = 'x'.repeat(5000);
      assertKnoxError(
        await call(h.sandbox.url, 'POST', '/kcs/v1/kme/profiles/create', { body: big }),
        413,
        4130000,
        'PAYLOAD_TOO_LARGE',
        '3000 bytes',
      );
      const oauth = await call(h.sandbox.url, 'POST', '/ams/v1/oauth2/token', { body: big });
      assert.deepEqual([oauth.status, oauth.json['error']], [413, 'invalid_request']);
      assert.equal(
        (await call(h.sandbox.url, 'GET', '/kcs/v1/kme/devices/list')).status,
        401,
        'the server still answers',
      );
    });

    it('closes promptly with a delayed request pending', async () => {
      const extra = await startHarness();
      const pending = call(extra.sandbox.url, 'GET', '/x', {
        headers: { 'x-knox-sandbox-fault': 'delay=5000' },
      }).catch((e: unknown) => e);
      await new Promise((ok) => setTimeout(ok, 50));
      const started = performance.now();
      await extra.stop();
      assert.ok(performance.now() - started < 1000);
      assert.ok((await pending) instanceof Error);
    });
  });
});
