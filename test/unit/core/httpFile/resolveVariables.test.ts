import assert from 'node:assert/strict';
import { assertLinearTime } from '../../../helpers/linearTime';
import { parseHttpFile } from '../../../../src/core/httpFile/httpFile';
import type { HttpFile } from '../../../../src/core/httpFile/httpFile';
import {
  absoluteUrl,
  createVariableCache,
  resolveText,
  resolveVariables,
} from '../../../../src/core/httpFile/resolveVariables';
import type {
  ResolvedRequest,
  VariableSources,
} from '../../../../src/core/httpFile/resolveVariables';

const NOW = Date.UTC(2026, 10, 22, 22, 17, 33, 250);

function resolveFirst(text: string, sources: VariableSources = {}): ResolvedRequest {
  const file: HttpFile = parseHttpFile(text);
  const request = file.requests[0];
  assert.ok(request, `no request in ${JSON.stringify(text)}`);
  return resolveVariables(request, { processEnv: {}, fileVariables: file.variables, ...sources });
}

function sequence(values: readonly string[]): () => string {
  let next = 0;
  return () => values[next++] ?? 'exhausted';
}

describe('resolveVariables', () => {
  describe("REST Client's escapes and encodings", () => {
    it('reads \\n, \\r and \\t in a file variable value as control characters and drops other backslashes', () => {
      const resolved = resolveFirst(
        '@lines = one\\ntwo\\r\\tthree \\\\ \\{{x}} C:\\data\\\nPOST https://e.example/\nContent-Type: text/plain\n\n{{lines}}',
        { environment: { x: 'X' } },
      );
      assert.equal(resolved.body?.text, 'one\ntwo\r\tthree \\ X C:data');
    });

    it('leaves backslashes in environment and .env values alone', () => {
      const resolved = resolveFirst('GET https://e.example/{{a}}/{{b}}', {
        environment: { a: 'x\\ny' },
        dotenv: { b: 'p\\nq' },
      });
      assert.equal(resolved.url, 'https://e.example/x\\ny/p\\nq');
    });

    it('percent-encodes the value of {{%name}} for every kind of variable', () => {
      const resolved = resolveFirst(
        '@name = J. Doe/ü&x\nGET https://e.example/{{%name}}?e={{%env}}&d={{%dot}}&plain={{name}}',
        { environment: { env: 'a b' }, dotenv: { dot: '1+1=2' } },
      );
      assert.equal(
        resolved.url,
        'https://e.example/J.%20Doe%2F%C3%BC%26x?e=a%20b&d=1%2B1%3D2&plain=J. Doe/ü&x',
      );
      assert.equal(resolveFirst('GET https://e.example/{{%}}').ready, false);
    });
  });

  describe('sources, in order', () => {
    const text = 'GET https://example.com/{{a}}/{{b}}/{{c}}';

    it('prefers file variables, then the environment, then .env', () => {
      const resolved = resolveFirst(`@a = file\n${text}`, {
        environment: { a: 'env', b: 'env' },
        dotenv: { a: 'dot', b: 'dot', c: 'dot' },
      });
      assert.equal(resolved.url, 'https://example.com/file/env/dot');
      assert.equal(resolved.ready, true);
    });

    it('expands variables inside environment values', () => {
      const resolved = resolveFirst('GET {{url}}', {
        environment: { url: '{{scheme}}://{{host}}/x', scheme: 'https', host: 'example.com' },
      });
      assert.equal(resolved.url, 'https://example.com/x');
    });

    it('takes .env values literally', () => {
      const resolved = resolveFirst('GET https://example.com/?v={{v}}', {
        dotenv: { v: '{{not-expanded}}' },
      });
      assert.equal(resolved.url, 'https://example.com/?v={{not-expanded}}');
      assert.deepEqual(resolved.unresolved, []);
    });

    it('never resolves a name to something inherited from Object.prototype', () => {
      const resolved = resolveFirst('GET https://example.com/{{constructor}}/{{__proto__}}', {
        environment: {},
        dotenv: {},
      });
      assert.deepEqual(
        resolved.unresolved.map((u) => [u.name, u.reason]),
        [
          ['constructor', 'undefined'],
          ['__proto__', 'undefined'],
        ],
      );
    });
  });

  describe('file variables', () => {
    it('lets a variable use one defined later (a forward reference)', () => {
      const resolved = resolveFirst(
        '@url = {{host}}/x\nGET {{url}}\n###\n@host = https://h.example',
      );
      assert.equal(resolved.url, 'https://h.example/x');
    });

    it('lets a redefinition build on the definition before it', () => {
      const resolved = resolveFirst(
        '@path = /kcs\n@path = {{path}}/v1\nGET https://e.example{{path}}',
      );
      assert.equal(resolved.url, 'https://e.example/kcs/v1');
    });

    it('lets a variable that names itself reach the environment', () => {
      const resolved = resolveFirst('@host = {{host}}\nGET {{host}}/x', {
        environment: { host: 'https://env.example' },
      });
      assert.equal(resolved.url, 'https://env.example/x');
    });

    it('uses, for each request, the last definition above it', () => {
      const file = parseHttpFile(
        '@v = 1\nGET https://e.example/{{v}}\n###\n@v = 2\nGET https://e.example/{{v}}',
      );
      const urls = file.requests.map(
        (r) => resolveVariables(r, { fileVariables: file.variables, processEnv: {} }).url,
      );
      assert.deepEqual(urls, ['https://e.example/1', 'https://e.example/2']);
    });

    it('reports a cycle with the chain, at the reference in the request', () => {
      const resolved = resolveFirst(
        '@a = {{b}}\n@b = {{c}}\n@c = {{a}}\nGET https://e.example/{{b}}',
      );
      assert.deepEqual(resolved.unresolved, [
        {
          name: 'b',
          missing: 'b',
          reason: 'cycle',
          line: 3,
          startColumn: 22,
          endColumn: 27,
          message:
            'Variables b -> c -> a -> b refer to each other in a cycle; change one so the chain ends.',
        },
      ]);
      assert.equal(resolved.ready, false);
      assert.equal(resolved.diagnostics[0]?.severity, 'error');
    });

    it('names the inner variable when a variable it uses is missing', () => {
      const resolved = resolveFirst('@url = {{host}}/x\nGET {{url}}');
      assert.equal(resolved.unresolved.length, 1);
      assert.equal(resolved.unresolved[0]?.missing, 'host');
      assert.equal(
        resolved.unresolved[0]?.message,
        "In {{url}}: Variable 'host' is not defined in the file, the environment or .env; add @host = value or define it in the environment.",
      );
    });

    it('stops a chain of variables nested too deep instead of overflowing the stack', () => {
      const chain = Array.from({ length: 20_000 }, (_, i) => `@v${i} = {{v${i + 1}}}`).join('\n');
      const resolved = resolveFirst(`${chain}\n@v20000 = end\nGET https://e.example/{{v0}}`);
      assert.deepEqual(
        resolved.unresolved.map((u) => [u.reason, u.missing, u.message]),
        [
          [
            'invalid',
            'v64',
            "In {{v0}}: Variables nest more than 64 levels deep at 'v64'; flatten them.",
          ],
        ],
      );
      const shallow = resolveFirst('@a = {{b}}\n@b = {{c}}\n@c = end\nGET https://e.example/{{a}}');
      assert.equal(shallow.url, 'https://e.example/end');
    });

    it('stops variables that double at every level before they exhaust memory', () => {
      const doubling = Array.from({ length: 40 }, (_, i) => `@d${i + 1} = {{d${i}}}{{d${i}}}`).join(
        '\n',
      );
      const resolved = resolveFirst(`@d0 = xx\n${doubling}\nGET https://e.example/{{d40}}`);
      assert.equal(resolved.unresolved.length, 1);
      assert.equal(resolved.unresolved[0]?.reason, 'invalid');
      assert.match(
        resolved.unresolved[0]?.message ?? '',
        /^In \{\{d40\}\}: 'd19' expands to more than 1,000,000 characters; check for variables that repeat each other\.$/,
      );
      const many = resolveFirst(
        `@d = ${'x'.repeat(100_000)}\nGET https://e.example/${'{{d}}'.repeat(20)}`,
      );
      assert.equal(
        many.unresolved[0]?.message,
        'The text expands to more than 1,000,000 characters; check for variables that repeat each other.',
      );
      assert.equal(many.unresolved.length, 11);
    });

    it('evaluates a variable once per request, so one {{$guid}} variable is the same everywhere', () => {
      const resolved = resolveFirst(
        '@id = {{$guid}}\nPOST https://e.example/{{id}}\nX-Id: {{id}}\nX-Other: {{$guid}}',
        { randomUuid: sequence(['g1', 'g2', 'g3']) },
      );
      assert.equal(resolved.url, 'https://e.example/g1');
      assert.deepEqual(
        resolved.headers.map((h) => h.value),
        ['g1', 'g2'],
      );
    });
  });

  describe('system variables', () => {
    const clock = { now: () => NOW };

    it('writes $timestamp in seconds, with offsets in every unit', () => {
      const resolved = resolveFirst(
        'GET https://e.example/?t={{$timestamp}}&d={{$timestamp -1 d}}&h={{$timestamp 2 h}}&y={{$timestamp 1 y}}&M={{$timestamp -1 M}}&ms={{$timestamp 1500 ms}}',
        clock,
      );
      const seconds = Math.floor(NOW / 1000);
      assert.equal(
        resolved.url,
        `https://e.example/?t=${seconds}&d=${seconds - 86400}&h=${seconds + 7200}&y=${Date.UTC(2027, 10, 22, 22, 17, 33) / 1000}&M=${Date.UTC(2026, 9, 22, 22, 17, 33) / 1000}&ms=${seconds + 1}`,
      );
    });

    it('writes $datetime as ISO 8601 or RFC 1123', () => {
      const resolved = resolveFirst(
        'GET https://e.example/\nX-Iso: {{$datetime iso8601}}\nX-Rfc: {{$datetime rfc1123 1 w}}',
        clock,
      );
      assert.deepEqual(
        resolved.headers.map((h) => h.value),
        ['2026-11-22T22:17:33.250Z', 'Sun, 29 Nov 2026 22:17:33 GMT'],
      );
    });

    it('draws $randomInt from [min, max) with the injected random source', () => {
      const low = resolveFirst('GET https://e.example/{{$randomInt 10 20}}', { random: () => 0 });
      const high = resolveFirst('GET https://e.example/{{$randomInt -5 5}}', {
        random: () => 0.999999,
      });
      assert.equal(low.url, 'https://e.example/10');
      assert.equal(high.url, 'https://e.example/4');
    });

    it('reads $processEnv and $dotenv, directly or through a %name in the environment', () => {
      const resolved = resolveFirst(
        'GET https://e.example/\nA: {{$processEnv HOME}}\nB: {{$dotenv KEY}}\nC: {{$processEnv %which}}',
        {
          processEnv: { HOME: '/home/k', OTHER: 'other' },
          dotenv: { KEY: 'v' },
          environment: { which: 'OTHER' },
        },
      );
      assert.deepEqual(
        resolved.headers.map((h) => h.value),
        ['/home/k', 'v', 'other'],
      );
    });

    it('defaults $processEnv to the real process environment', () => {
      const file = parseHttpFile(
        'GET https://e.example/\nX: {{$processEnv KNOX_H3_TEST_VARIABLE}}',
      );
      const previous = process.env['KNOX_H3_TEST_VARIABLE'];
      process.env['KNOX_H3_TEST_VARIABLE'] = 'from-process';
      try {
        assert.ok(file.requests[0]);
        assert.equal(resolveVariables(file.requests[0]).headers[0]?.value, 'from-process');
      } finally {
        if (previous === undefined) delete process.env['KNOX_H3_TEST_VARIABLE'];
        else process.env['KNOX_H3_TEST_VARIABLE'] = previous;
      }
    });

    it('reports misuse and missing values with what to write instead', () => {
      const resolved = resolveFirst(
        [
          'GET https://e.example/',
          'A: {{$randomInt 5 5}}',
          'B: {{$timestamp 1 fortnight}}',
          'C: {{$datetime unix}}',
          'D: {{$processEnv NOT_SET}}',
          'E: {{$uuid}}',
          'F: {{$dotenv %nowhere}}',
          'G: {{$processEnv}}',
        ].join('\n'),
        clock,
      );
      assert.deepEqual(
        resolved.unresolved.map((u) => [u.line, u.reason, u.message]),
        [
          [
            1,
            'invalid',
            '{{$randomInt MIN MAX}} needs two integers with MIN < MAX; the result is at least MIN and below MAX.',
          ],
          [
            2,
            'invalid',
            '{{$timestamp}} takes an optional offset like {{$timestamp -1 d}} (units y M w d h m s ms).',
          ],
          [
            3,
            'invalid',
            'Write {{$datetime iso8601}} or {{$datetime rfc1123}}, optionally with an offset like 1 d.',
          ],
          [
            4,
            'undefined',
            "'NOT_SET' is not set in the environment of the process running the toolkit; set it or use another variable.",
          ],
          [
            5,
            'invalid',
            "Unknown system variable '$uuid'; the toolkit knows $guid, $timestamp, $datetime, $randomInt, $processEnv and $dotenv.",
          ],
          [
            6,
            'undefined',
            "'%nowhere' needs 'nowhere' in the selected environment; define it there.",
          ],
          [7, 'invalid', '{{$processEnv NAME}} needs exactly one variable name.'],
        ],
      );
      assert.equal(resolved.headers[0]?.value, '{{$randomInt 5 5}}');
    });
  });

  describe('request variables', () => {
    it('asks the caller for the value of a named request’s response', () => {
      const seen: string[][] = [];
      const resolved = resolveFirst('GET https://e.example/{{login.response.body.$.id}}', {
        requestVariable: (request, path) => {
          seen.push([request, path]);
          return '42';
        },
      });
      assert.equal(resolved.url, 'https://e.example/42');
      assert.deepEqual(seen, [['login', 'response.body.$.id']]);
    });

    it('says to send the named request first when there is no response yet', () => {
      const resolved = resolveFirst(
        'GET https://e.example/\nX: {{login.response.headers.X-Token}}',
      );
      assert.deepEqual(
        resolved.unresolved.map((u) => [u.reason, u.message]),
        [
          [
            'request',
            "{{login.response.headers.X-Token}} needs the response of request 'login'; send that request first.",
          ],
        ],
      );
    });
  });

  describe('URLs', () => {
    it('resolves a relative URL against the base URL, keeping its path prefix', () => {
      const resolved = resolveFirst('GET /kcs/v1/kme/devices/list?pageNum=0', {
        baseUrl: 'https://proxy.example/knox/',
      });
      assert.equal(resolved.url, 'https://proxy.example/knox/kcs/v1/kme/devices/list?pageNum=0');
    });

    it('leaves an absolute URL alone whatever the base URL', () => {
      const resolved = resolveFirst('GET https://eu-kcs-api.samsungknox.com/x', {
        baseUrl: 'https://us-kcs-api.samsungknox.com',
      });
      assert.equal(resolved.url, 'https://eu-kcs-api.samsungknox.com/x');
    });

    it('reports a relative URL without a base URL, at the URL', () => {
      const resolved = resolveFirst('GET /kcs/v1/x');
      assert.equal(resolved.ready, false);
      assert.deepEqual(resolved.diagnostics, [
        {
          line: 0,
          startColumn: 4,
          endColumn: 13,
          severity: 'error',
          message:
            'The URL is relative and there is no base URL; choose a Knox profile (# @knox profile=NAME) or write an absolute URL.',
        },
      ]);
    });

    it('does not guess a scheme, and sends only http and https', () => {
      assert.deepEqual(absoluteUrl('example.com/x', 'https://b.example'), {
        ok: false,
        message:
          "The URL has no scheme; write https://host/path, or start it with / to use the Knox profile's base URL.",
      });
      assert.deepEqual(absoluteUrl('ftp://example.com/x', undefined), {
        ok: false,
        message: 'Only http and https URLs can be sent, not ftp:; use https://.',
      });
      assert.deepEqual(absoluteUrl('/x', 'not a url'), {
        ok: false,
        message:
          "The Knox profile's base URL is not an http(s) URL; fix it in the profile settings.",
      });
      assert.deepEqual(absoluteUrl('https://exa mple.com/', undefined), {
        ok: false,
        message:
          'The URL is not valid once variables are substituted; check its host and characters.',
      });
    });

    it('does not judge a URL that still has unresolved variables', () => {
      const resolved = resolveFirst('GET {{host}}/x');
      assert.equal(resolved.url, '{{host}}/x');
      assert.deepEqual(
        resolved.diagnostics.map((d) => d.message),
        [
          "Variable 'host' is not defined in the file, the environment or .env; add @host = value or define it in the environment.",
        ],
      );
    });
  });

  describe('bodies', () => {
    it('substitutes in form bodies and joins & lines', () => {
      const resolved = resolveFirst(
        'POST https://e.example/\nContent-Type: application/x-www-form-urlencoded\n\na={{a}}\n&b={{b}}',
        { environment: { a: '1', b: '2' } },
      );
      assert.equal(resolved.body?.text, 'a=1&b=2');
      assert.equal(resolved.body?.kind, 'form');
    });

    it('substitutes in the path of a file body and splits a multipart body into parts', () => {
      const resolved = resolveFirst(
        'POST https://e.example/\nContent-Type: multipart/form-data; boundary=B\n\n--B\n\n< ./{{dir}}/a.csv\n--B--',
        { environment: { dir: 'data' } },
      );
      assert.deepEqual(resolved.body?.parts, [
        { kind: 'text', text: '--B\r\n\r\n' },
        {
          kind: 'file',
          path: './data/a.csv',
          processVariables: false,
          encoding: undefined,
          line: 5,
          column: 2,
        },
        { kind: 'text', text: '\r\n--B--\r\n' },
      ]);
      assert.equal(resolved.body?.file, undefined);
    });

    it('reports positions of unresolved variables in body lines', () => {
      const resolved = resolveFirst('POST https://e.example/\n\n{\n  "a": "{{nope}}"\n}');
      assert.deepEqual(
        resolved.unresolved.map((u) => [u.line, u.startColumn, u.endColumn]),
        [[3, 8, 16]],
      );
    });
  });
});

