import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');

interface Keybinding {
  readonly command: string;
  readonly key: string;
  readonly mac?: string;
  readonly when?: string;
}

interface Reserved {
  readonly vscode: { readonly mac: string[]; readonly linux: string[]; readonly windows: string[] };
  readonly restClient: { readonly key: string[]; readonly mac: string[] };
  readonly httpYac: { readonly key: string[]; readonly mac: string[] };
}

/** `ctrl+alt+u` and `alt+ctrl+u` are one key: modifiers sorted, the key last. */
function normal(key: string): string {
  const parts = key.toLowerCase().split('+');
  const last = parts.pop() ?? '';
  return [...parts.sort(), last].join('+');
}

describe('the Send Request keybinding (package.json)', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    contributes: { keybindings: Keybinding[] };
  };
  const reserved = JSON.parse(
    readFileSync(join(root, 'test', 'fixtures', 'reservedKeybindings.json'), 'utf8'),
  ) as Reserved;
  const send = manifest.contributes.keybindings.filter((k) => k.command === 'knox.sendRequest');

  it('has one binding, with its own key on macOS, in .http and .rest editors only', () => {
    assert.equal(send.length, 1);
    const [binding] = send;
    assert.equal(binding?.key, 'ctrl+alt+u');
    assert.equal(binding?.mac, 'cmd+alt+u');
    assert.equal(
      binding?.when,
      'editorTextFocus && (editorLangId == http || resourceExtname == .http || resourceExtname == .rest)',
    );
  });

  it('collides with no default VS Code binding, nor REST Client’s or httpYac’s, on any platform', () => {
    const [binding] = send;
    assert.ok(binding?.mac);
    const key = normal(binding.key);
    const mac = normal(binding.mac);
    for (const [who, keys] of [
      ['VS Code on Linux', reserved.vscode.linux],
      ['VS Code on Windows', reserved.vscode.windows],
      ['REST Client', reserved.restClient.key],
      ['httpYac', reserved.httpYac.key],
    ] as const)
      assert.ok(!keys.map(normal).includes(key), `${who} binds ${binding.key}`);
    for (const [who, keys] of [
      ['VS Code on macOS', reserved.vscode.mac],
      ['REST Client on macOS', reserved.restClient.mac],
      ['httpYac on macOS', reserved.httpYac.mac],
    ] as const)
      assert.ok(!keys.map(normal).includes(mac), `${who} binds ${binding.mac}`);
    // The data is what the check stands on: REST Client's Cancel Request took the old Ctrl+Alt+K.
    assert.ok(reserved.restClient.key.includes('alt+ctrl+k'));
    assert.ok(reserved.restClient.mac.includes('alt+cmd+r'));
    assert.ok(reserved.vscode.mac.includes('alt+cmd+r'), 'Reveal in Finder');
  });
});
