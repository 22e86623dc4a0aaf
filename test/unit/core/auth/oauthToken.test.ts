import assert from 'node:assert/strict';
import {
  oauthTokenMint,
  refreshOAuthToken,
  requestOAuthToken,
  revokeOAuthToken,
} from '../../../../src/core/auth/oauthToken';
import { isKnoxToolError } from '../../../../src/core/toolError';
import type { FetchLike } from '../../../../src/core/http/fetchLike';
import { replyJson, startLoopback } from '../../../helpers/loopback';
import type { Loopback } from '../../../helpers/loopback';

const T0 = Date.parse('2025-03-01T10:00:00Z');
const CLIENT = { clientId: 'cloud-app-id', clientSecret: 'cloud-app-secret', now: () => T0 };
const TOKEN_BODY =
  '{"access_token":"oat-1","scope":"kme kdp.devices:view","expires_in":599,"token_type":"Bearer"}';

const form = (body: string | undefined) => Object.fromEntries(new URLSearchParams(body ?? ''));

describe('Knox OAuth 2.0', () => {
  let server: Loopback | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  describe('requestOAuthToken', () => {
    it('posts a form-encoded client_credentials grant with space-separated scopes', async () => {
      server = await startLoopback((_req, res) => replyJson(res, 200, TOKEN_BODY));
      const result = await requestOAuthToken({
        ...CLIENT,
        baseUrl: server.url,
        scopes: ['kme', 'kdp.devices:view'],
        expiresInSeconds: 3600,
      });
      const [seen] = server.requests;
      assert.equal(seen?.method, 'POST');
      assert.equal(seen?.url, '/ams/v1/oauth2/token');
      assert.equal(seen?.headers['content-type'], 'application/x-www-form-urlencoded');
      assert.deepEqual(form(seen?.body), {
        grant_type: 'client_credentials',
        client_id: 'cloud-app-id',
        client_secret: 'cloud-app-secret',
        scope: 'kme kdp.devices:view',
        expires_in: '3600',
      });
      assert.match(seen?.body ?? '', /scope=kme\+kdp\.devices%3Aview/);
      assert.deepEqual(result, {
        ok: true,
        token: {
          accessToken: 'oat-1',
          tokenType: 'Bearer',
          scopes: ['kme', 'kdp.devices:view'],
          expiresInSeconds: 599,
          expiresAt: T0 + 599_000,
          headerValue: 'Bearer oat-1',
        },
      });
    });

    it('leaves expires_in out when not given', async () => {
      server = await startLoopback((_req, res) => replyJson(res, 200, TOKEN_BODY));
      await requestOAuthToken({ ...CLIENT, baseUrl: server.url, scopes: ['kme'] });
      assert.equal(form(server.requests[0]?.body).expires_in, undefined);
    });

    it('goes to api.samsungknox.com by default', async () => {
      const urls: string[] = [];
      const fetch: FetchLike = (url) => {
        urls.push(url);
        return Promise.resolve({
          status: 200,
          statusText: 'OK',
          headers: { get: () => 'application/json' },
          text: () => Promise.resolve(TOKEN_BODY),
        });
      };
      await requestOAuthToken({ ...CLIENT, scopes: ['kme'], fetch });
      assert.deepEqual(urls, ['https://api.samsungknox.com/ams/v1/oauth2/token']);
    });

    it('writes "bearer" as "Bearer" in the header value', async () => {
      server = await startLoopback((_req, res) =>
        replyJson(res, 200, '{"access_token":"x","expires_in":60,"token_type":"bearer"}'),
      );
      const result = await requestOAuthToken({ ...CLIENT, baseUrl: server.url, scopes: ['kme'] });
      assert.ok(result.ok);
      assert.equal(result.token.headerValue, 'Bearer x');
      assert.deepEqual(result.token.scopes, ['kme']);
    });

    for (const bad of [0, 3601, 1.5]) {
      it(`refuses expiresInSeconds ${bad} before sending`, async () => {
        server = await startLoopback((_req, res) => replyJson(res, 200, TOKEN_BODY));
        await assert.rejects(
          requestOAuthToken({
            ...CLIENT,
            baseUrl: server.url,
            scopes: ['kme'],
            expiresInSeconds: bad,
          }),
          (e) =>
            isKnoxToolError(e, 'TOKEN_VALIDITY_OUT_OF_RANGE') &&
            e.message ===
              `OAuth token lifetime ${bad} s is not allowed: Knox grants whole seconds from 1 to 3600. Pick a value in that range.`,
        );
        assert.equal(server.requests.length, 0);
      });
    }

    it('refuses no scopes and malformed scopes with INVALID_INPUT', async () => {
      await assert.rejects(
        requestOAuthToken({ ...CLIENT, scopes: [] }),
        (e) => isKnoxToolError(e, 'INVALID_INPUT') && /No OAuth scope given/.test(e.message),
      );
      await assert.rejects(
        requestOAuthToken({ ...CLIENT, scopes: ['kme kdp'] }),
        (e) => isKnoxToolError(e, 'INVALID_INPUT') && /OAuth scope "kme kdp"/.test(e.message),
      );
    });

    it('refuses a missing client secret without echoing anything secret', async () => {
      await assert.rejects(
        requestOAuthToken({ ...CLIENT, clientSecret: ' ', scopes: ['kme'] }),
        (e) =>
          isKnoxToolError(e, 'TOKEN_MISSING_CREDENTIAL') &&
          e.message ===
            'The OAuth client secret is empty. Copy it from "Cloud Apps" in the Knox Developer Portal.',
      );
    });

    it('returns an OAuth error body as a result', async () => {
      server = await startLoopback((_req, res) =>
        replyJson(
          res,
          401,
          '{"error":"invalid_client","error_description":"Bad client credentials"}',
        ),
      );
      const result = await requestOAuthToken({ ...CLIENT, baseUrl: server.url, scopes: ['kme'] });
      assert.ok(!result.ok);
      assert.equal(result.error.code, 'invalid_client');
      assert.equal(result.error.message, 'Bad client credentials');
    });
  });

  describe('refreshOAuthToken', () => {
    it('sends a refresh_token grant and returns the new refresh token in place of the old', async () => {
      server = await startLoopback((_req, res) =>
        replyJson(
          res,
          200,
          '{"access_token":"oat-2","expires_in":600,"token_type":"Bearer","refresh_token":"rt-2"}',
        ),
      );
      const result = await refreshOAuthToken({
        ...CLIENT,
        baseUrl: server.url,
        refreshToken: 'rt-1',
      });
      assert.deepEqual(form(server.requests[0]?.body), {
        grant_type: 'refresh_token',
        client_id: 'cloud-app-id',
        client_secret: 'cloud-app-secret',
        refresh_token: 'rt-1',
      });
      assert.ok(result.ok);
      assert.equal(result.token.accessToken, 'oat-2');
      assert.equal(result.token.refreshToken, 'rt-2');
    });

    it('keeps the old refresh token when Knox sends none', async () => {
      server = await startLoopback((_req, res) =>
        replyJson(res, 200, '{"access_token":"oat-2","expires_in":600}'),
      );
      const result = await refreshOAuthToken({
        ...CLIENT,
        baseUrl: server.url,
        refreshToken: 'rt-1',
        scopes: ['kme'],
      });
      assert.equal(form(server.requests[0]?.body).scope, 'kme');
      assert.ok(result.ok);
      assert.equal(result.token.refreshToken, 'rt-1');
    });

    it('refuses an empty refresh token', async () => {
      await assert.rejects(refreshOAuthToken({ ...CLIENT, refreshToken: '' }), (e) =>
        isKnoxToolError(e, 'TOKEN_MISSING_CREDENTIAL'),
      );
    });
  });

  describe('revokeOAuthToken', () => {
    it('posts client_id, client_secret and token, and takes an empty 200 as done', async () => {
      server = await startLoopback((_req, res) => {
        res.writeHead(200);
        res.end();
      });
      const result = await revokeOAuthToken({ ...CLIENT, baseUrl: server.url, token: 'oat-1' });
      assert.deepEqual(result, { ok: true });
      assert.equal(server.requests[0]?.url, '/ams/v1/oauth2/revoke');
      assert.deepEqual(form(server.requests[0]?.body), {
        client_id: 'cloud-app-id',
        client_secret: 'cloud-app-secret',
        token: 'oat-1',
      });
    });

    it('returns a refusal as a result', async () => {
      server = await startLoopback((_req, res) =>
        replyJson(res, 400, '{"error":"unsupported_token_type"}'),
      );
      const result = await revokeOAuthToken({ ...CLIENT, baseUrl: server.url, token: 'oat-1' });
      assert.ok(!result.ok);
      assert.equal(result.error.code, 'unsupported_token_type');
    });
  });

  describe('oauthTokenMint', () => {
    it('mints an oauth token whose value is the Authorization header value', async () => {
      server = await startLoopback((_req, res) => replyJson(res, 200, TOKEN_BODY));
      const mint = oauthTokenMint({ ...CLIENT, baseUrl: server.url, scopes: ['kme'] });
      const token = await mint(new AbortController().signal);
      assert.deepEqual(token, { value: 'Bearer oat-1', expiresAt: T0 + 599_000, kind: 'oauth' });
    });

    it('throws KNOX_REJECTED when refused', async () => {
      server = await startLoopback((_req, res) =>
        replyJson(res, 400, '{"error":"invalid_scope","error_description":"kg is not granted"}'),
      );
      const mint = oauthTokenMint({ ...CLIENT, baseUrl: server.url, scopes: ['kg'] });
      await assert.rejects(
        mint(new AbortController().signal),
        (e) =>
          isKnoxToolError(e, 'KNOX_REJECTED') &&
          e.message.startsWith('Knox refused the OAuth token request: HTTP 400 invalid_scope'),
      );
    });
  });
});
