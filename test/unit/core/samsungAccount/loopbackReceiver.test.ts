import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KnoxToolError, isKnoxToolError } from '../../../../src/core/toolError';
import { startLoopbackReceiver } from '../../../../src/core/samsungAccount/loopbackReceiver';
import type { SignInRedirect } from '../../../../src/core/samsungAccount/signInRedirect';
import { acceptSignInRedirect } from '../../../../src/core/samsungAccount/signInRedirect';
import { SignInState } from '../../../../src/core/samsungAccount/signInState';

async function connectionRefused(url: string): Promise<boolean> {
  try {
    await fetch(url);
    return false;
  } catch (e) {
    return (e as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
  }
}

async function rejectsWith(
  promise: Promise<unknown>,
  code: string,
  message: RegExp,
): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(isKnoxToolError(e));
    assert.equal(e.code, code);
    assert.match(e.message, message);
    return true;
  });
}

// Whether this machine can listen on ::1 at all (some CI containers have no IPv6).
async function hasIpv6(): Promise<boolean> {
  const probe = createServer();
  try {
    await new Promise<void>((ok, fail) => {
      probe.once('error', fail);
      probe.listen(0, '::1', ok);
    });
    return true;
  } catch {
    return false;
  } finally {
    probe.close();
  }
}

describe('startLoopbackReceiver', () => {
  it('takes one redirect on a free 127.0.0.1 port, answers with a close-this-tab page, then closes', async () => {
    const receiver = await startLoopbackReceiver({
      redirectUri: 'http://127.0.0.1/callback',
      accept: (r: SignInRedirect) => r,
    });
    const url = new URL(receiver.redirectUri);
    assert.equal(url.hostname, '127.0.0.1');
    assert.equal(url.pathname, '/callback');
    assert.ok(Number(url.port) > 0, 'a port was picked');

    const page = await fetch(`${receiver.redirectUri}?code=abc&state=s1`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.match(await page.text(), /You can close this tab and return to VS Code/);
    assert.deepEqual(await receiver.result, { code: 'abc', state: 's1' });
    assert.equal(await connectionRefused(receiver.redirectUri), true, 'closed after one request');
  });

  it('answers other paths with 404 without counting them', async () => {
    const receiver = await startLoopbackReceiver({
      redirectUri: 'http://localhost/cb',
      accept: (r: SignInRedirect) => r.code,
    });
    assert.match(receiver.redirectUri, /^http:\/\/localhost:\d+\/cb$/);
    const port = new URL(receiver.redirectUri).port;
    const favicon = await fetch(`http://127.0.0.1:${port}/favicon.ico`);
    assert.equal(favicon.status, 404);
    await favicon.text();
    const post = await fetch(`http://127.0.0.1:${port}/cb?code=x`, { method: 'POST' });
    assert.equal(post.status, 405);
    await post.text();
    await (await fetch(`http://127.0.0.1:${port}/cb?code=real&state=s`)).text();
    assert.equal(await receiver.result, 'real');
  });

  it('shows the refusal in the browser and rejects with it when accept throws', async () => {
    const refusal = new KnoxToolError('SIGN_IN_FAILED', 'Sign-in refused: <denied> access.');
    const receiver = await startLoopbackReceiver({
      redirectUri: 'http://127.0.0.1/callback',
      accept: () => {
        throw refusal;
      },
    });
    const result = receiver.result.catch((e: unknown) => e);
    const page = await fetch(`${receiver.redirectUri}?error=access_denied&state=s`);
    assert.equal(page.status, 400);
    const text = await page.text();
    assert.match(text, /<h1>Sign-in refused<\/h1>/);
    assert.match(text, /Sign-in refused: &#60;denied&#62; access\./, 'the message, HTML-escaped');
    assert.equal(await result, refusal);
    assert.equal(await connectionRefused(receiver.redirectUri), true);
  });

  it('wraps anything else accept throws, without showing it to the browser', async () => {
    const receiver = await startLoopbackReceiver({
      redirectUri: 'http://127.0.0.1/callback',
      accept: () => {
        throw new Error('internal detail');
      },
    });
    const result = receiver.result.catch((e: unknown) => e);
    const text = await (await fetch(`${receiver.redirectUri}?code=abc`)).text();
    assert.doesNotMatch(text, /internal detail/);
    const error = await result;
    assert.ok(isKnoxToolError(error, 'SIGN_IN_FAILED'));
    assert.equal((error.cause as Error).message, 'internal detail');
  });

  it('gives up after the timeout with SIGN_IN_TIMEOUT and closes', async () => {
    const receiver = await startLoopbackReceiver({
      redirectUri: 'http://127.0.0.1/callback',
      accept: () => 'never',
      timeoutMs: 50,
    });
    await rejectsWith(
      receiver.result,
      'SIGN_IN_TIMEOUT',
      /^No sign-in arrived at http:\/\/127\.0\.0\.1:\d+\/callback within 0 s\. Start the sign-in again/,
    );
    assert.equal(await connectionRefused(receiver.redirectUri), true);
  });

  it('stops with ABORTED when the signal aborts or close() is called', async () => {
    const controller = new AbortController();
    const receiver = await startLoopbackReceiver({
      redirectUri: 'http://127.0.0.1/callback',
      accept: () => 'x',
      signal: controller.signal,
    });
    controller.abort();
    await rejectsWith(receiver.result, 'ABORTED', /cancelled/);
    assert.equal(await connectionRefused(receiver.redirectUri), true);

    const other = await startLoopbackReceiver({
      redirectUri: 'http://127.0.0.1/cb',
      accept: () => 'x',
    });
    const outcome = other.result.catch((e: unknown) => e);
    await other.close();
    assert.ok(isKnoxToolError(await outcome, 'ABORTED'));
    await rejectsWith(
      startLoopbackReceiver({
        redirectUri: 'http://127.0.0.1/cb',
        accept: () => 'x',
        signal: AbortSignal.abort(),
      }),
      'ABORTED',
      /cancelled/,
    );
  });

  it('binds the port a registered redirect URI names, and says so when it is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok));
    const port = (blocker.address() as AddressInfo).port;
    try {
      await rejectsWith(
        startLoopbackReceiver({
          redirectUri: `http://127.0.0.1:${port}/callback`,
          accept: () => 'x',
        }),
        'NETWORK_FAILED',
        new RegExp(
          `^Cannot receive the sign-in on 127\\.0\\.0\\.1:${port} \\(EADDRINUSE\\)\\. Close the program`,
        ),
      );
    } finally {
      await new Promise<void>((ok) => blocker.close(() => ok()));
    }
    const receiver = await startLoopbackReceiver({
      redirectUri: `http://127.0.0.1:${port}/callback`,
      accept: (r: SignInRedirect) => r.code,
    });
    assert.equal(
      receiver.redirectUri,
      `http://127.0.0.1:${port}/callback`,
      'exactly as registered',
    );
    await (await fetch(`${receiver.redirectUri}?code=k`)).text();
    assert.equal(await receiver.result, 'k');
  });

  it('refuses a redirect URI no local server can receive', async () => {
    await rejectsWith(
      startLoopbackReceiver({ redirectUri: 'https://portal.example.com/cb', accept: () => 'x' }),
      'INVALID_INPUT',
      /not a loopback http URI/,
    );
  });

  describe('strangers (issue 11)', () => {
    it('answers a forged or state-less redirect with an error page and keeps waiting for the real one', async () => {
      const state = new SignInState();
      const receiver = await startLoopbackReceiver({
        redirectUri: 'http://127.0.0.1/callback',
        accept: (r) => acceptSignInRedirect(r, state),
      });
      for (const query of ['?code=evil&state=forged', '?code=evil', '?error=access_denied']) {
        const page = await fetch(`${receiver.redirectUri}${query}`);
        assert.equal(page.status, 400, query);
        assert.match(await page.text(), /may be a forged redirect/);
      }
      const real = await fetch(`${receiver.redirectUri}?code=real-code&state=${state.value}`);
      assert.equal(real.status, 200);
      assert.match(await real.text(), /You can close this tab/);
      assert.equal(await receiver.result, 'real-code');
      assert.equal(
        await connectionRefused(receiver.redirectUri),
        true,
        'closed after the real one',
      );
    });

    it('still times out when only strangers come', async () => {
      const state = new SignInState();
      const receiver = await startLoopbackReceiver({
        redirectUri: 'http://127.0.0.1/callback',
        accept: (r) => acceptSignInRedirect(r, state),
        timeoutMs: 300,
      });
      const outcome = receiver.result.catch((e: unknown) => e);
      await (await fetch(`${receiver.redirectUri}?code=evil&state=forged`)).text();
      assert.ok(isKnoxToolError(await outcome, 'SIGN_IN_TIMEOUT'));
    });

    it('listens on 127.0.0.1 and ::1 for localhost, on ::1 only for [::1]', async function () {
      if (!(await hasIpv6())) this.skip();
      const state = new SignInState();
      const receiver = await startLoopbackReceiver({
        redirectUri: 'http://localhost/callback',
        accept: (r) => acceptSignInRedirect(r, state),
      });
      const port = new URL(receiver.redirectUri).port;
      const stranger = await fetch(`http://[::1]:${port}/callback?code=evil&state=forged`);
      assert.equal(stranger.status, 400, '::1 answers');
      await stranger.text();
      const v4 = await fetch(`http://127.0.0.1:${port}/callback?code=c4&state=${state.value}`);
      assert.equal(v4.status, 200, '127.0.0.1 answers');
      await v4.text();
      assert.equal(await receiver.result, 'c4');
      assert.equal(await connectionRefused(`http://[::1]:${port}/callback`), true);

      const six = await startLoopbackReceiver({
        redirectUri: 'http://[::1]/cb',
        accept: (r: SignInRedirect) => r.code,
      });
      const sixPort = new URL(six.redirectUri).port;
      assert.match(six.redirectUri, /^http:\/\/\[::1\]:\d+\/cb$/);
      assert.equal(await connectionRefused(`http://127.0.0.1:${sixPort}/cb`), true, 'not on IPv4');
      await (await fetch(`${six.redirectUri}?code=c6`)).text();
      assert.equal(await six.result, 'c6');
    });

    it('refuses a localhost port another program holds on ::1, where the browser might go', async function () {
      if (!(await hasIpv6())) this.skip();
      const blocker = createServer();
      await new Promise<void>((ok) => blocker.listen(0, '::1', ok));
      const port = (blocker.address() as AddressInfo).port;
      try {
        await rejectsWith(
          startLoopbackReceiver({ redirectUri: `http://localhost:${port}/cb`, accept: () => 'x' }),
          'NETWORK_FAILED',
          new RegExp(`^Cannot receive the sign-in on \\[::1\\]:${port} \\(EADDRINUSE\\)`),
        );
        assert.equal(
          await connectionRefused(`http://127.0.0.1:${port}/cb`),
          true,
          'nothing left bound',
        );
      } finally {
        await new Promise<void>((ok) => blocker.close(() => ok()));
      }
    });
  });
});
