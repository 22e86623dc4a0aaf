import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { startPlan } from '../../../scripts/startPlan';
import { mergeSettingsFile } from '../../host/codeServer';

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

describe('npm start plan (scripts/startPlan)', () => {
  const root = join(tmpdir(), 'knox-repo');

  it('puts every folder it writes under the git-ignored .cache of the repository', () => {
    const plan = startPlan(root);
    const cache = join(root, '.cache');
    const paths = [
      plan.base,
      plan.workspace,
      plan.desktopUserDataDir,
      plan.chromiumProfileDir,
      ...Object.values(plan.env),
      ...plan.desktopArgs.filter((a) => a.startsWith('--user-data-dir=')).map((a) => a.slice(16)),
    ];
    for (const p of paths) assert.ok(isInside(cache, p), `${p} is outside ${cache}`);
    for (const key of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME'])
      assert.ok(key in plan.env, `${key} is not redirected`);
  });

  it('keeps the same user data, sample folder and port on every run', () => {
    assert.deepEqual(startPlan(root), startPlan(root));
    assert.equal(startPlan(root).port, startPlan(root).port);
    assert.notEqual(startPlan(root).port, 0);
  });

  it('tells VS Code not to open the repository found in the parent folders', () => {
    assert.equal(startPlan(root).settings['git.openRepositoryInParentFolders'], 'never');
  });

  it('hides the repository from git run in the sample folder', () => {
    const repo = realpathSync(mkdtempSync(join(tmpdir(), 'knox-start-')));
    try {
      assert.equal(spawnSync('git', ['init', '-q', repo]).status, 0);
      const plan = startPlan(repo);
      mkdirSync(plan.workspace, { recursive: true });
      const git = (env: NodeJS.ProcessEnv): number | null =>
        spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: plan.workspace, env }).status;
      const clean = { ...process.env };
      delete clean.GIT_DIR;
      delete clean.GIT_WORK_TREE;
      delete clean.GIT_CEILING_DIRECTORIES;
      assert.equal(git(clean), 0, 'without the plan git finds the repository above');
      assert.notEqual(git({ ...clean, ...plan.env }), 0, 'with the plan git stops at .cache/start');
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('merges its settings into settings.json and leaves a file with comments alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'knox-settings-'));
    try {
      const file = join(dir, 'User', 'settings.json');
      assert.equal(mergeSettingsFile(file, { a: 1 }), true);
      writeFileSync(file, JSON.stringify({ mine: true, a: 0 }));
      assert.equal(mergeSettingsFile(file, { a: 1 }), true);
      assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { mine: true, a: 1 });
      const commented = '// mine\n{ "mine": true }';
      writeFileSync(file, commented);
      assert.equal(mergeSettingsFile(file, { a: 1 }), false);
      assert.equal(readFileSync(file, 'utf8'), commented);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
