import assert from 'node:assert/strict';
import {
  REQUEST_TEMPLATES,
  examplePath,
  templateFor,
} from '../../../src/core/catalogs/requestTemplates';
import { ENDPOINTS } from '../../../src/core/catalogs/scopeCatalog';
import type { SandboxService } from '../../../src/sandbox/sandboxServices';
import type { Harness } from './sandboxTestKit';
import { call, legacyApiToken, startHarness } from './sandboxTestKit';

describe('request templates against the sandbox', () => {
  let h: Harness;
  const tokens = new Map<string, string>();
  before(async () => {
    h = await startHarness();
  });
  after(() => h.stop());

  const send = async (method: string, path: string, service: SandboxService, body: unknown) => {
    if (!tokens.has(service)) tokens.set(service, await legacyApiToken(h, service));
    return call(h.sandbox.url, method, path, {
      headers: { 'x-knox-apitoken': tokens.get(service) ?? '' },
      ...(body === undefined ? {} : { json: body }),
    });
  };

  it('has one template per endpoint of the scopes catalog (the OAuth token endpoints aside)', () => {
    const wanted = ENDPOINTS.filter((e) => e.service !== 'oauth').map(
      (e) => `${e.method} ${e.path}`,
    );
    const have = REQUEST_TEMPLATES.filter((t) => t.endpoint).map((t) => `${t.method} ${t.path}`);
    assert.deepEqual(have, wanted);
    for (const t of REQUEST_TEMPLATES) {
      assert.ok(t.summary.length > 5 && !t.summary.includes('\n'), `${t.path}: one-line summary`);
      const params = [...t.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
      for (const p of params) assert.ok(t.params?.[p], `${t.path}: example for {${p}}`);
      if (!t.readOnly && t.method !== 'DELETE')
        assert.notEqual(t.body, undefined, `${t.method} ${t.path}: a write endpoint has a body`);
    }
  });

  it('sends every template in a shape the sandbox accepts (no 400, 404 route or 405)', async function () {
    this.timeout(60_000);
    const refused: string[] = [];
    for (const t of REQUEST_TEMPLATES) {
      const reply = await send(t.method, examplePath(t), t.service as SandboxService, t.body);
      const routeMissing = reply.status === 404 && reply.text.includes('No Knox API at');
      if (reply.status === 400 || reply.status === 405 || routeMissing)
        refused.push(`${t.method} ${t.path}: ${reply.status} ${reply.text.slice(0, 200)}`);
      if (t.readOnly && !t.path.includes('{') && !t.query?.includes('transactionId'))
        assert.equal(reply.status, 200, `${t.method} ${t.path}: ${reply.text.slice(0, 200)}`);
    }
    assert.deepEqual(refused, []);
  });

  it('finds a template by method and catalog path', () => {
    assert.equal(templateFor('get', '/kcs/v1/kme/devices/list')?.summary, 'List KME devices');
    assert.equal(templateFor('POST', '/kcs/v1/kme/devices/list'), undefined);
    assert.equal(
      examplePath(templateFor('GET', '/kcs/v1/kme/profiles/{id}/get')!),
      '/kcs/v1/kme/profiles/1000001/get',
    );
  });
});
