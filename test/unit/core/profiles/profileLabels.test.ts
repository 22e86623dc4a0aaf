import * as assert from 'node:assert/strict';
import type { Profile, SamsungAccountInfo } from '../../../../src/core/profiles/profile';
import {
  clientIdentifierDescription,
  profileDescription,
  samsungAccountDetails,
  samsungAccountStatus,
  shortClientId,
  shortFingerprint,
  tokenRowLabel,
  tokenTimeLeft,
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
  it('describes a profile by activity, host and scheme, short enough for the sidebar (the tenant is in the tooltip)', () => {
    assert.equal(profileDescription(PROFILE, false), 'knox.example.com · partner');
    assert.equal(
      profileDescription({ ...PROFILE, sandbox: true, tenantId: 't-9', scheme: 'oauth' }, true),
      'active · local · OAuth',
    );
    assert.equal(
      profileDescription(
        { ...PROFILE, target: { kind: 'region', region: 'eu' }, scheme: 'legacy' },
        false,
      ),
      'EU · key file',
    );
  });

  it('shortens a fingerprint to its first and last two bytes, and a client id to four characters each end', () => {
    const fingerprint =
      'A8:51:36:56:0F:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:B1:26';
    assert.equal(shortFingerprint(fingerprint), 'A8:51…B1:26');
    assert.equal(shortFingerprint('A8:51'), 'A8:51');
    assert.equal(shortClientId('a3f72f2f-333e-41d7-b744-f085f96285b8'), 'a3f7…85b8');
    assert.equal(shortClientId('app-1'), 'app-1');
  });

  it('names a token row after its credential, and tells its time left as it ticks', () => {
    const kme = PROFILE.clientIdentifiers[0];
    assert.ok(kme, 'the fixture has a client identifier');
    const legacy: TokenInfo = {
      ...token(NOW + 60_000),
      credential: kme.id,
      kind: 'legacy',
      label: `${kme.alias} access token`,
    };
    assert.equal(tokenRowLabel(PROFILE, legacy), kme.alias);
    assert.equal(
      tokenRowLabel(PROFILE, { ...legacy, credential: 'gone' }),
      `${kme.alias} access token`,
    );
    assert.equal(
      tokenRowLabel(PROFILE, { ...legacy, kind: 'oauth', credential: 'oauth' }),
      'OAuth app',
    );
    assert.equal(tokenRowLabel(PROFILE, token(NOW)), 'Samsung Account');
    assert.equal(tokenTimeLeft(NOW + 29 * 60_000 + 40_000, NOW), '29:40 left');
    assert.equal(tokenTimeLeft(NOW + 65_000, NOW), '1:05 left');
    assert.equal(tokenTimeLeft(NOW - 3 * 60_000, NOW), 'expired 3 min ago');
  });

  it('tells the Samsung Account sign-in state and the token time left in a word or two', () => {
    assert.equal(samsungAccountStatus(CLIENT, undefined, NOW), 'signed out');
    assert.equal(samsungAccountStatus(SIGNED_IN, undefined, NOW), 'signed in');
    assert.equal(samsungAccountStatus(SIGNED_IN, token(NOW + 10 * 60_000), NOW), '10 min left');
    assert.equal(samsungAccountStatus(SIGNED_IN, token(NOW - 1), NOW), 'token expired');
  });

  it("details the client, the host (the profile's own when none is set) and who signed in", () => {
    const out = samsungAccountDetails(PROFILE, CLIENT, undefined, NOW);
    assert.equal(out.length, 4);
    assert.equal(out[1], 'Authorization host: `knox.example.com`');
    assert.equal(out[3], 'Nobody is signed in. Click to sign in.');
    const signedIn = samsungAccountDetails(PROFILE, SIGNED_IN, token(NOW - 1), NOW);
    assert.equal(signedIn.length, 5);
    assert.match(signedIn[3] ?? '', /^Signed in as `user-7` on /);
    assert.match(signedIn[4] ?? '', /^Samsung Account token has expired; /);
  });
  it('describes a client identifier without repeating an alias that is the service', () => {
    const id = { id: 'c1', service: 'kdp' as const, hint: '…OMcw', addedAt: 0 };
    assert.equal(clientIdentifierDescription({ ...id, alias: 'KDP' }), '…OMcw');
    assert.equal(clientIdentifierDescription({ ...id, alias: 'kdp ' }), '…OMcw');
    assert.equal(clientIdentifierDescription({ ...id, alias: 'Production' }), 'KDP · …OMcw');
  });
});
