import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { screenshotPath } from '../host/codeServer';
import { openKnoxWorkbench, runFromPalette } from '../helpers/workbench';
import type { UiSession } from '../helpers/workbench';

/** The page inside the (only) webview: the Knox response view. */
function responseFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}

describe('the first request in three clicks (Playwright)', function () {
  let ui: UiSession;

  before(async () => {
    ui = await openKnoxWorkbench();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await ui.page.screenshot({ path: screenshotPath('failed-first-request') });
  });
  after(async () => {
    await ui?.close();
  });

  it('Connect to Local Sandbox, Open Sample Requests, Knox: Send Request: 200 with the KME devices', async () => {
    const { page } = ui;
    const knox = page.locator('.activitybar .action-item a[aria-label="Knox"]');
    await knox.waitFor({ state: 'visible', timeout: 60_000 });
    await knox.click();
    const clicks: string[] = [];
    const click = async (label: string, target: ReturnType<Page['locator']>): Promise<void> => {
      await target.waitFor({ state: 'visible', timeout: 60_000 });
      await target.click();
      clicks.push(label);
    };

    const connect = page
      .locator('.welcome-view-content .monaco-button', { hasText: 'Connect to Local Sandbox' })
      .first();
    await connect.waitFor({ state: 'visible', timeout: 60_000 });
    const started = Date.now();
    await click('Connect to Local Sandbox', connect);
    await click(
      'Open Sample Requests',
      page.locator('.notifications-toasts .monaco-button', { hasText: 'Open Sample Requests' }),
    );
    await click(
      'Knox: Send Request',
      page.locator('.codelens-decoration a', { hasText: 'Knox: Send Request' }).first(),
    );

    const view = responseFrame(page);
    await view.locator('.status.success', { hasText: '200' }).waitFor({ timeout: 60_000 });
    await view.locator('pre.code', { hasText: 'deviceList' }).waitFor({ timeout: 10_000 });
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `      ${clicks.length} clicks (${clicks.join(' → ')}); ${seconds.toFixed(1)} s from the first click to the response`,
    );

    assert.deepEqual(clicks, [
      'Connect to Local Sandbox',
      'Open Sample Requests',
      'Knox: Send Request',
    ]);
    const body = await view.locator('pre.code').innerText();
    assert.match(body, /"deviceList"/);
    assert.match(body, /"serialNumber": "R58N01\d{5}"/);
    assert.match(await view.locator('.request').innerText(), /GET .*\/kcs\/v1\/kme\/devices\/list/);
    // The tab names the request; the body is one block, not a grey block per line.
    await page
      .locator('.tabs-container .tab', { hasText: 'Knox: 200 List KME devices' })
      .waitFor({ state: 'visible' });
    const codeBackground = await view
      .locator('pre.code code')
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(codeBackground, 'rgba(0, 0, 0, 0)');
    assert.equal(await view.locator('button', { hasText: 'Open Full Body' }).count(), 0);
    // The toolkit's grammar colours the .http document: method, URL and comments differ.
    const requestLine = page
      .locator('.view-lines .view-line', { hasText: 'GET /kcs/v1/kme/devices/list' })
      .first();
    const tokenClasses = await requestLine.evaluate((line) =>
      Array.from(line.querySelectorAll("span[class^='mtk']"), (s) => s.className),
    );
    assert.ok(new Set(tokenClasses).size > 1, `tokens: ${tokenClasses.join(' ')}`);
  });

  it('shows the response view in light, dark and high-contrast themes', async () => {
    const { page } = ui;
    const view = responseFrame(page);
    const rows = page.locator('.quick-input-list .monaco-list-row');
    for (const [theme, workbenchClass, file] of [
      ['Light Modern', 'vs', 'response-view-light'],
      ['Dark Modern', 'vs-dark', 'response-view-dark'],
      ['Dark High Contrast', 'hc-black', 'response-view-high-contrast'],
    ] as const) {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill('>Preferences: Color Theme');
      await rows
        .filter({ hasText: /^Preferences: Color Theme/ })
        .first()
        .click();
      await input.fill(theme);
      await rows
        .filter({ hasText: new RegExp(`^${theme}`) })
        .first()
        .click();
      await page
        .locator(`.monaco-workbench.${workbenchClass}`)
        .waitFor({ state: 'attached', timeout: 30_000 });
      await page.waitForTimeout(1000);
      await view.locator('.status.success').waitFor();
      await page.screenshot({ path: screenshotPath(file) });
    }
  });

  it('explains an error code in a notification: Enter runs no action', async () => {
    const { page } = ui;
    await runFromPalette(page, 'Knox: Explain Error Code');
    const input = page.locator('.quick-input-widget input');
    await input.fill('4032251');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: '4032251' })
      .first()
      .click();
    const toast = page.locator('.notifications-toasts .notification-toast', {
      hasText: 'Knox 4032251',
    });
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1000);
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no modal dialog');
    assert.equal(
      await page
        .locator('.notifications-toasts .notification-toast', {
          hasText: 'Knox: new access token for',
        })
        .count(),
      0,
      'Enter did not run the action',
    );
  });
});
