import * as assert from 'node:assert/strict';
import { SCOPES } from '../../../../src/core/catalogs/scopeCatalog';
import { isReadOnlyScope, scopeChoice } from '../../../../src/core/credentials/scopeChoice';
import { sandboxScopes } from '../../../../src/sandbox/sandboxScopes';
import { oauthProfile } from '../runner/fixtures';

describe('scopeChoice (where the OAuth scope picker starts)', () => {
  it('knows the read-only scopes: every :view scope and the ones Samsung describes as "View …" only', () => {
    assert.deepEqual(
      SCOPES.filter(isReadOnlyScope).map((s) => s.name),
      [
        'kai.devices',
        'kai.miscellaneous',
        'kc.devices:view',
        'kdp.devices:view',
        'kdp.profilealias',
        'kdp.customers',
        'ke.campaign:view',
        'ke.devices:view',
        'ke.licenses:view',
        'ke.fota:view',
        'ke.privacyPolicy:view',
        'km.group:view',
        'km.user:view',
        'kme.profiles:view',
        'kme.devices:view',
      ],
    );
  });

  it('starts the sandbox app (every scope granted, none picked yet) with the read-only scopes of its services', () => {
    const all = sandboxScopes();
    assert.ok(all.length >= 57, `the sandbox app has ${all.length} scopes`);
    const choice = scopeChoice(oauthProfile(all, { name: 'Sandbox OAuth', sandbox: true }));
    assert.equal(choice.basis, 'readOnly');
    assert.deepEqual(choice.picked, [
      'kai.devices',
      'kai.miscellaneous',
      'kc.devices:view',
      'kdp.devices:view',
      'kdp.profilealias',
      'kdp.customers',
      'ke.campaign:view',
      'ke.devices:view',
      'ke.licenses:view',
      'ke.fota:view',
      'ke.privacyPolicy:view',
      'kme.profiles:view',
      'kme.devices:view',
    ]);
    assert.ok(choice.picked.length < all.length / 3, 'never everything');
    // Knox Manage is for MSPs only: no km scope for a profile without a tenant.
    assert.ok(!choice.picked.some((s) => s.startsWith('km.')));
  });

  it('takes only the services the app covers, and every OAuth service for a new app', () => {
    const kme = scopeChoice(oauthProfile(['kme', 'kdp.devices:manage']));
    assert.deepEqual(kme.picked, [
      'kdp.devices:view',
      'kdp.profilealias',
      'kdp.customers',
      'kme.profiles:view',
      'kme.devices:view',
    ]);
    const fresh = scopeChoice({ ...oauthProfile([]), oauth: undefined, tenantId: '2000000001' });
    assert.ok(fresh.picked.includes('km.group:view'), 'an MSP profile can call Knox Manage');
    assert.ok(fresh.picked.includes('kme.devices:view'));
    assert.ok(fresh.picked.every((s) => SCOPES.some((e) => e.name === s && isReadOnlyScope(e))));
  });

  it('starts with the scopes last picked, whatever the app holds', () => {
    const profile = oauthProfile(sandboxScopes(), {
      oauth: {
        clientId: 'c',
        scopes: sandboxScopes(),
        lastPicked: ['kme.devices:manage', 'kdp.devices:view'],
      },
    });
    const choice = scopeChoice(profile);
    assert.equal(choice.basis, 'lastPicked');
    assert.deepEqual(choice.picked, ['kme.devices:manage', 'kdp.devices:view']);
  });

  it('offers every catalog scope once: the ticked first, then grouped by service with Samsung’s descriptions', () => {
    const choice = scopeChoice(oauthProfile(['kme.devices:view', 'kme.profiles']));
    const [first, second, ...rest] = choice.sections;
    assert.equal(first?.title, 'Ticked: read-only scopes of KME');
    assert.deepEqual(
      first?.options.map((o) => [o.name, o.serviceName, o.picked]),
      [
        ['kme.profiles:view', 'Knox Mobile Enrollment', true],
        ['kme.devices:view', 'Knox Mobile Enrollment', true],
      ],
    );
    assert.equal(first?.options[1]?.description, 'View Knox Mobile Enrollment device information.');
    // The app's own service comes next, then the others in the catalog's service order.
    assert.equal(second?.title, 'Knox Mobile Enrollment');
    assert.deepEqual(
      rest.map((s) => s.title),
      [
        'Knox Deployment Program',
        'Knox Configure',
        'Knox E-FOTA',
        'Knox Asset Intelligence',
        'Knox Manage',
        'Knox MSP Portal',
        'Knox OAuth 2.0 Authentication',
      ],
    );
    for (const section of choice.sections.slice(1))
      assert.ok(section.options.every((o) => !o.picked && o.serviceName === section.title));
    const offered = choice.sections.flatMap((s) => s.options.map((o) => o.name));
    assert.deepEqual([...offered].sort(), SCOPES.map((s) => s.name).sort());
  });
});
