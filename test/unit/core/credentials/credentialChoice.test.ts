import * as assert from 'node:assert/strict';
import {
  credentialNamed,
  credentialOffer,
} from '../../../../src/core/credentials/credentialChoice';
import type { ClientIdentifierInfo, Profile } from '../../../../src/core/profiles/profile';
import { isKnoxToolError } from '../../../../src/core/toolError';
import { legacyProfile } from '../runner/fixtures';

function clientIdentifier(id: string, alias: string): ClientIdentifierInfo {
  return { id, alias, service: 'kme', hint: '…abcd', addedAt: 0 };
}

function profile(overrides: Partial<Profile> = {}): Profile {
  return legacyProfile({
    name: 'Production',
    clientIdentifiers: [clientIdentifier('c1', 'KME main'), clientIdentifier('c2', 'Second')],
    ...overrides,
  });
}

describe('credentialChoice', () => {
  it('finds a named credential by key, id or alias in any case', () => {
    assert.deepEqual(credentialNamed(profile(), 'oauth'), { kind: 'oauth' });
    assert.deepEqual(credentialNamed(profile(), 'samsungAccount'), { kind: 'samsungAccount' });
    assert.deepEqual(credentialNamed(profile(), 'c2'), { kind: 'clientIdentifier', id: 'c2' });
    assert.deepEqual(credentialNamed(profile(), 'kme MAIN'), {
      kind: 'clientIdentifier',
      id: 'c1',
    });
  });

  it('says which profile lacks a named client identifier', () => {
    assert.throws(
      () => credentialNamed(profile(), 'nope'),
      (e) =>
        isKnoxToolError(e, 'NOT_FOUND') &&
        e.message === 'Profile "Production" has no client identifier "nope".',
    );
  });

  it('offers a pick among several client identifiers, marking those holding a token', () => {
    const offer = credentialOffer(profile(), new Set(['c2']));
    assert.equal(offer.kind, 'pick');
    assert.deepEqual(offer.kind === 'pick' ? offer.choices.map((c) => [c.label, c.detail]) : [], [
      ['KME main', undefined],
      ['Second', 'holds a token'],
    ]);
    assert.equal(offer.kind === 'pick' && offer.choices[0]?.description, 'Knox Mobile Enrollment');
  });

  it('takes the only fitting client identifier without asking', () => {
    assert.deepEqual(credentialOffer(profile(), new Set(['c2']), true), {
      kind: 'only',
      credential: { kind: 'clientIdentifier', id: 'c2' },
    });
  });

  it("falls back to the profile's default for OAuth and for no client identifier", () => {
    assert.deepEqual(credentialOffer(profile({ scheme: 'oauth' }), new Set()), {
      kind: 'default',
    });
    assert.deepEqual(credentialOffer(profile({ clientIdentifiers: [] }), new Set()), {
      kind: 'default',
    });
  });

  it('refuses to inspect when the profile holds no token at all', () => {
    assert.throws(
      () => credentialOffer(profile(), new Set(), true),
      (e) => isKnoxToolError(e, 'NOT_FOUND') && /holds no token yet/.test(e.message),
    );
  });
});
