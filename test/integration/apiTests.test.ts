import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { KnoxFeatures } from '../../src/extension';
import type { Sandbox } from '../../src/sandbox/sandbox';
import { activateKnox, connectOwnSandbox, until } from '../helpers/extension';
import type { OwnSandbox } from '../helpers/extension';

// out/test/integration/<file>.js -> the repository's examples/.
const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');

const FAILING = [
  '### Devices, with one assertion that cannot hold',
  '# @name devicesFail',
  'GET /kcs/v1/kme/devices/list',
  '?? status == 200',
  '?? body $.deviceList[0].status == "ASSIGNED"',
  '',
  '### A malformed assertion is an error in the editor',
  'GET /kcs/v1/kme/profiles/list',
  '?? status = 200',
  '',
].join('\n');

function assertionCount(text: string): number {
  const blocks = text.split(/^###.*$/m);
  return blocks.filter((b) => /^\s*\?\?/m.test(b) && /^(GET|POST|PUT|DELETE|PATCH) /m.test(b))
    .length;
}

describe('Knox API tests in the Test Explorer (the example suite against the local sandbox)', function () {
  this.timeout(120_000);
  let features: KnoxFeatures;
  let sandbox: Sandbox;
  let dir: string;
  let own: OwnSandbox | undefined;
  const examples = readdirSync(EXAMPLES).filter((n) => n.endsWith('.http'));

  before(async () => {
    const api = await activateKnox();
    features = await api.features();
    own = await connectOwnSandbox('knox-api-tests-');
    ({ sandbox, dir } = own);
    for (const name of examples) {
      await vscode.workspace.openTextDocument(vscode.Uri.file(join(EXAMPLES, name)));
    }
  });

  after(async () => {
    await own?.release();
  });

  it('lists each example file as a suite and each request with assertions as a test', async () => {
    const listing = await features.tests.listing();
    for (const name of examples) {
      const suite = listing.find((s) => s.id === vscode.Uri.file(join(EXAMPLES, name)).toString());
      assert.ok(suite, `${name} is a suite: ${listing.map((s) => s.label).join(', ')}`);
      const text = readFileSync(join(EXAMPLES, name), 'utf8');
      assert.equal(suite.tests.length, assertionCount(text), `tests of ${name}`);
    }
    const kme = listing.find((s) => s.id.endsWith('/kme.http'));
    assert.ok(kme?.tests.some((t) => t.label === 'listDevices' && t.line === 5));
  });

  it('runs the whole example suite from "Test: Run All Tests" with the profile tokens, and every test passes', async () => {
    const listing = await features.tests.listing();
    const expected = listing
      .filter((s) => examples.some((n) => s.id.endsWith(`/${n}`)))
      .flatMap((s) => s.tests.map((t) => t.id));
    sandbox.clearRequests();
    await vscode.commands.executeCommand('testing.runAll');
    const records = await until(
      'the test run',
      () => {
        const done = features.tests.lastRun();
        return expected.every((id) => done.some((r) => r.id === id)) ? done : undefined;
      },
      20_000,
    );
    for (const id of expected) {
      const record = records.find((r) => r.id === id);
      assert.equal(record?.state, 'passed', `${id}: ${JSON.stringify(record?.messages)}`);
    }
    const kme = sandbox.recentRequests().filter((r) => r.path === '/kcs/v1/kme/devices/list');
    assert.ok(kme.length > 0 && kme.every((r) => r.hasApiToken), 'sent with the Sandbox token');
  });

  it('shows a failing assertion with expected and actual at its line, and a malformed one as a diagnostic', async () => {
    const file = join(dir, 'failing.http');
    writeFileSync(file, FAILING);
    const uri = vscode.Uri.file(file);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostic = await until(
      'the malformed-assertion diagnostic',
      () => vscode.languages.getDiagnostics(uri).find((d) => d.range.start.line === 8),
      20_000,
    );
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic.message, /"=" is not an operator/);

    const listing = await features.tests.listing();
    const suite = listing.find((s) => s.id === uri.toString());
    assert.deepEqual(
      suite?.tests.map((t) => t.label),
      ['devicesFail'],
    );
    const [record] = await features.tests.run([suite.tests[0]?.id ?? '']);
    assert.equal(record?.state, 'failed');
    assert.deepEqual(record.messages, [
      {
        message: 'body $.deviceList[0].status == "ASSIGNED": got NOT_ASSIGNED',
        expected: '== "ASSIGNED"',
        actual: 'NOT_ASSIGNED',
        uri: uri.toString(),
        line: 4,
      },
    ]);
  });
});
