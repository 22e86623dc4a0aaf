import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ensureTestHost, openWorkbench, repoRoot, startCodeServer } from '../host/codeServer';
import type { CodeServer, Workbench } from '../host/codeServer';

export interface UiSession {
  readonly page: Page;
  readonly server: CodeServer;
  close(): Promise<void>;
}

/** code-server with the extension under development, opened in Chromium, for UI tests. */
export async function openKnoxWorkbench(
  options: { env?: Record<string, string>; settings?: Record<string, unknown> } = {},
): Promise<UiSession> {
  const { chromium } = ensureTestHost();
  const server = await startCodeServer({
    fixture: join(repoRoot, 'test', 'fixtures', 'workspace'),
    ...(options.env ? { env: options.env } : {}),
    ...(options.settings ? { settings: options.settings } : {}),
  });
  let workbench: Workbench;
  try {
    workbench = await openWorkbench(
      server.workbenchUrl(server.extensionDevelopmentPayload()),
      chromium,
    );
  } catch (e) {
    await server.close();
    throw e;
  }
  return {
    page: workbench.page,
    server,
    close: async () => {
      await workbench.close().catch(() => undefined);
      await server.close();
    },
  };
}

/** Runs a command through the command palette (F1), by its visible label. */
export async function runFromPalette(page: Page, label: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${label}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}
