import assert from 'node:assert/strict';
import { isKnoxToolError } from '../../../../src/core/errors/toolError';
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
      const reads: Array<[string, string | undefined]> = [];
      const built = await build(text, sandbox, {
        readBodyFile: (path, encoding) => {
          reads.push([path, encoding]);
          return Promise.resolve('{"devices": ["{{id}}"]}');
        },
      });
      assert.deepEqual(reads, [['./delete.json', undefined]]);
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