describe('resolveText', () => {
  it('substitutes in text of several lines, keeping its line endings, with positions within it', () => {
    const result = resolveText('{"a": "{{a}}",\r\n "b": "{{b}}"}\n', {
      environment: { a: 'x' },
      processEnv: {},
    });
    assert.equal(result.text, '{"a": "x",\r\n "b": "{{b}}"}\n');
    assert.deepEqual(
      result.unresolved.map((u) => [u.name, u.line, u.startColumn]),
      [['b', 1, 7]],
    );
  });

  it('uses the last definition of a file variable by default', () => {
    const file = parseHttpFile('@v = 1\n@v = 2');
    assert.equal(resolveText('{{v}}', { fileVariables: file.variables }).text, '2');
    assert.equal(resolveText('{{v}}', { fileVariables: file.variables }, 1).text, '1');
  });
});

describe('resolveVariables over a whole file (one diagnostics pass)', () => {
  it('takes linear time with a large variable used by every request, with a shared cache', () => {
    // Doubling both the variable and the number of requests: without the shared cache every
    // request expanded the variable again (quadratic).
    const make = (size: number): HttpFile => {
      const requests = Array.from(
        { length: size / 50 },
        (_, i) => `### r${i}\nGET /kcs/v1/x?q={{big}}\nx-note: {{big}}\n`,
      );
      return parseHttpFile(
        `@part = ${'a'.repeat(size)}\n@big = {{part}}{{part}}\n\n${requests.join('\n')}`,
      );
    };
    const pass = (file: HttpFile): number => {
      const cache = createVariableCache();
      let length = 0;
      for (const request of file.requests) {
        length += resolveVariables(request, {
          fileVariables: file.variables,
          baseUrl: 'https://eu-kcs-api.samsungknox.com',
          cache,
        }).url.length;
      }
      return length;
    };
    assert.equal(pass(make(1_000)) > 0, true);
    assertLinearTime(make, pass, 10_000, 3);
  });
});
