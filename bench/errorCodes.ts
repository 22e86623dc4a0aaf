// What the error-code hover and diagnostics cost, measured on the same vscode-free functions
// the providers call: errorCodeUnderCursor on one line of a generated 50 MB log, and
// diagnoseKnoxBody on a 5 MB Knox error body. A report, not a test: exits 0.
// Build and run: node scripts/build.mjs --tests && node out/bench/errorCodes.js
import { errorCodeUnderCursor } from '../src/core/knoxErrors/errorCodeUnderCursor';
import { diagnoseKnoxBody } from '../src/core/knoxErrors/diagnoseKnoxBody';

/** Summary of many timings, in milliseconds. */
export interface Timing {
  readonly name: string;
  readonly samples: number;
  readonly median: number;
  readonly p95: number;
  readonly max: number;
}

export interface ErrorCodesBenchmark {
  readonly logBytes: number;
  readonly logLines: number;
  readonly longestLine: number;
  /** Building the line index once, as a TextDocument already has it. */
  readonly indexMs: number;
  /** Baseline: find the line of a random offset and read it. */
  readonly readLine: Timing;
  /** Read the line, then run the matcher at the position (the hover's work). */
  readonly hover: Timing;
  /** The same, at positions on codes, where a hover is shown. */
  readonly hoverOnCodes: Timing;
  readonly hoversFound: number;
  readonly bodyBytes: number;
  /** Baseline: JSON.parse of the whole body. */
  readonly parseBody: Timing;
  /** diagnoseKnoxBody on the body as a saved .json file (no status). */
  readonly diagnose: Timing;
  /** diagnoseKnoxBody as the request runner calls it (status and content type known). */
  readonly diagnoseResponse: Timing;
}

const HOVER_TARGET_MS = 1;
const DIAGNOSE_TARGET_MS = 50;

// A seeded generator, so every run measures the same log.
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CODES = ['4032251', '4002250', '40122050', 'AUT_1806', 'LIC_4103', '4040300', 'AUT_1802'];
const PATHS = [
  '/kcs/v1/kme/devices/list',
  '/kcs/v1.1/kg/devices/lock',
  '/ams/v1/users/accesstoken',
];

function logLine(rnd: () => number, i: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const time = new Date(Date.UTC(2026, 0, 1) + i * 37).toISOString();
  const r = rnd();
  if (r < 0.04) {
    return `${time} ERROR knox ${pick(PATHS)} answered {"errorId":"${i.toString(16)}","code":${pick(CODES.slice(0, 3))},"message":"ACCESS_TOKEN_EXPIRED","data":null}`;
  }
  if (r < 0.08)
    return `${time} WARN  partner sign-in failed with ${pick(CODES)} after ${Math.floor(rnd() * 900)} ms`;
  if (r < 0.12) return `${time} INFO  < HTTP/1.1 ${pick([200, 401, 403, 429])} ${pick(PATHS)}`;
  if (r < 0.1205) {
    // A minified response on one line: the hover must not cost more on it.
    const devices = Array.from(
      { length: 400 },
      (_, k) => `{"imei":"35${String(i * 400 + k).padStart(13, '0')}","status":"ENROLLED"}`,
    );
    return `${time} DEBUG body {"devices":[${devices.join(',')}],"totalCount":400,"code":4040300}`;
  }
  return `${time} INFO  request ${Math.floor(rnd() * 1e9)} ${pick(PATHS)} took ${Math.floor(rnd() * 2000)} ms, port 1403, ${Math.floor(rnd() * 500)} devices, build 4032251-rc${i % 9}`;
}

/** A log of about `bytes` characters, one entry per line. */
export function generateLog(bytes: number, seed = 1): string {
  const rnd = random(seed);
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = logLine(rnd, i);
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

/** A Knox bulk-call error body of about `bytes` characters, its code after the large data. */
export function generateErrorBody(bytes: number): string {
  const items: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const item = JSON.stringify({
      deviceUid: `R58M${String(i).padStart(8, '0')}`,
      imei: `35${String(i).padStart(13, '0')}`,
      code: 4040300,
      message: 'DEVICE_NOT_FOUND: the device is not registered in Knox Mobile Enrollment',
    });
    items.push(item);
    size += item.length + 1;
  }
  return `{\n  "errorId": "9f1c2d3e",\n  "data": [${items.join(',')}],\n  "code": 4000000,\n  "message": "RESOURCE_INVALID_PARAM"\n}\n`;
}

