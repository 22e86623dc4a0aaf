import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { Agent, createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { requestAccessToken } from '../../../../src/core/auth/accessToken';
import {
  refreshOAuthToken,
  requestOAuthToken,
  revokeOAuthToken,
} from '../../../../src/core/auth/oauthToken';
import {
  requestSessionAccessToken,
  requestSessionToken,
} from '../../../../src/core/auth/sessionToken';
import { isKnoxToolError } from '../../../../src/core/toolError';
import type { FetchLike, FetchInit } from '../../../../src/core/http/fetchLike';
import { nodeFetch } from '../../../../src/core/http/fetchLike';
import { sendAuthorized } from '../../../../src/core/http/sendAuthorized';
import { sendRequest } from '../../../../src/core/http/sendRequest';
import type { HttpRequest } from '../../../../src/core/http/sendRequest';
import { parseKeyFile } from '../../../../src/core/keys/keyFile';
import type { KeyFile } from '../../../../src/core/keys/keyFile';
import type { SamsungAccountClient } from '../../../../src/core/samsungAccount/samsungAccountEndpoints';
import {
  authorizeSamsungAccountToken,
  callSignOutGate,
  exchangeAuthorizationCode,
  refreshSamsungAccountToken,
} from '../../../../src/core/samsungAccount/samsungAccountToken';
import { generateKeys } from '../../../helpers/keys';
import { replyJson, startLoopback } from '../../../helpers/loopback';
import type { Loopback, RecordedRequest } from '../../../helpers/loopback';
import { selfSignedCert } from '../../../helpers/selfSignedCert';
import { countingTokens } from '../../../helpers/tokens';

const CODES = [301, 302, 303, 307, 308] as const;
const T0 = Date.parse('2025-03-01T10:00:00Z');

function redirect(res: ServerResponse, status: number, location: string): void {
  res.writeHead(status, { Location: location, 'Content-Type': 'text/plain' });
  res.end(`moved to ${location}`);
}

describe('redirects (two loopback servers)', () => {
  let knox: Loopback;
  let other: Loopback;
  let answer: (req: RecordedRequest, res: ServerResponse) => void;

  beforeEach(async () => {
    answer = (_req, res) => replyJson(res, 200, { ok: true });
    knox = await startLoopback((req, res) => answer(req, res));
    other = await startLoopback((_req, res) => replyJson(res, 200, { stolen: true }));
  });
  afterEach(async () => {
    await knox.close();
    await other.close();
  });

  describe('a request with a credential', () => {
    const kinds: [string, Pick<HttpRequest, 'headers' | 'body'>][] = [
      [
        'x-knox-apitoken',
        { headers: { 'x-knox-apitoken': 'eyJhbGciOiJSUzUxMiJ9.eyJ0b2tlbiI6MX0.sig' } },
      ],
      ['Authorization: Bearer', { headers: { Authorization: 'Bearer oauth-access-token' } }],
      ['x-wsm-managed-tenantid', { headers: { 'x-wsm-managed-tenantid': 'tenant-1' } }],
      ['Cookie', { headers: { Cookie: 'session=abc' } }],
      [
        'client_secret in the body',
        {
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: 'grant_type=client_credentials&client_id=app&client_secret=s3cret',
        },
      ],
      [
        'signed client identifier in the body',
        {
          headers: { 'Content-Type': 'application/json' },
          body: '{"base64EncodedStringPublicKey":"MIIB","clientIdentifierJwt":"eyJhbGciOi.eyJjbGllbnQ.sig"}',
        },
      ],
    ];
    for (const [kind, carried] of kinds) {
      it(`is not sent to another origin on any redirect code: ${kind}`, async () => {
        for (const status of CODES) {
          answer = (_req, res) => redirect(res, status, `${other.url}/steal`);
          const response = await sendRequest({
            url: `${knox.url}/kcs/v1/kme/devices/list`,
            method: 'POST',
            ...carried,
          });
          assert.equal(response.status, status, 'the redirect is the answer');
          assert.equal(response.redirects?.length, 1);
          assert.equal(response.redirects?.[0]?.followed, false);
          assert.equal(response.redirects?.[0]?.refused, 'credential');
          assert.equal(response.redirects?.[0]?.to, `${other.url}/steal`);
        }
        assert.equal(other.requests.length, 0, 'the other port received nothing');
        assert.equal(knox.requests.length, CODES.length);
      });
    }

    it('is not sent to the same host on another port (Authorization: Bearer, global fetch too)', async () => {
      const sameHostOtherPort = other.url.replace('127.0.0.1', 'localhost');
      for (const fetch of [nodeFetch, globalThis.fetch as FetchLike]) {
        answer = (_req, res) => redirect(res, 307, `${sameHostOtherPort}/x`);
        const response = await sendRequest(
          { url: `${knox.url}/a`, headers: { Authorization: 'Bearer t' } },
          { fetch },
        );
        assert.equal(response.status, 307);
      }
      assert.equal(other.requests.length, 0);
    });

    it('follows a redirect within the origin: the token goes along, 303 as GET without body, 307/308 with body', async () => {
      for (const status of CODES) {
        knox.requests.length = 0;
        answer = (req, res) =>
          req.url === '/start'
            ? redirect(res, status, '/next')
            : replyJson(res, 200, { at: req.url });
        const response = await sendRequest({
          url: `${knox.url}/start`,
          method: 'POST',
          headers: { 'x-knox-apitoken': 'jwt', 'Content-Type': 'application/json' },
          body: '{"a":1}',
        });
        assert.equal(response.status, 200, `status ${status}`);
        assert.equal(response.body, '{"at":"/next"}');
        assert.deepEqual(response.redirects, [
          { status, from: `${knox.url}/start`, to: `${knox.url}/next`, followed: true },
        ]);
        const second = knox.requests[1];
        assert.equal(second?.headers['x-knox-apitoken'], 'jwt');
        const keeps = status === 307 || status === 308;
        assert.equal(second?.method, keeps ? 'POST' : 'GET', `status ${status}`);
        assert.equal(second?.body, keeps ? '{"a":1}' : '');
      }
      assert.equal(other.requests.length, 0);
    });
  });

  it('follows another origin for a request without credentials, at most 5 hops', async () => {
    answer = (_req, res) => redirect(res, 302, `${other.url}/public`);
    const response = await sendRequest({ url: `${knox.url}/public`, headers: { Accept: '*/*' } });
    assert.equal(response.status, 200);
    assert.equal(response.body, '{"stolen":true}');
    assert.equal(other.requests.length, 1);

    knox.requests.length = 0;
    answer = (req, res) => redirect(res, 307, `${req.url}x`);
    const loop = await sendRequest({ url: `${knox.url}/l` });
    assert.equal(loop.status, 307);
    assert.equal(knox.requests.length, 6, 'the first try and 5 hops');
    assert.equal(loop.redirects?.length, 6);
    assert.equal(loop.redirects?.[5]?.refused, 'tooMany');
  });

  it('never follows https to http, even without credentials (decided before any request)', async () => {
    const seen: string[] = [];
    const fake: FetchLike = (url: string, init: FetchInit) => {
      seen.push(url);
      assert.equal(init.redirect, 'manual', 'fetch never follows by itself');
      return Promise.resolve({
        status: 301,
        statusText: 'Moved Permanently',
        headers: {
          get: (name: string) => (name === 'location' ? `${other.url}/clear` : null),
        },
        text: () => Promise.resolve(''),
      });
    };
    const response = await sendRequest({ url: 'https://knox.example/x' }, { fetch: fake });
    assert.equal(response.status, 301);
    assert.equal(response.redirects?.[0]?.refused, 'downgrade');
    assert.deepEqual(seen, ['https://knox.example/x']);
    assert.equal(other.requests.length, 0);
  });

  it('never follows https to http over real TLS: with or without a token, the http port gets nothing', async () => {
    const { key, cert } = selfSignedCert();
    const tls = createHttpsServer({ key, cert }, (req, res) =>
      req.url === '/start'
        ? redirect(res, 302, '/same')
        : req.url === '/same'
          ? replyJson(res, 200, { secure: true })
          : redirect(res, 301, `${other.url}/clear`),
    );
    await new Promise<void>((ok) => tls.listen(0, '127.0.0.1', ok));
    const base = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
    const agent = new Agent({ ca: cert });
    const fetch: FetchLike = async (url, init) => {
      const { default: nodeFetchV3 } = await import('node-fetch');
      // The test CA for https only, as a real client: an http hop would go out in clear.
      return nodeFetchV3(url, {
        ...init,
        agent: (target: URL) => (target.protocol === 'https:' ? agent : undefined),
      });
    };
    try {
      for (const headers of [{}, { 'x-knox-apitoken': 'jwt' }] as Record<string, string>[]) {
        const response = await sendRequest({ url: `${base}/x`, headers }, { fetch });
        assert.equal(response.status, 301);
        assert.equal(
          response.redirects?.[0]?.refused,
          'x-knox-apitoken' in headers ? 'credential' : 'downgrade',
        );
      }
      assert.equal(other.requests.length, 0, 'nothing went in clear');
      const same = await sendRequest(
        { url: `${base}/start`, headers: { 'x-knox-apitoken': 'jwt' } },
        { fetch },
      );
      assert.equal(same.body, '{"secure":true}', 'https within the origin is followed');
    } finally {
      agent.destroy();
      tls.closeAllConnections();
      await new Promise<void>((ok) => tls.close(() => ok()));
    }
  });

  it('sendAuthorized: the minted token does not follow a redirect to another origin', async () => {
    const { tokens } = countingTokens('legacy', T0);
    answer = (_req, res) => redirect(res, 308, `${other.url}/kcs/v1/kme/devices/list`);
    const response = await sendAuthorized(
      { url: `${knox.url}/kcs/v1/kme/devices/list`, headers: { 'x-wsm-managed-tenantid': 't' } },
      { tokens, now: () => T0 },
    );
    assert.equal(response.status, 308);
    assert.equal(response.tokenSent, true);
    assert.equal(knox.requests[0]?.headers['x-knox-apitoken'], 'signed-1');
    assert.equal(other.requests.length, 0);
    tokens.dispose();
  });

  describe('token endpoints never follow a redirect, not even within the origin', () => {
    let key: KeyFile;
    before(() => {
      key = parseKeyFile(generateKeys().json, 'generated keys.json');
    });
    const client = (): SamsungAccountClient => ({
      clientId: 'ab12cd34ef',
      aliasId: 'ALIAS1',
      authorizationHost: knox.url,
      redirectUri: 'http://127.0.0.1:8765/callback',
    });
    const calls: [string, () => Promise<unknown>][] = [
      ['accesstoken', () => requestAccessToken({ baseUrl: knox.url, key, clientIdentifier: 'ci' })],
      [
        'customer/sessiontoken',
        () => requestSessionToken({ baseUrl: knox.url, key, clientIdentifier: 'ci' }),
      ],
      [
        'customer/accesstoken',
        () => requestSessionAccessToken({ baseUrl: knox.url, key, sessionToken: 'st' }),
      ],
      [
        'oauth2/token',
        () =>
          requestOAuthToken({
            baseUrl: knox.url,
            clientId: 'app',
            clientSecret: 's3cret',
            scopes: ['kme'],
          }),
      ],
      [
        'oauth2/token (refresh)',
        () =>
          refreshOAuthToken({
            baseUrl: knox.url,
            clientId: 'app',
            clientSecret: 's3cret',
            refreshToken: 'r',
          }),
      ],
      [
        'oauth2/revoke',
        () =>
          revokeOAuthToken({
            baseUrl: knox.url,
            clientId: 'app',
            clientSecret: 's3cret',
            token: 't',
          }),
      ],
      [
        'Samsung Account token',
        () =>
          exchangeAuthorizationCode({
            client: client(),
            clientSecret: 'sa-secret',
            code: 'c',
            redirectUri: 'http://127.0.0.1:8765/callback',
          }),
      ],
      [
        'Samsung Account token (refresh)',
        () =>
          refreshSamsungAccountToken({
            client: client(),
            clientSecret: 'sa-secret',
            refreshToken: 'r',
          }),
      ],
      [
        'Samsung Account authorizeToken',
        () => authorizeSamsungAccountToken({ client: client(), accessToken: 'sa-access' }),
      ],
    ];
    for (const [name, call] of calls) {
      it(name, async () => {
        for (const [status, location] of [
          [307, `${other.url}/steal`],
          [308, '/same-origin'],
          [303, `${other.url}/steal`],
        ] as const) {
          knox.requests.length = 0;
          answer = (_req, res) => redirect(res, status, location);
          await assert.rejects(call(), (e: unknown) => {
            assert.ok(isKnoxToolError(e, 'REDIRECT_NOT_FOLLOWED'), String(e));
            assert.match(
              e.message,
              new RegExp(
                `^Knox answered ${status} to .*; not followed: a token request is never redirected`,
              ),
            );
            assert.doesNotMatch(e.message, /s3cret|sa-secret/);
            return true;
          });
          assert.equal(knox.requests.length, 1, `${status}: one request, no hop`);
        }
        assert.equal(other.requests.length, 0);
      });
    }

    it('signOutGate takes its redirect as success without following it', async () => {
      answer = (_req, res) => redirect(res, 302, `${other.url}/signed-out`);
      const result = await callSignOutGate({ client: client(), accessToken: 'sa-access' });
      assert.deepEqual(result, { ok: true });
      assert.equal(other.requests.length, 0);
    });
  });
});
