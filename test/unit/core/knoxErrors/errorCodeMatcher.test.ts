import * as assert from 'node:assert/strict';
import {
  errorCodeAt,
  findErrorCodesInLine,
} from '../../../../src/core/knoxErrors/errorCodeMatcher';

/** A line and the codes (entry.code, in order) that must be found in it. */
const MUST_MATCH: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['{"errorId":"e1","code":4032251,"message":"ACCESS_TOKEN_EXPIRED"}', ['4032251', '4032251']],
  [
    '{"code": "4000000", "message": "RESOURCE_INVALID_PARAM", "data": "pageNum"}',
    ['4000000', '4000000'],
  ],
  ['Knox answered 4002250, so sign a new JWT', ['4002250']],
  ['code=4012250', ['40122050']],
  ['40122050 ACCESS_TOKEN_BAD_REQUEST Jwt improperly created.', ['40122050', '40122050']],
  ['(4032252)', ['4032252']],
  ['error 4042252.', ['4042252']],
  [
    '{"result":"FAIL","error":{"code":4010000,"message":"AUTHORIZATION_FAIL"}}',
    ['4010000', '4010000'],
  ],
  [
    '{"transactionalId":"t","code":"AUTHORIZATION_FAIL","errorCode":"4030000"}',
    ['4030000', '4030000'],
  ],
  ['KME says 40300000 AUTHORIZATION_FAIL', ['40300000', '40300000']],
  ['AUTHORIZATION_FAIL with nothing else', ['40300000']],
  [
    '{"error":"invalid_grant","error_description":"AUT_1802 code is wrong"}',
    ['invalid_grant', 'AUT_1802'],
  ],
  ['400 AUT_1806 The value of the client_id parameter...', ['AUT_1806']],
  ['x-osp-appId mismatch: LIC_4103', ['LIC_4103']],
  ['HTTP/1.1 403 Forbidden', ['403']],
  ['HTTP/2 429', ['429']],
  ['< HTTP/1.0 500 Internal Server Error', ['500']],
  ['Knox answers HTTP 429 when you go too fast', ['429']],
  ['{"status": 403, "error": "Forbidden"}', ['403']],
  ['"status":"401"', ['401']],
  ['statusCode: 429,', ['429']],
  ['status=401', ['401']],
  ['"httpStatus": 500', ['500']],
  ['expect(res.status).toBe(200); if (res.status === 404) return;', ['404']],
  ['res.status(422).json(body)', ['422']],
  ['Status Code: 406 Not Acceptable', ['406']],
  ['HTTP_CODE = 501', ['501']],
  ['throw when body.message === "API_KEY_NON_UNIQUE_JWTID"', ['4002250']],
  ['if (err.name === KnoxErrors.ACCESS_TOKEN_INVALID) renew()', ['4032252']],
  ['?error=invalid_scope&error_description=kg', ['invalid_scope']],
  ["if (body.error === 'invalid_client') askForSecret();", ['invalid_client']],
  ['WWW-Authenticate: Bearer error="invalid_token"', ['invalid_token']],
  ['4032251,4032252', ['4032251', '4032252']],
];

/** Lines where nothing may be found. */
const MUST_NOT_MATCH: readonly string[] = [
  'The token expires after 403 seconds',
  'Please send 401 devices at most',
  'We had 429 tickets last year',
  'version 4000',
  'port 1403 is open',
  'value 40321',
  'id 14032251 belongs to someone else',
  'id 403225100 is too long',
  'serial R4032251X',
  'R58M4032251',
  'v1.4032251',
  '4032251.5 seconds',
  '4032251-4f3a-9c0d uuid-ish',
  'build-4032251 tag',
  'phone 5551234567 is 10 digits',
  '1234567 is not a Knox code',
  'AUT_9999 is not in the catalog',
  'XAUT_1806 is part of an identifier',
  'AUT_18061 is longer',
  'aut_1806 lowercase in prose',
  'MY_ACCESS_TOKEN_EXPIRED_FLAG = true',
  'ACCESS_TOKEN_EXPIREDX',
  'access_token_expired in a sentence',
  'HTTP_PROXY=http://proxy:3128',
  'const DEFAULT_TIMEOUT_MS = 4000;',
  'the "status": "FAIL" field',
  '"status": 200',
  'status: 4030',
  '"status": 403.5',
  'retryStatus: 403',
  'HTTP/1.1 200 OK',
  'http 403 in lower case prose',
  'an invalid_client reached the server',
  '"error_code": "invalid_client"',
  'Not Found and Bad Request are just words',
  '',
];

describe('error code matcher', () => {
  describe('finds codes that are there', () => {
    for (const [line, expected] of MUST_MATCH) {
      it(line, () => {
        const matches = findErrorCodesInLine(line);
        assert.deepEqual(
          matches.map((m) => m.entry.code),
          expected,
        );
        for (const m of matches) assert.equal(line.slice(m.start, m.end), m.text);
      });
    }
  });

  describe('finds nothing where no code is meant', () => {
    for (const line of MUST_NOT_MATCH) {
      it(line === '' ? '(empty line)' : line, () => {
        assert.deepEqual(
          findErrorCodesInLine(line).map((m) => `${m.text}@${m.start}`),
          [],
        );
      });
    }
  });

  it('tests at least 25 lines each way', () => {
    assert.ok(MUST_MATCH.length >= 25 && MUST_NOT_MATCH.length >= 25);
  });

  it('gives the token, not its context, as the match', () => {
    const line = '{"status": 403, "code": 4032252}';
    assert.deepEqual(
      findErrorCodesInLine(line).map(({ start, end, text }) => ({ start, end, text })),
      [
        { start: 11, end: 14, text: '403' },
        { start: 24, end: 31, text: '4032252' },
      ],
    );
  });

  it('reads a shared name as the code on the same line', () => {
    const msp = findErrorCodesInLine('{"code":"AUTHORIZATION_FAIL","errorCode":"4030000"}');
    assert.equal(msp[0]?.text, 'AUTHORIZATION_FAIL');
    assert.equal(msp[0]?.entry.code, '4030000');
  });

  describe('errorCodeAt', () => {
    const line = 'got 4032251 then AUT_1806';

    it('finds the code under the cursor, its end included', () => {
      assert.equal(errorCodeAt(line, 4)?.entry.code, '4032251');
      assert.equal(errorCodeAt(line, 10)?.entry.code, '4032251');
      assert.equal(errorCodeAt(line, 11)?.entry.code, '4032251');
      assert.equal(errorCodeAt(line, 17)?.entry.code, 'AUT_1806');
      assert.equal(errorCodeAt(line, line.length)?.entry.code, 'AUT_1806');
    });

    it('finds nothing between codes', () => {
      assert.equal(errorCodeAt(line, 3), undefined);
      assert.equal(errorCodeAt(line, 13), undefined);
      assert.equal(errorCodeAt('HTTP/1.1 403', 2), undefined);
    });
  });

  it('costs time in proportion to the line, not more', () => {
    const line = `${'{"code": 4032251, "status": 403, "note": "x_y 12345678" } '.repeat(2000)}`;
    const started = process.hrtime.bigint();
    const matches = findErrorCodesInLine(line);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal(matches.length, 4000);
    assert.ok(ms < 500, `a ${line.length}-character line took ${ms.toFixed(1)} ms`);
  });
});
