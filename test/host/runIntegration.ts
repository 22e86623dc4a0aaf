// `npm run test:integration`: runs test/integration inside the extension host of a real
// VS Code 1.100.3 (code-server), opened in headless Chromium. Prints mocha's report as it
// arrives and exits non-zero on any failure, crash or timeout.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTestHost, openWorkbench, repoRoot, startCodeServer } from './codeServer';
import type { CodeServer, Workbench } from './codeServer';

const TIMEOUT_MS = Number(process.env.KNOX_TEST_TIMEOUT_MS ?? 15 * 60_000);

async function main(): Promise<number> {
  const { chromium } = ensureTestHost();
  const stamp = `${process.pid}-${Date.now()}`;
  const report = join(repoRoot, 'out', `integration-report-${stamp}.txt`);
  const summary =
    process.env.KNOX_TEST_SUMMARY ?? join(repoRoot, 'out', `integration-summary-${stamp}.json`);
  writeFileSync(report, '');
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  try {
    server = await startCodeServer({
      fixture: join(repoRoot, 'test', 'fixtures', 'workspace'),
      env: {
        KNOX_TEST_REPORT: report,
        KNOX_TEST_SUMMARY: summary,
        KNOX_EXPECT_VSCODE: '1.100.3',
        ...(process.env.KNOX_TEST_GREP ? { KNOX_TEST_GREP: process.env.KNOX_TEST_GREP } : {}),
      },
    });
    const entry = join(repoRoot, 'out', 'test', 'integration', 'index.js');
    workbench = await openWorkbench(
      server.workbenchUrl(server.extensionDevelopmentPayload(entry)),
      chromium,
    );
    const deadline = Date.now() + TIMEOUT_MS;
    let printed = 0;
    const flush = (): void => {
      const text = readFileSync(report, 'utf8');
      if (text.length > printed) process.stdout.write(text.slice(printed));
      printed = text.length;
    };
    while (!existsSync(summary)) {
      flush();
      if (Date.now() > deadline) {
        process.stderr.write(
          `integration: no result within ${TIMEOUT_MS / 1000} s. code-server log:\n${server.logs()}\n`,
        );
        return 1;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    flush();
    const result = JSON.parse(readFileSync(summary, 'utf8')) as { failed: number; passed: number };
    if (result.passed + result.failed === 0) {
      process.stderr.write('integration: no test ran\n');
      return 1;
    }
    return result.failed === 0 ? 0 : 1;
  } finally {
    await workbench?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`integration: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
