// Signed Knox tokens per second: this engine, Samsung's knox-token-library-js and one bare
// RS512 signature, on one generated RSA-2048 keys.json. A report, not a test: exits 0.
// Build and run: node scripts/build.mjs --tests && node out/bench/signing.js
import { createSign, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readKeyFile } from '../src/core/keys/keyFile';
import { decodeJwt } from '../src/core/tokens/decodeJwt';
import { signAccessToken } from '../src/core/tokens/signJwt';
import { generateKeys } from '../test/helpers/keys';

interface KnoxTokenLibrary {
  generateSignedAccessTokenJWT(path: string, accessToken: string): string;
}

export interface Rate {
  readonly name: string;
  readonly perSecond: number;
  readonly microsEach: number;
}

export interface SigningBenchmark {
  readonly engine: Rate;
  readonly knoxLibrary: Rate;
  readonly bareSignature: Rate;
  readonly bareWebCrypto: Rate;
  /** engine / knox-token-library-js, per token; target >= 4. */
  readonly speedupOverKnoxLibrary: number;
  /** bare signature / engine; target <= 1.25. */
  readonly overheadOverBare: number;
}

const SPEEDUP_TARGET = 4;
const OVERHEAD_TARGET = 1.25;

interface Contender {
  readonly name: string;
  readonly fn: () => unknown;
}

/**
 * Runs each contender back to back (awaiting promises) for `durationMs` in total, in short
 * slices taken in turn, after a warm-up. Interleaving keeps the ratios fair on a shared
 * machine whose load changes while the benchmark runs.
 */
async function measure(
  contenders: readonly Contender[],
  durationMs: number,
  sliceMs = 100,
): Promise<Rate[]> {
  const slice = async (
    fn: () => unknown,
    ms: number,
  ): Promise<{ count: number; elapsed: number }> => {
    let count = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      const result = fn();
      if (result instanceof Promise) await result;
      count++;
      elapsed = performance.now() - start;
    } while (elapsed < ms);
    return { count, elapsed };
  };
  for (const { fn } of contenders) await slice(fn, Math.min(500, durationMs / 4));
  const totals = contenders.map(() => ({ count: 0, elapsed: 0 }));
  for (let round = 0; round < Math.max(1, Math.round(durationMs / sliceMs)); round++) {
    for (const [i, { fn }] of contenders.entries()) {
      const { count, elapsed } = await slice(fn, sliceMs);
      const total = totals[i];
      if (total) {
        total.count += count;
        total.elapsed += elapsed;
      }
    }
  }
  return contenders.map(({ name }, i) => {
    const { count, elapsed } = totals[i] ?? { count: 0, elapsed: 1 };
    return { name, perSecond: (count * 1000) / elapsed, microsEach: (elapsed * 1000) / count };
  });
}

/** Measures the three signers (plus bare WebCrypto, which jose uses) on one fresh key pair, ~`durationMs` each. */
export async function runSigningBenchmark(durationMs = 2000): Promise<SigningBenchmark> {
  const dir = await mkdtemp(join(tmpdir(), 'knox-bench-'));
  try {
    const path = join(dir, 'keys.json');
    await writeFile(path, generateKeys().json);
    const key = await readKeyFile(path);
    const knox = createRequire(__filename)('knox-token-library-js') as KnoxTokenLibrary;
    const accessToken = randomUUID();
    const { signingInput } = decodeJwt(await signAccessToken(key, accessToken));
    const input = Buffer.from(signingInput);
    const webCryptoKey = await crypto.subtle.importKey(
      'pkcs8',
      key.privateKey.export({ type: 'pkcs8', format: 'der' }),
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' },
      false,
      ['sign'],
    );

    const [engine, knoxLibrary, bareSignature, bareWebCrypto] = await measure(
      [
        {
          name: 'engine signAccessToken (node:crypto, held KeyObject)',
          fn: () => signAccessToken(key, accessToken),
        },
        {
          name: 'knox-token-library-js generateSignedAccessTokenJWT',
          fn: () => knox.generateSignedAccessTokenJWT(path, accessToken),
        },
        {
          name: "bare node:crypto createSign('RSA-SHA512')",
          fn: () => createSign('RSA-SHA512').update(input).sign(key.privateKey),
        },
        {
          name: 'bare WebCrypto subtle.sign RS512 (an asynchronous sign)',
          fn: () => crypto.subtle.sign('RSASSA-PKCS1-v1_5', webCryptoKey, input),
        },
      ],
      durationMs,
    );
    if (!engine || !knoxLibrary || !bareSignature || !bareWebCrypto) {
      throw new Error('a contender produced no measurement');
    }
    return {
      engine,
      knoxLibrary,
      bareSignature,
      bareWebCrypto,
      speedupOverKnoxLibrary: engine.perSecond / knoxLibrary.perSecond,
      overheadOverBare: bareSignature.perSecond / engine.perSecond,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The report as printed lines. */
export function formatSigningBenchmark(result: SigningBenchmark): string[] {
  const row = (rate: Rate): string =>
    `  ${rate.name.padEnd(52)} ${rate.perSecond.toFixed(0).padStart(6)} /s ${rate.microsEach.toFixed(0).padStart(6)} µs each`;
  const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
  const speedup = result.speedupOverKnoxLibrary;
  const overhead = result.overheadOverBare;
  const webCryptoGap = result.bareSignature.perSecond / result.bareWebCrypto.perSecond;
  return [
    `Knox JWT signing, RSA-2048 RS512, Node ${process.version}`,
    row(result.engine),
    row(result.knoxLibrary),
    row(result.bareSignature),
    row(result.bareWebCrypto),
    `  engine vs knox-token-library-js: ${speedup.toFixed(2)}x faster per token (target >= ${SPEEDUP_TARGET}x): ${verdict(speedup >= SPEEDUP_TARGET)}`,
    `  bare signature vs engine: ${overhead.toFixed(2)}x (target <= ${OVERHEAD_TARGET}x): ${verdict(overhead <= OVERHEAD_TARGET)}`,
    `  bare node:crypto vs bare WebCrypto: ${webCryptoGap.toFixed(2)}x (what signing off the main thread would cost: why the engine signs synchronously)`,
  ];
}

async function main(): Promise<void> {
  const result = await runSigningBenchmark();
  for (const line of formatSigningBenchmark(result)) console.log(line);
}

if (require.main === module) {
  main().then(
    () => {
      process.exitCode = 0;
    },
    (e: unknown) => {
      console.error('signing benchmark failed:', e);
      process.exitCode = 1;
    },
  );
}
