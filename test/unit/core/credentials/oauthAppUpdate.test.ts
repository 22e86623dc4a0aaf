import * as assert from 'node:assert/strict';
import { oauthAppUpdate, scopeCount } from '../../../../src/core/credentials/oauthAppUpdate';
import type { Profile } from '../../../../src/core/profiles/profile';
import { legacyProfile, oauthProfile } from '../runner/fixtures';

const EXISTING: Profile = oauthProfile(['kme'], { oauth: { clientId: 'app', scopes: ['kme'] } });
const NEW: Profile = legacyProfile({ scheme: 'oauth', services: [] });

describe('oauthAppUpdate', () => {
  it('keeps the stored secret when an existing app is given an empty one', () => {
    const update = oauthAppUpdate(EXISTING, { clientId: 'app', clientSecret: '', scopes: ['kme'] });
    assert.equal('clientSecret' in update, false);
  });

  it('passes an empty secret of a new app on, for the store to refuse', () => {
    assert.deepEqual(oauthAppUpdate(NEW, { clientId: 'app', clientSecret: '', scopes: ['kc'] }), {
      clientId: 'app',
      clientSecret: '',
      scopes: ['kc'],
    });
    assert.equal(
      oauthAppUpdate(EXISTING, { clientId: 'a', clientSecret: 's', scopes: [] }).clientSecret,
      's',
    );
  });

  it('counts scopes in words', () => {
    assert.equal(scopeCount(1), '1 scope');
    assert.equal(scopeCount(0), '0 scopes');
    assert.equal(scopeCount(3), '3 scopes');
  });
});
