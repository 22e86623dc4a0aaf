import assert from 'node:assert/strict';
import {
  addHistoryEntry,
  HISTORY_BODY_CHARS,
  HISTORY_LIMIT,
  historyEntryOf,
} from '../../../../src/core/runner/historyEntry';
import type { HistoryEntry } from '../../../../src/core/runner/historyEntry';
import type { RunResult } from '../../../../src/core/runner/runRequest';

const TOKEN = 'opaque-oauth-token-7f3a9c';
const JWT = 'eyJhbGciOiJSUzUxMiJ9.eyJhY2Nlc3NUb2tlbiI6InNlY3JldCJ9.c2lnbmF0dXJlLXZhbHVl';

function result(overrides: Partial<RunResult> & { body?: string } = {}): RunResult {
  const { body = '{"ok":true}', ...rest } = overrides;
  return {
    id: 'r1',
    startedAt: 1_700_000_000_000,
    name: 'list',
    line: 3,
    method: 'GET',
    url: `https://api.samsungknox.com/kcs/v1/kme/devices/list?access_token=${TOKEN}`,
    profileName: 'Dev',
    sentHeaders: [
      { name: 'Accept', value: 'application/json' },
      { name: 'X-Echo', value: `copy of ${TOKEN}` },
      { name: 'Authorization', value: `Bearer ${TOKEN}` },
      { name: 'x-knox-apitoken', value: JWT },
    ],
    tokenSent: true,
    tokenKind: 'oauth',
    tokenSkipped: undefined,
    response: {
      status: 200,
      statusText: 'OK',
      headers: {
        'content-type': 'application/json',
        'set-cookie': 'session=abc123',
        'x-request-id': 'req-1',
      },
      body,
      attempts: 1,
      waitedMs: 0,
      elapsedMs: 42,
    },
    sizeBytes: Buffer.byteLength(body),
    error: undefined,
    retry: undefined,
    note: undefined,
    missingScope: undefined,
    hint: undefined,
    ...rest,
  };
}

describe('historyEntryOf', () => {
  it('keeps no token or secret value anywhere: headers, URL and body', () => {
    const body = JSON.stringify({
      accessToken: 'plain-access-token-1',
      echoed: TOKEN,
      jwt: JWT,
      deviceId: 'R58M',
    });
    const entry = historyEntryOf(result({ body }), { known: [TOKEN] });
    const stored = JSON.stringify(entry);
    for (const secret of [TOKEN, JWT, 'plain-access-token-1', 'abc123']) {
      assert.ok(!stored.includes(secret), `${secret} leaked into ${stored}`);
    }
    assert.deepEqual(entry.requestHeaders, [
      { name: 'Accept', value: 'application/json' },
      { name: 'X-Echo', value: 'copy of [REDACTED]' },
      { name: 'Authorization', value: 'Bearer [REDACTED]' },
      { name: 'x-knox-apitoken', value: '[REDACTED]' },
    ]);
    assert.ok(entry.body.includes('"deviceId":"R58M"'), 'non-secret data is kept');
    assert.equal(
      entry.url,
      'https://api.samsungknox.com/kcs/v1/kme/devices/list?access_token=[REDACTED]',
    );
    assert.deepEqual(
      entry.responseHeaders.find((h) => h.name === 'set-cookie'),
      { name: 'set-cookie', value: '[REDACTED]' },
    );
    assert.equal(entry.status, 200);
    assert.equal(entry.contentType, 'application/json');
  });

  it('keeps only the start of a large body, redacted before the cut so a straddling token cannot leak', () => {
    const body = `${'x'.repeat(HISTORY_BODY_CHARS - 20)} "${JWT}" ${'y'.repeat(100_000)}`;
    const entry = historyEntryOf(result({ body }), {});
    assert.equal(entry.bodyTruncated, true);
    assert.ok(entry.body.length <= HISTORY_BODY_CHARS);
    assert.ok(!entry.body.includes('eyJhbGciOiJSUzUxMiJ9.eyJ'), 'no part of the JWT survives');
    assert.equal(
      entry.body,
      `${'x'.repeat(HISTORY_BODY_CHARS - 20)} "[REDACTED]" ${'y'.repeat(100)}`.slice(
        0,
        HISTORY_BODY_CHARS,
      ),
    );
  });

  it('records the Knox error code and the source line', () => {
    const entry = historyEntryOf(
      result({
        error: {
          status: 403,
          code: '4032251',
          name: 'ACCESS_TOKEN_EXPIRED',
          message: 'x',
          hint: 'y',
          shape: 'knox',
        },
      }),
      { source: { uri: 'file:///w/a.http', line: 3 } },
    );
    assert.equal(entry.errorCode, '4032251');
    assert.equal(entry.errorName, 'ACCESS_TOKEN_EXPIRED');
    assert.deepEqual(entry.source, { uri: 'file:///w/a.http', line: 3 });
  });
});

describe('addHistoryEntry', () => {
  const entry = (id: string): HistoryEntry => ({ ...historyEntryOf(result()), id });

  it('puts the newest first and keeps the last 50', () => {
    let list: HistoryEntry[] = [];
    for (let i = 0; i < 60; i++) list = addHistoryEntry(list, entry(`e${i}`));
    assert.equal(list.length, HISTORY_LIMIT);
    assert.equal(list[0]?.id, 'e59');
    assert.equal(list[49]?.id, 'e10');
  });

  it('does not keep the same entry twice', () => {
    const list = addHistoryEntry(addHistoryEntry([entry('a')], entry('b')), entry('a'));
    assert.deepEqual(
      list.map((e) => e.id),
      ['a', 'b'],
    );
  });
});
