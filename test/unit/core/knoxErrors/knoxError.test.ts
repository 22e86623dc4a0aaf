import assert from 'node:assert/strict';
import type { ErrorCodeEntry } from '../../../../src/core/catalogs/errorCatalog';
import { KnoxToolError } from '../../../../src/core/toolError';
import {
  hintForStatus,
  knoxRejectedError,
  parseKnoxError,
  transportErrorResult,
} from '../../../../src/core/knoxErrors/knoxError';
import type { ErrorLookup } from '../../../../src/core/knoxErrors/knoxError';

// A small catalog of its own, so these tests do not depend on the real catalog's wording.
const entries: ErrorCodeEntry[] = [
  {
    code: '4032251',
    name: 'ACCESS_TOKEN_EXPIRED',
    httpStatus: 403,
    meaning: 'expired',
    cause: 'time passed',
    fix: 'FIX-4032251',
    flow: 'customer-auth',
    docUrl: 'https://example.invalid/4032251',
    action: 'renewToken',
  },
  {
    code: '40122050',
    name: 'ACCESS_TOKEN_BAD_REQUEST',
    meaning: 'bad jwt',
    cause: 'signing',
    fix: 'FIX-BAD-JWT',
    flow: 'customer-auth',
    docUrl: 'https://example.invalid/40122050',
    aliases: ['4012250'],
  },
  {
    code: 'AUT_1806',
    name: 'AUT_1806',
    httpStatus: 400,
    meaning: 'client id mismatch',
    cause: 'different client',
    fix: 'FIX-AUT_1806',
    flow: 'samsung-account-token',
    docUrl: 'https://example.invalid/aut',
  },
  {
    code: '4030000',
    name: 'AUTHORIZATION_FAIL',
    meaning: 'no',
    cause: 'no',
    fix: 'FIX-4030000',
    flow: 'service',
    docUrl: 'https://example.invalid/4030000',
  },
  {
    code: '429',
    name: 'Too Many Requests',
    httpStatus: 429,
    meaning: 'too many',
    cause: 'rate',
    fix: 'FIX-429',
    flow: 'http',
    docUrl: 'https://example.invalid/429',
    action: 'retryLater',
  },
];
const lookup: ErrorLookup = (key) => {
  const k = key.trim().toUpperCase();
  return entries.find((e) => e.code === k || e.name === k || e.aliases?.includes(k));
};
const parse = (status: number, body: string, contentType?: string) =>
  parseKnoxError(status, body, contentType, lookup);

