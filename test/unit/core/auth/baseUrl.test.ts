import assert from 'node:assert/strict';
import { KNOX_BASE_URLS, joinUrl, resolveBaseUrl } from '../../../../src/core/auth/baseUrl';
import { isKnoxToolError } from '../../../../src/core/toolError';

const invalid = (fragment: RegExp) => (e: unknown) =>
  isKnoxToolError(e, 'INVALID_BASE_URL') &&
  fragment.test(e.message) &&
  e.message.endsWith(
    'Use a region (us, eu, oauth) or a full URL such as https://us-kcs-api.samsungknox.com.',
  );

describe('resolveBaseUrl', () => {
  it('knows the documented hosts by region, in any case', () => {
    assert.equal(resolveBaseUrl('us'), 'https://us-kcs-api.samsungknox.com');
    assert.equal(resolveBaseUrl(' EU '), 'https://eu-kcs-api.samsungknox.com');
    assert.equal(resolveBaseUrl('oauth'), 'https://api.samsungknox.com');
    assert.equal(KNOX_BASE_URLS.us, 'https://us-kcs-api.samsungknox.com');
  });

  it('takes any https URL, dropping trailing slashes and keeping a path prefix', () => {
    assert.equal(
      resolveBaseUrl('https://ap-kcs-api.samsungknox.com/'),
      'https://ap-kcs-api.samsungknox.com',
    );
    assert.equal(
      resolveBaseUrl('https://gw.example.com:8443/knox//'),
      'https://gw.example.com:8443/knox',
    );
  });

  it('allows http for localhost only, for the sandbox', () => {
    assert.equal(resolveBaseUrl('http://127.0.0.1:4010'), 'http://127.0.0.1:4010');
    assert.equal(resolveBaseUrl('http://localhost:4010/'), 'http://localhost:4010');
    assert.throws(
      () => resolveBaseUrl('http://us-kcs-api.samsungknox.com'),
      invalid(/does not use https/),
    );
  });

  it('refuses user info without repeating it', () => {
    assert.throws(
      () => resolveBaseUrl('https://me:hunter2@knox.example.com'),
      (e) => invalid(/user name or password/)(e) && !(e as Error).message.includes('hunter2'),
    );
  });

  it('refuses a query or fragment', () => {
    assert.throws(
      () => resolveBaseUrl('https://knox.example.com/?a=1'),
      invalid(/query or fragment/),
    );
    assert.throws(
      () => resolveBaseUrl('https://knox.example.com/#x'),
      invalid(/query or fragment/),
    );
  });

  it('refuses what is not a region or URL without echoing it', () => {
    assert.throws(
      () => resolveBaseUrl('eyJhbGciOiJSUzUxMiJ9.pasted-token'),
      (e) => invalid(/neither a region/)(e) && !(e as Error).message.includes('eyJ'),
    );
    assert.throws(() => resolveBaseUrl('ftp://knox.example.com'), invalid(/does not use https/));
  });
});

describe('joinUrl', () => {
  it('joins with exactly one slash', () => {
    assert.equal(joinUrl('https://a.example/', '/ams/v1/x'), 'https://a.example/ams/v1/x');
    assert.equal(joinUrl('https://a.example/p', 'ams'), 'https://a.example/p/ams');
  });
});
