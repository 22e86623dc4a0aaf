import * as assert from 'node:assert/strict';
import { ERROR_CATALOG } from '../../../../src/core/catalogs/errorCatalog';
import { findErrorCode } from '../../../../src/core/catalogs/errorLookup';
import type { ErrorCodeEntry } from '../../../../src/core/catalogs/errorCatalog';
import { explainErrorCode } from '../../../../src/core/knoxErrors/explainErrorCode';

const entry = (code: string): ErrorCodeEntry => {
  const found = findErrorCode(code);
  assert.ok(found, `${code} is in the catalog`);
  return found;
};

describe('explainErrorCode', () => {
  it('explains 4032251 with its name, status, flow, meaning, cause and fix', () => {
    const e = entry('4032251');
    const x = explainErrorCode(e);
    assert.equal(x.title, '4032251 ACCESS_TOKEN_EXPIRED');
    assert.equal(x.context, 'HTTP 403 · Knox Cloud authentication (customers)');
    assert.deepEqual(
      x.sections.map((s) => [s.label, s.text]),
      [
        ['Meaning', e.meaning],
        ['Likely cause', e.cause],
        ['What to do', e.fix],
      ],
    );
    assert.equal(x.docUrl, e.docUrl);
  });

  it('names aliases and where a service code is seen', () => {
    assert.match(explainErrorCode(entry('40122050')).context, /also written 4012250$/);
    const kg = explainErrorCode(entry('4010000'));
    assert.equal(kg.sections.at(-1)?.label, 'Seen in');
    assert.match(kg.sections.at(-1)?.text ?? '', /Knox Guard/);
  });

  it('does not repeat a code that is its own name', () => {
    const synthetic: ErrorCodeEntry = { ...entry('AUT_1806'), name: 'AUT_1806' };
    assert.equal(explainErrorCode(synthetic).title, 'AUT_1806');
  });

  it('explains every catalog entry with non-empty text and an https link', () => {
    for (const e of ERROR_CATALOG) {
      const x = explainErrorCode(e);
      assert.ok(x.title.startsWith(e.code), e.code);
      assert.ok(x.context.length > 0, e.code);
      for (const s of x.sections) assert.ok(s.text.trim().length > 0, `${e.code} ${s.label}`);
      assert.match(x.docUrl, /^https:\/\//, e.code);
    }
  });
});
