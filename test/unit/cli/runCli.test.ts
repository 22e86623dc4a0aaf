import assert from 'node:assert/strict';
import { CLI_COMMANDS } from '../../../src/cli/commandTable';
import type { CliIo } from '../../../src/cli/cliIo';
import { exitCodeFor } from '../../../src/cli/exitCode';
import { runCli } from '../../../src/cli/runCli';
import { KnoxToolError } from '../../../src/core/toolError';
import type { FetchLike } from '../../../src/core/http/fetchLike';
import { generateKeys } from '../../helpers/keys';
import { tempDir } from './knoxProcess';
import type { TempDir } from './knoxProcess';

interface FakeRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(argv: readonly string[], io: Partial<CliIo> = {}): Promise<FakeRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    argv,
    {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      readStdin: () => Promise.resolve(''),
      env: {},
      cwd: process.cwd(),
      now: () => Date.UTC(2025, 0, 1),
      signal: new AbortController().signal,
      ...io,
    },
    { version: '9.9.9' },
  );
  return { code, stdout, stderr };
}

const answer =
  (status: number, body: unknown): FetchLike =>
  () =>
    Promise.resolve({
      status,
      statusText: '',
      headers: { get: (name: string) => (name === 'content-type' ? 'application/json' : null) },
      text: () => Promise.resolve(JSON.stringify(body)),
    });

describe('runCli (in process)', () => {
  let dir: TempDir;
  let keysFile: string;
  let idFile: string;

  before(async () => {
    dir = await tempDir();
    keysFile = await dir.write('keys.json', generateKeys().json);
    idFile = await dir.write('id.txt', 'client-identifier-in-process');
  });
  after(() => dir.remove());

  for (const command of CLI_COMMANDS) {
    it(`shows help for knox ${command.name}: usage, every option, and examples that call it`, async () => {
      const result = await run(['help', ...command.name.split(' ')]);
      assert.equal(result.code, 0);
      assert.equal(result.stderr, '');
      assert.ok(result.stdout.startsWith(`Usage: knox ${command.usage}\n`), result.stdout);
      assert.ok(command.usage.startsWith(command.name));
      for (const name of Object.keys(command.options)) {
        assert.match(result.stdout, new RegExp(`--${name}\\b`), `help names --${name}`);
      }
      for (const example of command.examples ?? []) {
        assert.ok(example.includes(`knox ${command.name}`), example);
      }
    });
  }

  it('turns a Knox refusal into exit 1 and one redacted line', async () => {
    const result = await run(
      ['token', '--keys', keysFile, '--client-id-file', idFile, '--base', 'http://127.0.0.1:9'],
      {
        fetch: answer(403, {
          code: 4032251,
          message: 'ACCESS_TOKEN_EXPIRED',
          data: 'client-identifier-in-process expired',
        }),
      },
    );
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.match(
      result.stderr,
      /^knox: Knox refused the access token request: HTTP 403 4032251 ACCESS_TOKEN_EXPIRED \(\[REDACTED\] expired\)\. Request a new access token[^\n]*\n$/,
    );
    assert.ok(
      !result.stderr.includes('client-identifier-in-process'),
      'a secret read from a file is masked wherever it shows',
    );
  });

  it('exits 130 with "Interrupted." when the signal aborts a call', async () => {
    const controller = new AbortController();
    const hanging: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(new Error('aborted')));
        controller.abort();
      });
    const result = await run(
      ['token', '--keys', keysFile, '--client-id-file', idFile, '--base', 'http://127.0.0.1:9'],
      {
        fetch: hanging,
        signal: controller.signal,
      },
    );
    assert.deepEqual(result, { code: 130, stdout: '', stderr: 'knox: Interrupted.\n' });
  });

  it('reports an unexpected failure as a bug, exit 1', async () => {
    const result = await run(['decode', '-'], {
      readStdin: () => Promise.reject(new TypeError('boom')),
    });
    assert.deepEqual(result, {
      code: 1,
      stdout: '',
      stderr:
        'knox: Unexpected failure in knox decode: boom. Run again with --debug and report a bug.\n',
    });
  });
});

describe('exitCodeFor', () => {
  it('maps input errors to 2, Knox and network failures to 1, cancellation to 130', () => {
    assert.equal(exitCodeFor(new KnoxToolError('KEYFILE_NOT_JSON', 'x')), 2);
    assert.equal(exitCodeFor(new KnoxToolError('INVALID_INPUT', 'x')), 2);
    assert.equal(exitCodeFor(new KnoxToolError('TOKEN_MALFORMED_JWT', 'x')), 2);
    assert.equal(exitCodeFor(new KnoxToolError('INVALID_BASE_URL', 'x')), 2);
    assert.equal(exitCodeFor(new KnoxToolError('KNOX_REJECTED', 'x')), 1);
    assert.equal(exitCodeFor(new KnoxToolError('NETWORK_FAILED', 'x')), 1);
    assert.equal(exitCodeFor(new KnoxToolError('UNKNOWN_CODE', 'x')), 1);
    assert.equal(exitCodeFor(new KnoxToolError('UNKNOWN_ENDPOINT', 'x')), 1);
    assert.equal(exitCodeFor(new KnoxToolError('ABORTED', 'x')), 130);
    assert.equal(exitCodeFor(new Error('not ours')), 1);
  });
});
