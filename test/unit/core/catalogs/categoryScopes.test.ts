import assert from 'node:assert/strict';
import { CATEGORY_SCOPES } from '../../../../src/core/catalogs/scopeCatalog';
import { findScope, scopesFor } from '../../../../src/core/catalogs/scopeLookup';
import { scopeHintFor } from '../../../../src/core/runner/scopeHint';
import type { Harness } from '../../sandbox/sandboxTestKit';
import { call, oauthToken, startHarness } from '../../sandbox/sandboxTestKit';

// Rows of Samsung's scopes page whose endpoints read "All <category> endpoints in the <service> API".
const ROWS: ReadonlyArray<readonly [scope: string, service: string, method: string, path: string]> =
  [
    ['kai.settings', 'kai', 'POST', '/kai/v1/settings/getBatteryThreshold'],
    ['kai.devices', 'kai', 'POST', '/kai/v1/devices/getDevices'],
    ['kai.diagnostics', 'kai', 'POST', '/kai/v1/diagnostics/requestLogs'],
    ['kai.network', 'kai', 'POST', '/kai/v1/network/subscribe'],
    ['ke.campaign', 'ke', 'GET', '/ke/v1/campaigns/42/summary/extra'],
    ['ke.devices', 'ke', 'GET', '/ke/v1/devices/a/b/c'],
    ['ke.licenses', 'ke', 'GET', '/ke/v1/licenses/a/b'],
    ['ke.privacyPolicy', 'ke', 'GET', '/ke/v1/privacyPolicy/versions/x'],
    ['kme.profiles', 'kme', 'POST', '/kcs/v1/kme/profiles/a/b/c'],
  ];

describe('category scopes ("All <category> endpoints in the <service> API")', () => {
  it('states a row for every category scope, each a scope of the catalog', () => {
    assert.deepEqual(
      CATEGORY_SCOPES.map((c) => c.scope),
      ROWS.map(([scope]) => scope),
    );
    for (const c of CATEGORY_SCOPES) assert.equal(findScope(c.scope)?.service, c.service, c.scope);
  });

  for (const [scope, service, method, path] of ROWS) {
    it(`${scope} allows ${method} ${path} before ${service}, in knox scopes and the editor's hints`, () => {
      assert.deepEqual(scopesFor(method, path).slice(0, 2), [scope, service]);
      assert.equal(
        scopeHintFor(method, `https://api.samsungknox.com${path}`)?.scopes[0]?.name,
        scope,
      );
    });
  }

  it('leaves a path outside every category to the service-wide scope', () => {
    assert.deepEqual(scopesFor('POST', '/kai/v1/elsewhere/x'), ['kai']);
  });

  describe('in the sandbox', () => {
    let h: Harness;
    before(async () => {
      h = await startHarness();
    });
    after(() => h.stop());

    it('lets a kai.devices token list KAI devices, and still refuses a kai.network one', async () => {
      const list = (bearer: string) =>
        call(h.sandbox.url, 'POST', '/kai/v1/devices/getDevices', {
          headers: { authorization: `Bearer ${bearer}` },
          json: {},
        });
      const allowed = await list(await oauthToken(h, 'kai.devices'));
      assert.equal(allowed.status, 200, allowed.text);
      const refused = await list(await oauthToken(h, 'kai.network'));
      assert.equal(refused.status, 403, refused.text);
      assert.match(refused.text, /kai\.devices/);
    });
  });
});
