import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startSandbox } from '../../../src/sandbox/sandbox';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { assertCliBuilt, assertFailure, collect, knox, startKnox, tempDir } from './knoxProcess';
import type { TempDir } from './knoxProcess';

// Each case must fail well inside this; a read of /dev/zero or a FIFO would hang or grow instead.
const AT_ONCE_MS = 5_000;

describe('knox reads only bounded regular files (process)', function () {
  if (process.platform === 'win32') return;
  let dir: TempDir;
  let sandbox: Sandbox;
  let fifo: string;
  let startupMs = 0;

  before(async () => {
    assertCliBuilt();
    dir = await tempDir();
    sandbox = await startSandbox({ port: 0, dir: `${dir.path}/sandbox` });
    fifo = join(dir.path, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    await knox(['--version']);
    startupMs = Date.now() - started;
  });
  after(async () => {
    await sandbox.close();
    await dir.remove();
  });

  for (const special of ['fifo', '/dev/zero'] as const) {
    const pathOf = (): string => (special === 'fifo' ? fifo : special);

    it(`refuses ${special} as --keys at once`, async () => {
      const run = await knox(
        [
          'token',
          '--keys',
          pathOf(),
          '--client-id-file',
          sandbox.credentials.clientIdentifierFiles.kme,
          '--base',
          sandbox.url,
        ],
        { timeoutMs: AT_ONCE_MS },
      );
      assertFailure(run, 2, pathOf(), 'is not a regular file');
    });

    it(`refuses ${special} as --client-id-file at once`, async () => {
      const run = await knox(
        [
          'token',
          '--keys',
          sandbox.credentials.keysFile,
          '--client-id-file',
          pathOf(),
          '--base',
          sandbox.url,
        ],
        { timeoutMs: AT_ONCE_MS },
      );
      assertFailure(run, 2, pathOf(), 'is not a regular file');
    });

    it(`refuses ${special} as the .http file of knox send at once`, async () => {
      const run = await knox(['send', pathOf(), '--base', sandbox.url], { timeoutMs: AT_ONCE_MS });
      assertFailure(run, 2, pathOf(), 'is not a regular file');
    });

    it(`refuses ${special} as a < body include at once`, async () => {
      const http = await dir.write(
        `include-${special === 'fifo' ? 'fifo' : 'zero'}.http`,
        `POST ${sandbox.url}/kcs/v1/kme/devices/list\nContent-Type: application/json\n\n< ${pathOf()}\n`,
      );
      const run = await knox(['send', http], { timeoutMs: AT_ONCE_MS });
      assertFailure(run, 2, pathOf(), 'is not a regular file');
    });
  }

  it('names the limit when a file is too large', async () => {
    const big = await dir.write('big-id.txt', 'x'.repeat(1024 * 1024 + 1));
    const run = await knox(
      ['token', '--keys', sandbox.credentials.keysFile, '--client-id-file', big],
      { timeoutMs: AT_ONCE_MS },
    );
    assertFailure(run, 2, 'big-id.txt is larger than 1 MB, the limit for');
  });

  it('refuses standard input past the limit', async () => {
    const run = await knox(
      ['token', '--keys', sandbox.credentials.keysFile, '--client-id-file', '-'],
      { stdin: 'x'.repeat(1024 * 1024 + 1), timeoutMs: AT_ONCE_MS },
    );
    assertFailure(run, 2, 'Standard input is larger than 1 MB');
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`ends at once on ${signal} while it waits for standard input`, async () => {
      const child = startKnox([
        'token',
        '--keys',
        sandbox.credentials.keysFile,
        '--client-id-file',
        '-',
      ]);
      // Standard input stays open: the command waits for it until the signal. The signal must
      // come after knox has started and set its handlers: wait twice what a start takes here.
      await new Promise((resolve) => setTimeout(resolve, Math.max(500, 2 * startupMs)));
      child.kill(signal);
      // Well under the 5 s a stuck command is given before it is forced out.
      const run = await collect(child, 2_500);
      assert.equal(run.code, 130, `exit status; stderr: ${run.stderr}`);
    });
  }
});
