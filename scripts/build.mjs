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

// jose and node-fetch are loaded on first use (a signature, a request), never at activation:
// they go to files of their own beside the bundles, so activating does not even parse them.
const VENDOR = { jose: './vendor/jose.js', 'node-fetch': './vendor/node-fetch.js' };
// `import('jose')` becomes a small bundled module that requires the vendor file at run time,
// so esbuild's own ESM interop applies (a bare external import() would get Node's, whose
// `default` is the whole module). `up` is the way from the bundle's folder to dist/.
const lazyVendor = (up = './') => ({
  name: 'lazy-vendor',
  setup(build) {
    build.onResolve({ filter: /^(jose|node-fetch)$/ }, (args) => ({
      path: args.path,
      namespace: 'lazy-vendor',
    }));
    build.onResolve({ filter: /^\.\.?\/vendor\// }, (args) => ({
      path: args.path,
      external: true,
    }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-vendor' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(VENDOR[args.path].replace('./', up))});`,
      loader: 'js',
    }));
  },
});

// Two-stage activation: dist/extension.js holds what must run at once; each feature is a
// bundle of its own in dist/chunks/, loaded by `import('./xChunk.js')` in featureChunks.ts
// on first use, the same way as the vendor files.
const CHUNKS = ['credentials', 'runner', 'samsungAccount', 'sandbox', 'errorCodes'];
const lazyChunks = {
  name: 'lazy-chunks',
  setup(build) {
    build.onResolve({ filter: /^\.\/\w+Chunk\.js$/ }, (args) => ({
      path: args.path,
      namespace: 'lazy-chunk',
    }));
    build.onResolve({ filter: /^\.\/chunks\// }, (args) => ({ path: args.path, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-chunk' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(`./chunks/${args.path.slice(2, -'Chunk.js'.length)}.js`)});`,
      loader: 'js',
    }));
  },
};
const chunkBuilds = CHUNKS.map((name) => ({
  ...common,
  entryPoints: [`src/vscode/chunks/${name}Chunk.ts`],
  outfile: `dist/chunks/${name}.js`,
  plugins: [lazyVendor('../')],
}));
const vendorBuilds = Object.keys(VENDOR).map((name) => ({
  ...common,
  sourcemap: false,
  stdin: {
    contents: `export * from ${JSON.stringify(name)};${name === 'node-fetch' ? ` export { default } from ${JSON.stringify(name)};` : ''}`,
    resolveDir: root,
    loader: 'js',
  },
  outfile: join('dist', VENDOR[name]),
}));

const builds = [
  // The entry is what activation loads: no keepNames helpers (about 2.5 KB) in its budget of 60 KB.
  {
    ...common,
    keepNames: false,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    metafile: true,
    plugins: [lazyVendor(), lazyChunks],
  },
  ...chunkBuilds,
  ...vendorBuilds,
];
if (existsSync(join(root, 'src/cli/main.ts'))) {
  builds.push({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [lazyVendor()],
  });
}
if (tests) {
  const entries = [
    ...walk(
      'test',
      (f) =>
        f.endsWith('.ts') &&
        !f.endsWith('.d.ts') &&
        !f.includes('helpers') &&
        !f.includes('fixtures'),
    ),
    ...walk('bench', (f) => f.endsWith('.ts')),
    ...walk('scripts', (f) => f.endsWith('.ts')),
  ];
  builds.push({
    ...common,
    entryPoints: entries,
    outdir: 'out',
    outbase: '.',
    external: [
      'vscode',
      'mocha',
      'eslint', // the layer test runs our eslint.config.mjs through ESLint's Node API
      'playwright-core',
      'knox-token-library-js',
      '@vscode/test-electron',
    ],
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
  const count = builds.reduce((n, b) => n + (b.entryPoints?.length ?? 1), 0);
  console.log(
    `built ${count} entry points${production ? ' (production)' : ''} in ${relative(process.cwd(), root) || '.'}`,
  );
}
