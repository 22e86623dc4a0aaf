import assert from 'node:assert/strict';
import { MemorySecretStore } from '../../../../src/core/storage/secretStore';

describe('MemorySecretStore', () => {
  it('gets what was set, and nothing after delete', async () => {
    const store = new MemorySecretStore();
    assert.equal(await store.get('k'), undefined);
    await store.set('k', 'v1');
    assert.equal(await store.get('k'), 'v1');
    await store.set('k', 'v2');
    assert.equal(await store.get('k'), 'v2');
    await store.delete('k');
    assert.equal(await store.get('k'), undefined);
    assert.deepEqual(store.keys(), []);
  });

  it('tells listeners which key changed, until they dispose', async () => {
    const store = new MemorySecretStore();
    const seen: string[] = [];
    const subscription = store.onDidChange(({ key }) => seen.push(key));
    await store.set('a', '1');
    await store.delete('a');
    await store.delete('a');
    subscription.dispose();
    await store.set('b', '2');
    assert.deepEqual(seen, ['a', 'a']);
  });

  it('keeps keys apart', async () => {
    const store = new MemorySecretStore();
    await store.set('one', 'x');
    await store.set('two', 'y');
    assert.equal(await store.get('one'), 'x');
    assert.deepEqual(store.keys().sort(), ['one', 'two']);
  });
});
