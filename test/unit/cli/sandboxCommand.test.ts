import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { startLoopback } from '../../helpers/loopback';
import {
  assertCliBuilt,
  assertFailure,
  collect,
  jsonOf,
  knox,
  startKnox,
  tempDir,
} from './knoxProcess';
import type { TempDir } from './knoxProcess';

/** The first line the process writes on stdout. */
async function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  let text = '';
  child.stdout.setEncoding('utf8');
  while (!text.includes('\n')) {
    const [chunk] = (await Promise.race([
      once(child.stdout, 'data'),
      once(child, 'close').then(() => {
        throw new Error('knox sandbox ended before printing');
      }),
    ])) as [string];
    text += chunk;
  }
  child.stdout.pause();
  child.stdout.unshift(text);
  return text.slice(0, text.indexOf('\n'));
}

describe('knox sandbox (process)', () => {
  let dir: TempDir;

  before(async () => {
    assertCliBuilt();
    dir = await tempDir();
  });
  after(() => dir.remove());

  it('prints one JSON line when it listens, serves the other commands, and stops cleanly on SIGTERM', async () => {
    const child = startKnox(['sandbox', '--port', '0', '--json', '--dir', 'state'], {
      cwd: dir.path,
    });
    const line = await firstLine(child);
    const info = JSON.parse(line) as {
      url: string;
      keysFile: string;
      clientIdentifierFiles: Record<string, string>;
      oauthClientId: string;
      oauthClientSecretFile: string;
    };
    assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(info.keysFile, `${dir.path}/state/keys.json`);
    assert.deepEqual(Object.keys(info.clientIdentifierFiles).sort(), [
      'kai',
      'kc',
      'kdp',
      'ke',
      'kg',
      'km',
      'kme',
      'msp',
    ]);
    for (const file of [
      info.keysFile,
      info.oauthClientSecretFile,
      ...Object.values(info.clientIdentifierFiles),
    ]) {
      assert.ok(existsSync(file), file);
    }
    assert.match(info.oauthClientId, /^[0-9a-f-]{36}$/);

    const token = await knox([
      'token',
      '--keys',
      info.keysFile,
      '--client-id-file',
      info.clientIdentifierFiles.kg ?? '',
      '--base',
      info.url,
    ]);
    assert.equal(token.code, 0, token.stderr);
    const oauth = await knox([
      'oauth',
      'token',
      '--client-id',
      info.oauthClientId,
      '--client-secret-file',
      info.oauthClientSecretFile,
      '--scope',
      'kme',
      '--base',
      info.url,
    ]);
    assert.equal(oauth.code, 0, oauth.stderr);

    const ended = collect(child);
    child.kill('SIGTERM');
    const run = await ended;
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `${line}\n`, 'exactly one line on stdout');
    assert.match(run.stderr, /knox: sandbox stopped\.\n$/);
  });

  it('describes the running sandbox for people and reuses the credentials; Ctrl+C stops it', async () => {
    const first = jsonOf(
      await runUntilListening(['sandbox', '--json', '--dir', 'state'], dir.path),
    ) as {
      keysFile: string;
      oauthClientId: string;
      otherSamsungAccount: { clientId: string; clientSecretFile: string };
    };
    const child = startKnox(['sandbox', '--dir', 'state'], { cwd: dir.path });
    const line = await firstLine(child);
    assert.match(line, /^Knox sandbox running at http:\/\/127\.0\.0\.1:\d+ \(Ctrl\+C stops it\)$/);
    const ended = collect(child);
    // Let the rest of the description arrive before interrupting.
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill('SIGINT');
    const run = await ended;
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.stdout.includes(`  keys file  `) || run.stdout.includes('keys file'), run.stdout);
    assert.ok(run.stdout.includes(first.keysFile), 'same keys file as before');
    assert.ok(run.stdout.includes(first.oauthClientId), 'same OAuth client as before');
    // A second Samsung Account client, kept across runs, to try AUT_1806 from the command line.
    assert.ok(run.stdout.includes(first.otherSamsungAccount.clientId), run.stdout);
    assert.ok(run.stdout.includes(first.otherSamsungAccount.clientSecretFile), run.stdout);
    assert.match(
      run.stdout,
      /AUT_1806: sign in at http:\/\/127\.0\.0\.1:\d+\/accounts\/\w+\/signInGate/,
    );
    assert.match(
      run.stdout,
      /\n {2}knox token --keys \S+keys\.json --client-id-file \S+client-identifier-kme\.txt --base http:\/\/127\.0\.0\.1:\d+\n/,
    );
    assert.match(run.stderr, /Sandbox: listening on http:\/\/127\.0\.0\.1:\d+/);
  });

  it('exits 1 when the port is taken, and 2 for a port that is not a number', async () => {
    const busy = await startLoopback(() => undefined);
    try {
      const port = new URL(busy.url).port;
      assertFailure(
        await knox(['sandbox', '--port', port, '--dir', 'state'], { cwd: dir.path }),
        1,
        `The sandbox cannot listen on 127.0.0.1:${port} (EADDRINUSE).`,
      );
    } finally {
      await busy.close();
    }
    assertFailure(
      await knox(['sandbox', '--port', 'http'], { cwd: dir.path }),
      2,
      '--port must be a whole number from 0 to 65535',
    );
  });
});

/** Runs `knox sandbox ...` until its first line, then stops it with SIGTERM; returns the whole run. */
async function runUntilListening(
  args: readonly string[],
  cwd: string,
): Promise<Awaited<ReturnType<typeof collect>>> {
  const child = startKnox(args, { cwd });
  await firstLine(child);
  const ended = collect(child);
  child.kill('SIGTERM');
  return ended;
}
