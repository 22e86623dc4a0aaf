// `npm test`: every layer (unit in Node, integration inside VS Code 1.100.3, UI through
// Playwright), then one closing line "N passed, N failed" that adds them up.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTestHost, repoRoot } from './codeServer';

interface Summary {
  layer: string;
  passed: number;
  failed: number;
  skipped?: number;
  durationMs?: number;
}

const mocha = join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');
const layers: Array<{ name: string; args: string[] }> = [
  { name: 'unit', args: [mocha, '--config', 'test/unit/.mocharc.json'] },
  { name: 'integration', args: [join(repoRoot, 'out', 'test', 'host', 'runIntegration.js')] },
  { name: 'ui', args: [mocha, '--config', 'test/ui/.mocharc.json'] },
];

function main(): number {
  const started = Date.now();
  try {
    ensureTestHost();
  } catch (e) {
    process.stderr.write(`npm test: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const dir = join(repoRoot, 'out', 'summaries');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const only = process.env.KNOX_TEST_LAYERS?.split(',');
  const results: Summary[] = [];
  for (const layer of layers) {
    if (only && !only.includes(layer.name)) continue;
    const summaryFile = join(dir, `${layer.name}.json`);
    process.stdout.write(`\n=== ${layer.name} tests ===\n`);
    const t0 = Date.now();
    const r = spawnSync(process.execPath, layer.args, {
      cwd: repoRoot,
      stdio: 'inherit',
      env: { ...process.env, KNOX_TEST_SUMMARY: summaryFile, KNOX_TEST_LAYER: layer.name },
    });
    if (existsSync(summaryFile)) {
      results.push(JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary);
    } else {
      process.stderr.write(
        `${layer.name}: ended without a result (exit ${r.status ?? r.signal}); counted as 1 failure\n`,
      );
      results.push({ layer: layer.name, passed: 0, failed: 1 });
    }
    results[results.length - 1]!.durationMs = Date.now() - t0;
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  process.stdout.write('\n');
  for (const r of results) {
    process.stdout.write(
      `  ${r.layer.padEnd(12)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  ${((r.durationMs ?? 0) / 1000).toFixed(1)} s\n`,
    );
  }
  process.stdout.write(`  total time ${((Date.now() - started) / 1000).toFixed(1)} s\n\n`);
  if (passed + failed === 0) {
    process.stdout.write('no test ran\n');
    return 1;
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

process.exit(main());
