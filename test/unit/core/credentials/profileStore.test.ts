import * as assert from 'node:assert/strict';
import { CredentialSecretKeys as Keys } from '../../../../src/core/credentials/credentialKeys';
import { ProfileStore } from '../../../../src/core/credentials/profileStore';
import { isKnoxToolError } from '../../../../src/core/toolError';
import { Redactor } from '../../../../src/core/log/redact';
import { MemorySecretStore } from '../../../../src/core/storage/secretStore';
import { MemoryStateStore } from '../../../../src/core/storage/stateStore';
import { generateKeys } from '../../../helpers/keys';

const settle = (): Promise<void> => new Promise((done) => setImmediate(done));
const T0 = Date.parse('2025-03-01T10:00:00Z');
const CLIENT_IDENTIFIER = 'eyJhbGciOiJIUzUxMiJ9.client-identifier-kme.abcd';

function setup() {
  const state = new MemoryStateStore();
  const secrets = new MemorySecretStore();
  const redactor = new Redactor();
  const store = new ProfileStore({ state, secrets, redactor, now: () => T0 });
  return { state, secrets, redactor, store };
}

const legacy = {
  name: 'Production',
  target: { kind: 'region', region: 'us' },
  scheme: 'legacy',
} as const;

describe('ProfileStore (plain Node, in-memory stores)', () => {
  it('adds profiles, makes the first one active and finds them by id or by name', async () => {
    const { store, state } = setup();
    const first = await store.add(legacy);
    const second = await store.add({ ...legacy, name: 'Test', tenantId: '  ' });
    assert.equal(store.active()?.id, first.id);
    assert.equal(store.find('production')?.id, first.id);
    assert.equal(store.find(second.id)?.name, 'Test');
    assert.equal('tenantId' in second, false, 'a blank tenant id is not stored');
    assert.deepEqual(
      state.get<{ profiles: { name: string }[] }>('knox.profiles.v1')?.profiles.map((p) => p.name),
      ['Production', 'Test'],
    );
    await store.setActive('Test');
    assert.equal(store.active()?.id, second.id);
  });

  it('refuses a taken or empty name and leaves the profiles as they were', async () => {
    const { store } = setup();
    await store.add(legacy);
    await assert.rejects(
      store.add({ ...legacy, name: ' PRODUCTION ' }),
      (e) =>
        isKnoxToolError(e, 'INVALID_INPUT') &&
        e.message === 'A profile named "PRODUCTION" exists already. Choose another name.',
    );
    await assert.rejects(store.add({ ...legacy, name: ' ' }), (e) =>
      isKnoxToolError(e, 'INVALID_INPUT'),
    );
    assert.equal(store.list().length, 1);
  });

  it('says what to do when there is no such profile', () => {
    const { store } = setup();
    assert.throws(
      () => store.require(undefined),
      (e) => isKnoxToolError(e, 'NOT_FOUND') && /Knox: Add Profile/.test(e.message),
    );
    assert.throws(
      () => store.require('nope'),
      (e) =>
        isKnoxToolError(e, 'NOT_FOUND') &&
        e.message === 'There is no Knox profile "nope". Add it with "Knox: Add Profile".',
    );
  });

  it('renames and clears the tenant id on update', async () => {
    const { store } = setup();
    const p = await store.add({ ...legacy, tenantId: 'T-1' });
    const next = await store.update(p.id, { name: ' Renamed ', tenantId: '' });
    assert.equal(next.name, 'Renamed');
    assert.equal(next.tenantId, undefined);
    assert.equal(store.get(p.id)?.name, 'Renamed');
  });

  it('imports a key file into secret storage only, and parses it once', async () => {
    const { store, secrets, state } = setup();
    const p = await store.add(legacy);
    const keys = generateKeys();
    const updated = await store.importKeyFile(p.id, keys.json, 'keys.json');
    assert.equal(updated.keyFile?.fileName, 'keys.json');
    assert.equal(updated.keyFile?.modulusBits, 2048);
    assert.equal(await secrets.get(Keys.keyFile(p.id)), keys.json);
    assert.ok(!JSON.stringify(state.get('knox.profiles.v1')).includes(keys.privateKeyBase64));
    const key = await store.keyFile(p.id);
    assert.equal(key.fingerprint, updated.keyFile?.fingerprint);
    assert.equal(await store.keyFile(p.id), key, 'held in memory');
  });

  it('keeps the previous state when a key file does not parse', async () => {
    const { store, secrets } = setup();
    const p = await store.add(legacy);
    await assert.rejects(store.importKeyFile(p.id, '{"Public":"x"}', 'keys.json'));
    assert.equal(await secrets.get(Keys.keyFile(p.id)), undefined);
    assert.equal(store.get(p.id)?.keyFile, undefined);
    await assert.rejects(
      store.keyFile(p.id),
      (e) =>
        isKnoxToolError(e, 'TOKEN_MISSING_CREDENTIAL') &&
        e.message ===
          'Profile "Production" has no key file. Import keys.json with "Knox: Import Key File".',
    );
  });

  it('stores client identifiers as secrets, checks them and finds them by alias', async () => {
    const { store, secrets, redactor } = setup();
    const p = await store.add(legacy);
    const info = await store.addClientIdentifier(p.id, {
      alias: '',
      service: 'kme',
      value: ` ${CLIENT_IDENTIFIER} `,
    });
    assert.equal(info.alias, 'KME');
    assert.equal(info.hint, '…abcd');
    assert.equal(await secrets.get(Keys.clientIdentifier(p.id, info.id)), CLIENT_IDENTIFIER);
    assert.equal(await store.clientIdentifier(p.id, 'kme'), CLIENT_IDENTIFIER);
    assert.equal(redactor.redact(`sent ${CLIENT_IDENTIFIER}`).includes(CLIENT_IDENTIFIER), false);
    await assert.rejects(
      store.addClientIdentifier(p.id, { alias: 'kme', service: 'kdp', value: 'other' }),
      (e) =>
        isKnoxToolError(e, 'INVALID_INPUT') &&
        e.message ===
          'Profile "Production" has a client identifier named "kme" already. Choose another alias.',
    );
    await assert.rejects(
      store.addClientIdentifier(p.id, { alias: 'x', service: 'kdp', value: 'a b' }),
      (e) => isKnoxToolError(e, 'INVALID_INPUT') && /spaces or line breaks/.test(e.message),
    );
    await assert.rejects(
      store.addClientIdentifier(p.id, { alias: 'x', service: 'kdp', value: ' ' }),
      (e) => isKnoxToolError(e, 'INVALID_INPUT') && /is empty/.test(e.message),
    );
  });

  it('removing a client identifier deletes its secret and its token', async () => {
    const { store, secrets } = setup();
    const p = await store.add(legacy);
    const info = await store.addClientIdentifier(p.id, {
      alias: 'kme',
      service: 'kme',
      value: CLIENT_IDENTIFIER,
    });
    await secrets.set(Keys.token(p.id, info.id), '{"value":"t"}');
    await store.removeClientIdentifier(p.id, info.id);
    assert.deepEqual(
      secrets.keys().filter((k) => k.startsWith(Keys.profilePrefix(p.id))),
      [],
    );
    assert.deepEqual(store.get(p.id)?.clientIdentifiers, []);
  });

  it('sets up an OAuth app: the secret is needed once, and the old OAuth token goes', async () => {
    const { store, secrets } = setup();
    const p = await store.add({ ...legacy, scheme: 'oauth' });
    await assert.rejects(
      store.setOAuthApp(p.id, { clientId: 'app', scopes: ['kme'] }),
      (e) =>
        isKnoxToolError(e, 'INVALID_INPUT') &&
        e.message === 'Enter the client secret of the OAuth app.',
    );
    await store.setOAuthApp(p.id, { clientId: 'app', clientSecret: 's3cret', scopes: ['kme'] });
    await secrets.set(Keys.token(p.id, 'oauth'), '{"value":"Bearer x"}');
    const next = await store.setOAuthApp(p.id, { clientId: 'app', scopes: ['kme', 'kme'] });
    assert.deepEqual(next.oauth, { clientId: 'app', scopes: ['kme'] });
    assert.equal(await secrets.get(Keys.token(p.id, 'oauth')), undefined);
    assert.equal(await store.oauthClientSecret(p.id), 's3cret');
  });

  it('keeps the scopes the user last picked, also when the app is set up again without a pick', async () => {
    const { store } = setup();
    const p = await store.add({ ...legacy, scheme: 'oauth' });
    await store.setOAuthApp(p.id, { clientId: 'app', clientSecret: 's', scopes: ['kme', 'kdp'] });
    assert.equal(store.require(p.id).oauth?.lastPicked, undefined, 'not picked by the user');
    await store.setOAuthApp(p.id, { clientId: 'app', scopes: ['kme.devices:view'], picked: true });
    assert.deepEqual(store.require(p.id).oauth?.lastPicked, ['kme.devices:view']);
    // Connect to Local Sandbox sets the app again with every scope; the pick stays for the picker.
    const again = await store.setOAuthApp(p.id, { clientId: 'app', scopes: ['kme', 'kai'] });
    assert.deepEqual(again.oauth, {
      clientId: 'app',
      scopes: ['kme', 'kai'],
      lastPicked: ['kme.devices:view'],
    });
  });

  it('keeps a Samsung Account sign-in for the same client and ends it for another', async () => {
    const { store, secrets } = setup();
    const p = await store.add({ ...legacy, scheme: 'partner' });
    const client = {
      clientId: 'sa-client',
      clientSecret: 'sa-secret',
      aliasId: 'ALIAS',
      redirectUri: 'http://127.0.0.1:7777/callback',
    };
    await store.setSamsungAccount(p.id, client);
    await store.storeSamsungAccountSignIn(p.id, { signedInAt: T0, refreshToken: 'rt-1' });
    await store.markSamsungAccountSignedIn(p.id, { userId: 'u-1', signedInAt: T0 });
    await secrets.set(Keys.token(p.id, 'samsungAccount'), '{"value":"sa"}');

    const same = await store.setSamsungAccount(p.id, { ...client, clientSecret: undefined });
    assert.equal(same.samsungAccount?.userId, 'u-1');
    assert.equal((await store.samsungAccountSignIn(p.id))?.refreshToken, 'rt-1');

    const other = await store.setSamsungAccount(p.id, { ...client, aliasId: 'OTHER' });
    assert.equal(other.samsungAccount?.userId, undefined);
    assert.equal(other.samsungAccount?.signedInAt, undefined);
    assert.equal(await store.samsungAccountSignIn(p.id), undefined);
    assert.equal(await secrets.get(Keys.token(p.id, 'samsungAccount')), undefined);
  });

  it('removes a profile with every secret stored for it and picks another active one', async () => {
    const { store, secrets } = setup();
    const p = await store.add(legacy);
    const other = await store.add({ ...legacy, name: 'Other' });
    await store.importKeyFile(p.id, generateKeys().json, 'keys.json');
    const info = await store.addClientIdentifier(p.id, {
      alias: 'kme',
      service: 'kme',
      value: CLIENT_IDENTIFIER,
    });
    await secrets.set(Keys.token(p.id, info.id), '{}');
    await secrets.set(Keys.token(p.id, 'oauth'), '{}');
    await secrets.set(Keys.oauthClientSecret(p.id), 's');
    await secrets.set(Keys.samsungAccountSignIn(p.id), '{}');
    await store.remove(p.id);
    assert.deepEqual(
      secrets.keys().filter((k) => k.startsWith(Keys.profilePrefix(p.id))),
      [],
      'no secret of the removed profile is left',
    );
    assert.equal(store.active()?.id, other.id);
    assert.deepEqual(
      store.list().map((x) => x.id),
      [other.id],
    );
  });

  it('tells of every change, and of a change another window made', async () => {
    const { store, secrets } = setup();
    let fired = 0;
    const subscription = store.onDidChange(() => fired++);
    await store.add(legacy);
    await settle();
    assert.equal(fired, 1, 'a change in this window, told once (not again by its own echo)');
    const before = fired;
    await secrets.set(Keys.revision, 'from another window');
    await settle();
    assert.equal(fired, before + 1, 'a change in another window');
    subscription.dispose();
    await store.add({ ...legacy, name: 'Second' });
    await settle();
    assert.equal(fired, before + 1);
    store.dispose();
  });

  it('counts a revision it cannot read as a change (no unhandled rejection)', async () => {
    const { store, secrets } = setup();
    let fired = 0;
    store.onDidChange(() => fired++);
    const get = secrets.get.bind(secrets);
    secrets.get = (key) =>
      key === Keys.revision ? Promise.reject(new Error('keyring locked')) : get(key);
    await secrets.set(Keys.revision, 'from another window');
    await settle();
    assert.equal(fired, 1);
    store.dispose();
  });
});
