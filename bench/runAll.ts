// `npm run bench`: every benchmark, one after the other (they share two cores, so never at
// once). Each prints its figures as ratios against a baseline measured in the same run.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const BENCHES = [
  [
    'signing',
    'tokens signed per second: engine vs knox-token-library-js vs one bare RS512 signature',
  ],
  ['errorCodes', 'hover cost on a 50 MB log, diagnostics on a 5 MB body'],
  ['runner', 'request runner overhead over a bare fetch; one mint for 200 concurrent stale sends'],
  [
    'activation',
    'activation time in a real VS Code extension host against a one-command extension',
  ],
] as const;

let failed = 0;
const only = process.argv.slice(2);
for (const [name, what] of BENCHES) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n=== ${name}: ${what} ===`);
  const r = spawnSync(process.execPath, [join(__dirname, `${name}.js`)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`${name}: the benchmark itself failed (exit ${r.status ?? r.signal})`);
  }
}
process.exit(failed ? 1 : 0);
