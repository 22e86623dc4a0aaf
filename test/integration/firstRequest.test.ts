import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Sandbox } from '../../src/sandbox/sandbox';
import type { SendSummary } from '../../src/vscode/runner/requestRunner';
import type { KnoxTestApi } from '../helpers/extension';
import { activateKnox, connectOwnSandbox, until } from '../helpers/extension';
import type { OwnSandbox } from '../helpers/extension';
import type { ConnectedSandbox } from '../../src/vscode/sandbox/sandboxConnection';

interface Opened {
  uri: string;
  line: number;
}

async function lensTitles(uri: vscode.Uri, line: number, want: RegExp): Promise<string[]> {
  return until(`a CodeLens matching ${String(want)} on line ${line}`, async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      uri,
      100,
    );
    const titles = lenses
      .filter((l) => l.range.start.line === line)
      .map((l) => l.command?.title ?? '');
    return titles.some((t) => want.test(t)) ? titles : undefined;
  });
}

async function openHttp(content: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language: 'http', content });
  await vscode.window.showTextDocument(document);
  return document;
}

const requestLines = (document: vscode.TextDocument): number[] =>
  document
    .getText()
    .split('\n')
    .flatMap((l, i) => (/^(GET|POST|PUT|DELETE) /.test(l) ? [i] : []));

