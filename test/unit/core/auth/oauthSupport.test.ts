import assert from 'node:assert/strict';
import { assertOAuthSupported, oauthSupportFor } from '../../../../src/core/auth/oauthSupport';
import { isKnoxToolError } from '../../../../src/core/toolError';

describe('oauthSupportFor', () => {
  it('says Knox Guard cannot use OAuth 2.0 and what to use instead', () => {
    const support = oauthSupportFor('kg');
    assert.equal(support.supported, false);
    assert.ok(!support.supported);
    assert.match(support.reason, /^Knox Guard does not accept OAuth 2\.0 tokens/);
    assert.match(support.reason, /x-knox-apitoken/);
  });

  it('says Knox Attestation cannot use OAuth 2.0', () => {
    const support = oauthSupportFor('attestation');
    assert.ok(!support.supported);
    assert.match(support.reason, /^Knox Attestation does not accept OAuth 2\.0 tokens/);
  });

  it('allows Knox Manage only for MSPs', () => {
    const direct = oauthSupportFor('km');
    assert.ok(!direct.supported);
    assert.match(direct.reason, /MSP partners only/);
    assert.deepEqual(oauthSupportFor('km', { msp: true }), { supported: true });
    assert.equal(oauthSupportFor('kg', { msp: true }).supported, false);
  });

  it('allows the other services', () => {
    for (const service of ['kme', 'kdp', 'kc', 'kai', 'ke', 'msp', 'oauth'] as const) {
      assert.deepEqual(oauthSupportFor(service), { supported: true }, service);
    }
  });

  it('assertOAuthSupported throws OAUTH_NOT_SUPPORTED with the reason', () => {
    assert.throws(
      () => assertOAuthSupported('kg'),
      (e) =>
        isKnoxToolError(e, 'OAUTH_NOT_SUPPORTED') &&
        e.message.startsWith('Knox Guard does not accept OAuth 2.0 tokens'),
    );
    assert.doesNotThrow(() => assertOAuthSupported('kme'));
  });
});
