import * as assert from 'node:assert/strict';
import {
  DEFAULT_REDIRECT_URI,
  authorizationHostProblem,
  hostChoices,
  httpsRedirectUriProblem,
  loopbackPortProblem,
  loopbackRedirectUri,
  redirectUriChoices,
  setUpFieldsGiven,
} from '../../../../src/core/samsungAccount/samsungAccountSetUp';

const CURRENT = {
  clientId: 'sa-client',
  aliasId: 'alias-1',
  redirectUri: 'http://127.0.0.1:7777/callback',
  authorizationHost: 'https://account.example.com',
};

describe('samsungAccountSetUp', () => {
  it('asks nothing once a client field, the host or the redirect URI is given', () => {
    assert.equal(setUpFieldsGiven({}), false);
    assert.equal(
      setUpFieldsGiven({ clientSecret: 's', tokenHost: 'https://t.example.com' }),
      false,
    );
    assert.equal(setUpFieldsGiven({ clientId: 'c' }), true);
    assert.equal(setUpFieldsGiven({ aliasId: 'a' }), true);
    assert.equal(setUpFieldsGiven({ authorizationHost: 'sandbox' }), true);
    assert.equal(setUpFieldsGiven({ redirectUri: DEFAULT_REDIRECT_URI }), true);
  });

  it('refuses an authorization host that is not https, in one line', () => {
    assert.equal(authorizationHostProblem('https://account.example.com'), undefined);
    const problem = authorizationHostProblem('http://account.example.com');
    assert.ok(problem, 'a plain-http remote host is refused');
    assert.doesNotMatch(problem, /\n/);
  });

  it('offers to keep the current host, the sandbox when there is one, and a typed host', () => {
    assert.deepEqual(
      hostChoices(CURRENT, true).map((c) => [c.label, c.choice]),
      [
        ['https://account.example.com', 'keep'],
        ['Local Knox sandbox', 'sandbox'],
        ['Enter the authorization host…', 'enter'],
      ],
    );
    assert.deepEqual(
      hostChoices(undefined, false).map((c) => c.choice),
      ['enter'],
    );
    const ownHost = { clientId: 'c', aliasId: 'a', redirectUri: DEFAULT_REDIRECT_URI };
    assert.equal(hostChoices(ownHost, false)[0]?.label, "The profile's base URL");
  });

  it('offers the current redirect URI first, then loopback, a fixed port, VS Code and https', () => {
    const own = 'vscode://publisher.knox/signIn';
    const choices = redirectUriChoices(CURRENT.redirectUri, own);
    assert.deepEqual(
      choices.map((c) => c.value ?? c.ask),
      [CURRENT.redirectUri, DEFAULT_REDIRECT_URI, 'port', own, 'https'],
    );
    assert.equal(redirectUriChoices(undefined, own).length, 4);
  });

  it('takes loopback ports from 1 to 65535 and https redirect URIs only', () => {
    assert.equal(loopbackPortProblem('8080'), undefined);
    assert.equal(loopbackPortProblem(' 65535 '), undefined);
    for (const bad of ['0', '65536', '80a', '', '123456'])
      assert.equal(loopbackPortProblem(bad), 'Enter a port number from 1 to 65535.', bad);
    assert.equal(loopbackRedirectUri('08080'), 'http://127.0.0.1:8080/callback');
    assert.equal(httpsRedirectUriProblem('https://portal.example.com/cb'), undefined);
    assert.equal(httpsRedirectUriProblem('http://portal.example.com/cb'), 'Enter an https:// URI.');
  });
});
