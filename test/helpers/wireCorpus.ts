import assert from 'node:assert/strict';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot } from './repositoryRoot';

// test/fixtures/wire: `.http` files and, beside each, what REST Client's documentation (and its
// source where the documentation is silent) says arrives at the server. `ECHO_PORT` in either
// stands for the port of the echo server the corpus is sent to.

/** A header value as expected: the exact text, or a regular expression it must match. */
export type ExpectedValue = string | { readonly pattern: string };

/** A body piece: UTF-8 text, or the bytes of a file of the corpus. */
export type ExpectedBodyPiece = string | { readonly file: string };

/** What must arrive for one request of a corpus file. */
export interface ExpectedRequest {
  /** Picks the request by `# @name` or `### title`... */
  readonly name?: string;
  /** ...or by its 1-based line. */
  readonly line?: number;
  readonly method: string;
  /** The request target as the server reads it: path and query. */
  readonly url: string;
  /** Lower-case names; each header must arrive on exactly one line with this value. */
  readonly headers?: Readonly<Record<string, ExpectedValue>>;
  /** Headers that must not arrive. */
  readonly absent?: readonly string[];
  /** Header names the sender must list among the request headers it shows. */
  readonly shown?: readonly string[];
  readonly body: string | readonly ExpectedBodyPiece[];
  /** Set (with the reason) for a request `knox send` cannot send on its own. */
  readonly editorOnly?: string;
}

/** One `.http` file of the corpus and what its requests must put on the wire. */
export interface WireCase {
  /** The file name, e.g. `host-header.http`. */
  readonly file: string;
  /** Where the file is, in the copy made for this run. */
  readonly path: string;
  /** Variables of the selected environment (settings in the editor, `--var` for knox send). */
  readonly environment: Readonly<Record<string, string>>;
  /** Variables the process environment must hold for `{{$processEnv NAME}}`. */
  readonly processEnv: Readonly<Record<string, string>>;
  readonly requests: readonly ExpectedRequest[];
}

/** The corpus copied to a temporary folder with the echo server's port filled in. */
export interface WireCorpus {
  readonly dir: string;
  readonly cases: readonly WireCase[];
  remove(): void;
}

/** A request as it arrived: raw header lines in order and the exact body bytes. */
export interface Arrival {
  readonly method: string;
  readonly url: string;
  readonly rawHeaders: readonly (readonly [string, string])[];
  readonly body: Buffer;
}

/** A loopback server that records what arrives and answers `{ method, path }` as JSON. */
export interface EchoServer {
  readonly port: number;
  readonly arrivals: Arrival[];
  close(): Promise<void>;
}

/** Where the corpus lives in the repository. */
export const WIRE_FIXTURES = join(repositoryRoot(), 'test', 'fixtures', 'wire');

function copyTree(from: string, to: string, port: number): void {
  for (const entry of readdirSync(from)) {
    const source = join(from, entry);
    const target = join(to, entry);
    if (statSync(source).isDirectory()) {
      mkdirSync(target);
      copyTree(source, target, port);
    } else if (entry.endsWith('.http')) {
      writeFileSync(target, readFileSync(source, 'utf8').replaceAll('ECHO_PORT', String(port)));
    } else {
      writeFileSync(target, readFileSync(source));
    }
  }
}

/** The corpus's `.http` file names, sorted: one test each. */
export function wireCorpusFiles(): string[] {
  return readdirSync(WIRE_FIXTURES)
    .filter((name) => name.endsWith('.http'))
    .sort();
}

/** Copies the corpus for a server on `port` and reads every case's expectations. */
export function loadWireCorpus(port: number): WireCorpus {
  const dir = mkdtempSync(join(tmpdir(), 'knox-wire-'));
  copyTree(WIRE_FIXTURES, dir, port);
  const cases = wireCorpusFiles().map((file): WireCase => {
    const expectedPath = join(WIRE_FIXTURES, file.replace(/\.http$/, '.expected.json'));
    const text = readFileSync(expectedPath, 'utf8').replaceAll('ECHO_PORT', String(port));
    const expected = JSON.parse(text) as {
      environment?: Record<string, string>;
      processEnv?: Record<string, string>;
      requests: ExpectedRequest[];
    };
    return {
      file,
      path: join(dir, file),
      environment: expected.environment ?? {},
      processEnv: expected.processEnv ?? {},
      requests: expected.requests,
    };
  });
  return { dir, cases, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** How a request is named in test titles and messages. */
export function describeRequest(wireCase: WireCase, request: ExpectedRequest): string {
  return `${wireCase.file} ${request.name ?? `line ${request.line ?? '?'}`}`;
}

/** Starts the echo server on 127.0.0.1 and a free port. */
export async function startEchoServer(): Promise<EchoServer> {
  const arrivals: Arrival[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawHeaders: [string, string][] = [];
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
        rawHeaders.push([req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? '']);
      }
      const url = req.url ?? '/';
      arrivals.push({ method: req.method ?? '', url, rawHeaders, body: Buffer.concat(chunks) });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ method: req.method, path: url.split('?')[0] }));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: (server.address() as AddressInfo).port,
    arrivals,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** The exact bytes the expectation spells out. */
export function expectedBody(request: ExpectedRequest): Buffer {
  const pieces = typeof request.body === 'string' ? [request.body] : request.body;
  return Buffer.concat(
    pieces.map((piece) =>
      typeof piece === 'string'
        ? Buffer.from(piece, 'utf8')
        : readFileSync(join(WIRE_FIXTURES, piece.file)),
    ),
  );
}

/**
 * Asserts that `arrival` is what `request` expects: method, request target, each expected
 * header on exactly one line with its value, no absent header, the body byte for byte.
 */
export function assertArrival(label: string, request: ExpectedRequest, arrival: Arrival): void {
  assert.equal(arrival.method, request.method, `${label}: method`);
  assert.equal(arrival.url, request.url, `${label}: request target`);
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    const lines = arrival.rawHeaders.filter(([n]) => n.toLowerCase() === name);
    assert.equal(lines.length, 1, `${label}: one ${name} line, got ${JSON.stringify(lines)}`);
    const got = lines[0]?.[1] ?? '';
    if (typeof value === 'string') assert.equal(got, value, `${label}: ${name}`);
    else assert.match(got, new RegExp(value.pattern), `${label}: ${name}`);
  }
  for (const name of request.absent ?? []) {
    const lines = arrival.rawHeaders.filter(([n]) => n.toLowerCase() === name);
    assert.deepEqual(lines, [], `${label}: no ${name} header`);
  }
  const body = expectedBody(request);
  if (!arrival.body.equals(body)) {
    assert.fail(
      `${label}: body bytes differ\n  got      ${JSON.stringify(arrival.body.toString('latin1'))}\n  expected ${JSON.stringify(body.toString('latin1'))}`,
    );
  }
}
