import * as assert from 'node:assert/strict';
import { ExchangeMemory } from '../../../../src/core/runner/exchangeMemory';
import type { RecordedExchange } from '../../../../src/core/runner/requestVariables';

const exchange = (body: string): RecordedExchange => ({
  request: { headers: {} },
  response: { headers: { 'content-type': 'x' }, body },
});

describe('ExchangeMemory (named responses for request variables)', () => {
  it('keeps what fits and returns it by name', () => {
    const memory = new ExchangeMemory(100);
    memory.set('a', exchange('1234'));
    assert.equal(memory.get('a')?.response.body, '1234');
    assert.equal(memory.size, 4 + 'content-type'.length + 1);
  });

  it('forgets the oldest exchanges once the total passes the bound', () => {
    const memory = new ExchangeMemory(100);
    for (const name of ['a', 'b', 'c', 'd']) memory.set(name, exchange('x'.repeat(30)));
    // Each holds 43 characters: two fit in 100.
    assert.equal(memory.get('a'), undefined, 'the oldest is gone');
    assert.equal(memory.get('b'), undefined);
    assert.ok(memory.get('c') && memory.get('d'), 'the newest two stay');
    assert.ok(memory.size <= 100, `holds ${memory.size} chars`);
  });

  it('counts a replaced exchange once, and keeps none larger than the bound', () => {
    const memory = new ExchangeMemory(100);
    for (let i = 0; i < 50; i++) memory.set('same', exchange('x'.repeat(40)));
    assert.equal(memory.size, 40 + 13);
    memory.set('huge', exchange('x'.repeat(101)));
    assert.equal(memory.get('huge'), undefined);
    assert.ok(memory.get('same'), 'a too large exchange evicts nothing');
  });

  it('stays bounded over many large responses', () => {
    const memory = new ExchangeMemory(1000);
    for (let i = 0; i < 10_000; i++) memory.set(`r${i}`, exchange('y'.repeat(97)));
    assert.ok(memory.size <= 1000);
    assert.ok(memory.get('r9999'));
  });
});
