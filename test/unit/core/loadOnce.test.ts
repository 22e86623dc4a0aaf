import * as assert from 'node:assert/strict';
import { LoadOnce } from '../../../src/core/loadOnce';

describe('LoadOnce (feature chunks load once, and again after a failure)', () => {
  it('runs a load once and shares it between callers', async () => {
    const once = new LoadOnce<string>();
    let runs = 0;
    const load = (): Promise<number> => Promise.resolve(++runs);
    const [a, b] = await Promise.all([once.get('x', load), once.get('x', load)]);
    assert.equal(a, 1);
    assert.equal(b, 1);
    assert.equal(await once.get('x', load), 1);
    assert.equal(runs, 1);
    assert.equal(await once.get('y', load), 2, 'another key loads on its own');
  });

  it('tries again after a failed load, and every waiter of the failed one sees the failure', async () => {
    const once = new LoadOnce<string>();
    let runs = 0;
    const load = (): Promise<string> => {
      runs++;
      return runs === 1 ? Promise.reject(new Error('bundle missing')) : Promise.resolve('loaded');
    };
    const first = once.get('x', load);
    const second = once.get('x', load);
    await assert.rejects(first, /bundle missing/);
    await assert.rejects(second, /bundle missing/);
    assert.equal(await once.get('x', load), 'loaded');
    assert.equal(await once.get('x', load), 'loaded');
    assert.equal(runs, 2);
  });
});
