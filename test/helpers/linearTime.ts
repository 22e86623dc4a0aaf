import assert from 'node:assert/strict';

/**
 * Milliseconds of CPU time of the cheapest of `runs` calls. CPU time, not wall time: on a busy
 * shared machine the process waits for a core, and that wait is no part of the work.
 */
export function bestOf(runs: number, work: () => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run++) {
    const started = process.cpuUsage();
    work();
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/**
 * Asserts that `work` grows about linearly with its input: the input is doubled twice from
 * `size` and the time for 4x the input must stay under 8x the time for 1x (linear: about 4x,
 * quadratic: about 16x). Never an absolute time. Returns the figures for the report.
 */
export function assertLinearTime<T>(
  make: (size: number) => T,
  work: (input: T) => unknown,
  size: number,
  runs = 5,
): { readonly sizes: readonly number[]; readonly ms: readonly number[] } {
  const sizes = [size, size * 2, size * 4];
  const inputs = sizes.map(make);
  // Repeat the smallest until it takes a few milliseconds, so timer noise does not decide.
  const once = Math.max(
    bestOf(2, () => work(inputs[0] as T)),
    0.01,
  );
  const repeats = Math.min(Math.ceil(5 / once), 1000);
  const ms = inputs.map(
    (input) =>
      bestOf(runs, () => {
        for (let repeat = 0; repeat < repeats; repeat++) work(input);
      }) / repeats,
  );
  const ratio = (ms[2] ?? 0) / (ms[0] ?? 1);
  assert.ok(
    ratio < 8,
    `time grows faster than linear: sizes ${sizes.join(', ')} took ${ms.map((t) => t.toFixed(2)).join(', ')} ms (4x input: ${ratio.toFixed(1)}x time)`,
  );
  return { sizes, ms };
}
