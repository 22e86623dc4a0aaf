import assert from 'node:assert/strict';
import { findJsonError } from '../../../../src/core/httpFile/findJsonError';
import { seededRandom } from './seededRandom';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('findJsonError', () => {
  it('accepts JSON of every kind', () => {
    for (const text of [
      '0',
      '-0.5e+10',
      ' "a\\u00e9\\n\\"" ',
      'true',
      'null',
      '[]',
      '{}',
      '{"a":[1,{"b":false}],"c":null}',
      '\t\r\n [ 1 , 2 ] \n',
    ]) {
      assert.equal(findJsonError(text), undefined, text);
    }
  });

  it('gives the offset and cause of the first error', () => {
    const cases: [string, number, string][] = [
      ['', 0, 'Unexpected end of JSON: a value is missing'],
      ['{"a": 1 "b": 2}', 8, "Expected ',' or '}' after a property value"],
      ['[1 2]', 3, "Expected ',' or ']' after an array element"],
      ['{"a": 1,}', 8, 'Expected a property name in double quotes'],
      ["{'a': 1}", 1, 'Expected a property name in double quotes'],
      ['{"a" 1}', 5, "Expected ':' after the property name"],
      ['[01]', 2, "Expected ',' or ']' after an array element"],
      ['[-]', 1, 'Invalid number'],
      ['"abc', 0, 'Unterminated string: add the closing "'],
      ['"a\\x"', 2, 'Invalid escape sequence in a string'],
      ['"a\nb"', 2, 'Line break or control character inside a string; escape it'],
      ['[1,]', 3, 'Unexpected character "]" where a value should be'],
      ['{"a": 1} x', 9, 'Unexpected text after the JSON value'],
      ['{"a": [1, 2', 11, "Unexpected end of JSON: a ']' is missing"],
      ['{"a": tru}', 6, 'Unexpected character "t" where a value should be'],
    ];
    for (const [text, offset, message] of cases) {
      assert.deepEqual(findJsonError(text), { offset, message }, text);
    }
  });

  it('survives nesting far deeper than the call stack', () => {
    const depth = 200_000;
    assert.equal(findJsonError('['.repeat(depth) + ']'.repeat(depth)), undefined);
    assert.deepEqual(findJsonError('['.repeat(depth)), {
      offset: depth,
      message: 'Unexpected end of JSON: a value is missing',
    });
  });

  it('agrees with JSON.parse on 5,000 random near-JSON texts', () => {
    const random = seededRandom(20261122);
    const pieces = [
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"a"',
      '"',
      '1',
      '-',
      '0',
      '.5',
      'e3',
      'true',
      'nul',
      ' ',
      '\n',
      '\\',
      'x',
      '"\\u12',
      '{"k":',
    ];
    let valid = 0;
    for (let i = 0; i < 5000; i++) {
      const length = 1 + Math.floor(random() * 12);
      let text = '';
      for (let j = 0; j < length; j++) text += pieces[Math.floor(random() * pieces.length)];
      const expected = parses(text);
      if (expected) valid++;
      assert.equal(findJsonError(text) === undefined, expected, JSON.stringify(text));
    }
    assert.ok(valid > 50, `only ${valid} valid samples: the generator is too weak`);
  });
});
