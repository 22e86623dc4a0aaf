// The toolkit's `http` language and grammar beside another extension that claims `http` the way
// REST Client and httpYac do. The real ones cannot be installed offline, so the integration
// runner installs a declarative stand-in (test/host/runIntegration.ts, writeFakeHttpExtension).
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { ExtensionId } from '../../src/vscode/ids';
import { activateKnox } from '../helpers/extension';

interface Contributes {
  languages?: Array<{ id: string; configuration?: string }>;
  grammars?: Array<{ language?: string; scopeName: string; injectTo?: string[] }>;
  keybindings?: Array<{ key: string; mac?: string }>;
}
const contributesOf = (ext: vscode.Extension<unknown>): Contributes =>
  (ext.packageJSON as { contributes?: Contributes }).contributes ?? {};

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      uri,
      100,
    );
    const titles = lenses.map((l) => l.command?.title ?? '');
    if (titles.includes('Knox: Send Request') || Date.now() > deadline) return titles;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('http grammar beside a REST Client-like extension', () => {
  const fakeId = process.env.KNOX_TEST_FAKE_HTTP_EXTENSION;
  let dir = '';

  before(async function () {
    // Under @vscode/test-electron (npm run test:electron) no stand-in is installed.
    if (!fakeId) this.skip();
    await activateKnox();
    dir = mkdtempSync(join(tmpdir(), 'knox-coexist-'));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('both extensions are loaded and both contribute the http language', () => {
    const fake = vscode.extensions.getExtension(fakeId ?? '');
    assert.ok(fake, `${fakeId} is not installed in the test host`);
    const ours = vscode.extensions.getExtension(ExtensionId);
    assert.ok(ours);
    for (const ext of [fake, ours])
      assert.ok(
        contributesOf(ext).languages?.some((l) => l.id === 'http'),
        ext.id,
      );
  });

  it('our grammar has its own scope and injects into no one else', () => {
    const all = vscode.extensions.all.flatMap((ext) =>
      (contributesOf(ext).grammars ?? []).map((g) => ({ ext: ext.id, ...g })),
    );
    const ours = all.filter((g) => g.ext === ExtensionId);
    assert.deepEqual(
      ours.map((g) => [g.language, g.scopeName, g.injectTo]),
      [['http', 'source.http.knox', undefined]],
    );
    const others = all.filter((g) => g.ext !== ExtensionId && g.language === 'http');
    assert.ok(others.length > 0, 'the stand-in contributes no http grammar');
    for (const g of others) assert.notEqual(g.scopeName, 'source.http.knox');
    // We bring no language configuration that would fight theirs (comments, brackets).
    assert.ok(
      contributesOf(vscode.extensions.getExtension(ExtensionId)!).languages?.every(
        (l) => l.configuration === undefined,
      ),
    );
  });

  it('our Send Request key is not the one the other http extension binds', () => {
    const bindings = contributesOf(vscode.extensions.getExtension(fakeId ?? '')!).keybindings ?? [];
    const theirs = new Set(bindings.flatMap((k) => [k.key, ...(k.mac ? [k.mac] : [])]));
    assert.ok(theirs.has('ctrl+alt+r') && theirs.has('cmd+alt+r') && theirs.has('ctrl+alt+k'));
    for (const k of contributesOf(vscode.extensions.getExtension(ExtensionId)!).keybindings ?? []) {
      assert.ok(!theirs.has(k.key), `${k.key} collides`);
      assert.ok(k.mac && !theirs.has(k.mac), `${k.mac ?? 'no macOS key'} collides`);
    }
  });

  it('.http and .rest files open as http and get the Knox CodeLens', async () => {
    const languages = await vscode.languages.getLanguages();
    assert.equal(languages.filter((l) => l === 'http').length, 1);
    for (const ext of ['.http', '.rest']) {
      const file = join(dir, `requests${ext}`);
      writeFileSync(file, '### devices\nGET /kcs/v1/kme/devices/list?pageNum=0\n');
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      await vscode.window.showTextDocument(document);
      assert.equal(document.languageId, 'http', file);
      assert.ok((await lensTitles(document.uri)).includes('Knox: Send Request'), file);
    }
  });
});
