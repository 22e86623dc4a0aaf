import assert from 'node:assert/strict';
import { findErrorCode } from '../../../../src/core/catalogs/errorLookup';
import { isKnoxToolError } from '../../../../src/core/toolError';
import { parseKnoxError } from '../../../../src/core/knoxErrors/knoxError';
import type { KnoxErrorResult } from '../../../../src/core/knoxErrors/knoxError';
import type { SamsungAccountClient } from '../../../../src/core/samsungAccount/samsungAccountEndpoints';
import {
  authorizeSamsungAccountToken,
  callSignOutGate,
  exchangeAuthorizationCode,
  refreshSamsungAccountToken,
  samsungAccountRefusal,
} from '../../../../src/core/samsungAccount/samsungAccountToken';
import type { SamsungAccountTokenResult } from '../../../../src/core/samsungAccount/samsungAccountToken';
import { startLoopback } from '../../../helpers/loopback';
import type { Loopback } from '../../../helpers/loopback';
import type { Harness } from '../../sandbox/sandboxTestKit';
import { call, startHarness } from '../../sandbox/sandboxTestKit';
import { sandboxClient, signInCode } from './sandboxSignIn';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);

function refusalOf(
  result: SamsungAccountTokenResult | { ok: boolean; error?: KnoxErrorResult },
): KnoxErrorResult {
  assert.equal(result.ok, false, 'Samsung Account refused');
  return (result as { error: KnoxErrorResult }).error;
}

/** Asserts a Samsung Account code and that the refusal explains it with the catalog's fix. */
function assertExplained(error: KnoxErrorResult, code: string): void {
  assert.equal(error.code, code);
  assert.equal(error.status, 400);
  assert.equal(error.shape, 'samsung-account');
  const entry = findErrorCode(code);
  assert.ok(entry, `${code} is in the catalog`);
  const thrown = samsungAccountRefusal('the code exchange', error);
  assert.equal(thrown.code, 'SIGN_IN_FAILED');
  assert.equal(
    thrown.message,
    `Samsung Account refused the code exchange: HTTP 400 ${code} (${entry.name}). ${entry.fix}`,
  );
  assert.equal(thrown.cause, error);
}

