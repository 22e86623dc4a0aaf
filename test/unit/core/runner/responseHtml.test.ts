import assert from 'node:assert/strict';
import { previewBody } from '../../../../src/core/runner/bodyPreview';
import { explainResult } from '../../../../src/core/knoxErrors/explainResult';
import type { RunResult } from '../../../../src/core/runner/runRequest';
import { runResult } from './fixtures';
import {
  escapeHtml,
  highlightJson,
  offersFullBody,
  renderResponseHtml,
  responseTitle,
} from '../../../../src/core/runner/responseHtml';
import type { ResponseContent } from '../../../../src/core/runner/responseHtml';

const resources = {
  cspSource: 'vscode-webview://x',
  nonce: 'n0nce',
  styleUri: 'vscode-webview://x/response.css',
};

function content(body: string, overrides: Partial<ResponseContent> = {}): ResponseContent {
  return {
    id: 'r1',
    at: 0,
    method: 'GET',
    url: 'https://us-kcs-api.samsungknox.com/kcs/v1/kme/devices/list',
    name: 'devices',
    profileName: 'Dev',
    status: 200,
    statusText: 'OK',
    elapsedMs: 42,
    sizeBytes: body.length,
    requestHeaders: [{ name: 'x-knox-apitoken', value: '[REDACTED]' }],
    responseHeaders: [{ name: 'content-type', value: 'application/json' }],
    preview: previewBody(body, 'application/json'),
    explanation: undefined,
    notes: [],
    actions: [{ title: 'Send Again', command: 'knox.sendRequest', args: [] }],
    fromHistory: false,
    ...overrides,
  };
}

describe('renderResponseHtml', () => {
  it('escapes everything the server sent: no markup from a body, a header or a message gets through', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const html = renderResponseHtml(
      content(JSON.stringify({ note: evil }), {
        statusText: evil,
        responseHeaders: [{ name: 'x-evil', value: evil }],
        explanation: {
          title: 'HTTP 400',
          message: evil,
          detail: evil,
          meaning: undefined,
          cause: undefined,
          fix: 'Fix it: send `<b>` as `Public`.',
          action: undefined,
          docUrl: undefined,
          errorId: evil,
        },
        preview: previewBody(`<html>${evil}</html>`, 'text/html'),
      }),
      resources,
    );
    assert.ok(!html.includes('<img'), 'no raw <img> tag');
    assert.equal(html.match(/&lt;img src=x onerror=alert\(1\)&gt;/g)?.length, 6);
    assert.ok(!html.includes('<b>'), 'a backticked span is escaped too');
    assert.match(html, /send <code>&lt;b&gt;<\/code> as <code>Public<\/code>/);
  });

  it('allows only the nonce script and the webview styles', () => {
    const html = renderResponseHtml(content('{}'), resources);
    assert.match(
      html,
      /content="default-src 'none'; style-src vscode-webview:\/\/x; script-src 'nonce-n0nce';"/,
    );
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.match(html, /<script nonce="n0nce">/);
  });

  it('shows the explanation with its buttons first and the toolbar actions by index', () => {
    const html = renderResponseHtml(
      content('{"code":4032251}', {
        status: 403,
        statusText: 'Forbidden',
        explanation: {
          title: '4032251 ACCESS_TOKEN_EXPIRED',
          message: 'ACCESS_TOKEN_EXPIRED',
          detail: undefined,
          meaning: 'The token expired.',
          cause: undefined,
          fix: 'Renew it.',
          action: 'renewToken',
          docUrl: 'https://docs.samsungknox.com/x',
          errorId: 'e-1',
        },
        actions: [
          {
            title: 'Renew Access Token',
            command: 'knox.generateAccessToken',
            args: [],
            forError: true,
          },
          { title: 'Send Again', command: 'knox.sendRequest', args: [] },
        ],
        notes: [
          'Knox refused the token (4032251); a new one was obtained and the request sent once more.',
        ],
      }),
      resources,
    );
    assert.ok(html.indexOf('4032251 ACCESS_TOKEN_EXPIRED') < html.indexOf('<pre'));
    assert.match(
      html,
      /<button type="button" class="primary" data-action="0">Renew Access Token<\/button>/,
    );
    assert.match(
      html,
      /<button type="button" class="secondary" data-action="1">Send Again<\/button>/,
    );
    assert.match(html, /class="status client-error">403 Forbidden/);
    assert.match(html, /errorId for Knox Support: <code>e-1<\/code>/);
    assert.match(html, /<li>Knox refused the token/);
  });

  it('says when the body is only a preview', () => {
    const big = JSON.stringify(
      Array.from({ length: 20_000 }, (_, i) => ({ i, text: 'x'.repeat(20) })),
    );
    const html = renderResponseHtml(content(big, { sizeBytes: big.length }), resources);
    assert.match(
      html,
      /Showing the first 2[45]\d\.\d KB of [\d.]+ KB\. Use "Open Full Body" for the rest\./,
    );
  });
});

