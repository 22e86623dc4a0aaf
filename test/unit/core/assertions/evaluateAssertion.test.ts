import assert from 'node:assert/strict';
import { parseAssertion } from '../../../../src/core/assertions/assertion';
import { evaluateAssertion } from '../../../../src/core/assertions/evaluateAssertion';
import type {
  AssertedResponse,
  AssertionOutcome,
} from '../../../../src/core/assertions/evaluateAssertion';

const RESPONSE: AssertedResponse = {
  status: 200,
  headers: { 'content-type': 'application/json;charset=UTF-8', 'content-length': '120' },
  body: JSON.stringify({
    totalCount: 3,
    deviceList: [
      { id: 'd1', status: 'NOT_ASSIGNED', model: 'SM-G991B', active: true },
      { id: 'd2', status: 'ASSIGNED', model: 'SM-A536B', active: false },
    ],
    nothing: null,
  }),
  elapsedMs: 150.4,
  knoxCode: undefined,
};

function check(
  line: string,
  response: AssertedResponse = RESPONSE,
  variables: Record<string, string> = {},
): AssertionOutcome {
  const parsed = parseAssertion(line, 0);
  assert.ok('assertion' in parsed, `${line} parses`);
  return evaluateAssertion(parsed.assertion, response, (text) =>
    text.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => variables[name] ?? ''),
  );
}

function passes(line: string, response?: AssertedResponse): void {
  const outcome = check(line, response);
  assert.equal(outcome.passed, true, `${line} should pass: ${outcome.message}`);
}

function fails(line: string, response?: AssertedResponse): AssertionOutcome {
  const outcome = check(line, response);
  assert.equal(outcome.passed, false, `${line} should fail`);
  return outcome;
}

describe('evaluateAssertion', () => {
  it('== and != compare numbers, numeric strings, quoted and bare strings, literals and JSON', () => {
    passes('?? status == 200');
    fails('?? status == 201');
    passes('?? status != 404');
    fails('?? status != 200');
    passes('?? header content-length == 120');
    passes('?? body $.deviceList[0].status == "NOT_ASSIGNED"');
    passes('?? body $.deviceList[0].status == NOT_ASSIGNED');
    passes('?? body $.deviceList[0].active == true');
    passes('?? body $.nothing == null');
    passes('?? body $.deviceList[*].id == ["d1","d2"]');
    passes(
      '?? body $.deviceList[1] == {"model":"SM-A536B","id":"d2","status":"ASSIGNED","active":false}',
    );
    fails('?? body $.deviceList[0].id != d1');
  });

  it('< <= > >= compare numbers and fail, saying so, on what is not one', () => {
    passes('?? body $.totalCount > 0');
    passes('?? body $.totalCount >= 3');
    fails('?? body $.totalCount > 3');
    passes('?? body $.totalCount < 4');
    passes('?? body $.totalCount <= 3');
    fails('?? body $.totalCount < 3');
    passes('?? duration < 2000');
    fails('?? duration > 2000');
    assert.match(fails('?? body $.deviceList[0].id > 1').message, /got d1, not a number/);
    assert.match(fails('?? status > many').message, /"many" is not a number/);
  });

  it('includes looks in text and in the matches of a wildcard', () => {
    passes('?? header content-type includes json');
    fails('?? header content-type includes xml');
    passes('?? body $.deviceList[*].model includes "SM-A536B"');
    fails('?? body $.deviceList[*].model includes SM-X');
    passes('?? body includes NOT_ASSIGNED');
  });

  it('matches tests a regular expression, bare or /slashed/ with flags', () => {
    passes('?? body $.deviceList[0].model matches ^SM-G\\d{3}B$');
    passes('?? body $.deviceList[0].model matches /^sm-g/i');
    fails('?? body $.deviceList[0].model matches ^SM-A');
    passes('?? status matches ^2\\d\\d$');
  });

  it('exists is true when the subject is present, and other operators fail on an absent one', () => {
    passes('?? body $.deviceList[0].id exists');
    passes('?? body $.nothing exists');
    passes('?? header Content-Type exists');
    fails('?? header x-missing exists');
    fails('?? body $.missing exists');
    fails('?? body $.deviceList[*].missing exists');
    fails('?? knox code exists');
    const absent = fails('?? body $.missing == 1');
    assert.equal(absent.actual, '(none)');
    assert.match(absent.message, /body \$\.missing is absent/);
  });

  it('reads knox code from the response whatever error shape gave it', () => {
    const refused = { ...RESPONSE, status: 401, knoxCode: '4032251' };
    passes('?? knox code == 4032251', refused);
    passes('?? knox code exists', refused);
    fails('?? knox code == 4030001', refused);
    passes('?? knox code == RESOURCE_NOT_FOUND', { ...RESPONSE, knoxCode: 'RESOURCE_NOT_FOUND' });
  });

  it('substitutes variables in the expected value and reports expected and actual', () => {
    const outcome = check('?? body $.deviceList[1].id == {{second}}', RESPONSE, { second: 'd1' });
    assert.equal(outcome.passed, false);
    assert.equal(outcome.expected, '== d1');
    assert.equal(outcome.actual, 'd2');
    assert.equal(outcome.message, 'body $.deviceList[1].id == d1: got d2');
    assert.equal(
      check('?? body $.deviceList[1].id == {{second}}', RESPONSE, { second: 'd2' }).passed,
      true,
    );
  });

  it('treats a body that is not JSON as absent for a path, and as text without one', () => {
    const html = { ...RESPONSE, body: '<html>gateway</html>' };
    fails('?? body $.id exists', html);
    passes('?? body includes gateway', html);
    fails('?? body exists', { ...RESPONSE, body: '' });
  });
});
