import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { redirectUriProblem } from '../../../src/sandbox/samsungAccount';
import type { Harness, Reply } from './sandboxTestKit';
import { assertKnoxError, call, knoxJwt, startHarness } from './sandboxTestKit';

const REDIRECT = 'http://127.0.0.1:45678/callback';

describe('sandbox: Samsung Account simulation (partner flow)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.stop());

  const gate = (alias = h.demo.aliasId): string => `/accounts/${alias}/signInGate`;
  const signIn = (fields: Record<string, string> = {}): Promise<Reply> =>
    call(h.sandbox.url, 'POST', gate(), {
      form: {
        client_id: h.demo.saClientId,
        redirect_uri: REDIRECT,
        state: 'st-1',
        response_type: 'CODE',
        action: 'signin',
        ...fields,
      },
    });
  /** Signs in the way a test can without a browser: POST the login form, read the redirect. */
  const signInCode = async (
    fields: Record<string, string> = {},
  ): Promise<{ code: string; cookie: string }> => {
    const reply = await signIn(fields);
    assert.equal(reply.status, 302, reply.text);
    const location = new URL(reply.headers.get('location') ?? '');
    return {
      code: location.searchParams.get('code') ?? '',
      cookie: (reply.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
    };
  };
  const exchange = (fields: Record<string, string>, asJson = false): Promise<Reply> =>
    call(h.sandbox.url, 'POST', '/auth/oauth2/token', asJson ? { json: fields } : { form: fields });
  const codeFields = (
    code: string,
    extra: Record<string, string> = {},
  ): Record<string, string> => ({
    grant_type: 'authorization_code',
    client_id: h.demo.saClientId,
    client_secret: h.demo.saClientSecret,
    code,
    redirect_uri: REDIRECT,
    ...extra,
  });
  const tokens = async (): Promise<{
    access: string;
    refresh: string;
    cookie: string;
    userId: string;
  }> => {
    const { code, cookie } = await signInCode();
    const reply = await exchange(codeFields(code));
    assert.equal(reply.status, 200, reply.text);
    return {
      access: reply.json['access_token'] as string,
      refresh: reply.json['refresh_token'] as string,
      cookie,
      userId: reply.json['userId'] as string,
    };
  };
  const assertAut = (reply: Reply, code: string, error = 'invalid_request'): void => {
    assert.equal(reply.status, 400, reply.text);
    assert.equal(reply.json['error_code'], code, reply.text);
    assert.equal(reply.json['error'], error, reply.text);
    assert.equal(typeof reply.json['error_description'], 'string');
  };

  describe('signInGate', () => {
    it('serves a login page with one form carrying the request, escaped', async () => {
      const state = '"><script>alert(1)</script>';
      const query = new URLSearchParams({
        client_id: h.demo.saClientId,
        response_type: 'CODE',
        redirect_uri: REDIRECT,
        state,
      });
      const page = await call(h.sandbox.url, 'GET', `${gate()}?${query.toString()}`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      assert.ok(
        page.text.includes(`<form method="post" action="/accounts/${h.demo.aliasId}/signInGate">`),
      );
      assert.ok(page.text.includes('value="signin">Sign in</button>'));
      assert.ok(page.text.includes('value="cancel"'));
      assert.ok(page.text.includes(`name="redirect_uri" value="${REDIRECT}"`));
      assert.ok(!page.text.includes('<script>'));
      assert.ok(page.text.includes('&#34;&#62;&#60;script&#62;'));
    });

    it('redirects the form POST to redirect_uri with code and state, and sets a session cookie', async () => {
      const reply = await signIn();
      assert.equal(reply.status, 302);
      const location = new URL(reply.headers.get('location') ?? '');
      assert.equal(`${location.origin}${location.pathname}`, REDIRECT);
      assert.equal(location.searchParams.get('state'), 'st-1');
      assert.ok((location.searchParams.get('code') ?? '').length >= 20);
      assert.match(
        reply.headers.get('set-cookie') ?? '',
        /^sa_session=[\w-]+; Path=\/accounts\/; HttpOnly/,
      );
    });

    it('redirects with error=access_denied when the user presses Cancel, and keeps vscode:// URIs', async () => {
      const reply = await signIn({
        action: 'cancel',
        redirect_uri: 'vscode://knox-api-toolkit.knox-api-toolkit/auth',
      });
      const location = new URL(reply.headers.get('location') ?? '');
      assert.equal(location.protocol, 'vscode:');
      assert.equal(location.searchParams.get('error'), 'access_denied');
      assert.equal(location.searchParams.get('state'), 'st-1');
      assert.equal(location.searchParams.get('code'), null);
    });

    it('redirects with unsupported_response_type for a response_type other than CODE', async () => {
      const query = new URLSearchParams({
        client_id: h.demo.saClientId,
        response_type: 'token',
        redirect_uri: REDIRECT,
        state: 's',
      });
      const reply = await call(h.sandbox.url, 'GET', `${gate()}?${query.toString()}`);
      assert.equal(
        new URL(reply.headers.get('location') ?? '').searchParams.get('error'),
        'unsupported_response_type',
      );
    });

    it('answers invalid_request to a signInGate without state, never the login page (GET and POST)', async () => {
      const query = new URLSearchParams({
        client_id: h.demo.saClientId,
        response_type: 'CODE',
        redirect_uri: REDIRECT,
      });
      const page = await call(h.sandbox.url, 'GET', `${gate()}?${query.toString()}`);
      assert.equal(page.status, 302);
      const location = new URL(page.headers.get('location') ?? '');
      assert.equal(location.searchParams.get('error'), 'invalid_request');
      assert.match(location.searchParams.get('error_description') ?? '', /state/);
      assert.doesNotMatch(page.text, /<form/);
      const posted = await signIn({ state: '' });
      assert.equal(posted.status, 302);
      const back = new URL(posted.headers.get('location') ?? '');
      assert.equal(back.searchParams.get('error'), 'invalid_request');
      assert.equal(back.searchParams.get('code'), null, 'no code without state');
    });

    it('answers unsupported_response_type, not the login page, for response_type other than CODE', async () => {
      for (const responseType of ['token', '', 'id_token']) {
        const query = new URLSearchParams({
          client_id: h.demo.saClientId,
          response_type: responseType,
          redirect_uri: REDIRECT,
          state: 's',
        });
        const reply = await call(h.sandbox.url, 'GET', `${gate()}?${query.toString()}`);
        assert.equal(reply.status, 302, responseType);
        assert.doesNotMatch(reply.text, /<form/);
      }
    });

    it('seeds a second Samsung Account client from its files: its code exchange answers AUT_1806', async () => {
      const other = h.sandbox.credentials.otherSamsungAccount;
      assert.notEqual(other.clientId, h.demo.saClientId);
      const secret = (await readFile(other.clientSecretFile, 'utf8')).trim();
      const { code } = await signInCode();
      const reply = await exchange(
        codeFields(code, { client_id: other.clientId, client_secret: secret }),
      );
      assertAut(reply, 'AUT_1806');
    });

    it('never redirects to an unregistered redirect_uri or for an unknown client: an error page instead', async () => {
      for (const [fields, code] of [
        [{ redirect_uri: 'https://evil.example/cb' }, 'AUT_1022'],
        [{ redirect_uri: `http://127.0.0.1:1/${'x'.repeat(1030)}` }, 'AUT_1045'],
        [{ client_id: 'zzzzzzzzzz' }, 'AUT_1785'],
        [{ client_id: '' }, 'AUT_1001'],
      ] as const) {
        const reply = await signIn(fields);
        assert.equal(reply.status, 400, JSON.stringify(fields));
        assert.equal(reply.headers.get('location'), null);
        assert.ok(reply.text.includes(code), `${code}: ${reply.text}`);
      }
      const wrongAlias = await call(h.sandbox.url, 'POST', gate('unknownalias'), {
        form: { client_id: h.demo.saClientId, redirect_uri: REDIRECT },
      });
      assert.equal(wrongAlias.status, 400);
    });

    it('knows which redirect URIs are registered', () => {
      assert.equal(redirectUriProblem('http://127.0.0.1:8080/cb?x=1'), undefined);
      assert.equal(redirectUriProblem('http://localhost:3000/'), undefined);
      assert.equal(redirectUriProblem('vscode://publisher.ext/auth'), undefined);
      assert.equal(redirectUriProblem('https://127.0.0.1/cb'), 'AUT_1022');
      assert.equal(redirectUriProblem('http://127.0.0.1:80/cb#frag'), 'AUT_1022');
      assert.equal(redirectUriProblem('http://10.0.0.1/cb'), 'AUT_1022');
      assert.equal(redirectUriProblem('not a url'), 'AUT_1022');
      assert.equal(redirectUriProblem(''), 'AUT_1045');
    });
  });

  describe('token endpoint', () => {
    it('exchanges a code for tokens (form or JSON), once', async () => {
      const { code } = await signInCode();
      const reply = await exchange(codeFields(code), true);
      assert.equal(reply.status, 200, reply.text);
      assert.deepEqual(Object.keys(reply.json), [
        'access_token',
        'token_type',
        'access_token_expires_in',
        'expires_in',
        'refresh_token',
        'refresh_token_expires_in',
        'userId',
      ]);
      assert.equal(reply.json['token_type'], 'Bearer');
      assert.equal(reply.json['access_token_expires_in'], 3600);
      assert.equal(reply.json['expires_in'], 3600);
      assert.match(reply.json['userId'] as string, /^[0-9a-f]{10}$/);
      assertAut(await exchange(codeFields(code)), 'AUT_1802');
    });

    it('answers each documented AUT_ error', async () => {
      const { code } = await signInCode();
      const other = h.sandbox.registerSamsungAccountClient();
      const cases: Array<[Record<string, string>, string]> = [
        [{ grant_type: '' }, 'AUT_1008'],
        [{ grant_type: 'g'.repeat(51) }, 'AUT_1017'],
        [{ client_id: '' }, 'AUT_1001'],
        [{ client_id: 'abc' }, 'AUT_1010'],
        [{ client_id: 'ABCDEFGHIJ' }, 'AUT_1024'],
        [{ client_secret: '' }, 'AUT_1002'],
        [{ client_secret: 'short' }, 'AUT_1011'],
        [{ client_id: 'unknown123' }, 'AUT_1785'],
        [{ client_secret: 'F'.repeat(32) }, 'AUT_1702'],
        [{ code: '' }, 'AUT_1006'],
        [{ code: 'short' }, 'AUT_1015'],
        [{ code: 'c'.repeat(300) }, 'AUT_1015'],
        [{ redirect_uri: '' }, 'AUT_1045'],
        [{ redirect_uri: 'https://elsewhere.example/cb' }, 'AUT_1022'],
        [{ redirect_uri: 'http://127.0.0.1:45678/other' }, 'AUT_1022'],
        [{ code: 'wrong-code-wrong-code' }, 'AUT_1802'],
        [{ client_id: other.clientId, client_secret: other.clientSecret }, 'AUT_1806'],
      ];
      for (const [fields, expected] of cases)
        assertAut(await exchange(codeFields(code, fields)), expected);
      assert.equal(
        (await exchange(codeFields(code))).status,
        200,
        'the failed attempts must not use the code up',
      );
    });

    it('answers unsupported_grant_type for another grant type', async () => {
      const reply = await exchange(codeFields('x'.repeat(20), { grant_type: 'password' }));
      assert.equal(reply.status, 400);
      assert.equal(reply.json['error'], 'unsupported_grant_type');
    });

    it('refreshes the access token with the refresh_token grant', async () => {
      const first = await tokens();
      const reply = await exchange({
        grant_type: 'refresh_token',
        client_id: h.demo.saClientId,
        client_secret: h.demo.saClientSecret,
        refresh_token: first.refresh,
      });
      assert.equal(reply.status, 200, reply.text);
      assert.notEqual(reply.json['access_token'], first.access);
      assert.equal(reply.json['refresh_token'], first.refresh);
      assert.equal(reply.json['userId'], first.userId);
      const bad = await exchange({
        grant_type: 'refresh_token',
        client_id: h.demo.saClientId,
        client_secret: h.demo.saClientSecret,
        refresh_token: 'nope',
      });
      assert.equal(bad.json['error'], 'invalid_grant');
      const missing = await exchange({
        grant_type: 'refresh_token',
        client_id: h.demo.saClientId,
        client_secret: h.demo.saClientSecret,
      });
      assert.equal(missing.json['error'], 'invalid_request');
    });
  });

  describe('authorizeToken', () => {
    const authorize = (authToken: string | undefined, appId: string | undefined): Promise<Reply> =>
      call(
        h.sandbox.url,
        'GET',
        `/auth/oauth2/authorizeToken${authToken ? `?authToken=${authToken}` : ''}`,
        {
          headers: appId ? { 'x-osp-appId': appId } : {},
        },
      );

    it('confirms a token for its app, and answers LIC_4101, LIC_4102, LIC_4103', async () => {
      const { access, userId } = await tokens();
      const ok = await authorize(access, h.demo.saClientId);
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.json['userId'], userId);
      assert.equal(ok.json['expires_in'], 3600);
      assertAut(await authorize(access, undefined), 'LIC_4101');
      assertAut(await authorize(undefined, h.demo.saClientId), 'LIC_4101');
      assertAut(await authorize('unknown', h.demo.saClientId), 'LIC_4102');
      assertAut(await authorize(access, 'otherappid'), 'LIC_4103');
    });
  });

  describe('partner access tokens (delegatedSAToken)', () => {
    const keys = (): {
      publicKeyBase64: string;
      privateKey: Harness['demo']['privateKey'];
      nowSeconds: number;
    } => ({
      publicKeyBase64: h.demo.publicKeyBase64,
      privateKey: h.demo.privateKey,
      nowSeconds: h.clock.seconds,
    });
    const delegated = (saToken: string, path = '/ams/v1/users/accesstoken'): Promise<Reply> =>
      call(h.sandbox.url, 'POST', path, {
        json: {
          base64EncodedStringPublicKey: h.demo.publicKeyBase64,
          clientIdentifierJwt: knoxJwt('clientIdentifier', h.demo.clientIdentifiers.kme, {
            ...keys(),
            extra: { delegatedSAToken: saToken },
          }),
        },
      });

    it('issues a KCS access token for a live Samsung Account token, 4010011 for an unknown or expired one', async () => {
      const { access } = await tokens();
      assert.equal((await delegated(access)).status, 200);
      assertKnoxError(
        await delegated('unknown'),
        401,
        4010011,
        'IDP_AUTHORIZATION_FAIL',
        'unknown',
      );
      h.clock.advance(3600_000);
      assertKnoxError(await delegated(access), 401, 4010011, 'IDP_AUTHORIZATION_FAIL', 'expired');
    });

    it('signOutGate ends the session: its tokens and the KCS session built on them stop working', async () => {
      const { access, refresh, cookie } = await tokens();
      const session = await delegated(access, '/ams/v1/users/customer/sessiontoken');
      assert.equal(session.status, 200, session.text);
      const customerToken = (): Promise<Reply> =>
        call(h.sandbox.url, 'POST', '/ams/v1/users/customer/accesstoken', {
          json: {
            base64EncodedStringPublicKey: h.demo.publicKeyBase64,
            sessionTokenJwt: knoxJwt(
              'sessionToken',
              session.json['sessionToken'] as string,
              keys(),
            ),
          },
        });
      assert.equal((await customerToken()).status, 200);

      const query = new URLSearchParams({
        client_id: h.demo.saClientId,
        redirect_uri: REDIRECT,
        state: 'bye',
      });
      const out = await call(
        h.sandbox.url,
        'GET',
        `/accounts/${h.demo.aliasId}/signOutGate?${query.toString()}`,
        { headers: { cookie } },
      );
      assert.equal(out.status, 302);
      assert.equal(new URL(out.headers.get('location') ?? '').searchParams.get('state'), 'bye');
      assert.match(out.headers.get('set-cookie') ?? '', /Max-Age=0/);

      assertKnoxError(await delegated(access), 401, 4010011, 'IDP_AUTHORIZATION_FAIL', 'revoked');
      assertKnoxError(await customerToken(), 401, 4010011, 'IDP_AUTHORIZATION_FAIL');
      const refreshed = await exchange({
        grant_type: 'refresh_token',
        client_id: h.demo.saClientId,
        client_secret: h.demo.saClientSecret,
        refresh_token: refresh,
      });
      assert.equal(refreshed.json['error'], 'invalid_grant');
    });

    it('signOutGate without a redirect_uri shows a page; with access_token it ends that session only', async () => {
      const one = await tokens();
      const two = await tokens();
      const out = await call(
        h.sandbox.url,
        'GET',
        `/accounts/${h.demo.aliasId}/signOutGate?access_token=${one.access}`,
      );
      assert.equal(out.status, 200);
      assert.ok(out.text.includes('signed out'));
      assert.equal((await delegated(one.access)).status, 401);
      assert.equal((await delegated(two.access)).status, 200);
    });
  });

  it('answers 405 for wrong methods and 404 for other paths', async () => {
    assert.equal((await call(h.sandbox.url, 'PUT', gate(), { body: '' })).status, 405);
    assert.equal((await call(h.sandbox.url, 'GET', '/auth/oauth2/token')).status, 405);
    const missing = await call(h.sandbox.url, 'GET', '/auth/oauth2/nothing');
    assert.equal(missing.status, 404);
    assert.equal(missing.json['error'], 'not_found');
  });
});
