import assert from 'node:assert/strict';
import { parseDotEnv } from '../../../../src/core/httpFile/dotEnv';
import { parseHttpFile, requestAt, requestByName } from '../../../../src/core/httpFile/httpFile';
import type { HttpFile } from '../../../../src/core/httpFile/httpFile';
import { resolveText, resolveVariables } from '../../../../src/core/httpFile/resolveVariables';
import { toCurl } from '../../../../src/core/curl/toCurl';
import { seededRandom } from './seededRandom';

const FRAGMENTS = [
  '###',
  '### title',
  '#',
  '# @name a',
  '// @name b',
  '# @knox profile=p',
  '# @knox',
  '# @knox a="b c',
  '# @knox =x',
  '@v = 1',
  '@w = {{v}}',
  '@v = {{w}}',
  '@',
  '@=',
  'GET',
  'GET ',
  'POST https://e.example/x',
  'GET /kcs/v1/x HTTP/1.1',
  'get {{host}}/y',
  'FETCH /z',
  'https://e.example',
  'example.com/p',
  '  ?a=1',
  '&b={{b}}',
  'Content-Type: application/json',
  'Content-Type: application/x-www-form-urlencoded',
  'Content-Type: multipart/form-data; boundary=B',
  'x-knox-apitoken: {{token}}',
  'Authorization: Bearer x',
  'Bad header',
  ': v',
  '{',
  '}',
  '[1,',
  '"a": {{x}}',
  '{"a": 1}',
  '< ./f.json',
  '<@latin1 {{p}}',
  '',
  '',
  '',
  '   ',
  '{{',
  '}}',
  '{{}}',
  '{{$guid}}',
  '{{$randomInt 1 9}}',
  '{{$timestamp 99999999999 y}}',
  '{{$datetime iso8601 -9999999 M}}',
  '{{$processEnv %v}}',
  '{{a.response.body.$}}',
  '\t',
  '\r',
  '\u00e9\u4e2d\ud83d\ude00',
  '\ufeff',
  '\\',
  "'",
  '"',
  '$(id)',
  '`x`',
  '%',
  '\u0000',
];

const REQUEST_LINES = [
  'GET https://e.example/{{v}}',
  'POST /kcs/v1/kme/devices/list',
  'PUT {{host}}/x?y={{$guid}}',
  'DELETE https://e.example/{{a.response.body.$.id}}',
  'PATCH https://e.example HTTP/1.1',
];

function randomText(random: () => number, maxLines: number): string {
  const lines: string[] = [];
  const count = Math.floor(random() * maxLines);
  for (let i = 0; i < count; i++) {
    const pick = random();
    if (pick < 0.1) {
      lines.push('###', REQUEST_LINES[Math.floor(random() * REQUEST_LINES.length)] ?? '');
    } else if (pick < 0.8) {
      let line = FRAGMENTS[Math.floor(random() * FRAGMENTS.length)] ?? '';
      if (random() < 0.3) line += FRAGMENTS[Math.floor(random() * FRAGMENTS.length)] ?? '';
      lines.push(line);
    } else {
      let line = '';
      const length = Math.floor(random() * 40);
      for (let j = 0; j < length; j++) line += String.fromCharCode(Math.floor(random() * 0x3000));
      lines.push(line);
    }
  }
  const breaks = ['\n', '\r\n', '\r'];
  return lines.map((line) => line + (breaks[Math.floor(random() * 3)] ?? '\n')).join('');
}

function checkInvariants(file: HttpFile, text: string): void {
  const where = JSON.stringify(text);
  for (const d of file.diagnostics) {
    assert.ok(d.line >= 0 && d.line < file.lineCount, `diagnostic line ${d.line} in ${where}`);
    assert.ok(d.startColumn >= 0 && d.endColumn > d.startColumn, `diagnostic columns in ${where}`);
    assert.ok(d.message.length > 0 && !d.message.includes('\n'), `one-line message in ${where}`);
  }
  let previousEnd = -1;
  file.requests.forEach((request, index) => {
    assert.equal(request.index, index);
    assert.ok(request.blockStart > previousEnd, `blocks overlap in ${where}`);
    assert.ok(
      request.blockStart <= request.line && request.line <= request.blockEnd,
      `line out of block in ${where}`,
    );
    assert.equal(requestAt(file, request.line), request);
    if (request.name !== undefined) assert.ok(requestByName(file, request.name));
    previousEnd = request.blockEnd;
  });
}

