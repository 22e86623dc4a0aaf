import * as assert from 'node:assert/strict';
import type { EndpointEntry } from '../../../../src/core/catalogs/scopeCatalog';
import {
  ENDPOINTS,
  OAUTH_EXCLUSIONS,
  SCOPES,
  SERVICES,
} from '../../../../src/core/catalogs/scopeCatalog';
import {
  endpointsForScope,
  findEndpoint,
  findScope,
  missingScopes,
  scopesFor,
  serviceDisplayName,
  serviceInfo,
} from '../../../../src/core/catalogs/scopeLookup';
import { keyOf, readFactsFixture } from './knoxDocs';

const rank = (scope: string): number => (scope.includes(':') ? 0 : scope.includes('.') ? 1 : 2);

describe('scope catalog', () => {
  describe("against the facts of Samsung's scopes page (test/fixtures/knox-docs-facts.json)", () => {
    const facts = readFactsFixture();

    it('has every section of the page', () => {
      assert.equal(facts.sections.length, 8);
    });

    it('has every scope of the page once, with its service and KWN events', () => {
      for (const scope of facts.scopes) {
        const entry = findScope(scope.name);
        assert.ok(entry, `scope ${scope.name} of the page is missing`);
        assert.equal(entry.name, scope.name);
        assert.equal(entry.service, scope.service, scope.name);
        assert.deepEqual(entry.kwnEvents ?? [], scope.kwnEvents, `${scope.name} KWN events`);
      }
      assert.deepEqual(
        SCOPES.map((s) => s.name),
        facts.scopes.map((s) => s.name),
        'SCOPES holds exactly the page scopes, in page order, each once',
      );
    });

    it('has every endpoint of the page once, with every scope that allows it, narrowest first', () => {
      assert.equal(facts.endpoints.length, 71, 'distinct endpoints on the page');

      for (const { endpoint: key, service, scopes } of facts.endpoints) {
        const expected = new Set(scopes);
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

      const onPage = new Set(facts.endpoints.map((e) => e.endpoint));
      const extra = ENDPOINTS.map(keyOf).filter((k) => !onPage.has(k));
      assert.deepEqual(extra, ['POST /ams/v1/oauth2/revoke'], 'endpoints not on the page');
    });

    it('names each section after its service', () => {
      for (const section of facts.sections) {
        assert.ok(
          section.title.startsWith(serviceDisplayName(section.service)),
          `${section.title} / ${serviceDisplayName(section.service)}`,
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
      assert.deepEqual(scopesFor('POST', '/kai/v1/somethingNew'), ['kai']);
      // Under a category's folder, the category's scope first (categoryScopes.test.ts).
      assert.deepEqual(scopesFor('POST', '/kai/v1/devices/getDevices'), ['kai.devices', 'kai']);
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
