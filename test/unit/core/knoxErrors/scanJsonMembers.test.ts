import * as assert from 'node:assert/strict';
import { scanJsonMembers } from '../../../../src/core/knoxErrors/scanJsonMembers';
import type { JsonMember } from '../../../../src/core/knoxErrors/scanJsonMembers';

const valueOf = (text: string, m: JsonMember | undefined): string =>
  m === undefined ? '<missing>' : text.slice(m.start, m.end);

describe('scanJsonMembers', () => {
  it('lists top-level members with the exact span and kind of each value', () => {
    const text =
      '{"errorId":"e-1","code":4032251,"ok":false,"data":[1,{"a":"]"}],"n":null,"o":{"x":1}}';
    const members = scanJsonMembers(text);
    assert.ok(members);
    assert.deepEqual(
      members.map((m) => [m.key, m.kind, valueOf(text, m)]),
      [
        ['errorId', 'string', '"e-1"'],
        ['code', 'number', '4032251'],
        ['ok', 'literal', 'false'],
        ['data', 'array', '[1,{"a":"]"}]'],
        ['n', 'literal', 'null'],
        ['o', 'object', '{"x":1}'],
      ],
    );
    assert.equal(
      members.find((m) => m.key === 'o')?.members,
      undefined,
      'not expanded unless asked',
    );
  });

  it('expands the members of the objects asked for, one level deep', () => {
    const text =
      '{"result":"FAIL","error":{"code":4010000,"message":"AUTHORIZATION_FAIL","reason":{"code":1}}}';
    const error = scanJsonMembers(text, (key) => key === 'error')?.find((m) => m.key === 'error');
    assert.deepEqual(
      error?.members?.map((m) => [m.key, valueOf(text, m)]),
      [
        ['code', '4010000'],
        ['message', '"AUTHORIZATION_FAIL"'],
        ['reason', '{"code":1}'],
      ],
    );
    assert.equal(error?.members?.[2]?.members, undefined, 'only one level is expanded');
  });

  it('skips escaped quotes and brackets inside strings', () => {
    const text = String.raw`{"message":"say \"}\" and \\","code":"AUT_1806","data":"[{\\\""}`;
    const members = scanJsonMembers(text);
    assert.deepEqual(
      members?.map((m) => [m.key, valueOf(text, m)]),
      [
        ['message', String.raw`"say \"}\" and \\"`],
        ['code', '"AUT_1806"'],
        ['data', String.raw`"[{\\\""`],
      ],
    );
  });

  it('decodes escaped keys', () => {
    assert.deepEqual(
      scanJsonMembers('{"co\\u0064e":1}')?.map((m) => m.key),
      ['code'],
    );
  });

  it('accepts whitespace, a BOM, JSONC comments and trailing commas', () => {
    const text =
      '\uFEFF // saved response\n{\n  /* Knox */ "code": 4032251, // expired\n  "message": "ACCESS_TOKEN_EXPIRED",\n}\n';
    const members = scanJsonMembers(text);
    assert.deepEqual(
      members?.map((m) => [m.key, valueOf(text, m)]),
      [
        ['code', '4032251'],
        ['message', '"ACCESS_TOKEN_EXPIRED"'],
      ],
    );
  });

  it('returns undefined for anything but one well-formed object', () => {
    for (const text of [
      '',
      '[]',
      '"code"',
      '4032251',
      '{"code":4032251',
      '{"code" 4032251}',
      '{"code":}',
      '{code:1}',
      '{"a":1}{"b":2}',
      '{"a":1} trailing',
      '{"a":"unterminated}',
      '{"a":[1,2}',
      '{"a":1 "b":2}',
      '{"a":1 /* open comment}',
      'Internal Server Error',
    ]) {
      assert.equal(scanJsonMembers(text), undefined, JSON.stringify(text));
    }
  });

  it('returns an empty list for an empty object', () => {
    assert.deepEqual(scanJsonMembers(' { } '), []);
  });

  it('steps over a large nested value without listing what is inside it', () => {
    const data = JSON.stringify(
      Array.from({ length: 20_000 }, (_, i) => ({ code: i, message: `device ${i} "quoted" }` })),
    );
    const text = `{"errorId":"e","data":${data},"code":4000000}`;
    const members = scanJsonMembers(text);
    assert.deepEqual(
      members?.map((m) => m.key),
      ['errorId', 'data', 'code'],
    );
    assert.equal(valueOf(text, members?.[2]), '4000000');
  });
});