function summarise(name: string, ms: number[]): Timing {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { name, samples: ms.length, median: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? NaN };
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** Runs both measurements; `positions` random hovers, `runs` diagnoses of the body. */
export function runErrorCodesBenchmark(
  options: { logBytes?: number; bodyBytes?: number; positions?: number; runs?: number } = {},
): ErrorCodesBenchmark {
  const { logBytes = 50_000_000, bodyBytes = 5_000_000, positions = 5000, runs = 21 } = options;
  const log = generateLog(logBytes);
  let starts = new Uint32Array(0);
  const indexMs = time(() => {
    const found: number[] = [0];
    for (let at = log.indexOf('\n'); at !== -1; at = log.indexOf('\n', at + 1)) found.push(at + 1);
    starts = Uint32Array.from(found);
  });
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const readLine = (line: number): string =>
    log.slice(
      starts[line] ?? 0,
      line + 1 < starts.length ? (starts[line + 1] ?? 1) - 1 : log.length,
    );
  let longestLine = 0;
  for (let l = 0; l < starts.length; l++) {
    const length =
      (l + 1 < starts.length ? (starts[l + 1] ?? 0) - 1 : log.length) - (starts[l] ?? 0);
    if (length > longestLine) longestLine = length;
  }

  const rnd = random(42);
  const offsets = Array.from({ length: positions }, () => Math.floor(rnd() * log.length));
  const codeOffsets: number[] = [];
  for (let from = 0; codeOffsets.length < positions;) {
    const at = log.indexOf('AUT_1806', from + Math.floor(rnd() * 20_000));
    if (at === -1) break;
    codeOffsets.push(at + 3);
    from = at + 1;
  }
  const hoverAt = (offset: number): unknown => {
    const line = lineOf(offset);
    return errorCodeUnderCursor(readLine(line), offset - (starts[line] ?? 0));
  };
  for (const offset of offsets.slice(0, 200)) hoverAt(offset);
  const readTimes: number[] = [];
  const hoverTimes: number[] = [];
  let hoversFound = 0;
  // Interleaved, so that the baseline and the hover see the same machine load.
  for (const offset of offsets) {
    readTimes.push(time(() => readLine(lineOf(offset))));
    hoverTimes.push(
      time(() => {
        if (hoverAt(offset) !== undefined) hoversFound++;
      }),
    );
  }
  const onCodeTimes = codeOffsets.map((offset) =>
    time(() => {
      if (hoverAt(offset) === undefined) throw new Error(`no hover on a code at ${offset}`);
    }),
  );

  const body = generateErrorBody(bodyBytes);
  if (diagnoseKnoxBody(body)?.error.entry?.code !== '4000000') {
    throw new Error('the benchmark body was not diagnosed as 4000000');
  }
  const parseTimes: number[] = [];
  const diagnoseTimes: number[] = [];
  const responseTimes: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const p = time(() => JSON.parse(body));
    const d = time(() => diagnoseKnoxBody(body));
    const r = time(() => diagnoseKnoxBody(body, { status: 400, contentType: 'application/json' }));
    if (i >= 2) {
      parseTimes.push(p);
      diagnoseTimes.push(d);
      responseTimes.push(r);
    }
  }

  return {
    logBytes: log.length,
    logLines: starts.length,
    longestLine,
    indexMs,
    readLine: summarise('read the line (baseline)', readTimes),
    hover: summarise('read the line + match at the position', hoverTimes),
    hoverOnCodes: summarise('the same, on a code (hover shown)', onCodeTimes),
    hoversFound,
    bodyBytes: body.length,
    parseBody: summarise('JSON.parse of the body (baseline)', parseTimes),
    diagnose: summarise('diagnoseKnoxBody, saved .json file', diagnoseTimes),
    diagnoseResponse: summarise('diagnoseKnoxBody, response with status', responseTimes),
  };
}

/** The report as printed lines. */
export function formatErrorCodesBenchmark(r: ErrorCodesBenchmark): string[] {
  const ms = (v: number): string => (v < 1 ? `${(v * 1000).toFixed(1)} µs` : `${v.toFixed(2)} ms`);
  const row = (t: Timing): string =>
    `  ${t.name.padEnd(42)} median ${ms(t.median).padStart(9)}  p95 ${ms(t.p95).padStart(9)}  max ${ms(t.max).padStart(9)}  (${t.samples})`;
  const verdict = (value: number, target: number): string => (value < target ? 'PASS' : 'MISS');
  const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;
  return [
    `Knox error codes, Node ${process.version}`,
    `Hover: ${mb(r.logBytes)} generated log, ${r.logLines} lines (longest ${r.longestLine} characters); line index built once in ${ms(r.indexMs)}`,
    row(r.readLine),
    row(r.hover),
    row(r.hoverOnCodes),
    `  ${r.hoversFound} of ${r.hover.samples} random positions were on a code`,
    `  hover median ${ms(r.hover.median)} (target < ${HOVER_TARGET_MS} ms): ${verdict(r.hover.median, HOVER_TARGET_MS)}; on codes ${ms(r.hoverOnCodes.median)}: ${verdict(r.hoverOnCodes.median, HOVER_TARGET_MS)}; ${(r.hover.median / r.readLine.median).toFixed(1)}x the baseline`,
    `Diagnostics: ${mb(r.bodyBytes)} Knox error body, the code after the data`,
    row(r.parseBody),
    row(r.diagnose),
    row(r.diagnoseResponse),
    `  diagnose median ${ms(r.diagnose.median)} (target < ${DIAGNOSE_TARGET_MS} ms): ${verdict(r.diagnose.median, DIAGNOSE_TARGET_MS)}; ${(r.diagnose.median / r.parseBody.median).toFixed(2)}x JSON.parse of the same body`,
    `  response median ${ms(r.diagnoseResponse.median)} (target < ${DIAGNOSE_TARGET_MS} ms): ${verdict(r.diagnoseResponse.median, DIAGNOSE_TARGET_MS)}`,
  ];
}

function main(): void {
  for (const line of formatErrorCodesBenchmark(runErrorCodesBenchmark())) console.log(line);
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error('error-code benchmark failed:', e);
    process.exitCode = 1;
  }
}
