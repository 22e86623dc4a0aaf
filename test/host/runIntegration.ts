// `npm run test:integration`: runs test/integration inside the extension host of a real
// VS Code 1.100.3 (code-server), opened in headless Chromium. Prints mocha's report as it
// arrives and exits non-zero on any failure, crash or timeout.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestHost, openWorkbench, repoRoot, startCodeServer } from './codeServer';
import type { CodeServer, Workbench } from './codeServer';

/** The id of the stand-in for REST Client / httpYac that the integration host installs. */
const FAKE_HTTP_EXTENSION = 'knox-test.fake-http-client';

/**
 * Writes a declarative extension that claims the `http` language the way REST Client and httpYac
 * do (id `http`, `.http`/`.rest`, comment configuration, its own `source.http` grammar), so the
 * suite checks that ours coexists with one of them; the real ones cannot be installed offline.
 */
function writeFakeHttpExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'knox-fake-http-'));
  const [publisher, name] = FAKE_HTTP_EXTENSION.split('.');
  const write = (file: string, value: unknown): void => {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), JSON.stringify(value, null, 2));
  };
  write('package.json', {
    name,
    publisher,
    version: '0.0.1',
    engines: { vscode: '^1.60.0' },
    contributes: {
      languages: [
        {
          id: 'http',
          aliases: ['HTTP', 'Http', 'http'],
          extensions: ['.http', '.rest'],
          firstLine: '^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) ',
          configuration: './language-configuration.json',
        },
      ],
      grammars: [
        { language: 'http', scopeName: 'source.http', path: './syntaxes/http.tmLanguage.json' },
      ],
      // REST Client's keys (humao.rest-client 0.25): Send, Rerun, Cancel, History, Environment, Code.
      keybindings: (
        [
          ['request', 'r'],
          ['rerun-last-request', 'l'],
          ['cancel-request', 'k'],
          ['history', 'h'],
          ['switch-environment', 'e'],
          ['generate-codesnippet', 'c'],
        ] as const
      ).map(([command, key]) => ({
        command: `rest-client.${command}`,
        key: `ctrl+alt+${key}`,
        mac: `cmd+alt+${key}`,
        when: "editorTextFocus && editorLangId == 'http'",
      })),
    },
  });
  write('language-configuration.json', {
    comments: { lineComment: '#' },
    brackets: [
      ['{', '}'],
      ['[', ']'],
    ],
  });
  write('syntaxes/http.tmLanguage.json', {
    scopeName: 'source.http',
    patterns: [{ match: '^#.*$', name: 'comment.line.fake-http' }],
  });
  return dir;
}

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
  const fakeHttpExtension = writeFakeHttpExtension();
  try {
    server = await startCodeServer({
      fixture: join(repoRoot, 'test', 'fixtures', 'workspace'),
      installExtensions: [fakeHttpExtension],
      env: {
        KNOX_TEST_FAKE_HTTP_EXTENSION: FAKE_HTTP_EXTENSION,
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
    rmSync(fakeHttpExtension, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`integration: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
