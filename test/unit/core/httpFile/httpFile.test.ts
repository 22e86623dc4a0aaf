import assert from 'node:assert/strict';
import {
  diagnosticsFor,
  knoxSettingsFor,
  parseHttpFile,
  requestAt,
  requestByName,
} from '../../../../src/core/httpFile/httpFile';

const sample = [
  '@host = https://example.com', // 0
  '', // 1
  '### first', // 2
  'GET {{host}}/a', // 3
  '', // 4
  '###', // 5
  '# @name second', // 6
  'POST {{host}}/b', // 7
  'Content-Type: application/json', // 8
  '', // 9
  '{"x": 1}', // 10
  '', // 11
  '###', // 12
  '@only = variables', // 13
  '', // 14
  '### third', // 15
  'DELETE {{host}}/c', // 16
].join('\n');

describe('parseHttpFile', () => {
  it('records where each piece of a request is, for editors to point at', () => {
    const file = parseHttpFile('GET  https://example.com/a\n  ?x=1 \nX-Api-Key:   v {{k}}  \n');
    const [request] = file.requests;
    assert.ok(request);
    assert.deepEqual(request.urlParts, [
      { text: 'https://example.com/a', line: 0, column: 5 },
      { text: '?x=1', line: 1, column: 2 },
    ]);
    assert.deepEqual(request.headers, [
      { name: 'X-Api-Key', value: 'v {{k}}', line: 2, nameColumn: 0, valueColumn: 13 },
    ]);
  });

  it('accepts a lower-case method and a request line without one', () => {
    const file = parseHttpFile(
      'post https://example.com/a\n###\n/kcs/v1/x HTTP/2\n###\n{{host}}/y',
    );
    assert.deepEqual(
      file.requests.map((r) => [r.method, r.url, r.httpVersion]),
      [
        ['POST', 'https://example.com/a', undefined],
        ['GET', '/kcs/v1/x', 'HTTP/2'],
        ['GET', '{{host}}/y', undefined],
      ],
    );
    assert.deepEqual(file.diagnostics, []);
  });

  it('treats an indented ### and a #### line as separators and takes the title after them', () => {
    const file = parseHttpFile(
      'GET https://a.example\n  ### spaced\nGET https://b.example\n#### four\nGET https://c.example',
    );
    assert.deepEqual(
      file.requests.map((r) => [r.title, r.blockStart, r.blockEnd]),
      [
        [undefined, 0, 0],
        ['spaced', 1, 2],
        ['four', 3, 4],
      ],
    );
  });

  it('keeps metadata other than @name and @knox, on the request and before the first one', () => {
    const file = parseHttpFile(
      '# @description the Knox sandbox\n###\n# @no-redirect\n// @note check twice\nGET https://example.com',
    );
    assert.deepEqual(file.metadata, [{ key: 'description', value: 'the Knox sandbox', line: 0 }]);
    assert.deepEqual(file.requests[0]?.metadata, [
      { key: 'no-redirect', value: '', line: 2 },
      { key: 'note', value: 'check twice', line: 3 },
    ]);
  });

  it("makes a @knox line before the first request the file's, and one inside a ### block the request's", () => {
    // Issue 15: directly above the first request it used to apply to that request only.
    const attached = parseHttpFile('# @knox profile=a\nGET /x\n###\nGET /y');
    assert.equal(attached.knox?.profile, 'a');
    assert.equal(attached.requests[0]?.knox, undefined);
    assert.equal(knoxSettingsFor(attached, attached.requests[1]!)?.profile, 'a');

    const apart = parseHttpFile('# @knox profile=a\n\nGET /x\n###\n# @knox profile=b\nGET /y');
    assert.deepEqual(apart.knox, { profile: 'a', pairs: { profile: 'a' }, lines: [0] });
    assert.equal(apart.requests[0]?.knox, undefined);
    assert.equal(apart.requests[1]?.knox?.profile, 'b');
    assert.equal(knoxSettingsFor(apart, apart.requests[1])?.profile, 'b');

    const afterSeparator = parseHttpFile('###\n# @knox profile=c\n\nGET /x\n###\nGET /y');
    assert.equal(afterSeparator.knox, undefined);
    assert.equal(afterSeparator.requests[0]?.knox?.profile, 'c');
    assert.equal(afterSeparator.requests[1]?.knox, undefined);

    const inHeaders = parseHttpFile('GET /x\n# @knox profile=d\n###\nGET /y');
    assert.equal(inHeaders.knox, undefined);
    assert.equal(inHeaders.requests[0]?.knox?.profile, 'd');
  });

  it('reads profile names with spaces, quoted or as the rest of the line', () => {
    const rest = parseHttpFile('# @knox profile=Sandbox OAuth\nGET /x');
    assert.equal(rest.knox?.profile, 'Sandbox OAuth');
    assert.deepEqual(rest.diagnostics, []);
    const quoted = parseHttpFile('# @knox profile="Sandbox  OAuth" timeout=5\nGET /x');
    assert.deepEqual(quoted.knox?.pairs, { profile: 'Sandbox  OAuth', timeout: '5' });
    const thenKey = parseHttpFile('# @knox profile=My EU profile timeout=5\nGET /x');
    assert.deepEqual(thenKey.knox?.pairs, { profile: 'My EU profile', timeout: '5' });
    const bad = parseHttpFile('# @knox Sandbox profile=x\nGET /x');
    assert.equal(
      bad.diagnostics[0]?.message,
      `'Sandbox' is not a key=value pair; write profile=NAME (a name with spaces: profile="My Profile").`,
    );
  });

  it('trims trailing blank lines of a body but keeps blank lines inside it', () => {
    const file = parseHttpFile('POST https://e.example\n\nline 1\n\nline 3\n\n\n   \n###');
    assert.equal(file.requests[0]?.body?.text, 'line 1\n\nline 3');
    assert.equal(file.requests[0]?.body?.lastLine, 4);
  });

  it('reads a file of nothing but blank lines, comments and variables as no requests', () => {
    for (const text of ['', '\n\n', '# only a comment', '@a = 1\n@b = 2\n###\n###']) {
      const file = parseHttpFile(text);
      assert.deepEqual(file.requests, [], JSON.stringify(text));
      assert.deepEqual(file.diagnostics, [], JSON.stringify(text));
    }
  });

  it('treats a lone CR as a line break, as VS Code does', () => {
    const file = parseHttpFile('GET https://a.example\r###\rGET https://b.example');
    assert.deepEqual(
      file.requests.map((r) => r.line),
      [0, 2],
    );
    assert.equal(file.lineCount, 3);
  });
});

