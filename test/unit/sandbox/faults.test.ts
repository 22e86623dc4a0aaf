import assert from 'node:assert/strict';
import { FaultSchedule, parseFaultHeader } from '../../../src/sandbox/faults';

describe('sandbox: fault header and schedule', () => {
  it('parses statuses, retry-after, delay, expire and times, in any order and case', () => {
    assert.deepEqual(parseFaultHeader('429;retry-after=1'), {
      ok: true,
      fault: { status: 429, retryAfterSeconds: 1 },
    });
    assert.deepEqual(parseFaultHeader('500'), { ok: true, fault: { status: 500 } });
    assert.deepEqual(parseFaultHeader('delay=200'), { ok: true, fault: { delayMs: 200 } });
    assert.deepEqual(parseFaultHeader('EXPIRE'), { ok: true, fault: { expire: true } });
    assert.deepEqual(parseFaultHeader('times=2, 503 ; Retry-After=none; id=x'), {
      ok: true,
      fault: { times: 2, status: 503, retryAfterSeconds: null },
    });
    assert.deepEqual(parseFaultHeader('status=502'), { ok: true, fault: { status: 502 } });
  });

  it('refuses what it cannot read, saying what', () => {
    for (const [value, hint] of [
      ['boom', '"boom" is not a fault'],
      ['200', 'status 200'],
      ['600', 'status 600'],
      ['delay=-5', 'delay -5'],
      ['delay=60001', 'delay 60001'],
      ['times=0', 'times 0'],
      ['retry-after=soon', 'retry-after NaN'],
    ] as const) {
      const parsed = parseFaultHeader(value);
      assert.ok(
        !parsed.ok &&
          parsed.problem.startsWith('x-knox-sandbox-fault: ') &&
          parsed.problem.includes(hint),
        `${value}: ${JSON.stringify(parsed)}`,
      );
    }
  });

  it('counts header faults with times per exact header value', () => {
    const schedule = new FaultSchedule();
    const take = (header: string): number | undefined => {
      const decision = schedule.take('/x', header);
      return decision.ok ? decision.fault?.status : -1;
    };
    assert.deepEqual(
      [take('429;times=1'), take('429;times=1'), take('429; times=1')],
      [429, undefined, 429],
    );
    assert.deepEqual([take('500'), take('500')], [500, 500]);
    assert.equal(take('nonsense'), -1);
  });

  it('applies the server-wide fault unless a header is sent, honouring times and pathPrefix', () => {
    const schedule = new FaultSchedule({ status: 503, times: 1, pathPrefix: '/kcs/' });
    assert.deepEqual(schedule.take('/ams/v1/oauth2/token', undefined), { ok: true });
    const first = schedule.take('/kcs/v1/kme/devices/list', undefined);
    assert.ok(first.ok && first.fault?.status === 503);
    assert.deepEqual(schedule.take('/kcs/v1/kme/devices/list', undefined), { ok: true });
    schedule.set({ delayMs: 10 });
    const header = schedule.take('/kcs/', 'expire');
    assert.ok(header.ok && header.fault?.expire === true && header.fault.delayMs === undefined);
    assert.throws(() => schedule.set({ times: 1.5 }), {
      name: 'KnoxToolError',
      code: 'INVALID_INPUT',
      message: 'Sandbox fault not set: times 1.5 is not a whole number from 1 up.',
    });
    assert.throws(() => schedule.set({ retryAfterSeconds: -1 }), { code: 'INVALID_INPUT' });
  });
});
