import assert from 'node:assert/strict';
import { isKnoxToolError } from '../../../../src/core/toolError';
import type { KnoxToolError } from '../../../../src/core/toolError';
import type { FetchLike } from '../../../../src/core/http/fetchLike';
import { backoffDelay, parseRetryAfter, sendRequest } from '../../../../src/core/http/sendRequest';
import { replyJson, startLoopback } from '../../../helpers/loopback';
import type { Loopback } from '../../../helpers/loopback';

function record(waits: number[]): (ms: number) => Promise<void> {
  return (ms) => {
    waits.push(ms);
    return Promise.resolve();
  };
}

async function rejection(promise: Promise<unknown>): Promise<KnoxToolError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(isKnoxToolError(e), `expected a KnoxToolError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a rejection');
}

describe('sendRequest', () => {
  let server: Loopback | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  describe('responses', () => {
    it('returns a 4xx as a response with its body and lower-cased headers', async () => {
      server = await startLoopback((_req, res) =>
        replyJson(res, 403, '{"code":4032251,"message":"ACCESS_TOKEN_EXPIRED"}', {
          'X-Knox-Thing': 'a',
        }),
      );
      const response = await sendRequest({ url: `${server.url}/kcs/v1/kme/devices/list` });
      assert.equal(response.status, 403);
      assert.equal(response.statusText, 'Forbidden');
      assert.equal(response.body, '{"code":4032251,"message":"ACCESS_TOKEN_EXPIRED"}');
      assert.equal(response.headers['x-knox-thing'], 'a');
      assert.equal(response.headers['content-type'], 'application/json');
      assert.equal(response.attempts, 1);
    });

    it('sends the method, headers and body as given', async () => {
      server = await startLoopback((_req, res) => replyJson(res, 200, '{}'));
      await sendRequest({
        url: `${server.url}/ams/v1/users/accesstoken`,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'x-extra': 'yes' },
        body: '{"a":1}',
      });
      const [seen] = server.requests;
      assert.equal(seen?.method, 'POST');
      assert.equal(seen?.url, '/ams/v1/users/accesstoken');
      assert.equal(seen?.headers['x-extra'], 'yes');
      assert.equal(seen?.body, '{"a":1}');
    });

    it('works with the global fetch as well as the default node-fetch', async () => {
      server = await startLoopback((_req, res) =>
        replyJson(res, 429, 'slow down', { 'Retry-After': '0' }),
      );
      const response = await sendRequest(
        { url: `${server.url}/x` },
        { fetch: globalThis.fetch, retry: { maxAttempts: 1 } },
      );
      assert.equal(response.status, 429);
      assert.equal(response.body, 'slow down');
      assert.equal(response.headers['retry-after'], '0');
    });

    it('rejects a relative URL with INVALID_INPUT before sending', async () => {
      const error = await rejection(sendRequest({ url: '/kcs/v1/kme/devices/list' }));
      assert.equal(error.code, 'INVALID_INPUT');
      assert.match(error.message, /not an absolute http\(s\) URL/);
    });
  });

  describe('timeout, abort and network failures', () => {
    it('ends with NETWORK_TIMEOUT when no answer comes in time, naming the host', async () => {
      server = await startLoopback(() => undefined);
      const host = new URL(server.url).host;
      const started = Date.now();
      const error = await rejection(sendRequest({ url: `${server.url}/slow` }, { timeoutMs: 150 }));
      assert.equal(error.code, 'NETWORK_TIMEOUT');
      assert.equal(
        error.message,
        `No answer from ${host} within 150 ms. Check your network and proxy, or raise the request timeout.`,
      );
      assert.ok(Date.now() - started < 5_000);
    });

    it('times out a body that stalls after the headers', async () => {
      server = await startLoopback((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"accessToken":');
      });
      const error = await rejection(
        sendRequest({ url: `${server.url}/stall` }, { timeoutMs: 150 }),
      );
      assert.equal(error.code, 'NETWORK_TIMEOUT');
    });

    it('ends with ABORTED when the caller aborts mid-request', async () => {
      const controller = new AbortController();
      server = await startLoopback(() => controller.abort());
      const error = await rejection(
        sendRequest({ url: `${server.url}/x` }, { signal: controller.signal, timeoutMs: 10_000 }),
      );
      assert.equal(error.code, 'ABORTED');
      assert.equal(error.message, `The request to ${new URL(server.url).host} was cancelled.`);
    });

    it('does not send anything when the signal is already aborted', async () => {
      server = await startLoopback((_req, res) => replyJson(res, 200));
      const error = await rejection(
        sendRequest({ url: `${server.url}/x` }, { signal: AbortSignal.abort() }),
      );
      assert.equal(error.code, 'ABORTED');
      assert.equal(server.requests.length, 0);
    });

    it('ends with NETWORK_FAILED naming the host and the check, never the query string', async () => {
      const closed = await startLoopback(() => undefined);
      await closed.close();
      const host = new URL(closed.url).host;
      const error = await rejection(
        sendRequest({ url: `${closed.url}/x?access_token=s3cr3t-value` }, { timeoutMs: 5_000 }),
      );
      assert.equal(error.code, 'NETWORK_FAILED');
      assert.equal(
        error.message,
        `Could not reach ${host}: connection refused (ECONNREFUSED). Check the base URL and port, and that the server is running.`,
      );
      assert.doesNotMatch(error.message, /s3cr3t/);
      assert.ok(error.cause !== undefined);
    });

    it('keeps a fake fetch that ignores the signal from hanging past the timeout', async () => {
      const neverAnswers: FetchLike = () => new Promise(() => undefined);
      const error = await rejection(
        sendRequest(
          { url: 'https://eu-kcs-api.samsungknox.com/x' },
          { fetch: neverAnswers, timeoutMs: 50 },
        ),
      );
      assert.equal(error.code, 'NETWORK_TIMEOUT');
      assert.match(error.message, /^No answer from eu-kcs-api\.samsungknox\.com within 50 ms\./);
    });
    it('times out a fake fetch whose body never ends', async () => {
      const endlessBody: FetchLike = () =>
        Promise.resolve({
          status: 200,
          statusText: 'OK',
          headers: { get: () => null },
          text: () => new Promise<string>(() => undefined),
        });
      const error = await rejection(
        sendRequest(
          { url: 'https://us-kcs-api.samsungknox.com/x' },
          { fetch: endlessBody, timeoutMs: 50 },
        ),
      );
      assert.equal(error.code, 'NETWORK_TIMEOUT');
    });
  });

  describe('429 retries', () => {
    it('honours Retry-After in seconds', async () => {
      let calls = 0;
      server = await startLoopback((_req, res) =>
        ++calls === 1
          ? replyJson(res, 429, '', { 'Retry-After': '7' })
          : replyJson(res, 200, '{"ok":true}'),
      );
      const waits: number[] = [];
      const shown: number[] = [];
      const response = await sendRequest(
        { url: `${server.url}/x` },
        { sleep: record(waits), onWait: (ms) => shown.push(ms) },
      );
      assert.equal(response.status, 200);
      assert.equal(response.attempts, 2);
      assert.equal(response.waitedMs, 7_000);
      assert.deepEqual(waits, [7_000]);
      assert.deepEqual(shown, [7_000]);
      assert.equal(server.requests.length, 2);
    });

    it('honours Retry-After as an HTTP date against the injected clock', async () => {
      const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
      let calls = 0;
      server = await startLoopback((_req, res) =>
        ++calls === 1
          ? replyJson(res, 429, '', { 'Retry-After': 'Wed, 21 Oct 2015 07:28:12 GMT' })
          : replyJson(res, 200, '{}'),
      );
      const waits: number[] = [];
      const response = await sendRequest(
        { url: `${server.url}/x` },
        { now: () => now, sleep: record(waits) },
      );
      assert.equal(response.status, 200);
      assert.deepEqual(waits, [12_000]);
    });

    it('backs off exponentially with jitter and stops after maxAttempts, returning the 429', async () => {
      server = await startLoopback((_req, res) => replyJson(res, 429, '{"code":"429"}'));
      const waits: number[] = [];
      const response = await sendRequest(
        { url: `${server.url}/x` },
        {
          retry: { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 20_000, maxTotalWaitMs: 60_000 },
          random: () => 0.5,
          sleep: record(waits),
        },
      );
      assert.equal(response.status, 429);
      assert.equal(response.attempts, 4);
      assert.equal(server.requests.length, 4);
      assert.deepEqual(waits, [750, 1_500, 3_000]);
    });

    it('does not start a wait that would pass the total wait budget', async () => {
      server = await startLoopback((_req, res) =>
        replyJson(res, 429, '', { 'Retry-After': '120' }),
      );
      const waits: number[] = [];
      const response = await sendRequest(
        { url: `${server.url}/x` },
        { retry: { maxTotalWaitMs: 60_000 }, sleep: record(waits) },
      );
      assert.equal(response.status, 429);
      assert.equal(response.attempts, 1);
      assert.deepEqual(waits, []);
      assert.equal(server.requests.length, 1);
    });

    it('stops retrying once the waits add up to the budget', async () => {
      server = await startLoopback((_req, res) => replyJson(res, 429, '', { 'Retry-After': '4' }));
      const waits: number[] = [];
      const response = await sendRequest(
        { url: `${server.url}/x` },
        {
          retry: { maxAttempts: 10, maxTotalWaitMs: 10_000 },
          sleep: record(waits),
        },
      );
      assert.deepEqual(waits, [4_000, 4_000]);
      assert.equal(response.attempts, 3);
      assert.equal(response.waitedMs, 8_000);
    });

    it('does not retry other statuses', async () => {
      server = await startLoopback((_req, res) => replyJson(res, 503, '', { 'Retry-After': '1' }));
      const response = await sendRequest(
        { url: `${server.url}/x` },
        { sleep: () => assert.fail('slept') },
      );
      assert.equal(response.status, 503);
      assert.equal(server.requests.length, 1);
    });

    it('ends a back-off wait with ABORTED when the caller aborts', async () => {
      const controller = new AbortController();
      server = await startLoopback((_req, res) => {
        replyJson(res, 429, '', { 'Retry-After': '30' });
        setTimeout(() => controller.abort(), 50);
      });
      const started = Date.now();
      const error = await rejection(
        sendRequest({ url: `${server.url}/x` }, { signal: controller.signal }),
      );
      assert.equal(error.code, 'ABORTED');
      assert.ok(Date.now() - started < 5_000, 'the 30 s wait was cut short');
      assert.equal(server.requests.length, 1);
    });
  });

  describe('parseRetryAfter', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    it('reads delta-seconds, fractions included', () => {
      assert.equal(parseRetryAfter('120', now), 120_000);
      assert.equal(parseRetryAfter(' 0 ', now), 0);
      assert.equal(parseRetryAfter('1.5', now), 1_500);
    });
    it('reads an HTTP date, and a past date as 0', () => {
      assert.equal(parseRetryAfter('Mon, 01 Jan 2024 00:00:30 GMT', now), 30_000);
      assert.equal(parseRetryAfter('Sun, 31 Dec 2023 23:59:00 GMT', now), 0);
    });
    it('returns undefined for a missing or unreadable header', () => {
      assert.equal(parseRetryAfter(undefined, now), undefined);
      assert.equal(parseRetryAfter('', now), undefined);
      assert.equal(parseRetryAfter('soon', now), undefined);
      assert.equal(parseRetryAfter('-5', now), undefined);
    });
  });

  describe('backoffDelay', () => {
    it('doubles per attempt, stays within [ceiling/2, ceiling] and is capped', () => {
      assert.equal(
        backoffDelay(1, 1_000, 20_000, () => 0),
        500,
      );
      assert.equal(
        backoffDelay(1, 1_000, 20_000, () => 0.999999),
        1_000,
      );
      assert.equal(
        backoffDelay(3, 1_000, 20_000, () => 0),
        2_000,
      );
      assert.equal(
        backoffDelay(10, 1_000, 20_000, () => 0.999999),
        20_000,
      );
      assert.equal(
        backoffDelay(10, 1_000, 20_000, () => 0),
        10_000,
      );
    });
  });
});
