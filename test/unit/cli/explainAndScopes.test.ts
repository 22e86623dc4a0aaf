import assert from 'node:assert/strict';
import { findErrorCode, findErrorCodesByName } from '../../../src/core/catalogs/errorLookup';
import { findEndpoint } from '../../../src/core/catalogs/scopeLookup';
import { assertCliBuilt, assertFailure, jsonOf, knox } from './knoxProcess';

describe('knox explain and knox scopes (process)', () => {
  before(assertCliBuilt);

  describe('explain', () => {
    for (const [query, code, name] of [
      ['4032251', '4032251', 'ACCESS_TOKEN_EXPIRED'],
      ['40122050', '40122050', 'ACCESS_TOKEN_BAD_REQUEST'],
      ['4012250', '40122050', 'ACCESS_TOKEN_BAD_REQUEST'],
      ['aut_1806', 'AUT_1806', findErrorCode('AUT_1806')?.name],
      ['LIC_4103', 'LIC_4103', findErrorCode('LIC_4103')?.name],
      ['429', '429', 'Too Many Requests'],
      ['ACCESS_TOKEN_EXPIRED', '4032251', 'ACCESS_TOKEN_EXPIRED'],
    ] as const) {
      it(`explains ${query} as ${code} ${name ?? ''}`, async () => {
        const run = await knox(['explain', query, '--json']);
        assert.equal(run.code, 0, run.stderr);
        const json = jsonOf(run) as { query: string; entries: Record<string, unknown>[] };
        const entry = findErrorCode(code);
        assert.ok(entry);
        assert.equal(json.query, query);
        assert.equal(json.entries.length, 1);
        assert.deepEqual(
          [
            json.entries[0]?.code,
            json.entries[0]?.name,
            json.entries[0]?.fix,
            json.entries[0]?.docUrl,
          ],
          [code, name, entry.fix, entry.docUrl],
        );
      });
    }

    it('prints the code, name, status, meaning, cause, fix and docs as text', async () => {
      const run = await knox(['explain', '4012250']);
      assert.equal(run.code, 0);
      const entry = findErrorCode('4012250');
      assert.ok(entry);
      assert.match(run.stdout, /^40122050 {2}ACCESS_TOKEN_BAD_REQUEST {2}\(HTTP 401\)\n/);
      assert.match(run.stdout, /\nMeaning +Jwt improperly created/);
      assert.match(run.stdout, /\nCause +\S/);
      assert.match(run.stdout, /\nFix +Do not retry/);
      assert.match(run.stdout, /\nAlso written +4012250\n/);
      assert.ok(run.stdout.endsWith(`Docs          ${entry.docUrl}\n`));
    });

    it('shows every code a shared name stands for', async () => {
      const shared = findErrorCodesByName('AUTHORIZATION_FAIL');
      assert.ok(shared.length > 1);
      const json = jsonOf(await knox(['explain', 'authorization_fail', '--json'])) as {
        entries: { code: string }[];
      };
      assert.deepEqual(
        json.entries.map((e) => e.code),
        shared.map((e) => e.code),
      );
    });

    it('exits 1 for an unknown code, suggesting near ones', async () => {
      assertFailure(
        await knox(['explain', '40322']),
        1,
        '"40322" is not a Knox error code or name in the catalog.',
        'Did you mean 4032251 ACCESS_TOKEN_EXPIRED',
      );
      const json = await knox(['explain', 'NO_SUCH_ERROR_AT_ALL', '--json']);
      assert.equal(json.code, 1);
      assert.equal((jsonOf(json).error as Record<string, unknown>).code, 'UNKNOWN_CODE');
    });

    it('exits 2 without a code', async () => {
      assertFailure(await knox(['explain']), 2, 'CODE is missing');
    });
  });

  describe('scopes', () => {
    it('lists the scopes of an endpoint narrowest first, matching path parameters', async () => {
      const run = await knox(['scopes', 'get', '/kcs/v1/kme/profiles/42/get']);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(
        run.stdout,
        [
          'GET /kcs/v1/kme/profiles/{id}/get',
          'Service    Knox Mobile Enrollment (kme)',
          'Scopes     kme.profiles:view, kme.profiles, kme',
          'Narrowest  kme.profiles:view',
          'OAuth 2.0  supported',
          '',
        ].join('\n'),
      );
    });

    it('takes a full URL with a query, and gives the catalog entry with --json', async () => {
      const run = await knox([
        'scopes',
        'GET',
        'https://us-kcs-api.samsungknox.com/kcs/v1/kme/devices/list?pageNum=0',
        '--json',
      ]);
      assert.equal(run.code, 0);
      const endpoint = findEndpoint('GET', '/kcs/v1/kme/devices/list');
      assert.ok(endpoint);
      assert.deepEqual(jsonOf(run), {
        method: 'GET',
        path: endpoint.path,
        service: 'kme',
        serviceName: 'Knox Mobile Enrollment',
        scopes: endpoint.scopes,
        oauth: 'supported',
      });
    });

    it('says that the token endpoint is where scopes are requested', async () => {
      const run = await knox(['scopes', 'POST', '/ams/v1/oauth2/token']);
      assert.equal(run.code, 0);
      assert.match(
        run.stdout,
        /Note +This endpoint is where scopes are requested; calling it needs none\./,
      );
    });

    it('exits 1 for an endpoint the catalog does not list, with what it knows about the service', async () => {
      assertFailure(
        await knox(['scopes', 'GET', '/kcs/v1/kme/nothing/here']),
        1,
        "GET /kcs/v1/kme/nothing/here is not an endpoint in Samsung's scopes catalog.",
        'Scopes covering all of Knox Mobile Enrollment: kme.',
      );
      assertFailure(
        await knox(['scopes', 'POST', '/kai/v1/devices/getDevices']),
        1,
        'Scopes allowing it (its category kai.devices, then all of Knox Asset Intelligence): kai.devices, kai.',
      );
      assertFailure(
        await knox(['scopes', 'GET', '/kcs/v1.1/kg/devices/list']),
        1,
        'Knox Guard does not accept OAuth 2.0 tokens',
      );
      const json = await knox(['scopes', 'GET', '/no/such/path', '--json']);
      assert.equal(json.code, 1);
      assert.equal((jsonOf(json).error as Record<string, unknown>).code, 'UNKNOWN_ENDPOINT');
    });

    it('exits 2 for a bad method, swapped arguments or a missing path', async () => {
      assertFailure(
        await knox(['scopes', 'FETCH', '/kcs/v1/kme/devices/list']),
        2,
        'METHOD must be one of GET, POST, PUT, DELETE, PATCH.',
      );
      assertFailure(
        await knox(['scopes', '/kcs/v1/kme/devices/list', 'GET']),
        2,
        'Give the method first, then the path',
      );
      assertFailure(await knox(['scopes', 'GET']), 2, 'PATH is missing: knox scopes METHOD PATH.');
    });
  });
});
