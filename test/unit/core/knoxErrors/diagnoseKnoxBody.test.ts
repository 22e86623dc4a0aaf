import * as assert from 'node:assert/strict';
import type { ErrorCodeEntry } from '../../../../src/core/catalogs/errorCatalog';
import { findErrorCode } from '../../../../src/core/catalogs/errorLookup';
import { diagnoseKnoxBody } from '../../../../src/core/knoxErrors/diagnoseKnoxBody';
import type {
  DiagnoseKnoxBodyOptions,
  KnoxBodyDiagnosis,
} from '../../../../src/core/knoxErrors/diagnoseKnoxBody';

const diagnose = (text: string, options?: DiagnoseKnoxBodyOptions): KnoxBodyDiagnosis => {
  const d = diagnoseKnoxBody(text, options);
  assert.ok(d, `expected a diagnosis for ${text.slice(0, 120)}`);
  return d;
};
const marked = (text: string, d: KnoxBodyDiagnosis): string => text.slice(d.start, d.end);
const catalog = (code: string): ErrorCodeEntry => {
  const entry = findErrorCode(code);
  assert.ok(entry);
  return entry;
};

describe('diagnoseKnoxBody', () => {
  describe('saved bodies (no HTTP status known)', () => {
    it('marks the numeric code of a KME/KC/KDP body and infers the status from the catalog', () => {
      const text = JSON.stringify(
        { errorId: 'e-1', code: 4032251, message: 'ACCESS_TOKEN_EXPIRED', data: null },
        null,
        2,
      );
      const d = diagnose(text);
      assert.equal(marked(text, d), '4032251');
      assert.equal(d.error.entry?.code, '4032251');
      assert.equal(d.error.errorId, 'e-1');
      assert.equal(d.status, 403);
      assert.equal(d.severity, 'error');
      assert.equal(
        d.message,
        `4032251 ACCESS_TOKEN_EXPIRED (HTTP 403): ${catalog('4032251').meaning}. ${catalog('4032251').fix}`,
      );
    });

    it('marks a string code without its quotes', () => {
      const text = '{"code":"4000000","message":"RESOURCE_INVALID_PARAM","data":"pageNum"}';
      const d = diagnose(text);
      assert.equal(marked(text, d), '4000000');
      assert.equal(d.start, text.indexOf('4000000'));
    });

    it('finds the code inside a Knox Guard / KAI "error" object', () => {
      const text =
        '{"result":"FAIL","data":{"code":1},"error":{"code":4010000,"message":"AUTHORIZATION_FAIL","reason":"no"}}';
      const d = diagnose(text);
      assert.equal(d.error.shape, 'result-fail');
      assert.equal(d.error.entry?.code, '4010000');
      assert.equal(d.start, text.indexOf('4010000'));
      assert.equal(marked(text, d), '4010000');
    });

    it('marks errorCode, not the name in code, in an MSP body', () => {
      const text =
        '{"transactionalId":"t-9","code":"AUTHORIZATION_FAIL","errorCode":"4030000","errorMessage":"denied"}';
      const d = diagnose(text);
      assert.equal(d.error.shape, 'msp');
      assert.equal(d.start, text.indexOf('4030000'));
      assert.equal(marked(text, d), '4030000');
      assert.equal(d.error.errorId, 't-9');
    });

    it('marks an OAuth error, and a Samsung Account code given in error_code', () => {
      const oauth = '{"error":"invalid_client","error_description":"Client authentication failed"}';
      const d1 = diagnose(oauth);
      assert.equal(marked(oauth, d1), 'invalid_client');
      assert.equal(d1.status, 401);

      const account =
        '{"error":"invalid_grant","error_description":"code mismatch","error_code":"AUT_1806"}';
      const d2 = diagnose(account);
      assert.equal(d2.error.entry?.code, 'AUT_1806');
      assert.equal(d2.start, account.indexOf('AUT_1806'));
      assert.equal(d2.severity, 'error');
    });

    it('marks a Samsung Account code written inside a description', () => {
      const text = '{"error":"invalid_request","error_description":"[aut_1802] wrong code"}';
      const d = diagnose(text);
      assert.equal(d.error.code, 'AUT_1802');
      assert.equal(marked(text, d), 'aut_1802');
    });

    it('recognises the 4012250 spelling of 40122050 and a name-only body', () => {
      const alias = '{"code":4012250,"message":"ACCESS_TOKEN_BAD_REQUEST"}';
      const d1 = diagnose(alias);
      assert.equal(d1.error.entry?.code, '40122050');
      assert.equal(marked(alias, d1), '4012250');
      assert.equal(d1.status, 401);

      const nameOnly = '{ "message" : "ACCESS_TOKEN_EXPIRED" }';
      const d2 = diagnose(nameOnly);
      assert.equal(d2.error.entry?.code, '4032251');
      assert.equal(marked(nameOnly, d2), 'ACCESS_TOKEN_EXPIRED');
    });

    it('diagnoses an unknown code of Knox shape, with the status its digits give', () => {
      const text = '{"errorId":"x","code":4049999,"message":"DEVICE_GONE"}';
      const d = diagnose(text);
      assert.equal(d.error.entry?.code, '404', 'explained by its HTTP status');
      assert.equal(d.status, 404);
      assert.equal(marked(text, d), '4049999');
      assert.match(
        d.message,
        /^4049999 DEVICE_GONE \(HTTP 404\): Check the method, path and base URL/,
      );
    });

    it('reads JSONC: comments and a trailing comma', () => {
      const text =
        '// saved from the portal\n{\n  "code": 4002250, /* reused jti */\n  "message": "API_KEY_NON_UNIQUE_JWTID",\n}\n';
      const d = diagnose(text);
      assert.equal(d.error.entry?.code, '4002250');
      assert.equal(marked(text, d), '4002250');
    });

    it('leaves other JSON alone', () => {
      for (const text of [
        '{"name":"knox-api-toolkit","version":"0.1.0"}',
        '{"code": 1, "message": "ok"}',
        '{"code": 200, "message": "OK"}',
        '{"code": 1403}',
        '{"jsonrpc":"2.0","error":{"code":-32600,"message":"Invalid Request"},"id":null}',
        '{"timestamp":"2026-01-01T00:00:00Z","status":401,"error":"Unauthorized","path":"/kcs/v1/kme/devices/list"}',
        '{"errorKey":"CAMPAIGN_NOT_FOUND","errorMessage":"no such campaign"}',
        '[{"code":4032251}]',
        '{"code":4032251',
        '{"nested":{"code":4032251,"message":"ACCESS_TOKEN_EXPIRED"}}',
        '',
        'plain text 4032251',
      ]) {
        assert.equal(diagnoseKnoxBody(text), undefined, text);
      }
    });

    it('uses the lookup it is given', () => {
      const mine: ErrorCodeEntry = {
        ...catalog('4032251'),
        code: 'X_1',
        name: 'MINE',
        httpStatus: 418,
      };
      const text = '{"code":"X_1"}';
      const d = diagnose(text, { lookup: (k) => (k === 'X_1' ? mine : undefined) });
      assert.equal(d.error.entry, mine);
      assert.equal(d.status, 418);
      assert.equal(diagnoseKnoxBody(text), undefined);
    });
  });

  describe('responses (the request runner gives the status)', () => {
    it('keeps the status it is given, and any body of an error status counts', () => {
      const d = diagnose('{"code":4032251,"message":"ACCESS_TOKEN_EXPIRED"}', { status: 401 });
      assert.equal(d.status, 401);
      assert.match(d.message, /\(HTTP 401\)/);

      const efota = '{"errorKey":"CAMPAIGN_NOT_FOUND","errorMessage":"no such campaign"}';
      const e = diagnose(efota, { status: 400 });
      assert.equal(e.error.shape, 'efota');
      assert.equal(marked(efota, e), 'CAMPAIGN_NOT_FOUND');
      assert.equal(e.severity, 'error');
      assert.equal(e.error.entry?.code, '400', 'the status explains what the code does not');
      assert.match(
        e.message,
        /^CAMPAIGN_NOT_FOUND \(HTTP 400\): no such campaign\. Read the response body/,
      );
    });

    it('marks the message of a Spring error that has no code', () => {
      const text =
        '{"timestamp":"2026-01-01T00:00:00Z","status":401,"error":"Unauthorized","message":"Full authentication is required","path":"/x"}';
      const d = diagnose(text, { status: 401 });
      assert.equal(marked(text, d), 'Full authentication is required');
    });

    it('is a warning when a success status carries an error body, and nothing otherwise', () => {
      const fail = '{"result":"FAIL","error":{"code":4010000,"message":"AUTHORIZATION_FAIL"}}';
      assert.equal(diagnose(fail, { status: 200 }).severity, 'warning');
      assert.equal(diagnoseKnoxBody('{"result":"SUCCESS","data":[]}', { status: 200 }), undefined);
      assert.equal(diagnoseKnoxBody('<html>fine</html>', { status: 200 }), undefined);
    });

    it('marks the first line of an HTML or text error page, or the code it contains', () => {
      const html = '\n  <html><head><title>502 Bad Gateway</title></head>\r\n<body></body></html>';
      const d1 = diagnose(html, { status: 502, contentType: 'text/html' });
      assert.equal(d1.error.shape, 'html');
      assert.equal(marked(html, d1), '<html><head><title>502 Bad Gateway</title></head>');
      assert.equal(d1.severity, 'error');

      const text = 'Bad request: LIC_4103 x-osp-appId mismatch';
      const d2 = diagnose(text, { status: 400, contentType: 'text/plain' });
      assert.equal(marked(text, d2), 'LIC_4103');
      assert.equal(d2.error.entry?.code, 'LIC_4103');

      const empty = diagnose('', { status: 503 });
      assert.deepEqual([empty.start, empty.end], [0, 0]);
      assert.match(
        empty.message,
        /^Knox error \(HTTP 503\): HTTP 503 Service Unavailable with an empty body\./,
      );
    });
  });

  describe('large bodies', () => {
    const bigData = (bytes: number): string => {
      const items: string[] = [];
      let size = 0;
      for (let i = 0; size < bytes; i++) {
        const item = JSON.stringify({
          deviceUid: `R58M${i}`,
          code: 4040300,
          message: 'DEVICE_NOT_FOUND "}"',
        });
        items.push(item);
        size += item.length + 1;
      }
      return `[${items.join(',')}]`;
    };

    it('marks the top-level code after 5 MB of data, not a code inside the data', () => {
      const text = `{"errorId":"e","data":${bigData(5_000_000)},"code":4000000,"message":"RESOURCE_INVALID_PARAM"}`;
      const d = diagnose(text);
      assert.equal(d.error.entry?.code, '4000000');
      assert.equal(d.start, text.lastIndexOf('4000000'));
      assert.equal(d.error.data, undefined, 'the large value is not parsed');
    });

    it('does not need a large value to be valid JSON, and still returns small data', () => {
      const broken = `{"data":[${'NaN,'.repeat(20_000)}1],"code":4032251}`;
      assert.equal(diagnose(broken).error.entry?.code, '4032251');
      assert.deepEqual(diagnose('{"code":4000000,"data":{"field":"pageNum"}}').error.data, {
        field: 'pageNum',
      });
    });
  });
});
