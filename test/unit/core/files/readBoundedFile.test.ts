import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isKnoxToolError } from '../../../../src/core/toolError';
import {
  formatBytes,
  readBoundedFile,
  readBoundedText,
} from '../../../../src/core/files/readBoundedFile';

describe('readBoundedFile', () => {
  let dir: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'knox-bounded-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const refuses = async (
    read: Promise<unknown>,
    code: string,
    message: RegExp | string,
  ): Promise<void> => {
    await assert.rejects(read, (e: unknown) => {
      assert.ok(isKnoxToolError(e), String(e));
      assert.equal(e.code, code);
      if (typeof message === 'string') assert.equal(e.message, message);
      else assert.match(e.message, message);
      assert.doesNotMatch(e.message, /\n/);
      return true;
    });
  };

  it('reads a regular file up to the limit, exactly at it included', async () => {
    const path = join(dir, 'exact.txt');
    await writeFile(path, '\uFEFFabcd');
    assert.equal((await readBoundedFile(path, { maxBytes: 7, what: 'x' })).length, 7);
    assert.equal(await readBoundedText(path, { maxBytes: 7, what: 'x' }), 'abcd');
  });

  it('refuses a file one byte past the limit, naming the limit', async () => {
    const path = join(dir, 'big.txt');
    await writeFile(path, 'x'.repeat(2049));
    await refuses(
      readBoundedFile(path, { maxBytes: 2048, what: 'the key file', label: 'big.txt' }),
      'INVALID_INPUT',
      'big.txt is larger than 2 KB, the limit for the key file; check the path.',
    );
  });

  it('refuses a folder, a device and a FIFO as not a regular file, without blocking', async function () {
    if (process.platform === 'win32') this.skip();
    const folder = join(dir, 'folder');
    await mkdir(folder);
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    for (const [path, kind] of [
      [folder, 'a folder'],
      ['/dev/zero', 'a device'],
      [fifo, 'a pipe'],
    ] as const) {
      await refuses(
        readBoundedFile(path, { maxBytes: 1024, what: 'the key file', code: 'KEYFILE_UNREADABLE' }),
        'KEYFILE_UNREADABLE',
        `${path} is not a regular file (${kind}); give the path of a file holding the key file.`,
      );
    }
  });

  it('reports a missing file with the system error code and keeps it as cause', async () => {
    const path = join(dir, 'missing.txt');
    await assert.rejects(
      readBoundedFile(path, { maxBytes: 10, what: 'the secret' }),
      (e: unknown) => {
        assert.ok(isKnoxToolError(e, 'INVALID_INPUT'));
        assert.equal(
          e.message,
          `Cannot read the secret from ${path} (ENOENT). Check that the file exists and is readable.`,
        );
        assert.equal((e.cause as NodeJS.ErrnoException).code, 'ENOENT');
        return true;
      },
    );
  });

  it('formats limits as people read them', () => {
    assert.equal(formatBytes(16 * 1024 * 1024), '16 MB');
    assert.equal(formatBytes(64 * 1024), '64 KB');
    assert.equal(formatBytes(1000), '1000 bytes');
  });
});
