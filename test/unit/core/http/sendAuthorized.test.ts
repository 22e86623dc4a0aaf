import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { authorizationHeaders, sendAuthorized } from '../../../../src/core/http/sendAuthorized';
import { countingTokens } from '../../../helpers/tokens';
import { replyJson, startLoopback } from '../../../helpers/loopback';
import type { Loopback, RecordedRequest } from '../../../helpers/loopback';

const T0 = Date.parse('2025-03-01T10:00:00Z');

const sentToken = (req: RecordedRequest | undefined) => req?.headers['x-knox-apitoken'];

/** Answers `refusal` to the first token it sees and 200 to any other. */
function refuseFirstToken(status: number, body: string) {
  let first: string | undefined;
  return (req: RecordedRequest, res: ServerResponse) => {
    const token = String(req.headers['x-knox-apitoken'] ?? req.headers.authorization);
    first ??= token;
    if (token === first) replyJson(res, status, body);
    else replyJson(res, 200, '{"totalCount":0,"deviceList":[]}');
  };
}

describe('sendAuthorized', () => {
  let server: Loopback | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  describe('headers', () => {
    it('sends a legacy token in x-knox-apitoken and keeps the caller’s other headers', async () => {
      server = await startLoopback((_req, res) => replyJson(res, 200, '{}'));
      const { tokens } = countingTokens('legacy', T0);
      const response = await sendAuthorized(
        {
          url: `${server.url}/kcs/v1/kme/devices/list`,
          headers: { 'x-wsm-managed-tenantid': 't-1' },
        },
        { tokens },
      );
      assert.equal(response.status, 200);
      assert.equal(response.tokenSent, true);
      assert.equal(server.requests[0]?.headers['x-knox-apitoken'], 'signed-1');
      assert.equal(server.requests[0]?.headers['x-wsm-managed-tenantid'], 't-1');
      assert.equal(server.requests[0]?.headers.authorization, undefined);
    });

    it('sends an OAuth token in Authorization', async () => {
      server = await startLoopback((_req, res) => replyJson(res, 200, '{}'));
      const { tokens } = countingTokens('oauth', T0);
      await sendAuthorized({ url: `${server.url}/kai/v1/devices` }, { tokens });
      assert.equal(server.requests[0]?.headers.authorization, 'Bearer oauth-1');
      assert.equal(server.requests[0]?.headers['x-knox-apitoken'], undefined);
    });

    it('never overrides a token header the caller set, in any case, and mints nothing', async () => {
      server = await startLoopback((_req, res) => replyJson(res, 401, ''));
      const { tokens, mints } = countingTokens('legacy', T0);
      const response = await sendAuthorized(
        { url: `${server.url}/x`, headers: { 'X-Knox-ApiToken': 'mine' } },
        { tokens },
      );
      assert.equal(server.requests[0]?.headers['x-knox-apitoken'], 'mine');
      assert.equal(response.tokenSent, false);
      assert.equal(response.status, 401);
      assert.equal(response.error?.status, 401);
      assert.equal(mints(), 0);
      assert.equal(server.requests.length, 1, 'the caller’s own token is not retried');
    });

    it('never overrides any header a custom header builder would add', async () => {
      server = await startLoopback((_req, res) => replyJson(res, 200, '{}'));
      const { tokens } = countingTokens('legacy', T0);
      await sendAuthorized(
        { url: `${server.url}/x`, headers: { 'X-Wsm-Managed-TenantId': 'caller' } },
        {
          tokens,
          headerFor: (t) => ({ ...authorizationHeaders(t), 'x-wsm-managed-tenantid': 'builder' }),
        },
      );
      assert.equal(server.requests[0]?.headers['x-wsm-managed-tenantid'], 'caller');
      assert.equal(server.requests[0]?.headers['x-knox-apitoken'], 'signed-1');
    });
  });

  describe('policies', () => {
    it('renews and retries once on 4032251 ACCESS_TOKEN_EXPIRED', async () => {
      server = await startLoopback(
        refuseFirstToken(403, '{"code":4032251,"message":"ACCESS_TOKEN_EXPIRED"}'),
      );
      const { tokens, mints } = countingTokens('legacy', T0);
      const response = await sendAuthorized({ url: `${server.url}/x` }, { tokens });
      assert.equal(response.status, 200);
      assert.equal(response.error, undefined);
      assert.deepEqual(response.retry, { action: 'renewToken', status: 403, code: '4032251' });
      assert.equal(mints(), 2);
      assert.deepEqual(server.requests.map(sentToken), ['signed-1', 'signed-2']);
    });

    it('renews and retries once on HTTP 401 with no Knox code', async () => {
      server = await startLoopback(refuseFirstToken(401, ''));
      const { tokens, mints } = countingTokens('legacy', T0);
      const response = await sendAuthorized({ url: `${server.url}/x` }, { tokens });
      assert.equal(response.status, 200);
      assert.deepEqual(response.retry, { action: 'renewToken', status: 401 });
      assert.equal(mints(), 2);
      assert.equal(server.requests.length, 2);
    });

    it('retries only once when the new token is refused too', async () => {
      server = await startLoopback((_req, res) =>
        replyJson(res, 401, '{"code":4032252,"message":"ACCESS_TOKEN_INVALID"}'),
      );
      const { tokens, mints } = countingTokens('legacy', T0);
      const response = await sendAuthorized({ url: `${server.url}/x` }, { tokens });
      assert.equal(response.status, 401);
      assert.equal(response.error?.code, '4032252');
      assert.equal(response.retry?.action, 'renewToken');
      assert.equal(mints(), 2);
      assert.equal(server.requests.length, 2);
    });

    it('signs anew (new jti) and retries once on 4002250 API_KEY_NON_UNIQUE_JWTID', async () => {
      server = await startLoopback(
        refuseFirstToken(400, '{"code":"4002250","message":"API_KEY_NON_UNIQUE_JWTID"}'),
      );
      const { tokens, mints } = countingTokens('legacy', T0);
      const response = await sendAuthorized({ url: `${server.url}/x` }, { tokens });
      assert.equal(response.status, 200);
      assert.deepEqual(response.retry, { action: 'resignJwt', status: 400, code: '4002250' });
      assert.equal(mints(), 2);
      assert.deepEqual(server.requests.map(sentToken), ['signed-1', 'signed-2']);
    });

    for (const code of ['4012250', '40122050']) {
      it(`never retries ${code} ACCESS_TOKEN_BAD_REQUEST, even under HTTP 401, and explains why`, async () => {
        server = await startLoopback((_req, res) =>
          replyJson(res, 401, `{"code":${code},"message":"ACCESS_TOKEN_BAD_REQUEST"}`),
        );
        const { tokens, mints } = countingTokens('legacy', T0);
        const response = await sendAuthorized({ url: `${server.url}/x` }, { tokens });
        assert.equal(response.status, 401);
        assert.equal(response.error?.code, code);
        assert.equal(response.retry, undefined);
        assert.equal(
          response.note,
          `Not retried: Knox says the JWT was not properly signed (${code}). A new token would fail the same way. Check that the key file is the one registered for this client identifier and that the access token is sent signed.`,
        );
        assert.equal(mints(), 1);
        assert.equal(server.requests.length, 1);
      });
    }

    it('does not retry other refusals', async () => {
      server = await startLoopback((_req, res) =>
        replyJson(res, 404, '{"code":4040300,"message":"DEVICE_NOT_FOUND"}'),
      );
      const { tokens, mints } = countingTokens('legacy', T0);
      const response = await sendAuthorized({ url: `${server.url}/x` }, { tokens });
      assert.equal(response.status, 404);
      assert.equal(response.error?.name, 'DEVICE_NOT_FOUND');
      assert.equal(response.retry, undefined);
      assert.equal(mints(), 1);
      assert.equal(server.requests.length, 1);
    });

    it('backs off on 429 with the same token, without minting', async () => {
      let calls = 0;
      server = await startLoopback((_req, res) =>
        ++calls === 1 ? replyJson(res, 429, '', { 'Retry-After': '3' }) : replyJson(res, 200, '{}'),
      );
      const { tokens, mints } = countingTokens('legacy', T0);
      const waits: number[] = [];
      const response = await sendAuthorized(
        { url: `${server.url}/x` },
        {
          tokens,
          sleep: (ms) => {
            waits.push(ms);
            return Promise.resolve();
          },
        },
      );
      assert.equal(response.status, 200);
      assert.equal(response.attempts, 2);
      assert.deepEqual(waits, [3_000]);
      assert.equal(mints(), 1);
      assert.deepEqual(server.requests.map(sentToken), ['signed-1', 'signed-1']);
    });

    it('mints once when 20 concurrent requests all meet the expired token', async () => {
      server = await startLoopback(
        refuseFirstToken(403, '{"code":4032251,"message":"ACCESS_TOKEN_EXPIRED"}'),
      );
      const { tokens, mints } = countingTokens('legacy', T0);
      await tokens.get();
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => sendAuthorized({ url: `${server?.url}/x` }, { tokens })),
      );
      assert.ok(responses.every((r) => r.status === 200));
      assert.equal(mints(), 2);
      assert.equal(server.requests.length, 40);
    });
  });
});
