import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { screenshotPath } from '../host/codeServer';
import { openKnoxWorkbench, runFromPalette } from '../helpers/workbench';
import type { UiSession } from '../helpers/workbench';

/** The words a screen reader or an eye gets: punctuation between them is no word. */
function words(text: string): string[] {
  return text.replace(/[·,]/g, ' ').split(/\s+/).filter(Boolean);
}

describe('Set Up OAuth App, its scope picker and Inspect Token (Playwright)', function () {
  let ui: UiSession;

  before(async () => {
    ui = await openKnoxWorkbench({ settings: { 'knox.sandbox.services': ['kme', 'kdp'] } });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await ui.page.screenshot({ path: screenshotPath('failed-oauth-set-up') });
  });
  after(async () => {
    await ui?.close();
  });

  const toast = (text: string | RegExp): Locator =>
    ui.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();

  it('sets up the sandbox OAuth app from read-only scopes and ends with Generate Access Token', async () => {
    const { page } = ui;
    const knox = page.locator('.activitybar .action-item a[aria-label="Knox"]');
    await knox.waitFor({ state: 'visible', timeout: 60_000 });
    await knox.click();
    await runFromPalette(page, 'Knox: Connect to Local Sandbox');
    const connected = toast('use the local sandbox');
    await connected.waitFor({ state: 'visible', timeout: 60_000 });
    // The "connected" notification's next steps are buttons, not words to look for.
    assert.deepEqual(await connected.locator('.monaco-button').allInnerTexts(), [
      'Open Sample Requests',
      'Generate Access Token',
    ]);

    await runFromPalette(page, 'Knox: Set Up OAuth App');
    // Three sandbox profiles, one of them OAuth: no profile to choose, the client id comes first.
    const widget = page.locator('.quick-input-widget');
    await widget
      .locator('.quick-input-title', { hasText: 'OAuth client id' })
      .waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.press('Enter');
    await widget
      .locator('.quick-input-title', { hasText: 'OAuth client secret' })
      .waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await widget
      .locator('.quick-input-title', { hasText: 'Scopes "Sandbox OAuth" requests' })
      .waitFor({ state: 'visible' });
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor({ state: 'visible' });
    await page.waitForTimeout(500);
    await page.screenshot({ path: screenshotPath('scope-picker') });

    const first = rows.first();
    assert.match(await first.innerText(), /Ticked: read-only scopes of KAI, KC, KDP, KE, KME$/m);
    const visible = await rows.evaluateAll((els) =>
      els.map((el) => ({
        text: (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim(),
        checked: el.getAttribute('aria-checked'),
      })),
    );
    const scopeRows = visible.filter((r) => r.checked !== null);
    assert.ok(scopeRows.length >= 5, JSON.stringify(visible));
    // The first rows on screen are ticked, each named with its service and Samsung's words.
    assert.ok(
      scopeRows.slice(0, 5).every((r) => r.checked === 'true'),
      JSON.stringify(scopeRows.slice(0, 5)),
    );
    assert.ok(
      scopeRows.some(
        (r) =>
          r.text.includes('kai.devices') &&
          r.text.includes('Knox Asset Intelligence') &&
          r.text.includes('View Knox Asset Intelligence device and group information.'),
      ),
      JSON.stringify(scopeRows),
    );
    const count = page.locator('.quick-input-count, .quick-input-check-all-count').first();
    if (await count.isVisible()) assert.match(await count.innerText(), /13/);

    await page.keyboard.press('Enter');
    const done = toast('"Sandbox OAuth" is set up');
    await done.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await done.innerText(), /requesting 13 scopes\./);
    await done.locator('.monaco-button', { hasText: 'Generate Access Token' }).click();
    await toast('new OAuth bearer token for "Sandbox OAuth"').waitFor({
      state: 'visible',
      timeout: 60_000,
    });
  });

  it('Inspect Token: says in one line that nothing holds a token, then opens the only one', async () => {
    const { page } = ui;
    await page
      .locator('.notifications-toasts .codicon-notifications-clear')
      .first()
      .click({
        timeout: 5_000,
      })
      .catch(() => undefined);
    await runFromPalette(page, 'Knox: Inspect Token');
    const none = toast('"Sandbox" holds no token to inspect yet.');
    await none.waitFor({ state: 'visible', timeout: 30_000 });
    await none.locator('.monaco-button', { hasText: 'Generate Access Token' }).click();
    // Two client identifiers: Generate asks which one. Take KDP.
    const kdp = page.locator('.quick-input-list .monaco-list-row', {
      hasText: 'Knox Deployment Program',
    });
    await kdp.first().waitFor({ state: 'visible', timeout: 30_000 });
    await kdp.first().click();
    await toast('new access token for "Sandbox"').waitFor({ state: 'visible', timeout: 60_000 });

    await runFromPalette(page, 'Knox: Inspect Token');
    // Only KDP holds a token: no question, the report opens.
    await page
      .locator('.tabs-container .tab', { hasText: 'Token of Sandbox' })
      .waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await page.locator('.quick-input-widget').isVisible(), false, 'nothing asked');
  });

  it('reads the status bar item aloud with the words it shows', async () => {
    const { page } = ui;
    const item = page.locator('.statusbar-item', { hasText: 'Sandbox' }).first();
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    const shown = await item.innerText();
    const label = await item.evaluate(
      (el) =>
        el.getAttribute('aria-label') ??
        el.querySelector('[aria-label]')?.getAttribute('aria-label') ??
        '',
    );
    assert.deepEqual(words(label), words(shown), `aria-label "${label}", shown "${shown}"`);
  });
});
