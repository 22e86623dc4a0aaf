import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  mkdirSync,
  mkdtempSync,
  existsSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { KnoxTestApi } from '../helpers/extension';
import type { ExplorerNode } from '../../src/vscode/explorer/explorerView';
import type { CommandFailure } from '../../src/vscode/registerCommand';
import { activateKnox } from '../helpers/extension';
import { OAUTH_APP, clientIdentifierCredential } from '../../src/core/credentials/credential';
import type { ConnectedSandbox } from '../../src/vscode/sandbox/sandboxConnection';

/** Runs a command and returns the failure the error boundary reported, if any. */
async function runExpectingFailure(
  api: KnoxTestApi,
  command: string,
  ...args: unknown[]
): Promise<CommandFailure> {
  let failure: CommandFailure | undefined;
  const sub = api.onDidFailCommand((f) => (failure = f));
  try {
    await vscode.commands.executeCommand(command, ...args);
  } finally {
    sub.dispose();
  }
  assert.ok(failure, `${command} was expected to fail`);
  return failure;
}

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

function filesUnder(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) filesUnder(p, out);
    else if (st.isFile() && st.size < 50 * 1024 * 1024) out.push(p);
  }
  return out;
}

describe('Knox explorer (profiles, keys, client identifiers, tokens)', function () {
  this.timeout(120_000);
  let api: KnoxTestApi;
  let connected: ConnectedSandbox;

  before(async () => {
    api = await activateKnox();
    connected = await vscode.commands.executeCommand<ConnectedSandbox>('knox.connectSandbox');
  });

  it('connects to the local sandbox in one step: a Sandbox profile with key file and client identifiers', () => {
    assert.match(connected.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const legacy = api.profiles.require(connected.legacyProfileId);
    assert.equal(legacy.name, 'Sandbox');
    assert.equal(legacy.scheme, 'legacy');
    assert.match(legacy.keyFile?.fingerprint ?? '', /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.equal(legacy.keyFile?.modulusBits, 2048);
    assert.deepEqual(legacy.clientIdentifiers.map((c) => c.service).sort(), [
      'kai',
      'kc',
      'kdp',
      'ke',
      'kg',
      'km',
      'kme',
      'msp',
    ]);
    const oauth = api.profiles.require(connected.oauthProfileId);
    assert.equal(oauth.scheme, 'oauth');
    assert.ok((oauth.oauth?.scopes.length ?? 0) > 10, 'the sandbox OAuth app has every scope');
    assert.equal(api.profiles.active()?.id, legacy.id);
  });

  it('generates a signed access token into secret storage and shows it in the tree', async () => {
    const result = await vscode.commands.executeCommand<{ expiresAt: number; kind: string }>(
      'knox.generateAccessToken',
      { profileId: connected.legacyProfileId, credential: 'KME' },
    );
    assert.equal(result.kind, 'legacy');
    assert.ok(result.expiresAt > Date.now() + 25 * 60_000, 'valid for about 30 minutes');
    const kme = api.profiles
      .require(connected.legacyProfileId)
      .clientIdentifiers.find((c) => c.service === 'kme');
    assert.ok(kme);
    const token = await api.tokens.current(
      connected.legacyProfileId,
      clientIdentifierCredential(kme.id),
    );
    assert.ok(token);
    const [header] = token.value.split('.');
    assert.deepEqual(JSON.parse(Buffer.from(header ?? '', 'base64url').toString()), {
      alg: 'RS512',
      typ: 'JWT',
    });

    const roots = api.explorer.getChildren();
    const profileNode = roots.find(
      (n) => n.type === 'profile' && n.profile.id === connected.legacyProfileId,
    );
    assert.ok(profileNode);
    const children = api.explorer.getChildren(profileNode);
    assert.deepEqual(
      children.map((c) => c.type),
      ['keyFile', 'clientIdentifiers', 'tokens'],
    );
    const keyItem = api.explorer.getTreeItem(children[0] as ExplorerNode);
    const fingerprint = api.profiles.require(connected.legacyProfileId).keyFile?.fingerprint ?? '';
    assert.equal(labelOf(keyItem), `Key ${fingerprint.slice(0, 5)}…${fingerprint.slice(-5)}`);
    assert.equal(keyItem.description, 'RSA-2048');
    const ids = api.explorer.getChildren(children[1]).map((n) => api.explorer.getTreeItem(n));
    assert.equal(ids.length, 8);
    for (const item of ids) {
      // The sandbox's aliases are the services' names, so only the value's end is shown.
      assert.match(String(item.description), /^…\S+$/);
      assert.ok(!String(item.description).includes(labelOf(item)), 'the alias is not repeated');
    }
    const tokens = api.explorer.getChildren(children[2]).map((n) => api.explorer.getTreeItem(n));
    assert.equal(tokens.length, 1);
    assert.equal(labelOf(tokens[0]!), 'KME');
    assert.match(String(tokens[0]!.description), /^\d+:\d\d left$/);
    assert.match(tokens[0]!.tooltip as string, /^KME access token \(fresh\): issued /);
  });

  it('copies the token as a header, and inspects it with the signature verified', async () => {
    await vscode.commands.executeCommand('knox.copyAsHeader', {
      profileId: connected.legacyProfileId,
      credential: 'KME',
      acknowledged: true,
    });
    const clip = await vscode.env.clipboard.readText();
    assert.match(clip, /^x-knox-apitoken: eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    await vscode.env.clipboard.writeText('');
    const report = await vscode.commands.executeCommand<string>('knox.inspectToken', {
      profileId: connected.legacyProfileId,
      credential: 'KME',
    });
    assert.match(report, /"aud": "KnoxWSM"/);
    assert.match(report, /Signature: verifies/);
    assert.match(report, /"accessToken": "<\d+ characters, hidden>"/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('gets an OAuth bearer token for the sandbox OAuth app', async () => {
    const result = await vscode.commands.executeCommand<{ kind: string }>(
      'knox.generateAccessToken',
      { profileId: connected.oauthProfileId },
    );
    assert.equal(result.kind, 'oauth');
    const token = await api.tokens.current(connected.oauthProfileId, OAUTH_APP);
    assert.match(token?.value ?? '', /^Bearer \S{16,}$/);
  });

  it('clears tokens from secret storage and the tree', async () => {
    await vscode.commands.executeCommand('knox.clearTokens', {
      profileId: connected.legacyProfileId,
    });
    assert.deepEqual(api.tokens.tokens(connected.legacyProfileId), []);
    const kme = api.profiles
      .require(connected.legacyProfileId)
      .clientIdentifiers.find((c) => c.service === 'kme');
    assert.equal(
      await api.tokens.current(connected.legacyProfileId, clientIdentifierCredential(kme!.id)),
      undefined,
    );
  });

  it('keeps the previous key file when an import fails, with a one-line message that says what to do', async () => {
    const before = api.profiles.require(connected.legacyProfileId).keyFile;
    const bad = join(process.env.KNOX_TEST_WORKSPACE ?? '/tmp', 'broken-keys.json');
    writeFileSync(bad, '{"Public": "not base64 at all!!", ');
    const failure = await runExpectingFailure(api, 'knox.importKeyFile', {
      profileId: connected.legacyProfileId,
      path: bad,
    });
    assert.equal(failure.code, 'KEYFILE_NOT_JSON');
    assert.doesNotMatch(failure.message, /\n/);
    assert.match(failure.message, /broken-keys\.json/);
    assert.deepEqual(api.profiles.require(connected.legacyProfileId).keyFile, before);
  });

  it('offers to git-ignore a key file that git would commit', async () => {
    const repo = join(process.env.KNOX_TEST_WORKSPACE ?? '/tmp', 'repo');
    mkdirSync(repo, { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: repo });
    const running = await api.sandbox.ensure();
    const keys = join(repo, 'keys.json');
    writeFileSync(keys, readFileSync(running.credentials.keysFile));
    const profileId = await vscode.commands.executeCommand<string>('knox.addProfile', {
      name: 'Git check',
      region: 'eu',
      scheme: 'legacy',
    });
    await vscode.commands.executeCommand('knox.importKeyFile', {
      profileId,
      path: keys,
      gitAction: 'addToGitignore',
    });
    assert.match(readFileSync(join(repo, '.gitignore'), 'utf8'), /^\/keys\.json$/m);
    assert.equal(
      execFileSync('git', ['check-ignore', 'keys.json'], { cwd: repo }).toString().trim(),
      'keys.json',
    );
    assert.ok(api.profiles.require(profileId).keyFile);
    await vscode.commands.executeCommand('knox.removeProfile', { profileId, confirmed: true });
    assert.equal(api.profiles.get(profileId), undefined);
  });

  it('decides "git would commit it" without running git: a repository whose config runs a command gets nothing run', async function () {
    if (process.platform === 'win32') this.skip();
    // Outside the workspace, so VS Code's own git extension does not open the repository, and
    // the private key written there is not in the workspace the secret scan reads.
    const outside = mkdtempSync(join(tmpdir(), 'knox-hostile-'));
    const repo = join(outside, 'repo');
    const tools = join(outside, 'bin');
    mkdirSync(repo, { recursive: true });
    mkdirSync(tools, { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: repo });
    const fsmonitorMarker = join(outside, 'fsmonitor-ran');
    const gitMarker = join(outside, 'git-ran');
    const hook = join(outside, 'hook.sh');
    writeFileSync(hook, `#!/bin/sh\ntouch '${fsmonitorMarker}'\n`, { mode: 0o755 });
    execFileSync('git', ['config', 'core.fsmonitor', hook], { cwd: repo });
    // A git started by name from now on is this one, and it writes down where it ran.
    writeFileSync(join(tools, 'git'), `#!/bin/sh\npwd >> '${gitMarker}'\nexit 1\n`, {
      mode: 0o755,
    });
    const path = process.env.PATH;
    process.env.PATH = `${tools}:${path ?? ''}`;
    const running = await api.sandbox.ensure();
    const keys = join(repo, 'keys.json');
    writeFileSync(keys, readFileSync(running.credentials.keysFile));
    const profileId = await vscode.commands.executeCommand<string>('knox.addProfile', {
      name: 'Hostile repository',
      region: 'eu',
      scheme: 'legacy',
    });
    try {
      await vscode.commands.executeCommand('knox.importKeyFile', {
        profileId,
        path: keys,
        gitAction: 'addToGitignore',
      });
    } finally {
      process.env.PATH = path;
    }
    try {
      assert.equal(existsSync(fsmonitorMarker), false, 'core.fsmonitor ran');
      const ranIn = existsSync(gitMarker) ? readFileSync(gitMarker, 'utf8') : '';
      assert.doesNotMatch(ranIn, /knox-hostile-/, 'git was started in the repository');
      assert.match(readFileSync(join(repo, '.gitignore'), 'utf8'), /^\/keys\.json$/m);
      assert.ok(api.profiles.require(profileId).keyFile);
    } finally {
      await vscode.commands.executeCommand('knox.removeProfile', { profileId, confirmed: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses a pipe or a device as a key file at once, with a one-line message', async function () {
    if (process.platform === 'win32') this.skip();
    const fifo = join(process.env.KNOX_TEST_WORKSPACE ?? '/tmp', 'keys-fifo.json');
    if (!existsSync(fifo)) execFileSync('mkfifo', [fifo]);
    for (const path of [fifo, '/dev/zero']) {
      const failure = await runExpectingFailure(api, 'knox.importKeyFile', {
        profileId: connected.legacyProfileId,
        path,
      });
      assert.equal(failure.code, 'KEYFILE_UNREADABLE');
      assert.doesNotMatch(failure.message, /\n/);
      assert.match(failure.message, /is not a regular file/);
    }
  });

  it('edits, selects and removes with arguments: profile fields, active profile, key file, OAuth app', async () => {
    const profileId = await vscode.commands.executeCommand<string>('knox.addProfile', {
      name: 'Edit me',
      region: 'us',
      scheme: 'legacy',
    });
    await vscode.commands.executeCommand('knox.editProfile', {
      profileId,
      name: 'Edited',
      baseUrl: 'https://proxy.example.com/knox',
      tenantId: '2000000001',
    });
    let profile = api.profiles.require(profileId);
    assert.equal(profile.name, 'Edited');
    assert.deepEqual(profile.target, { kind: 'custom', baseUrl: 'https://proxy.example.com/knox' });
    assert.equal(profile.tenantId, '2000000001');
    const failure = await runExpectingFailure(api, 'knox.editProfile', {
      profileId,
      baseUrl: 'http://example.com',
    });
    assert.equal(failure.code, 'INVALID_BASE_URL');

    await vscode.commands.executeCommand('knox.selectProfile', { profileId });
    assert.equal(api.profiles.active()?.id, profileId);

    const running = await api.sandbox.ensure();
    await vscode.commands.executeCommand('knox.importKeyFile', {
      profileId,
      path: running.credentials.keysFile,
    });
    assert.ok(api.profiles.require(profileId).keyFile);
    await vscode.commands.executeCommand('knox.removeKeyFile', { profileId, confirmed: true });
    assert.equal(api.profiles.require(profileId).keyFile, undefined);
    await assert.rejects(api.profiles.keyFile(profileId), /has no key file/);

    await vscode.commands.executeCommand('knox.editProfile', { profileId, scheme: 'oauth' });
    await vscode.commands.executeCommand('knox.setUpOAuthApp', {
      profileId,
      clientId: 'app-1',
      clientSecret: 'app-secret-value-1',
      scopes: ['kme.devices:view', 'kdp'],
    });
    profile = api.profiles.require(profileId);
    assert.deepEqual(profile.oauth, {
      clientId: 'app-1',
      scopes: ['kme.devices:view', 'kdp'],
      lastPicked: ['kme.devices:view', 'kdp'],
    });
    assert.equal(await api.profiles.oauthClientSecret(profileId), 'app-secret-value-1');
    assert.ok(!JSON.stringify(api.globalStateSnapshot()).includes('app-secret-value-1'));

    await vscode.commands.executeCommand('knox.removeProfile', { profileId, confirmed: true });
    assert.equal(api.profiles.get(profileId), undefined);
    await assert.rejects(api.profiles.oauthClientSecret(profileId), /no Knox profile/);
    await vscode.commands.executeCommand('knox.selectProfile', {
      profileId: connected.legacyProfileId,
    });
  });

  it('copies the bare access token after the one-time clipboard warning is acknowledged', async () => {
    await vscode.commands.executeCommand('knox.copyAccessToken', {
      profileId: connected.legacyProfileId,
      credential: 'KME',
      acknowledged: true,
    });
    const clip = await vscode.env.clipboard.readText();
    assert.match(clip, /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    await vscode.env.clipboard.writeText('');
  });

  it('adds, uses and removes a client identifier; removal deletes its secret', async () => {
    const id = await vscode.commands.executeCommand<string>('knox.addClientIdentifier', {
      profileId: connected.legacyProfileId,
      alias: 'Extra',
      service: 'kme',
      value: 'extra-client-identifier-value-0001',
    });
    assert.equal(
      await api.profiles.clientIdentifier(connected.legacyProfileId, id),
      'extra-client-identifier-value-0001',
    );
    await vscode.commands.executeCommand('knox.removeClientIdentifier', {
      profileId: connected.legacyProfileId,
      clientIdentifierId: id,
      confirmed: true,
    });
    await assert.rejects(
      api.profiles.clientIdentifier(connected.legacyProfileId, id),
      /no client identifier/,
    );
  });

  it('never writes a secret to settings, global state, the log or any file', async () => {
    const running = await api.sandbox.ensure();
    const keys = JSON.parse(readFileSync(running.credentials.keysFile, 'utf8')) as {
      Private: string;
    };
    const secrets = [
      keys.Private.slice(100, 140),
      ...Object.values(running.credentials.clientIdentifierFiles).map((f) =>
        readFileSync(f, 'utf8').trim(),
      ),
      readFileSync(running.credentials.oauthClientSecretFile, 'utf8').trim(),
    ];
    // A full cycle: import, generate, copy, clear.
    await vscode.commands.executeCommand('knox.connectSandbox');
    for (const alias of ['KME', 'KDP'])
      await vscode.commands.executeCommand('knox.generateAccessToken', {
        profileId: connected.legacyProfileId,
        credential: alias,
      });
    await vscode.commands.executeCommand('knox.generateAccessToken', {
      profileId: connected.oauthProfileId,
    });
    const kme = api.profiles
      .require(connected.legacyProfileId)
      .clientIdentifiers.find((c) => c.service === 'kme')!;
    const minted = [
      await api.tokens.current(connected.legacyProfileId, clientIdentifierCredential(kme.id)),
      await api.tokens.current(connected.oauthProfileId, OAUTH_APP),
    ];
    for (const t of minted) secrets.push(t!.value.replace(/^Bearer /, '').slice(-40));
    await vscode.commands.executeCommand('knox.clearTokens', {
      profileId: connected.legacyProfileId,
    });
    // Settings and global state, as the extension sees them (in code-server global state lives
    // in the browser, so the file scan below cannot see it).
    const settings = JSON.stringify(vscode.workspace.getConfiguration('knox'));
    const state = JSON.stringify(api.globalStateSnapshot());
    assert.match(state, /"knox\.profiles\.v1"/, 'the snapshot holds the profiles');
    for (const s of secrets) {
      assert.ok(!settings.includes(s), 'a secret is in the settings');
      assert.ok(!state.includes(s), `a secret is in globalState: ${s.slice(0, 6)}…`);
    }
    // Every file VS Code and the extension wrote: settings.json, state databases, logs, the workspace.
    const userData = process.env.KNOX_TEST_USER_DATA ?? '';
    const workspace = process.env.KNOX_TEST_WORKSPACE ?? '';
    assert.ok(userData && workspace, 'the test host passes its folders');
    await new Promise((r) => setTimeout(r, 1500)); // let VS Code flush state and logs
    const leaks: string[] = [];
    const files = [...filesUnder(userData), ...filesUnder(workspace)];
    const knoxLog = files.find((f) => /Knox\.log$/.test(f));
    assert.ok(knoxLog, 'the Knox log file is among the files scanned');
    assert.match(readFileSync(knoxLog, 'utf8'), /minting KME access token for profile Sandbox/);
    for (const file of files) {
      // The sandbox's own demo credential files, and the key file this suite put in a repo on purpose.
      if (
        file.includes(join('globalStorage', 'knox-api-toolkit.knox-api-toolkit', 'sandbox')) ||
        file.startsWith(join(workspace, 'repo'))
      )
        continue;
      const text = readFileSync(file).toString('latin1');
      for (const s of secrets)
        if (text.includes(s)) leaks.push(`${file.slice(userData.length)} holds ${s.slice(0, 6)}…`);
    }
    assert.deepEqual(leaks, []);
  });
});
