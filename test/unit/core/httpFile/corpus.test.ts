import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseDotEnv } from '../../../../src/core/httpFile/dotEnv';
import { parseHttpFile } from '../../../../src/core/httpFile/httpFile';
import type { HttpFile } from '../../../../src/core/httpFile/httpFile';
import { resolveVariables } from '../../../../src/core/httpFile/resolveVariables';
import type {
  ResolvedRequest,
  VariableSources,
} from '../../../../src/core/httpFile/resolveVariables';
import { repositoryRoot } from '../../../helpers/repositoryRoot';

const corpus = join(repositoryRoot(), 'test', 'fixtures', 'http');

interface Expected {
  readonly parse: unknown;
  readonly resolve?: {
    readonly sources: {
      readonly environment?: Record<string, string>;
      readonly processEnv?: Record<string, string>;
      readonly baseUrl?: string;
      readonly dotenvFile?: string;
    };
    readonly requests: readonly unknown[];
  };
}

// A plain-JSON view of a parse result: what the expected files spell out.
function project(file: HttpFile): unknown {
  return {
    lineCount: file.lineCount,
    knox: file.knox ? { pairs: file.knox.pairs, lines: file.knox.lines } : null,
    metadata: file.metadata.map((m) => [m.key, m.value, m.line]),
    variables: file.variables.map((v) => [v.line, v.name, v.value]),
    requests: file.requests.map((r) => ({
      name: r.name ?? null,
      title: r.title ?? null,
      method: r.method,
      url: r.url,
      httpVersion: r.httpVersion ?? null,
      line: r.line,
      blockStart: r.blockStart,
      blockEnd: r.blockEnd,
      headers: r.headers.map((h) => [h.name, h.value]),
      body: r.body
        ? {
            kind: r.body.kind,
            text: r.body.text,
            lines: [r.body.firstLine, r.body.lastLine],
            file: r.body.file
              ? {
                  path: r.body.file.path,
                  processVariables: r.body.file.processVariables,
                  encoding: r.body.file.encoding ?? null,
                }
              : null,
            files: r.body.files.map((f) => f.path),
          }
        : null,
      metadata: r.metadata.map((m) => [m.key, m.value]),
      knox: r.knox ? r.knox.pairs : null,
    })),
    diagnostics: file.diagnostics.map((d) => [
      d.line,
      d.startColumn,
      d.endColumn,
      d.severity,
      d.message,
    ]),
  };
}

function projectResolved(request: ResolvedRequest): unknown {
  return {
    url: request.url,
    headers: request.headers.map((h) => [h.name, h.value]),
    body: request.body?.text ?? null,
    bodyFile: request.body?.file?.path ?? null,
    unresolved: request.unresolved.map((u) => [
      u.line,
      u.startColumn,
      u.endColumn,
      u.reason,
      u.missing,
      u.message,
    ]),
    diagnostics: request.diagnostics.map((d) => [
      d.line,
      d.startColumn,
      d.endColumn,
      d.severity,
      d.message,
    ]),
    ready: request.ready,
  };
}

describe('httpFile corpus (test/fixtures/http)', () => {
  const names = readdirSync(corpus)
    .filter((name) => name.endsWith('.http'))
    .sort();

  it('has at least 12 files, each with its expected result', () => {
    assert.ok(names.length >= 12, `only ${names.length} .http files`);
    for (const name of names) {
      assert.ok(existsSync(join(corpus, name.replace(/\.http$/, '.expected.json'))), name);
    }
  });

  it('keeps the bytes that the line-ending and BOM fixtures are about', () => {
    const crlf = readFileSync(join(corpus, 'windows-line-endings.http'), 'utf8');
    assert.ok(crlf.includes('\r\n'), 'windows-line-endings.http lost its CRLF line endings');
    assert.ok(!/[^\r]\n/.test(crlf), 'windows-line-endings.http has a bare LF');
    const bom = readFileSync(join(corpus, 'bom.http'), 'utf8');
    assert.equal(bom.charCodeAt(0), 0xfeff, 'bom.http lost its byte order mark');
  });

  for (const name of names) {
    describe(name, () => {
      const text = readFileSync(join(corpus, name), 'utf8');
      const expected = JSON.parse(
        readFileSync(join(corpus, name.replace(/\.http$/, '.expected.json')), 'utf8'),
      ) as Expected;
      const file = parseHttpFile(text);

      it('parses to the expected requests, variables and diagnostics', () => {
        assert.deepStrictEqual(project(file), expected.parse);
      });

      const resolve = expected.resolve;
      if (resolve) {
        it('resolves every request to the expected URL, headers and body', () => {
          const { dotenvFile, ...rest } = resolve.sources;
          const sources: VariableSources = {
            ...rest,
            processEnv: rest.processEnv ?? {},
            fileVariables: file.variables,
            dotenv: dotenvFile ? parseDotEnv(readFileSync(join(corpus, dotenvFile), 'utf8')) : {},
          };
          const resolved = file.requests.map((r) => projectResolved(resolveVariables(r, sources)));
          assert.deepStrictEqual(resolved, resolve.requests);
        });
      }
    });
  }
});
