import assert from 'node:assert/strict';
import {
  checkValidityMinutes,
  legacyTokenMint,
  requestAccessToken,
} from '../../../../src/core/auth/accessToken';
import { isKnoxToolError } from '../../../../src/core/toolError';
import { parseKeyFile } from '../../../../src/core/keys/keyFile';
import type { KeyFile } from '../../../../src/core/keys/keyFile';
import { generateKeys } from '../../../helpers/keys';
import type { GeneratedKeys } from '../../../helpers/keys';
import { replyJson, startLoopback } from '../../../helpers/loopback';
import type { Loopback } from '../../../helpers/loopback';
import { verifyJwt } from './verifyJwt';

const T0 = Date.parse('2025-03-01T10:00:00Z');
// The portal's Client Identifier is itself an opaque HS512 JWT; it is signed verbatim.
const CLIENT_IDENTIFIER = 'eyJhbGciOiJIUzUxMiJ9.eyJjbGllbnQiOiJrbm94In0.c2lnbmF0dXJl';

describe('requestAccessToken', () => {
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

  it('posts the public key and a signed client identifier, then signs the access token', async () => {
    server = await startLoopback((_req, res) =>
      replyJson(res, 200, '{"accessToken":"kcs-at-123"}'),
    );
    const result = await requestAccessToken({
      baseUrl: server.url,
      key,
      clientIdentifier: CLIENT_IDENTIFIER,
      now: () => T0,
    });

    const [seen] = server.requests;
    assert.equal(seen?.method, 'POST');
    assert.equal(seen?.url, '/ams/v1/users/accesstoken');
    assert.equal(seen?.headers['content-type'], 'application/json');
    const body = JSON.parse(seen?.body ?? '{}') as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), [
      'base64EncodedStringPublicKey',
      'clientIdentifierJwt',
      'validityForAccessTokenInMinutes',
    ]);
    assert.equal(body.base64EncodedStringPublicKey, keys.publicKeyBase64);
    assert.equal(body.validityForAccessTokenInMinutes, 30);
    const signedId = verifyJwt(String(body.clientIdentifierJwt), keys.publicKey);
    assert.deepEqual(signedId.header, { alg: 'RS512', typ: 'JWT' });
    assert.equal(signedId.claims.clientIdentifier, CLIENT_IDENTIFIER);
    assert.equal(signedId.claims.publicKey, keys.publicKeyBase64);
    assert.equal(signedId.claims.aud, 'KnoxWSM');
    assert.equal(signedId.claims.iat, T0 / 1000);
    assert.equal(signedId.claims.delegatedSAToken, undefined);

    assert.ok(result.ok);
    assert.equal(result.accessToken, 'kcs-at-123');
    assert.equal(result.expiresAt, T0 + 30 * 60_000);
    const signed = verifyJwt(result.signedAccessToken, keys.publicKey);
    assert.equal(signed.claims.accessToken, 'kcs-at-123');
    assert.equal(signed.claims.publicKey, keys.publicKeyBase64);
    assert.notEqual(signed.claims.jti, signedId.claims.jti);
  });

  it('sends the chosen validity as an integer and counts expiry from it', async () => {
    server = await startLoopback((_req, res) => replyJson(res, 200, '{"accessToken":"a"}'));
    const result = await requestAccessToken({
      baseUrl: server.url,
      key,
      clientIdentifier: CLIENT_IDENTIFIER,
      validityMinutes: 5,
      now: () => T0,
    });
    const body = JSON.parse(server.requests[0]?.body ?? '{}') as Record<string, unknown>;
    assert.equal(body.validityForAccessTokenInMinutes, 5);
    assert.ok(result.ok);
    assert.equal(result.expiresAt, T0 + 5 * 60_000);
  });

  it('signs RS256 when asked', async () => {
    server = await startLoopback((_req, res) => replyJson(res, 200, '{"accessToken":"a"}'));
    const result = await requestAccessToken({
      baseUrl: server.url,
      key,
      clientIdentifier: CLIENT_IDENTIFIER,
      alg: 'RS256',
    });
    assert.ok(result.ok);
    assert.equal(verifyJwt(result.signedAccessToken, keys.publicKey).header.alg, 'RS256');
  });

  for (const bad of [0, 31, 2.5, -1, Number.NaN]) {
    it(`refuses validity ${bad} with TOKEN_VALIDITY_OUT_OF_RANGE before sending`, async () => {
      server = await startLoopback((_req, res) => replyJson(res, 200, '{"accessToken":"a"}'));
      await assert.rejects(
        requestAccessToken({
          baseUrl: server.url,
          key,
          clientIdentifier: CLIENT_IDENTIFIER,
          validityMinutes: bad,
        }),
        (e) =>
          isKnoxToolError(e, 'TOKEN_VALIDITY_OUT_OF_RANGE') &&
          e.message ===
            `Access token validity ${String(bad)} is not allowed: Knox takes whole minutes from 1 to 30. Pick a value in that range.`,
      );
      assert.equal(server.requests.length, 0);
    });
  }

  it('accepts validity 1 and 30, the bounds', () => {
    assert.equal(checkValidityMinutes(1), 1);
    assert.equal(checkValidityMinutes(30), 30);
    assert.equal(checkValidityMinutes(undefined), 30);
  });

  it('signs the client identifier with the Samsung Account token for partners, fresh for every request', async () => {
    server = await startLoopback((_req, res) =>
      replyJson(res, 200, '{"accessToken":"partner-at"}'),
    );
    const request = {
      baseUrl: server.url,
      key,
      clientIdentifier: CLIENT_IDENTIFIER,
      idpAccessToken: 'sa-access-token-xyz',
    };
    await requestAccessToken(request);
    await requestAccessToken(request);
    const [first, second] = server.requests.map((r) => {
      const body = JSON.parse(r.body) as { clientIdentifierJwt: string };
      return verifyJwt(body.clientIdentifierJwt, keys.publicKey).claims;
    });
    assert.equal(first?.clientIdentifier, CLIENT_IDENTIFIER);
    assert.equal(first?.delegatedSAToken, 'sa-access-token-xyz');
    assert.equal(second?.delegatedSAToken, 'sa-access-token-xyz');
    assert.notEqual(first?.jti, second?.jti);
  });

  it('returns a Knox refusal as a result, not an exception', async () => {
    server = await startLoopback((_req, res) =>
      replyJson(
        res,
        400,
        '{"errorId":"e-7","code":4002251,"message":"ACCESS_TOKEN_TIMEOUT_VALIDITY_RESOURCE_INVALID_PARAM"}',
      ),
    );
    const result = await requestAccessToken({
      baseUrl: server.url,
      key,
      clientIdentifier: CLIENT_IDENTIFIER,
    });
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.equal(result.error.status, 400);
    assert.equal(result.error.code, '4002251');
    assert.equal(result.error.name, 'ACCESS_TOKEN_TIMEOUT_VALIDITY_RESOURCE_INVALID_PARAM');
    assert.equal(result.error.errorId, 'e-7');
  });

  it('throws RESPONSE_INVALID for a 200 without accessToken', async () => {
    server = await startLoopback((_req, res) => replyJson(res, 200, '{"token":"x"}'));
    await assert.rejects(
      requestAccessToken({ baseUrl: server.url, key, clientIdentifier: CLIENT_IDENTIFIER }),
      (e) =>
        isKnoxToolError(e, 'RESPONSE_INVALID') &&
        e.message ===
          '/ams/v1/users/accesstoken answered without "accessToken". Check the base URL; if it is right, Knox changed its answer: report it.',
    );
  });

  it('throws RESPONSE_INVALID for a 200 HTML page', async () => {
    server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html><title>Sign in</title></html>');
    });
    await assert.rejects(
      requestAccessToken({ baseUrl: server.url, key, clientIdentifier: CLIENT_IDENTIFIER }),
      (e) => isKnoxToolError(e, 'RESPONSE_INVALID') && /without a JSON object/.test(e.message),
    );
  });

  it('refuses an invalid base URL with INVALID_BASE_URL', async () => {
    await assert.rejects(
      requestAccessToken({
        baseUrl: 'http://example.com',
        key,
        clientIdentifier: CLIENT_IDENTIFIER,
      }),
      (e) => isKnoxToolError(e, 'INVALID_BASE_URL'),
    );
  });

  it('refuses an empty client identifier before sending', async () => {
    server = await startLoopback((_req, res) => replyJson(res, 200, '{"accessToken":"a"}'));
    await assert.rejects(
      requestAccessToken({ baseUrl: server.url, key, clientIdentifier: '  ' }),
      (e) => isKnoxToolError(e, 'TOKEN_INVALID_INPUT'),
    );
    assert.equal(server.requests.length, 0);
  });

  describe('legacyTokenMint', () => {
    it('mints a legacy token whose value is the signed access token', async () => {
      server = await startLoopback((_req, res) => replyJson(res, 200, '{"accessToken":"minted"}'));
      const mint = legacyTokenMint({
        baseUrl: server.url,
        key,
        clientIdentifier: CLIENT_IDENTIFIER,
        now: () => T0,
      });
      const token = await mint(new AbortController().signal);
      assert.equal(token.kind, 'legacy');
      assert.equal(token.expiresAt, T0 + 30 * 60_000);
      assert.equal(verifyJwt(token.value, keys.publicKey).claims.accessToken, 'minted');
    });

    it('throws KNOX_REJECTED with Knox’s code when refused', async () => {
      server = await startLoopback((_req, res) =>
        replyJson(res, 401, '{"code":4010011,"message":"IDP_AUTHORIZATION_FAIL"}'),
      );
      const mint = legacyTokenMint({
        baseUrl: server.url,
        key,
        clientIdentifier: CLIENT_IDENTIFIER,
      });
      await assert.rejects(
        mint(new AbortController().signal),
        (e) =>
          isKnoxToolError(e, 'KNOX_REJECTED') &&
          e.message.startsWith(
            'Knox refused the access token request: HTTP 401 4010011 IDP_AUTHORIZATION_FAIL.',
          ),
      );
    });

    it('passes the mint’s signal to the request', async () => {
      server = await startLoopback(() => undefined);
      const mint = legacyTokenMint({
        baseUrl: server.url,
        key,
        clientIdentifier: CLIENT_IDENTIFIER,
      });
      const controller = new AbortController();
      const pending = mint(controller.signal);
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(pending, (e) => isKnoxToolError(e, 'ABORTED'));
    });
  });
});
