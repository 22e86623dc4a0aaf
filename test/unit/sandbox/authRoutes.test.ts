import assert from 'node:assert/strict';
import { generateKeys } from '../../helpers/keys';
import type { Harness } from './sandboxTestKit';
import {
  assertKnoxError,
  call,
  knoxJwt,
  legacyApiToken,
  signJwt,
  startHarness,
} from './sandboxTestKit';

describe('sandbox: Knox Cloud Authentication (/ams/v1/users/...)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.stop());

  const keys = (): {
    publicKeyBase64: string;
    privateKey: Harness['demo']['privateKey'];
    nowSeconds: number;
  } => ({
    publicKeyBase64: h.demo.publicKeyBase64,
    privateKey: h.demo.privateKey,
    nowSeconds: h.clock.seconds,
  });
  const requestToken = (body: unknown): ReturnType<typeof call> =>
    call(h.sandbox.url, 'POST', '/ams/v1/users/accesstoken', { json: body });
  const validBody = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    base64EncodedStringPublicKey: h.demo.publicKeyBase64,
    clientIdentifierJwt: knoxJwt('clientIdentifier', h.demo.clientIdentifiers.kme, keys()),
    validityForAccessTokenInMinutes: 30,
    ...extra,
  });
  const kmeList = (apiToken: string): ReturnType<typeof call> =>
    call(h.sandbox.url, 'GET', '/kcs/v1/kme/devices/list?pageNum=0', {
      headers: { 'x-knox-apitoken': apiToken },
    });

  it('issues an access token for a signed client identifier, and the signed token calls KME', async () => {
    const reply = await requestToken(validBody());
    assert.equal(reply.status, 200, reply.text);
    assert.equal(typeof reply.json['accessToken'], 'string');
    assert.deepEqual(Object.keys(reply.json), ['accessToken']);
    const apiToken = knoxJwt('accessToken', reply.json['accessToken'] as string, keys());
    const list = await kmeList(apiToken);
    assert.equal(list.status, 200, list.text);
    assert.equal(list.json['totalCount'], 25);
  });

  it('accepts RS256 as well as RS512', async () => {
    const apiToken = await legacyApiToken(h, 'kme', 'RS256');
    assert.equal((await kmeList(apiToken)).status, 200);
  });

  for (const field of ['base64EncodedStringPublicKey', 'clientIdentifierJwt']) {
    it(`answers 4000000 RESOURCE_INVALID_PARAM when ${field} is missing`, async () => {
      const body = validBody();
      delete body[field];
      assertKnoxError(await requestToken(body), 400, 4000000, 'RESOURCE_INVALID_PARAM', field);
    });
  }

  it('answers 4000000 for a body that is not JSON, or not an object', async () => {
    const notJson = await call(h.sandbox.url, 'POST', '/ams/v1/users/accesstoken', {
      body: '{"base64EncodedStringPublicKey": ',
      headers: { 'content-type': 'application/json' },
    });
    assertKnoxError(notJson, 400, 4000000, 'RESOURCE_INVALID_PARAM', 'not valid JSON');
    assertKnoxError(
      await requestToken([1, 2]),
      400,
      4000000,
      'RESOURCE_INVALID_PARAM',
      'JSON object',
    );
  });

  it('answers 4000000 when the public key is not a base64 RSA SPKI', async () => {
    const reply = await requestToken(validBody({ base64EncodedStringPublicKey: 'not-a-key' }));
    assertKnoxError(reply, 400, 4000000, 'RESOURCE_INVALID_PARAM', 'SubjectPublicKeyInfo');
  });

  for (const validity of ['30', 0, 31, 1.5, -1, true]) {
    it(`answers 4002251 for validityForAccessTokenInMinutes ${JSON.stringify(validity)}`, async () => {
      const reply = await requestToken(validBody({ validityForAccessTokenInMinutes: validity }));
      assertKnoxError(
        reply,
        400,
        4002251,
        'ACCESS_TOKEN_TIMEOUT_VALIDITY_RESOURCE_INVALID_PARAM',
        JSON.stringify(validity),
      );
    });
  }

  it('answers 4012250 ACCESS_TOKEN_BAD_REQUEST for a JWT signed by another key', async () => {
    const other = generateKeys();
    const jwt = knoxJwt('clientIdentifier', h.demo.clientIdentifiers.kme, {
      ...keys(),
      privateKey: other.privateKey,
    });
    const reply = await requestToken(validBody({ clientIdentifierJwt: jwt }));
    assertKnoxError(reply, 401, 4012250, 'ACCESS_TOKEN_BAD_REQUEST', 'signature does not verify');
  });

  for (const [label, jwt, hint] of [
    ['not a JWT', 'abc', '1 parts'],
    ['four parts', 'a.b.c.d', '4 parts'],
    ['a non-JSON header', 'bm90anNvbg.e30.c2ln', 'not a base64url JSON object'],
  ] as const) {
    it(`answers 4012250 for a malformed JWT (${label})`, async () => {
      assertKnoxError(
        await requestToken(validBody({ clientIdentifierJwt: jwt })),
        401,
        4012250,
        'ACCESS_TOKEN_BAD_REQUEST',
        hint,
      );
    });
  }

  it('answers 4012250 for alg HS256 and alg none', async () => {
    for (const alg of ['HS256', 'none']) {
      const body = Buffer.from(JSON.stringify({ clientIdentifier: 'x' })).toString('base64url');
      const head = Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url');
      const reply = await requestToken(validBody({ clientIdentifierJwt: `${head}.${body}.c2ln` }));
      assertKnoxError(reply, 401, 4012250, 'ACCESS_TOKEN_BAD_REQUEST', `"${alg}"`);
    }
  });

  it('answers 4012250 for a wrong aud, an expired JWT, and a publicKey claim that is not the posted key', async () => {
    const wrongAud = knoxJwt('clientIdentifier', h.demo.clientIdentifiers.kme, {
      ...keys(),
      extra: { aud: 'Knox' },
    });
    assertKnoxError(
      await requestToken(validBody({ clientIdentifierJwt: wrongAud })),
      401,
      4012250,
      'ACCESS_TOKEN_BAD_REQUEST',
      'KnoxWSM',
    );

    const expired = knoxJwt('clientIdentifier', h.demo.clientIdentifiers.kme, {
      ...keys(),
      nowSeconds: h.clock.seconds - 1801,
    });
    assertKnoxError(
      await requestToken(validBody({ clientIdentifierJwt: expired })),
      401,
      4012250,
      'ACCESS_TOKEN_BAD_REQUEST',
      'expired',
    );

    const urlSafeKey = h.demo.publicKeyBase64
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    const mismatched = knoxJwt('clientIdentifier', h.demo.clientIdentifiers.kme, {
      ...keys(),
      publicKeyBase64: urlSafeKey,
    });
    assertKnoxError(
      await requestToken(validBody({ clientIdentifierJwt: mismatched })),
      401,
      4012250,
      'ACCESS_TOKEN_BAD_REQUEST',
      '"publicKey" claim',
    );
  });

  it('answers 4012250 for a JWT without exp, jti or clientIdentifier', async () => {
    const base = {
      publicKey: h.demo.publicKeyBase64,
      iat: h.clock.seconds,
      exp: h.clock.seconds + 1800,
      aud: 'KnoxWSM',
      jti: 'j',
    };
    const cases: Array<[Record<string, unknown>, string]> = [
      [
        { ...base, clientIdentifier: h.demo.clientIdentifiers.kme, exp: undefined, jti: 'a1' },
        '"exp"',
      ],
      [{ ...base, clientIdentifier: h.demo.clientIdentifiers.kme, jti: undefined }, '"jti"'],
      [{ ...base, jti: 'a3' }, '"clientIdentifier"'],
    ];
    for (const [claims, hint] of cases) {
      const reply = await requestToken(
        validBody({ clientIdentifierJwt: signJwt(claims, h.demo.privateKey) }),
      );
      assertKnoxError(reply, 401, 4012250, 'ACCESS_TOKEN_BAD_REQUEST', hint);
    }
  });

  it('answers 4012250 for a client identifier the sandbox did not issue, or issued for another key', async () => {
    const unknown = knoxJwt('clientIdentifier', 'eyJhbGciOiJIUzUxMiJ9.e30.unknown', keys());
    assertKnoxError(
      await requestToken(validBody({ clientIdentifierJwt: unknown })),
      401,
      4012250,
      'ACCESS_TOKEN_BAD_REQUEST',
      'not a client identifier',
    );

    const other = generateKeys();
    const signedByOther = knoxJwt('clientIdentifier', h.demo.clientIdentifiers.kme, {
      nowSeconds: h.clock.seconds,
      publicKeyBase64: other.publicKeyBase64,
      privateKey: other.privateKey,
    });
    const reply = await requestToken({
      base64EncodedStringPublicKey: other.publicKeyBase64,
      clientIdentifierJwt: signedByOther,
    });
    assertKnoxError(reply, 401, 4012250, 'ACCESS_TOKEN_BAD_REQUEST', 'another public key');
  });

  it('answers 4002250 API_KEY_NON_UNIQUE_JWTID when a JWT (its jti) is sent twice', async () => {
    const body = validBody();
    assert.equal((await requestToken(body)).status, 200);
    assertKnoxError(
      await requestToken(body),
      400,
      4002250,
      'API_KEY_NON_UNIQUE_JWTID',
      'used before',
    );
    const sameJti = knoxJwt('clientIdentifier', h.demo.clientIdentifiers.kme, {
      ...keys(),
      jti: 'fixed-jti-1',
    });
    assert.equal((await requestToken(validBody({ clientIdentifierJwt: sameJti }))).status, 200);
    const again = knoxJwt('clientIdentifier', h.demo.clientIdentifiers.kme, {
      ...keys(),
      jti: 'fixed-jti-1',
      extra: { iat: h.clock.seconds - 5 },
    });
    assertKnoxError(
      await requestToken(validBody({ clientIdentifierJwt: again })),
      400,
      4002250,
      'API_KEY_NON_UNIQUE_JWTID',
    );
  });

  it('accepts a key registered at run time (registerKey) with its own client identifiers', async () => {
    const fresh = generateKeys();
    const identifiers = h.sandbox.registerKey(fresh.publicKeyBase64);
    assert.notEqual(identifiers.kdp, h.demo.clientIdentifiers.kdp);
    const own = {
      nowSeconds: h.clock.seconds,
      publicKeyBase64: fresh.publicKeyBase64,
      privateKey: fresh.privateKey,
    };
    const reply = await requestToken({
      base64EncodedStringPublicKey: fresh.publicKeyBase64,
      clientIdentifierJwt: knoxJwt('clientIdentifier', identifiers.kdp, own),
    });
    assert.equal(reply.status, 200, reply.text);
    const devices = await call(h.sandbox.url, 'GET', '/kcs/v1/rp/devices', {
      headers: {
        'x-knox-apitoken': knoxJwt('accessToken', reply.json['accessToken'] as string, own),
      },
    });
    assert.equal(devices.status, 200, devices.text);
    assert.throws(() => h.sandbox.registerKey('nope'), {
      name: 'KnoxToolError',
      code: 'INVALID_INPUT',
    });
  });

  it('expires the access token after the requested minutes (injected clock): 4032251 ACCESS_TOKEN_EXPIRED', async () => {
    const reply = await requestToken(validBody({ validityForAccessTokenInMinutes: 5 }));
    assert.equal(reply.status, 200);
    const apiToken = knoxJwt('accessToken', reply.json['accessToken'] as string, keys());
    h.clock.advance(4 * 60_000);
    assert.equal((await kmeList(apiToken)).status, 200);
    h.clock.advance(61_000);
    assertKnoxError(await kmeList(apiToken), 403, 4032251, 'ACCESS_TOKEN_EXPIRED', 'expired');
  });

  it('defaults the validity to 30 minutes', async () => {
    const body = validBody();
    delete body['validityForAccessTokenInMinutes'];
    const reply = await requestToken(body);
    const started = h.clock.ms;
    const sign = (): string => knoxJwt('accessToken', reply.json['accessToken'] as string, keys());
    h.clock.advance(29 * 60_000);
    assert.equal((await kmeList(sign())).status, 200);
    h.clock.ms = started + 30 * 60_000;
    assertKnoxError(await kmeList(sign()), 403, 4032251, 'ACCESS_TOKEN_EXPIRED');
  });

  it('answers 4032251 when the signed x-knox-apitoken JWT itself has expired', async () => {
    const reply = await requestToken(validBody());
    const stale = knoxJwt('accessToken', reply.json['accessToken'] as string, {
      ...keys(),
      nowSeconds: h.clock.seconds - 1800,
    });
    assertKnoxError(await kmeList(stale), 403, 4032251, 'ACCESS_TOKEN_EXPIRED', 'x-knox-apitoken');
  });

  it('answers 4032252 ACCESS_TOKEN_INVALID for another service, an unknown token, another key, and garbage', async () => {
    const kdpToken = await legacyApiToken(h, 'kdp');
    assertKnoxError(
      await kmeList(kdpToken),
      403,
      4032252,
      'ACCESS_TOKEN_INVALID',
      'issued for KDP',
    );

    assertKnoxError(
      await kmeList(knoxJwt('accessToken', 'made-up', keys())),
      403,
      4032252,
      'ACCESS_TOKEN_INVALID',
      'not an access token',
    );

    const reply = await requestToken(validBody());
    const other = generateKeys();
    const foreign = knoxJwt('accessToken', reply.json['accessToken'] as string, {
      nowSeconds: h.clock.seconds,
      publicKeyBase64: other.publicKeyBase64,
      privateKey: other.privateKey,
    });
    assertKnoxError(await kmeList(foreign), 403, 4032252, 'ACCESS_TOKEN_INVALID', 'another key');

    assertKnoxError(await kmeList('garbage'), 403, 4032252, 'ACCESS_TOKEN_INVALID');
    const signed = knoxJwt('accessToken', reply.json['accessToken'] as string, keys());
    const at = signed.lastIndexOf('.') + 10;
    const tampered = `${signed.slice(0, at)}${signed[at] === 'A' ? 'B' : 'A'}${signed.slice(at + 1)}`;
    assertKnoxError(await kmeList(tampered), 403, 4032252, 'ACCESS_TOKEN_INVALID');
  });

  describe('session-token flow (/ams/v1/users/customer/...)', () => {
    const sessionToken = async (extra: Record<string, unknown> = {}): Promise<string> => {
      const reply = await call(h.sandbox.url, 'POST', '/ams/v1/users/customer/sessiontoken', {
        json: {
          base64EncodedStringPublicKey: h.demo.publicKeyBase64,
          clientIdentifierJwt: knoxJwt('clientIdentifier', h.demo.clientIdentifiers.kme, {
            ...keys(),
            extra,
          }),
        },
      });
      assert.equal(reply.status, 200, reply.text);
      return reply.json['sessionToken'] as string;
    };
    const customerToken = (session: string, validity: unknown = 10): ReturnType<typeof call> =>
      call(h.sandbox.url, 'POST', '/ams/v1/users/customer/accesstoken', {
        json: {
          base64EncodedStringPublicKey: h.demo.publicKeyBase64,
          sessionTokenJwt: knoxJwt('sessionToken', session, keys()),
          validityForAccessTokenInMinutes: validity,
        },
      });

    it('exchanges a signed session token for an access token that calls KME', async () => {
      const reply = await customerToken(await sessionToken());
      assert.equal(reply.status, 200, reply.text);
      assert.equal(
        (await kmeList(knoxJwt('accessToken', reply.json['accessToken'] as string, keys()))).status,
        200,
      );
    });

    it('checks the session token JWT like any other: validity, replay, unknown and expired sessions', async () => {
      const session = await sessionToken();
      assertKnoxError(
        await customerToken(session, '10'),
        400,
        4002251,
        'ACCESS_TOKEN_TIMEOUT_VALIDITY_RESOURCE_INVALID_PARAM',
      );
      const body = {
        base64EncodedStringPublicKey: h.demo.publicKeyBase64,
        sessionTokenJwt: knoxJwt('sessionToken', session, keys()),
      };
      assert.equal(
        (await call(h.sandbox.url, 'POST', '/ams/v1/users/customer/accesstoken', { json: body }))
          .status,
        200,
      );
      assertKnoxError(
        await call(h.sandbox.url, 'POST', '/ams/v1/users/customer/accesstoken', { json: body }),
        400,
        4002250,
        'API_KEY_NON_UNIQUE_JWTID',
      );
      assertKnoxError(
        await customerToken('no-such-session'),
        403,
        4032252,
        'ACCESS_TOKEN_INVALID',
        'session token',
      );
      h.clock.advance(61 * 60_000);
      assertKnoxError(
        await customerToken(session),
        403,
        4032251,
        'ACCESS_TOKEN_EXPIRED',
        'session token',
      );
    });
  });

  it('answers 405 for GET and 404 for an unknown path, in Knox shape', async () => {
    const get = await call(h.sandbox.url, 'GET', '/ams/v1/users/accesstoken');
    assertKnoxError(get, 405, 4050000, 'METHOD_NOT_ALLOWED');
    assert.equal(get.headers.get('allow'), 'POST');
    assertKnoxError(
      await call(h.sandbox.url, 'POST', '/ams/v1/users/nothing', { json: {} }),
      404,
      4040000,
      'RESOURCE_NOT_FOUND',
    );
  });
});
