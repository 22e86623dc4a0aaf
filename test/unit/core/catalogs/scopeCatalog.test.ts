import * as assert from 'node:assert/strict';
import type { EndpointEntry, KnoxService } from '../../../../src/core/catalogs/scopeCatalog';
import {
  ENDPOINTS,
  OAUTH_EXCLUSIONS,
  SCOPES,
  SERVICES,
  endpointsForScope,
  findEndpoint,
  findScope,
  missingScopes,
  scopesFor,
  serviceDisplayName,
  serviceInfo,
} from '../../../../src/core/catalogs/scopeCatalog';
import { readKnoxDoc } from './knoxDocs';

interface DocScope {
  readonly section: string;
  readonly service: KnoxService;
  readonly name: string;
  readonly description: string;
  /** 'METHOD /full/path' without a trailing slash. */
  readonly endpoints: string[];
  readonly covers: string[];
  readonly events: string[];
}

const SECTION_SERVICES: ReadonlyArray<readonly [string, KnoxService]> = [
  ['Knox Asset Intelligence', 'kai'],
  ['Knox Configure', 'kc'],
  ['Knox Deployment Program', 'kdp'],
  ['Knox E-FOTA', 'ke'],
  ['Knox Manage', 'km'],
  ['Knox Mobile Enrollment', 'kme'],
  ['Knox MSP Portal', 'msp'],
  ['Knox OAuth 2.0 Authentication', 'oauth'],
];

const ENDPOINT_CELL = /^(GET|POST|PUT|DELETE|PATCH) (\/\S*)$/;
const SCOPE_NAME = /^[a-z]+(\.[a-zA-Z]+)?(:[a-z]+)?$/;
const BLANK_NAME = '(blank)';

const normalise = (path: string): string => path.replace(/\/+$/, '');
const keyOf = (e: Pick<EndpointEntry, 'method' | 'path'>): string =>
  `${e.method} ${normalise(e.path)}`;

/** Reads the scopes page the way a person does: sections, rows, and rows wrapped over lines. */
function parseScopesDoc(text: string): DocScope[] {
  const lines = text.split(/\r?\n/);
  const scopes: DocScope[] = [];
  let section: { title: string; service: KnoxService } | undefined;
  let current: DocScope | undefined;
  lines.forEach((line, i) => {
    const next = lines[i + 1] ?? '';
    if (!line.includes('|') && /^Scope( name)? \|/.test(next)) {
      const match = SECTION_SERVICES.find(([title]) => line.startsWith(title));
      assert.ok(match, `unknown section title in the scopes page: ${line}`);
      section = { title: line, service: match[1] };
      current = undefined;
      return;
    }
    if (!line.includes('|') || /^Scope( name)? \|/.test(line) || line.startsWith('---')) return;
    assert.ok(section, `table row outside a section: ${line}`);
    const cells = line.split('|').map((c) => c.trim());
    const prefix = section.service === 'ke' ? '/ke/v1' : '';
    const toEndpoint = (cell: string): string => {
      const m = ENDPOINT_CELL.exec(cell);
      assert.ok(m);
      return `${m[1]} ${normalise(prefix + m[2])}`;
    };
    if (ENDPOINT_CELL.test(cells[0] ?? '')) {
      assert.ok(current, `continuation row without a scope: ${line}`);
      current.endpoints.push(...cells.filter((c) => ENDPOINT_CELL.test(c)).map(toEndpoint));
      return;
    }
    const named = SCOPE_NAME.test(cells[0] ?? '');
    const rest = cells.slice(named ? 2 : 1);
    current = {
      section: section.title,
      service: section.service,
      name: named ? (cells[0] ?? '') : BLANK_NAME,
      description: (named ? cells[1] : cells[0]) ?? '',
      endpoints: rest.filter((c) => ENDPOINT_CELL.test(c)).map(toEndpoint),
      covers: rest.filter((c) => c.startsWith('All ')),
      events: rest
        .filter((c) => c.startsWith('KAI_'))
        .flatMap((c) => c.split(',').map((e) => e.trim())),
    };
    scopes.push(current);
  });
  return scopes;
}

/** Where "All X endpoints" rows reach: the path relative to the service's base. */
const GROUPS: Record<string, RegExp> = {
  campaign: /^\/campaign/,
  device: /^\/devices\//,
  devices: /^\/devices\//,
  license: /^\/(licenses|trialLicenses)(\/|$)/,
  'privacy policy': /^\/privacyPolicy$/,
  'profile management': /^\/profiles\//,
  settings: /^\/settings/,
  'diagnostics logs': /^\/diagnostics/,
  network: /^\/network/,
};

function relativePath(endpointKey: string): string {
  const path = endpointKey.slice(endpointKey.indexOf(' ') + 1);
  return path.replace(/^\/kcs\/v\d+(\.\d+)?\/[a-z]+/, '').replace(/^\/(ke|kai)\/v1/, '');
}

