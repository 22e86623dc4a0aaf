import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';

// out/test/unit/cli/<file>.test.js -> dist/cli.js, which `node scripts/build.mjs --tests` builds.
export const CLI_PATH = join(__dirname, '..', '..', '..', '..', 'dist', 'cli.js');

/** How a `knox` process ended and what it printed. */
export interface KnoxRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface KnoxOptions {
  readonly cwd?: string;
  /** The child's whole environment besides PATH: nothing leaks in from the test runner's. */
  readonly env?: Readonly<Record<string, string>>;
  readonly stdin?: string;
  readonly timeoutMs?: number;
}

/** Fails the suite early with the fix when dist/cli.js has not been built. */
export function assertCliBuilt(): void {
  assert.ok(existsSync(CLI_PATH), `${CLI_PATH} is missing: run node scripts/build.mjs --tests`);
}

/** Starts `node dist/cli.js ...args`; the caller reads and stops it. */
export function startKnox(
  args: readonly string[],
  options: KnoxOptions = {},
): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [CLI_PATH, ...args], {
    cwd: options.cwd ?? tmpdir(),
    env: { PATH: process.env.PATH ?? '', ...options.env },
  });
}

/** Runs `knox ...args` to the end and collects its exit status and output. */
export function knox(args: readonly string[], options: KnoxOptions = {}): Promise<KnoxRun> {
  const child = startKnox(args, options);
  child.stdin.end(options.stdin ?? '');
  return collect(child, options.timeoutMs ?? 15_000);
}

/** Waits for a started process to end (killing it after `timeoutMs`) and collects its output. */
export function collect(
  child: ChildProcessWithoutNullStreams,
  timeoutMs = 15_000,
): Promise<KnoxRun> {
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`knox did not finish within ${timeoutMs} ms; stderr so far: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** The one JSON document a `--json` run printed: exactly one line on stdout. */
export function jsonOf(run: KnoxRun): Record<string, unknown> {
  const lines = run.stdout.split('\n').filter((line) => line !== '');
  assert.equal(lines.length, 1, `expected one line of JSON on stdout, got: ${run.stdout}`);
  const value: unknown = JSON.parse(lines[0] ?? '');
  assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value));
  return value as Record<string, unknown>;
}

/** Asserts a failed run: its exit status, one line on stderr containing every `parts`, nothing on stdout. */
export function assertFailure(run: KnoxRun, code: number, ...parts: readonly string[]): void {
  assert.equal(run.code, code, `exit status; stderr: ${run.stderr}`);
  assert.equal(run.stdout, '', 'nothing on stdout');
  const lines = run.stderr.split('\n').filter((line) => line !== '');
  assert.equal(lines.length, 1, `one line on stderr, got: ${run.stderr}`);
  assert.match(lines[0] ?? '', /^knox: /);
  for (const part of parts)
    assert.ok(run.stderr.includes(part), `stderr should contain "${part}": ${run.stderr}`);
}

/** A fresh folder under the system temp folder, and a way to write files into it. */
export interface TempDir {
  readonly path: string;
  write(name: string, text: string): Promise<string>;
  remove(): Promise<void>;
}

export async function tempDir(): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), 'knox-cli-test-'));
  return {
    path,
    write: async (name, text) => {
      const file = join(path, name);
      await writeFile(file, text);
      return file;
    },
    remove: () => rm(path, { recursive: true, force: true }),
  };
}

/** The decoded header and claims of a compact JWT (no verification). */
export function jwtParts(token: string): {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
} {
  const [header = '', claims = ''] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >,
    claims: JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >,
  };
}
