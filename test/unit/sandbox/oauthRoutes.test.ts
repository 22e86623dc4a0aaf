import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Harness } from './sandboxTestKit';
import { assertKnoxError, call, legacyApiToken, oauthToken, startHarness } from './sandboxTestKit';

describe('sandbox: Knox OAuth 2.0 (/ams/v1/oauth2/...)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.stop());

  const token = (
    form: Record<string, string>,
    headers?: Record<string, string>,
  ): ReturnType<typeof call> =>
    call(h.sandbox.url, 'POST', '/ams/v1/oauth2/token', { form, headers });
  const clientCredentials = (extra: Record<string, string> = {}): Record<string, string> => ({
    grant_type: 'client_credentials',
    client_id: h.demo.oauthClientId,
    client_secret: h.demo.oauthClientSecret,
    scope: 'kme.profiles:view kdp',
    ...extra,
  });
  const without = (fields: Record<string, string>, ...names: string[]): Record<string, string> =>
    Object.fromEntries(Object.entries(fields).filter(([name]) => !names.includes(name)));
  const assertOAuthError = (
    reply: { status: number; json: Record<string, unknown>; text: string },
    status: number,
    error: string,
    hint?: string,
  ): void => {
    assert.equal(reply.status, status, reply.text);
    assert.equal(reply.json['error'], error, reply.text);
    assert.equal(typeof reply.json['error_description'], 'string');
    if (hint) assert.ok(String(reply.json['error_description']).includes(hint), reply.text);
  };

  it('issues a bearer token for client_credentials: 599 seconds by default, Bearer, the scopes, a refresh token', async () => {
    const reply = await token(clientCredentials());
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(Object.keys(reply.json).sort(), [
      'access_token',
      'expires_in',
      'refresh_token',
      'scope',
      'token_type',
    ]);
    assert.equal(reply.json['expires_in'], 599);
    assert.equal(reply.json['token_type'], 'Bearer');
    assert.equal(reply.json['scope'], 'kme.profiles:view kdp');
    assert.equal(typeof reply.json['refresh_token'], 'string');
    assert.equal(reply.headers.get('cache-control'), 'no-store');
  });

  it('takes expires_in up to 3600 and refuses more, less, or a non-number (invalid_request)', async () => {
    const ok = await token(clientCredentials({ expires_in: '3600' }));
    assert.equal(ok.json['expires_in'], 3600);
    for (const value of ['3601', '0', 'ten', '-5', '12.5']) {
      assertOAuthError(
        await token(clientCredentials({ expires_in: value })),
        400,
        'invalid_request',
        'expires_in',
      );
    }
  });

  it('answers invalid_client (401) for an unknown client, a wrong secret and a missing secret', async () => {
    assertOAuthError(
      await token(clientCredentials({ client_id: 'nobody' })),
      401,
      'invalid_client',
      'unknown client_id',
    );
    assertOAuthError(
      await token(clientCredentials({ client_secret: 'wrong' })),
      401,
      'invalid_client',
      'wrong client_secret',
    );
    const noSecret = without(clientCredentials(), 'client_secret');
    assertOAuthError(await token(noSecret), 401, 'invalid_client');
  });

  it('accepts client credentials in HTTP Basic, and challenges a wrong Basic secret', async () => {
    const form = without(clientCredentials(), 'client_id', 'client_secret');
    const basic = (secret: string): string =>
      `Basic ${Buffer.from(`${encodeURIComponent(h.demo.oauthClientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;
    const ok = await token(form, { authorization: basic(h.demo.oauthClientSecret) });
    assert.equal(ok.status, 200, ok.text);
    const bad = await token(form, { authorization: basic('wrong') });
    assertOAuthError(bad, 401, 'invalid_client');
    assert.equal(bad.headers.get('www-authenticate'), 'Basic realm="Knox"');
  });

  it('answers invalid_scope for an unknown scope (naming it) and for no scope', async () => {
    assertOAuthError(
      await token(clientCredentials({ scope: 'kme kme.everything' })),
      400,
      'invalid_scope',
      'kme.everything',
    );
    assertOAuthError(
      await token(clientCredentials({ scope: '  ' })),
      400,
      'invalid_scope',
      'scope is required',
    );
    const noScope = without(clientCredentials(), 'scope');
    assertOAuthError(await token(noScope), 400, 'invalid_scope');
  });

  it('answers invalid_request without grant_type, unsupported_grant_type for others, and wants a form', async () => {
    const noGrant = without(clientCredentials(), 'grant_type');
    assertOAuthError(await token(noGrant), 400, 'invalid_request', 'grant_type');
    assertOAuthError(
      await token(clientCredentials({ grant_type: 'password' })),
      400,
      'unsupported_grant_type',
      'password',
    );
    const json = await call(h.sandbox.url, 'POST', '/ams/v1/oauth2/token', {
      json: clientCredentials(),
    });
    assertOAuthError(json, 400, 'invalid_request', 'form-encoded');
  });

  it('grants every scope the sandbox knows to the demo client, and lists them in sandbox.json', async () => {
    assert.ok(h.sandbox.scopes.includes('kme.profiles:view'));
    assert.ok(h.sandbox.scopes.includes('msp.customers'));
    assert.ok(!h.sandbox.scopes.some((s) => s.startsWith('kg')));
    const reply = await token(clientCredentials({ scope: h.sandbox.scopes.join(' ') }));
    assert.equal(reply.status, 200, reply.text);
    assert.equal(reply.json['scope'], h.sandbox.scopes.join(' '));
    const manifest = JSON.parse(await readFile(h.sandbox.credentials.manifestFile, 'utf8')) as {
      oauthClient: { scopes: string };
    };
    assert.equal(manifest.oauthClient.scopes, h.sandbox.scopes.join(' '));
  });

  describe('refresh_token grant', () => {
    const refresh = (
      refreshToken: string,
      extra: Record<string, string> = {},
    ): ReturnType<typeof call> =>
      token({
        grant_type: 'refresh_token',
        client_id: h.demo.oauthClientId,
        client_secret: h.demo.oauthClientSecret,
        refresh_token: refreshToken,
        ...extra,
      });

    it('issues new tokens; the new refresh token replaces the old one', async () => {
      const first = await token(clientCredentials());
      const second = await refresh(first.json['refresh_token'] as string);
      assert.equal(second.status, 200, second.text);
      assert.equal(second.json['scope'], 'kme.profiles:view kdp');
      assert.notEqual(second.json['access_token'], first.json['access_token']);
      assert.notEqual(second.json['refresh_token'], first.json['refresh_token']);
      assertOAuthError(await refresh(first.json['refresh_token'] as string), 400, 'invalid_grant');
      assert.equal((await refresh(second.json['refresh_token'] as string)).status, 200);
    });

    it('may narrow the scopes but not widen them, and needs a known refresh token', async () => {
      const first = await token(clientCredentials());
      assertOAuthError(
        await refresh(first.json['refresh_token'] as string, { scope: 'kme' }),
        400,
        'invalid_scope',
        'kme',
      );
      const narrowed = await refresh(first.json['refresh_token'] as string, { scope: 'kdp' });
      assert.equal(narrowed.json['scope'], 'kdp');
      assertOAuthError(await refresh('made-up'), 400, 'invalid_grant');
      assertOAuthError(await refresh(''), 400, 'invalid_request', 'refresh_token');
    });
  });

  describe('calls with Authorization: Bearer', () => {
    const listProfiles = (bearer: string): ReturnType<typeof call> =>
      call(h.sandbox.url, 'GET', '/kcs/v1/kme/profiles/list', {
        headers: { authorization: `Bearer ${bearer}` },
      });

    it('lets a token call an endpoint its scopes cover', async () => {
      const reply = await listProfiles(await oauthToken(h, 'kme.profiles:view'));
      assert.equal(reply.status, 200, reply.text);
      assert.equal(typeof reply.json['totalCount'], 'number');
    });

    it('answers 403 naming the narrowest missing scope, with an insufficient_scope challenge', async () => {
      const bearer = await oauthToken(h, 'kme.profiles:view');
      const reply = await call(h.sandbox.url, 'POST', '/kcs/v1/kme/profiles/create', {
        headers: { authorization: `Bearer ${bearer}` },
        json: { profileName: 'Scoped' },
      });
      assertKnoxError(
        reply,
        403,
        4030000,
        'AUTHORIZATION_FAIL',
        'needs kme.profiles:manage (or one of: kme.profiles, kme)',
      );
      assert.equal(
        reply.headers.get('www-authenticate'),
        'Bearer error="insufficient_scope", scope="kme.profiles:manage kme.profiles kme"',
      );
    });

    it('answers 401 invalid_token for an expired, revoked or unknown token', async () => {
      const bearer = await oauthToken(h, 'kme');
      h.clock.advance(598_000);
      assert.equal((await listProfiles(bearer)).status, 200);
      h.clock.advance(1_000);
      const expired = await listProfiles(bearer);
      assertKnoxError(expired, 401, 4010000, 'AUTHORIZATION_FAIL', 'has expired');
      assert.match(expired.headers.get('www-authenticate') ?? '', /^Bearer error="invalid_token"/);
      assertKnoxError(
        await listProfiles('made-up'),
        401,
        4010000,
        'AUTHORIZATION_FAIL',
        'is not one this Knox issued',
      );
    });

    it('refuses Bearer tokens on Knox Guard (no OAuth there), which takes x-knox-apitoken', async () => {
      const bearer = await oauthToken(h, h.sandbox.scopes.join(' '));
      const refused = await call(h.sandbox.url, 'POST', '/kcs/v1.1/kg/devices/list', {
        headers: { authorization: `Bearer ${bearer}` },
        json: {},
      });
      assert.equal(refused.status, 401, refused.text);
      assert.equal(refused.json['result'], 'FAIL');
      const error = refused.json['error'] as Record<string, unknown>;
      assert.equal(error['code'], 4010000);
      assert.match(
        String(error['reason']),
        /Knox Guard does not support OAuth 2\.0.*x-knox-apitoken/,
      );
      const legacy = await call(h.sandbox.url, 'POST', '/kcs/v1.1/kg/devices/list', {
        headers: { 'x-knox-apitoken': await legacyApiToken(h, 'kg') },
        json: {},
      });
      assert.equal(legacy.status, 200, legacy.text);
    });
  });

  describe('revoke', () => {
    const revoke = (form: Record<string, string>): ReturnType<typeof call> =>
      call(h.sandbox.url, 'POST', '/ams/v1/oauth2/revoke', { form });
    const creds = (): Record<string, string> => ({
      client_id: h.demo.oauthClientId,
      client_secret: h.demo.oauthClientSecret,
    });
    const kdpDevices = (bearer: string): ReturnType<typeof call> =>
      call(h.sandbox.url, 'GET', '/kcs/v1/rp/devices', {
        headers: { authorization: `Bearer ${bearer}` },
      });

    it('revokes an access token alone', async () => {
      const issued = await token(clientCredentials());
      const access = issued.json['access_token'] as string;
      assert.equal((await kdpDevices(access)).status, 200);
      assert.equal((await revoke({ ...creds(), token: access })).status, 200);
      assertKnoxError(await kdpDevices(access), 401, 4010000, 'AUTHORIZATION_FAIL', 'was revoked');
    });

    it('revokes a refresh token with its whole grant', async () => {
      const issued = await token(clientCredentials());
      assert.equal(
        (await revoke({ ...creds(), token: issued.json['refresh_token'] as string })).status,
        200,
      );
      assertKnoxError(
        await kdpDevices(issued.json['access_token'] as string),
        401,
        4010000,
        'AUTHORIZATION_FAIL',
        'was revoked',
      );
      const again = await token({
        grant_type: 'refresh_token',
        ...creds(),
        refresh_token: issued.json['refresh_token'] as string,
      });
      assertOAuthError(again, 400, 'invalid_grant');
    });

    it('answers 200 for an unknown token, 400 without a token, 401 without client credentials', async () => {
      assert.equal((await revoke({ ...creds(), token: 'unknown' })).status, 200);
      assertOAuthError(await revoke(creds()), 400, 'invalid_request', 'token');
      assertOAuthError(await revoke({ token: 'x' }), 401, 'invalid_client');
    });
  });

  it('answers 405 for GET and 404 for another path, in OAuth shape', async () => {
    const get = await call(h.sandbox.url, 'GET', '/ams/v1/oauth2/token');
    assertOAuthError(get, 405, 'invalid_request');
    assert.equal(get.headers.get('allow'), 'POST');
    assertOAuthError(
      await call(h.sandbox.url, 'POST', '/ams/v1/oauth2/authorize', { form: {} }),
      404,
      'invalid_request',
    );
  });
});
