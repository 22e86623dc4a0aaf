import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox } from '../../../src/sandbox/sandbox';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { assertCliBuilt, assertFailure, collect, knox, startKnox, tempDir } from './knoxProcess';
import type { TempDir } from './knoxProcess';

// Waits until the process catches SIGINT and SIGTERM (Linux shows it in /proc), so the signal
// reaches knox's own handler rather than ending a process that has not started yet.
async function handlersInstalled(pid: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    let caught = 0n;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      caught = BigInt(`0x${/^SigCgt:\s*([0-9a-f]+)/m.exec(status)?.[1] ?? '0'}`);
    } catch {
      if (process.platform !== 'linux') return new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const sigint = 1n << 1n;
    const sigterm = 1n << 14n;
    if ((caught & sigint) !== 0n && (caught & sigterm) !== 0n) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('knox did not install its signal handlers within 10 s');
}

// Each case must fail well inside this; a read of /dev/zero or a FIFO would hang or grow instead.
const AT_ONCE_MS = 5_000;

describe('knox reads only bounded regular files (process)', function () {
  if (process.platform === 'win32') return;
  let dir: TempDir;
  let sandbox: Sandbox;
  let fifo: string;

  before(async () => {
    assertCliBuilt();
    dir = await tempDir();
    sandbox = await startSandbox({ port: 0, dir: `${dir.path}/sandbox` });
    fifo = join(dir.path, 'pipe');
    execFileSync('mkfifo', [fifo]);
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
      // Standard input stays open: the command waits for it until the signal.
      await handlersInstalled(child.pid ?? 0);
      await new Promise((resolve) => setTimeout(resolve, 200));
      child.kill(signal);
      // Well under the 5 s a stuck command is given before it is forced out.
      const run = await collect(child, 2_500);
      assert.equal(run.code, 130, `exit status; stderr: ${run.stderr}`);
    });
  }
});
