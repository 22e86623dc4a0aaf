import assert from 'node:assert/strict';
import { explainResult, resultNotes } from '../../../../src/core/knoxErrors/explainResult';
import type { RunResult } from '../../../../src/core/runner/runRequest';
import { runResult } from '../runner/fixtures';
import { scopeHintFor } from '../../../../src/core/runner/scopeHint';

function result(status: number, body: string, overrides: Partial<RunResult> = {}): RunResult {
  return runResult(status, body, undefined, overrides);
}

describe('explainResult', () => {
  it('is undefined for a success', () => {
    assert.equal(explainResult(result(200, '{}')), undefined);
  });

  it('decodes a Knox code with the catalog: title, meaning, fix and the action', () => {
    const explained = explainResult(
      result(403, '{"errorId":"e-7","code":4032251,"message":"ACCESS_TOKEN_EXPIRED"}'),
    );
    assert.equal(explained?.title, '4032251 ACCESS_TOKEN_EXPIRED');
    assert.equal(explained?.errorId, 'e-7');
    assert.equal(explained?.action, 'renewToken');
    assert.ok(explained?.meaning);
    assert.ok(explained?.fix);
  });

  it('falls back to the HTTP status without a code', () => {
    const explained = explainResult(result(502, '<html><title>Bad gateway</title></html>'));
    assert.equal(explained?.title, 'HTTP 502');
    assert.match(explained?.fix ?? '', /HTML page came back/);
  });

  it('names the missing scope after a 403 to an OAuth token', () => {
    const explained = explainResult(
      result(403, '{"code":4030000,"message":"FORBIDDEN"}', {
        tokenKind: 'oauth',
        missingScope: 'kme.devices:view',
      }),
    );
    assert.equal(explained?.action, 'checkScopes');
    assert.match(
      explained?.fix ?? '',
      /^Missing scope: kme\.devices:view \(View Knox Mobile Enrollment device information\)\. Add it/,
    );
    assert.match(explained?.cause ?? '', /GET \/kcs\/v1\/kme\/devices\/list/);
  });
});

describe('explainResult: the first action is the fix for the case', () => {
  const guard = { hint: scopeHintFor('POST', '/kcs/v1.1/kg/devices/list') };
  const guardRefusal = '{"result":"FAIL","error":{"code":4010000,"message":"AUTHORIZATION_FAIL"}}';

  it('a Knox Guard call made with an OAuth token: a key-file profile, not a renewal', () => {
    const explained = explainResult(result(401, guardRefusal, { ...guard, tokenKind: 'oauth' }));
    assert.equal(explained?.action, 'useKeyFileProfile');
    assert.match(explained?.cause ?? '', /Knox Guard does not accept OAuth 2\.0 tokens/);
    assert.match(explained?.fix ?? '', /key file \(keys\.json\)/);
  });

  it('the same refusal to a signed access token: renew it', () => {
    assert.equal(explainResult(result(401, guardRefusal, guard))?.action, 'renewToken');
  });

  it('an expired token: Renew Access Token', () => {
    const explained = explainResult(
      result(401, '{"code":4032251,"message":"ACCESS_TOKEN_EXPIRED"}', { tokenKind: 'oauth' }),
    );
    assert.equal(explained?.action, 'renewToken');
  });

  it('a missing OAuth scope: the scope fix', () => {
    const explained = explainResult(
      result(403, '{"code":40300000,"message":"AUTHORIZATION_FAIL"}', {
        tokenKind: 'oauth',
        missingScope: 'kme.devices:view',
      }),
    );
    assert.equal(explained?.action, 'checkScopes');
  });

  it("points at Knox's detail instead of telling to read `data`", () => {
    const explained = explainResult(
      result(400, '{"code":4000000,"message":"RESOURCE_INVALID_PARAM","data":"imei is empty"}'),
    );
    assert.equal(explained?.detail, 'imei is empty');
    assert.equal(explained?.message, '');
    assert.match(
      explained?.fix ?? '',
      /^Knox's detail above says what is wrong\. Check the request/,
    );
  });
});

describe('resultNotes', () => {
  it('tells of the resend, the 429 waits and a token left out', () => {
    const notes = resultNotes(
      result(200, '{}', {
        retry: { action: 'renewToken', status: 403, code: '4032251' },
        response: {
          status: 200,
          statusText: 'OK',
          headers: {},
          body: '{}',
          attempts: 3,
          waitedMs: 3000,
          elapsedMs: 3100,
        },
        tokenSkipped: 'foreignHost',
      }),
    );
    assert.deepEqual(notes, [
      'Knox refused the token (4032251); a new one was obtained and the request sent once more.',
      'Knox answered 429 Too Many Requests; the request was retried after waiting 3.00 s (3 tries).',
      'The host is not one of profile "Dev"\'s Knox hosts, so its token was not sent there.',
    ]);
    assert.deepEqual(resultNotes(result(200, '{}')), []);
  });
});