// The box as a send shows it: body, catalog explanation, page.
function errorBox(
  status: number,
  body: string,
  request: { method: string; path: string; tokenKind?: RunResult['tokenKind'] },
  overrides: Partial<RunResult> = {},
): string {
  const explanation = explainResult(
    runResult(status, body, request, { tokenKind: request.tokenKind ?? 'legacy', ...overrides }),
  );
  const html = renderResponseHtml(content(body, { status, explanation }), resources);
  return /<section class="explanation"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
}

const KME_LIST = { method: 'POST', path: '/kcs/v1/kme/devices/list' };
const KG_LIST = { method: 'POST', path: '/kcs/v1.1/kg/devices/list' };

describe('the response view read aloud', () => {
  it('gives every heading, button, table and region a name a screen reader can say', () => {
    const failed = content('{"code":4010000,"message":"token expired"}', {
      status: 401,
      statusText: 'Unauthorized',
      actions: [
        { title: 'Renew Token and Retry', command: 'knox.sendRequest', args: [], forError: true },
        { title: 'Send Again', command: 'knox.sendRequest', args: [] },
        { title: 'Copy as Curl Command', command: 'knox.copyAsCurl', args: [] },
      ],
      explanation: {
        title: '4010000 AUTHORIZATION_FAIL',
        fix: 'Renew the token.',
      } as ResponseContent['explanation'],
    });
    const html = renderResponseHtml(failed, resources);
    const text = (inner: string): string => inner.replace(/<[^>]+>/g, '').trim();
    const buttons = [...html.matchAll(/<button\b[^>]*>(.*?)<\/button>/g)].map((m) =>
      text(m[1] ?? ''),
    );
    assert.deepEqual(buttons, ['Send Again', 'Copy as Curl Command', 'Renew Token and Retry']);
    const headings = [...html.matchAll(/<h([1-6])\b[^>]*>(.*?)<\/h\1>/g)].map((m) =>
      text(m[2] ?? ''),
    );
    assert.deepEqual(headings, ['4010000 AUTHORIZATION_FAIL', 'Body']);
    assert.match(html, /<div class="toolbar" role="toolbar" aria-label="Response actions">/);
    assert.match(html, /<table class="headers" aria-label="Response headers">/);
    assert.match(html, /<table class="headers" aria-label="Request headers">/);
    assert.match(
      html,
      /<section class="section body" aria-labelledby="body-heading">\n<h3 id="body-heading">Body<\/h3>/,
    );
    assert.match(
      html,
      /<pre class="code json" tabindex="0">/,
      'the body can be scrolled from the keyboard',
    );
    for (const summary of html.matchAll(/<summary>(.*?)<\/summary>/g))
      assert.ok(text(summary[1] ?? ''), 'every summary has words');
  });
});

