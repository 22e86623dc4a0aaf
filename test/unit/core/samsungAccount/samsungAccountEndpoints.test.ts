import assert from 'node:assert/strict';
import { isKnoxToolError } from '../../../../src/core/toolError';
import type { SamsungAccountClient } from '../../../../src/core/samsungAccount/samsungAccountEndpoints';
import {
  checkSamsungAccountClient,
  redirectTarget,
  samsungAccountEndpoints,
  signInGateUrl,
  signOutGateUrl,
} from '../../../../src/core/samsungAccount/samsungAccountEndpoints';

const client: SamsungAccountClient = {
  clientId: 'ab12cd34ef',
  aliasId: 'PARTNER1',
  authorizationHost: 'https://account.example.com/',
  redirectUri: 'http://127.0.0.1:8765/callback',
};
const STATE = 'Zm9vYmFyYmF6cXV4cXV1eHh5enp5';

function rejects(fn: () => unknown, code: string, message: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(isKnoxToolError(e), 'a KnoxToolError');
    assert.equal(e.code, code);
    assert.match(e.message, message);
    assert.doesNotMatch(e.message, /\n/);
    return true;
  });
}

describe('Samsung Account endpoints', () => {
  it('builds the signInGate URL with the ALIAS_ID in the path and exactly the documented parameters', () => {
    const url = new URL(signInGateUrl(client, { state: STATE }));
    assert.equal(url.origin, 'https://account.example.com');
    assert.equal(url.pathname, '/accounts/PARTNER1/signInGate');
    assert.deepEqual([...url.searchParams.keys()].sort(), [
      'client_id',
      'redirect_uri',
      'response_type',
      'state',
    ]);
    assert.equal(url.searchParams.get('client_id'), 'ab12cd34ef');
    assert.equal(url.searchParams.get('response_type'), 'CODE');
    assert.equal(url.searchParams.get('redirect_uri'), 'http://127.0.0.1:8765/callback');
    assert.equal(url.searchParams.get('state'), STATE);
  });

  it('sends the redirect URI actually bound when one is given, URL-encoded', () => {
    const text = signInGateUrl(client, {
      state: STATE,
      redirectUri: 'http://127.0.0.1:40001/cb?x=1&y=2',
    });
    assert.match(text, /redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A40001%2Fcb%3Fx%3D1%26y%3D2/);
    assert.equal(
      new URL(text).searchParams.get('redirect_uri'),
      'http://127.0.0.1:40001/cb?x=1&y=2',
    );
  });

  it('refuses a state too short to be random', () => {
    rejects(
      () => signInGateUrl(client, { state: 'abc' }),
      'INVALID_INPUT',
      /state is shorter than 16/,
    );
  });

  it('keeps a path prefix of the host and puts the token endpoints on the token host', () => {
    const endpoints = samsungAccountEndpoints({
      ...client,
      authorizationHost: 'https://gate.example.com/sa/',
      tokenHost: 'https://api.example.com',
    });
    assert.deepEqual(endpoints, {
      signInGate: 'https://gate.example.com/sa/accounts/PARTNER1/signInGate',
      signOutGate: 'https://gate.example.com/sa/accounts/PARTNER1/signOutGate',
      token: 'https://api.example.com/auth/oauth2/token',
      authorizeToken: 'https://api.example.com/auth/oauth2/authorizeToken',
    });
    assert.equal(
      samsungAccountEndpoints(client).token,
      'https://account.example.com/auth/oauth2/token',
    );
  });

  it('builds the signOutGate URL with the client id and, when given, the token and redirect', () => {
    const bare = new URL(signOutGateUrl(client));
    assert.equal(bare.pathname, '/accounts/PARTNER1/signOutGate');
    assert.deepEqual([...bare.searchParams.entries()], [['client_id', 'ab12cd34ef']]);
    const full = new URL(
      signOutGateUrl(client, {
        accessToken: 'tok',
        redirectUri: 'http://127.0.0.1:1/x',
        state: STATE,
      }),
    );
    assert.equal(full.searchParams.get('access_token'), 'tok');
    assert.equal(full.searchParams.get('redirect_uri'), 'http://127.0.0.1:1/x');
    assert.equal(full.searchParams.get('state'), STATE);
  });

  it('normalises a client and refuses bad fields with a message naming the field', () => {
    assert.deepEqual(
      checkSamsungAccountClient({ ...client, clientId: ' ab12cd34ef ', aliasId: ' PARTNER1 ' }),
      { ...client, authorizationHost: 'https://account.example.com' },
    );
    rejects(
      () => checkSamsungAccountClient({ ...client, clientId: ' ' }),
      'INVALID_INPUT',
      /client id is empty/,
    );
    rejects(
      () => checkSamsungAccountClient({ ...client, clientId: 'a b' }),
      'INVALID_INPUT',
      /client id contains spaces/,
    );
    rejects(
      () => checkSamsungAccountClient({ ...client, aliasId: 'a/b' }),
      'INVALID_INPUT',
      /^ALIAS_ID must be/,
    );
    rejects(
      () =>
        checkSamsungAccountClient({ ...client, authorizationHost: 'http://account.example.com' }),
      'INVALID_BASE_URL',
      /authorization host is invalid: http:\/\/account\.example\.com is not https/,
    );
    rejects(
      () => checkSamsungAccountClient({ ...client, tokenHost: 'https://api.example.com/?q=1' }),
      'INVALID_BASE_URL',
      /token host is invalid/,
    );
  });

  it('never echoes an unparseable host, which may be a pasted secret', () => {
    rejects(
      () => checkSamsungAccountClient({ ...client, authorizationHost: 'S3CR3T-not-a-url' }),
      'INVALID_BASE_URL',
      /not an absolute URL/,
    );
    try {
      checkSamsungAccountClient({ ...client, authorizationHost: 'S3CR3T-not-a-url' });
    } catch (e) {
      assert.doesNotMatch((e as Error).message, /S3CR3T/);
    }
  });

  describe('redirectTarget', () => {
    it('receives loopback http on a local server, with the given port or a free one', () => {
      assert.deepEqual(redirectTarget('http://127.0.0.1:8765/callback'), {
        kind: 'loopback',
        host: '127.0.0.1',
        port: 8765,
        path: '/callback',
      });
      assert.deepEqual(redirectTarget('http://localhost/cb'), {
        kind: 'loopback',
        host: 'localhost',
        port: 0,
        path: '/cb',
      });
      assert.deepEqual(redirectTarget('http://[::1]:8765/cb'), {
        kind: 'loopback',
        host: '[::1]',
        port: 8765,
        path: '/cb',
      });
    });

    it('hands custom schemes to an app and https pages to the user', () => {
      assert.deepEqual(redirectTarget('vscode://knox-api-toolkit.knox-api-toolkit/signIn'), {
        kind: 'app',
        scheme: 'vscode',
      });
      assert.deepEqual(redirectTarget('https://portal.example.com/sa/callback'), {
        kind: 'manual',
      });
    });

    it('refuses plain http off the machine, fragments, user info and file URIs', () => {
      rejects(
        () => redirectTarget('http://portal.example.com/cb'),
        'INVALID_INPUT',
        /only 127\.0\.0\.1, \[::1\] and localhost/,
      );
      rejects(
        () => redirectTarget('http://127.0.0.1:1/cb#x'),
        'INVALID_INPUT',
        /fragment or user info/,
      );
      rejects(
        () => redirectTarget('https://u:p@portal.example.com/'),
        'INVALID_INPUT',
        /fragment or user info/,
      );
      rejects(
        () => redirectTarget('file:///tmp/x'),
        'INVALID_INPUT',
        /scheme file: cannot receive/,
      );
      rejects(() => redirectTarget('/callback'), 'INVALID_INPUT', /not an absolute URI/);
    });
  });
});
