import * as assert from 'node:assert/strict';
import { KnoxToolError, isKnoxToolError } from '../../../src/core/toolError';

describe('KnoxToolError', () => {
  it('is recognised across bundles: each feature chunk has its own copy of the class', () => {
    // What another bundle's KnoxToolError looks like from here: same brand, other prototype.
    class OtherCopy extends Error {
      readonly code = 'NOT_FOUND';
      constructor(message: string) {
        super(message);
        Object.defineProperty(this, Symbol.for('knox-api-toolkit.KnoxToolError'), { value: true });
      }
    }
    const foreign = new OtherCopy('That request is no longer in the history.');
    assert.equal(foreign instanceof KnoxToolError, true);
    assert.equal(isKnoxToolError(foreign, 'NOT_FOUND'), true);
    assert.equal(isKnoxToolError(foreign, 'INTERNAL'), false);
  });

  it('is not any other error', () => {
    assert.equal(new Error('x') instanceof KnoxToolError, false);
    assert.equal(isKnoxToolError({ code: 'NOT_FOUND', name: 'KnoxToolError' }), false);
    assert.equal(isKnoxToolError(new KnoxToolError('INVALID_INPUT', 'bad')), true);
  });
});
