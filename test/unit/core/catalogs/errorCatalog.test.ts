import * as assert from 'node:assert/strict';
import { DOC_URLS } from '../../../../src/core/catalogs/docUrls';
import type { ErrorFlow } from '../../../../src/core/catalogs/errorCatalog';
import { ERROR_CATALOG } from '../../../../src/core/catalogs/errorCatalog';
import {
  findErrorCode,
  findErrorCodesByName,
  searchErrorCodes,
} from '../../../../src/core/catalogs/errorLookup';
import { readFactsFixture } from './knoxDocs';

describe('error catalog', () => {
  describe("against the facts of Samsung's troubleshooting page (test/fixtures/knox-docs-facts.json)", () => {
    const facts = readFactsFixture();

    it('reads all four tables', () => {
      const counts = new Map<ErrorFlow, number>();
      for (const row of facts.errors) counts.set(row.flow, (counts.get(row.flow) ?? 0) + 1);
      assert.deepEqual(Object.fromEntries(counts), {
        http: 9,
        'customer-auth': 10,
        'samsung-account-token': 15,
        'samsung-account-authorize': 4,
      });
    });

    it('has every row, with its name, HTTP status and flow', () => {
      for (const row of facts.errors) {
        const entry = findErrorCode(row.code);
        assert.ok(entry, `${row.code} of the page is missing`);
        assert.equal(entry.code, row.code);
        if (row.name !== undefined) assert.equal(entry.name, row.name, row.code);
        assert.equal(entry.httpStatus, row.httpStatus, `${row.code} HTTP status`);
        assert.equal(entry.flow, row.flow, `${row.code} flow`);
        assert.equal(entry.docUrl, DOC_URLS.troubleshooting, `${row.code} docUrl`);
      }
    });

    it('recognises ACCESS_TOKEN_BAD_REQUEST as the table writes it and as Knox sends it', () => {
      const table = findErrorCode('40122050');
      assert.equal(table?.name, 'ACCESS_TOKEN_BAD_REQUEST');
      assert.equal(findErrorCode('4012250'), table);
      assert.equal(findErrorCode(4012250), table);
      assert.deepEqual(table.aliases, ['4012250']);
    });
  });

  describe('data', () => {
    it('has the service codes Knox answers with beyond the page', () => {
      const expected: Array<[string, string, number]> = [
        ['40300000', 'AUTHORIZATION_FAIL', 403],
        ['4010000', 'AUTHORIZATION_FAIL', 401],
        ['4030000', 'AUTHORIZATION_FAIL', 403],
        ['4040300', 'DEVICE_NOT_FOUND', 404],
        ['5000000', 'INTERNAL_SERVER_ERROR', 500],
      ];
      for (const [code, name, status] of expected) {
        const entry = findErrorCode(code);
        assert.equal(entry?.name, name, code);
        assert.equal(entry.httpStatus, status, code);
        assert.equal(entry.flow, 'service', code);
        assert.ok(entry.seenIn, `${code} says where it is seen`);
      }
    });

    it('has the OAuth 2.0 errors, pointing at their RFC', () => {
      for (const code of ['invalid_request', 'invalid_client', 'invalid_grant', 'invalid_scope']) {
        assert.equal(findErrorCode(code)?.docUrl, DOC_URLS.oauthTokenErrors, code);
      }
      assert.equal(findErrorCode('invalid_token')?.docUrl, DOC_URLS.bearerTokenErrors);
      assert.equal(findErrorCode('insufficient_scope')?.httpStatus, 403);
    });

    it('offers the action the extension can take', () => {
      const actions: Record<string, string> = {
        '4032251': 'renewToken',
        '4002250': 'resignJwt',
        '4012250': 'checkKeyFile',
        AUT_1702: 'checkClientSecret',
        '401': 'renewToken',
        '429': 'retryLater',
        '403': 'checkScopes',
        '4032252': 'openProfile',
        '4010011': 'signIn',
        invalid_client: 'checkClientSecret',
        invalid_scope: 'checkScopes',
        LIC_5101: 'retryLater',
      };
      for (const [code, action] of Object.entries(actions)) {
        assert.equal(findErrorCode(code)?.action, action, code);
      }
      assert.equal(findErrorCode('404')?.action, undefined);
    });

    it('lists each code and alias once, each with a cause, a fix and a doc link', () => {
      const codes = ERROR_CATALOG.flatMap((e) => [e.code, ...(e.aliases ?? [])]);
      assert.equal(new Set(codes.map((c) => c.toUpperCase())).size, codes.length);
      const urls = new Set<string>(Object.values(DOC_URLS));
      for (const e of ERROR_CATALOG) {
        assert.ok(e.name && e.meaning && e.cause && e.fix, e.code);
        assert.notEqual(e.fix, e.meaning, e.code);
        assert.ok(e.cause.length >= 40 && e.fix.length >= 30, `${e.code}: say something useful`);
        assert.ok(urls.has(e.docUrl), `${e.code}: docUrl comes from DOC_URLS`);
        if (/^\d{7,8}$/.test(e.code)) {
          assert.equal(e.httpStatus, Number(e.code.slice(0, 3)), `${e.code}: status from prefix`);
        }
      }
    });

    it('shares a name between codes only for AUTHORIZATION_FAIL', () => {
      const names = ERROR_CATALOG.map((e) => e.name.toUpperCase());
      const repeated = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
      assert.deepEqual(repeated, ['AUTHORIZATION_FAIL']);
    });
  });

  describe('findErrorCode', () => {
    it('finds a code given as a number or a string, in any case, with spaces', () => {
      assert.equal(findErrorCode(4032251)?.name, 'ACCESS_TOKEN_EXPIRED');
      assert.equal(findErrorCode(' 4032251 ')?.name, 'ACCESS_TOKEN_EXPIRED');
      assert.equal(findErrorCode('aut_1806')?.code, 'AUT_1806');
      assert.equal(findErrorCode('lic_4103')?.code, 'LIC_4103');
      assert.equal(findErrorCode(429)?.name, 'Too Many Requests');
      assert.equal(findErrorCode('INVALID_CLIENT')?.code, 'invalid_client');
    });

    it('finds a code by name, the first one for a shared name', () => {
      assert.equal(findErrorCode('access_token_expired')?.code, '4032251');
      assert.equal(findErrorCode('API_KEY_NON_UNIQUE_JWTID')?.code, '4002250');
      assert.equal(findErrorCode('too many requests')?.code, '429');
      assert.equal(findErrorCode('AUTHORIZATION_FAIL')?.code, '40300000');
      assert.deepEqual(
        findErrorCodesByName('authorization_fail').map((e) => e.code),
        ['40300000', '4010000', '4030000'],
      );
    });

    it('finds nothing for an unknown code or name', () => {
      assert.equal(findErrorCode('9999999'), undefined);
      assert.equal(findErrorCode('403225'), undefined);
      assert.equal(findErrorCode(''), undefined);
      assert.equal(findErrorCode('NOT_A_CODE'), undefined);
      assert.deepEqual(findErrorCodesByName('NOT_A_CODE'), []);
    });
  });

  describe('searchErrorCodes', () => {
    const codes = (query: string): string[] => searchErrorCodes(query).map((e) => e.code);

    it('returns the whole catalog for an empty query', () => {
      assert.equal(searchErrorCodes('  ').length, ERROR_CATALOG.length);
    });

    it('ranks the exact code first, then codes it prefixes, closest first', () => {
      assert.deepEqual(codes('403').slice(0, 1), ['403']);
      assert.deepEqual(codes('4032'), ['4032251', '4032252']);
      assert.deepEqual(codes('403225'), ['4032251', '4032252']);
      assert.deepEqual(codes('aut_18'), ['AUT_1802', 'AUT_1806']);
      assert.deepEqual(codes('40122050'), ['40122050']);
      assert.deepEqual(codes('4012250'), ['40122050']);
      assert.equal(codes('LIC_').length, 4);
    });

    it('ranks by name, then by words in the description, every word required', () => {
      assert.equal(codes('expired')[0], '4032251');
      assert.deepEqual(codes('access token').slice(0, 5).sort(), [
        '4002251',
        '40122050',
        '4032251',
        '4032252',
        'invalid_token',
      ]);
      assert.deepEqual(codes('client_secret').slice(0, 3), ['AUT_1002', 'AUT_1011', 'AUT_1702']);
      assert.equal(codes('Retry-After')[0], '429');
      assert.ok(codes('jti').includes('4002250'));
      assert.deepEqual(codes('zzzz'), []);
      assert.deepEqual(codes('expired zzzz'), []);
      assert.deepEqual(codes('-'), []);
    });
  });
});
