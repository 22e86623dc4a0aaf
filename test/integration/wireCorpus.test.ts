import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SendSummary } from '../../src/vscode/runner/requestRunner';
import { activateKnox } from '../helpers/extension';
import {
  assertArrival,
  describeRequest,
  loadWireCorpus,
  startEchoServer,
  wireCorpusFiles,
} from '../helpers/wireCorpus';
import type { EchoServer, WireCorpus } from '../helpers/wireCorpus';

// The same corpus goes through `knox send` in test/unit/cli/wireCorpus.test.ts.
describe('The editor runner puts on the wire what REST Client sends (test/fixtures/wire)', function () {
  this.timeout(120_000);
  let echo: EchoServer;
  let corpus: WireCorpus;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('knox');
  const saved: {
    environments: unknown;
    active: unknown;
    processEnv: Record<string, string | undefined>;
  } = { environments: undefined, active: undefined, processEnv: {} };

  before(async () => {
    await activateKnox();
    echo = await startEchoServer();
    corpus = loadWireCorpus(echo.port);
    saved.environments = config().inspect('environments')?.globalValue;
    saved.active = config().inspect('activeEnvironment')?.globalValue;
  });

  after(async () => {
    await config().update('environments', saved.environments, vscode.ConfigurationTarget.Global);
    await config().update('activeEnvironment', saved.active, vscode.ConfigurationTarget.Global);
    for (const [name, value] of Object.entries(saved.processEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    corpus?.remove();
    await echo?.close();
  });

  for (const file of wireCorpusFiles()) {
    it(`sends ${file} as REST Client would`, async () => {
      const wireCase = corpus.cases.find((c) => c.file === file);
      assert.ok(wireCase, file);
      await config().update(
        'environments',
        { wire: wireCase.environment },
        vscode.ConfigurationTarget.Global,
      );
      await config().update('activeEnvironment', 'wire', vscode.ConfigurationTarget.Global);
      for (const [name, value] of Object.entries(wireCase.processEnv)) {
        if (!(name in saved.processEnv)) saved.processEnv[name] = process.env[name];
        process.env[name] = value;
      }
      const uri = vscode.Uri.file(wireCase.path).toString();
      for (const request of wireCase.requests) {
        const label = describeRequest(wireCase, request);
        echo.arrivals.length = 0;
        const summary = await vscode.commands.executeCommand<SendSummary>(
          'knox.sendRequest',
          request.name !== undefined
            ? { uri, name: request.name }
            : { uri, line: (request.line ?? 1) - 1 },
        );
        assert.equal(summary.status, 200, label);
        assert.equal(echo.arrivals.length, 1, `${label}: one request arrived`);
        const [arrival] = echo.arrivals;
        assert.ok(arrival);
        assertArrival(label, request, arrival);
        for (const name of request.shown ?? []) {
          assert.ok(
            summary.headersSent.includes(name),
            `${label}: ${name} is among the request headers shown (${summary.headersSent.join(', ')})`,
          );
        }
      }
    });
  }
});
