import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { isKnoxToolError } from '../../../../src/core/toolError';
import type { FetchLike } from '../../../../src/core/http/fetchLike';
import type { KeyFile } from '../../../../src/core/keys/keyFile';
import { parseKeyFile } from '../../../../src/core/keys/keyFile';
import { partnerTokenMint } from '../../../../src/core/samsungAccount/partnerTokenMint';
import type { SamsungAccountClient } from '../../../../src/core/samsungAccount/samsungAccountEndpoints';
import {
  callSignOutGate,
  exchangeAuthorizationCode,
  refreshSamsungAccountToken,
} from '../../../../src/core/samsungAccount/samsungAccountToken';
import {
  samsungAccountMint,
  signInRecordFrom,
} from '../../../../src/core/samsungAccount/signInRecord';
import type { SignInRecord } from '../../../../src/core/samsungAccount/signInRecord';
import { MemorySecretStore } from '../../../../src/core/storage/secretStore';
import { TokenManager } from '../../../../src/core/tokens/tokenManager';
import { verifyJwt } from '../auth/verifyJwt';
import type { Harness } from '../../sandbox/sandboxTestKit';
import { call, startHarness } from '../../sandbox/sandboxTestKit';
import { sandboxClient, signInCode } from './sandboxSignIn';

describe('partnerTokenMint (Knox access tokens on behalf of a Samsung Account user)', function () {
  this.timeout(30_000);
  let h: Harness;
  let client: SamsungAccountClient;
  let key: KeyFile;
  let accessTokenBodies: Array<{
    clientIdentifierJwt: string;
    base64EncodedStringPublicKey: string;
  }>;
  const recordingFetch: FetchLike = async (url, init) => {
    if (url.endsWith('/ams/v1/users/accesstoken'))
      accessTokenBodies.push(
        JSON.parse(init.body?.toString() ?? '{}') as (typeof accessTokenBodies)[number],
      );
    return fetch(url, init);
  };
  const signal = new AbortController().signal;

  async function signIn(loginId?: string): Promise<{ accessToken: string; refreshToken: string }> {
    const { code, redirectUri } = await signInCode(client, loginId);
    const result = await exchangeAuthorizationCode({
      client,
      clientSecret: h.demo.saClientSecret,
      code,
      redirectUri,
      now: h.clock.now,
    });
    assert.ok(result.ok, JSON.stringify(result));
    return { accessToken: result.token.accessToken, refreshToken: result.token.refreshToken ?? '' };
  }

  const request = () => ({
    baseUrl: h.sandbox.url,
    key,
    clientIdentifier: h.demo.clientIdentifiers.kme,
    now: h.clock.now,
    fetch: recordingFetch,
  });

  before(async () => {
    h = await startHarness();
    client = sandboxClient(h);
    key = parseKeyFile(await readFile(h.sandbox.credentials.keysFile, 'utf8'), 'keys.json');
  });
  after(() => h.stop());
  beforeEach(() => {
    accessTokenBodies = [];
  });

  it('signs the client identifier with the Samsung Account token, anew for every request, and the token works', async () => {
    const sa = await signIn();
    const asked: Array<string | undefined> = [];
    const mint = partnerTokenMint({
      ...request(),
      samsungAccountToken: (_signal, stale) => {
        asked.push(stale);
        return Promise.resolve(sa.accessToken);
      },
    });
    const first = await mint(signal);
    const second = await mint(signal);
    assert.deepEqual(asked, [undefined, undefined]);
    assert.equal(first.kind, 'legacy');
    assert.equal(first.expiresAt, h.clock.ms + 30 * 60_000);
    assert.notEqual(first.value, second.value);

    assert.equal(accessTokenBodies.length, 2);
    const claims = accessTokenBodies.map((body) => {
      assert.equal(body.base64EncodedStringPublicKey, key.publicKeyBase64);
      return verifyJwt(body.clientIdentifierJwt, key.publicKey).claims;
    });
    for (const c of claims) {
      assert.equal(c.delegatedSAToken, sa.accessToken);
      assert.equal(c.clientIdentifier, h.demo.clientIdentifiers.kme);
      assert.equal(c.aud, 'KnoxWSM');
    }
    assert.notEqual(claims[0]?.jti, claims[1]?.jti, 'a fresh signature (jti) for every request');

    const signed = verifyJwt(first.value, key.publicKey);
    assert.equal(typeof signed.claims.accessToken, 'string');
    const devices = await call(h.sandbox.url, 'GET', '/kcs/v1/kme/devices/list?pageNum=0', {
      headers: { 'x-knox-apitoken': first.value },
    });
    assert.equal(devices.status, 200, devices.text);
    assert.ok(Array.isArray(devices.json.deviceList));
  });

  it('on 4010011 renews the Samsung Account token once and tries again with it', async () => {
    const old = await signIn();
    assert.deepEqual(await callSignOutGate({ client, accessToken: old.accessToken }), { ok: true });
    const fresh = await signIn();
    const asked: Array<string | undefined> = [];
    const mint = partnerTokenMint({
      ...request(),
      samsungAccountToken: (_signal, stale) => {
        asked.push(stale);
        return Promise.resolve(stale === undefined ? old.accessToken : fresh.accessToken);
      },
    });
    assert.equal((await mint(signal)).kind, 'legacy');
    assert.deepEqual(asked, [undefined, old.accessToken]);
    assert.deepEqual(
      accessTokenBodies.map(
        (b) => verifyJwt(b.clientIdentifierJwt, key.publicKey).claims.delegatedSAToken,
      ),
      [old.accessToken, fresh.accessToken],
    );
  });

  it('does not resend the same Samsung Account token: without a newer one it explains 4010011', async () => {
    const old = await signIn();
    await callSignOutGate({ client, accessToken: old.accessToken });
    const mint = partnerTokenMint({
      ...request(),
      samsungAccountToken: () => Promise.resolve(old.accessToken),
    });
    await assert.rejects(mint(signal), (e: unknown) => {
      assert.ok(isKnoxToolError(e, 'KNOX_REJECTED'));
      assert.match(
        e.message,
        /^Knox refused the partner access token request: HTTP 401 4010011 IDP_AUTHORIZATION_FAIL\. Sign in with Samsung Account again/,
      );
      return true;
    });
    assert.equal(accessTokenBodies.length, 1);
  });

  it('chains two token managers as the extension does: the Samsung Account token renews itself with the refresh token', async () => {
    const store = new MemorySecretStore();
    let record: SignInRecord | undefined;
    let refreshes = 0;
    const { code, redirectUri } = await signInCode(client);
    const exchanged = await exchangeAuthorizationCode({
      client,
      clientSecret: h.demo.saClientSecret,
      code,
      redirectUri,
      now: h.clock.now,
    });
    assert.ok(exchanged.ok);
    record = signInRecordFrom(exchanged.token, h.clock.ms);
    const samsungAccount = new TokenManager({
      store,
      storeKey: 'sa',
      now: h.clock.now,
      mint: samsungAccountMint({
        read: () => Promise.resolve(record),
        write: (r) => {
          record = r;
          return Promise.resolve();
        },
        now: h.clock.now,
        refresh: (refreshToken) => {
          refreshes++;
          return refreshSamsungAccountToken({
            client,
            clientSecret: h.demo.saClientSecret,
            refreshToken,
            now: h.clock.now,
          });
        },
      }),
    });
    const knox = new TokenManager({
      store,
      storeKey: 'kme',
      now: h.clock.now,
      mint: partnerTokenMint({
        ...request(),
        samsungAccountToken: async (s, stale) =>
          (stale === undefined ? await samsungAccount.get(s) : await samsungAccount.renew(stale, s))
            .value,
      }),
    });

    await knox.get();
    assert.equal(refreshes, 0, 'the exchanged token was handed over');
    h.clock.advance(3_600_000);
    const later = await knox.get();
    assert.equal(
      refreshes,
      1,
      'the expired Samsung Account token was renewed with the refresh token',
    );
    const claims = verifyJwt(accessTokenBodies[1]?.clientIdentifierJwt ?? '', key.publicKey).claims;
    assert.equal(claims.delegatedSAToken, (await samsungAccount.current())?.value);
    assert.notEqual(claims.delegatedSAToken, exchanged.token.accessToken);
    const devices = await call(h.sandbox.url, 'GET', '/kcs/v1/kme/devices/list?pageNum=0', {
      headers: { 'x-knox-apitoken': later.value },
    });
    assert.equal(devices.status, 200);
    samsungAccount.dispose();
    knox.dispose();
  });
});
