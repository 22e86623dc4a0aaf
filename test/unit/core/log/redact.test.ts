import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { parseKeyFile } from '../../../../src/core/keys/keyFile';
import { Redactor, redact } from '../../../../src/core/log/redact';
import { signAccessToken, signClientIdentifier } from '../../../../src/core/tokens/signJwt';
import { generateKeys } from '../../../helpers/keys';
import { assertLinearTime } from '../../../helpers/linearTime';
import type { GeneratedKeys } from '../../../helpers/keys';

const MASK = '[REDACTED]';

/** Opaque random secrets shaped like the real ones, fresh for each run. */
const opaque = (bytes = 32) => randomBytes(bytes).toString('base64url');

function pem(label: string, base64: string): string {
  return [
    `-----BEGIN ${label}-----`,
    ...(base64.match(/.{1,64}/g) ?? []),
    `-----END ${label}-----`,
  ].join('\n');
}

/** Fails, naming the case, if any secret or a 12-character slice of one survives. */
function assertGone(text: string, secrets: readonly string[], label: string): string {
  const out = redact(text);
  for (const secret of secrets) {
    assert.ok(!out.includes(secret), `${label}: the secret survived in:\n${out}`);
    for (let i = 0; i + 12 <= secret.length; i += 6) {
      const slice = secret.slice(i, i + 12);
      assert.ok(!out.includes(slice), `${label}: part "${slice}" survived in:\n${out}`);
    }
  }
  assert.ok(out.includes(MASK), `${label}: nothing was masked`);
  return out;
}

