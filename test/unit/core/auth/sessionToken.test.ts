import assert from 'node:assert/strict';
import {
  requestSessionAccessToken,
  requestSessionToken,
} from '../../../../src/core/auth/sessionToken';
import { isKnoxToolError } from '../../../../src/core/toolError';
import { parseKeyFile } from '../../../../src/core/keys/keyFile';
import type { KeyFile } from '../../../../src/core/keys/keyFile';
import { generateKeys } from '../../../helpers/keys';
import type { GeneratedKeys } from '../../../helpers/keys';
import { replyJson, startLoopback } from '../../../helpers/loopback';
import type { Loopback } from '../../../helpers/loopback';
import { verifyJwt } from './verifyJwt';

const T0 = Date.parse('2025-03-01T10:00:00Z');

describe('session-token flow (old EMM)', () => {
  let keys: GeneratedKeys;
  let key: KeyFile;
  let server: Loopback | undefined;
  before(() => {
    keys = generateKeys();
    key = parseKeyFile(keys.json, 'generated keys.json');
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('gets a session token with a signed client identifier', async () => {
    server = await startLoopback((_req, res) => replyJson(res, 200, '{"sessionToken":"sess-1"}'));
    const result = await requestSessionToken({
      baseUrl: server.url,
      key,
      clientIdentifier: 'ci-1',
    });
    assert.deepEqual(result, { ok: true, sessionToken: 'sess-1' });
    const [seen] = server.requests;
    assert.equal(seen?.url, '/ams/v1/users/customer/sessiontoken');
    const body = JSON.parse(seen?.body ?? '{}') as Record<string, string>;
    assert.equal(body.base64EncodedStringPublicKey, keys.publicKeyBase64);
    assert.equal(
      verifyJwt(body.clientIdentifierJwt ?? '', keys.publicKey).claims.clientIdentifier,
      'ci-1',
    );
  });

  it('adds the Samsung Account token for partners', async () => {
    server = await startLoopback((_req, res) => replyJson(res, 200, '{"sessionToken":"sess-1"}'));
    await requestSessionToken({
      baseUrl: server.url,
      key,
      clientIdentifier: 'ci-1',
      idpAccessToken: 'sa-1',
    });
    const body = JSON.parse(server.requests[0]?.body ?? '{}') as Record<string, string>;
    assert.equal(
      verifyJwt(body.clientIdentifierJwt ?? '', keys.publicKey).claims.delegatedSAToken,
      'sa-1',
    );
  });

  it('exchanges a signed session token for an access token and signs it', async () => {
    server = await startLoopback((_req, res) =>
      replyJson(res, 200, '{"accessToken":"at-from-session"}'),
    );
    const result = await requestSessionAccessToken({
      baseUrl: server.url,
      key,
      sessionToken: 'sess-1',
      validityMinutes: 10,
      now: () => T0,
    });
    const [seen] = server.requests;
    assert.equal(seen?.url, '/ams/v1/users/customer/accesstoken');
    const body = JSON.parse(seen?.body ?? '{}') as Record<string, unknown>;
    assert.equal(body.validityForAccessTokenInMinutes, 10);
    assert.equal(body.base64EncodedStringPublicKey, keys.publicKeyBase64);
    assert.equal(
      verifyJwt(String(body.sessionTokenJwt), keys.publicKey).claims.sessionToken,
      'sess-1',
    );
    assert.ok(result.ok);
    assert.equal(result.expiresAt, T0 + 10 * 60_000);
    assert.equal(
      verifyJwt(result.signedAccessToken, keys.publicKey).claims.accessToken,
      'at-from-session',
    );
  });

  it('returns refusals as results and checks validity before sending', async () => {
    server = await startLoopback((_req, res) =>
      replyJson(res, 403, '{"code":4032252,"message":"ACCESS_TOKEN_INVALID"}'),
    );
    const refused = await requestSessionToken({
      baseUrl: server.url,
      key,
      clientIdentifier: 'ci-1',
    });
    assert.ok(!refused.ok);
    assert.equal(refused.error.code, '4032252');
    await assert.rejects(
      requestSessionAccessToken({
        baseUrl: server.url,
        key,
        sessionToken: 's',
        validityMinutes: 60,
      }),
      (e) => isKnoxToolError(e, 'TOKEN_VALIDITY_OUT_OF_RANGE'),
    );
    assert.equal(server.requests.length, 1);
  });

  it('throws RESPONSE_INVALID when the answer has no sessionToken', async () => {
    server = await startLoopback((_req, res) => replyJson(res, 200, '{}'));
    await assert.rejects(
      requestSessionToken({ baseUrl: server.url, key, clientIdentifier: 'ci-1' }),
      (e) => isKnoxToolError(e, 'RESPONSE_INVALID') && /without "sessionToken"/.test(e.message),
    );
  });
});
