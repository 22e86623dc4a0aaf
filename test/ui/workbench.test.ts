import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, screenshotPath } from '../host/codeServer';
import { openKnoxWorkbench } from '../helpers/workbench';
import type { UiSession } from '../helpers/workbench';

interface Manifest {
  contributes: {
    commands: Array<{ command: string; title: string; category: string }>;
    menus?: { commandPalette?: Array<{ command: string; when?: string }> };
  };
}
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;

describe('the Knox workbench (Playwright on VS Code 1.100.3)', function () {
  let ui: UiSession;

  before(async () => {
    ui = await openKnoxWorkbench();
  });
  after(async () => {
    await ui?.close();
  });

  it('shows the Knox view container in the activity bar, with the welcome actions', async () => {
    const knox = ui.page.locator('.activitybar .action-item a[aria-label="Knox"]');
    await knox.waitFor({ state: 'visible', timeout: 30_000 });
    await knox.click();
    const welcome = ui.page.locator('.welcome-view-content', { hasText: 'Knox Cloud Services' });
    await welcome.waitFor({ state: 'visible', timeout: 30_000 });
    const file = screenshotPath('knox-view-container');
    await ui.page.screenshot({ path: file });
    assert.ok(readFileSync(file).length > 10_000, 'screenshot written');
  });

  it('lists every Knox command in the command palette', async () => {
    await ui.page.keyboard.press('F1');
    const input = ui.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('>Knox: ');
    const rows = ui.page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor({ state: 'visible' });
    // The list is virtualised: scroll through it and collect every label.
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      for (const label of await rows.allInnerTexts()) seen.add(label.split('\n')[0] ?? label);
      await ui.page.keyboard.press('PageDown');
      await ui.page.waitForTimeout(50);
    }
    await ui.page.screenshot({ path: screenshotPath('command-palette') });
    // Before any profile exists, the palette offers only what makes sense then.
    const hidden = new Set(
      (manifest.contributes.menus?.commandPalette ?? [])
        .filter((m) => m.when)
        .map((m) => m.command),
    );
    const expected = manifest.contributes.commands
      .filter((c) => !hidden.has(c.command))
      .map((c) => `${c.category}: ${c.title}`);
    assert.ok(
      expected.includes('Knox: Add Profile') && expected.includes('Knox: Connect to Local Sandbox'),
    );
    const missing = expected.filter((label) => ![...seen].some((s) => s.startsWith(label)));
    assert.deepEqual(
      missing,
      [],
      `not in the palette: ${missing.join(', ')}; saw ${[...seen].join(' | ')}`,
    );
    await ui.page.keyboard.press('Escape');
  });
});
