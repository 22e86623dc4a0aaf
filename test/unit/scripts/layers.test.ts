import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint } from 'eslint';

// The layer table of CONTRIBUTING.md, held by eslint.config.mjs: every forbidden edge fails
// lint with its message, every allowed edge passes. ESLint runs our config file with only the
// import rule and without type information, so a probe file need not exist on disk.

const root = join(__dirname, '..', '..', '..', '..');
const RULE = '@typescript-eslint/no-restricted-imports';

interface Probe {
  /** A file of the layer (need not exist), relative to the repository. */
  readonly file: string;
  readonly from: string;
  /** Part of the message the failure must carry; undefined for an allowed edge. */
  readonly refused?: string;
  readonly typeOnly?: boolean;
}

const FORBIDDEN: readonly Probe[] = [
  { file: 'src/core/probe.ts', from: 'vscode', refused: 'src/core must run without VS Code' },
  {
    file: 'src/core/probe.ts',
    from: '../vscode/ids',
    refused: 'src/core may not import src/vscode',
  },
  {
    file: 'src/core/runner/probe.ts',
    from: '../../vscode/runner/requestRunner',
    refused: 'src/core may not import src/vscode',
  },
  { file: 'src/core/probe.ts', from: '../cli/runCli', refused: 'src/core may not import src/cli' },
  {
    file: 'src/core/runner/probe.ts',
    from: '../../cli/commands/sendCommand',
    refused: 'src/core may not import src/cli',
    typeOnly: true,
  },
  {
    file: 'src/core/http/probe.ts',
    from: '../../sandbox/sandbox',
    refused: 'src/core may not import src/sandbox',
  },
  {
    file: 'src/core/probe.ts',
    from: '../extension',
    refused: 'src/core may not import src/extension.ts',
  },
  { file: 'src/sandbox/probe.ts', from: 'vscode', refused: 'src/sandbox must run without VS Code' },
  {
    file: 'src/sandbox/probe.ts',
    from: '../vscode/sandbox/sandboxCommands',
    refused: 'src/sandbox may not import src/vscode',
  },
  {
    file: 'src/sandbox/probe.ts',
    from: '../cli/runCli',
    refused: 'src/sandbox may not import src/cli',
  },
  {
    file: 'src/sandbox/probe.ts',
    from: '../extension',
    refused: 'src/sandbox may not import src/extension.ts',
  },
  // The sandbox and core: the lookups, the runner, HTTP and redaction are the toolkit's logic.
  ...[
    '../core/catalogs/scopeLookup',
    '../core/catalogs/errorLookup',
    '../core/catalogs/requestTemplates',
    '../core/runner/runRequest',
    '../core/http/fetchLike',
    '../core/log/redact',
    '../core/knoxErrors/knoxError',
  ].map((from) => ({
    file: 'src/sandbox/probe.ts',
    from,
    refused: 'src/sandbox takes from src/core only catalog data',
  })),
  {
    file: 'src/sandbox/probe.ts',
    from: '../core/catalogs/scopeLookup',
    refused: 'src/sandbox takes from src/core only catalog data',
    typeOnly: true,
  },
  { file: 'src/cli/probe.ts', from: 'vscode', refused: 'src/cli must run without VS Code' },
  { file: 'src/cli/probe.ts', from: '../vscode/ids', refused: 'src/cli may not import src/vscode' },
  {
    file: 'src/cli/commands/probe.ts',
    from: '../../vscode/runner/requestRunner',
    refused: 'src/cli may not import src/vscode',
  },
  {
    file: 'src/cli/probe.ts',
    from: '../extension',
    refused: 'src/cli may not import src/extension.ts',
  },
  {
    file: 'src/vscode/probe.ts',
    from: '../cli/runCli',
    refused: 'src/vscode may not import src/cli',
  },
  {
    file: 'src/vscode/runner/probe.ts',
    from: '../../cli/commands/sendCommand',
    refused: 'src/vscode may not import src/cli',
  },
  // Kept from before the table: ids.ts is vscode-free, so are the unit tests and benchmarks.
  {
    file: 'src/vscode/ids.ts',
    from: 'vscode',
    refused: 'src/vscode/ids.ts must run without VS Code',
  },
  { file: 'test/unit/probe.test.ts', from: 'vscode', refused: 'Unit tests and benchmarks' },
  {
    file: 'test/unit/probe.test.ts',
    from: '../../src/vscode/log',
    refused: 'of src/vscode they may import only ids.ts',
  },
  { file: 'bench/probe.ts', from: 'vscode', refused: 'Unit tests and benchmarks' },
];

