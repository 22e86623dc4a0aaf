import assert from 'node:assert/strict';
import { isSecretHeaderName } from '../../../../src/core/log/secretNames';
import {
  MAX_REDIRECTS,
  credentialOf,
  describeRedirect,
  redirectDecision,
} from '../../../../src/core/http/redirectDecision';
import type { RedirectableRequest } from '../../../../src/core/http/redirectDecision';

const post: RedirectableRequest = {
  url: 'https://us-kcs-api.samsungknox.com/kcs/v1/kme/devices/list?pageNum=0',
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
  body: '{"pageNum":0}',
};
const follow = { mode: 'follow' as const, hopsSoFar: 0 };

describe('redirectDecision', () => {
  it('follows every redirect code within the origin: 303 (and 301/302 after POST) as GET without body, 307/308 as sent', () => {
    const expected: Record<number, 'GET' | 'POST'> = {
      301: 'GET',
      302: 'GET',
      303: 'GET',
      307: 'POST',
      308: 'POST',
    };
    for (const [status, method] of Object.entries(expected)) {
      const decision = redirectDecision(
        { ...post, headers: { ...post.headers, 'x-knox-apitoken': 'jwt' } },
        Number(status),
        '/kcs/v1/kme/devices/list2#frag',
        follow,
      );
      assert.ok(decision.follow, `status ${status}`);
      assert.equal(
        decision.next.url,
        'https://us-kcs-api.samsungknox.com/kcs/v1/kme/devices/list2',
        'resolved, no fragment',
      );
      assert.equal(decision.next.method, method, `status ${status}`);
      assert.equal(decision.next.headers['x-knox-apitoken'], 'jwt', 'same origin keeps the token');
      if (method === 'GET') {
        assert.equal(decision.next.body, undefined);
        assert.equal(decision.next.headers['Content-Type'], undefined, 'no body, no content type');
      } else {
        assert.equal(decision.next.body, post.body);
      }
      assert.deepEqual(decision.hop, {
        status: Number(status),
        from: 'https://us-kcs-api.samsungknox.com/kcs/v1/kme/devices/list?…',
        to: 'https://us-kcs-api.samsungknox.com/kcs/v1/kme/devices/list2',
        followed: true,
      });
    }
  });

  it('keeps PUT and DELETE on 301/302 and turns a HEAD 303 into nothing else', () => {
    for (const method of ['PUT', 'DELETE']) {
      const decision = redirectDecision({ ...post, method }, 302, '/x', follow);
      assert.ok(decision.follow);
      assert.equal(decision.next.method, method);
      assert.equal(decision.next.body, post.body);
    }
    const head = redirectDecision({ ...post, method: 'HEAD', body: undefined }, 303, '/x', follow);
    assert.ok(head.follow);
    assert.equal(head.next.method, 'HEAD');
  });

  it('treats another port, host or scheme of the same host as another origin', () => {
    for (const location of [
      'https://us-kcs-api.samsungknox.com:8443/x',
      'https://eu-kcs-api.samsungknox.com/x',
      'https://evil.example/x',
    ]) {
      const decision = redirectDecision(
        { ...post, headers: { Authorization: 'Bearer t' } },
        307,
        location,
        follow,
      );
      assert.equal(decision.follow, false, location);
      assert.equal(decision.hop.refused, 'credential');
      assert.equal(decision.hop.credential, 'your token (Authorization)');
    }
  });

  it('refuses another origin for every kind of credential, whatever the code', () => {
    const kinds: [Partial<RedirectableRequest>, string][] = [
      [{ headers: { 'x-knox-apitoken': 'eyJ.a.b' } }, 'your token (x-knox-apitoken)'],
      [{ headers: { Authorization: 'Bearer abc' } }, 'your token (Authorization)'],
      [{ headers: { 'X-WSM-Managed-TenantId': 't1' } }, 'your tenant id (x-wsm-managed-tenantid)'],
      [{ headers: { Cookie: 'sid=1' } }, 'your cookies (Cookie)'],
      [{ headers: { 'x-api-key': 'k' } }, 'a credential header (x-api-key)'],
      [
        { body: 'grant_type=client_credentials&client_id=a&client_secret=s' },
        'a credential in its body',
      ],
      [
        { body: '{"base64EncodedStringPublicKey":"MII","clientIdentifierJwt":"x"}' },
        'a credential in its body',
      ],
      [{ body: '{"sessionTokenJwt":"x"}' }, 'a credential in its body'],
      [{ body: '{"anything":"eyJhbGciOi.eyJzdWIiOi.sig"}' }, 'a credential in its body'],
    ];
    for (const [extra, words] of kinds) {
      for (const status of [301, 302, 303, 307, 308]) {
        const request = { ...post, headers: {}, body: undefined, ...extra };
        const decision = redirectDecision(request, status, 'http://127.0.0.1:9/steal', follow);
        assert.equal(decision.follow, false, `${words} ${status}`);
        assert.equal(decision.hop.refused, 'credential');
        assert.equal(decision.hop.credential, words);
      }
    }
  });

  it('follows another origin when the request carries no credential', () => {
    const decision = redirectDecision(
      { url: 'http://127.0.0.1:1/a', method: 'GET', headers: { Accept: '*/*' } },
      302,
      'http://127.0.0.1:2/b?x=1',
      follow,
    );
    assert.ok(decision.follow);
    assert.equal(decision.next.url, 'http://127.0.0.1:2/b?x=1');
    assert.equal(decision.hop.to, 'http://127.0.0.1:2/b?…', 'the query is not shown');
  });

  it('never goes from https to http, not even without credentials', () => {
    for (const status of [301, 302, 303, 307, 308]) {
      const decision = redirectDecision(
        { url: 'https://api.example/a', method: 'GET', headers: {} },
        status,
        'http://api.example/a',
        follow,
      );
      assert.equal(decision.follow, false);
      assert.equal(decision.hop.refused, 'downgrade');
    }
    const up = redirectDecision(
      { url: 'http://api.example/a', method: 'GET', headers: {} },
      301,
      'https://api.example/a',
      follow,
    );
    assert.ok(up.follow, 'http to https is fine without credentials');
  });

  it('refuses other schemes, too many hops, and any redirect outside follow mode', () => {
    const get = { url: 'http://a.example/', method: 'GET', headers: {} };
    assert.equal(redirectDecision(get, 302, 'file:///etc/passwd', follow).hop.refused, 'scheme');
    assert.equal(
      redirectDecision(get, 302, '/again', { mode: 'follow', hopsSoFar: MAX_REDIRECTS }).hop
        .refused,
      'tooMany',
    );
    for (const mode of ['manual', 'error'] as const) {
      const decision = redirectDecision(get, 307, '/same', { mode, hopsSoFar: 0 });
      assert.equal(decision.follow, false);
      assert.equal(decision.hop.refused, 'notAllowed');
    }
  });

  it('says in one line what happened and why', () => {
    const refused = redirectDecision(
      { ...post, headers: { 'x-knox-apitoken': 'jwt' } },
      307,
      'https://other.example/kcs/v1/steal?token=abc',
      follow,
    );
    assert.equal(
      describeRedirect(refused.hop),
      'Knox answered 307 to https://other.example/kcs/v1/steal?…; not followed because the request carries your token (x-knox-apitoken), which goes only to https://us-kcs-api.samsungknox.com. Check the base URL.',
    );
    const followed = redirectDecision(post, 308, '/b', follow);
    assert.equal(
      describeRedirect(followed.hop),
      'Knox answered 308 to https://us-kcs-api.samsungknox.com/b; followed (same origin).',
    );
    assert.match(
      describeRedirect(
        redirectDecision(
          { url: 'https://a.example/', method: 'GET', headers: {} },
          301,
          'http://a.example/',
          follow,
        ).hop,
      ),
      /not followed because it leaves https for plain http\.$/,
    );
  });

  it('uses the one secret predicate of secretNames for headers and body fields', () => {
    for (const name of ['x-session-id', 'X-Api-Key', 'Proxy-Authorization', 'x-client-secret']) {
      assert.ok(isSecretHeaderName(name), name);
      assert.ok(credentialOf({ [name]: 'v' }, undefined), name);
    }
    for (const body of [
      '{"apiKey":"k"}',
      '{"privateKey":"k"}',
      'grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=abc',
      '{"body":"{\\"clientSecret\\":\\"s\\"}"}',
      '{"delegatedSAToken":"t"}',
    ]) {
      assert.equal(credentialOf({}, body), 'a credential in its body', body);
    }
    assert.equal(credentialOf({}, '{"tokenType":"x"}'), undefined);
  });

  it('finds no credential in plain headers and bodies', () => {
    assert.equal(
      credentialOf({ 'Content-Type': 'application/json', Accept: 'x' }, '{"pageNum":0}'),
      undefined,
    );
  });
});
