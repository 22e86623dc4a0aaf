import assert from 'node:assert/strict';
import { isKnoxToolError } from '../../../../src/core/toolError';
import {
  acceptSignInRedirect,
  parseSignInRedirect,
} from '../../../../src/core/samsungAccount/signInRedirect';
import { SignInState } from '../../../../src/core/samsungAccount/signInState';

function refused(fn: () => unknown, code: string, message: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(isKnoxToolError(e));
    assert.equal(e.code, code);
    assert.match(e.message, message);
    assert.doesNotMatch(e.message, /[\r\n]/);
    return true;
  });
}

describe('sign-in redirect', () => {
  describe('parseSignInRedirect', () => {
    it('reads a full redirect URL, decoding the parameters', () => {
      assert.deepEqual(
        parseSignInRedirect('http://127.0.0.1:8765/callback?code=a%2Bb%2F%3D&state=s1&extra=1'),
        { code: 'a+b/=', state: 's1' },
      );
    });

    it('reads a bare query, an error redirect and ignores empty values and fragments', () => {
      assert.deepEqual(parseSignInRedirect('?code=c&state='), { code: 'c' });
      assert.deepEqual(
        parseSignInRedirect(
          'error=access_denied&error_description=The+user+cancelled.&error_code=AUT_1806&state=s#frag',
        ),
        {
          error: 'access_denied',
          errorDescription: 'The user cancelled.',
          errorCode: 'AUT_1806',
          state: 's',
        },
      );
      assert.deepEqual(
        parseSignInRedirect('vscode://knox-api-toolkit.knox-api-toolkit/signIn'),
        {},
      );
    });
  });

  describe('acceptSignInRedirect', () => {
    it('returns the code when the state matches', () => {
      const state = new SignInState();
      assert.equal(
        acceptSignInRedirect({ code: 'the-code', state: state.value }, state),
        'the-code',
      );
    });

    it('refuses a state that does not match, calling it a possible forgery', () => {
      const state = new SignInState();
      refused(
        () => acceptSignInRedirect({ code: 'c', state: 'forged-state-value' }, state),
        'SIGN_IN_STATE_MISMATCH',
        /^Sign-in refused: the redirect carried a state that this sign-in did not send, so it may be a forged redirect/,
      );
    });

    it('checks the state before anything else: a forged error redirect is refused as forged', () => {
      const state = new SignInState();
      refused(
        () => acceptSignInRedirect({ error: 'access_denied', state: 'forged' }, state),
        'SIGN_IN_STATE_MISMATCH',
        /forged/,
      );
      refused(
        () => acceptSignInRedirect({ code: 'c' }, new SignInState()),
        'SIGN_IN_STATE_MISMATCH',
        /carried no state/,
      );
    });

    it('accepts a state only once', () => {
      const state = new SignInState();
      acceptSignInRedirect({ code: 'c', state: state.value }, state);
      refused(
        () => acceptSignInRedirect({ code: 'c', state: state.value }, state),
        'SIGN_IN_STATE_MISMATCH',
        /already used/,
      );
    });

    it('refuses an expired state with SIGN_IN_TIMEOUT', () => {
      let now = 0;
      const state = new SignInState({ ttlMs: 1000, now: () => now });
      now = 1000;
      refused(
        () => acceptSignInRedirect({ code: 'c', state: state.value }, state),
        'SIGN_IN_TIMEOUT',
        /after the sign-in had expired/,
      );
    });

    it('explains an OAuth error in the redirect, quoting Samsung on one line', () => {
      const state = new SignInState();
      refused(
        () =>
          acceptSignInRedirect(
            {
              error: 'access_denied',
              errorDescription: 'The user\ncancelled the sign-in.',
              state: state.value,
            },
            state,
          ),
        'SIGN_IN_FAILED',
        /^Samsung Account did not sign you in: access_denied \("The user cancelled the sign-in\."\)\. The sign-in was cancelled, or access was refused/,
      );
    });

    it("explains a Samsung Account code with the catalog's fix", () => {
      const state = new SignInState();
      refused(
        () =>
          acceptSignInRedirect(
            { error: 'invalid_request', errorCode: 'AUT_1785', state: state.value },
            state,
          ),
        'SIGN_IN_FAILED',
        /AUT_1785 invalid_request\. Check the client id character by character/,
      );
    });

    it('does not borrow advice meant for Knox OAuth for a Samsung Account error', () => {
      const state = new SignInState();
      refused(
        () => acceptSignInRedirect({ error: 'invalid_request', state: state.value }, state),
        'SIGN_IN_FAILED',
        /invalid_request\. Samsung Account found the sign-in request malformed/,
      );
    });

    it('refuses a redirect without a code', () => {
      const state = new SignInState();
      refused(
        () => acceptSignInRedirect({ state: state.value }, state),
        'SIGN_IN_FAILED',
        /has no code parameter/,
      );
    });
  });
});
