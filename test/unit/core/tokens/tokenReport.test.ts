import * as assert from 'node:assert/strict';
import { sign } from 'node:crypto';
import type { Profile } from '../../../../src/core/profiles/profile';
import { tokenReport } from '../../../../src/core/tokens/tokenReport';
import { generateKeys } from '../../../helpers/keys';
import type { GeneratedKeys } from '../../../helpers/keys';
import { legacyProfile } from '../runner/fixtures';

const NOW = Date.parse('2025-03-01T10:00:00Z');
const INNER = 'inner-access-token-that-is-a-secret';
const b64u = (text: string): string => Buffer.from(text).toString('base64url');

function signed(claims: object, keys: GeneratedKeys): string {
  const input = `${b64u(JSON.stringify({ alg: 'RS512', typ: 'JWT' }))}.${b64u(JSON.stringify(claims))}`;
  return `${input}.${sign('sha512', Buffer.from(input), keys.privateKey).toString('base64url')}`;
}

function profile(withKey: boolean): Profile {
  return legacyProfile({
    name: 'Production',
    ...(withKey
      ? {
          keyFile: {
            fingerprint: 'ab:cd:ef:01:23:45:67',
            modulusBits: 2048,
            fileName: 'keys.json',
            importedAt: 0,
          },
        }
      : {}),
  });
}

describe('tokenReport', () => {
  let keys: GeneratedKeys;
  let other: GeneratedKeys;
  before(() => {
    keys = generateKeys();
    other = generateKeys();
  });

  const claims = (): object => ({
    accessToken: INNER,
    iat: NOW / 1000 - 60,
    exp: NOW / 1000 + 1740,
  });

  it('decodes a JWT, hides its secret claims and verifies it with the profile key', async () => {
    const token = {
      value: signed(claims(), keys),
      kind: 'legacy' as const,
      expiresAt: NOW + 1_740_000,
    };
    const report = await tokenReport(profile(true), token, {
      now: NOW,
      publicKey: () => Promise.resolve(keys.publicKey),
    });
    assert.match(report, /^# Token of "Production"$/m);
    assert.match(report, /"alg": "RS512"/);
    assert.match(report, new RegExp(`"accessToken": "<${INNER.length} characters, hidden>"`));
    assert.doesNotMatch(report, new RegExp(INNER));
    assert.match(report, /- exp: 2025-03-01T10:29:00.000Z \(valid\)/);
    assert.match(report, /- Signature: verifies against the profile's key ab:cd:ef:01…/);
  });

  it('says when the signature does not verify against the profile key', async () => {
    const token = {
      value: signed(claims(), other),
      kind: 'legacy' as const,
      expiresAt: NOW + 1000,
    };
    const report = await tokenReport(profile(true), token, {
      now: NOW,
      publicKey: () => Promise.resolve(keys.publicKey),
    });
    assert.match(report, /- Signature: DOES NOT verify/);
  });

  it('reads an opaque bearer token no further and asks for no key', async () => {
    let asked = false;
    const report = await tokenReport(
      profile(true),
      { value: 'Bearer opaque-value', kind: 'oauth', expiresAt: NOW - 1000 },
      {
        now: NOW,
        publicKey: () => {
          asked = true;
          return Promise.resolve(keys.publicKey);
        },
      },
    );
    assert.match(report, /- Kind: Knox OAuth 2.0 bearer token/);
    assert.match(report, /- Issued: unknown/);
    assert.match(report, /nothing more to decode/);
    assert.doesNotMatch(report, /opaque-value/);
    assert.equal(asked, false);
  });
});
