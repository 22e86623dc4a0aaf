// The request runner's cost: what building and sending a .http request with a cached Knox token
// adds over a bare fetch of the same URL, and how many token mints 200 concurrent sends with a
// stale token cause. Against a real sandbox on loopback, in this process. A report: exits 0.
// Build and run: node scripts/build.mjs --tests && node out/bench/runner.js
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { legacyTokenMint } from '../src/core/auth/accessToken';
import { nodeFetch } from '../src/core/http/fetchLike';
import { parseHttpFile } from '../src/core/httpFile/httpFile';
import { readKeyFile } from '../src/core/keys/keyFile';
import type { Profile } from '../src/core/profiles/profile';
import { buildRequest } from '../src/core/runner/buildRequest';
import { runRequest } from '../src/core/runner/runRequest';
import { MemorySecretStore } from '../src/core/storage/secretStore';
import type { Mint } from '../src/core/tokens/tokenManager';
import { TokenManager } from '../src/core/tokens/tokenManager';
import { startSandbox } from '../src/sandbox/sandbox';

export interface RunnerBenchmark {
  readonly samples: number;
  /** Median wall time of a bare fetch + text() with the token header, in ms. */
  readonly bareMedianMs: number;
  /** Median wall time of buildRequest + runRequest (cached token), in ms. */
  readonly runnerMedianMs: number;
  /** runner - bare; target < 1 ms. */
  readonly addedMs: number;
  readonly ratio: number;
  /** Median of buildRequest alone (variables, URL, scope hint), in ms. */
  readonly buildMedianMs: number;
  readonly concurrentSends: number;
  /** Mints caused by the concurrent sends with a stale token; must be 1. */
  readonly concurrentMints: number;
  readonly concurrentOk: number;
}

const ADDED_TARGET_MS = 1;
const HTTP_FILE = [
  '@pageSize = 10',
  '',
  '### KME devices',
  '# @name devices',
  'GET /kcs/v1/kme/devices/list?pageNum=0&pageSize={{pageSize}}',
  'Accept: application/json',
].join('\n');

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Runs the benchmark: `samples` timed pairs (bare, runner) taken alternately after a warm-up. */
export async function runRunnerBenchmark(
  samples = 400,
  concurrent = 200,
): Promise<RunnerBenchmark> {
  const dir = await mkdtemp(join(tmpdir(), 'knox-bench-runner-'));
  const sandbox = await startSandbox({ port: 0, dir, observe: 1 });
  try {
    const key = await readKeyFile(sandbox.credentials.keysFile);
    const clientIdentifier = (
      await readFile(sandbox.credentials.clientIdentifierFiles.kme, 'utf8')
    ).trim();
    let mints = 0;
    const engineMint = legacyTokenMint({ baseUrl: sandbox.url, key, clientIdentifier });
    const mint: Mint = (signal) => {
      mints++;
      return engineMint(signal);
    };
    const store = new MemorySecretStore();
    const tokens = new TokenManager({ store, storeKey: 'bench.kme', mint });
    const profile: Profile = {
      id: 'bench',
      name: 'Bench',
      target: { kind: 'custom', baseUrl: sandbox.url },
      scheme: 'legacy',
      clientIdentifiers: [{ id: 'kme', alias: 'KME', service: 'kme', hint: '…', addedAt: 0 }],
      createdAt: 0,
    };
    // The extension parses a document once per version; each send builds and runs.
    const file = parseHttpFile(HTTP_FILE);
    const request = file.requests[0];
    if (!request) throw new Error('the benchmark request did not parse');
    const token = await tokens.get();
    const url = `${sandbox.url}/kcs/v1/kme/devices/list?pageNum=0&pageSize=10`;

    const bare = async (): Promise<void> => {
      const response = await nodeFetch(url, {
        method: 'GET',
        headers: { Accept: 'application/json', 'x-knox-apitoken': token.value },
      });
      await response.text();
      if (response.status !== 200) throw new Error(`bare fetch: HTTP ${response.status}`);
    };
    const viaRunner = async (): Promise<void> => {
      const built = await buildRequest({ file, request, profile });
      const result = await runRequest(built, { tokens });
      if (result.response.status !== 200) throw new Error(`runner: HTTP ${result.response.status}`);
    };

    for (let i = 0; i < 50; i++) {
      await bare();
      await viaRunner();
    }
    const bareTimes: number[] = [];
    const runnerTimes: number[] = [];
    const buildTimes: number[] = [];
    const time = async (fn: () => Promise<void>, into: number[]): Promise<void> => {
      const started = performance.now();
      await fn();
      into.push(performance.now() - started);
    };
    for (let i = 0; i < samples; i++) {
      // Alternate the order so neither side always runs on a warmer connection pool.
      if (i % 2 === 0) {
        await time(bare, bareTimes);
        await time(viaRunner, runnerTimes);
      } else {
        await time(viaRunner, runnerTimes);
        await time(bare, bareTimes);
      }
      const started = performance.now();
      await buildRequest({ file, request, profile });
      buildTimes.push(performance.now() - started);
    }
    if (mints !== 1) throw new Error(`a cached token was re-minted: ${mints} mints`);

    // A stale token in the store: every concurrent send wants a new one; one mint serves all.
    const staleStore = new MemorySecretStore();
    await staleStore.set(
      'bench.kme',
      JSON.stringify({ value: token.value, expiresAt: Date.now() - 1000, kind: 'legacy' }),
    );
    const staleTokens = new TokenManager({ store: staleStore, storeKey: 'bench.kme', mint });
    mints = 0;
    const results = await Promise.all(
      Array.from({ length: concurrent }, async () =>
        runRequest(await buildRequest({ file, request, profile }), { tokens: staleTokens }),
      ),
    );
    const bareMedianMs = median(bareTimes);
    const runnerMedianMs = median(runnerTimes);
    return {
      samples,
      bareMedianMs,
      runnerMedianMs,
      addedMs: runnerMedianMs - bareMedianMs,
      ratio: runnerMedianMs / bareMedianMs,
      buildMedianMs: median(buildTimes),
      concurrentSends: concurrent,
      concurrentMints: mints,
      concurrentOk: results.filter((r) => r.response.status === 200).length,
    };
  } finally {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The report as printed lines. */
export function formatRunnerBenchmark(result: RunnerBenchmark): string[] {
  const ms = (value: number): string => `${value.toFixed(3)} ms`;
  const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
  return [
    `Knox request runner vs bare fetch, sandbox on loopback, ${result.samples} samples each, Node ${process.version}`,
    `  bare fetch median:             ${ms(result.bareMedianMs)}`,
    `  runner (build + send) median:  ${ms(result.runnerMedianMs)}`,
    `  added by the runner:           ${ms(result.addedMs)} (target < ${ADDED_TARGET_MS} ms): ${verdict(result.addedMs < ADDED_TARGET_MS)}`,
    `  ratio runner / bare:           ${result.ratio.toFixed(3)}x`,
    `  of which buildRequest median:  ${ms(result.buildMedianMs)}`,
    `  ${result.concurrentSends} concurrent sends with a stale token: ${result.concurrentMints} mint(s), ${result.concurrentOk} answered 200 (target 1 mint): ${verdict(result.concurrentMints === 1 && result.concurrentOk === result.concurrentSends)}`,
  ];
}

async function main(): Promise<void> {
  const result = await runRunnerBenchmark();
  for (const line of formatRunnerBenchmark(result)) console.log(line);
}

if (require.main === module) {
  main().then(
    () => {
      process.exitCode = 0;
    },
    (e: unknown) => {
      console.error('runner benchmark failed:', e);
      process.exitCode = 1;
    },
  );
}