describe('the error box of the response view', () => {
  it("shows KME's `data` as Knox's detail, the name once and no backticks", () => {
    const box = errorBox(
      400,
      '{"errorId":"e-1","code":4000000,"message":"RESOURCE_INVALID_PARAM","data":"deviceList[0].imei must not be empty"}',
      KME_LIST,
    );
    assert.match(box, /Knox says:<\/strong> deviceList\[0\]\.imei must not be empty/);
    assert.equal(box.match(/RESOURCE_INVALID_PARAM/g)?.length, 1);
    assert.ok(!box.includes('`'), box);
    assert.doesNotMatch(box, /Read <code>data<\/code>/);
  });

  it("shows Knox Guard's `reason` and KAI's structured detail", () => {
    const guard = errorBox(
      400,
      '{"result":"FAIL","error":{"code":4000000,"message":"RESOURCE_INVALID_PARAM","reason":"approveId is required"}}',
      KG_LIST,
    );
    assert.match(guard, /Knox says:<\/strong> approveId is required/);
    assert.equal(guard.match(/RESOURCE_INVALID_PARAM/g)?.length, 1);
    const kai = errorBox(
      400,
      '{"result":"FAIL","error":{"code":4000000,"message":"RESOURCE_INVALID_PARAM","reason":{"field":"pageSize","max":100}}}',
      { method: 'POST', path: '/kai/v1/devices/getDevices' },
    );
    assert.match(
      kai,
      /Knox says:<\/strong> \{&quot;field&quot;:&quot;pageSize&quot;,&quot;max&quot;:100\}/,
    );
  });

  it("shows E-FOTA's `errorMessage` under its errorKey", () => {
    const box = errorBox(
      400,
      '{"errorKey":"INVALID_CAMPAIGN","errorMessage":"The campaign 12 is already started."}',
      { method: 'POST', path: '/ke/v1/campaigns/list' },
    );
    assert.match(box, /<h2>INVALID_CAMPAIGN<\/h2>/);
    assert.match(box, /The campaign 12 is already started\./);
    assert.equal(box.match(/INVALID_CAMPAIGN/g)?.length, 1);
  });

  it('names an expired token once', () => {
    const box = errorBox(
      401,
      '{"errorId":"e-2","code":4032251,"message":"ACCESS_TOKEN_EXPIRED"}',
      KME_LIST,
    );
    assert.equal(box.match(/ACCESS_TOKEN_EXPIRED/g)?.length, 1);
    assert.doesNotMatch(box, /class="message"/);
  });
});

describe('highlightJson', () => {
  it('marks keys, strings, numbers and literals and escapes the rest', () => {
    assert.equal(
      highlightJson('{\n  "a": "<b>",\n  "n": -1.5e3,\n  "ok": true\n}'),
      '{\n  <span class="key">&quot;a&quot;</span>: <span class="str">&quot;&lt;b&gt;&quot;</span>,\n  <span class="key">&quot;n&quot;</span>: <span class="num">-1.5e3</span>,\n  <span class="key">&quot;ok&quot;</span>: <span class="lit">true</span>\n}',
    );
    assert.equal(escapeHtml(`'"&`), '&#39;&quot;&amp;');
  });
});

describe('response view title and Open Full Body', () => {
  it('titles an unnamed request by method and path, never the query', () => {
    const unnamed = { status: 200, name: undefined, method: 'GET' };
    assert.equal(
      responseTitle({ ...unnamed, url: 'https://h.example/kcs/v1/kme/devices/list?pageNum=0' }),
      'Knox: 200 GET /kcs/v1/kme/devices/list',
    );
    assert.equal(responseTitle({ ...unnamed, url: '/relative?x=1' }), 'Knox: 200 GET /relative');
    assert.equal(
      responseTitle({ ...unnamed, name: 'devices', url: 'https://h.example/x' }),
      'Knox: 200 devices',
    );
  });

  it('offers Open Full Body only for a cut preview or a body of 64 KB and more', () => {
    assert.equal(offersFullBody(4_800, false), false);
    assert.equal(offersFullBody(64 * 1024, false), true);
    assert.equal(offersFullBody(100, true), true);
  });
});
