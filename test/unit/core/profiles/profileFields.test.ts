import * as assert from 'node:assert/strict';
import type { Profile } from '../../../../src/core/profiles/profile';
import {
  profileUpdateFromFields,
  takenNames,
  targetFromFields,
} from '../../../../src/core/profiles/profileFields';
import { isKnoxToolError } from '../../../../src/core/toolError';
import { legacyProfile } from '../runner/fixtures';

function profile(id: string, name: string): Profile {
  return legacyProfile({ id, name, services: [] });
}

describe('profileFields', () => {
  it('takes a base URL over a region, and neither gives no target', () => {
    assert.deepEqual(targetFromFields({ region: 'eu', baseUrl: 'http://127.0.0.1:8080/' }), {
      kind: 'custom',
      baseUrl: 'http://127.0.0.1:8080',
    });
    assert.deepEqual(targetFromFields({ region: 'eu' }), { kind: 'region', region: 'eu' });
    assert.equal(targetFromFields({ name: 'x' }), undefined);
  });

  it('refuses a plain-http base URL that is not loopback', () => {
    assert.throws(
      () => targetFromFields({ baseUrl: 'http://knox.example.com' }),
      (e) => isKnoxToolError(e, 'INVALID_BASE_URL') && /does not use https/.test(e.message),
    );
  });

  it('asks nothing of Edit Profile when no field is given', () => {
    assert.equal(profileUpdateFromFields({}), undefined);
    assert.equal(profileUpdateFromFields({ name: undefined, scheme: undefined }), undefined);
  });

  it('changes only the fields given, an empty tenant id included (it clears the tenant)', () => {
    assert.deepEqual(profileUpdateFromFields({ tenantId: '' }), { tenantId: '' });
    assert.deepEqual(profileUpdateFromFields({ name: 'Prod', region: 'eu', scheme: 'oauth' }), {
      name: 'Prod',
      target: { kind: 'region', region: 'eu' },
      scheme: 'oauth',
    });
  });

  it('lists the names of the other profiles as taken', () => {
    const all = [profile('a', 'Production'), profile('b', 'Test')];
    assert.deepEqual(takenNames(all), ['Production', 'Test']);
    assert.deepEqual(takenNames(all, 'a'), ['Test']);
  });
});
