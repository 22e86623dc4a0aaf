import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { KnoxTestApi } from '../helpers/extension';
import { activateKnox } from '../helpers/extension';
import type { ExplorerNode } from '../../src/vscode/explorer/explorerView';
import { clientIdentifierCredential } from '../../src/core/credentials/credential';
import type { ConnectedSandbox } from '../../src/vscode/sandbox/sandboxConnection';

type Shown =
  | { readonly kind: 'pick'; readonly items: readonly vscode.QuickPickItem[] }
  | { readonly kind: 'input'; readonly options: vscode.InputBoxOptions }
  | { readonly kind: 'info'; readonly message: string; readonly buttons: readonly unknown[] };

/**
 * Watches what the extension shows through `vscode.window` (the very quick picks, input boxes and
 * notifications the user gets: each call goes on to VS Code unchanged), so a test can read a
 * picker's items and then answer it with the workbench's own commands.
 */
function watchWindow(): { readonly shown: Shown[]; restore(): void } {
  const shown: Shown[] = [];
  const window = vscode.window as unknown as Record<string, unknown>;
  const originals = {
    showQuickPick: vscode.window.showQuickPick,
    showInputBox: vscode.window.showInputBox,
    showInformationMessage: vscode.window.showInformationMessage,
  };
  window.showQuickPick = (items: readonly vscode.QuickPickItem[], ...rest: unknown[]) => {
    shown.push({ kind: 'pick', items });
    return (originals.showQuickPick as (...a: unknown[]) => unknown).call(
      vscode.window,
      items,
      ...rest,
    );
  };
  window.showInputBox = (options: vscode.InputBoxOptions, ...rest: unknown[]) => {
    shown.push({ kind: 'input', options });
    return (originals.showInputBox as (...a: unknown[]) => unknown).call(
      vscode.window,
      options,
      ...rest,
    );
  };
  window.showInformationMessage = (message: string, ...buttons: unknown[]) => {
    shown.push({ kind: 'info', message, buttons });
    return (originals.showInformationMessage as (...a: unknown[]) => unknown).call(
      vscode.window,
      message,
      ...buttons,
    );
  };
  return {
    shown,
    restore: () => Object.assign(window, originals),
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Answers the quick input the command shows as step `step` (1-based) with a workbench command
 * (accept or close), retrying until the command moves on: a retry cannot reach the next step,
 * whose call is recorded before it is shown.
 */
async function answer(
  watch: { readonly shown: Shown[] },
  step: number,
  command: 'workbench.action.acceptSelectedQuickOpenItem' | 'workbench.action.closeQuickOpen',
  done: () => boolean,
): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (watch.shown.filter((s) => s.kind !== 'info').length < step) {
    if (Date.now() > deadline) throw new Error(`step ${step} was never shown`);
    await sleep(50);
  }
  while (watch.shown.filter((s) => s.kind !== 'info').length === step && !done()) {
    if (Date.now() > deadline) throw new Error(`step ${step} did not take ${command}`);
    await vscode.commands.executeCommand(command);
    await sleep(250);
  }
}

/** Runs a command without awaiting it; `settled()` says when it has finished. */
function start(
  command: string,
  arg?: unknown,
): { result: Thenable<unknown>; settled: () => boolean } {
  let settled = false;
  const result = vscode.commands.executeCommand(command, arg);
  result.then(
    () => (settled = true),
    () => (settled = true),
  );
  return { result, settled: () => settled };
}

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** The words a row reads: punctuation between them ("·", ",") is no word. */
function words(text: string): string[] {
  return text.replace(/[·,]/g, ' ').split(/\s+/).filter(Boolean);
}

// Issue 15: Set Up OAuth App, its scope picker, Inspect Token, and what a screen reader hears.
describe('Set Up OAuth App, Inspect Token and the tree read aloud', function () {
  this.timeout(120_000);
  let api: KnoxTestApi;
  let connected: ConnectedSandbox;
  const extra: string[] = [];

  before(async () => {
    api = await activateKnox();
    connected = await vscode.commands.executeCommand<ConnectedSandbox>('knox.connectSandbox');
  });

  after(async () => {
    for (const profileId of extra)
      await vscode.commands.executeCommand('knox.removeProfile', { profileId, confirmed: true });
    await vscode.commands.executeCommand('knox.selectProfile', {
      profileId: connected.legacyProfileId,
    });
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  const addProfile = async (name: string, scheme: 'legacy' | 'oauth'): Promise<string> => {
    const profileId = await vscode.commands.executeCommand<string>('knox.addProfile', {
      name,
      region: 'eu',
      scheme,
    });
    extra.push(profileId);
    return profileId;
  };

  it('offers only OAuth profiles, and a cancel at any step changes nothing', async () => {
    const second = await addProfile('Second OAuth app', 'oauth');
    await addProfile('Another key file', 'legacy');
    await vscode.commands.executeCommand('knox.selectProfile', {
      profileId: connected.legacyProfileId,
    });
    const oauthNames = api.profiles
      .list()
      .filter((p) => p.scheme === 'oauth')
      .map((p) => p.name)
      .sort();
    assert.ok(oauthNames.length >= 2 && api.profiles.list().length > oauthNames.length);
    const before = JSON.stringify(api.profiles.list());
    const secret = await api.profiles.oauthClientSecret(connected.oauthProfileId);

    // Steps: profile, client id, client secret, scopes. Cancel at each one in turn.
    for (let cancelAt = 1; cancelAt <= 4; cancelAt++) {
      const watch = watchWindow();
      try {
        const run = start('knox.setUpOAuthApp');
        for (let step = 1; step < cancelAt; step++)
          await answer(watch, step, 'workbench.action.acceptSelectedQuickOpenItem', run.settled);
        await answer(watch, cancelAt, 'workbench.action.closeQuickOpen', run.settled);
        assert.equal(await run.result, undefined);
        const [profilePick] = watch.shown;
        assert.equal(profilePick?.kind, 'pick');
        if (profilePick?.kind === 'pick')
          assert.deepEqual(
            profilePick.items.map((i) => i.label).sort(),
            oauthNames,
            'only OAuth profiles are offered',
          );
        assert.deepEqual(
          watch.shown.map((s) => s.kind),
          ['pick', 'input', 'input', 'pick'].slice(0, cancelAt),
          `cancelled at step ${cancelAt}`,
        );
      } finally {
        watch.restore();
      }
      assert.equal(JSON.stringify(api.profiles.list()), before, `step ${cancelAt} changed nothing`);
      assert.equal(await api.profiles.oauthClientSecret(connected.oauthProfileId), secret);
    }
    assert.equal(api.profiles.require(second).oauth, undefined);

    // Named by an argument (a link, a script), a key-file profile is refused, not turned into an app.
    const failures: { code: string; message: string }[] = [];
    const listening = api.onDidFailCommand((f) => failures.push(f));
    await vscode.commands.executeCommand('knox.setUpOAuthApp', {
      profileId: connected.legacyProfileId,
      clientId: 'app',
      clientSecret: 'app-secret-value',
      scopes: ['kme.devices:view'],
    });
    listening.dispose();
    assert.deepEqual(failures, [
      {
        command: 'knox.setUpOAuthApp',
        code: 'INVALID_INPUT',
        message:
          '"Sandbox" does not authenticate with an OAuth app. Switch it to "Knox OAuth 2.0 app" with "Knox: Edit Profile", or add an OAuth profile.',
      },
    ]);
    assert.equal(JSON.stringify(api.profiles.list()), before);
  });

  it('starts the sandbox app’s scope picker with read-only scopes, ticked first, and confirms with a button', async () => {
    const profile = api.profiles.require(connected.oauthProfileId);
    assert.ok((profile.oauth?.scopes.length ?? 0) >= 57, 'the sandbox app holds every scope');
    const watch = watchWindow();
    let items: readonly (vscode.QuickPickItem & { scope?: string })[] = [];
    try {
      const run = start('knox.setUpOAuthApp', {
        profileId: profile.id,
        clientId: profile.oauth?.clientId,
        clientSecret: '',
      });
      await answer(watch, 1, 'workbench.action.acceptSelectedQuickOpenItem', run.settled);
      await run.result;
      const [pick] = watch.shown;
      assert.equal(pick?.kind, 'pick');
      if (pick?.kind === 'pick') items = pick.items;
    } finally {
      watch.restore();
    }
    const separators = items.filter((i) => i.kind === vscode.QuickPickItemKind.Separator);
    const scopes = items.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator);
    const ticked = scopes.filter((i) => i.picked).map((i) => i.label);
    assert.deepEqual(ticked, [
      'kai.devices',
      'kai.miscellaneous',
      'kc.devices:view',
      'kdp.devices:view',
      'kdp.profilealias',
      'kdp.customers',
      'ke.campaign:view',
      'ke.devices:view',
      'ke.licenses:view',
      'ke.fota:view',
      'ke.privacyPolicy:view',
      'kme.profiles:view',
      'kme.devices:view',
    ]);
    // Ticked first, then one group per service, each scope described by its service and Samsung's words.
    assert.deepEqual(
      scopes.slice(0, ticked.length).map((i) => i.label),
      ticked,
    );
    assert.match(separators[0]?.label ?? '', /^Ticked: read-only scopes of /);
    assert.ok(separators.some((s) => s.label === 'Knox Mobile Enrollment'));
    const kme = scopes.find((i) => i.label === 'kme.devices:view');
    assert.equal(kme?.description, 'Knox Mobile Enrollment');
    assert.equal(kme?.detail, 'View Knox Mobile Enrollment device information.');

    // Accepting as it opened keeps exactly those, and remembers them for the next time.
    const after = api.profiles.require(profile.id);
    assert.deepEqual(after.oauth?.scopes, ticked);
    assert.deepEqual(after.oauth?.lastPicked, ticked);
    const info = watch.shown.find((s) => s.kind === 'info');
    assert.ok(info?.kind === 'info');
    assert.match(info.message, /"Sandbox OAuth"/);
    assert.match(info.message, /requesting 13 scopes\./);
    assert.deepEqual(info.buttons, ['Generate Access Token']);

    // The next time it starts from the last pick, even after the sandbox set the app up again.
    await vscode.commands.executeCommand('knox.connectSandbox');
    const again = watchWindow();
    try {
      const run = start('knox.setUpOAuthApp', { profileId: profile.id, clientSecret: '' });
      await answer(again, 1, 'workbench.action.acceptSelectedQuickOpenItem', run.settled);
      await answer(again, 2, 'workbench.action.closeQuickOpen', run.settled);
      await run.result;
      const pick = again.shown[1];
      assert.ok(pick?.kind === 'pick');
      assert.deepEqual(
        pick.items.filter((i) => i.picked).map((i) => i.label),
        ticked,
      );
      assert.match(pick.items[0]?.label ?? '', /^Ticked: the scopes this profile last requested$/);
    } finally {
      again.restore();
    }
    // Cancelled: the app keeps what the sandbox gave it.
    assert.ok((api.profiles.require(profile.id).oauth?.scopes.length ?? 0) >= 57);
  });

  it('inspects only a credential that holds a token, and says so in one line when none does', async () => {
    const running = await api.sandbox.ensure();
    const profileId = await addProfile('Two credentials', 'legacy');
    await vscode.commands.executeCommand('knox.importKeyFile', {
      profileId,
      path: running.credentials.keysFile,
    });
    for (const service of ['kme', 'kdp'] as const)
      await vscode.commands.executeCommand('knox.addClientIdentifier', {
        profileId,
        service,
        alias: service.toUpperCase(),
        value: readFileSync(running.credentials.clientIdentifierFiles[service], 'utf8').trim(),
      });
    await vscode.commands.executeCommand('knox.editProfile', {
      profileId,
      baseUrl: running.url,
    });
    await vscode.commands.executeCommand('knox.selectProfile', { profileId });
    const failures: string[] = [];
    const listening = api.onDidFailCommand((f) => failures.push(f.message));
    const watch = watchWindow();
    try {
      // None holds a token: one line, and the button that makes one.
      assert.equal(await vscode.commands.executeCommand('knox.inspectToken'), undefined);
      assert.deepEqual(watch.shown, [
        {
          kind: 'info',
          message: 'Knox: "Two credentials" holds no token to inspect yet.',
          buttons: ['Generate Access Token'],
        },
      ]);

      // KDP holds one, KME does not: Inspect Token goes straight to KDP's, asking nothing.
      await vscode.commands.executeCommand('knox.generateAccessToken', {
        profileId,
        credential: 'KDP',
      });
      watch.shown.length = 0;
      const report = await vscode.commands.executeCommand<string>('knox.inspectToken');
      assert.match(report, /^# Token of "Two credentials"/);
      assert.deepEqual(
        watch.shown.filter((s) => s.kind === 'pick'),
        [],
        'nothing to choose from',
      );
      const kdp = api.profiles.require(profileId).clientIdentifiers.find((c) => c.alias === 'KDP');
      assert.ok(kdp);
      assert.ok(await api.tokens.current(profileId, clientIdentifierCredential(kdp.id)));
      assert.match(
        vscode.window.activeTextEditor?.document.uri.path ?? '',
        new RegExp(`/${profileId}/${kdp.id}/`),
      );
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      watch.restore();
      listening.dispose();
    }
    assert.deepEqual(failures, []);
  });

  it('gives every row of the populated tree a screen-reader label with the words it shows', async () => {
    await vscode.commands.executeCommand('knox.generateAccessToken', {
      profileId: connected.legacyProfileId,
      credential: 'KME',
    });
    await vscode.commands.executeCommand('knox.generateAccessToken', {
      profileId: connected.oauthProfileId,
    });
    const seen = new Set<string>();
    const walk = (node?: ExplorerNode): number => {
      let count = 0;
      for (const child of api.explorer.getChildren(node)) {
        const item = api.explorer.getTreeItem(child);
        seen.add(child.type);
        const shown = [labelOf(item), typeof item.description === 'string' ? item.description : '']
          .filter(Boolean)
          .join(' ');
        assert.ok(item.accessibilityInformation, `${child.type} "${shown}" has a label`);
        assert.deepEqual(
          words(item.accessibilityInformation.label),
          words(shown),
          `${child.type} row`,
        );
        count += 1 + walk(child);
      }
      return count;
    };
    const rows = walk();
    assert.ok(rows > 20, `${rows} rows`);
    for (const type of [
      'profile',
      'keyFile',
      'clientIdentifiers',
      'clientIdentifier',
      'oauthApp',
      'scope',
      'samsungAccount',
      'tokens',
      'token',
    ] as const satisfies readonly ExplorerNode['type'][])
      assert.ok(seen.has(type), `the tree has a ${type} row`);
  });
});
