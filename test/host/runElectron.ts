// `npm run test:electron`: the same integration suite under @vscode/test-electron, for machines
// that can download VS Code (not these CI machines: see CONTRIBUTING.md).
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from './codeServer';

async function main(): Promise<void> {
  await runTests({
    version: process.env.KNOX_VSCODE_VERSION ?? '1.100.3',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: join(repoRoot, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [
      join(repoRoot, 'test', 'fixtures', 'workspace'),
      '--disable-extensions',
      '--disable-workspace-trust',
    ],
    extensionTestsEnv: { KNOX_TEST_REPORT: join(repoRoot, 'out', 'electron-report.txt') },
  });
}

main().catch((e: unknown) => {
  process.stderr.write(`test:electron: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
