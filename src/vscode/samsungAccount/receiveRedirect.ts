import * as vscode from 'vscode';
import { KnoxToolError, isKnoxToolError } from '../../core/toolError';
import { startLoopbackReceiver } from '../../core/samsungAccount/loopbackReceiver';
import type { SamsungAccountClient } from '../../core/samsungAccount/samsungAccountEndpoints';
import { redirectTarget } from '../../core/samsungAccount/samsungAccountEndpoints';
import {
  acceptSignInRedirect,
  parseSignInRedirect,
} from '../../core/samsungAccount/signInRedirect';
import type { SignInState } from '../../core/samsungAccount/signInState';
import { ExtensionId } from '../ids';
import type { KnoxLog } from '../log';
import { Cancelled } from '../registerCommand';

/** The path of the vscode:// URI the URI handler receives sign-ins on. */
export const SIGN_IN_CALLBACK_PATH = '/signIn';

/** Where a sign-in's redirect comes back, and the authorization code it brings. */
export interface Redirect {
  readonly uri: string;
  code(): Promise<string>;
  dispose(): Promise<void>;
}

/** Where the URI handler hands a vscode:// redirect to: set while one is awaited. */
export interface RedirectSlot {
  receive?: (uri: vscode.Uri) => void;
}

export interface ReceiveRedirectOptions {
  readonly slot: RedirectSlot;
  readonly log: KnoxLog;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  /** For an https redirect URI: the address the browser landed on (else the user is asked for it). */
  readonly redirectedTo?: string;
}

/**
 * Starts receiving the redirect of one sign-in: a loopback server for 127.0.0.1, the URI handler
 * for VS Code's own vscode:// URI, else the address the browser landed on, pasted by the user.
 */
export async function receiveRedirect(
  client: SamsungAccountClient,
  state: SignInState,
  options: ReceiveRedirectOptions,
): Promise<Redirect> {
  const target = redirectTarget(client.redirectUri);
  if (target.kind === 'loopback') return loopbackRedirect(client, state, options);
  const accept = (query: string): string => acceptSignInRedirect(parseSignInRedirect(query), state);
  if (target.kind === 'app' && isOwnCallback(client.redirectUri))
    return uriHandlerRedirect(client, accept, options);
  return {
    uri: client.redirectUri,
    code: async () => accept(options.redirectedTo ?? (await askLandedAddress(client.redirectUri))),
    dispose: () => Promise.resolve(),
  };
}

async function loopbackRedirect(
  client: SamsungAccountClient,
  state: SignInState,
  { signal, timeoutMs }: ReceiveRedirectOptions,
): Promise<Redirect> {
  const receiver = await startLoopbackReceiver({
    redirectUri: client.redirectUri,
    accept: (r) => acceptSignInRedirect(r, state),
    timeoutMs,
    signal,
  });
  receiver.result.catch(() => undefined);
  return {
    uri: receiver.redirectUri,
    code: () => receiver.result,
    dispose: () => receiver.close(),
  };
}

async function uriHandlerRedirect(
  client: SamsungAccountClient,
  accept: (query: string) => string,
  { slot, log, signal, timeoutMs }: ReceiveRedirectOptions,
): Promise<Redirect> {
  const parsed = vscode.Uri.parse(client.redirectUri);
  const external = await vscode.env.asExternalUri(parsed);
  const uri =
    external.toString() === parsed.toString() ? client.redirectUri : external.toString(true);
  let timer: NodeJS.Timeout | undefined;
  const code = new Promise<string>((resolve, reject) => {
    const receive = (received: vscode.Uri): void => {
      slot.receive = undefined;
      try {
        resolve(accept(`?${received.query}`));
      } catch (e) {
        // As the loopback receiver: a link without this sign-in's state (any web page can
        // open one) is refused and the real redirect is still awaited (issue 11).
        if (isKnoxToolError(e, 'SIGN_IN_STATE_MISMATCH')) {
          slot.receive = receive;
          log.warn(`ignored a sign-in link: ${e.message}`);
          void vscode.window.showWarningMessage(
            'Knox ignored a Samsung Account sign-in link without the state this sign-in sent (it may be forged). Still waiting for your sign-in in the browser.',
          );
          return;
        }
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    };
    slot.receive = receive;
    timer = setTimeout(() => reject(uriHandlerTimeout(timeoutMs)), timeoutMs);
    const onAbort = (): void =>
      reject(new KnoxToolError('ABORTED', 'The sign-in was cancelled.', { cause: signal.reason }));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  code.catch(() => undefined);
  return {
    uri,
    code: () => code,
    dispose: () => {
      clearTimeout(timer);
      slot.receive = undefined;
      return Promise.resolve();
    },
  };
}

function uriHandlerTimeout(timeoutMs: number): KnoxToolError {
  return new KnoxToolError(
    'SIGN_IN_TIMEOUT',
    `No sign-in came back to VS Code within ${Math.round(timeoutMs / 1000)} s. Start the sign-in again and finish it in the browser.`,
  );
}

function isOwnCallback(redirectUri: string): boolean {
  const uri = vscode.Uri.parse(redirectUri);
  return (
    uri.scheme === vscode.env.uriScheme &&
    uri.authority.toLowerCase() === ExtensionId &&
    uri.path === SIGN_IN_CALLBACK_PATH
  );
}

async function askLandedAddress(redirectUri: string): Promise<string> {
  const value = await vscode.window.showInputBox({
    title: 'Finish the Samsung Account sign-in',
    prompt: `After signing in, the browser lands on ${redirectUri}. Paste that whole address (with ?code=…&state=…) here.`,
    placeHolder: `${redirectUri}?code=…&state=…`,
    ignoreFocusOut: true,
    password: true,
    validateInput: (v) =>
      /[?&](code|error)=/.test(v) ? undefined : 'The address must contain code= (or error=).',
  });
  if (value === undefined) throw new Cancelled();
  return value;
}
