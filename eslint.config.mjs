import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Code that must run without VS Code: the core, the command line, the sandbox, the ids
// module and the plain-Node unit tests. GitLens draws the same line with this rule.
const vscodeFree = [
  'src/core/**/*.ts',
  'src/cli/**/*.ts',
  'src/sandbox/**/*.ts',
  'src/vscode/ids.ts',
  'test/unit/**/*.ts',
  'bench/*.ts', // bench/host/ runs inside the extension host
];

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
  {
    files: vscodeFree,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'vscode',
              message: 'src/core, src/cli, src/sandbox and ids.ts must run without VS Code.',
            },
          ],
          patterns: [
            {
              group: ['**/vscode/*', '!**/vscode/ids'],
              message: 'Do not reach into the VS Code layer.',
            },
          ],
        },
      ],
    },
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