describe('requestAt', () => {
  const file = parseHttpFile(sample);

  it('finds the request whose block holds the line, separator and trailing blank lines included', () => {
    const at = (line: number): string | undefined => requestAt(file, line)?.url;
    assert.equal(at(2), '{{host}}/a');
    assert.equal(at(3), '{{host}}/a');
    assert.equal(at(4), '{{host}}/a');
    assert.equal(at(5), '{{host}}/b');
    assert.equal(at(11), '{{host}}/b');
    assert.equal(at(15), '{{host}}/c');
    assert.equal(at(16), '{{host}}/c');
  });

  it('finds nothing in a block without a request or outside the file', () => {
    assert.equal(requestAt(file, 0), undefined);
    assert.equal(requestAt(file, 13), undefined);
    assert.equal(requestAt(file, 14), undefined);
    assert.equal(requestAt(file, 17), undefined);
    assert.equal(requestAt(file, -1), undefined);
  });

  it('gives each request its request line for a CodeLens', () => {
    assert.deepEqual(
      file.requests.map((r) => r.line),
      [3, 7, 16],
    );
  });
});

describe('requestByName', () => {
  const file = parseHttpFile(sample);

  it('finds a request by @name or by its ### title', () => {
    assert.equal(requestByName(file, 'second')?.url, '{{host}}/b');
    assert.equal(requestByName(file, 'first')?.url, '{{host}}/a');
    assert.equal(requestByName(file, 'third')?.method, 'DELETE');
  });

  it('finds nothing for an unknown name', () => {
    assert.equal(requestByName(file, 'fourth'), undefined);
    assert.equal(requestByName(file, ''), undefined);
  });
});

