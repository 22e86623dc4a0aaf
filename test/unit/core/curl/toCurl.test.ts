import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { parseHttpFile } from '../../../../src/core/httpFile/httpFile';
import { resolveVariables } from '../../../../src/core/httpFile/resolveVariables';
import type { ResolvedRequest } from '../../../../src/core/httpFile/resolveVariables';
import { shellQuote, toCurl } from '../../../../src/core/curl/toCurl';
import type { CurlRequest } from '../../../../src/core/curl/toCurl';
import { startLoopback } from '../../../helpers/loopback';
import type { Loopback } from '../../../helpers/loopback';

const TOKEN = 'eyJhbGciOiJSUzUxMiJ9.eyJzdWIiOiJrbm94In0.c2lnbmF0dXJl';

// Runs `command` in a POSIX shell (dash) with `curl` replaced by a function that prints each
// argument NUL-terminated, so the test sees exactly the argv the shell would pass to curl.
function argvOf(command: string, env: Record<string, string> = {}): Promise<string[]> {
  const script = `curl() { for a in "$@"; do printf '%s\\0' "$a"; done; }\n${command}`;
  return new Promise((resolve, reject) => {
    execFile(
      'sh',
      ['-c', script],
      { env: { PATH: process.env['PATH'] ?? '', ...env } },
      (error, stdout) => {
        if (error) reject(new Error('sh failed', { cause: error }));
        else resolve(stdout.split('\0').slice(0, -1));
      },
    );
  });
}

// Runs the command with the real curl, kept away from any proxy settings of the machine.
function runCurl(command: string, env: Record<string, string>): Promise<string> {
  const clean: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: '/nonexistent',
    ...env,
  };
  return new Promise((resolve, reject) => {
    execFile(
      'sh',
      ['-c', `${command} --silent --show-error --noproxy '*'`],
      { env: clean },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`curl failed: ${stderr}`, { cause: error }));
        else resolve(stdout);
      },
    );
  });
}

function resolved(text: string, environment: Record<string, string> = {}): ResolvedRequest {
  const file = parseHttpFile(text);
  assert.ok(file.requests[0]);
  return resolveVariables(file.requests[0], {
    fileVariables: file.variables,
    environment,
    processEnv: {},
  });
}

