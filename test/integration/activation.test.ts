import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateKnox } from '../helpers/extension';
import { ExtensionId } from '../../src/vscode/ids';

interface Manifest {
  contributes: { commands: Array<{ command: string; category?: string }> };
}

describe('extension in a real VS Code', () => {
  const activeAtLoad = vscode.extensions.getExtension(ExtensionId)?.isActive;

  it(`runs in VS Code ${vscode.version} (remote: ${vscode.env.remoteName ?? 'none'})`, () => {
    assert.match(vscode.version, /^1\.1\d\d\.\d+/);
    if (process.env.KNOX_EXPECT_VSCODE)
      assert.equal(vscode.version, process.env.KNOX_EXPECT_VSCODE);
  });

  it('is not active before anything asks for it, and activates on demand', async () => {
    const ext = vscode.extensions.getExtension(ExtensionId);
    assert.ok(ext, 'extension is loaded');
    assert.equal(activeAtLoad, false, 'activation is lazy: nothing should have activated it yet');
    const api = await activateKnox();
    assert.equal(ext.isActive, true);
    assert.equal(typeof api.onDidFailCommand, 'function');
  });

  it('registers every contributed command', async () => {
    await activateKnox();
    const ext = vscode.extensions.getExtension(ExtensionId);
    const manifest = ext?.packageJSON as Manifest;
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.ok(contributed.length > 0);
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
    for (const c of manifest.contributes.commands) assert.equal(c.category, 'Knox', c.command);
  });
});
