import * as assert from 'node:assert/strict';
import { errorCodeUnderCursor } from '../../../../src/core/knoxErrors/errorCodeUnderCursor';

describe('errorCodeUnderCursor', () => {
  it('finds the code under the cursor, at its start, inside and just after it', () => {
    const line = '2026-01-02 ERROR Knox answered 4032251 ACCESS_TOKEN_EXPIRED';
    const at = line.indexOf('4032251');
    for (const c of [at, at + 3, at + 7]) {
      const match = errorCodeUnderCursor(line, c);
      assert.equal(match?.entry.code, '4032251', `character ${c}`);
      assert.deepEqual([match?.start, match?.end], [at, at + 7]);
    }
    assert.equal(errorCodeUnderCursor(line, at - 2), undefined);
    const name = line.indexOf('ACCESS_TOKEN_EXPIRED');
    assert.equal(errorCodeUnderCursor(line, name + 5)?.entry.code, '4032251');
  });

  it('keeps the matcher false-positive rules', () => {
    assert.equal(errorCodeUnderCursor('port 1403 is open', 6), undefined);
    assert.equal(errorCodeUnderCursor('we met 403 people', 8), undefined);
    assert.equal(errorCodeUnderCursor('HTTP/1.1 403 Forbidden', 10)?.entry.code, '403');
  });

  it('finds a code deep inside a very long line, with offsets in the whole line', () => {
    const padding = 'x'.repeat(1_000_000);
    const line = `${padding} {"status": 429, "code": "AUT_1806"} ${padding}`;
    const code = line.indexOf('AUT_1806');
    const match = errorCodeUnderCursor(line, code + 2);
    assert.equal(match?.entry.code, 'AUT_1806');
    assert.deepEqual([match?.start, match?.end, match?.text], [code, code + 8, 'AUT_1806']);
    const status = line.indexOf('429');
    assert.equal(
      errorCodeUnderCursor(line, status + 1)?.entry.code,
      '429',
      'the status context is in the window',
    );
    assert.equal(errorCodeUnderCursor(line, 10), undefined);
  });

  it('only looks at the window around the cursor', () => {
    const line = `4032251 ${'y'.repeat(2000)}`;
    assert.equal(errorCodeUnderCursor(line, 3)?.entry.code, '4032251');
    // With a window of 4 characters the code is cut and no longer a whole token.
    assert.equal(errorCodeUnderCursor(line, 3, 2), undefined);
  });
});
