import * as assert from 'node:assert/strict';
import { randomSecret, randomToken } from '../../../src/sandbox/randomToken';

describe('sandbox secrets', () => {
  it('start with a letter or digit, so they can follow an option on a command line', () => {
    // 1 in 32 base64url tokens starts with "-" or "_": 2,000 draws would all but surely show one.
    const raw = Array.from({ length: 2000 }, () => randomToken(36));
    assert.ok(
      raw.some((t) => /^[-_]/.test(t)),
      'the plain tokens do start with "-" or "_" at times',
    );
    for (let i = 0; i < 2000; i++) {
      const secret = randomSecret(36);
      assert.match(secret, /^[A-Za-z0-9][A-Za-z0-9_-]{47}$/);
    }
  });
});
