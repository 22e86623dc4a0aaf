import * as assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import type { ErrorFlow } from '../../../../src/core/catalogs/errorCatalog';
import { findErrorCode } from '../../../../src/core/catalogs/errorLookup';
import { findScope } from '../../../../src/core/catalogs/scopeLookup';
import {
  BLANK_NAME,
  FACTS_FIXTURE,
  KNOX_DOCS_DIR,
  factsFromDocs,
  parseScopesDoc,
  parseTroubleshootingDoc,
  readFactsFixture,
  readKnoxDoc,
} from './knoxDocs';

const haveDocs = existsSync(KNOX_DOCS_DIR);

// A clone has no ../shared/knox-docs: the catalog tests then check the catalog against the
// fixture alone, and this suite says in its title why it is skipped.
describe(
  haveDocs
    ? "the facts fixture against Samsung's pages in ../shared/knox-docs"
    : "the facts fixture against Samsung's pages (skipped: no ../shared/knox-docs beside the repository)",
  () => {
    before(function () {
      if (!haveDocs) this.skip();
    });

    const troubleshooting = (): string => readKnoxDoc('troubleshooting-error-codes.txt') ?? '';
    const scopesPage = (): string => readKnoxDoc('oauth-scopes.txt') ?? '';

    it('holds exactly the codes, names, statuses, scopes, endpoints and sections the pages give', () => {
      const facts = factsFromDocs(troubleshooting(), scopesPage());
      // KNOX_WRITE_FACTS=1 rewrites the fixture after Samsung's pages change; format it, review the diff.
      if (process.env.KNOX_WRITE_FACTS === '1') {
        writeFileSync(FACTS_FIXTURE, `${JSON.stringify(facts, null, 2)}\n`);
      }
      assert.deepEqual(
        readFactsFixture(),
        facts,
        'test/fixtures/knox-docs-facts.json differs from the pages; run with KNOX_WRITE_FACTS=1 to rewrite it',
      );
    });

    it('reads all four tables of the troubleshooting page', () => {
      const counts = new Map<ErrorFlow, number>();
      for (const row of parseTroubleshootingDoc(troubleshooting())) {
        counts.set(row.flow, (counts.get(row.flow) ?? 0) + 1);
      }
      assert.deepEqual(Object.fromEntries(counts), {
        http: 9,
        'customer-auth': 10,
        'samsung-account-token': 15,
        'samsung-account-authorize': 4,
      });
    });

    it('gives each error code of the page the description the page gives', () => {
      for (const row of parseTroubleshootingDoc(troubleshooting())) {
        assert.equal(findErrorCode(row.code)?.meaning, row.description, `${row.code} meaning`);
      }
    });

    it('reads the scopes page: every section, the repeated E-FOTA table, the wrapped rows', () => {
      const scopes = parseScopesDoc(scopesPage());
      assert.equal(new Set(scopes.map((s) => s.section)).size, 8);
      assert.equal(scopes.filter((s) => s.name === 'ke').length, 2, 'E-FOTA table twice');
      const kmeDevices = scopes.find((s) => s.name === 'kme.devices');
      assert.ok(kmeDevices, 'kme.devices row');
      assert.ok(kmeDevices.endpoints.includes('POST /kcs/v1/kme/devices/uploads/approvals'));
      assert.equal(kmeDevices.endpoints.length, 7);
      assert.equal(scopes.find((s) => s.name === 'msp.customers')?.endpoints.length, 6);
    });

    it('gives each scope row of the page its description and KWN events', () => {
      for (const scope of parseScopesDoc(scopesPage())) {
        const name = scope.name === BLANK_NAME ? 'email' : scope.name;
        const entry = findScope(name);
        assert.ok(entry, `scope ${name} of the page is missing`);
        assert.equal(entry.description, scope.description, name);
        assert.deepEqual(entry.kwnEvents ?? [], scope.events, `${name} KWN events`);
      }
    });
  },
);