describe('parseKnoxError', () => {
  describe('KME, KC, KDP and auth bodies', () => {
    it('reads a numeric code, the name in message, data and errorId, and takes the catalog fix', () => {
      const result = parse(
        403,
        '{"errorId":"e-1","code":4032251,"message":"ACCESS_TOKEN_EXPIRED","data":{"x":1}}',
        'application/json',
      );
      assert.equal(result.status, 403);
      assert.equal(result.code, '4032251');
      assert.equal(result.name, 'ACCESS_TOKEN_EXPIRED');
      assert.equal(result.message, 'ACCESS_TOKEN_EXPIRED');
      assert.deepEqual(result.data, { x: 1 });
      assert.equal(result.errorId, 'e-1');
      assert.equal(result.shape, 'knox');
      assert.equal(result.entry?.code, '4032251');
      assert.equal(result.hint, 'FIX-4032251');
    });

    it('reads a string code and a human message, naming it from the catalog', () => {
      const result = parse(
        403,
        '{"code":"4032251","message":"Provided Access token has expired."}',
      );
      assert.equal(result.code, '4032251');
      assert.equal(result.name, 'ACCESS_TOKEN_EXPIRED');
      assert.equal(result.message, 'Provided Access token has expired.');
    });

    it('finds 4012250 through the alias of 40122050', () => {
      const result = parse(401, '{"code":4012250,"message":"ACCESS_TOKEN_BAD_REQUEST"}');
      assert.equal(result.code, '4012250');
      assert.equal(result.entry?.code, '40122050');
      assert.equal(result.hint, 'FIX-BAD-JWT');
    });

    it('falls back to the HTTP status hint for an unknown code', () => {
      const result = parse(400, '{"code":4000000,"message":"RESOURCE_INVALID_PARAM"}');
      assert.equal(result.code, '4000000');
      assert.equal(result.name, 'RESOURCE_INVALID_PARAM');
      assert.equal(result.entry, undefined);
      assert.equal(result.hint, hintForStatus(400));
    });
  });

  it('reads the Knox Guard / KAI {result:"FAIL", error:{...}} shape', () => {
    const result = parse(
      403,
      '{"result":"FAIL","error":{"code":4030000,"message":"AUTHORIZATION_FAIL","reason":"tenant mismatch"}}',
    );
    assert.equal(result.shape, 'result-fail');
    assert.equal(result.code, '4030000');
    assert.equal(result.name, 'AUTHORIZATION_FAIL');
    assert.equal(result.data, 'tenant mismatch');
    assert.equal(result.hint, 'FIX-4030000');
  });

  it('reads the MSP {transactionalId, code, errorCode, errorMessage} shape', () => {
    const result = parse(
      403,
      '{"transactionalId":"tx-9","code":"AUTHORIZATION_FAIL","errorCode":"4030000","errorMessage":"Not allowed for this tenant"}',
    );
    assert.equal(result.shape, 'msp');
    assert.equal(result.code, '4030000');
    assert.equal(result.name, 'AUTHORIZATION_FAIL');
    assert.equal(result.message, 'Not allowed for this tenant');
    assert.equal(result.errorId, 'tx-9');
    assert.equal(result.entry?.code, '4030000');
  });

  it('reads the E-FOTA {errorKey, errorMessage} shape', () => {
    const result = parse(
      400,
      '{"errorKey":"campaign.not.found","errorMessage":"Campaign 12 not found"}',
    );
    assert.equal(result.shape, 'efota');
    assert.equal(result.code, 'campaign.not.found');
    assert.equal(result.message, 'Campaign 12 not found');
    assert.equal(result.name, undefined);
    assert.equal(result.hint, hintForStatus(400));
  });

  it('reads the OAuth {error, error_description} shape', () => {
    const result = parse(
      401,
      '{"error":"invalid_client","error_description":"Client authentication failed"}',
    );
    assert.equal(result.shape, 'oauth');
    assert.equal(result.code, 'invalid_client');
    assert.equal(result.message, 'Client authentication failed');
    assert.equal(result.hint, hintForStatus(401));
  });

  describe('Samsung Account AUT_ and LIC_ codes', () => {
    it('in error_code beside an OAuth error', () => {
      const result = parse(
        400,
        '{"error":"invalid_request","error_description":"client_id mismatch","error_code":"AUT_1806"}',
      );
      assert.equal(result.shape, 'samsung-account');
      assert.equal(result.code, 'AUT_1806');
      assert.equal(result.message, 'client_id mismatch');
      assert.equal(result.hint, 'FIX-AUT_1806');
    });

    it('as {code, message}', () => {
      const result = parse(
        400,
        '{"code":"aut_1806","message":"The value of the client_id parameter does not match."}',
      );
      assert.equal(result.shape, 'samsung-account');
      assert.equal(result.code, 'AUT_1806');
      assert.equal(result.entry?.code, 'AUT_1806');
    });

    it('inside error_description only', () => {
      const result = parse(
        400,
        '{"error":"invalid_grant","error_description":"[LIC_4103] x-osp-appId mismatch"}',
      );
      assert.equal(result.shape, 'samsung-account');
      assert.equal(result.code, 'LIC_4103');
      assert.equal(result.message, '[LIC_4103] x-osp-appId mismatch');
    });

    it('nested as {error:{error_code, error_description}}', () => {
      const result = parse(
        500,
        '{"error":{"error_code":"LIC_5101","error_description":"internal"}}',
      );
      assert.equal(result.shape, 'samsung-account');
      assert.equal(result.code, 'LIC_5101');
      assert.equal(result.message, 'internal');
    });

    it('in a plain-text body', () => {
      const result = parse(400, 'AUT_1002: client_secret missing', 'text/plain');
      assert.equal(result.shape, 'text');
      assert.equal(result.code, 'AUT_1002');
      assert.equal(result.message, 'AUT_1002: client_secret missing');
    });
  });

  it("reads Spring Boot's default error body", () => {
    const result = parse(
      401,
      '{"timestamp":"2024-01-01T00:00:00.000+00:00","status":401,"error":"Unauthorized","message":"Full authentication is required","path":"/kcs/v1/kme/devices/list"}',
    );
    assert.equal(result.shape, 'spring');
    assert.equal(result.code, undefined);
    assert.equal(result.message, 'Full authentication is required');
    assert.deepEqual(result.data, { path: '/kcs/v1/kme/devices/list' });
    assert.equal(result.hint, hintForStatus(401));
  });

  it('reads other JSON by its message', () => {
    const result = parse(418, '{"message":"teapot"}');
    assert.equal(result.shape, 'json');
    assert.equal(result.message, 'teapot');
  });

  it('describes an HTML page by its title and says a proxy or wrong host answered', () => {
    const result = parse(
      502,
      '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>',
      'text/html; charset=utf-8',
    );
    assert.equal(result.shape, 'html');
    assert.equal(
      result.message,
      'HTTP 502 Bad Gateway: an HTML page ("502 Bad Gateway") instead of a Knox API error.',
    );
    assert.match(result.hint, /proxy, gateway or wrong host/);
    assert.match(result.hint, /gateway between you and Knox failed/);
  });

  it('recognises HTML without a content type', () => {
    const result = parse(404, '<html><body><h1>Not <b>Found</b></h1></body></html>');
    assert.equal(result.shape, 'html');
    assert.match(result.message, /\("Not Found"\)/);
  });

  it('describes an empty body by its status', () => {
    const result = parse(503, '   ');
    assert.equal(result.shape, 'empty');
    assert.equal(result.message, 'HTTP 503 Service Unavailable with an empty body.');
    assert.equal(result.hint, hintForStatus(503));
  });

  it('does not mistake a broken JSON body for JSON', () => {
    const result = parse(500, '{"code": 5000000, "mess', 'application/json');
    assert.equal(result.shape, 'text');
    assert.equal(result.message, '{"code": 5000000, "mess');
  });

  it('strips a byte order mark', () => {
    assert.equal(
      parse(400, '\uFEFF{"code":4000000,"message":"RESOURCE_INVALID_PARAM"}').code,
      '4000000',
    );
  });

  it('gives a status hint for every status, specific ones for the documented statuses', () => {
    for (const status of [400, 401, 403, 404, 406, 422, 429, 500, 501]) {
      assert.notEqual(hintForStatus(status), hintForStatus(499), `status ${status}`);
    }
    assert.match(hintForStatus(429), /Wait and try again/);
    assert.match(hintForStatus(599), /Knox failed on its side/);
  });

  it('falls back to the catalog entry of the HTTP status when there is no known code', () => {
    const result = parse(429, '');
    assert.equal(result.code, undefined);
    assert.equal(result.entry?.code, '429');
    assert.equal(result.hint, 'FIX-429');
    assert.equal(result.name, undefined, 'the status entry does not name the error');
  });

  it('prefixes the HTML note to the status entry fix', () => {
    const result = parse(429, '<html><title>Slow down</title></html>');
    assert.equal(result.entry?.code, '429');
    assert.match(result.hint, /wrong host answered rather than the Knox API: .* FIX-429$/);
  });

  it('uses the real error catalog by default', () => {
    const expired = parseKnoxError(403, '{"code":4032251,"message":"ACCESS_TOKEN_EXPIRED"}');
    assert.equal(expired.entry?.code, '4032251');
    assert.equal(expired.entry?.action, 'renewToken');
    assert.equal(expired.hint, expired.entry?.fix);
    const badJwt = parseKnoxError(401, '{"code":4012250,"message":"ACCESS_TOKEN_BAD_REQUEST"}');
    assert.equal(badJwt.code, '4012250');
    assert.equal(badJwt.entry?.code, '40122050');
    const account = parseKnoxError(400, '{"error":"invalid_request","error_code":"AUT_1806"}');
    assert.equal(account.entry?.code, 'AUT_1806');
  });
});

