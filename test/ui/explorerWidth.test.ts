import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { screenshotPath } from '../host/codeServer';
import { openKnoxWorkbench, runFromPalette } from '../helpers/workbench';
import type { UiSession } from '../helpers/workbench';

/** What one rendered tree row shows, and whether any of its label parts is cut. */
interface RowFit {
  readonly text: string;
  readonly rowWidth: number;
  /** The label parts whose content is wider than their box: "name 212>180". */
  readonly cut: readonly string[];
}

/** Measures the rows the tree has rendered now (a list renders only what is on screen). */
function measureRows(page: Page): Promise<RowFit[]> {
  return page.locator('.sidebar .monaco-list-row').evaluateAll((rows) =>
    rows.map((row) => {
      const parts = [
        ['label', '.monaco-icon-label'],
        ['container', '.monaco-icon-label-container'],
        ['name', '.label-name'],
        ['description', '.label-description'],
      ] as const;
      const cut: string[] = [];
      for (const [name, selector] of parts)
        for (const el of Array.from(row.querySelectorAll<HTMLElement>(selector)))
          if (el.scrollWidth > el.clientWidth)
            cut.push(`${name} ${el.scrollWidth}>${el.clientWidth}`);
      return {
        text: ['.label-name', '.label-description']
          .map((selector) => row.querySelector(selector)?.textContent ?? '')
          .filter(Boolean)
          .join(' | '),
        rowWidth: (row as HTMLElement).clientWidth,
        cut,
      };
    }),
  );
}

describe('the Knox explorer at the default sidebar width (Playwright)', function () {
  let ui: UiSession;

  before(async () => {
    // Every sandbox service: eight client identifiers, as a new user gets them.
    ui = await openKnoxWorkbench();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await ui.page.screenshot({ path: screenshotPath('failed-explorer-width') });
  });
  after(async () => {
    await ui?.close();
  });

  it('shows every row of the three sandbox profiles, a token and the OAuth app uncut', async () => {
    const { page } = ui;
    await page.locator('.activitybar .action-item a[aria-label="Knox"]').click();
    await runFromPalette(page, 'Knox: Connect to Local Sandbox');
    const tree = page.locator('.sidebar .monaco-list-row');
    await tree.filter({ hasText: 'Sandbox Partner' }).first().waitFor({ timeout: 60_000 });
    await runFromPalette(page, 'Knox: Generate Access Token');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Knox Mobile Enrollment' })
      .first()
      .waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await tree
      .filter({ hasText: /KME.*left/ })
      .first()
      .waitFor({ timeout: 60_000 });

    const sidebarWidth = await page.locator('.sidebar').evaluate((el) => el.clientWidth);
    assert.ok(
      sidebarWidth >= 280 && sidebarWidth <= 320,
      `the default sidebar is about 300 px wide, not ${sidebarWidth}`,
    );

    const list = page.locator('.sidebar .monaco-list').first();
    /** Scrolls the tree by `dy` pixels; false when it did not move (an end reached). */
    const scroll = async (dy: number): Promise<boolean> => {
      const offset = (): Promise<string> =>
        list.evaluate((el) => el.querySelector('.monaco-list-rows')?.getAttribute('style') ?? '');
      const before = await offset();
      await list.hover();
      await page.mouse.wheel(0, dy);
      // Away from every row, so no row shows its hover actions.
      await page.mouse.move(700, 450);
      await page.waitForTimeout(200);
      return (await offset()) !== before;
    };

    // Expand every collapsed row, top to bottom, scrolling through the virtual list.
    for (let round = 0; round < 200; round++) {
      const collapsed = page.locator('.sidebar .monaco-list-row[aria-expanded="false"]').first();
      if ((await collapsed.count()) === 0) {
        if (!(await scroll(300))) break;
        continue;
      }
      await collapsed.locator('.monaco-tl-twistie').click();
      await page.waitForTimeout(200);
    }
    // Focus leaves the tree, as when the user goes back to the editor.
    await page.locator('.editor-group-container').first().click();
    while (await scroll(-600));
    await page.screenshot({ path: screenshotPath('knox-explorer-default-width') });

    // Each row's inline actions show on hover and on the focused row: leave them room.
    await page.addStyleTag({
      content: '.sidebar .monaco-list-row .actions { display: block !important; }',
    });
    const seen = new Map<string, RowFit>();
    for (let step = 0; step < 50; step++) {
      for (const row of await measureRows(page)) seen.set(row.text, row);
      if (!(await scroll(300))) break;
    }
    const rows = [...seen.values()];
    const texts = rows.map((r) => r.text);
    for (const expected of [
      'Sandbox Partner',
      'Sandbox OAuth',
      'Key ',
      'App ',
      'Samsung Account',
      'kme.devices:view',
      'KME',
    ])
      assert.ok(
        texts.some((t) => t.includes(expected)),
        `a row with "${expected}" among ${texts.join(' | ')}`,
      );
    assert.ok(rows.length > 70, `every node expanded: ${rows.length} rows`);
    const cut = rows.filter((r) => r.cut.length > 0);
    assert.deepEqual(
      cut.map((r) => `${r.text} [${r.cut.join(', ')}]`),
      [],
      `rows cut at ${sidebarWidth} px`,
    );
  });
});