describe('Samsung Account token endpoint', () => {
  describe('against a loopback server', () => {
    let server: Loopback;
    let reply: { status: number; body: string; type?: string };
    const client = (): SamsungAccountClient => ({
      clientId: 'ab12cd34ef',
      aliasId: 'ALIAS1',
      authorizationHost: server.url,
      redirectUri: 'http://127.0.0.1:8765/callback',
    });

    before(async () => {
      server = await startLoopback((_req, res) => {
        res.writeHead(reply.status, { 'content-type': reply.type ?? 'application/json' });
        res.end(reply.body);
      });
    });
    after(() => server.close());
    beforeEach(() => {
      server.requests.length = 0;
    });

    it('exchanges a code with exactly the five documented fields, form-encoded', async () => {
      reply = {
        status: 200,
        // The document's example, with -1 for "no refresh token".
        body: JSON.stringify({
          access_token: 'sa-access-1',
          token_type: 'Bearer',
          access_token_expires_in: 3600,
          expires_in: 3600,
          refresh_token: -1,
          refresh_token_expires_in: -1,
          userId: 'y0zpz123',
        }),
      };
      const result = await exchangeAuthorizationCode({
        client: client(),
        clientSecret: ' SECRET ',
        code: 'the-code',
        redirectUri: 'http://127.0.0.1:40000/callback',
        now: () => NOW,
      });
      const [request] = server.requests;
      assert.equal(request?.method, 'POST');
      assert.equal(request.url, '/auth/oauth2/token');
      assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
      assert.deepEqual(Object.fromEntries(new URLSearchParams(request.body)), {
        client_id: 'ab12cd34ef',
        client_secret: 'SECRET',
        grant_type: 'authorization_code',
        code: 'the-code',
        redirect_uri: 'http://127.0.0.1:40000/callback',
      });
      assert.deepEqual(result, {
        ok: true,
        token: {
          accessToken: 'sa-access-1',
          tokenType: 'Bearer',
          expiresInSeconds: 3600,
          expiresAt: NOW + 3_600_000,
          userId: 'y0zpz123',
        },
      });
    });

    it('sends JSON when asked, and reads a refresh token with its expiry', async () => {
      reply = {
        status: 200,
        body: JSON.stringify({
          access_token: 'a',
          expires_in: 60,
          refresh_token: 'r-1',
          refresh_token_expires_in: 1209600,
        }),
      };
      const result = await exchangeAuthorizationCode({
        client: client(),
        clientSecret: 'S',
        code: 'c',
        redirectUri: 'http://127.0.0.1:1/cb',
        bodyFormat: 'json',
        now: () => NOW,
      });
      assert.equal(server.requests[0]?.headers['content-type'], 'application/json');
      assert.equal((JSON.parse(server.requests[0]?.body ?? '{}') as { code?: string }).code, 'c');
      assert.ok(result.ok);
      assert.equal(result.token.refreshToken, 'r-1');
      assert.equal(result.token.refreshTokenExpiresAt, NOW + 1_209_600_000);
      assert.equal(result.token.expiresAt, NOW + 60_000);
    });

    it('refreshes with grant_type=refresh_token and keeps the old refresh token when none comes back', async () => {
      reply = { status: 200, body: JSON.stringify({ access_token: 'a2', expires_in: 3600 }) };
      const result = await refreshSamsungAccountToken({
        client: client(),
        clientSecret: 'S',
        refreshToken: 'old-refresh',
      });
      assert.deepEqual(Object.fromEntries(new URLSearchParams(server.requests[0]?.body)), {
        client_id: 'ab12cd34ef',
        client_secret: 'S',
        grant_type: 'refresh_token',
        refresh_token: 'old-refresh',
      });
      assert.ok(result.ok);
      assert.equal(result.token.accessToken, 'a2');
      assert.equal(result.token.refreshToken, 'old-refresh');
    });

    it('returns a refusal as a result, and throws RESPONSE_INVALID for a 200 that is not a token', async () => {
      reply = {
        status: 400,
        body: JSON.stringify({
          error: 'invalid_request',
          error_code: 'AUT_1702',
          error_description: 'wrong secret',
        }),
      };
      const refused = await exchangeAuthorizationCode({
        client: client(),
        clientSecret: 'S',
        code: 'c',
        redirectUri: 'http://127.0.0.1:1/cb',
      });
      assertExplained(refusalOf(refused), 'AUT_1702');

      reply = { status: 200, body: '<html><title>Portal</title></html>', type: 'text/html' };
      await assert.rejects(
        exchangeAuthorizationCode({
          client: client(),
          clientSecret: 'S',
          code: 'c',
          redirectUri: 'http://127.0.0.1:1/cb',
        }),
        (e: unknown) =>
          isKnoxToolError(e, 'RESPONSE_INVALID') &&
          /\/auth\/oauth2\/token answered without a JSON object/.test(e.message),
      );
      reply = { status: 200, body: JSON.stringify({ access_token: 'a', expires_in: 'soon' }) };
      await assert.rejects(
        exchangeAuthorizationCode({
          client: client(),
          clientSecret: 'S',
          code: 'c',
          redirectUri: 'http://127.0.0.1:1/cb',
        }),
        (e: unknown) =>
          isKnoxToolError(e, 'RESPONSE_INVALID') && /usable "expires_in"/.test(e.message),
      );
    });

    it('refuses an empty code, secret or refresh token before sending anything', async () => {
      const base = { client: client(), redirectUri: 'http://127.0.0.1:1/cb' };
      await assert.rejects(
        exchangeAuthorizationCode({ ...base, clientSecret: 'S', code: ' ' }),
        (e: unknown) =>
          isKnoxToolError(e, 'TOKEN_MISSING_CREDENTIAL') &&
          /authorization code is empty/.test(e.message),
      );
      await assert.rejects(
        exchangeAuthorizationCode({ ...base, clientSecret: '', code: 'c' }),
        (e: unknown) =>
          isKnoxToolError(e, 'TOKEN_MISSING_CREDENTIAL') &&
          /client secret is empty/.test(e.message),
      );
      await assert.rejects(
        refreshSamsungAccountToken({ ...base, clientSecret: 'S', refreshToken: '' }),
        (e: unknown) =>
          isKnoxToolError(e, 'TOKEN_MISSING_CREDENTIAL') &&
          /no Samsung Account refresh token/.test(e.message),
      );
      assert.equal(server.requests.length, 0);
    });
  });

  describe('against the local sandbox', function () {
    this.timeout(30_000);
    let h: Harness;
    let client: SamsungAccountClient;
    let secret: string;

    before(async () => {
      h = await startHarness();
      client = sandboxClient(h);
      secret = h.demo.saClientSecret;
    });
    after(() => h.stop());
    afterEach(() => h.sandbox.setFaults(undefined));

    const exchange = (
      over: Partial<{
        client: SamsungAccountClient;
        secret: string;
        code: string;
        redirectUri: string;
      }>,
    ) =>
      exchangeAuthorizationCode({
        client: over.client ?? client,
        clientSecret: over.secret ?? secret,
        code: over.code ?? 'x'.repeat(24),
        redirectUri: over.redirectUri ?? 'http://127.0.0.1:1/callback',
        now: h.clock.now,
      });

    it('signs in through the browser form, exchanges the code and refreshes the token', async () => {
      const { code, redirectUri } = await signInCode(client, 'Partner.Admin@example.com');
      const result = await exchange({ code, redirectUri });
      assert.ok(result.ok, JSON.stringify(result));
      const { token } = result;
      assert.match(token.userId ?? '', /^[0-9a-f]{10}$/);
      assert.equal(token.expiresAt, h.clock.ms + 3_600_000);
      assert.ok(token.refreshToken);
      assert.equal(token.refreshTokenExpiresAt, h.clock.ms + 14 * 24 * 3_600_000);

      const who = await authorizeSamsungAccountToken({ client, accessToken: token.accessToken });
      assert.deepEqual(who, {
        ok: true,
        userId: token.userId,
        clientId: client.clientId,
        expiresInSeconds: 3600,
      });

      h.clock.advance(3_600_000);
      const expired = await authorizeSamsungAccountToken({
        client,
        accessToken: token.accessToken,
      });
      assert.equal(refusalOf(expired).code, 'LIC_4102', 'the old token has expired');
      const refreshed = await refreshSamsungAccountToken({
        client,
        clientSecret: secret,
        refreshToken: token.refreshToken,
        now: h.clock.now,
      });
      assert.ok(refreshed.ok);
      assert.notEqual(refreshed.token.accessToken, token.accessToken);
      assert.equal(refreshed.token.refreshToken, token.refreshToken);
      assert.equal(refreshed.token.userId, token.userId, 'the same user');
      assert.equal(
        (await authorizeSamsungAccountToken({ client, accessToken: refreshed.token.accessToken }))
          .ok,
        true,
      );
    });

    it('does not exchange a code twice (AUT_1802) or for another redirect URI (AUT_1022)', async () => {
      const first = await signInCode(client);
      assert.equal((await exchange(first)).ok, true);
      assertExplained(refusalOf(await exchange(first)), 'AUT_1802');
      const second = await signInCode(client);
      assertExplained(
        refusalOf(await exchange({ code: second.code, redirectUri: 'http://127.0.0.1:9/other' })),
        'AUT_1022',
      );
    });

    it('explains each client and code error the toolkit can meet: AUT_1010, 1024, 1785, 1011, 1702, 1015, 1802, 1045', async () => {
      const cases: Array<[string, Parameters<typeof exchange>[0]]> = [
        ['AUT_1010', { client: { ...client, clientId: 'short1' } }],
        ['AUT_1024', { client: { ...client, clientId: 'ABCDEFGHIJ' } }],
        ['AUT_1785', { client: { ...client, clientId: 'zzzzzzzzzz' } }],
        ['AUT_1011', { secret: 'too-short' }],
        ['AUT_1702', { secret: 'F'.repeat(32) }],
        ['AUT_1015', { code: 'short' }],
        ['AUT_1802', { code: 'n'.repeat(24) }],
        ['AUT_1045', { redirectUri: `http://127.0.0.1:1/${'a'.repeat(1100)}` }],
      ];
      for (const [code, over] of cases) assertExplained(refusalOf(await exchange(over)), code);
    });

    it('explains AUT_1806: a code exchanged by another client than the one that signed in', async () => {
      const other = h.sandbox.registerSamsungAccountClient();
      const { code, redirectUri } = await signInCode(client);
      const result = await exchange({
        client: { ...client, clientId: other.clientId, aliasId: other.aliasId },
        secret: other.clientSecret,
        code,
        redirectUri,
      });
      assertExplained(refusalOf(result), 'AUT_1806');
    });

    it('explains the codes of fields the toolkit never leaves out: AUT_1001, 1002, 1006, 1008, 1017', async () => {
      const full = {
        client_id: client.clientId,
        client_secret: secret,
        grant_type: 'authorization_code',
        code: 'c'.repeat(24),
        redirect_uri: 'http://127.0.0.1:1/callback',
      };
      const cases: Array<[string, Record<string, string>]> = [
        ['AUT_1001', { ...full, client_id: '' }],
        ['AUT_1002', { ...full, client_secret: '' }],
        ['AUT_1006', { ...full, code: '' }],
        ['AUT_1008', { ...full, grant_type: '' }],
        ['AUT_1017', { ...full, grant_type: 'authorization_code'.repeat(4) }],
      ];
      for (const [code, form] of cases) {
        const reply = await call(h.sandbox.url, 'POST', '/auth/oauth2/token', { form });
        assertExplained(
          parseKnoxError(reply.status, reply.text, reply.headers.get('content-type') ?? undefined),
          code,
        );
      }
    });

    it('explains the authorizeToken codes LIC_4101, LIC_4102, LIC_4103', async () => {
      const { code, redirectUri } = await signInCode(client);
      const result = await exchange({ code, redirectUri });
      assert.ok(result.ok);
      const other = h.sandbox.registerSamsungAccountClient();
      const wrongApp = await authorizeSamsungAccountToken({
        client: { ...client, clientId: other.clientId },
        accessToken: result.token.accessToken,
      });
      const unknown = await authorizeSamsungAccountToken({ client, accessToken: 'not-a-token' });
      const noHeader = await call(h.sandbox.url, 'POST', '/auth/oauth2/authorizeToken', {
        form: { authToken: 'x' },
      });
      const cases: Array<[string, KnoxErrorResult]> = [
        ['LIC_4101', parseKnoxError(noHeader.status, noHeader.text, 'application/json')],
        ['LIC_4102', refusalOf(unknown)],
        ['LIC_4103', refusalOf(wrongApp)],
      ];
      for (const [licCode, error] of cases) {
        const entry = findErrorCode(licCode);
        assert.equal(error.code, licCode);
        const message = samsungAccountRefusal('the token check', error).message;
        assert.equal(
          message,
          `Samsung Account refused the token check: HTTP 400 ${licCode} (${entry?.name}). ${entry?.fix}`,
        );
      }
    });

    it('explains LIC_5101 when Samsung Account fails on its side', async () => {
      h.sandbox.setFaults({ status: 500, times: 1, pathPrefix: '/auth/oauth2/' });
      const error = refusalOf(await exchange({}));
      assert.equal(error.status, 500);
      assert.equal(error.code, 'LIC_5101');
      assert.match(
        samsungAccountRefusal('the code exchange', error).message,
        /^Samsung Account refused the code exchange: HTTP 500 LIC_5101 \(Unknown or internal error\)\. Send the request again after a short wait\./,
      );
    });

    it('says "sign in again" when a refresh token is no longer accepted', async () => {
      const { code, redirectUri } = await signInCode(client);
      const result = await exchange({ code, redirectUri });
      assert.ok(result.ok);
      assert.deepEqual(await callSignOutGate({ client, accessToken: result.token.accessToken }), {
        ok: true,
      });
      const refused = await refreshSamsungAccountToken({
        client,
        clientSecret: secret,
        refreshToken: result.token.refreshToken ?? '',
      });
      const error = refusalOf(refused);
      assert.equal(error.code, 'invalid_grant');
      assert.match(
        samsungAccountRefusal('the refresh', error).message,
        /^Samsung Account refused the refresh: HTTP 400 invalid_grant\. The code or refresh token is unknown, expired, used or revoked\. Sign in again\.$/,
      );
    });

    it('signOutGate ends only the signed-in session: its tokens stop working', async () => {
      const a = await exchange(await signInCode(client, 'a@example.com'));
      const b = await exchange(await signInCode(client, 'b@example.com'));
      assert.ok(a.ok && b.ok);
      assert.deepEqual(await callSignOutGate({ client, accessToken: a.token.accessToken }), {
        ok: true,
      });
      assert.equal(
        refusalOf(await authorizeSamsungAccountToken({ client, accessToken: a.token.accessToken }))
          .code,
        'LIC_4102',
      );
      assert.equal(
        (await authorizeSamsungAccountToken({ client, accessToken: b.token.accessToken })).ok,
        true,
      );
      const refused = await callSignOutGate({ client: { ...client, aliasId: 'NOALIAS' } });
      assert.equal(refusalOf(refused).status, 400);
    });
  });
});
