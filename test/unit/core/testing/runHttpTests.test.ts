import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { parseHttpFile } from '../../../../src/core/httpFile/httpFile';
import type { Profile } from '../../../../src/core/profiles/profile';
import { runHttpTests } from '../../../../src/core/testing/runHttpTests';
import type { HttpTestOutcome } from '../../../../src/core/testing/runHttpTests';
import { countingTokens } from '../../../helpers/tokens';
import { replyJson, startLoopback } from '../../../helpers/loopback';
import type { Loopback, RecordedRequest } from '../../../helpers/loopback';
import { legacyProfile } from '../runner/fixtures';

const T0 = Date.parse('2025-03-01T10:00:00Z');

const SUITE = [
  '### Log in (no assertions: runs, is not a test)',
  '# @name login',
  'POST {{host}}/login',
  '',
  '{ "user": "ci" }',
  '',
  '### Uses the token and a header of the login response',
  '# @name whoami',
  'GET {{host}}/me',
  'x-session: {{login.response.body.$.token}}',
  'x-trace: {{login.response.headers.x-trace}}',
  '?? status == 200',
  '?? body $.user == {{login.response.body.$.user}}',
  '',
  '### Independent',
  '# @name health',
  'GET {{host}}/health',
  '?? status == 204',
].join('\n');

describe('runHttpTests (assertions and request chaining)', () => {
  let server: Loopback;
  let profile: Profile;

  beforeEach(async () => {
    server = await startLoopback((req: RecordedRequest, res: ServerResponse) => {
      if (req.url === '/login')
        replyJson(res, 200, { token: 'sess-123', user: 'ci' }, { 'x-trace': 'tr-9' });
      else if (req.url === '/me')
        replyJson(res, req.headers['x-session'] === 'sess-123' ? 200 : 401, {
          user: req.headers['x-session'] === 'sess-123' ? 'ci' : 'nobody',
        });
      else if (req.url === '/health') replyJson(res, 500, { code: 5000000, message: 'down' });
      else replyJson(res, 404, {});
    });
    profile = { ...legacyProfile(), target: { kind: 'custom', baseUrl: server.url } };
  });
  afterEach(() => server.close());

  const prepare = () => ({ profile, sources: { environment: { host: server.url } } });

  it('sends every request in order, feeds response body and headers to later requests, and tests only requests with assertions', async () => {
    const seen: string[] = [];
    const outcomes = await runHttpTests(
      { file: parseHttpFile(SUITE), prepare },
      {
        onStart: (r) => seen.push(`start ${r.name ?? ''}`),
        onOutcome: (o) => seen.push(`end ${o.label}`),
      },
    );
    assert.deepEqual(
      server.requests.map((r) => r.url),
      ['/login', '/me', '/health'],
    );
    assert.equal(server.requests[1]?.headers['x-session'], 'sess-123');
    assert.equal(server.requests[1]?.headers['x-trace'], 'tr-9');
    assert.deepEqual(seen, ['start whoami', 'end whoami', 'start health', 'end health']);
    const [whoami, health] = outcomes;
    assert.equal(whoami?.passed, true);
    assert.equal(whoami?.assertions.length, 2);
    assert.equal(health?.passed, false);
    assert.deepEqual(
      health?.assertions.map((a) => [a.assertion.line, a.expected, a.actual]),
      [[17, '== 204', '500']],
    );
  });

  it('runs one test after the named requests it takes values from, and nothing else', async () => {
    const file = parseHttpFile(SUITE);
    const whoami = file.requests.find((r) => r.name === 'whoami');
    assert.ok(whoami);
    const outcomes = await runHttpTests({ file, prepare, only: new Set([whoami.index]) });
    assert.deepEqual(
      server.requests.map((r) => r.url),
      ['/login', '/me'],
    );
    assert.deepEqual(
      outcomes.map((o) => [o.label, o.passed]),
      [['whoami', true]],
    );
  });

  it('fails a test whose chained value is missing because the earlier request was not run', async () => {
    const file = parseHttpFile(SUITE.replace('# @name login', '# @name signIn'));
    const outcomes = await runHttpTests({ file, prepare });
    const whoami = outcomes.find((o) => o.label === 'whoami');
    assert.equal(whoami?.passed, false);
    assert.match(whoami?.error ?? '', /login\.response/);
  });

  it('stops at the first failing test with bail', async () => {
    const file = parseHttpFile(SUITE.replace('?? status == 200', '?? status == 201'));
    const outcomes: readonly HttpTestOutcome[] = await runHttpTests({ file, prepare, bail: true });
    assert.deepEqual(
      outcomes.map((o) => [o.label, o.passed]),
      [['whoami', false]],
    );
    assert.equal(server.requests.length, 2, '/health was not sent');
  });

  it('attaches the profile token and keeps its value out of every reported actual', async () => {
    const { tokens } = countingTokens('legacy', T0);
    await server.close();
    server = await startLoopback((req, res) =>
      replyJson(res, 200, { echoed: req.headers['x-knox-apitoken'] }),
    );
    profile = { ...legacyProfile(), target: { kind: 'custom', baseUrl: server.url } };
    const file = parseHttpFile('GET /kcs/v1/kme/devices/list\n?? body $.echoed == nope\n');
    const [outcome] = await runHttpTests({
      file,
      prepare: () => ({ profile, tokensFor: () => tokens }),
    });
    assert.equal(server.requests[0]?.headers['x-knox-apitoken'], 'signed-1');
    assert.equal(outcome?.passed, false);
    assert.ok(!outcome?.assertions[0]?.actual.includes('signed-1'), outcome?.assertions[0]?.actual);
    assert.ok(!outcome?.assertions[0]?.message.includes('signed-1'));
  });
});
