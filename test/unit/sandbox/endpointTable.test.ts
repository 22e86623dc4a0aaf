import assert from 'node:assert/strict';
import type { EndpointEntry, HttpMethod } from '../../../src/core/catalogs/scopeCatalog';
import {
  CATEGORY_SCOPES,
  ENDPOINTS,
  OAUTH_SERVER,
  SERVICES,
} from '../../../src/core/catalogs/scopeCatalog';
import { findEndpoint, scopesFor } from '../../../src/core/catalogs/scopeLookup';
import { endpointAt, endpointTable, scopesAt } from '../../../src/sandbox/endpointTable';

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];

// Each `{param}` filled with a value no catalog path has as a literal segment.
const filled = (path: string): string =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => `v-${name}-7`);

const label = (e: EndpointEntry | undefined): string =>
  e === undefined ? 'none' : `${e.method} ${e.path}`;

const entry = (method: HttpMethod, path: string): EndpointEntry => ({
  method,
  path,
  service: 'kme',
  scopes: [`${method} ${path}`],
});

describe("sandbox: its own endpoint table over the scope catalog's data", () => {
  it('matches every catalog endpoint, its params filled, to itself', () => {
    const misses = ENDPOINTS.filter((e) => endpointAt(e.method, filled(e.path)) !== e).map(
      (e) => `${e.method} ${e.path} -> ${label(endpointAt(e.method, filled(e.path)))}`,
    );
    assert.deepEqual(misses, []);
    const kme = ENDPOINTS.find((e) => e.path === '/kcs/v1/kme/profiles/{id}/get');
    assert.equal(endpointAt('get', '/kcs/v1/kme/profiles/42/get/'), kme);
    assert.equal(
      endpointAt('POST', '/kcs/v1/kme/profiles/createAsync')?.path,
      '/kcs/v1/kme/profiles/createAsync/',
    );
  });

  it('prefers a literal segment to a {param}, and backtracks for a method only the param has', () => {
    const link = ENDPOINTS.find((e) => e.method === 'POST' && e.path.endsWith('/link'));
    const update = ENDPOINTS.find(
      (e) => e.method === 'PUT' && e.path === '/msp/v1/managedCustomers/{customerId}',
    );
    assert.equal(endpointAt('POST', '/msp/v1/managedCustomers/link'), link);
    assert.equal(endpointAt('PUT', '/msp/v1/managedCustomers/link'), update);

    const table = endpointTable({
      endpoints: [
        entry('GET', '/a/{x}/c'),
        entry('GET', '/a/b/{y}'),
        entry('POST', '/a/b/c'),
        entry('GET', '/a/{x}'),
        entry('GET', '/a/list'),
      ],
      services: [],
      categories: [],
      serviceWide: {},
    });
    assert.equal(table.endpointAt('GET', '/a/b/c')?.path, '/a/b/{y}');
    assert.equal(table.endpointAt('POST', '/a/b/c')?.path, '/a/b/c');
    assert.equal(table.endpointAt('GET', '/a/z/c')?.path, '/a/{x}/c');
    assert.equal(table.endpointAt('GET', '/a/list')?.path, '/a/list');
    assert.equal(table.endpointAt('GET', '/a/lists')?.path, '/a/{x}');
    assert.equal(table.endpointAt('PUT', '/a/b/c'), undefined);
  });

  it('finds nothing for an unknown path, an extra or a missing segment, or a wrong method', () => {
    for (const [method, path] of [
      ['GET', '/'],
      ['GET', ''],
      ['GET', '/kcs/v1/kme'],
      ['GET', '/kcs/v1/kme/nothing'],
      ['GET', '/kcs/v1/kme/profiles/list/extra'],
      ['GET', '/kcs/v1/kme/profiles/42'],
      ['PATCH', '/kcs/v1/kme/profiles/list'],
      ['POST', '/kcs/v1/kme/profiles/list'],
      ['GET', '/msp/v1/profiles/copy'],
      ['BREW', '/kcs/v1/kme/profiles/list'],
      ['GET', '/KCS/v1/kme/profiles/list'],
    ] as const) {
      assert.equal(endpointAt(method, path), undefined, `${method} ${path}`);
    }
  });

  it('serves E-FOTA under /ke/v1 only, as Knox does (the editor also reads bare suffixes)', () => {
    const campaign = ENDPOINTS.find((e) => e.path === '/ke/v1/campaigns/{campaignId}');
    assert.equal(endpointAt('GET', '/ke/v1/campaigns/42'), campaign);
    assert.equal(findEndpoint('GET', '/campaigns/42'), campaign);
    assert.equal(endpointAt('GET', '/campaigns/42'), undefined);
    assert.deepEqual(scopesAt('GET', '/campaigns/42'), []);
  });

  it('gives scopes: the endpoint, else its category and the service-wide ones, else none', () => {
    assert.deepEqual(scopesAt('GET', '/kcs/v1/kme/profiles/list'), [
      'kme.profiles:view',
      'kme.profiles',
      'kme',
    ]);
    assert.deepEqual(scopesAt('POST', '/kai/v1/devices/getDevices'), ['kai.devices', 'kai']);
    assert.deepEqual(scopesAt('GET', '/kcs/v2/kme/profiles/new'), ['kme.profiles', 'kme']);
    assert.deepEqual(scopesAt('GET', '/kc/v2/things'), ['kc.devices', 'kc']);
    assert.deepEqual(scopesAt('GET', '/kcs/v1.1/kg/devices/list'), []);
    assert.deepEqual(scopesAt('POST', '/ams/v1/oauth2/revoke'), []);
    assert.deepEqual(scopesAt('GET', '/elsewhere/kai/v1/devices'), []);
  });

  describe("agrees with the editor's matcher (core's findEndpoint and scopesFor)", () => {
    // Paths a Knox server could receive that the catalog does not list, under every known
    // prefix: beside, below and above each endpoint, base path and category folder.
    const catalogPaths = ENDPOINTS.map((e) => filled(e.path));
    const prefixes = [
      ...[...SERVICES, OAUTH_SERVER].flatMap((s) => s.basePaths),
      ...CATEGORY_SCOPES.flatMap((c) => c.paths),
    ];
    const unlisted = [
      ...prefixes,
      ...prefixes.flatMap((p) => [`${p}/`, `${p}/unlisted`, `${p}/unlisted/deeper/still`]),
      ...catalogPaths.flatMap((p) => [
        `${p}/extra`,
        p.replace(/\/[^/]+\/?$/, ''),
        p.replace(/\/[^/]+\/?$/, '/other'),
        `${p}//`,
      ]),
      '/kcs/v1/kme/profiles/42/get/more',
      '/kcs/v1/rp/devices/status/x',
      '/kai/v1/settings/battery',
      '/ke/v1/privacyPolicy/x',
      '/ke/v1/trialLicenses/7',
      '/km/v1',
      '/km',
      '/kcs',
      '/kcs/v1',
      '/kcs/v1.1',
    ];

    // Every method on every path: where the two matchers differ, one of them has a bug.
    function disagreements(paths: readonly string[]): string[] {
      const differ: string[] = [];
      for (const path of paths) {
        for (const method of METHODS) {
          const sandbox = endpointAt(method, path);
          const editor = findEndpoint(method, path);
          if (sandbox !== editor) {
            differ.push(`${method} ${path}: ${label(sandbox)} vs ${label(editor)}`);
          }
          const a = scopesAt(method, path).join(' ');
          const b = scopesFor(method, path).join(' ');
          if (a !== b) differ.push(`${method} ${path}: scopes [${a}] vs [${b}]`);
        }
      }
      return differ;
    }

    it('on every catalog endpoint', () => {
      assert.deepEqual(disagreements(catalogPaths), []);
    });

    // A literal where a {param} is: the paths where literal-before-param and fewest-params could
    // part ways, and where a matcher that does not backtrack goes wrong.
    const literals = [
      ...new Set(
        ENDPOINTS.flatMap((e) => e.path.split('/').filter((s) => s && !s.startsWith('{'))),
      ),
    ];
    const confusable = ENDPOINTS.filter((e) => e.path.includes('{')).flatMap((e) =>
      literals.flatMap((word) => [
        filled(e.path.replace(/\{\w+\}/, word)),
        e.path.replace(/\{\w+\}/g, word),
      ]),
    );

    it('on catalog paths with a literal segment where a {param} is', () => {
      assert.ok(confusable.length > 1000, `${confusable.length} paths`);
      assert.deepEqual(disagreements(confusable), []);
    });

    it('on unlisted paths under known prefixes', () => {
      assert.ok(unlisted.length > 300, `${unlisted.length} paths`);
      assert.deepEqual(disagreements(unlisted), []);
    });
  });
});
