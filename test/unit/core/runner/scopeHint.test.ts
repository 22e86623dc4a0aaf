import assert from 'node:assert/strict';
import {
  endpointSuggestions,
  unknownEndpointHint,
  requestPath,
  scopeHintFor,
  scopeProblemFor,
} from '../../../../src/core/runner/scopeHint';
import { legacyProfile, oauthProfile } from './fixtures';

describe('scopeHintFor', () => {
  it('finds service, endpoint and the allowing scopes, narrowest first, with descriptions', () => {
    const hint = scopeHintFor('get', '{{host}}/kcs/v1/kme/devices/list?pageNum=0');
    assert.equal(hint?.method, 'GET');
    assert.equal(hint?.path, '/kcs/v1/kme/devices/list');
    assert.equal(hint?.service, 'kme');
    assert.deepEqual(
      hint?.scopes.map((s) => s.name),
      ['kme.devices:view', 'kme.devices', 'kme'],
    );
    assert.match(
      hint?.scopes[0]?.description ?? '',
      /View Knox Mobile Enrollment device information/,
    );
  });

  it('matches E-FOTA paths by suffix and fills in parameters', () => {
    const hint = scopeHintFor('DELETE', 'https://api.samsungknox.com/ke/v1/campaigns/42');
    assert.equal(hint?.endpoint?.path, '/ke/v1/campaigns/{campaignId}');
    assert.equal(hint?.scopes[0]?.name, 'ke.campaign:delete');
  });

  it('gives service-wide scopes for an unlisted path under a service, and none for Knox Guard', () => {
    assert.deepEqual(
      scopeHintFor('GET', '/kcs/v1/kme/something/new')?.scopes.map((s) => s.name),
      ['kme'],
    );
    const guard = scopeHintFor('POST', '/kcs/v1.1/kg/devices/list');
    assert.equal(guard?.service, 'kg');
    assert.deepEqual(guard?.scopes, []);
  });

  it('flags authentication endpoints and ignores paths that are not Knox APIs', () => {
    assert.equal(scopeHintFor('POST', '/ams/v1/users/accesstoken')?.authEndpoint, true);
    assert.equal(scopeHintFor('GET', 'https://example.com/anything'), undefined);
    assert.equal(requestPath('{{base}}'), undefined);
    assert.equal(requestPath('https://h.example'), '/');
  });
});

describe('scopeProblemFor', () => {
  const list = scopeHintFor('GET', '/kcs/v1/kme/devices/list');
  const guard = scopeHintFor('POST', '/kcs/v1.1/kg/devices/list');
  const manage = scopeHintFor('GET', '/km/v1/group/selectGroups');
  assert.ok(list && guard && manage);

  it('names the narrowest missing scope of an OAuth app, and is quiet when one is granted', () => {
    const problem = scopeProblemFor(list, oauthProfile(['kdp', 'kc']));
    assert.equal(problem?.missingScope, 'kme.devices:view');
    assert.match(
      problem?.message ?? '',
      /The OAuth app of profile "Cloud app" has no scope for GET \/kcs\/v1\/kme\/devices\/list: it needs kme\.devices:view \(or kme\.devices, kme\)/,
    );
    assert.equal(scopeProblemFor(list, oauthProfile(['kme.devices'])), undefined);
  });

  it('warns that Knox Guard takes no OAuth token, and Knox Manage only from an MSP', () => {
    assert.match(
      scopeProblemFor(guard, oauthProfile(['kme']))?.message ?? '',
      /^Profile "Cloud app" uses Knox OAuth 2\.0: Knox Guard does not (support|accept) OAuth 2\.0/,
    );
    assert.match(scopeProblemFor(manage, oauthProfile(['km']))?.message ?? '', /Knox Manage.*MSP/);
    assert.equal(
      scopeProblemFor(manage, oauthProfile(['km'], { tenantId: 'customer-1' })),
      undefined,
    );
  });

  it('warns a legacy profile without a client identifier for the service', () => {
    assert.match(
      scopeProblemFor(list, legacyProfile({ services: ['kdp'] }))?.message ?? '',
      /no client identifier for Knox Mobile Enrollment \(KME\)/,
    );
    assert.equal(scopeProblemFor(list, legacyProfile({ services: ['kme'] })), undefined);
  });
});

describe('endpointSuggestions', () => {
  it('offers the templates of a method, parameters as placeholders holding the example', () => {
    const puts = endpointSuggestions('put');
    assert.ok(puts.every((s) => s.template.method === 'PUT'));
    const alias = puts.find(
      (s) => s.template.path === '/kcs/v1/kme/reseller/profilealias/{profileAliasId}',
    );
    assert.equal(alias?.snippet, '/kcs/v1/kme/reseller/profilealias/${1:1}');
    assert.match(
      alias?.snippetWithBody ?? '',
      /\nContent-Type: application\/json\n\n\{\n {2}"profileAliasName"/,
    );
    assert.equal(alias?.serviceName, 'Knox Mobile Enrollment');
    assert.ok(
      endpointSuggestions('GET').some(
        (s) => s.snippet === '/kcs/v1/kme/devices/list?pageNum=0&pageSize=10',
      ),
    );
    assert.ok(endpointSuggestions('POST').some((s) => s.template.service === 'kg'));
  });
});

describe('unknownEndpointHint', () => {
  it('names the nearest endpoint for an unknown path under a Knox root', () => {
    assert.equal(
      unknownEndpointHint('POST', 'https://us-kcs-api.samsungknox.com/kcs/v1/kgs/devices/list'),
      'POST /kcs/v1/kgs/devices/list is not a Knox endpoint the toolkit knows. Did you mean POST /kcs/v1.1/kg/devices/list (List Knox Guard devices)?',
    );
    assert.equal(
      unknownEndpointHint('GET', '/kcs/v1/kme/profiles/create'),
      'Knox takes POST, not GET, at /kcs/v1/kme/profiles/create (Create a KME profile).',
    );
    assert.equal(unknownEndpointHint('GET', '{{host}}/kcs/v1/kme/devices/list'), undefined);
    assert.equal(unknownEndpointHint('GET', 'https://example.com/anything'), undefined);
  });
});
