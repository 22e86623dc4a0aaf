import assert from 'node:assert/strict';
import { isKnoxToolError } from '../../../../src/core/toolError';
import { parseHttpFile } from '../../../../src/core/httpFile/httpFile';
import type { Profile } from '../../../../src/core/profiles/profile';
import { buildRequest, describeTokenSkip } from '../../../../src/core/runner/buildRequest';
import type { BuildInput, BuiltRequest } from '../../../../src/core/runner/buildRequest';
import { legacyProfile, oauthProfile } from './fixtures';

const sandbox = legacyProfile({ target: { kind: 'custom', baseUrl: 'http://127.0.0.1:4567' } });

async function build(
  text: string,
  profile: Profile | undefined,
  extra: Partial<BuildInput> = {},
  index = 0,
): Promise<BuiltRequest> {
  const file = parseHttpFile(text);
  const request = file.requests[index];
  assert.ok(request, `request ${index} parsed`);
  return buildRequest({ file, request, profile, ...extra });
}

function header(built: BuiltRequest, name: string): string | undefined {
  return built.headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}

async function rejects(promise: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(isKnoxToolError(e), `a KnoxToolError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.match(e.message, message);
    return true;
  });
}

describe('buildRequest', () => {
  describe('URLs', () => {
    it('resolves a relative path against the profile base URL and finds the endpoint', async () => {
      const built = await build('GET /kcs/v1/kme/devices/list?pageNum=0', sandbox);
      assert.equal(built.url, 'http://127.0.0.1:4567/kcs/v1/kme/devices/list?pageNum=0');
      assert.equal(built.hint?.service, 'kme');
      assert.equal(built.hint?.endpoint?.path, '/kcs/v1/kme/devices/list');
      assert.deepEqual(built.token, { attach: true });
    });

    it('sends KME to the regional host and KAI, MSP and E-FOTA to api.samsungknox.com', async () => {
      const eu = legacyProfile({ target: { kind: 'region', region: 'eu' } });
      assert.equal(
        (await build('GET /kcs/v1/kme/devices/list', eu)).url,
        'https://eu-kcs-api.samsungknox.com/kcs/v1/kme/devices/list',
      );
      assert.equal(
        (await build('POST /kai/v1/miscellaneous/getKspStatus', eu)).url,
        'https://api.samsungknox.com/kai/v1/miscellaneous/getKspStatus',
      );
      assert.equal(
        (await build('GET /msp/v1/managedCustomers', eu)).url,
        'https://api.samsungknox.com/msp/v1/managedCustomers',
      );
      assert.equal(
        (await build('GET /ke/v1/campaigns', eu)).url,
        'https://api.samsungknox.com/ke/v1/campaigns',
      );
    });

    it('keeps an absolute URL and substitutes file, environment and .env variables in that order', async () => {
      const text = [
        '@host = https://eu-kcs-api.samsungknox.com',
        '',
        'GET {{host}}/kcs/v1/kme/devices/list?page={{page}}&size={{size}}',
        'X-Trace: {{trace}}',
      ].join('\n');
      const built = await build(text, legacyProfile(), {
        sources: {
          environment: { page: '2', host: 'https://ignored.example' },
          dotenv: { size: '50', page: '9', trace: 'from-dotenv' },
        },
      });
      assert.equal(
        built.url,
        'https://eu-kcs-api.samsungknox.com/kcs/v1/kme/devices/list?page=2&size=50',
      );
      assert.equal(header(built, 'X-Trace'), 'from-dotenv');
    });

    it('refuses a relative URL without a profile, saying what to do', async () => {
      await rejects(
        build('GET /kcs/v1/kme/devices/list', undefined),
        'HTTP_FILE_SYNTAX',
        /line 1: The URL is relative and there is no base URL; choose a Knox profile/,
      );
    });

    it('refuses an undefined variable with its line and name', async () => {
      await rejects(
        build(
          ['# @name list', 'GET /kcs/v1/kme/devices/list', 'X-Id: {{nope}}'].join('\n'),
          sandbox,
        ),
        'HTTP_FILE_SYNTAX',
        /The request "list" cannot be sent: line 3: Variable 'nope' is not defined/,
      );
    });

    it('refuses a request whose block has a syntax error instead of dropping the bad line', async () => {
      await rejects(
        build(['GET /kcs/v1/kme/devices/list', 'x-knox-apitoken abc'].join('\n'), sandbox),
        'HTTP_FILE_SYNTAX',
        /line 2: A header needs a colon/,
      );
    });
  });

  describe('header rules', () => {
    it('never overrides a header the user wrote: a written x-knox-apitoken or Authorization means no managed token', async () => {
      const legacy = await build(
        ['GET /kcs/v1/kme/devices/list', 'X-KNOX-APITOKEN: mine'].join('\n'),
        sandbox,
      );
      assert.deepEqual(legacy.token, { attach: false, reason: 'userHeader' });
      assert.equal(header(legacy, 'x-knox-apitoken'), 'mine');
      const bearer = await build(
        ['GET /kcs/v1/kme/devices/list', 'authorization: Bearer mine'].join('\n'),
        oauthProfile(['kme']),
      );
      assert.deepEqual(bearer.token, { attach: false, reason: 'userHeader' });
      assert.deepEqual(bearer.headers, [{ name: 'authorization', value: 'Bearer mine' }]);
    });

    it('adds x-wsm-managed-tenantid when the profile names a tenant, unless the user wrote one', async () => {
      const msp = legacyProfile({ target: sandbox.target, tenantId: 'tenant-42' });
      const added = await build('GET /kcs/v1/kme/devices/list', msp);
      assert.equal(header(added, 'x-wsm-managed-tenantid'), 'tenant-42');
      assert.deepEqual(added.added, ['x-wsm-managed-tenantid']);
      const own = await build(
        ['GET /kcs/v1/kme/devices/list', 'X-WSM-Managed-TenantId: other'].join('\n'),
        msp,
      );
      assert.deepEqual(own.headers, [{ name: 'X-WSM-Managed-TenantId', value: 'other' }]);
      assert.deepEqual(own.added, []);
    });

    it("adds no tenant header and no token for a host that is not the profile's", async () => {
      const msp = legacyProfile({ target: sandbox.target, tenantId: 'tenant-42' });
      const built = await build('GET https://example.com/kcs/v1/kme/devices/list', msp);
      assert.deepEqual(built.token, { attach: false, reason: 'foreignHost' });
      assert.equal(header(built, 'x-wsm-managed-tenantid'), undefined);
      assert.match(
        describeTokenSkip('foreignHost', 'Dev'),
        /not one of profile "Dev"'s Knox hosts/,
      );
    });

    it('sends authentication endpoints without a token', async () => {
      const built = await build(
        'POST /ams/v1/users/accesstoken\nContent-Type: application/json\n\n{"validityForAccessTokenInMinutes": 30}',
        sandbox,
      );
      assert.deepEqual(built.token, { attach: false, reason: 'authEndpoint' });
      assert.equal(built.body, '{"validityForAccessTokenInMinutes": 30}');
    });

    it('marks a request without profile as sent without token', async () => {
      const built = await build('GET https://example.com/', undefined);
      assert.deepEqual(built.token, { attach: false, reason: 'noProfile' });
    });

    it('adds Content-Type: application/json to a JSON body without one, and keeps a written one', async () => {
      const json = await build('POST /kcs/v1/kme/devices/delete\n\n{"devices": ["R58M"]}', sandbox);
      assert.equal(header(json, 'content-type'), 'application/json');
      assert.deepEqual(json.added, ['Content-Type']);
      const written = await build(
        'POST /kcs/v1/kme/devices/delete\ncontent-type: application/vnd.knox+json\n\n{"devices": []}',
        sandbox,
      );
      assert.deepEqual(written.headers, [
        { name: 'content-type', value: 'application/vnd.knox+json' },
      ]);
    });
  });

  describe('what REST Client puts on the wire', () => {
    it('follows a Host header with a relative request line, and sends the token only to the profile origin', async () => {
      const own = await build('GET /kcs/v1/kme/devices/list\nHost: 127.0.0.1:4567', sandbox);
      assert.equal(own.url, 'http://127.0.0.1:4567/kcs/v1/kme/devices/list');
      assert.deepEqual(own.token, { attach: true });
      const other = await build('GET /rel/path?x=1 HTTP/1.1\nHost: 127.0.0.1:8080', sandbox);
      assert.equal(other.url, 'http://127.0.0.1:8080/rel/path?x=1');
      assert.deepEqual(other.token, { attach: false, reason: 'foreignHost' });
      assert.equal(header(other, 'Host'), '127.0.0.1:8080');
      const tls = await build('GET /a\nHost: example.com:8443', undefined);
      assert.equal(tls.url, 'https://example.com:8443/a');
    });

    it('keeps https for a Host header naming the profile host without a port', async () => {
      const us = legacyProfile({ target: { kind: 'region', region: 'us' } });
      const built = await build(
        'GET /kcs/v1/kme/devices/list\nHost: us-kcs-api.samsungknox.com',
        us,
      );
      assert.equal(built.url, 'https://us-kcs-api.samsungknox.com/kcs/v1/kme/devices/list');
      assert.deepEqual(built.token, { attach: true });
    });

    it('base64-encodes Basic USER:PASSWORD and Basic USER PASSWORD, and leaves an encoded value', async () => {
      const built = async (value: string): Promise<string | undefined> =>
        header(
          await build(`GET https://e.example/\nAuthorization: ${value}`, sandbox),
          'Authorization',
        );
      assert.equal(await built('Basic ana:secret'), 'Basic YW5hOnNlY3JldA==');
      assert.equal(await built('basic ana secret'), 'Basic YW5hOnNlY3JldA==');
      assert.equal(await built('Basic YW5hOnNlY3JldA=='), 'Basic YW5hOnNlY3JldA==');
      assert.equal(await built('Bearer a:b'), 'Bearer a:b');
    });

    it('joins repeated header lines: Cookie with "; ", others with ", "', async () => {
      const built = await build(
        'GET https://e.example/\nCookie: session=abc\nAccept: text/plain\ncookie: theme=dark\nACCEPT: */*',
        undefined,
      );
      assert.deepEqual(built.headers, [
        { name: 'Cookie', value: 'session=abc; theme=dark' },
        { name: 'Accept', value: 'text/plain, */*' },
      ]);
    });

    it('sends a GraphQL query as JSON {query, operationName, variables} without X-Request-Type', async () => {
      const built = await build(
        [
          'POST https://e.example/graphql',
          'X-REQUEST-TYPE: GraphQL',
          '',
          'query Repo($name: String!) {',
          '  repository(name: $name) { id }',
          '}',
          '',
          '{ "name": "{{repo}}" }',
          '',
        ].join('\n'),
        undefined,
        { sources: { environment: { repo: 'knox' } } },
      );
      assert.equal(header(built, 'X-Request-Type'), undefined);
      assert.equal(header(built, 'Content-Type'), 'application/json');
      assert.deepEqual(built.added, ['Content-Type']);
      assert.deepEqual(JSON.parse(built.body ?? ''), {
        query: 'query Repo($name: String!) {\n  repository(name: $name) { id }\n}',
        operationName: 'Repo',
        variables: { name: 'knox' },
      });
    });

    it('refuses GraphQL variables that are not JSON, naming the line', async () => {
      await rejects(
        build('POST https://e.example/g\nX-Request-Type: graphql\n\n{ a }\n\n{ nope', undefined),
        'HTTP_FILE_SYNTAX',
        /line 6: The GraphQL variables are not valid JSON/,
      );
    });

    it('percent-encodes each name and value of a form body unless already encoded', async () => {
      const built = await build(
        [
          'POST https://e.example/form',
          'Content-Type: application/x-www-form-urlencoded',
          '',
          'name=John Doe&city=São Paulo',
          '&done=a%20b&pct=100%',
        ].join('\n'),
        undefined,
      );
      assert.equal(built.body, 'name=John%20Doe&city=S%C3%A3o%20Paulo&done=a%20b&pct=100%25');
    });

    it('sends a body without Content-Type as bytes, and adds application/json only for JSON', async () => {
      const text = await build('POST https://e.example/\n\nplain words', undefined);
      assert.equal(header(text, 'Content-Type'), undefined);
      assert.deepEqual(text.added, []);
      assert.deepEqual(text.bytes, Buffer.from('plain words'));
      const json = await build('POST https://e.example/\n\n{"a": 1}', undefined);
      assert.equal(header(json, 'Content-Type'), 'application/json');
    });

    it('puts the bytes of a multipart file part in exactly, framed by CRLF', async () => {
      const content = Buffer.from([0x00, 0xff, 0x0a, 0x89, 0x50, 0x0d, 0x0a]);
      const built = await build(
        [
          'POST https://e.example/upload',
          'Content-Type: multipart/form-data; boundary=B',
          '',
          '--B',
          'Content-Disposition: form-data; name="file"; filename="a.bin"',
          '',
          '< ./a.bin',
          '--B--',
        ].join('\n'),
        undefined,
        { readBodyFile: () => Promise.resolve(content) },
      );
      const head = '--B\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n\r\n';
      assert.deepEqual(
        built.bytes,
        Buffer.concat([Buffer.from(head), content, Buffer.from('\r\n--B--\r\n')]),
      );
    });

    it('reads a <@latin1 file in its encoding and refuses an unknown one', async () => {
      const text = 'POST https://e.example/\nContent-Type: text/plain\n\n<@latin1 ./a.txt';
      const built = await build(text, undefined, {
        readBodyFile: () => Promise.resolve(Buffer.from([0x53, 0xe3, 0x6f])),
      });
      assert.equal(built.body, 'São');
      await rejects(
        build(text.replace('latin1', 'klingon'), undefined, {
          readBodyFile: () => Promise.resolve(Buffer.from('x')),
        }),
        'INVALID_INPUT',
        /names the encoding 'klingon', which is unknown/,
      );
    });
  });

  describe('bodies from files', () => {
    const text = [
      '@id = R58M',
      '',
      'POST /kcs/v1/kme/devices/delete',
      'Content-Type: application/json',
      '',
      '<@ ./delete.json',
    ].join('\n');

    it('reads a < file body with the injected reader and substitutes its variables for <@', async () => {
      const reads: string[] = [];
      const built = await build(text, sandbox, {
        readBodyFile: (path) => {
          reads.push(path);
          return Promise.resolve(Buffer.from('{"devices": ["{{id}}"]}'));
        },
      });
      assert.deepEqual(reads, ['./delete.json']);
      assert.equal(built.body, '{"devices": ["R58M"]}');
    });

    it('says which file could not be read', async () => {
      await rejects(
        build(text, sandbox, { readBodyFile: () => Promise.reject(new Error('ENOENT')) }),
        'INVALID_INPUT',
        /The body file \.\/delete\.json \(line 6\) cannot be read/,
      );
      await rejects(build(text, sandbox), 'INVALID_INPUT', /refers to the file \.\/delete\.json/);
    });
  });
});
