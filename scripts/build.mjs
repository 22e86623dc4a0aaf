// One build for everything: the extension and the command line into dist/, and with --tests
// the unit, integration and UI suites and the benchmarks into out/ (each file its own bundle,
// so ESM-only dependencies such as jose and node-fetch work in plain mocha too).
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const tests = args.has('--tests') || watch;

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  minify: production,
  keepNames: true,
  logLevel: 'warning',
  absWorkingDir: root,
  // jose and node-fetch are bundled; 'vscode' is provided by the extension host.
  external: ['vscode'],
  // node-fetch 3 probes for an optional encoding helper it does not need.
  mainFields: ['module', 'main'],
};

function walk(dir, match) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs).flatMap((name) => {
    const rel = join(dir, name);
    return statSync(join(root, rel)).isDirectory() ? walk(rel, match) : match(rel) ? [rel] : [];
  });
}

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', metafile: true },
];
if (existsSync(join(root, 'src/cli/main.ts'))) {
  builds.push({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  });
}
if (tests) {
  const entries = [
    ...walk('test', (f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.includes('helpers') && !f.includes('fixtures')),
    ...walk('bench', (f) => f.endsWith('.ts')),
    ...walk('scripts', (f) => f.endsWith('.ts')),
  ];
  builds.push({
    ...common,
    entryPoints: entries,
    outdir: 'out',
    outbase: '.',
    external: ['vscode', 'mocha', 'playwright-core', 'knox-token-library-js', '@vscode/test-electron'],
  });
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[watch] build finished, watching for changes...');
} else {
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  const meta = results[0].metafile;
  if (meta && args.has('--size')) {
    const out = meta.outputs['dist/extension.js'];
    console.log(`dist/extension.js: ${out.bytes} bytes`);
  }
  const count = builds.reduce((n, b) => n + (b.entryPoints?.length ?? 0), 0);
  console.log(`built ${count} entry points${production ? ' (production)' : ''} in ${relative(process.cwd(), root) || '.'}`);
}