describe('toCurl', () => {
  it('writes a GET as a plain curl with its URL', () => {
    const request: CurlRequest = {
      method: 'GET',
      url: 'https://example.com/a?b=1&c=2',
      headers: [],
    };
    assert.equal(toCurl(request), "curl 'https://example.com/a?b=1&c=2'");
  });

  it('puts $KNOX_API_TOKEN and <redacted> in place of secrets, one option per line', () => {
    const request = resolved(
      'POST https://eu-kcs-api.samsungknox.com/kcs/v1/kme/devices/list\nx-knox-apitoken: {{token}}\nAuthorization: Bearer {{token}}\nCookie: s=1\nX-Client-Secret: abc\nx-wsm-managed-tenantid: 42\nContent-Type: application/json\n\n{"pageNum": 0}',
      { token: TOKEN },
    );
    assert.equal(
      toCurl(request),
      [
        'curl -X POST https://eu-kcs-api.samsungknox.com/kcs/v1/kme/devices/list',
        `-H 'x-knox-apitoken: '"$KNOX_API_TOKEN"`,
        "-H 'Authorization: Bearer <redacted>'",
        "-H 'Cookie: <redacted>'",
        "-H 'X-Client-Secret: <redacted>'",
        "-H 'x-wsm-managed-tenantid: 42'",
        "-H 'Content-Type: application/json'",
        `--data-raw '{"pageNum": 0}'`,
      ].join(' \\\n  '),
    );
  });

  it('masks secrets in the URL and body too, and any known secret value', () => {
    const request = resolved(
      'POST https://api.samsungknox.com/ams/v1/oauth2/token?access_token=abcdef123456\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credentials\n&client_id=me\n&client_secret=hunter2hunter2\n&note=opaque-value-1234',
    );
    const command = toCurl(request, { knownSecrets: ['opaque-value-1234'] });
    assert.ok(!command.includes('abcdef123456'), command);
    assert.ok(!command.includes('hunter2hunter2'), command);
    assert.ok(!command.includes('opaque-value-1234'), command);
    assert.ok(command.includes('grant_type=client_credentials&client_id=me'), command);
    assert.ok(command.includes('--globoff'), 'the [REDACTED] mask in the URL must not be globbed');
  });

  it('shows the real values when asked to reveal secrets', () => {
    const request = resolved('GET https://e.example/\nx-knox-apitoken: {{token}}', {
      token: TOKEN,
    });
    assert.equal(
      toCurl(request, { revealSecrets: true }),
      `curl https://e.example/ \\\n  -H 'x-knox-apitoken: ${TOKEN}'`,
    );
  });

  it('uses --head for HEAD, -X for a GET with a body, @file for a file body', () => {
    assert.equal(
      toCurl({ method: 'HEAD', url: 'https://e.example/', headers: [] }),
      'curl --head https://e.example/',
    );
    assert.equal(
      toCurl({ method: 'GET', url: 'https://e.example/', headers: [], body: { text: 'x' } }),
      'curl -X GET https://e.example/ \\\n  --data-raw x',
    );
    const upload = resolved('POST https://e.example/\n\n< ./my file.json');
    assert.equal(
      toCurl(upload),
      "curl -X POST https://e.example/ \\\n  --data-binary '@./my file.json'",
    );
  });

  it('quotes hostile text so the shell passes it to curl unchanged', async () => {
    const hostile = `it's "quoted" $HOME \`id\` $(id) \\ ; & | > < * ? ~ !\nsecond line\ttab`;
    const request: CurlRequest = {
      method: 'PUT',
      url: 'https://e.example/{a}[b]?q=$x',
      headers: [
        { name: 'X-Note', value: hostile },
        { name: 'x-knox-apitoken', value: TOKEN },
      ],
      body: { text: hostile },
    };
    assert.deepEqual(await argvOf(toCurl(request, { revealSecrets: true })), [
      '-X',
      'PUT',
      '--globoff',
      'https://e.example/{a}[b]?q=$x',
      '-H',
      `X-Note: ${hostile}`,
      '-H',
      `x-knox-apitoken: ${TOKEN}`,
      '--data-raw',
      hostile,
    ]);
    const hidden = await argvOf(toCurl(request), { KNOX_API_TOKEN: 'from-the-shell' });
    assert.equal(hidden[7], 'x-knox-apitoken: from-the-shell');
  });

  it('quotes only what needs quoting', () => {
    assert.equal(
      shellQuote('https://e.example/a-b_c.d?x=1,2%20@3:4+5'),
      "'https://e.example/a-b_c.d?x=1,2%20@3:4+5'",
    );
    assert.equal(shellQuote('plain-value_1.2'), 'plain-value_1.2');
    assert.equal(shellQuote(''), "''");
    assert.equal(shellQuote("a'b"), "'a'\\''b'");
  });

  describe('with the real curl', () => {
    let server: Loopback;
    before(async () => {
      server = await startLoopback((_req, res) => {
        res.setHeader('content-type', 'text/plain');
        res.end('ok');
      });
    });
    after(() => server.close());

    it('sends the request the .http file describes, the token taken from the shell', async () => {
      const request = resolved(
        `POST ${server.url}/kcs/v1/kme/devices/list?pageNum=0\nx-knox-apitoken: {{token}}\nContent-Type: application/json\nX-Quote: it's \`fine\`\n\n{\n  "search": "O'Brien $HOME"\n}`,
        { token: TOKEN },
      );
      const output = await runCurl(toCurl(request), { KNOX_API_TOKEN: 'shell-token' });
      assert.equal(output, 'ok');
      const [seen] = server.requests.slice(-1);
      assert.ok(seen);
      assert.equal(seen.method, 'POST');
      assert.equal(seen.url, '/kcs/v1/kme/devices/list?pageNum=0');
      assert.equal(seen.headers['x-knox-apitoken'], 'shell-token');
      assert.equal(seen.headers['content-type'], 'application/json');
      assert.equal(seen.headers['x-quote'], "it's `fine`");
      assert.equal(seen.body, '{\n  "search": "O\'Brien $HOME"\n}');
    });
  });
});
