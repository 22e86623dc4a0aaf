import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findGitExposure } from '../../../../src/core/files/gitExposure';
import { isIgnored, parseIgnoreFile } from '../../../../src/core/files/gitIgnore';

function hasGit(): boolean {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('findGitExposure (no git process)', () => {
  let root: string;
  let home: string;
  const deps = (): { home: string; xdgConfigHome: string } => ({
    home,
    xdgConfigHome: join(home, 'xdg'),
  });
  const write = async (path: string, text = '{}'): Promise<string> => {
    const file = join(root, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
    return file;
  };

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'knox-git-'));
    home = await mkdtemp(join(tmpdir(), 'knox-git-home-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(home, { recursive: true, force: true });
  });

  // A repository written by hand, so the test does not need git to exist.
  const handMadeRepository = async (config = ''): Promise<void> => {
    await write('.git/HEAD', 'ref: refs/heads/main\n');
    await write('.git/config', `[core]\n\trepositoryformatversion = 0\n${config}`);
    await mkdir(join(root, '.git', 'objects'), { recursive: true });
    await mkdir(join(root, '.git', 'refs'), { recursive: true });
  };

  it('is undefined outside any repository', async () => {
    const file = await write('keys.json');
    assert.equal(await findGitExposure(file, deps()), undefined);
  });

  it('names the work tree and path of a file git would commit, and nothing inside .git', async () => {
    await handMadeRepository();
    const file = await write('config/keys.json');
    assert.deepEqual(await findGitExposure(file, deps()), {
      workTree: root,
      relativePath: 'config/keys.json',
      tracked: false,
    });
    assert.equal(await findGitExposure(await write('.git/keys.json'), deps()), undefined);
  });

  it('follows .gitignore files at every level, info/exclude and core.excludesFile, with negation', async () => {
    await handMadeRepository();
    await write('.gitignore', '*.json\n!keep/*.json\n/secrets/\n');
    await write('keep/.gitignore', 'local.json\n');
    await write('.git/info/exclude', 'excluded.txt\n');
    const ignores = join(home, 'global-ignore');
    await writeFile(ignores, 'global.txt\n');
    await writeFile(join(home, '.gitconfig'), `[core]\n\texcludesFile = ${ignores}\n`);
    const exposed = async (path: string): Promise<boolean> =>
      (await findGitExposure(await write(path), deps())) !== undefined;
    assert.equal(await exposed('keys.json'), false);
    assert.equal(await exposed('keep/keys.json'), true);
    assert.equal(await exposed('keep/local.json'), false);
    assert.equal(await exposed('secrets/id.txt'), false);
    assert.equal(await exposed('excluded.txt'), false);
    assert.equal(await exposed('global.txt'), false);
    assert.equal(await exposed('notes.txt'), true);
  });

  it('runs nothing a repository configures (core.fsmonitor, hooks) and still answers', async function () {
    if (process.platform === 'win32') this.skip();
    const marker = join(home, 'ran');
    const hook = join(home, 'hook.sh');
    await writeFile(hook, `#!/bin/sh\ntouch '${marker}'\n`, { mode: 0o755 });
    await handMadeRepository(`\tfsmonitor = ${hook}\n\thooksPath = ${home}\n`);
    const file = await write('keys.json');
    const exposure = await findGitExposure(file, deps());
    assert.equal(exposure?.relativePath, 'keys.json');
    assert.equal(existsSync(marker), false);
    if (hasGit()) {
      // The fixture is a real threat: git itself, asked the same question, runs the command.
      spawnSync('git', ['check-ignore', '-q', 'keys.json'], { cwd: root, stdio: 'ignore' });
      assert.equal(existsSync(marker), true, 'git check-ignore ran core.fsmonitor');
    }
  });

  for (const version of ['2', '3', '4']) {
    it(`finds a tracked file in an index of version ${version}, even when ignored`, async function () {
      if (!hasGit()) this.skip();
      const git = (...args: string[]): void => {
        execFileSync('git', args, {
          cwd: root,
          stdio: 'ignore',
          env: { ...process.env, HOME: home, GIT_CONFIG_NOSYSTEM: '1' },
        });
      };
      git('init', '-q');
      const names = ['a/b/c.txt', 'a/b/keys.json', 'a/bb.txt', 'tracked.json', 'z/deep/x.json'];
      for (const name of names) await write(name);
      await write('.gitignore', '*.json\n');
      git('add', '-f', ...names);
      git('update-index', '--index-version', version);
      for (const name of ['a/b/keys.json', 'tracked.json', 'z/deep/x.json']) {
        assert.deepEqual(await findGitExposure(join(root, name), deps()), {
          workTree: root,
          relativePath: name,
          tracked: true,
        });
      }
      assert.equal(await findGitExposure(await write('a/b/other.json'), deps()), undefined);
      assert.equal((await findGitExposure(await write('a/new.txt'), deps()))?.tracked, false);
    });
  }

  it('follows a .git file to the repository of a worktree or submodule', async () => {
    const gitDir = join(home, 'real-git-dir');
    await mkdir(join(gitDir, 'info'), { recursive: true });
    await writeFile(join(gitDir, 'info', 'exclude'), 'keys.json\n');
    await write('.git', `gitdir: ${gitDir}\n`);
    assert.equal(await findGitExposure(await write('keys.json'), deps()), undefined);
    assert.equal((await findGitExposure(await write('other.json'), deps()))?.workTree, root);
  });
});

describe('gitignore matching', () => {
  const ignored = (rules: string, path: string): boolean =>
    isIgnored(parseIgnoreFile(rules, ''), path);

  it('matches names at any depth, anchored paths, folders only, ** and classes', () => {
    assert.equal(ignored('keys.json', 'a/b/keys.json'), true);
    assert.equal(ignored('/keys.json', 'a/keys.json'), false);
    assert.equal(ignored('/keys.json', 'keys.json'), true);
    assert.equal(ignored('a/*.json', 'a/b/keys.json'), false);
    assert.equal(ignored('a/**/*.json', 'a/b/c/keys.json'), true);
    assert.equal(ignored('**/secrets', 'x/secrets/k.json'), true);
    assert.equal(ignored('build/', 'build'), false);
    assert.equal(ignored('build/', 'build/x.json'), true);
    assert.equal(ignored('out/**', 'out'), false);
    assert.equal(ignored('out/**', 'out/a/b'), true);
    assert.equal(ignored('key[0-9].json', 'key7.json'), true);
    assert.equal(ignored('key[!0-9].json', 'key7.json'), false);
    assert.equal(ignored('k?ys.json', 'keys.json'), true);
    assert.equal(ignored('\\#x', '#x'), true);
    assert.equal(ignored('# comment', '# comment'), false);
    assert.equal(ignored('keys.json   ', 'keys.json'), true);
  });

  it('lets a later pattern re-include a file but not one inside an ignored folder', () => {
    assert.equal(ignored('*.json\n!keys.json', 'keys.json'), false);
    assert.equal(ignored('secrets/\n!secrets/keys.json', 'secrets/keys.json'), true);
  });

  it('stays fast on patterns made to backtrack', () => {
    const rule = `${'*a'.repeat(200)}b`;
    const path = 'a'.repeat(3000);
    assert.equal(ignored(rule, path), false);
  });
});
