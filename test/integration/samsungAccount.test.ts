import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { KnoxTestApi } from '../helpers/extension';
import type { CommandFailure } from '../../src/vscode/registerCommand';
import type {
  SignInResult,
  SignOutResult,
} from '../../src/vscode/samsungAccount/samsungAccountService';
import type { ExplorerNode } from '../../src/vscode/explorer/explorerView';
import { activateKnox } from '../helpers/extension';
import { signInWithBrowser } from '../unit/core/samsungAccount/sandboxBrowser';
import { SAMSUNG_ACCOUNT, clientIdentifierCredential } from '../../src/core/credentials/credential';
import type { ConnectedSandbox } from '../../src/vscode/sandbox/sandboxConnection';

interface Attempt {
  readonly url: string;
  readonly result: SignInResult | undefined;
  readonly failure: CommandFailure | undefined;
}

function filesUnder(dir: string, out: string[] = []): string[] {
  if (!dir || !existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) filesUnder(path, out);
    else if (stat.isFile()) out.push(path);
  }
  return out;
}

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

describe('Samsung Account sign-in (partner profiles)', function () {
  this.timeout(120_000);
  let api: KnoxTestApi;
  let connected: ConnectedSandbox;
  let profileId: string;
  let userId: string;
  /** Every Samsung Account secret seen: none may reach the log, globalState or a file. */
  const secrets: string[] = [];

  /** Runs "Sign In" without a browser; `browse` plays the browser with the announced URL. */
  async function signIn(browse: (url: string) => Promise<void>): Promise<Attempt> {
    let url = '';
    let browsing: Promise<void> = Promise.resolve();
    let failure: CommandFailure | undefined;
    const subs = [
      api.samsungAccount.onDidStartSignIn((started) => {
        url = started.url;
        browsing = browse(started.url);
      }),
      api.onDidFailCommand((f) => (failure = f)),
    ];
    try {
      const result = await vscode.commands.executeCommand<SignInResult | undefined>('knox.signIn', {
        profileId,
        browser: 'none',
        timeoutSeconds: 60,
      });
      await browsing;
      return { url, result, failure };
    } finally {
      for (const s of subs) s.dispose();
    }
  }

  async function kmeToken(): Promise<string | undefined> {
    const kme = api.profiles.require(profileId).clientIdentifiers.find((c) => c.service === 'kme');
    assert.ok(kme, 'the partner profile has a KME client identifier');
    return (await api.tokens.current(profileId, clientIdentifierCredential(kme.id)))?.value;
  }

  before(async () => {
    api = await activateKnox();
    connected = await vscode.commands.executeCommand<ConnectedSandbox>('knox.connectSandbox');
    profileId = connected.partnerProfileId;
  });

  it('connects a "Sandbox Partner" profile wired to the sandbox\'s Samsung Account client', () => {
    const profile = api.profiles.require(profileId);
    assert.equal(profile.name, 'Sandbox Partner');
    assert.equal(profile.scheme, 'partner');
    assert.ok(profile.keyFile);
    assert.ok(profile.clientIdentifiers.some((c) => c.service === 'kme'));
    assert.match(profile.samsungAccount?.clientId ?? '', /^[a-z0-9]{10}$/);
    assert.equal(profile.samsungAccount?.redirectUri, 'http://127.0.0.1/callback');
    assert.equal(profile.samsungAccount?.authorizationHost, undefined, 'follows the sandbox');
    assert.equal(profile.samsungAccount?.userId, undefined);
  });

  it('signs in through the Samsung Account page (the test plays the browser) and keeps the tokens in secret storage', async () => {
    let landed: { status: number; text: string } | undefined;
    const attempt = await signIn(async (url) => {
      landed = (await signInWithBrowser(url, { loginId: 'partner.admin@example.com' })).landed;
    });
    assert.equal(attempt.failure, undefined, attempt.failure?.message);
    assert.ok(attempt.result);
    const gate = new URL(attempt.url);
    assert.equal(gate.origin, connected.url);
    assert.equal(gate.searchParams.get('response_type'), 'CODE');
    assert.equal(
      gate.searchParams.get('client_id'),
      api.profiles.require(profileId).samsungAccount?.clientId,
    );
    assert.match(
      gate.searchParams.get('redirect_uri') ?? '',
      /^http:\/\/127\.0\.0\.1:\d+\/callback$/,
    );
    assert.match(gate.searchParams.get('state') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.equal(landed?.status, 200);
    assert.match(landed?.text ?? '', /You can close this tab and return to VS Code/);

    userId = attempt.result.userId ?? '';
    assert.match(userId, /^[0-9a-f]{10}$/);
    const profile = api.profiles.require(profileId);
    assert.equal(profile.samsungAccount?.userId, userId);
    assert.ok(profile.samsungAccount?.signedInAt);
    const record = await api.profiles.samsungAccountSignIn(profileId);
    assert.ok(record?.refreshToken, 'the refresh token is in secret storage');
    assert.equal(record.handoff, undefined, 'the access token moved to the token store');
    const sa = await api.tokens.current(profileId, SAMSUNG_ACCOUNT);
    assert.equal(sa?.kind, 'samsungAccount');
    assert.equal(sa.expiresAt, attempt.result.expiresAt);
    assert.ok(sa.expiresAt > Date.now() + 55 * 60_000, 'valid for about an hour');
    secrets.push(
      sa.value,
      record.refreshToken,
      await api.profiles.samsungAccountClientSecret(profileId),
    );
    const state = JSON.stringify(api.globalStateSnapshot());
    for (const secret of [sa.value, record.refreshToken])
      assert.ok(!state.includes(secret), 'no Samsung Account token in globalState');
  });

  it('mints a Knox access token for the signed-in account and calls a Knox API with it', async () => {
    const minted = await vscode.commands.executeCommand<{ kind: string; expiresAt: number }>(
      'knox.generateAccessToken',
      { profileId, credential: 'KME' },
    );
    assert.equal(minted.kind, 'legacy');
    const token = await kmeToken();
    assert.ok(token);
    const response = await fetch(`${connected.url}/kcs/v1/kme/devices/list?pageNum=0`, {
      headers: { 'x-knox-apitoken': token },
    });
    assert.equal(response.status, 200, await response.clone().text());
    const body = (await response.json()) as { deviceList?: unknown };
    assert.ok(Array.isArray(body.deviceList));
  });

  it('shows the account and both tokens in the explorer, and the session in the Accounts menu', async () => {
    const node = api.explorer
      .getChildren()
      .find((n) => n.type === 'profile' && n.profile.id === profileId);
    assert.ok(node);
    const children = api.explorer.getChildren(node);
    assert.deepEqual(
      children.map((c) => c.type),
      ['keyFile', 'clientIdentifiers', 'samsungAccount', 'tokens'],
    );
    const account = api.explorer.getTreeItem(children[2] as ExplorerNode);
    assert.equal(labelOf(account), 'Samsung Account');
    assert.match(String(account.description), /^\d+ min left$/);
    assert.match(
      (account.tooltip as vscode.MarkdownString).value,
      new RegExp(`Signed in as \`${userId}\``),
    );
    assert.equal(account.contextValue, 'samsungAccount.signedIn');
    const tokens = api.explorer
      .getChildren(children[3])
      .map((n) => api.explorer.getTreeItem(n))
      .map((i) => `${labelOf(i)}: ${String(i.description)}`);
    assert.equal(tokens.length, 2, tokens.join('; '));
    assert.ok(
      tokens.some((t) => /^KME: \d+:\d\d left$/.test(t)),
      tokens.join('; '),
    );
    assert.ok(
      tokens.some((t) => /^Samsung Account: \d+:\d\d(:\d\d)? left$/.test(t)),
      tokens.join('; '),
    );

    const sessions = await api.authentication.getSessions(undefined, {});
    const session = sessions.find((s) => s.id === profileId);
    assert.ok(session, 'the Knox provider lists the sign-in');
    assert.equal(session.account.label, `${userId} (Sandbox Partner)`);
    assert.equal(
      session.accessToken,
      (await api.tokens.current(profileId, SAMSUNG_ACCOUNT))?.value,
    );
  });

  it('answers a redirect with a forged state with an error page, keeps the current sign-in, and waits for the real one', async () => {
    const before = await api.profiles.samsungAccountSignIn(profileId);
    let page: { status: number; text: string } | undefined;
    let kept: unknown;
    const attempt = await signIn(async (url) => {
      const redirectUri = new URL(url).searchParams.get('redirect_uri') ?? '';
      const forged = await fetch(`${redirectUri}?code=forged-code-0123456789&state=forged-state`);
      page = { status: forged.status, text: await forged.text() };
      kept = await api.profiles.samsungAccountSignIn(profileId);
      await signInWithBrowser(url, { loginId: 'partner.admin@example.com' });
    });
    assert.equal(page?.status, 400);
    assert.match(page?.text ?? '', /Sign-in refused/);
    assert.match(page?.text ?? '', /may be a forged redirect/);
    assert.deepEqual(kept, before, 'the forged redirect changed nothing');
    assert.equal(attempt.failure, undefined, attempt.failure?.message);
    assert.equal(attempt.result?.userId, userId, 'the real redirect signed in');
    assert.equal(api.profiles.require(profileId).samsungAccount?.userId, userId);
    const record = await api.profiles.samsungAccountSignIn(profileId);
    const sa = await api.tokens.current(profileId, SAMSUNG_ACCOUNT);
    if (record?.refreshToken) secrets.push(record.refreshToken);
    if (sa) secrets.push(sa.value);
    // A new sign-in drops the Knox tokens of the old one: mint one again for the sign-out test.
    await vscode.commands.executeCommand('knox.generateAccessToken', {
      profileId,
      credential: 'KME',
    });
    assert.ok(await kmeToken());
  });

  it('explains a sign-in cancelled on the Samsung Account page', async () => {
    const attempt = await signIn(async (url) => {
      await signInWithBrowser(url, { action: 'cancel' });
    });
    assert.equal(attempt.failure?.code, 'SIGN_IN_FAILED');
    assert.match(
      attempt.failure.message,
      /^Samsung Account did not sign you in: access_denied \("The user cancelled the sign-in\."\)\. The sign-in was cancelled/,
    );
  });

  it('signs out: signOutGate ends the session, every secret of the sign-in goes, and so does the account', async () => {
    const sa = (await api.tokens.current(profileId, SAMSUNG_ACCOUNT))?.value;
    assert.ok(sa);
    assert.ok(await kmeToken(), 'a Knox token minted with the sign-in exists');
    const changes: vscode.AuthenticationProviderAuthenticationSessionsChangeEvent[] = [];
    const sub = api.authentication.onDidChangeSessions((e) => changes.push(e));
    let result: SignOutResult | undefined;
    try {
      result = await vscode.commands.executeCommand<SignOutResult>('knox.signOut', { profileId });
    } finally {
      sub.dispose();
    }
    assert.deepEqual(result, { profileId, gate: 'ended' });
    assert.equal(await api.profiles.samsungAccountSignIn(profileId), undefined);
    assert.equal(await api.tokens.current(profileId, SAMSUNG_ACCOUNT), undefined);
    assert.equal(await kmeToken(), undefined);
    assert.deepEqual(api.tokens.tokens(profileId), []);
    assert.equal(api.profiles.require(profileId).samsungAccount?.userId, undefined);
    assert.equal(api.profiles.require(profileId).samsungAccount?.signedInAt, undefined);
    assert.deepEqual(
      (await api.authentication.getSessions(undefined, {})).filter((s) => s.id === profileId),
      [],
    );
    assert.ok(
      changes.some((c) => c.removed?.some((s) => s.id === profileId)),
      'the Accounts menu was told the session is gone',
    );

    const check = await fetch(`${connected.url}/auth/oauth2/authorizeToken`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-osp-appId': api.profiles.require(profileId).samsungAccount?.clientId ?? '',
      },
      body: new URLSearchParams({ authToken: sa }).toString(),
    });
    assert.equal(
      ((await check.json()) as { error_code?: string }).error_code,
      'LIC_4102',
      'revoked at Samsung Account',
    );

    let failure: CommandFailure | undefined;
    const fail = api.onDidFailCommand((f) => (failure = f));
    try {
      await vscode.commands.executeCommand('knox.generateAccessToken', {
        profileId,
        credential: 'KME',
      });
    } finally {
      fail.dispose();
    }
    assert.equal(failure?.code, 'TOKEN_MISSING_CREDENTIAL');
    assert.match(
      failure.message,
      /Nobody is signed in to Samsung Account for profile "Sandbox Partner"\. Run "Knox: Sign In to Samsung Account"\./,
    );
  });

  it('receives the redirect through the vscode:// URI handler, at the address asExternalUri gives, after ignoring a forged one', async () => {
    const own = `${vscode.env.uriScheme}://knox-api-toolkit.knox-api-toolkit/signIn`;
    const id = await vscode.commands.executeCommand<string>('knox.addProfile', {
      name: 'Partner URI',
      baseUrl: connected.url,
      scheme: 'partner',
    });
    const main = profileId;
    profileId = id;
    try {
      await vscode.commands.executeCommand('knox.setUpSamsungAccount', {
        profileId: id,
        authorizationHost: 'sandbox',
        redirectUri: own,
      });
      assert.equal(api.profiles.require(id).samsungAccount?.redirectUri, own);
      const external = (await vscode.env.asExternalUri(vscode.Uri.parse(own))).toString(true);
      let location = '';
      const attempt = await signIn(async (url) => {
        // A link another page opened first, with a forged state: ignored, the sign-in waits on.
        api.samsungAccount.handleUri(
          vscode.Uri.parse(`${own}?code=forged-code&state=forged-state`),
        );
        location = (await signInWithBrowser(url, { follow: false })).location;
        // code-server maps the URI to an http callback page that, opened in the workbench's
        // browser, hands it to the URI handler; a desktop VS Code keeps the vscode:// URI.
        if (/^https?:/.test(location)) await vscode.env.openExternal(vscode.Uri.parse(location));
        else api.samsungAccount.handleUri(vscode.Uri.parse(location));
      });
      assert.equal(attempt.failure, undefined, attempt.failure?.message);
      // asExternalUri numbers each callback (vscode-reqid): compare the rest.
      const withoutRequestId = (uri: string): string => uri.replace(/vscode-reqid=\d+&?/, '');
      assert.equal(
        withoutRequestId(new URL(attempt.url).searchParams.get('redirect_uri') ?? ''),
        withoutRequestId(external === vscode.Uri.parse(own).toString() ? own : external),
      );
      assert.match(location, /[?&]code=[^&]+/);
      assert.match(attempt.result?.userId ?? '', /^[0-9a-f]{10}$/);
      assert.ok(await api.profiles.samsungAccountSignIn(id));
    } finally {
      profileId = main;
      await vscode.commands.executeCommand('knox.removeProfile', {
        profileId: id,
        confirmed: true,
      });
    }
  });

  it('never writes a Samsung Account secret to the Knox log, global state or settings', async () => {
    assert.ok(secrets.length >= 3);
    await new Promise((r) => setTimeout(r, 1500)); // let VS Code flush the log
    const logs = filesUnder(process.env.KNOX_TEST_USER_DATA ?? '').filter((f) =>
      /Knox\.log$/.test(f),
    );
    assert.ok(logs.length > 0, 'the Knox log file exists');
    const log = logs.map((f) => readFileSync(f, 'utf8')).join('\n');
    assert.match(
      log,
      new RegExp(`signed in to Samsung Account as ${userId} for profile Sandbox Partner`),
    );
    const state = JSON.stringify(api.globalStateSnapshot());
    const settings = JSON.stringify(vscode.workspace.getConfiguration('knox'));
    for (const secret of secrets) {
      assert.ok(
        !log.includes(secret),
        `a Samsung Account secret is in the log: ${secret.slice(0, 4)}…`,
      );
      assert.ok(!state.includes(secret), 'a Samsung Account secret is in globalState');
      assert.ok(!settings.includes(secret), 'a Samsung Account secret is in the settings');
    }
  });

  it('sets up a Samsung Account client from arguments: the secret goes to secret storage only', async () => {
    const id = await vscode.commands.executeCommand<string>('knox.addProfile', {
      name: 'Partner Setup',
      region: 'eu',
      scheme: 'legacy',
    });
    try {
      const secret = 'SETUP-SECRET-0123456789ABCDEF0123';
      await vscode.commands.executeCommand('knox.setUpSamsungAccount', {
        profileId: id,
        clientId: 'abcde12345',
        clientSecret: secret,
        aliasId: 'PORTAL7',
        authorizationHost: 'https://sa.example.com/',
        redirectUri: 'http://127.0.0.1:8765/callback',
      });
      const profile = api.profiles.require(id);
      assert.equal(profile.scheme, 'partner');
      assert.deepEqual(profile.samsungAccount, {
        clientId: 'abcde12345',
        aliasId: 'PORTAL7',
        redirectUri: 'http://127.0.0.1:8765/callback',
        authorizationHost: 'https://sa.example.com',
      });
      assert.equal(await api.profiles.samsungAccountClientSecret(id), secret);
      assert.ok(!JSON.stringify(api.globalStateSnapshot()).includes(secret));

      let failure: CommandFailure | undefined;
      const fail = api.onDidFailCommand((f) => (failure = f));
      try {
        await vscode.commands.executeCommand('knox.setUpSamsungAccount', {
          profileId: id,
          authorizationHost: 'http://sa.example.com',
        });
      } finally {
        fail.dispose();
      }
      assert.equal(failure?.code, 'INVALID_BASE_URL');
      assert.match(
        failure.message,
        /authorization host is invalid: http:\/\/sa\.example\.com is not https/,
      );
    } finally {
      await vscode.commands.executeCommand('knox.removeProfile', {
        profileId: id,
        confirmed: true,
      });
    }
  });
});
