import assert from 'node:assert/strict';
import { knoxSettingsFor, parseHttpFile } from '../../../../src/core/httpFile/httpFile';
import {
  profileDirective,
  sampleRequestsText,
  servicesOf,
} from '../../../../src/core/runner/sampleRequests';
import { legacyProfile, oauthProfile } from './fixtures';

describe('sampleRequestsText', () => {
  it('writes one read-only request per service of a key-file profile, KME device list first', () => {
    const profile = legacyProfile({ name: 'Sandbox', services: ['kdp', 'kg', 'kme'] });
    const text = sampleRequestsText(profile);
    const file = parseHttpFile(text);
    assert.deepEqual(file.diagnostics, []);
    assert.deepEqual(
      file.requests.map((r) => `${r.method} ${r.url}`),
      [
        'GET /kcs/v1/kme/devices/list?pageNum=0&pageSize=10',
        'GET /kcs/v1/rp/devices?pageNum=0&pageSize=10',
        'POST /kcs/v1.1/kg/devices/list',
      ],
    );
    assert.deepEqual(
      file.requests.map((r) => r.title),
      ['List KME devices', 'List the devices you uploaded (reseller)', 'List Knox Guard devices'],
    );
    // The profile line applies to the whole file, every request included.
    assert.equal(file.knox?.profile, 'Sandbox');
    for (const r of file.requests) assert.equal(knoxSettingsFor(file, r)?.profile, 'Sandbox');
    assert.match(
      text,
      /### List KME devices\n# Knox Mobile Enrollment: needs a KME client identifier\nGET/,
    );
  });

  it('follows the scopes of an OAuth profile, names its scope, and leaves out Knox Guard', () => {
    const profile = oauthProfile(['kme.devices:view', 'msp', 'kg.devices'], {
      name: 'Sandbox OAuth',
    });
    assert.deepEqual(servicesOf(profile), ['kme', 'msp']);
    const text = sampleRequestsText(profile);
    const file = parseHttpFile(text);
    assert.equal(file.knox?.profile, 'Sandbox OAuth');
    assert.match(text, /^# @knox profile="Sandbox OAuth"$/m);
    assert.match(
      text,
      /### List KME devices\n# Knox Mobile Enrollment: needs scope kme.devices:view\n/,
    );
    assert.equal(file.requests.length, 2);
  });

  it('says what to add when the profile covers no service', () => {
    assert.match(sampleRequestsText(legacyProfile({ services: [] })), /Add Client Identifier/);
    assert.match(sampleRequestsText(oauthProfile([])), /Set Up OAuth App/);
    assert.equal(profileDirective('Dev'), '# @knox profile=Dev');
  });
});
