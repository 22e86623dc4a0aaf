import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startLoopback } from '../../helpers/loopback';
import type { Loopback } from '../../helpers/loopback';
import { assertCliBuilt, knox, tempDir } from './knoxProcess';
import type { TempDir } from './knoxProcess';

// A fresh opaque secret with a digit, as real tokens are.
const secret = (): string => `${randomBytes(24).toString('base64url')}7`;

function assertNoFragment(out: string, value: string, label: string): void {
  for (let i = 0; i + 8 <= value.length; i += 4) {
    assert.ok(
      !out.includes(value.slice(i, i + 8)),
      `${label}: "${value.slice(i, i + 8)}" in ${out}`,
    );
  }
}

describe('knox send --json masks secrets (process, loopback)', () => {
  let dir: TempDir;
  let server: Loopback;
  const written = secret();
  const cookie = secret();
  const answered = secret();

  before(async () => {
    assertCliBuilt();
    dir = await tempDir();
    server = await startLoopback((_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'set-cookie': `sid=${cookie}; Path=/; HttpOnly`,
        'x-knox-apitoken': answered,
      });
      res.end('{"resultCode":"0000"}');
    });
  });
  after(async () => {
    await server.close();
    await dir.remove();
  });

  it('prints no fragment of a Bearer token written in the file nor of secret response headers', async () => {
    const file = await dir.write(
      'secret.http',
      `GET ${server.url}/kcs/v1/kme/devices/list\nAuthorization: Bearer ${written}\nAccept: application/json\n`,
    );
    const run = await knox(['send', file, '--json']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(server.requests.length, 1, 'the request went out');
    assert.equal(server.requests[0]?.headers.authorization, `Bearer ${written}`);
    const printed = JSON.parse(run.stdout) as unknown;
    assert.ok(JSON.stringify(printed).includes('resultCode'), run.stdout);
    for (const [value, label] of [
      [written, 'Authorization written in the file'],
      [cookie, 'set-cookie'],
      [answered, 'x-knox-apitoken response header'],
    ] as const) {
      assertNoFragment(run.stdout, value, label);
      assertNoFragment(run.stderr, value, label);
    }
  });
});
