import * as assert from 'node:assert/strict';
import type { Profile, SamsungAccountInfo } from '../../../../src/core/profiles/profile';
import {
  profileDescription,
  samsungAccountDetails,
  samsungAccountStatus,
} from '../../../../src/core/profiles/profileLabels';
import type { TokenInfo } from '../../../../src/core/tokens/tokenStatus';
import { legacyProfile } from '../runner/fixtures';

const NOW = Date.parse('2025-03-01T10:00:00Z');
const PROFILE: Profile = legacyProfile({
  target: { kind: 'custom', baseUrl: 'https://knox.example.com/api' },
  scheme: 'partner',
});
const CLIENT: SamsungAccountInfo = {
  clientId: 'sa-client',
  aliasId: 'alias-1',
  redirectUri: 'http://127.0.0.1/callback',
};
const SIGNED_IN: SamsungAccountInfo = { ...CLIENT, userId: 'user-7', signedInAt: NOW - 60_000 };

function token(expiresAt: number): TokenInfo {
  return {
    credential: 'samsungAccount',
    label: 'Samsung Account',
    kind: 'samsungAccount',
    issuedAt: NOW,
    expiresAt,
  };
}

describe('profileLabels', () => {
  it('describes a profile by activity, host, scheme and tenant, leaving out what is not there', () => {
    assert.equal(profileDescription(PROFILE, false), 'knox.example.com · partner sign-in');
    assert.equal(
      profileDescription({ ...PROFILE, sandbox: true, tenantId: 't-9', scheme: 'oauth' }, true),
      'active · sandbox · OAuth 2.0 · tenant t-9',
    );
  });

  it('tells the Samsung Account sign-in state and the token time left', () => {
    assert.equal(samsungAccountStatus(CLIENT, undefined, NOW), 'client sa-client · sign in');
    assert.equal(samsungAccountStatus(SIGNED_IN, undefined, NOW), 'signed in');
    assert.equal(
      samsungAccountStatus(SIGNED_IN, token(NOW + 10 * 60_000), NOW),
      'signed in · token 10 min left',
    );
    assert.equal(
      samsungAccountStatus(SIGNED_IN, token(NOW - 1), NOW),
      'signed in · token expired, renews on use',
    );
  });

  it("details the client, the host (the profile's own when none is set) and who signed in", () => {
    const out = samsungAccountDetails(PROFILE, CLIENT, undefined, NOW);
    assert.equal(out.length, 3);
    assert.equal(out[1], 'Authorization host: `knox.example.com`');
    const signedIn = samsungAccountDetails(PROFILE, SIGNED_IN, token(NOW - 1), NOW);
    assert.equal(signedIn.length, 5);
    assert.match(signedIn[3] ?? '', /^Signed in as `user-7` on /);
    assert.match(signedIn[4] ?? '', /^Samsung Account token has expired; /);
  });
});
