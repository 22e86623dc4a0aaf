import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { isKnoxToolError } from '../../../../src/core/toolError';
import { parseHttpFile } from '../../../../src/core/httpFile/httpFile';
import type { Profile } from '../../../../src/core/profiles/profile';
import { buildRequest } from '../../../../src/core/runner/buildRequest';
import { resultNotes, transportNotes } from '../../../../src/core/knoxErrors/explainResult';
import { historyEntryOf } from '../../../../src/core/runner/historyEntry';
import { runRequest } from '../../../../src/core/runner/runRequest';
import type { RunDeps } from '../../../../src/core/runner/runRequest';
import type { MintedToken } from '../../../../src/core/tokens/tokenManager';
import { countingTokens } from '../../../helpers/tokens';
import { replyJson, startLoopback } from '../../../helpers/loopback';
import type { Loopback, RecordedRequest } from '../../../helpers/loopback';
import { legacyProfile, oauthProfile } from './fixtures';

const T0 = Date.parse('2025-03-01T10:00:00Z');

describe('runRequest', () => {
  let server: Loopback;
  let handler: (req: RecordedRequest, res: ServerResponse) => void;
  const at = (profile: Profile): Profile => ({
    ...profile,
    target: { kind: 'custom', baseUrl: server.url },
  });

  beforeEach(async () => {
    handler = (_req, res) => replyJson(res, 200, { totalCount: 0, deviceList: [] });
    server = await startLoopback((req, res) => handler(req, res));
  });
  afterEach(() => server.close());

  async function run(text: string, profile: Profile | undefined, deps: RunDeps) {
    const file = parseHttpFile(text);
    const request = file.requests[0];
    assert.ok(request);
    const built = await buildRequest({ file, request, profile });
    return runRequest(built, { now: () => T0, id: () => 'run-1', ...deps });
  }

  it('attaches the legacy token as x-knox-apitoken and the tenant header, and masks the token in sentHeaders', async () => {
    const { tokens, mints } = countingTokens('legacy', T0);
    const seen: MintedToken[] = [];
    const result = await run(
      'GET /kcs/v1/kme/devices/list?pageNum=0\nAccept: application/json',
      at(legacyProfile({ tenantId: 't-9' })),
      { tokens, onToken: (t) => seen.push(t) },
    );
    const sent = server.requests[0];
    assert.equal(sent?.url, '/kcs/v1/kme/devices/list?pageNum=0');
    assert.equal(sent?.headers['x-knox-apitoken'], 'signed-1');
    assert.equal(sent?.headers['x-wsm-managed-tenantid'], 't-9');
    assert.equal(sent?.headers.authorization, undefined);
    assert.equal(mints(), 1);
    assert.deepEqual(
      seen.map((t) => t.value),
      ['signed-1'],
    );
    assert.equal(result.response.status, 200);
    assert.equal(result.tokenSent, true);
    assert.equal(result.tokenKind, 'legacy');
    assert.deepEqual(result.sentHeaders, [
      { name: 'Accept', value: 'application/json' },
      { name: 'x-wsm-managed-tenantid', value: 't-9' },
      { name: 'x-knox-apitoken', value: '[REDACTED]' },
    ]);
    assert.ok(
      !JSON.stringify(result).includes('signed-1'),
      'the token value is nowhere in the result',
    );
    assert.equal(result.sizeBytes, Buffer.byteLength('{"totalCount":0,"deviceList":[]}'));
    assert.equal(result.hint?.endpoint?.path, '/kcs/v1/kme/devices/list');
  });

  it('attaches an OAuth token as Authorization: Bearer', async () => {
    const { tokens } = countingTokens('oauth', T0);
    const result = await run('GET /kcs/v1/kme/devices/list', at(oauthProfile(['kme'])), { tokens });
    assert.equal(server.requests[0]?.headers.authorization, 'Bearer oauth-1');
    assert.equal(server.requests[0]?.headers['x-knox-apitoken'], undefined);
    assert.deepEqual(result.sentHeaders, [{ name: 'Authorization', value: '[REDACTED]' }]);
  });

  it('sends a user-written token header as written and mints nothing', async () => {
    const { tokens, mints } = countingTokens('legacy', T0);
    const result = await run(
      'GET /kcs/v1/kme/devices/list\nx-knox-apitoken: my-own',
      at(legacyProfile()),
      { tokens },
    );
    assert.equal(server.requests[0]?.headers['x-knox-apitoken'], 'my-own');
    assert.equal(mints(), 0);
    assert.equal(result.tokenSent, false);
    assert.equal(result.tokenSkipped, 'userHeader');
  });

  it('renews an expired token once (4032251) and resends with the new one', async () => {
    const { tokens, mints } = countingTokens('legacy', T0);
    handler = (req, res) => {
      if (req.headers['x-knox-apitoken'] === 'signed-1')
        replyJson(res, 403, { code: 4032251, message: 'ACCESS_TOKEN_EXPIRED' });
      else replyJson(res, 200, { ok: true });
    };
    const result = await run('GET /kcs/v1/kme/devices/list', at(legacyProfile()), { tokens });
    assert.deepEqual(
      server.requests.map((r) => r.headers['x-knox-apitoken']),
      ['signed-1', 'signed-2'],
    );
    assert.equal(mints(), 2);
    assert.equal(result.response.status, 200);
    assert.deepEqual(result.retry, { action: 'renewToken', status: 403, code: '4032251' });
    assert.equal(result.error, undefined);
  });

  it('backs off on 429 as the engine does and reports the wait', async () => {
    const { tokens } = countingTokens('legacy', T0);
    let calls = 0;
    handler = (_req, res) =>
      ++calls === 1
        ? replyJson(res, 429, { message: 'slow down' }, { 'Retry-After': '2' })
        : replyJson(res, 200, {});
    const waits: number[] = [];
    const result = await run('GET /kcs/v1/kme/devices/list', at(legacyProfile()), {
      tokens,
      onWait: (ms) => waits.push(ms),
      sleep: () => Promise.resolve(),
    });
    assert.deepEqual(waits, [2000]);
    assert.equal(result.response.attempts, 2);
    assert.equal(result.response.status, 200);
  });

  it('names the missing scope after a 403 to an OAuth token, from WWW-Authenticate or else the catalog', async () => {
    const { tokens } = countingTokens('oauth', T0);
    handler = (_req, res) =>
      replyJson(
        res,
        403,
        { code: 4030000, message: 'FORBIDDEN' },
        {
          'WWW-Authenticate':
            'Bearer error="insufficient_scope", scope="kme.devices:view kme.devices kme"',
        },
      );
    const named = await run('GET /kcs/v1/kme/devices/list', at(oauthProfile(['kdp'])), { tokens });
    assert.equal(named.missingScope, 'kme.devices:view');
    assert.equal(named.error?.status, 403);

    handler = (_req, res) => replyJson(res, 403, { code: 4030000, message: 'FORBIDDEN' });
    const fromCatalog = await run('PUT /kcs/v1/rp/devices/upload', at(oauthProfile(['kme'])), {
      tokens,
    });
    assert.equal(fromCatalog.missingScope, 'kdp.devices:manage');
  });

  it('does not blame scopes for a 403 to a legacy token', async () => {
    const { tokens } = countingTokens('legacy', T0);
    handler = (_req, res) =>
      replyJson(
        res,
        403,
        { code: 4030000, message: 'FORBIDDEN' },
        { 'WWW-Authenticate': 'Bearer scope="kme"' },
      );
    const result = await run('GET /kcs/v1/kme/devices/list', at(legacyProfile()), { tokens });
    assert.equal(result.missingScope, undefined);
    assert.equal(result.error?.code, '4030000');
  });

  it('returns an HTTP error parsed as a Knox error when no token was involved', async () => {
    handler = (_req, res) =>
      replyJson(res, 404, { errorId: 'e-1', code: 4040300, message: 'DEVICE_NOT_FOUND' });
    const result = await run(`GET ${server.url}/kcs/v1/kme/devices/list`, undefined, {});
    assert.equal(result.tokenSkipped, 'noProfile');
    assert.equal(result.error?.code, '4040300');
    assert.equal(result.error?.name, 'DEVICE_NOT_FOUND');
    assert.equal(result.error?.errorId, 'e-1');
  });

  it('throws ABORTED when the caller cancels', async () => {
    const { tokens } = countingTokens('legacy', T0);
    handler = () => undefined;
    const controller = new AbortController();
    const pending = run('GET /kcs/v1/kme/devices/list', at(legacyProfile()), {
      tokens,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 30);
    await assert.rejects(
      pending,
      (e: unknown) => isKnoxToolError(e, 'ABORTED') && /was cancelled/.test(e.message),
    );
  });

  it('carries the redirects into the result, its notes and the history entry', async () => {
    const elsewhere = await startLoopback((_req, res) => replyJson(res, 200, {}));
    try {
      handler = (req, res) => {
        res.writeHead(req.url === '/kcs/v1/kme/devices/list' ? 302 : 307, {
          Location:
            req.url === '/kcs/v1/kme/devices/list'
              ? '/kcs/v1/kme/devices/list2'
              : `${elsewhere.url}/x`,
        });
        res.end();
      };
      const { tokens } = countingTokens('legacy', T0);
      const result = await run('GET /kcs/v1/kme/devices/list', at(legacyProfile()), { tokens });
      assert.equal(result.response.status, 307);
      assert.equal(elsewhere.requests.length, 0);
      assert.deepEqual(resultNotes(result), [
        `Knox answered 302 to ${server.url}/kcs/v1/kme/devices/list2; followed (same origin).`,
        `Knox answered 307 to ${elsewhere.url}/x; not followed because the request carries your token (x-knox-apitoken), which goes only to ${server.url}. Check the base URL.`,
      ]);
      const entry = historyEntryOf(result, { known: ['signed-1'] });
      assert.deepEqual(
        entry.redirects?.map((hop) => [hop.status, hop.followed]),
        [
          [302, true],
          [307, false],
        ],
      );
      assert.deepEqual(transportNotes(entry), resultNotes(result));
      tokens.dispose();
    } finally {
      await elsewhere.close();
    }
  });
});
