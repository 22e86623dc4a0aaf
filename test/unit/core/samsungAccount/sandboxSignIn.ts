import { startLoopbackReceiver } from '../../../../src/core/samsungAccount/loopbackReceiver';
import type { SamsungAccountClient } from '../../../../src/core/samsungAccount/samsungAccountEndpoints';
import { signInGateUrl } from '../../../../src/core/samsungAccount/samsungAccountEndpoints';
import { acceptSignInRedirect } from '../../../../src/core/samsungAccount/signInRedirect';
import { SignInState } from '../../../../src/core/samsungAccount/signInState';
import type { Harness } from '../../sandbox/sandboxTestKit';
import { signInWithBrowser } from './sandboxBrowser';

/** The sandbox's demo Samsung Account client, with a loopback redirect on a free port. */
export function sandboxClient(h: Harness): SamsungAccountClient {
  return {
    clientId: h.demo.saClientId,
    aliasId: h.demo.aliasId,
    authorizationHost: h.sandbox.url,
    redirectUri: 'http://127.0.0.1/callback',
  };
}

/**
 * A whole browser sign-in through the toolkit's own pieces: state, loopback receiver, signInGate
 * URL, the sandbox's form. Returns the code and the redirect URI it was issued for.
 */
export async function signInCode(
  client: SamsungAccountClient,
  loginId?: string,
): Promise<{ code: string; redirectUri: string }> {
  const state = new SignInState();
  const receiver = await startLoopbackReceiver({
    redirectUri: client.redirectUri,
    accept: (r) => acceptSignInRedirect(r, state),
  });
  await signInWithBrowser(
    signInGateUrl(client, { state: state.value, redirectUri: receiver.redirectUri }),
    loginId === undefined ? {} : { loginId },
  );
  return { code: await receiver.result, redirectUri: receiver.redirectUri };
}
