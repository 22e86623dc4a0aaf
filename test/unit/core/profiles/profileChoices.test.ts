import * as assert from 'node:assert/strict';
import {
  SCHEME_CHOICES,
  baseUrlProblem,
  targetChoices,
} from '../../../../src/core/profiles/profileChoices';

describe('profileChoices', () => {
  it('offers the default region first and the custom base URL last', () => {
    assert.deepEqual(
      targetChoices('us').map((c) => c.label),
      ['US', 'EU', 'Custom base URL…'],
    );
    assert.deepEqual(
      targetChoices('eu').map((c) => c.label),
      ['EU', 'US', 'Custom base URL…'],
    );
    assert.deepEqual(targetChoices('eu')[0]?.target, { kind: 'region', region: 'eu' });
    assert.equal(targetChoices('us')[2]?.target, undefined);
  });

  it('says why a typed base URL is refused, in one line, and accepts a loopback one', () => {
    assert.equal(baseUrlProblem('http://127.0.0.1:8080'), undefined);
    const problem = baseUrlProblem('ftp://knox.example.com');
    assert.match(problem ?? '', /does not use https/);
    assert.doesNotMatch(problem ?? '', /\n/);
  });

  it('offers the three ways to authenticate', () => {
    assert.deepEqual(
      SCHEME_CHOICES.map((c) => c.scheme),
      ['legacy', 'oauth', 'partner'],
    );
  });
});
