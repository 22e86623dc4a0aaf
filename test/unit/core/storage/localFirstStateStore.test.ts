import * as assert from 'node:assert/strict';
import type { StateStore } from '../../../../src/core/storage/stateStore';
import { LocalFirstStateStore } from '../../../../src/core/storage/stateStore';

/**
 * globalState as VS Code's extension host keeps it: a write changes the value at once; later the
 * main process sends back the whole state as it was at that write, and only then does the write's
 * promise settle. Echoes arrive in write order, each when `deliver()` is called.
 */
class EchoingState implements StateStore {
  private current: Record<string, unknown> = {};
  private readonly echoes: Array<() => void> = [];

  get<T>(key: string): T | undefined {
    return this.current[key] as T | undefined;
  }

  update(key: string, value: unknown): Promise<void> {
    this.current = { ...this.current, [key]: value };
    const snapshot = structuredClone(this.current);
    return new Promise((settle) => {
      this.echoes.push(() => {
        this.current = snapshot;
        settle();
      });
    });
  }

  async deliver(): Promise<void> {
    this.echoes.shift()?.();
    await new Promise((done) => setImmediate(done));
  }
}

describe('LocalFirstStateStore (globalState read through its own writes)', () => {
  it('the plain store shows a cleared value again when an earlier echo arrives late', async () => {
    const inner = new EchoingState();
    void inner.update('tokens', { p: ['KME'] });
    void inner.update('tokens', {});
    await inner.deliver();
    assert.deepEqual(inner.get('tokens'), { p: ['KME'] }, 'the race this store exists for');
  });

  it('keeps answering with its own latest write until that write has settled', async () => {
    const inner = new EchoingState();
    const state = new LocalFirstStateStore(inner);
    const first = state.update('tokens', { p: ['KME'] });
    const second = state.update('tokens', {});
    await inner.deliver();
    assert.deepEqual(state.get('tokens'), {}, 'the echo of the first write is not read');
    await first;
    await inner.deliver();
    await second;
    assert.deepEqual(state.get('tokens'), {});
    assert.deepEqual(inner.get('tokens'), {}, 'and the store itself has caught up');
  });

  it('shields a key from the late echo of another key written before it', async () => {
    const inner = new EchoingState();
    const state = new LocalFirstStateStore(inner);
    void inner.update('history', ['GET /devices']); // another feature's write, not through this store
    void state.update('profiles', ['Sandbox']);
    await inner.deliver(); // the history echo carries the state from before the profile write
    assert.equal(inner.get('profiles'), undefined);
    assert.deepEqual(state.get('profiles'), ['Sandbox']);
  });

  it('hands out copies, reads other windows once settled, and removes with undefined', async () => {
    const inner = new EchoingState();
    const state = new LocalFirstStateStore(inner);
    const write = state.update('profiles', { names: ['A'] });
    const read = state.get<{ names: string[] }>('profiles');
    read?.names.push('changed by a reader');
    assert.deepEqual(state.get('profiles'), { names: ['A'] });
    await inner.deliver();
    await write;
    void inner.update('profiles', { names: ['from another window'] });
    assert.deepEqual(state.get('profiles'), { names: ['from another window'] });
    await inner.deliver();
    const removal = state.update('profiles', undefined);
    assert.equal(state.get('profiles'), undefined);
    await inner.deliver();
    await removal;
    assert.equal(state.get('profiles'), undefined);
  });
});
