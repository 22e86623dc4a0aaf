// Runs inside VS Code's extension host (as `extensionTestsPath`): activates a minimal baseline
// extension and then Knox API Toolkit, timing each activate() (module load included), and
// writes the figures to KNOX_BENCH_RESULT.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

async function time(id: string): Promise<number> {
  const ext = vscode.extensions.getExtension(id);
  if (!ext) throw new Error(`extension ${id} is not loaded`);
  if (ext.isActive)
    throw new Error(`extension ${id} is already active: the measurement would be void`);
  const t0 = performance.now();
  await ext.activate();
  return performance.now() - t0;
}

export async function run(): Promise<void> {
  const result: Record<string, unknown> = { vscode: vscode.version };
  try {
    await time('knox-bench.warmup');
    result.baselineMs = await time('knox-bench.baseline');
    result.knoxMs = await time('knox-api-toolkit.knox-api-toolkit');
  } catch (e) {
    result.error = e instanceof Error ? e.message : String(e);
  }
  writeFileSync(process.env.KNOX_BENCH_RESULT ?? '/dev/null', JSON.stringify(result));
}
