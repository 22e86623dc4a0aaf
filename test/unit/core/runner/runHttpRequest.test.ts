import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { parseHttpFile } from '../../../../src/core/httpFile/httpFile';
import type { Profile } from '../../../../src/core/profiles/profile';
import type { RecordedExchange } from '../../../../src/core/runner/requestVariables';
import { responseContentOf } from '../../../../src/core/runner/responseContent';
import { runHttpRequest } from '../../../../src/core/runner/runHttpRequest';
import { countingTokens } from '../../../helpers/tokens';
import { replyJson, startLoopback } from '../../../helpers/loopback';
import type { Loopback, RecordedRequest } from '../../../helpers/loopback';
import { isKnoxToolError } from '../../../../src/core/toolError';
import { legacyProfile, oauthProfile } from './fixtures';

const T0 = Date.parse('2025-03-01T10:00:00Z');

describe('runHttpRequest (the one send path)', () => {
  let server: Loopback;
  let handler: (req: RecordedRequest, res: ServerResponse) => void;
  const at = (profile: Profile): Profile => ({
    ...profile,
    target: { kind: 'custom', baseUrl: server.url },
  });

  beforeEach(async () => {
    handler = (_req, res) => replyJson(res, 200, { token: 'abc', totalCount: 1 });
    server = await startLoopback((req, res) => handler(req, res));
  });
  afterEach(() => server.close());

  it('refuses Knox Guard with an OAuth profile before minting or sending anything', async () => {
    const { tokens, mints } = countingTokens('oauth', T0);
    const file = parseHttpFile('POST /kcs/v1.1/kg/devices/list\n\n{}\n');
    const request = file.requests[0];
    assert.ok(request);
    let asked = 0;
    await assert.rejects(
      runHttpRequest({
        file,
        request,
        profile: at(oauthProfile(['kme'], { name: 'Sandbox OAuth' })),
        tokensFor: () => (asked++, tokens),
      }),
      (e: unknown) =>
        isKnoxToolError(e, 'OAUTH_NOT_SUPPORTED') &&
        e.message.startsWith(
          'Not sent: profile "Sandbox OAuth" uses Knox OAuth 2.0, and Knox Guard',
        ),
    );
    assert.deepEqual([asked, mints(), server.requests.length], [0, 0, 0]);
  });

  it('builds, authorizes, sends and returns the masked entry, preview, notes and exchange in one result', async () => {
    const { tokens } = countingTokens('legacy', T0);
    const file = parseHttpFile('# @name list\nGET /kcs/v1/kme/devices/list?t=signed-1\n');
    const request = file.requests[0];
    assert.ok(request);
    const progress: string[] = [];
    const run = await runHttpRequest(
      {
        file,
        request,
        profile: at(legacyProfile()),
        tokensFor: () => tokens,
        source: { uri: 'file:///a.http', line: 1 },
      },
      { now: () => T0, id: () => 'run-1', onProgress: (m) => progress.push(m) },
    );
    assert.equal(server.requests[0]?.headers['x-knox-apitoken'], 'signed-1');
    assert.equal(run.result.tokenSent, true);
    assert.equal(run.entry.url.includes('signed-1'), false, 'the token in the URL is redacted');
    assert.deepEqual(
      run.entry.requestHeaders.find((h) => h.name === 'x-knox-apitoken')?.value !== 'signed-1',
      true,
    );
    assert.deepEqual(run.entry.source, { uri: 'file:///a.http', line: 1 });
    assert.equal(run.preview.pretty, true);
    assert.equal(run.explanation, undefined);
    assert.equal(run.exchange?.response.body, '{"token":"abc","totalCount":1}');
    assert.deepEqual(progress, [
      'GET /kcs/v1/kme/devices/list: getting the token…',
      'GET /kcs/v1/kme/devices/list: sending…',
    ]);
    const content = responseContentOf(run.entry, {
      preview: run.preview,
      notes: run.notes,
      actions: [],
      fromHistory: false,
    });
    assert.equal(content.url, run.entry.url);
    assert.equal(content.preview.text, run.preview.text);
  });

  it('resolves {{name.response.body.$...}} from an earlier exchange and sends without a token source as written', async () => {
    const file = parseHttpFile('GET /kcs/v1/kme/devices/{{login.response.body.$.token}}\n');
    const request = file.requests[0];
    assert.ok(request);
    const login: RecordedExchange = {
      request: { headers: {} },
      response: { headers: {}, body: '{"token":"t-42"}' },
    };
    const run = await runHttpRequest({
      file,
      request,
      profile: at(legacyProfile()),
      named: (name) => (name === 'login' ? login : undefined),
    });
    assert.equal(server.requests[0]?.url, '/kcs/v1/kme/devices/t-42');
    assert.equal(run.result.tokenSent, false);
    assert.equal(run.result.tokenSkipped, 'noProfile');
    assert.equal(run.exchange, undefined);
  });

  it('explains a Knox error and keeps its code in the history entry', async () => {
    handler = (_req, res) => replyJson(res, 404, { code: 4041000, message: 'Device not found' });
    const file = parseHttpFile(`GET ${server.url}/kcs/v1/kme/devices/x\n`);
    const request = file.requests[0];
    assert.ok(request);
    const run = await runHttpRequest({ file, request, profile: undefined });
    assert.equal(run.entry.status, 404);
    assert.equal(run.explanation?.message, 'Device not found');
    assert.equal(run.entry.errorCode, run.result.error?.code);
  });
});
