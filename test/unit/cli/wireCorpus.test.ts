import assert from 'node:assert/strict';
import {
  assertArrival,
  describeRequest,
  loadWireCorpus,
  startEchoServer,
  wireCorpusFiles,
} from '../../helpers/wireCorpus';
import type { EchoServer, WireCorpus } from '../../helpers/wireCorpus';
import { assertCliBuilt, jsonOf, knox } from './knoxProcess';

// The same corpus goes through the editor's runner in test/integration/wireCorpus.test.ts.
describe('knox send puts on the wire what REST Client sends (test/fixtures/wire)', function () {
  this.timeout(120_000);
  let echo: EchoServer;
  let corpus: WireCorpus;

  before(async () => {
    assertCliBuilt();
    echo = await startEchoServer();
    corpus = loadWireCorpus(echo.port);
  });
  after(async () => {
    corpus?.remove();
    await echo?.close();
  });

  it('covers the seven REST Client behaviours, Basic credentials and the ordinary cases', () => {
    const files = corpus.cases.map((c) => c.file);
    for (const expected of [
      'host-header.http',
      'multipart-file.http',
      'form-urlencoded.http',
      'graphql.http',
      'cookies.http',
      'content-type.http',
      'percent-and-escapes.http',
      'several-requests.http',
      'comments.http',
      'variables.http',
      'query-continuation.http',
      'crlf.http',
      'includes.http',
      'lowercase-methods.http',
      'basic-auth.http',
    ]) {
      assert.ok(files.includes(expected), `${expected} is in the corpus`);
    }
  });

  for (const file of wireCorpusFiles()) {
    it(`sends ${file} as REST Client would`, async () => {
      const wireCase = corpus.cases.find((c) => c.file === file);
      assert.ok(wireCase, file);
      for (const request of wireCase.requests) {
        if (request.editorOnly !== undefined) continue;
        const label = describeRequest(wireCase, request);
        const pick =
          request.name !== undefined
            ? ['--name', request.name]
            : ['--line', String(request.line ?? 0)];
        const vars = Object.entries(wireCase.environment).flatMap(([k, v]) => [
          '--var',
          `${k}=${v}`,
        ]);
        echo.arrivals.length = 0;
        const run = await knox(
          [
            'send',
            wireCase.path,
            ...pick,
            ...vars,
            // Nothing listens there: only a Host header takes a relative URL to the echo server.
            '--base',
            'http://127.0.0.1:9',
            '--json',
          ],
          { env: { ...wireCase.processEnv } },
        );
        assert.equal(run.code, 0, `${label}: ${run.stderr}`);
        assert.equal(echo.arrivals.length, 1, `${label}: one request arrived`);
        const [arrival] = echo.arrivals;
        assert.ok(arrival);
        assertArrival(label, request, arrival);
        const shown = (jsonOf(run).request as { headers: { name: string }[] }).headers.map(
          (h) => h.name,
        );
        for (const name of request.shown ?? []) {
          assert.ok(shown.includes(name), `${label}: ${name} is among ${shown.join(', ')}`);
        }
      }
    });
  }
});
