import * as assert from 'node:assert/strict';
import { screenshotPath } from '../host/codeServer';
import { openKnoxWorkbench, runFromPalette } from '../helpers/workbench';
import type { UiSession } from '../helpers/workbench';

describe('the Knox explorer tree (Playwright)', function () {
  let ui: UiSession;

  before(async () => {
    ui = await openKnoxWorkbench({ settings: { 'knox.sandbox.services': ['kme', 'kdp'] } });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await ui.page.screenshot({ path: screenshotPath('failed-explorer') });
  });
  after(async () => {
    await ui?.close();
  });

  it('shows a profile, its key file, two client identifiers and a ticking token', async () => {
    const { page } = ui;
    await page.locator('.activitybar .action-item a[aria-label="Knox"]').click();
    await runFromPalette(page, 'Knox: Connect to Local Sandbox');
    const tree = page.locator('.sidebar .monaco-list-row');
    /** Expands the group `label` until `child` shows (a group may first render collapsed). */
    const expand = async (label: string, child: string): Promise<void> => {
      const row = tree.filter({ hasText: label }).first();
      await row.waitFor({ state: 'visible', timeout: 60_000 });
      for (let i = 0; i < 20; i++) {
        if (await tree.filter({ hasText: child }).first().isVisible()) return;
        if ((await row.getAttribute('aria-expanded')) !== 'true')
          await row.locator('.monaco-tl-twistie').click();
        await page.waitForTimeout(500);
      }
      await tree.filter({ hasText: child }).first().waitFor({ state: 'visible', timeout: 5_000 });
    };
    await expand('Client Identifiers', 'KDP');

    await runFromPalette(page, 'Knox: Generate Access Token');
    // Three profiles, one active: no profile pick. Two client identifiers: the command asks
    // which one, by alias and service name; take the first (KME).
    const pick = page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Knox Mobile Enrollment' })
      .first();
    await pick.waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await expand('Tokens', 'left');
    const token = tree.filter({ hasText: /^KME\s*\d+:\d\d left/ }).first();
    await token.waitFor({ state: 'visible', timeout: 60_000 });

    const texts = await tree.allInnerTexts();
    const flat = texts.map((t) => t.replace(/\s+/g, ' ').trim());
    assert.ok(
      flat.some((t) => t.startsWith('Sandbox ') && t.includes('legacy')) ||
        flat.some((t) => t.startsWith('Sandbox')),
      `profile row: ${flat.join(' | ')}`,
    );
    assert.ok(
      flat.some((t) => /^Key [0-9A-F]{2}:[0-9A-F]{2}…[0-9A-F]{2}:[0-9A-F]{2}\s*RSA-2048$/.test(t)),
      `key file row: ${flat.join(' | ')}`,
    );
    assert.ok(
      flat.some((t) => t.startsWith('KME') && t.includes('…')),
      `KME row: ${flat.join(' | ')}`,
    );
    assert.ok(
      flat.some((t) => t.startsWith('KDP') && t.includes('…')),
      `KDP row: ${flat.join(' | ')}`,
    );
    const first = (await token.innerText()).replace(/\s+/g, ' ');
    assert.match(first, /^KME\s*\d+:\d\d left$/);
    await page.waitForTimeout(2200);
    const second = (await token.innerText()).replace(/\s+/g, ' ');
    assert.notEqual(second, first, 'the countdown ticks');
    await page.screenshot({ path: screenshotPath('knox-explorer-tree') });
  });
});