describe('transportErrorResult', () => {
  it('turns a KnoxToolError into a status-0 result keeping its code and message', () => {
    const result = transportErrorResult(
      new KnoxToolError(
        'NETWORK_TIMEOUT',
        'No answer from us-kcs-api.samsungknox.com within 30 s.',
      ),
    );
    assert.equal(result.status, 0);
    assert.equal(result.shape, 'transport');
    assert.equal(result.toolCode, 'NETWORK_TIMEOUT');
    assert.equal(result.message, 'No answer from us-kcs-api.samsungknox.com within 30 s.');
    assert.match(result.hint, /raise the request timeout/);
    assert.equal(result.code, undefined);
  });

  it('does not copy the message of an unknown error, which may hold anything', () => {
    const result = transportErrorResult(new Error('secret-ish detail'));
    assert.equal(result.toolCode, 'INTERNAL');
    assert.doesNotMatch(result.message, /secret-ish/);
  });
});

describe('knoxRejectedError', () => {
  it('says what was refused, with code, name and hint, and keeps the result as cause', () => {
    const result = parse(403, '{"code":4032251,"message":"ACCESS_TOKEN_EXPIRED"}');
    const error = knoxRejectedError('the access token request', result);
    assert.equal(error.code, 'KNOX_REJECTED');
    assert.equal(
      error.message,
      'Knox refused the access token request: HTTP 403 4032251 ACCESS_TOKEN_EXPIRED. FIX-4032251',
    );
    assert.equal(error.cause, result);
  });
});
