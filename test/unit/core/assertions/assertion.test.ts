import assert from 'node:assert/strict';
import { parseAssertion } from '../../../../src/core/assertions/assertion';
import type { Assertion } from '../../../../src/core/assertions/assertion';
import { parseHttpFile } from '../../../../src/core/httpFile/httpFile';

function parsed(line: string): Assertion {
  const result = parseAssertion(line, 7);
  assert.ok('assertion' in result, `"${line}" parses: ${'error' in result ? result.error : ''}`);
  return result.assertion;
}

function problem(line: string): string {
  const result = parseAssertion(line, 0);
  assert.ok('error' in result, `"${line}" is malformed`);
  return result.error;
}

describe('parseAssertion (?? lines)', () => {
  it('reads each subject with its operator and value as written', () => {
    assert.deepEqual(parsed('?? status == 200'), {
      line: 7,
      text: 'status == 200',
      subject: { kind: 'status' },
      operator: '==',
      value: '200',
    });
    assert.deepEqual(parsed('  ?? header Content-Type includes json').subject, {
      kind: 'header',
      name: 'Content-Type',
    });
    const body = parsed('?? body $.deviceList[0].status == "NOT_ASSIGNED"');
    assert.equal(body.subject.kind, 'body');
    assert.equal(body.value, '"NOT_ASSIGNED"');
    assert.deepEqual(parsed('?? body includes devices').subject, {
      kind: 'body',
      path: undefined,
      pathText: '',
    });
    assert.deepEqual(parsed('?? duration < 2000').subject, { kind: 'duration' });
    assert.deepEqual(parsed('?? knox code == 4032251').subject, { kind: 'knoxCode' });
    assert.equal(
      parsed('?? body $.id == {{login.response.body.$.id}}').value,
      '{{login.response.body.$.id}}',
    );
    assert.equal(parsed('?? body $.name matches ^CI \\d+$').value, '^CI \\d+$');
  });

  it('accepts every operator, and exists without a value', () => {
    for (const op of ['==', '!=', '<', '<=', '>', '>=', 'includes', 'matches']) {
      assert.equal(parsed(`?? status ${op} 2`).operator, op);
    }
    const exists = parsed('?? body $.id exists');
    assert.equal(exists.operator, 'exists');
    assert.equal(exists.value, undefined);
  });

  it('says what is wrong with a malformed line', () => {
    assert.match(problem('??'), /says what to check/);
    assert.match(problem('?? colour == red'), /"colour" is not something an assertion checks/);
    assert.match(
      problem('?? status = 200'),
      /"=" is not an operator; use == != < <= > >= includes matches exists/,
    );
    assert.match(problem('?? status'), /no operator/);
    assert.match(problem('?? status =='), /"==" needs a value/);
    assert.match(problem('?? header == 1'), /Name the header/);
    assert.match(problem('?? knox status == 1'), /Write "knox code"/);
    assert.match(problem('?? body $.id exists yes'), /"exists" takes no value/);
    assert.match(problem('?? body $..id exists'), /not in the JSONPath subset/);
    assert.match(problem('?? body $.a[?(@.b)] exists'), /not in the JSONPath subset/);
    assert.match(problem('?? body $.a matches (unclosed'), /not a valid regular expression/);
    assert.match(problem(`?? status == ${'1'.repeat(5000)}`), /longer than 4096/);
  });
});

describe('assertions in parseHttpFile', () => {
  it('attaches ?? lines to their request wherever they are in the block, never to headers or body', () => {
    const file = parseHttpFile(
      [
        'POST /kcs/v1/kme/profiles/create',
        '?? status == 200',
        'Content-Type: application/json',
        '',
        '{ "a": 1 }',
        '',
        '?? body $.id exists',
        '###',
        'GET /kcs/v1/kme/devices/list',
      ].join('\n'),
    );
    const [first, second] = file.requests;
    assert.deepEqual(
      first?.assertions.map((a) => [a.line, a.text]),
      [
        [1, 'status == 200'],
        [6, 'body $.id exists'],
      ],
    );
    assert.deepEqual(
      first?.headers.map((h) => h.name),
      ['Content-Type'],
    );
    assert.equal(first?.body?.text, '{ "a": 1 }');
    assert.deepEqual(second?.assertions, []);
    assert.deepEqual(file.diagnostics, []);
  });

  it('reports a malformed assertion as an error diagnostic at its line, and one outside any request as a warning', () => {
    const file = parseHttpFile(['?? status == 200', '###', 'GET /x', '?? status = 200'].join('\n'));
    assert.deepEqual(
      file.diagnostics.map((d) => [d.line, d.severity]),
      [
        [0, 'warning'],
        [3, 'error'],
      ],
    );
    assert.match(file.diagnostics[1]?.message ?? '', /"=" is not an operator/);
  });
});