const ALLOWED: readonly Probe[] = [
  { file: 'src/core/probe.ts', from: './toolError' },
  { file: 'src/core/runner/probe.ts', from: '../catalogs/scopeLookup' },
  { file: 'src/core/runner/probe.ts', from: '../log/redact' },
  { file: 'src/sandbox/probe.ts', from: '../core/catalogs/scopeCatalog' },
  { file: 'src/sandbox/probe.ts', from: '../core/catalogs/scopeCatalog', typeOnly: true },
  { file: 'src/sandbox/probe.ts', from: '../core/catalogs/errorCatalog' },
  { file: 'src/sandbox/probe.ts', from: '../core/toolError' },
  { file: 'src/sandbox/probe.ts', from: '../core/log/logger' },
  { file: 'src/sandbox/probe.ts', from: './endpointTable' },
  { file: 'src/cli/commands/probe.ts', from: '../../sandbox/sandbox' },
  { file: 'src/cli/probe.ts', from: '../core/toolError' },
  { file: 'src/cli/commands/probe.ts', from: '../../core/catalogs/scopeLookup' },
  { file: 'src/vscode/probe.ts', from: 'vscode' },
  { file: 'src/vscode/runner/probe.ts', from: '../../core/runner/runRequest' },
  { file: 'src/vscode/sandbox/probe.ts', from: '../../sandbox/sandbox' },
  { file: 'src/vscode/sandbox/probe.ts', from: '../vscodeSecretStore' },
  { file: 'src/extension.ts', from: './cli/runCli' },
  { file: 'test/unit/probe.test.ts', from: '../../src/vscode/ids' },
];

describe('the layer table (eslint.config.mjs)', function () {
  this.timeout(60_000);
  let eslint: ESLint;

  before(() => {
    eslint = new ESLint({
      cwd: root,
      overrideConfigFile: join(root, 'eslint.config.mjs'),
      overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
      ruleFilter: ({ ruleId }) => ruleId === RULE,
    });
  });

  async function importMessages(probe: Probe): Promise<string[]> {
    const code = probe.typeOnly
      ? `import type { Probe } from '${probe.from}';\nexport type Alias = Probe;\n`
      : `import { probe } from '${probe.from}';\nexport const alias = probe;\n`;
    const [result] = await eslint.lintText(code, { filePath: join(root, probe.file) });
    assert.ok(result, `no lint result for ${probe.file}`);
    const unexpected = result.messages.filter((m) => m.ruleId !== RULE);
    assert.deepEqual(unexpected, [], `${probe.file}: ${JSON.stringify(unexpected)}`);
    return result.messages.map((m) => m.message);
  }

  const label = (p: Probe): string => `${p.file} -> ${p.from}${p.typeOnly ? ' (type)' : ''}`;

  it('refuses every forbidden edge with the message of that edge', async () => {
    const misses: string[] = [];
    for (const probe of FORBIDDEN) {
      const messages = await importMessages(probe);
      if (messages.length !== 1 || !messages[0]?.includes(probe.refused ?? '')) {
        misses.push(`${label(probe)}: ${JSON.stringify(messages)}`);
      }
    }
    assert.deepEqual(misses, []);
  });

  it('lets every allowed edge pass', async () => {
    const refused: string[] = [];
    for (const probe of ALLOWED) {
      const messages = await importMessages(probe);
      if (messages.length > 0) refused.push(`${label(probe)}: ${JSON.stringify(messages)}`);
    }
    assert.deepEqual(refused, []);
  });

  it('applies to re-exports as to imports', async () => {
    const [result] = await eslint.lintText(`export { findEndpoint } from '../cli/runCli';\n`, {
      filePath: join(root, 'src/core/probe.ts'),
    });
    assert.deepEqual(
      result?.messages.map((m) => m.ruleId),
      [RULE],
    );
  });
});
