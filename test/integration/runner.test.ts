import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { KnoxTestApi } from '../helpers/extension';
import type { Sandbox } from '../../src/sandbox/sandbox';
import type { SendSummary } from '../../src/vscode/runner/requestRunner';
import { activateKnox, connectOwnSandbox, until } from '../helpers/extension';
import type { OwnSandbox } from '../helpers/extension';
import type { ConnectedSandbox } from '../../src/vscode/sandbox/sandboxConnection';
import { startLoopback } from '../helpers/loopback';
import { startStreamingServer } from '../helpers/streamingServer';
import { clientIdentifierCredential } from '../../src/core/credentials/credential';

const HISTORY_KEY = 'knox.requestHistory.v1';

function lineOf(document: vscode.TextDocument, name: string): number {
  const index = document
    .getText()
    .split(/\r?\n/)
    .findIndex((l) => l.trim() === `# @name ${name}`);
  assert.ok(index >= 0, `request ${name} is in the fixture`);
  return index + 1;
}

// The extension's sandbox connection uses an external sandbox when KNOX_SANDBOX_URL and
// KNOX_SANDBOX_DIR are set: the test starts one in this process so it can see what the
// sandbox received (recentRequests: header names, never values).
describe('Knox request runner (.http files against the local sandbox)', function () {
  this.timeout(120_000);
  let api: KnoxTestApi;
  let sandbox: Sandbox;
  let connected: ConnectedSandbox;
  let document: vscode.TextDocument;
  let own: OwnSandbox | undefined;

  const send = async (name: string): Promise<SendSummary> =>
    await vscode.commands.executeCommand<SendSummary>('knox.sendRequest', {
      uri: document.uri.toString(),
      name,
    });
  const seen = (path = '/kcs/v1/kme/devices/list') =>
    sandbox.recentRequests().filter((r) => r.path === path);
  const kmeToken = async (): Promise<string | undefined> => {
    const kme = api.profiles
      .require(connected.legacyProfileId)
      .clientIdentifiers.find((c) => c.service === 'kme');
    assert.ok(kme);
    return (await api.tokens.current(connected.legacyProfileId, clientIdentifierCredential(kme.id)))
      ?.value;
  };

  before(async () => {
    api = await activateKnox();
    own = await connectOwnSandbox('knox-runner-');
    ({ sandbox, connected } = own);
    assert.equal(connected.url, sandbox.url);
    await vscode.commands.executeCommand('knox.clearHistory');
    const workspace = process.env.KNOX_TEST_WORKSPACE;
    assert.ok(workspace, 'KNOX_TEST_WORKSPACE is set');
    document = await vscode.workspace.openTextDocument(
      vscode.Uri.file(join(workspace, 'runner-tests.http')),
    );
    await vscode.window.showTextDocument(document);
  });

  after(async () => {
    await own?.release();
  });

  it('puts a CodeLens above each request: Knox: Send Request, the scope and the token state', async () => {
    const lenses = await until('CodeLens', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        document.uri,
        100,
      );
      return found.some((l) => l.command?.title === 'Knox: Send Request') ? found : undefined;
    });
    const send = lenses.filter((l) => l.command?.title === 'Knox: Send Request');
    assert.equal(send.length, 4);
    const devicesLine = lineOf(document, 'devices');
    const onDevices = lenses
      .filter((l) => l.range.start.line === devicesLine)
      .map((l) => l.command?.title);
    assert.ok(onDevices.includes('scope: kme.devices:view'), String(onDevices));
    assert.ok(
      onDevices.some((t) => t === 'no token' || /^token: /.test(t ?? '')),
      String(onDevices),
    );
    assert.deepEqual(send.find((l) => l.range.start.line === devicesLine)?.command?.arguments, [
      { uri: document.uri.toString(), line: devicesLine },
    ]);
  });

  it('sends a request with x-knox-apitoken attached and returns a summary', async () => {
    sandbox.clearRequests();
    const summary = await send('devices');
    assert.equal(summary.status, 200);
    assert.equal(summary.tokenSent, true);
    assert.deepEqual([...summary.headersSent].sort(), ['Accept', 'x-knox-apitoken']);
    assert.match(summary.bodyPreview, /"deviceList"/);
    const [observed] = seen();
    assert.ok(observed, 'the sandbox saw the request');
    assert.equal(observed.hasApiToken, true);
    assert.equal(observed.hasAuthorization, false);
    assert.ok(observed.headerNames.includes('accept'));
    assert.equal(observed.status, 200);

    const lenses = await until('the token CodeLens', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        document.uri,
        100,
      );
      return found.some((l) => /^token: \d+ min$/.test(l.command?.title ?? '')) ? found : undefined;
    });
    assert.ok(lenses.length > 0);
  });

  it('never overrides a token header the user wrote', async () => {
    sandbox.clearRequests();
    const summary = await send('ownHeader');
    assert.equal(summary.tokenSent, false);
    assert.equal(summary.tokenSkipped, 'userHeader');
    assert.equal(summary.status, 403);
    assert.equal(
      summary.errorCode,
      '4032252',
      'the sandbox rejected the hand-written token, not a managed one',
    );
    assert.deepEqual(
      seen().map((r) => [r.hasApiToken, r.status]),
      [[true, 403]],
      'sent once, not retried',
    );
  });

  it('renews an expired token once and sends again (sandbox fault: expire)', async () => {
    const before = await kmeToken();
    assert.ok(before, 'a token is cached from the first request');
    sandbox.clearRequests();
    const summary = await send('expired');
    assert.equal(summary.status, 200);
    assert.equal(summary.retried, 'renewToken');
    assert.deepEqual(
      seen().map((r) => [r.status, r.fault]),
      [
        [403, 'expire'],
        [200, undefined],
      ],
    );
    const after = await kmeToken();
    assert.ok(after && after !== before, 'a new token replaced the refused one');
  });

  it('keeps a redacted history: no token value in globalState, re-opened by id, cleared on demand', async () => {
    const token = await kmeToken();
    assert.ok(token);
    const stored = JSON.stringify(api.globalStateSnapshot()[HISTORY_KEY]);
    assert.ok(stored.includes('/kcs/v1/kme/devices/list'));
    assert.ok(!stored.includes(token), 'the token value is not in the history');
    assert.ok(
      !stored.includes('hand-written-token'),
      "the user's token header value is not in the history",
    );
    const entries = api.globalStateSnapshot()[HISTORY_KEY] as Array<{ id: string; status: number }>;
    assert.equal(entries.length, 3);
    const reopened = await vscode.commands.executeCommand<{ status: number; body: string }>(
      'knox.showHistory',
      { id: entries[0]?.id },
    );
    assert.equal(reopened.status, entries[0]?.status);
    await vscode.commands.executeCommand('knox.clearHistory');
    assert.equal(api.globalStateSnapshot()[HISTORY_KEY], undefined);
  });

  it('copies a curl command with a placeholder, and with the token only when asked', async () => {
    const line = lineOf(document, 'devices');
    const safe = await vscode.commands.executeCommand<string>('knox.copyAsCurl', {
      uri: document.uri.toString(),
      line,
    });
    assert.ok(safe.startsWith(`curl '${sandbox.url}/kcs/v1/kme/devices/list?pageNum=0'`), safe);
    assert.match(safe, /-H 'x-knox-apitoken: '"\$KNOX_API_TOKEN"/);
    const token = await kmeToken();
    assert.ok(token && !safe.includes(token));
    const real = await vscode.commands.executeCommand<string>('knox.copyAsCurlWithToken', {
      uri: document.uri.toString(),
      line,
      acknowledged: true,
    });
    assert.ok(real.includes(`x-knox-apitoken: ${token}`));
  });

  it('warns when the OAuth app lacks the scope, and names the missing scope after the 403', async () => {
    const running = await api.sandbox.ensure();
    const clientSecret = readFileSync(running.credentials.oauthClientSecretFile, 'utf8').trim();
    await vscode.commands.executeCommand('knox.setUpOAuthApp', {
      profileId: connected.oauthProfileId,
      clientId: running.credentials.oauthClientId,
      clientSecret,
      scopes: ['kdp'],
    });
    const oauthLine = lineOf(document, 'oauthDevices');
    const warning = await until('the scope warning', () =>
      vscode.languages
        .getDiagnostics(document.uri)
        .find((d) => d.range.start.line === oauthLine && /kme\.devices:view/.test(d.message)),
    );
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(
      warning.message,
      /The OAuth app of profile "Sandbox OAuth" has no scope for GET \/kcs\/v1\/kme\/devices\/list/,
    );

    const hover = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      new vscode.Position(oauthLine, 2),
    );
    const text = hover
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
      .join('\n');
    assert.match(text, /Knox Mobile Enrollment/);
    assert.match(text, /`kme\.devices:view`: View Knox Mobile Enrollment device information/);

    sandbox.clearRequests();
    const summary = await send('oauthDevices');
    assert.equal(summary.status, 403);
    assert.equal(summary.missingScope, 'kme.devices:view');
    assert.deepEqual(
      summary.errorActions,
      ['Check the OAuth Scopes'],
      "the error box's first button is the scope fix, not a token renewal",
    );
    assert.ok(summary.headersSent.includes('Authorization'));
    assert.equal(seen()[0]?.hasAuthorization, true);

    const bodyUri = vscode.Uri.parse(
      await vscode.commands.executeCommand<string>('knox.openResponseBody', { id: summary.id }),
    );
    assert.equal(bodyUri.scheme, 'knox-response');
    const body = await vscode.workspace.openTextDocument(bodyUri);
    assert.match(body.getText(), /\n {2}"/, 'the full body is pretty-printed');
    const diagnosed = await until('a Knox diagnostic on the response document', () =>
      vscode.languages.getDiagnostics(bodyUri).find((d) => d.source === 'Knox'),
    );
    assert.ok(diagnosed.message.length > 0);
  });

  it('completes Knox endpoint paths after a method', async () => {
    const draft = await vscode.workspace.openTextDocument({
      language: 'http',
      content: 'GET /kcs/v1/kme/dev',
    });
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      draft.uri,
      new vscode.Position(0, 19),
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('/kcs/v1/kme/devices/list'), labels.slice(0, 20).join(', '));
  });

  it('shows a 5 MB body as a preview without sending the token to a foreign host', async () => {
    const big = JSON.stringify({
      deviceList: Array.from({ length: 90_000 }, (_, i) => ({
        deviceId: `R58M${i}`,
        model: 'SM-G991B',
        state: 'Accepted',
      })),
    });
    const server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(big);
    });
    try {
      const draft = await vscode.workspace.openTextDocument({
        language: 'http',
        content: `GET ${server.url}/big\n`,
      });
      const started = Date.now();
      const summary = await vscode.commands.executeCommand<SendSummary>('knox.sendRequest', {
        uri: draft.uri.toString(),
        line: 0,
      });
      assert.ok(Date.now() - started < 15_000);
      assert.equal(summary.status, 200);
      assert.ok(summary.sizeBytes >= 5 * 1024 * 1024);
      assert.equal(summary.truncated, true);
      assert.equal(summary.tokenSent, false);
      assert.equal(summary.tokenSkipped, 'foreignHost');
      assert.equal(server.requests[0]?.headers['x-knox-apitoken'], undefined);
    } finally {
      await server.close();
    }
  });

  it('shows a redirect it did not follow in the response view and the history; the other port gets nothing', async () => {
    const other = await startLoopback((_req, res) => {
      res.end('stolen');
    });
    const server = await startLoopback((_req, res) => {
      res.writeHead(307, { Location: `${other.url}/steal` });
      res.end();
    });
    try {
      const draft = await vscode.workspace.openTextDocument({
        language: 'http',
        content: `GET ${server.url}/kcs/v1/kme/devices/list\nx-knox-apitoken: hand-written-token\n`,
      });
      const summary = await vscode.commands.executeCommand<SendSummary>('knox.sendRequest', {
        uri: draft.uri.toString(),
        line: 0,
      });
      assert.equal(summary.status, 307);
      assert.equal(other.requests.length, 0, 'the other port received nothing');
      const line = `Knox answered 307 to ${other.url}/steal; not followed because the request carries your token (x-knox-apitoken), which goes only to ${server.url}. Check the base URL.`;
      assert.ok(summary.notes.includes(line), summary.notes.join('\n'));
      const reopened = await vscode.commands.executeCommand<{ notes: string[] }>(
        'knox.showHistory',
        { id: summary.id },
      );
      assert.ok(reopened.notes.includes(line), reopened.notes.join('\n'));
    } finally {
      await server.close();
      await other.close();
    }
  });

  it('stops reading a body at knox.requests.maxResponseMB and says so', async () => {
    const config = vscode.workspace.getConfiguration();
    await config.update('knox.requests.maxResponseMB', 1, vscode.ConfigurationTarget.Global);
    const server = await startStreamingServer(64 * 1024 * 1024);
    try {
      const draft = await vscode.workspace.openTextDocument({
        language: 'http',
        content: `GET ${server.url}/big\n`,
      });
      const summary = await vscode.commands.executeCommand<SendSummary>('knox.sendRequest', {
        uri: draft.uri.toString(),
        line: 0,
      });
      assert.equal(summary.status, 200);
      assert.equal(summary.sizeBytes, 1024 * 1024);
      assert.ok(
        summary.notes.includes(
          'The response is longer than the limit: stopped reading at 1 MB (knox.requests.maxResponseMB). Only the first part is shown.',
        ),
        summary.notes.join('\n'),
      );
      assert.ok((await server.written()) < 32 * 1024 * 1024);
    } finally {
      await config.update(
        'knox.requests.maxResponseMB',
        undefined,
        vscode.ConfigurationTarget.Global,
      );
      await server.close();
    }
  });
});
