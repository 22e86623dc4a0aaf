import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { screenshotPath } from '../host/codeServer';
import { openKnoxWorkbench } from '../helpers/workbench';

/** Opens a workspace file through Quick Open (Ctrl+P), by its name. */
async function quickOpen(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: name })
    .first()
    .waitFor({ state: 'visible', timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor({ state: 'visible' });
}

/** The middle of `text` where the editor draws it. */
async function whereIs(page: Page, text: string): Promise<{ x: number; y: number } | undefined> {
  return page.evaluate((wanted) => {
    const walker = document.createTreeWalker(
      document.querySelector('.editor-instance .view-lines') ?? document.body,
      NodeFilter.SHOW_TEXT,
    );
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const box = range.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    }
    return undefined;
  }, text);
}

/** Hovers `code` until a hover shows (the extension may still be activating); its text. */
async function hoverText(page: Page, code: string): Promise<string> {
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Knox' });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const at = await whereIs(page, code);
    if (at) {
      await page.mouse.move(5, 5);
      await page.mouse.move(at.x, at.y);
      try {
        await hover.first().waitFor({ state: 'visible', timeout: 3_000 });
        return (await hover.first().innerText()).replace(/\s+/g, ' ');
      } catch {
        // no hover yet
      }
    }
    if (Date.now() > deadline) throw new Error(`no Knox hover on ${code} within 60 s`);
  }
}

describe('error codes explained in the first file a fresh window opens (Playwright)', () => {
  for (const file of ['app.log', 'notes.txt']) {
    it(`explains 4032251 and AUT_1806 on hover in ${file}, opened first and alone`, async () => {
      const ui = await openKnoxWorkbench();
      try {
        await quickOpen(ui.page, file);
        const expired = await hoverText(ui.page, '4032251');
        assert.match(expired, /ACCESS_TOKEN_EXPIRED/);
        assert.match(expired, /Renew Access Token/);
        await ui.page.screenshot({ path: screenshotPath(`hover-${file.replace('.', '-')}`) });
        const mismatch = await hoverText(ui.page, 'AUT_1806');
        assert.match(mismatch, /client_id does not match code/);
      } finally {
        await ui.close();
      }
    });
  }
});
