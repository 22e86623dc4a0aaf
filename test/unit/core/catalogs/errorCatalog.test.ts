import * as assert from 'node:assert/strict';
import { STATUS_CODES } from 'node:http';
import { DOC_URLS } from '../../../../src/core/catalogs/docUrls';
import type { ErrorFlow } from '../../../../src/core/catalogs/errorCatalog';
import {
  ERROR_CATALOG,
  findErrorCode,
  findErrorCodesByName,
  searchErrorCodes,
} from '../../../../src/core/catalogs/errorCatalog';
import { readKnoxDoc } from './knoxDocs';

interface DocRow {
  readonly code: string;
  /** The Name or Message column; undefined for AUT_/LIC_ rows, which have none. */
  readonly name?: string;
  readonly httpStatus: number;
  readonly description: string;
  readonly flow: ErrorFlow;
}

const SECTIONS: ReadonlyArray<readonly [string, ErrorFlow]> = [
  ['Standard HTTP error codes', 'http'],
  ['Unique customer authentication error codes', 'customer-auth'],
  ['Token errors', 'samsung-account-token'],
  ['Authorization errors', 'samsung-account-authorize'],
];

/** Reads the troubleshooting page's four tables without the catalog's help. */
function parseTroubleshootingDoc(text: string): DocRow[] {
  const rows: DocRow[] = [];
  let flow: ErrorFlow | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const section = SECTIONS.find(([title]) => line === title);
    if (section) {
      flow = section[1];
      continue;
    }
    if (flow === 'http') {
      const m = /^(\d{3}) (.+)$/.exec(line);
      if (!m) continue;
      const status = Number(m[1]);
      // The page separates columns with single spaces; Node's reason phrases tell the name.
      const reason = STATUS_CODES[status] ?? '';
      const rest = m[2] ?? '';
      assert.ok(rest.startsWith(`${reason} `), `cannot split the HTTP row: ${line}`);
      rows.push({
        code: String(status),
        name: reason,
        httpStatus: status,
        description: rest.slice(reason.length + 1),
        flow,
      });
    } else if (flow === 'customer-auth') {
      const m = /^(\d{7,8}) ([A-Z_]+) (.+)$/.exec(line);
      if (!m?.[1] || !m[2] || !m[3]) continue;
      rows.push({
        code: m[1],
        name: m[2],
        httpStatus: Number(m[1].slice(0, 3)),
        description: m[3],
        flow,
      });
    } else if (flow !== undefined) {
      const m = /^(\d{3}) ((?:AUT|LIC)_\d{4}) (.+)$/.exec(line);
      if (!m?.[1] || !m[2] || !m[3]) continue;
      // The page has a stray "clientIdentifierJwt" where "please" belongs in AUT_1785.
      const description = m[3].replace(
        'still receive this error, clientIdentifierJwt contact',
        'still receive this error, please contact',
      );
      rows.push({ code: m[2], httpStatus: Number(m[1]), description, flow });
    }
  }
  return rows;
}

describe('error catalog', () => {
  describe("against Samsung's troubleshooting page", () => {
    const doc = (): DocRow[] =>
      parseTroubleshootingDoc(readKnoxDoc('troubleshooting-error-codes.txt'));

    it('reads all four tables', () => {
      const counts = new Map<ErrorFlow, number>();
      for (const row of doc()) counts.set(row.flow, (counts.get(row.flow) ?? 0) + 1);
      assert.deepEqual(Object.fromEntries(counts), {
        http: 9,
        'customer-auth': 10,
        'samsung-account-token': 15,
        'samsung-account-authorize': 4,
      });
    });

    it('has every row, with its name, HTTP status, description and flow', () => {
      for (const row of doc()) {
        const entry = findErrorCode(row.code);
        assert.ok(entry, `${row.code} of the page is missing`);
        assert.equal(entry.code, row.code);
        if (row.name !== undefined) assert.equal(entry.name, row.name, row.code);
        assert.equal(entry.httpStatus, row.httpStatus, `${row.code} HTTP status`);
        assert.equal(entry.meaning, row.description, `${row.code} meaning`);
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
