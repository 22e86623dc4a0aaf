import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');

/** The rules of .vscodeignore as vsce reads them: the last matching line decides, `!` includes. */
function shipped(ignoreText: string): (path: string) => boolean {
  const rules = ignoreText
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((line) => {
      const include = line.startsWith('!');
      const glob = include ? line.slice(1) : line;
      const source = glob
        .split('**')
        .map((part) =>
          part
            .split('*')
            .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
            .join('[^/]*'),
        )
        .join('.*');
      return { include, pattern: new RegExp(`^${source}$`) };
    });
  return (path) => {
    let ships = true;
    for (const rule of rules) if (rule.pattern.test(path)) ships = rule.include;
    return ships;
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const abs = join(dir, name);
    return statSync(abs).isDirectory()
      ? filesUnder(abs)
      : [relative(root, abs).split('\\').join('/')];
  });
}

describe('the .vsix contents (.vscodeignore)', () => {
  const ships = shipped(readFileSync(join(root, '.vscodeignore'), 'utf8'));

  it('ships every bundle the build writes to dist/: the entry, the CLI, the vendor files and every feature chunk', () => {
    const bundles = filesUnder(join(root, 'dist')).filter((f) => f.endsWith('.js'));
    assert.ok(
      bundles.some((f) => f.startsWith('dist/chunks/')),
      `the build wrote no feature chunk: ${bundles.join(', ')}`,
    );
    assert.deepEqual(
      bundles.filter((f) => !ships(f)),
      [],
    );
  });

  it('ships no source, test, source map or cache file', () => {
    for (const path of [
      'src/extension.ts',
      'test/unit/vscode/ids.test.ts',
      'dist/extension.js.map',
      'out/test/host/runAll.js',
      '.cache/x',
    ]) {
      assert.equal(ships(path), false, path);
    }
  });
});
