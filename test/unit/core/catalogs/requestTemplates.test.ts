import assert from 'node:assert/strict';
import {
  nearestTemplate,
  templateFor,
  templateSnippet,
  templateText,
} from '../../../../src/core/catalogs/requestTemplates';

describe('request templates', () => {
  it('writes a write endpoint as request line, JSON content type and example body', () => {
    const create = templateFor('POST', '/kcs/v1/kme/profiles/create')!;
    assert.equal(
      templateText(create),
      [
        'POST /kcs/v1/kme/profiles/create',
        'Content-Type: application/json',
        '',
        '{',
        '  "profileName": "Sandbox profile",',
        '  "profileType": "ANDROID_ENTERPRISE",',
        '  "mdmApkUrl": "https://example.com/mdm.apk"',
        '}',
      ].join('\n'),
    );
  });

  it('makes path parameters tab stops holding the example and escapes the body', () => {
    const put = templateFor('PUT', '/kcs/v1/kme/profiles/{profileId}')!;
    assert.equal(
      templateSnippet(put, true),
      '/kcs/v1/kme/profiles/${1:1000001}\nContent-Type: application/json\n\n{\n  "description": "Updated from Knox API Toolkit"\n\\}',
    );
    assert.equal(templateSnippet(put, false), '/kcs/v1/kme/profiles/${1:1000001}');
  });

  it('suggests the nearest endpoint for an unknown path under a Knox root', () => {
    const typo = nearestTemplate('POST', '/kcs/v1/kgs/devices/list');
    assert.equal(typo?.template.path, '/kcs/v1.1/kg/devices/list');
    assert.equal(typo?.methodOnly, false);
    const method = nearestTemplate('GET', '/kcs/v1/kme/profiles/create');
    assert.deepEqual([method?.template.method, method?.methodOnly], ['POST', true]);
    assert.equal(nearestTemplate('GET', '/kcs/v1/kme/devices/list?pageNum=0'), undefined);
    assert.equal(nearestTemplate('GET', '/kcs/v1/kme/profiles/42/get'), undefined);
    assert.equal(nearestTemplate('GET', '/ams/v1/users/accesstoken'), undefined);
    assert.equal(nearestTemplate('GET', '/somewhere/else'), undefined);
    assert.equal(nearestTemplate('GET', `/kcs/${'x'.repeat(100_000)}`), undefined);
  });
});