// Issue 15: the first request in three steps, the request templates, and the profile rules.
describe('Knox first request: sample requests, templates and the @knox profile', function () {
  this.timeout(120_000);
  let api: KnoxTestApi;
  let sandbox: Sandbox;
  let connected: ConnectedSandbox;
  let own: OwnSandbox | undefined;

  before(async () => {
    api = await activateKnox();
    own = await connectOwnSandbox('knox-first-');
    ({ sandbox, connected } = own);
  });

  after(async () => {
    await own?.release();
  });

  it('opens the sample requests and sends the first one, minting the token on the way', async () => {
    assert.deepEqual(api.tokens.tokens(connected.legacyProfileId), [], 'no token before');
    const opened = await vscode.commands.executeCommand<Opened>('knox.openSampleRequests');
    const document = vscode.window.activeTextEditor?.document;
    assert.ok(document && document.uri.toString() === opened.uri);
    assert.equal(document.languageId, 'http');
    assert.equal(document.isUntitled, true);
    const text = document.getText();
    assert.match(text, /^# @knox profile=Sandbox$/m);
    assert.equal(
      document.lineAt(opened.line).text,
      'GET /kcs/v1/kme/devices/list?pageNum=0&pageSize=10',
    );

    // The file-level profile applies to every request, and the CodeLens says so.
    for (const line of requestLines(document))
      assert.ok((await lensTitles(document.uri, line, /^profile: /)).includes('profile: Sandbox'));

    sandbox.clearRequests();
    const summary = await vscode.commands.executeCommand<SendSummary>('knox.sendRequest', {
      uri: opened.uri,
      line: opened.line,
    });
    assert.equal(summary.status, 200);
    assert.match(summary.bodyPreview, /"deviceList"/);
    assert.deepEqual(
      sandbox.recentRequests().map((r) => r.path),
      ['/ams/v1/users/accesstoken', '/kcs/v1/kme/devices/list'],
    );
  });

  it('reads a profile name with spaces and refuses Knox Guard with an OAuth profile, minting nothing', async () => {
    const document = await openHttp(
      '# @knox profile=Sandbox OAuth\n\n### Guard\nPOST /kcs/v1.1/kg/devices/list\nContent-Type: application/json\n\n{}\n',
    );
    const [line = -1] = requestLines(document);
    assert.ok(
      (await lensTitles(document.uri, line, /^profile: /)).includes('profile: Sandbox OAuth'),
    );
    sandbox.clearRequests();
    const failures: string[] = [];
    const listening = api.onDidFailCommand((f) => failures.push(f.message));
    const refused = await vscode.commands.executeCommand<SendSummary | undefined>(
      'knox.sendRequest',
      { uri: document.uri.toString(), line },
    );
    listening.dispose();
    assert.equal(refused, undefined, 'not sent');
    assert.deepEqual(failures, [], 'a warning offers a key-file profile instead of an error');
    assert.deepEqual(sandbox.recentRequests(), [], 'no token minted, no request sent');

    // The offer's pick resends with the key-file profile.
    const summary = await vscode.commands.executeCommand<SendSummary>('knox.sendRequest', {
      uri: document.uri.toString(),
      line,
      profileId: connected.legacyProfileId,
    });
    assert.equal(summary.status, 200);
    assert.ok(sandbox.recentRequests().some((r) => r.path === '/kcs/v1.1/kg/devices/list'));
  });

  it('inserts an endpoint template with New Request... and hints the nearest endpoint for a typo', async () => {
    const document = await openHttp('# @knox profile=Sandbox\n\nPOST /kcs/v1/kgs/devices/list\n');
    const opened = await vscode.commands.executeCommand<Opened>('knox.newRequest', {
      method: 'POST',
      path: '/kcs/v1/kme/profiles/create',
    });
    assert.equal(opened.uri, document.uri.toString());
    assert.equal(document.lineAt(opened.line).text, 'POST /kcs/v1/kme/profiles/create');
    assert.equal(document.lineAt(opened.line - 1).text, '### Create a KME profile');
    assert.equal(document.lineAt(opened.line + 1).text, 'Content-Type: application/json');
    assert.match(document.getText(), /"profileName": "Sandbox profile"/);
    const summary = await vscode.commands.executeCommand<SendSummary>('knox.sendRequest', {
      uri: opened.uri,
      line: opened.line,
    });
    assert.equal(summary.status, 200);

    const hint = await until('the nearest-endpoint hint', () =>
      vscode.languages
        .getDiagnostics(document.uri)
        .find((d) => d.message.includes('Did you mean POST /kcs/v1.1/kg/devices/list')),
    );
    assert.equal(hint.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(hint.range.start.line, 2);
  });

  it('completes an endpoint with its template, body included on an empty request', async () => {
    const document = await openHttp('PUT ');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      new vscode.Position(0, 4),
    );
    const item = list.items.find(
      (i) =>
        (typeof i.label === 'string' ? i.label : i.label.label) ===
        '/kcs/v1/kme/profiles/{profileId}',
    );
    assert.ok(item, 'the endpoint is offered');
    const snippet = item.insertText instanceof vscode.SnippetString ? item.insertText.value : '';
    assert.match(
      snippet,
      /^\/kcs\/v1\/kme\/profiles\/\$\{1:1000001\}\nContent-Type: application\/json\n\n\{/,
    );
  });

  it("generates the active profile's token without asking which profile, from the empty Tokens row too", async () => {
    await vscode.commands.executeCommand('knox.selectProfile', {
      profileId: connected.oauthProfileId,
    });
    try {
      await api.tokens.clear(connected.oauthProfileId);
      const profileNode = api.explorer
        .getChildren()
        .find((n) => n.type === 'profile' && n.profile.id === connected.oauthProfileId);
      assert.ok(profileNode);
      const tokensNode = api.explorer.getChildren(profileNode).find((n) => n.type === 'tokens');
      assert.ok(tokensNode);
      const empty = api.explorer.getTreeItem(tokensNode);
      assert.equal(empty.command?.command, 'knox.generateAccessToken');
      assert.deepEqual(empty.command?.arguments, [{ profileId: connected.oauthProfileId }]);
      assert.equal(empty.accessibilityInformation?.label, 'Tokens, none: generate one');
      // Three sandbox profiles, no argument: the active one, no pick.
      const result = await vscode.commands.executeCommand<{ kind: string }>(
        'knox.generateAccessToken',
      );
      assert.equal(result.kind, 'oauth');
    } finally {
      await vscode.commands.executeCommand('knox.selectProfile', {
        profileId: connected.legacyProfileId,
      });
    }
  });

  it('inspects a token in a read-only document that never asks to be saved', async () => {
    await vscode.commands.executeCommand('knox.generateAccessToken', {
      profileId: connected.legacyProfileId,
      credential: 'KDP',
    });
    const report = await vscode.commands.executeCommand<string>('knox.inspectToken', {
      profileId: connected.legacyProfileId,
      credential: 'KDP',
    });
    const document = vscode.window.activeTextEditor?.document;
    assert.ok(document);
    assert.equal(document.uri.scheme, 'knox-token');
    assert.equal(document.languageId, 'markdown');
    assert.equal(document.isUntitled, false);
    assert.equal(document.getText(), report);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('binds Send Request to Ctrl+Alt+U, a key neither a default VS Code binding nor REST Client (installed here) uses', async () => {
    await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
    const text = await until('the default keybindings', () => {
      const doc = vscode.window.activeTextEditor?.document;
      return doc && doc.getText().includes('"key":') ? doc.getText() : undefined;
    });
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const boundTo = (key: string): string[] =>
      [...text.matchAll(new RegExp(`"key":\\s*"${key}",\\s*"command":\\s*"([^"]+)"`, 'g'))].map(
        (m) => m[1] ?? '',
      );
    assert.deepEqual(boundTo('ctrl\\+alt\\+u'), ['knox.sendRequest']);
    // The stand-in brings REST Client's keys: Ctrl+Alt+K is its Cancel Request, R its Send Request.
    assert.deepEqual(boundTo('ctrl\\+alt\\+k'), ['rest-client.cancel-request']);
    assert.ok(boundTo('ctrl\\+alt\\+r').includes('rest-client.request'));
    assert.ok(!boundTo('ctrl\\+alt\\+r').some((c) => c.startsWith('knox.')));
  });
});