describe('redact', () => {
  let keys: GeneratedKeys;
  let clientIdentifierJwt: string;
  let signedAccessToken: string;
  let portalClientIdentifier: string;
  const accessToken = opaque(48);
  const oauthToken = opaque(40);
  const refreshToken = opaque(40);
  const clientSecret = opaque(24);
  const idpToken = opaque(30);

  before(async () => {
    keys = generateKeys();
    const key = parseKeyFile(keys.json, 'generated');
    // The portal's Client Identifier is an HS512 JWT of its own.
    portalClientIdentifier = `eyJhbGciOiJIUzUxMiJ9.${Buffer.from(JSON.stringify({ sub: randomUUID() })).toString('base64url')}.${opaque(64)}`;
    clientIdentifierJwt = await signClientIdentifier(key, portalClientIdentifier);
    signedAccessToken = await signAccessToken(key, accessToken);
  });

  describe('removes every secret', () => {
    it('real signed JWTs, anywhere in text', () => {
      assertGone(
        `signed: ${clientIdentifierJwt} and ${signedAccessToken}.`,
        [clientIdentifierJwt, signedAccessToken],
        'jwt',
      );
      assertGone(`(${portalClientIdentifier})`, [portalClientIdentifier], 'client identifier');
    });

    it('the x-knox-apitoken header, with a JWT or an opaque value, in any case', () => {
      assertGone(`x-knox-apitoken: ${signedAccessToken}`, [signedAccessToken], 'header jwt');
      assertGone(
        `X-Knox-ApiToken: ${accessToken}\nAccept: application/json`,
        [accessToken],
        'header opaque',
      );
      assertGone(
        `GET /kcs/v1/kme/devices/list\r\nx-knox-apitoken:${accessToken}\r\n`,
        [accessToken],
        'crlf',
      );
    });

    it('Authorization: Bearer and Basic', () => {
      assertGone(`Authorization: Bearer ${oauthToken}`, [oauthToken], 'bearer');
      assertGone(`sent with bearer ${oauthToken} to Knox`, [oauthToken], 'bearer inline');
      const basic = Buffer.from(`client-id:${clientSecret}`).toString('base64');
      assertGone(`authorization: Basic ${basic}`, [basic], 'basic');
    });

    it('headers inside a curl command and in a printed object', () => {
      assertGone(
        `curl -H "x-knox-apitoken: ${accessToken}" -H 'Authorization: Bearer ${oauthToken}' https://us-kcs-api.samsungknox.com/x`,
        [accessToken, oauthToken],
        'curl',
      );
      const printed = inspect({
        'x-knox-apitoken': accessToken,
        authorization: `Bearer ${oauthToken}`,
      });
      assertGone(printed, [accessToken, oauthToken], 'inspect');
      assertGone(
        inspect({ accessToken, clientSecret }),
        [accessToken, clientSecret],
        'inspect keys',
      );
      assertGone(`{ refreshToken: "${refreshToken}" }`, [refreshToken], 'unquoted name');
    });

    it('JSON bodies with accessToken, access_token, refresh_token and client_secret', () => {
      const body = JSON.stringify({
        accessToken,
        access_token: oauthToken,
        refresh_token: refreshToken,
        client_secret: clientSecret,
        token_type: 'Bearer',
        expires_in: 599,
      });
      const out = assertGone(body, [accessToken, oauthToken, refreshToken, clientSecret], 'json');
      assert.match(out, /"token_type":"Bearer"/);
      assert.match(out, /"expires_in":599/);
      assertGone(JSON.stringify({ accessToken }, null, 2), [accessToken], 'pretty json');
    });

    it('the accesstoken request body, the session token and the partner token', () => {
      assertGone(
        JSON.stringify({
          base64EncodedStringPublicKey: keys.publicKeyBase64,
          clientIdentifierJwt,
          validityForAccessTokenInMinutes: 30,
        }),
        [clientIdentifierJwt],
        'accesstoken body',
      );
      assertGone(
        JSON.stringify({ sessionToken: accessToken, delegatedSAToken: idpToken }),
        [accessToken, idpToken],
        'session',
      );
    });

    it('JSON nested as an escaped string', () => {
      const nested = JSON.stringify({
        body: JSON.stringify({ accessToken, client_secret: clientSecret }),
      });
      assertGone(nested, [accessToken, clientSecret], 'escaped json');
    });

    it('form bodies and query strings', () => {
      const form = new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'cloud-app',
        client_secret: clientSecret,
        scope: 'kme kdp.devices:view',
      }).toString();
      const out = assertGone(form, [clientSecret], 'form');
      assert.match(out, /grant_type=client_credentials/);
      assert.match(out, /client_id=cloud-app/);
      assertGone(
        `refresh_token=${refreshToken}&grant_type=refresh_token&client_secret=${clientSecret}`,
        [refreshToken, clientSecret],
        'form first',
      );
      assertGone(
        `https://api.samsungknox.com/cb?code=${opaque(20)}&state=xyz&access_token=${oauthToken}`,
        [oauthToken],
        'query',
      );
    });

    it('an authorization code in a query, a form and a JSON body', () => {
      const code = opaque(24);
      assertGone(`https://portal.example.com/callback?code=${code}&state=s1`, [code], 'query code');
      assertGone(`code=${code}&grant_type=authorization_code`, [code], 'form code');
      assertGone(JSON.stringify({ grant_type: 'authorization_code', code }), [code], 'json code');
    });

    it('PEM private keys, PKCS#8 and PKCS#1', () => {
      const pkcs8 = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const pkcs1 = keys.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
      const body = (p: string) => p.split('\n').filter((l) => l && !l.startsWith('-----'));
      assertGone(`key:\n${pkcs8}\nend`, body(pkcs8), 'pkcs8 pem');
      assertGone(pkcs1, body(pkcs1), 'pkcs1 pem');
    });

    it('base64 DER keys, on one line, wrapped without armour, and inside keys.json', () => {
      assertGone(`Private=${keys.privateKeyBase64}`, [keys.privateKeyBase64], 'one line');
      assertGone(`private key ${keys.privateKeyBase64} end`, [keys.privateKeyBase64], 'bare');
      const wrapped = (keys.privateKeyBase64.match(/.{1,64}/g) ?? []).join('\n');
      assertGone(wrapped, [keys.privateKeyBase64.slice(-40, -4)], 'wrapped');
      assertGone(keys.json, [keys.privateKeyBase64], 'keys.json');
      assertGone(
        pem('PRIVATE KEY', keys.privateKeyBase64),
        [keys.privateKeyBase64.slice(100, 200)],
        'pem built',
      );
    });

    it('a password in a URL', () => {
      assertGone(
        'proxy https://me:hunter2-secret@proxy.example.com:8080 failed',
        ['hunter2-secret'],
        'userinfo',
      );
    });

    it('a secret pair hidden in the value of an ordinary one', () => {
      assertGone(`note: token=${accessToken}`, [accessToken], 'nested colon');
      assertGone(`x=refresh_token=${refreshToken}`, [refreshToken], 'nested equals');
    });

    it('values the caller knows, however short or opaque', () => {
      const shortSecret = 'abcd-1234';
      const out = redact(`the app secret is ${shortSecret}, really`, [shortSecret]);
      assert.equal(out, `the app secret is ${MASK}, really`);
    });
  });

  describe('leaves ordinary text alone', () => {
    const ordinary = [
      'Knox answered 4032251 ACCESS_TOKEN_EXPIRED: get a new access token.',
      '{"errorId":"b1f2","code":4032251,"message":"ACCESS_TOKEN_EXPIRED","data":null}',
      '{"code": "4032251", "message": "ACCESS_TOKEN_EXPIRED"}',
      '{"result":"FAIL","error":{"code":4010000,"message":"AUTHORIZATION_FAIL"}}',
      '{"transactionalId":"tx-1","code":"AUTHORIZATION_FAIL","errorCode":"4030000"}',
      '{"error":"invalid_client","error_description":"Bad client credentials","error_code":"AUT_1702"}',
      'code=4002250 API_KEY_NON_UNIQUE_JWTID',
      'POST https://us-kcs-api.samsungknox.com/ams/v1/users/accesstoken HTTP/1.1',
      'GET https://eu-kcs-api.samsungknox.com/kcs/v1/kme/devices/list?pageNum=0&pageSize=50',
      'https://api.samsungknox.com/ams/v1/oauth2/token',
      'Fingerprint SHA-256 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89',
      'token_type=Bearer&expires_in=599&scope=kme kdp.devices:view',
      '{"token_type":"Bearer","expires_in":599,"scope":"kme.devices:view"}',
      'Using Bearer authentication for Knox OAuth requests.',
      'Renewed the token at 10:00:00; it expires at 10:30:00 (validityForAccessTokenInMinutes: 30).',
      'Identifier 3f2a9c1e-8d4b-4f1a-9c2e-7b6d5a4c3b2a',
      'x-wsm-managed-tenantid: tenant-42',
      'Content-Type: application/json',
      'The key file "keys.json" has no "Private" field.',
    ];
    for (const text of ordinary) {
      it(text, () => assert.equal(redact(text), text));
    }
  });

  it('masks the whole of a form or query value that holds a quote or a semicolon', () => {
    assert.equal(redact("client_secret=abc'def&scope=kme"), 'client_secret=[REDACTED]&scope=kme');
    assert.equal(redact('token=abc"def'), 'token=[REDACTED]');
    assert.equal(redact('password=p;w0rd next'), 'password=[REDACTED] next');
    // Closing punctuation after the value stays: the text around it is still readable.
    assert.equal(
      redact('{"body": "client_secret=abc123",'),
      '{"body": "client_secret=[REDACTED]",',
    );
  });

  it('masks a JWT glued to other text', () => {
    const jwt = 'eyJhbGciOiJSUzUxMiJ9.eyJhY2Nlc3NUb2tlbiI6IngifQ.c2lnbmF0dXJl';
    assert.equal(redact(`prefix${jwt}`), 'prefix[REDACTED]');
  });

  it('stays fast on large and adversarial input', () => {
    const line = JSON.stringify({ code: 4032251, message: 'ACCESS_TOKEN_EXPIRED', accessToken });
    const big = Array.from({ length: 5_000 }, () => line).join('\n');
    const adversarial = [
      '"a":"'.repeat(40_000),
      '\\"a\\":\\"'.repeat(40_000),
      'a:'.repeat(100_000),
      'a='.repeat(100_000),
      'note: '.repeat(40_000),
      'Bearer '.repeat(40_000),
      'MII'.repeat(60_000),
      '-----BEGIN X-----'.repeat(10_000),
    ];
    const started = process.hrtime.bigint();
    const out = redact(big);
    for (const text of adversarial) redact(text);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(!out.includes(accessToken));
    assert.ok(ms < 2_000, `took ${ms.toFixed(0)} ms`);
  });

  it('takes linear time on runs of eyJ and other hostile text', () => {
    const jwt = 'eyJhbGciOiJSUzUxMiJ9.eyJhY2Nlc3NUb2tlbiI6IngifQ.c2lnbmF0dXJl';
    assert.equal(redact(`${'eyJ'.repeat(5)}${jwt}`), '[REDACTED]');
    assert.equal(redact(`/kcs/${'eyJ'.repeat(5)}/x`), `/kcs/${'eyJ'.repeat(5)}/x`);
    const hostile: Record<string, (size: number) => string> = {
      'eyJ runs': (size) => 'eyJ'.repeat(size / 3),
      'eyJ runs in a path': (size) => `GET /kcs/v1/${'eyJ'.repeat(size / 3)} HTTP/1.1`,
      'eyJ runs with dots': (size) => 'eyJa.'.repeat(size / 5),
      'escaped pairs': (size) => '\\"token\\":\\"'.repeat(size / 12),
      'backslash runs': (size) => `${'\\'.repeat(size)}"token${'\\'.repeat(size)}"`,
      'doubly escaped pairs': (size) => '\\\\\\"d\\\\\\":\\\\\\"x'.repeat(size / 14) + 'kty',
      'curl user options': (size) => ' -u "a:b -u \'c:d --user='.repeat(size / 25),
    };
    for (const make of Object.values(hostile))
      assertLinearTime(make, (text) => redact(text), 20_000);
  });

  describe('Redactor', () => {
    it('masks remembered secrets until forgotten', () => {
      const redactor = new Redactor();
      redactor.remember('tenant-secret-77');
      redactor.remember(undefined);
      redactor.remember('ab');
      assert.equal(redactor.redact('x tenant-secret-77 y ab'), `x ${MASK} y ab`);
      redactor.forget('tenant-secret-77');
      assert.equal(redactor.redact('x tenant-secret-77 y'), 'x tenant-secret-77 y');
    });

    it('masks a longer remembered secret whole even when a shorter one is inside it', () => {
      const redactor = new Redactor();
      redactor.remember('abcd');
      redactor.remember('abcd-efgh-ijkl');
      assert.equal(redactor.redact('v=abcd-efgh-ijkl;'), `v=${MASK};`);
    });
  });
});
