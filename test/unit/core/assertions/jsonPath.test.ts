import assert from 'node:assert/strict';
import { parseJsonPath, selectJsonPath } from '../../../../src/core/assertions/jsonPath';
import type { JsonPath } from '../../../../src/core/assertions/jsonPath';

function path(text: string): JsonPath {
  const parsed = parseJsonPath(text);
  assert.ok(!('error' in parsed), `${text} parses`);
  return parsed;
}

const DOC = {
  totalCount: 2,
  'device list': [
    { id: 'a', tags: ['x'] },
    { id: 'b', tags: ['y', 'z'] },
  ],
  nested: { one: 1, two: 2 },
};

describe('JSONPath subset (member, index, wildcard)', () => {
  it('selects members by dot and bracket, indexes from either end', () => {
    assert.deepEqual(selectJsonPath(DOC, path('$.totalCount')), [2]);
    assert.deepEqual(selectJsonPath(DOC, path("$['device list'][1].id")), ['b']);
    assert.deepEqual(selectJsonPath(DOC, path('$["device list"][-1].tags[0]')), ['y']);
    assert.deepEqual(selectJsonPath(DOC, path('$')), [DOC]);
  });

  it('selects every match of a wildcard, over arrays and object members', () => {
    const all = path("$['device list'][*].id");
    assert.equal(all.many, true);
    assert.deepEqual(selectJsonPath(DOC, all), ['a', 'b']);
    assert.deepEqual(selectJsonPath(DOC, path("$['device list'].*.tags[*]")), ['x', 'y', 'z']);
    assert.deepEqual(selectJsonPath(DOC, path('$.nested.*')), [1, 2]);
  });

  it('selects nothing for a missing member, an index out of range or a step into a scalar', () => {
    assert.deepEqual(selectJsonPath(DOC, path('$.missing')), []);
    assert.deepEqual(selectJsonPath(DOC, path("$['device list'][5]")), []);
    assert.deepEqual(selectJsonPath(DOC, path('$.totalCount.x')), []);
    assert.deepEqual(selectJsonPath(DOC, path('$.nested[0]')), []);
    assert.deepEqual(selectJsonPath({ constructor: 1 }, path('$.toString')), []);
  });

  it('refuses what is outside the subset with a reason', () => {
    for (const text of ['a.b', '$..a', '$.a[?(@.x)]', '$.a[1:2]', '$.', '$[a]']) {
      const parsed = parseJsonPath(text);
      assert.ok('error' in parsed, `${text} is refused`);
    }
  });
});
