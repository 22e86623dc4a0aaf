import * as assert from 'node:assert/strict';
import {
  formatCountdown,
  formatTimeLeft,
  freshness,
} from '../../../../src/core/tokens/tokenStatus';

describe('token status', () => {
  const now = 1_700_000_000_000;

  it('classifies tokens as fresh, expiring within the margin, or expired', () => {
    assert.equal(freshness(now + 10 * 60_000, now, 120_000), 'fresh');
    assert.equal(freshness(now + 119_000, now, 120_000), 'expiring');
    assert.equal(freshness(now, now, 120_000), 'expired');
    assert.equal(freshness(now - 1, now, 0), 'expired');
  });

  it('says the time left in words', () => {
    assert.equal(formatTimeLeft(now + 27 * 60_000 + 5_000, now), '27 min');
    assert.equal(formatTimeLeft(now + 65_000, now), '1 min 05 s');
    assert.equal(formatTimeLeft(now + 45_000, now), '45 s');
    assert.equal(formatTimeLeft(now - 3 * 60_000, now), 'expired 3 min ago');
  });

  it('counts down by the second', () => {
    assert.equal(formatCountdown(now + 29 * 60_000 + 47_000, now), '29:47');
    assert.equal(formatCountdown(now + 29 * 60_000 + 46_001, now), '29:47');
    assert.equal(formatCountdown(now + 5_000, now), '0:05');
    assert.equal(formatCountdown(now + 3_600_000 + 61_000, now), '1:01:01');
    assert.equal(formatCountdown(now - 10_000, now), '0:00');
  });
});
