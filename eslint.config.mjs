import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layer table (CONTRIBUTING.md, Layout). Each layer's files get one
// no-restricted-imports entry listing every edge it may not take, with the reason; flat config
// replaces a rule's options per file rather than merging them, so an entry holds all of its
// layer's edges. Patterns start with `**/` because a relative import climbs a different number
// of folders at each depth; no layer has a folder of its own named after a layer it may not
// import (src/vscode/sandbox/ is fine: the VS Code layer may use the sandbox).
const NO_VSCODE_API = (layer, why) => ({
  name: 'vscode',
  message: `${layer} must run without VS Code (${why}): only src/vscode and src/extension.ts may import vscode.`,
});
const edge = (group, message) => ({ group, message });
const EXTENSION = ['**/extension', '**/extension.ts', '**/extension.js'];
const restrict = (paths, patterns) => [
  'error',
  { paths, patterns: patterns.map((p) => ({ ...p, allowTypeImports: false })) },
];

const CORE_RULE = restrict(
  [NO_VSCODE_API('src/core', 'the knox CLI, the sandbox and unit tests use it')],
  [
    edge(
      ['**/vscode/**'],
      'src/core may not import src/vscode: the core is the engine every front end shares; the VS Code layer adapts it, never the reverse.',
    ),
    edge(
      ['**/cli/**'],
      'src/core may not import src/cli: the CLI is a front end on the core; move what both need into src/core.',
    ),
    edge(
      ['**/sandbox/**'],
      'src/core may not import src/sandbox: the sandbox is a test double of Knox, not part of the engine.',
    ),
    edge(
      EXTENSION,
      'src/core may not import src/extension.ts: the composition root depends on the core, not the reverse.',
    ),
  ],
);

// What the sandbox may take from core: catalog data and the base types. It checks the toolkit,
// so it must not share the toolkit's logic (it has its own matcher, endpointTable.ts).
const SANDBOX_FROM_CORE = [
  '**/core/catalogs/scopeCatalog',
  '**/core/catalogs/errorCatalog',
  '**/core/toolError',
  '**/core/log/logger',
];
const SANDBOX_RULE = restrict(
  [NO_VSCODE_API('src/sandbox', 'knox sandbox and knox test --sandbox start it')],
  [
    edge(
      // gitignore semantics: a file is re-included only if its folder is, hence the folders.
      ['**/core/**', '!**/core/catalogs', '!**/core/log', ...SANDBOX_FROM_CORE.map((p) => `!${p}`)],
      'src/sandbox takes from src/core only catalog data (catalogs/scopeCatalog, catalogs/errorCatalog), the base error (toolError) and the log types (log/logger): it checks the toolkit, so it must not share its logic.',
    ),
    edge(
      ['**/vscode/**'],
      'src/sandbox may not import src/vscode: the sandbox runs in plain Node (knox sandbox, tests).',
    ),
    edge(
      ['**/cli/**'],
      'src/sandbox may not import src/cli: the CLI starts the sandbox, not the reverse.',
    ),
    edge(
      EXTENSION,
      'src/sandbox may not import src/extension.ts: the extension starts the sandbox, not the reverse.',
    ),
  ],
);

const CLI_RULE = restrict(
  [NO_VSCODE_API('src/cli', 'it is the knox command')],
  [
    edge(
      ['**/vscode/**'],
      'src/cli may not import src/vscode: the knox command runs without VS Code; share code through src/core.',
    ),
    edge(
      EXTENSION,
      'src/cli may not import src/extension.ts: the knox command runs without VS Code; share code through src/core.',
    ),
  ],
);

const NO_CLI_FROM_VSCODE = edge(
  ['**/cli/**'],
  'src/vscode may not import src/cli: the editor and the knox command are two front ends on src/core; move what both need into src/core.',
);
const VSCODE_RULE = restrict([], [NO_CLI_FROM_VSCODE]);
// ids.ts is in the VS Code layer but imported by plain-Node code (unit tests), so it is vscode-free.
const IDS_RULE = restrict(
  [NO_VSCODE_API('src/vscode/ids.ts', 'plain-Node unit tests import it')],
  [NO_CLI_FROM_VSCODE],
);

// Plain-Node tests and benchmarks: no VS Code, and of the VS Code layer only ids.ts.
const TESTS_RULE = restrict(
  [NO_VSCODE_API('Unit tests and benchmarks', 'mocha in plain Node')],
  [
    edge(
      ['**/vscode/*', '!**/vscode/ids'],
      'Unit tests and benchmarks run in plain Node: of src/vscode they may import only ids.ts.',
    ),
  ],
);

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'out/**',
      '.cache/**',
      'test-output/**',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
      'import/no-default-export': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  { files: ['src/core/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': CORE_RULE } },
  {
    files: ['src/sandbox/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': SANDBOX_RULE },
  },
  { files: ['src/cli/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': CLI_RULE } },
  {
    files: ['src/vscode/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': VSCODE_RULE },
  },
  { files: ['src/vscode/ids.ts'], rules: { '@typescript-eslint/no-restricted-imports': IDS_RULE } },
  {
    files: ['test/unit/**/*.ts', 'bench/*.ts'], // bench/host/ runs inside the extension host
    rules: { '@typescript-eslint/no-restricted-imports': TESTS_RULE },
  },
  {
    files: [
      'src/cli/**/*.ts',
      'src/sandbox/**/*.ts',
      'test/**/*.ts',
      'bench/**/*.ts',
      'scripts/**/*.ts',
    ],
    rules: { 'no-console': 'off' },
  },
);
