import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  MAX_DOTENV_BYTES,
  parseDotEnv,
  readDotEnvFiles,
} from '../../../../src/core/httpFile/dotEnv';
import { assertLinearTime } from '../../../helpers/linearTime';

function fixture(name: string): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return readFileSync(join(dir, 'test', 'fixtures', 'http', name), 'utf8');
}

describe('parseDotEnv', () => {
  it('reads the corpus .env: export, quotes, escapes, comments, multi-line values, last wins', () => {
    assert.deepEqual(parseDotEnv(fixture('dotenv.env')), {
      CLIENT_ID: 'abc123',
      CLIENT_SECRET: 's3cr3t # not a comment',
      GREETING: 'hello\nworld',
      PLAIN: 'value with spaces',
      EMPTY: '',
      MULTI: 'line one\nline two',
      KNOX_REGION: 'us',
    });
  });

  it('keeps single-quoted and backtick values literally', () => {
    assert.deepEqual(parseDotEnv('A=\'a\\nb\'\nB=`x "y" \'z\'`\nC="q\\"uote"  # note'), {
      A: 'a\\nb',
      B: 'x "y" \'z\'',
      C: 'q"uote',
    });
  });

  it('keeps a # that is not preceded by a space in an unquoted value', () => {
    assert.deepEqual(parseDotEnv('URL=https://e.example/#frag\nCOLOR=#fff # white'), {
      URL: 'https://e.example/#frag',
      COLOR: '#fff',
    });
  });

  it('takes an unterminated quote literally instead of swallowing the rest of the file', () => {
    assert.deepEqual(parseDotEnv('A="open\nB=2'), { A: '"open', B: '2' });
  });

  it('handles CRLF, a BOM and lines that are not assignments', () => {
    assert.deepEqual(
      parseDotEnv('\uFEFFA=1\r\n# comment\r\n  \r\nnot an assignment\r\n1X=2\r\nB = 2\r\n'),
      {
        A: '1',
        B: '2',
      },
    );
  });

  it('stores __proto__ as a plain key without touching the prototype', () => {
    const values = parseDotEnv('__proto__=polluted\nconstructor=c');
    assert.equal(Object.getPrototypeOf(values), Object.prototype);
    assert.equal(Object.getOwnPropertyDescriptor(values, '__proto__')?.value, 'polluted');
    assert.equal(values['constructor'], 'c');
  });

  it('reads hostile unterminated quotes in linear time, and the lines after them still count', () => {
    for (const quote of ['"', "'", '`']) {
      const hostile = (size: number): string => `A=${quote}${'x\n'.repeat(size)}E=plain\n`;
      const values = parseDotEnv(hostile(3));
      assert.equal(values.A, `${quote}x`);
      assert.equal(values.E, 'plain');
      assertLinearTime(hostile, parseDotEnv, 5_000);
    }
    assertLinearTime((size) => 'K="\\\n'.repeat(size), parseDotEnv, 5_000);
  });
});

describe('readDotEnvFiles (the one .env lookup of the editor and the command line)', () => {
  const files: Record<string, string> = {
    '/root/.env': 'A=root\nB=root\n',
    '/root/api/.env': 'B=beside\nC=beside\n',
    '/huge/.env': `D=${'x'.repeat(MAX_DOTENV_BYTES)}\n`,
  };
  const reader = {
    size: (path: string) =>
      files[path] === undefined
        ? Promise.reject(new Error('ENOENT'))
        : Promise.resolve(Buffer.byteLength(files[path] ?? '')),
    read: (path: string) => Promise.resolve(files[path] ?? ''),
  };

  it('reads the files in order, a later one winning, each once', async () => {
    assert.deepEqual(
      await readDotEnvFiles(['/root/.env', '/root/api/.env', '/root/.env'], reader),
      { A: 'root', B: 'beside', C: 'beside' },
    );
  });

  it('skips a missing file and one over the size limit', async () => {
    assert.deepEqual(await readDotEnvFiles(['/nowhere/.env', '/huge/.env', '/root/.env'], reader), {
      A: 'root',
      B: 'root',
    });
  });
});
