import * as assert from 'node:assert/strict';
import {
  clientIdentifierChoices,
  requireClientIdentifier,
} from '../../../../src/core/credentials/clientIdentifierChoices';
import type { Profile } from '../../../../src/core/profiles/profile';
import { isKnoxToolError } from '../../../../src/core/toolError';
import { legacyProfile } from '../runner/fixtures';

const PROFILE: Profile = legacyProfile({
  name: 'Production',
  clientIdentifiers: [{ id: 'c1', alias: 'Enrollment', service: 'kme', hint: '…x9Qf', addedAt: 0 }],
});

describe('clientIdentifierChoices', () => {
  it('offers each client identifier by alias, service and hint', () => {
    assert.deepEqual(clientIdentifierChoices(PROFILE), [
      { label: 'Enrollment', description: 'Knox Mobile Enrollment · …x9Qf', id: 'c1' },
    ]);
  });

  it('finds a client identifier by id, and says when the profile has no such one', () => {
    assert.equal(requireClientIdentifier(PROFILE, 'c1').alias, 'Enrollment');
    assert.throws(
      () => requireClientIdentifier(PROFILE, 'c9'),
      (e) =>
        isKnoxToolError(e, 'NOT_FOUND') &&
        e.message === 'Profile "Production" has no such client identifier.',
    );
  });
});