describe('httpFile fuzz (seeded)', () => {
  it('takes time in proportion to the length of a line, whatever the line holds', () => {
    const run = ' '.repeat(100_000);
    const lines = [
      `# @note a${run}b`,
      `@v = a${run}b`,
      `@v${run}\u2028`,
      `GET /x${run}y`,
      `GET /x${run}HTTP/1.1x`,
      `${'#'.repeat(100_000)}\u2028`,
      `a.${'b'.repeat(100_000)}!`,
      `POST https://e.example/\n\n< a${run}b`,
      `POST https://e.example/\nContent-Type: application/${'a+'.repeat(50_000)}\n\nx`,
      `GET ${run}\u2028`,
      `GET https://e.example/\nX: ${'{{a'.repeat(30_000)}`,
    ];
    const started = performance.now();
    for (const line of lines) parseHttpFile(line);
    parseDotEnv(`A=a${run}b${run}c`);
    parseDotEnv(`A=${'#'.repeat(100_000)}`);
    const elapsed = performance.now() - started;
    // Quadratic regular expressions take minutes here; linear code takes milliseconds.
    assert.ok(elapsed < 2000, `took ${Math.round(elapsed)} ms`);
  });

  it('parses, resolves and writes cURL for 3,000 random files without throwing', () => {
    const random = seededRandom(0x6b6e6f78);
    let requests = 0;
    let diagnostics = 0;
    for (let i = 0; i < 3000; i++) {
      const text = randomText(random, 30);
      const file = parseHttpFile(text);
      checkInvariants(file, text);
      diagnostics += file.diagnostics.length;
      for (const request of file.requests) {
        requests++;
        const resolved = resolveVariables(request, {
          fileVariables: file.variables,
          environment: { v: '{{w}}', host: 'https://h.example', p: '{{p}}' },
          dotenv: parseDotEnv(text),
          processEnv: {},
          baseUrl: random() < 0.5 ? 'https://base.example/prefix' : undefined,
          now: () => 0,
          random,
          randomUuid: () => '00000000-0000-4000-8000-000000000000',
        });
        assert.equal(resolved.ready, !resolved.diagnostics.some((d) => d.severity === 'error'));
        assert.equal(typeof toCurl(resolved), 'string');
        assert.equal(typeof toCurl(resolved, { revealSecrets: true }), 'string');
      }
      resolveText(text, { fileVariables: file.variables, processEnv: {} });
    }
    // The generator must reach the interesting paths, or this test proves little.
    assert.ok(requests > 2000, `only ${requests} requests parsed`);
    assert.ok(diagnostics > 2000, `only ${diagnostics} diagnostics`);
  });

  it('survives 2,000 lines of pure noise in one file, and pathological single lines', () => {
    const random = seededRandom(7);
    const noise = randomText(random, 2000);
    checkInvariants(parseHttpFile(noise), noise);
    for (const text of [
      '{{'.repeat(50_000),
      '}}'.repeat(50_000),
      `GET https://e.example/${'{{a}}'.repeat(20_000)}`,
      `POST https://e.example/\nContent-Type: application/json\n\n${'['.repeat(100_000)}`,
      `# @knox ${'"'.repeat(50_001)}`,
      `@v = ${'{{v}}'.repeat(10_000)}\nGET https://e.example/{{v}}`,
      '#'.repeat(100_000),
      ' '.repeat(100_000) + 'GET /x',
    ]) {
      const file = parseHttpFile(text);
      checkInvariants(file, text.slice(0, 80));
      for (const request of file.requests) {
        toCurl(resolveVariables(request, { fileVariables: file.variables, processEnv: {} }));
      }
    }
  });
});
