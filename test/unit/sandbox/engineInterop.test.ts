import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { requestAccessToken } from '../../../src/core/auth/accessToken';
import {
  refreshOAuthToken,
  requestOAuthToken,
  revokeOAuthToken,
} from '../../../src/core/auth/oauthToken';
import {
  requestSessionAccessToken,
  requestSessionToken,
} from '../../../src/core/auth/sessionToken';
import { parseKeyFile } from '../../../src/core/keys/keyFile';
import type { KeyFile } from '../../../src/core/keys/keyFile';
import { generateKeys } from '../../helpers/keys';
import type { Harness } from './sandboxTestKit';
import { call, startHarness } from './sandboxTestKit';

// The toolkit's own signing engine and auth clients against the sandbox, which verifies
// independently: a bug on either side shows up here.
describe('sandbox: the toolkit engine against the sandbox', () => {
  let h: Harness;
  let key: KeyFile;
  before(async () => {
    h = await startHarness();
    key = parseKeyFile(await readFile(h.sandbox.credentials.keysFile, 'utf8'), 'sandbox keys.json');
  });
  after(() => h.stop());

  const kmeList = (apiToken: string): ReturnType<typeof call> =>
    call(h.sandbox.url, 'GET', '/kcs/v1/kme/devices/list', {
      headers: { 'x-knox-apitoken': apiToken },
    });

  for (const alg of ['RS512', 'RS256'] as const) {
    it(`mints and signs a legacy access token (${alg}) that the sandbox accepts`, async () => {
      const result = await requestAccessToken({
        baseUrl: h.sandbox.url,
        key,
        clientIdentifier: h.demo.clientIdentifiers.kme,
        validityMinutes: 10,
        alg,
        now: h.clock.now,
      });
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.expiresAt, h.clock.ms + 10 * 60_000);
      assert.equal((await kmeList(result.signedAccessToken)).status, 200);
    });
  }

  it('gets Knox’s refusal back as a result: a key the client identifier is not registered for', async () => {
    const other = parseKeyFile(generateKeys().json, 'other keys.json');
    const result = await requestAccessToken({
      baseUrl: h.sandbox.url,
      key: other,
      clientIdentifier: h.demo.clientIdentifiers.kme,
      now: h.clock.now,
    });
    assert.ok(!result.ok);
    assert.deepEqual(
      [result.error.status, result.error.code, result.error.name],
      [401, '4012250', 'ACCESS_TOKEN_BAD_REQUEST'],
    );
  });

  it('runs the session-token flow', async () => {
    const session = await requestSessionToken({
      baseUrl: h.sandbox.url,
      key,
      clientIdentifier: h.demo.clientIdentifiers.kme,
      now: h.clock.now,
    });
    assert.ok(session.ok, JSON.stringify(session));
    const access = await requestSessionAccessToken({
      baseUrl: h.sandbox.url,
      key,
      sessionToken: session.sessionToken,
      now: h.clock.now,
    });
    assert.ok(access.ok, JSON.stringify(access));
    assert.equal((await kmeList(access.signedAccessToken)).status, 200);
  });

  it('runs OAuth 2.0: token, refresh, revoke', async () => {
    const client = {
      baseUrl: h.sandbox.url,
      clientId: h.demo.oauthClientId,
      clientSecret: h.demo.oauthClientSecret,
      now: h.clock.now,
    };
    const issued = await requestOAuthToken({
      ...client,
      scopes: ['kme.devices:view', 'kdp'],
      expiresInSeconds: 900,
    });
    assert.ok(issued.ok, JSON.stringify(issued));
    assert.deepEqual(
      [issued.token.expiresInSeconds, issued.token.scopes],
      [900, ['kme.devices:view', 'kdp']],
    );
    const listed = await call(h.sandbox.url, 'GET', '/kcs/v1/kme/devices/list', {
      headers: { authorization: issued.token.headerValue },
    });
    assert.equal(listed.status, 200);
    const refreshed = await refreshOAuthToken({
      ...client,
      refreshToken: issued.token.refreshToken ?? '',
    });
    assert.ok(refreshed.ok, JSON.stringify(refreshed));
    assert.ok((await revokeOAuthToken({ ...client, token: refreshed.token.accessToken })).ok);
    const revoked = await call(h.sandbox.url, 'GET', '/kcs/v1/kme/devices/list', {
      headers: { authorization: refreshed.token.headerValue },
    });
    assert.equal(revoked.status, 401);
    const refused = await requestOAuthToken({ ...client, clientSecret: 'wrong', scopes: ['kme'] });
    assert.ok(!refused.ok);
    assert.deepEqual([refused.error.status, refused.error.code], [401, 'invalid_client']);
  });
});
