import assert from 'node:assert/strict';
import type { FetchLike } from '../../../../src/core/http/fetchLike';
import { nodeFetch } from '../../../../src/core/http/fetchLike';
import { DEFAULT_MAX_RESPONSE_BYTES, sendRequest } from '../../../../src/core/http/sendRequest';
import { transportNotes } from '../../../../src/core/knoxErrors/explainResult';
import { startStreamingServer } from '../../../helpers/streamingServer';

const MB = 1024 * 1024;
const STREAM_BYTES = 96 * MB;

describe('sendRequest: the response body limit', () => {
  it('is 50 MB unless given', () => {
    assert.equal(DEFAULT_MAX_RESPONSE_BYTES, 50 * MB);
  });

  for (const [name, fetch] of [
    ['node-fetch', nodeFetch],
    ['the global fetch', globalThis.fetch as FetchLike],
  ] as const) {
    it(`stops reading a 96 MB stream at the limit and says so (${name})`, async () => {
      const server = await startStreamingServer(STREAM_BYTES);
      try {
        const response = await sendRequest(
          { url: `${server.url}/big` },
          { fetch, maxResponseBytes: 1 * MB },
        );
        assert.equal(response.status, 200);
        assert.equal(response.body.length, 1 * MB, 'exactly the limit is kept');
        assert.ok(/^a+$/.test(response.body));
        assert.equal(response.truncatedAtBytes, 1 * MB);
        const written = await server.written();
        assert.ok(
          written < 32 * MB,
          `the server could send only ${Math.round(written / MB)} MB of 96 before the connection closed`,
        );
      } finally {
        await server.close();
      }
    });
  }

  it('keeps a body that fits, and cuts a fake fetch body too, never mid-character into garbage', async () => {
    const server = await startStreamingServer(2 * MB);
    try {
      const whole = await sendRequest({ url: server.url }, { maxResponseBytes: 2 * MB });
      assert.equal(whole.body.length, 2 * MB);
      assert.equal(whole.truncatedAtBytes, undefined);
    } finally {
      await server.close();
    }
    const fake: FetchLike = () =>
      Promise.resolve({
        status: 200,
        statusText: 'OK',
        headers: { get: () => null },
        text: () => Promise.resolve('éééé'),
      });
    const cut = await sendRequest(
      { url: 'http://127.0.0.1:9/x' },
      { fetch: fake, maxResponseBytes: 3 },
    );
    assert.equal(cut.body, 'é\uFFFD');
    assert.equal(cut.truncatedAtBytes, 3);
  });

  it('names the limit in the note the response view and the CLI show', () => {
    assert.deepEqual(transportNotes({ truncatedAtBytes: 50 * MB }, 'knox.requests.maxResponseMB'), [
      'The response is longer than the limit: stopped reading at 50 MB (knox.requests.maxResponseMB). Only the first part is shown.',
    ]);
  });
});
