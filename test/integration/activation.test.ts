import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KnoxExtensionApi } from '../../src/extension';
import { executeCommand } from '../../src/vscode/registerCommand';
import { Commands, ExtensionId } from '../../src/vscode/ids';
import { activateKnox } from '../helpers/extension';

interface Manifest {
  contributes: { commands: Array<{ command: string; category?: string }> };
}

async function entryOnly(): Promise<KnoxExtensionApi> {
  const ext = vscode.extensions.getExtension<KnoxExtensionApi>(ExtensionId);
  assert.ok(ext, 'extension is loaded');
  return ext.activate();
}

describe('extension in a real VS Code', () => {
  it(`runs in VS Code ${vscode.version} (remote: ${vscode.env.remoteName ?? 'none'})`, () => {
    assert.match(vscode.version, /^1\.1\d\d\.\d+/);
    if (process.env.KNOX_EXPECT_VSCODE)
      assert.equal(vscode.version, process.env.KNOX_EXPECT_VSCODE);
  });

  // Runs first: no other suite has loaded a feature yet.
  it('activates with the entry alone: no feature chunk until a command needs one', async () => {
    const api = await entryOnly();
    assert.deepEqual(api.loadedChunks(), [], 'activation loads no feature chunk');
    await executeCommand(Commands.showLog);
    assert.deepEqual(api.loadedChunks(), [], 'a command of the entry loads nothing');
    const entry = await executeCommand(Commands.explainErrorCode, { code: 4032251, show: false });
    assert.equal(entry?.name, 'ACCESS_TOKEN_EXPIRED');
    assert.deepEqual(api.loadedChunks(), ['errorCodes']);
    await executeCommand(Commands.refreshExplorer);
    assert.deepEqual(api.loadedChunks(), ['errorCodes', 'credentials']);
    await executeCommand(Commands.clearHistory);
    assert.deepEqual(api.loadedChunks(), ['errorCodes', 'credentials', 'runner']);
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