describe('diagnosticsFor', () => {
  it('gives the problems inside one request’s block and no other', () => {
    const file = parseHttpFile(
      'GET https://a.example\nBad header\n###\nGET https://b.example\n###\nFETCH /c',
    );
    const [first, second] = file.requests;
    assert.ok(first && second);
    assert.deepEqual(
      diagnosticsFor(file, first).map((d) => d.line),
      [1],
    );
    assert.deepEqual(diagnosticsFor(file, second), []);
    assert.equal(file.diagnostics.length, 2);
  });
});

describe('knoxSettingsFor', () => {
  it('lays the request settings over the file settings', () => {
    const file = parseHttpFile(
      '# @knox profile=prod region=eu\n\nGET /a\n###\n# @knox profile=test retries=0\nGET /b',
    );
    const [first, second] = file.requests;
    assert.ok(first && second);
    assert.deepEqual(knoxSettingsFor(file, first), {
      profile: 'prod',
      pairs: { profile: 'prod', region: 'eu' },
      lines: [0],
    });
    assert.deepEqual(knoxSettingsFor(file, second), {
      profile: 'test',
      pairs: { profile: 'test', region: 'eu', retries: '0' },
      lines: [0, 4],
    });
  });

  it('is undefined when neither the file nor the request has @knox', () => {
    const file = parseHttpFile('GET /a');
    assert.ok(file.requests[0]);
    assert.equal(knoxSettingsFor(file, file.requests[0]), undefined);
  });
});

describe('parseHttpFile on a large file', () => {
  it('parses 10,000 requests in linear time (loosely: under 5 s)', () => {
    const block = (i: number): string =>
      `### request ${i}\n# @name r${i}\nPOST https://example.com/items/${i}?a=1\n  &b={{b}}\nContent-Type: application/json\nx-knox-apitoken: {{token}}\n\n{"id": ${i}, "name": "{{name}}"}\n`;
    const text = Array.from({ length: 10_000 }, (_, i) => block(i)).join('\n');
    const started = performance.now();
    const file = parseHttpFile(text);
    const elapsed = performance.now() - started;
    assert.equal(file.requests.length, 10_000);
    assert.deepEqual(file.diagnostics, []);
    assert.equal(requestByName(file, 'r9999')?.url, 'https://example.com/items/9999?a=1&b={{b}}');
    assert.equal(requestAt(file, file.lineCount - 2)?.name, 'r9999');
    assert.ok(elapsed < 5000, `took ${Math.round(elapsed)} ms`);
  });
});

describe('parseHttpFile on a huge @knox line', () => {
  for (const [shape, line] of [
    ['bare words', 'x '.repeat(150_000)],
    ['repeated pairs', 'a=1 '.repeat(75_000)],
    ['one long key', `${'a'.repeat(300_000)}=`],
  ] as const) {
    it(`reports a 300 KB line of ${shape} as one diagnostic instead of overflowing the stack`, () => {
      const file = parseHttpFile(`# @knox ${line}\nGET https://example.com/\n`);
      assert.equal(file.requests.length, 1);
      assert.equal(file.diagnostics.length, 1);
      const [diagnostic] = file.diagnostics;
      assert.equal(diagnostic?.severity, 'error');
      assert.equal(diagnostic?.line, 0);
      assert.match(
        diagnostic?.message ?? '',
        /^This @knox line is \d+ characters long, over the 4096/,
      );
    });
  }
});
