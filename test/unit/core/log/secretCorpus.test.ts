import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { redact } from '../../../../src/core/log/redact';
import { isSecretFieldName, isSecretHeaderName } from '../../../../src/core/log/secretNames';
import { maskHeaders } from '../../../../src/core/runner/maskHeaders';
import { toCurl } from '../../../../src/core/curl/toCurl';

// A fresh opaque secret with a digit, as real tokens and client secrets are.
const secret = (): string => `${randomBytes(24).toString('base64url')}7`;

function assertNoFragment(out: string, value: string, label: string): void {
  for (let i = 0; i + 8 <= value.length; i += 4) {
    assert.ok(
      !out.includes(value.slice(i, i + 8)),
      `${label}: "${value.slice(i, i + 8)}" survived in ${out}`,
    );
  }
}

const FIELD_NAMES = [
  'accessToken',
  'access_token',
  'refresh_token',
  'client_secret',
  'clientSecret',
  'password',
  'sessionToken',
  'apiKey',
  'x-knox-apitoken',
  'privateKey',
  'clientIdentifier',
  'id_token',
];
const FIELD_SHAPES: Record<string, (name: string, value: string) => string> = {
  json: (n, v) => JSON.stringify({ status: 'ok', [n]: v }),
  'escaped json': (n, v) => JSON.stringify({ body: JSON.stringify({ [n]: v }) }),
  form: (n, v) => `grant_type=client_credentials&${n}=${v}&scope=kme`,
  query: (n, v) => `GET https://eu-kcs-api.samsungknox.com/x?${n}=${v}&pageNum=0`,
  'util.inspect': (n, v) => inspect({ [n]: v, other: 1 }),
  'log line': (n, v) => `renewed: ${n}=${v} (expires in 30 min)`,
  xml: (n, v) => `<response><${n}>${v}</${n}><code>0</code></response>`,
};
const HEADER_NAMES = [
  'x-knox-apitoken',
  'Authorization',
  'Proxy-Authorization',
  'X-Api-Key',
  'Cookie',
  'x-session-id',
];
const HEADER_SHAPES: Record<string, (name: string, value: string) => string> = {
  'raw header line': (n, v) => `GET /kcs/v1/x HTTP/1.1\n${n}: ${v}\nAccept: */*`,
  'curl -H': (n, v) => `curl -H "${n}: ${v}" https://example.com`,
  'sent headers as JSON': (n, v) =>
    JSON.stringify({
      headers: [
        { name: 'Accept', value: '*/*' },
        { name: n, value: v },
      ],
    }),
  'sent headers inspected': (n, v) => inspect([{ name: n, value: v }]),
  'header entries as JSON': (n, v) =>
    JSON.stringify([
      ['accept', '*/*'],
      [n, v],
    ]),
  'header entries inspected': (n, v) => inspect([[n, v]]),
};

// Shapes where the secret's name is not a field name: curl's user option, a JWK's private
// members, JSON escaped twice (a log line of a JSON string holding JSON).
const JWK_PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'];
const OTHER_SHAPES: Record<string, (value: string) => string> = {
  'curl -u id:secret': (v) => `curl -u client-7:${v} https://example.com/ams/v1/oauth2/token`,
  'curl -u "id:secret"': (v) => `curl -X POST -u "client-7:${v}" https://example.com/`,
  'curl --user id:secret': (v) => `curl --user client-7:${v} https://example.com/`,
  'curl --user=id:secret': (v) => `curl --user='client-7:${v}' https://example.com/`,
  'double-escaped JSON': (v) => `{\\\\\\"clientSecret\\\\\\":\\\\\\"${v}\\\\\\"}`,
  'double-escaped JSON with spaces': (v) => `log: {\\\\"accessToken\\\\": \\\\"${v}\\\\", "n": 1}`,
  'JSON escaped three times': (v) =>
    JSON.stringify({ outer: JSON.stringify({ inner: JSON.stringify({ clientSecret: v }) }) }),
};
for (const member of JWK_PRIVATE_MEMBERS) {
  OTHER_SHAPES[`JWK "${member}"`] = (v) =>
    JSON.stringify({ kty: 'RSA', n: 'pub', e: 'AQAB', [member]: v, alg: 'RS512' });
  OTHER_SHAPES[`JWK "${member}" inspected`] = (v) =>
    inspect({ keys: [{ kty: 'RSA', [member]: v, use: 'sig' }] });
  OTHER_SHAPES[`JWK "${member}" escaped`] = (v) =>
    JSON.stringify({ body: JSON.stringify({ kty: 'EC', crv: 'P-256', [member]: v }) });
}

describe('one definition of a secret: a corpus of secret shapes', () => {
  let cases = 0;
  for (const [shape, make] of Object.entries(FIELD_SHAPES)) {
    for (const name of FIELD_NAMES) {
      cases++;
      it(`redacts field ${name} in ${shape}`, () => {
        const value = secret();
        assertNoFragment(redact(make(name, value)), value, `${shape} ${name}`);
      });
    }
  }
  for (const [shape, make] of Object.entries(HEADER_SHAPES)) {
    for (const name of HEADER_NAMES) {
      cases++;
      it(`redacts header ${name} in ${shape}`, () => {
        const value = secret();
        assertNoFragment(redact(make(name, value)), value, `${shape} ${name}`);
      });
    }
  }
  for (const [shape, make] of Object.entries(OTHER_SHAPES)) {
    cases++;
    it(`redacts ${shape}`, () => {
      const value = secret();
      assertNoFragment(redact(make(value)), value, shape);
    });
  }
  it('has at least 100 cases', () => assert.ok(cases >= 100, String(cases)));

  it('masks the same headers in maskHeaders, toCurl and redact', () => {
    for (const name of HEADER_NAMES) {
      const value = secret();
      assert.ok(isSecretHeaderName(name), name);
      assert.equal(maskHeaders([{ name, value }])[0]?.value, '[REDACTED]');
      const curl = toCurl({
        method: 'GET',
        url: 'https://example.com/',
        headers: [{ name, value }],
      });
      assertNoFragment(curl, value, `toCurl ${name}`);
    }
  });

  it('keeps ordinary names and text', () => {
    for (const name of ['x-wsm-managed-tenantid', 'Content-Type', 'Accept', 'pageNum', 'code']) {
      assert.equal(isSecretHeaderName(name), false, name);
      assert.equal(isSecretFieldName(name), false, name);
    }
    const ordinary = [
      JSON.stringify([{ name: 'Content-Type', value: 'application/json' }]),
      JSON.stringify([['x-wsm-managed-tenantid', 'tenant-42']]),
      '<message>ACCESS_TOKEN_EXPIRED</message><code>4032251</code>',
      inspect({ name: 'Accept', value: '*/*' }),
      'validityForAccessTokenInMinutes: 30',
      'GET https://eu-kcs-api.samsungknox.com/kcs/v1/kme/devices/list?pageNum=0&pageSize=50',
    ];
    for (const text of ordinary) assert.equal(redact(text), text);
  });
});
