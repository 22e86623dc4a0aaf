import * as assert from 'node:assert/strict';
import { SizeBoundedMap } from '../../../src/core/sizeBoundedMap';

const text = (maxSize: number, more: { maxEntries?: number; keepOversized?: boolean } = {}) =>
  new SizeBoundedMap<string, string>({ maxSize, sizeOf: (v) => v.length, ...more });

describe('SizeBoundedMap (kept bodies and named exchanges)', () => {
  it('forgets the oldest values past the count, however small they are', () => {
    const map = text(1000, { maxEntries: 2 });
    for (const key of ['a', 'b', 'c']) map.set(key, key);
    assert.equal(map.has('a'), false);
    assert.deepEqual([map.get('b'), map.get('c')], ['b', 'c']);
  });

  it('storing a key again makes it the newest', () => {
    const map = text(1000, { maxEntries: 2 });
    map.set('a', 'a');
    map.set('b', 'b');
    map.set('a', 'a again');
    map.set('c', 'c');
    assert.equal(map.has('b'), false, 'b was the oldest');
    assert.equal(map.get('a'), 'a again');
  });

  it('keeps an oversized newest value alone when asked to, and none otherwise', () => {
    const keeping = text(10, { keepOversized: true });
    keeping.set('small', 'xx');
    keeping.set('big', 'x'.repeat(50));
    assert.equal(keeping.has('small'), false);
    assert.equal(keeping.get('big')?.length, 50);
    assert.equal(keeping.size, 50);
    const skipping = text(10);
    skipping.set('small', 'xx');
    skipping.set('big', 'x'.repeat(50));
    assert.equal(skipping.has('big'), false);
    assert.equal(skipping.get('small'), 'xx');
  });

  it('clears', () => {
    const map = text(10);
    map.set('a', 'abc');
    map.clear();
    assert.equal(map.size, 0);
    assert.equal(map.has('a'), false);
  });
});