function covered(scope: DocScope, endpointKey: string, service: KnoxService): boolean {
  if (scope.service !== service) return false;
  return scope.covers.some((text) => {
    if (text.startsWith('All endpoints in')) return true;
    const group = /^All (.+?) endpoints in/.exec(text)?.[1];
    const pattern = group === undefined ? undefined : GROUPS[group];
    assert.ok(pattern, `the scopes page has a coverage row this test does not understand: ${text}`);
    return pattern.test(relativePath(endpointKey));
  });
}

const rank = (scope: string): number => (scope.includes(':') ? 0 : scope.includes('.') ? 1 : 2);

describe('scope catalog', () => {
  describe("against Samsung's scopes page", () => {
    const doc = (): DocScope[] => parseScopesDoc(readKnoxDoc('oauth-scopes.txt'));

    it('reads the page: every section, the repeated E-FOTA table, the wrapped rows', () => {
      const scopes = doc();
      assert.equal(new Set(scopes.map((s) => s.section)).size, 8);
      assert.equal(scopes.filter((s) => s.name === 'ke').length, 2, 'E-FOTA table twice');
      const kmeDevices = scopes.find((s) => s.name === 'kme.devices');
      assert.ok(kmeDevices, 'kme.devices row');
      assert.ok(kmeDevices.endpoints.includes('POST /kcs/v1/kme/devices/uploads/approvals'));
      assert.equal(kmeDevices.endpoints.length, 7);
      assert.equal(scopes.find((s) => s.name === 'msp.customers')?.endpoints.length, 6);
    });

    it('has every scope of the page once, with its service and description', () => {
      const docScopes = doc();
      const names = new Set<string>();
      for (const scope of docScopes) {
        const name = scope.name === BLANK_NAME ? 'email' : scope.name;
        names.add(name);
        const entry = findScope(name);
        assert.ok(entry, `scope ${name} of the page is missing`);
        assert.equal(entry.name, name);
        assert.equal(entry.service, scope.service, name);
        assert.equal(entry.description, scope.description, name);
        assert.deepEqual(entry.kwnEvents ?? [], scope.events, `${name} KWN events`);
      }
      assert.deepEqual(
        SCOPES.map((s) => s.name),
        [...names],
        'SCOPES holds exactly the page scopes, in page order, each once',
      );
    });

    it('has every endpoint of the page once, with every scope that allows it, narrowest first', () => {
      const docScopes = doc();
      const docEndpoints = new Map<string, KnoxService>();
      for (const s of docScopes) for (const e of s.endpoints) docEndpoints.set(e, s.service);
      assert.equal(docEndpoints.size, 71, 'distinct endpoints on the page');

      for (const [key, service] of docEndpoints) {
        const expected = new Set<string>();
        for (const s of docScopes) {
          if (s.endpoints.includes(key) || covered(s, key, service)) {
            expected.add(s.name === BLANK_NAME ? 'email' : s.name);
          }
        }
        const entries = ENDPOINTS.filter((e) => keyOf(e) === key);
        assert.equal(entries.length, 1, `${key} is in the catalog exactly once`);
        const entry = entries[0]!;
        assert.equal(entry.service, service, key);
        assert.deepEqual(new Set(entry.scopes), expected, `scopes of ${key}`);
        assert.equal(entry.scopes.length, expected.size, `no repeated scope on ${key}`);
        const ranks = entry.scopes.map(rank);
        assert.deepEqual(
          ranks,
          [...ranks].sort(),
          `${key}: narrowest first (${entry.scopes.join(' ')})`,
        );
      }

      const extra = ENDPOINTS.map(keyOf).filter((k) => !docEndpoints.has(k));
      assert.deepEqual(extra, ['POST /ams/v1/oauth2/revoke'], 'endpoints not on the page');
    });

    it('names each section after its service', () => {
      for (const scope of doc()) {
        assert.ok(
          scope.section.startsWith(serviceDisplayName(scope.service)),
          `${scope.section} / ${serviceDisplayName(scope.service)}`,
        );
      }
    });
  });

  describe('data', () => {
    it('lists no endpoint twice, trailing slashes aside', () => {
      const keys = ENDPOINTS.map(keyOf);
      assert.equal(new Set(keys).size, keys.length);
    });

    it('puts each endpoint under a base path of its service, and each scope of it in the catalog', () => {
      for (const e of ENDPOINTS) {
        const bases = serviceInfo(e.service).basePaths;
        assert.ok(
          bases.some((b) => e.path.startsWith(`${b}/`)),
          `${keyOf(e)} is not under ${bases.join(' or ')}`,
        );
        for (const s of e.scopes) assert.equal(findScope(s)?.name, s, `${keyOf(e)}: ${s}`);
      }
    });

    it('names the Knox services and says which cannot use OAuth, and why', () => {
      assert.deepEqual(
        SERVICES.map((s) => s.name),
        [
          'Knox Mobile Enrollment',
          'Knox Deployment Program',
          'Knox Configure',
          'Knox Guard',
          'Knox E-FOTA',
          'Knox Asset Intelligence',
          'Knox Manage',
          'Knox MSP Portal',
        ],
      );
      assert.equal(serviceDisplayName('kdp'), 'Knox Deployment Program');
      assert.equal(serviceDisplayName('oauth'), 'Knox OAuth 2.0 Authentication');
      assert.equal(serviceInfo('kg').oauth, 'unsupported');
      assert.equal(serviceInfo('km').oauth, 'msp-only');
      assert.equal(serviceInfo('kme').oauth, 'supported');
      assert.deepEqual(
        OAUTH_EXCLUSIONS.map((x) => x.service),
        ['kg', 'km', undefined],
      );
      assert.match(OAUTH_EXCLUSIONS[2]?.name ?? '', /Knox Attestation/);
      for (const x of OAUTH_EXCLUSIONS) assert.match(x.reason, /x-knox-apitoken/);
    });
  });

  describe('findEndpoint', () => {
    const found = (method: string, path: string): string | undefined => {
      const e = findEndpoint(method, path);
      return e && `${e.method} ${e.path}`;
    };

    it('matches path parameters, any method case', () => {
      assert.equal(
        found('get', '/kcs/v1/kme/profiles/42/get'),
        'GET /kcs/v1/kme/profiles/{id}/get',
      );
      assert.equal(found('Put', '/kcs/v1/kme/profiles/42'), 'PUT /kcs/v1/kme/profiles/{profileId}');
      assert.equal(
        found('DELETE', '/kcs/v1/kme/reseller/profilealias/a-b-c'),
        'DELETE /kcs/v1/kme/reseller/profilealias/{profileAliasId}',
      );
      assert.equal(
        found('GET', '/kcs/v1/kme/profiles/{id}/get'),
        'GET /kcs/v1/kme/profiles/{id}/get',
      );
    });

    it('accepts a full URL, a query string, a fragment, a {{host}} variable and trailing slashes', () => {
      const list = 'GET /kcs/v1/kme/devices/list';
      assert.equal(
        found('GET', 'https://us-kcs-api.samsungknox.com/kcs/v1/kme/devices/list?pageNum=0'),
        list,
      );
      assert.equal(found('GET', 'http://127.0.0.1:8443/kcs/v1/kme/devices/list/#top'), list);
      assert.equal(found('GET', '{{baseUrl}}/kcs/v1/kme/devices/list'), list);
      assert.equal(found('GET', 'kcs/v1/kme/devices/list'), list);
      assert.equal(
        found('POST', '/kcs/v1/kme/profiles/createAsync'),
        'POST /kcs/v1/kme/profiles/createAsync/',
      );
      assert.equal(
        found('POST', '/kcs/v1/kme/profiles/createAsync/'),
        'POST /kcs/v1/kme/profiles/createAsync/',
      );
      assert.equal(
        found('PUT', '/kcs/v2/kme/devices/unassignProfile'),
        'PUT /kcs/v2/kme/devices/unassignProfile',
      );
    });

    it('finds E-FOTA endpoints by their path under /ke/v1 or by the suffix the page gives', () => {
      const campaign = 'GET /ke/v1/campaigns/{campaignId}';
      assert.equal(found('GET', '/ke/v1/campaigns/42'), campaign);
      assert.equal(found('GET', '/campaigns/42'), campaign);
      assert.equal(found('GET', 'https://api.samsungknox.com/ke/v1/campaigns/42?x=1'), campaign);
      assert.equal(found('GET', '/gateway/ke/v1/campaigns/42'), campaign);
      assert.equal(
        found('PUT', '/campaigns/42/cancel'),
        'PUT /ke/v1/campaigns/{campaignId}/cancel',
      );
      assert.equal(found('POST', '/campaigns'), 'POST /ke/v1/campaigns');
      assert.equal(found('GET', '/campaignSchemas'), 'GET /ke/v1/campaignSchemas');
      assert.equal(found('DELETE', '/ke/v1/licenses/L-1'), 'DELETE /ke/v1/licenses/{licenseId}');
    });

    it('keeps same-named paths of different services apart', () => {
      assert.equal(findEndpoint('POST', '/kc/v2/devices/getDevices')?.service, 'kc');
      assert.equal(findEndpoint('POST', '/devices/getDevices')?.service, 'ke');
      assert.equal(findEndpoint('POST', '/ke/v1/devices/getDevices')?.service, 'ke');
      assert.equal(findEndpoint('POST', '/kai/v1/devices/getDevices'), undefined);
      assert.equal(findEndpoint('POST', '/kcs/v1/kme/devices/getDevices'), undefined);
      assert.equal(findEndpoint('POST', '/kcs/v1/kme/devices/delete')?.service, 'kme');
      assert.equal(findEndpoint('PUT', '/kcs/v1/rp/devices/delete')?.service, 'kdp');
    });

    it('finds nothing for a wrong method, an unknown path or an extra segment', () => {
      assert.equal(findEndpoint('GET', '/kcs/v1/kme/profiles/create'), undefined);
      assert.equal(findEndpoint('HEAD', '/kcs/v1/kme/devices/list'), undefined);
      assert.equal(findEndpoint('GET', '/kcs/v1/kme/devices/list/extra'), undefined);
      assert.equal(findEndpoint('GET', '/kcs/v1/kme/profiles//get'), undefined);
      assert.equal(findEndpoint('GET', '/nothing/here'), undefined);
      assert.equal(findEndpoint('GET', ''), undefined);
    });
  });

  describe('scopesFor', () => {
    it('gives the endpoint scopes, narrowest first', () => {
      assert.deepEqual(scopesFor('GET', '/kcs/v1/kme/profiles/7/get'), [
        'kme.profiles:view',
        'kme.profiles',
        'kme',
      ]);
      assert.deepEqual(scopesFor('GET', '/fota'), ['ke.fota:view', 'ke']);
      assert.deepEqual(scopesFor('POST', '/kai/v1/miscellaneous/getKspStatus'), [
        'kai.miscellaneous',
        'kai',
      ]);
    });

    it('falls back to the service-wide scopes for a path the page does not list', () => {
      assert.deepEqual(scopesFor('POST', '/kai/v1/devices/getDevices'), ['kai']);
      assert.deepEqual(scopesFor('POST', '/kc/v2/devices/somethingNew'), ['kc.devices', 'kc']);
      assert.deepEqual(scopesFor('GET', '/ke/v1/somethingNew'), ['ke']);
      assert.deepEqual(scopesFor('GET', '/kcs/v1.1/kg/devices'), []);
      assert.deepEqual(scopesFor('GET', '/somewhere/else'), []);
    });
  });

  describe('scopes', () => {
    it('finds a scope by name, exact spelling first, then ignoring case', () => {
      assert.equal(findScope('kme.profiles:view')?.service, 'kme');
      assert.equal(findScope(' KE.PRIVACYPOLICY ')?.name, 'ke.privacyPolicy');
      assert.equal(findScope('email')?.service, 'oauth');
      assert.equal(findScope('kme.nothing'), undefined);
    });

    it('lists the endpoints a scope allows', () => {
      assert.deepEqual(
        endpointsForScope('kme.profiles:view').map((e) => e.path),
        [
          '/kcs/v1/kme/profiles/list',
          '/kcs/v1/kme/profiles/status',
          '/kcs/v1/kme/profiles/{id}/get',
        ],
      );
      assert.equal(endpointsForScope('kme').length, 18);
      assert.equal(endpointsForScope('ke').length, 25);
      assert.deepEqual(endpointsForScope('ke.licenses').map(keyOf), [
        'GET /ke/v1/licenses',
        'POST /ke/v1/licenses',
        'POST /ke/v1/trialLicenses',
        'DELETE /ke/v1/licenses/{licenseId}',
      ]);
      assert.deepEqual(endpointsForScope('kai.devices'), []);
      assert.deepEqual(endpointsForScope('no.such'), []);
    });
  });

  describe('missingScopes', () => {
    const endpoint = (method: string, path: string): EndpointEntry => {
      const e = findEndpoint(method, path);
      assert.ok(e, `${method} ${path}`);
      return e;
    };

    it('is null when a granted scope covers the endpoint', () => {
      const list = endpoint('GET', '/kcs/v1/kme/devices/list');
      assert.equal(missingScopes(list, ['kme']), null);
      assert.equal(missingScopes(list, ['kme.devices']), null);
      assert.equal(missingScopes(list, 'kdp kme.devices:view'), null);
    });

    it('names the narrowest scope needed otherwise', () => {
      const del = endpoint('POST', '/kcs/v1/kme/devices/delete');
      assert.equal(missingScopes(del, ['kme.devices:view']), 'kme.devices:manage');
      assert.equal(missingScopes(del, []), 'kme.devices:manage');
      assert.equal(missingScopes(del, ''), 'kme.devices:manage');
      assert.equal(missingScopes(endpoint('GET', '/fota'), 'ke.campaign'), 'ke.fota:view');
    });

    it('needs no scope to reach the authorization server', () => {
      assert.equal(missingScopes(endpoint('POST', '/ams/v1/oauth2/token'), []), null);
      assert.equal(missingScopes(endpoint('POST', '/ams/v1/oauth2/revoke'), []), null);
    });
  });
});
