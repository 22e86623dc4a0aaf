import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startSandbox } from '../../../src/sandbox/sandbox';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { parseXml } from '../../helpers/xml';
import type { XmlElement } from '../../helpers/xml';
import { assertCliBuilt, assertFailure, jsonOf, knox, tempDir } from './knoxProcess';
import type { TempDir } from './knoxProcess';

// out/test/unit/cli/<file>.test.js -> the repository's examples/.
const EXAMPLES = join(__dirname, '..', '..', '..', '..', 'examples');

const PASSING = [
  '### Devices',
  '# @name listDevices',
  'GET /kcs/v1/kme/devices/list',
  '?? status == 200',
  '?? body $.totalCount > 0',
  '',
].join('\n');

const FAILING = [
  '### Devices',
  '# @name listDevices',
  'GET /kcs/v1/kme/devices/list',
  '?? status == 200',
  '?? body $.deviceList[0].status == "ASSIGNED"',
  '',
  '### Profiles, for a later test',
  '# @name listProfiles',
  'GET /kcs/v1/kme/profiles/list',
  '?? status == 200',
  '',
].join('\n');

function children(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

// Every run's output is captured by knox(), never printed: the closing "N passed, N failed"
// of a child must not be mistaken for the project's own test summary.
describe('knox test (process)', function () {
  this.timeout(60_000);
  let dir: TempDir;
  let sandbox: Sandbox;
  let legacy: string[];

  before(async () => {
    assertCliBuilt();
    dir = await tempDir();
    sandbox = await startSandbox({ port: 0, dir: `${dir.path}/sandbox` });
    const { keysFile, clientIdentifierFiles } = sandbox.credentials;
    legacy = [
      '--keys',
      keysFile,
      '--client-id-file',
      clientIdentifierFiles.kme,
      '--base',
      sandbox.url,
    ];
  });
  after(async () => {
    await sandbox.close();
    await dir.remove();
  });

  it('runs the example suite with --sandbox: a PASS line per test, the closing count, exit 0', async () => {
    const files = readdirSync(EXAMPLES).filter((n) => n.endsWith('.http'));
    assert.ok(files.length >= 6, `a file per Knox service in examples/: ${files.join(', ')}`);
    const run = await knox(['test', '--sandbox', EXAMPLES], { cwd: dir.path, timeoutMs: 45_000 });
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    const lines = run.stdout.trimEnd().split('\n');
    const tests = lines.slice(0, -1);
    assert.ok(tests.length >= files.length, run.stdout);
    for (const line of tests) assert.match(line, /^PASS \S+\.http:\d+ \S+ \(\d{3}, /);
    for (const file of files)
      assert.ok(
        tests.some((l) => l.includes(`${file}:`)),
        `${file} ran`,
      );
    assert.equal(lines.at(-1), `${tests.length} passed, 0 failed`);
    assert.match(run.stderr, /sandbox started at http:\/\/127\.0\.0\.1:\d+/);
  });

  it('passes with credentials as for send against a given --base', async () => {
    const file = await dir.write('passing.http', PASSING);
    const run = await knox(['test', file, ...legacy], { cwd: dir.path });
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /^PASS passing\.http:3 listDevices \(200, \d+ ms\)\n1 passed, 0 failed\n$/,
    );
  });

  it('fails with exit 1 and names the assertion, expected and actual', async () => {
    const file = await dir.write('failing.http', FAILING);
    const run = await knox(['test', file, ...legacy], { cwd: dir.path });
    assert.equal(run.code, 1, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 3, run.stdout);
    assert.match(
      lines[0] ?? '',
      /^FAIL failing\.http:3 listDevices \(200, \d+ ms\): line 5: body \$\.deviceList\[0\]\.status == "ASSIGNED": got NOT_ASSIGNED$/,
    );
    assert.match(lines[1] ?? '', /^PASS failing\.http:9 listProfiles/);
    assert.equal(lines[2], '1 passed, 1 failed');
  });

  it('stops at the first failure with --bail', async () => {
    const file = await dir.write('bail.http', FAILING);
    const run = await knox(['test', file, '--bail', ...legacy], { cwd: dir.path });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^FAIL bail\.http:3 [^\n]*\n0 passed, 1 failed\n$/);
  });

  it('refuses a malformed assertion with exit 2, file and line, before sending anything', async () => {
    const good = await dir.write('good.http', PASSING);
    const bad = await dir.write(
      'bad.http',
      `${PASSING}\n###\nGET /kcs/v1/kme/profiles/list\n?? status = 200\n`,
    );
    sandbox.clearRequests();
    const run = await knox(['test', good, bad, ...legacy], { cwd: dir.path });
    assertFailure(run, 2, 'bad.http:9:', '"=" is not an operator', 'Nothing was sent');
    assert.deepEqual(sandbox.recentRequests(), [], 'no request reached the sandbox');
  });

  it('refuses --sandbox with another host or credentials (exit 2)', async () => {
    const file = await dir.write('usage.http', PASSING);
    const run = await knox(['test', file, '--sandbox', '--base', sandbox.url], { cwd: dir.path });
    assertFailure(run, 2, '--sandbox brings its own host', '--base');
  });

  it('writes JUnit XML with --junit: a testsuite per file, a testcase per test, failures with expected and actual', async () => {
    const passing = await dir.write('junit-pass.http', PASSING);
    const failing = await dir.write('junit-fail.http', FAILING);
    const report = join(dir.path, 'report.xml');
    const run = await knox(['test', passing, failing, ...legacy, '--junit', 'report.xml'], {
      cwd: dir.path,
    });
    assert.equal(run.code, 1, run.stderr);
    const root = parseXml(await readFile(report, 'utf8'));
    assert.equal(root.name, 'testsuites');
    assert.deepEqual([root.attributes.tests, root.attributes.failures], ['3', '1']);
    const suites = children(root, 'testsuite');
    assert.deepEqual(
      suites.map((s) => [s.attributes.name, s.attributes.tests, s.attributes.failures]),
      [
        ['junit-pass.http', '1', '0'],
        ['junit-fail.http', '2', '1'],
      ],
    );
    const [failed, passed] = children(suites[1] as XmlElement, 'testcase');
    assert.equal(failed?.attributes.name, 'listDevices');
    assert.equal(failed?.attributes.line, '3');
    assert.deepEqual(children(passed as XmlElement, 'failure'), []);
    const failure = children(failed, 'failure')[0];
    assert.equal(failure?.attributes.type, 'assertion');
    assert.equal(
      failure?.attributes.message,
      'body $.deviceList[0].status == "ASSIGNED": got NOT_ASSIGNED',
    );
    assert.match(
      failure?.text ?? '',
      /junit-fail\.http:5: \?\? body \$\.deviceList\[0\]\.status == "ASSIGNED"/,
    );
    assert.match(failure?.text ?? '', /expected: == "ASSIGNED"\n {2}actual: NOT_ASSIGNED/);
  });

  it('prints the results as one JSON document with --json', async () => {
    const file = await dir.write('json.http', FAILING);
    const run = await knox(['test', file, ...legacy, '--json'], { cwd: dir.path });
    assert.equal(run.code, 1);
    const json = jsonOf(run) as {
      passed: number;
      failed: number;
      tests: { name: string; line: number; failures: Record<string, unknown>[] }[];
    };
    assert.deepEqual([json.passed, json.failed], [1, 1]);
    assert.deepEqual(json.tests[0]?.failures[0], {
      line: 5,
      message: 'body $.deviceList[0].status == "ASSIGNED": got NOT_ASSIGNED',
      expected: '== "ASSIGNED"',
      actual: 'NOT_ASSIGNED',
    });
  });
});
