import assert from 'node:assert/strict';
import { ENDPOINTS } from '../../../src/core/catalogs/scopeCatalog';
import { matchPath } from '../../../src/sandbox/serviceRoutes';
import type { Harness, Reply } from './sandboxTestKit';
import { assertKnoxError, call, legacyApiToken, oauthToken, startHarness } from './sandboxTestKit';

describe('sandbox: service APIs', () => {
  let h: Harness;
  let kme: Record<string, string>;
  let kdp: Record<string, string>;
  let all: Record<string, string>;
  before(async () => {
    h = await startHarness();
    kme = { 'x-knox-apitoken': await legacyApiToken(h, 'kme') };
    kdp = { 'x-knox-apitoken': await legacyApiToken(h, 'kdp') };
    all = { authorization: `Bearer ${await oauthToken(h, h.sandbox.scopes.join(' '))}` };
  });
  after(() => h.stop());

  const send = (
    method: string,
    path: string,
    headers: Record<string, string>,
    json?: unknown,
  ): Promise<Reply> => call(h.sandbox.url, method, path, { headers, json });

  it('matches {param} placeholders and ignores a trailing slash', () => {
    assert.deepEqual(matchPath('/kcs/v1/kme/profiles/{id}/get', '/kcs/v1/kme/profiles/42/get'), {
      id: '42',
    });
    assert.deepEqual(
      matchPath('/kcs/v1/kme/profiles/createAsync/', '/kcs/v1/kme/profiles/createAsync'),
      {},
    );
    assert.equal(
      matchPath('/kcs/v1/kme/profiles/{id}/get', '/kcs/v1/kme/profiles//get'),
      undefined,
    );
    assert.equal(matchPath('/a/{x}', '/a/%E0%A4%A'), undefined);
  });

  describe('Knox Mobile Enrollment profiles: create, list, get, update, delete agree', () => {
    it('keeps one story across every call', async () => {
      const before = await send('GET', '/kcs/v1/kme/profiles/list', kme);
      const count = before.json['totalCount'] as number;

      const created = await send('POST', '/kcs/v1/kme/profiles/create', kme, {
        profileName: 'Field staff',
        description: 'Phones for field staff',
        mdmApkUrl: 'https://emm.example/agent.apk',
      });
      assert.equal(created.status, 200, created.text);
      const id = created.json['id'] as string;
      assert.match(id, /^\d+$/);
      assert.equal(created.json['profileName'], 'Field staff');
      assert.equal(created.json['createdTime'], h.clock.ms);

      const lastPage = Math.floor(count / 100);
      const listed = await send(
        'GET',
        `/kcs/v1/kme/profiles/list?pageNum=${lastPage}&pageSize=100`,
        kme,
      );
      assert.equal(listed.json['totalCount'], count + 1);
      assert.equal((listed.json['profileList'] as Array<{ id: string }>).at(-1)?.id, id);

      const got = await send('GET', `/kcs/v1/kme/profiles/${id}/get`, kme);
      assert.deepEqual(got.json, created.json);

      h.clock.advance(1000);
      const updated = await send('PUT', `/kcs/v1/kme/profiles/${id}`, kme, {
        profileName: 'Field staff EU',
        companyName: 'Contoso',
      });
      assert.equal(updated.status, 200, updated.text);
      assert.equal(updated.json['updatedTime'], h.clock.ms);
      const again = await send('GET', `/kcs/v1/kme/profiles/${id}/get`, kme);
      assert.equal(again.json['profileName'], 'Field staff EU');
      assert.equal(again.json['companyName'], 'Contoso');
      assert.equal(again.json['description'], 'Phones for field staff');

      const deleted = await send('DELETE', `/kcs/v1/kme/profiles/${id}`, kme);
      assert.deepEqual(deleted.json, { id, status: 'DELETED' });
      assertKnoxError(
        await send('GET', `/kcs/v1/kme/profiles/${id}/get`, kme),
        404,
        4040000,
        'RESOURCE_NOT_FOUND',
        id,
      );
      assertKnoxError(
        await send('PUT', `/kcs/v1/kme/profiles/${id}`, kme, {}),
        404,
        4040000,
        'RESOURCE_NOT_FOUND',
      );
      assert.equal((await send('GET', '/kcs/v1/kme/profiles/list', kme)).json['totalCount'], count);
    });

    it('refuses a missing, duplicate or badly written profile name with 4000000', async () => {
      assertKnoxError(
        await send('POST', '/kcs/v1/kme/profiles/create', kme, {}),
        400,
        4000000,
        'RESOURCE_INVALID_PARAM',
        'profileName is required',
      );
      await send('POST', '/kcs/v1/kme/profiles/create', kme, { profileName: 'Unique' });
      assertKnoxError(
        await send('POST', '/kcs/v1/kme/profiles/create', kme, { profileName: 'unique' }),
        400,
        4000000,
        'RESOURCE_INVALID_PARAM',
        'already exists',
      );
      assertKnoxError(
        await send('POST', '/kcs/v1/kme/profiles/create', kme, { profileName: 'a/b' }),
        400,
        4000000,
        'RESOURCE_INVALID_PARAM',
        'refuses',
      );
      assertKnoxError(
        await send('POST', '/kcs/v1/kme/profiles/create', kme, { profileName: 'x', mdmApkUrl: 7 }),
        400,
        4000000,
        'RESOURCE_INVALID_PARAM',
        'mdmApkUrl',
      );
    });

    it('creates asynchronously and reports the transaction status', async () => {
      const started = await send('POST', '/kcs/v1/kme/profiles/createAsync/', kme, {
        profileName: 'Async one',
      });
      assert.equal(started.json['status'], 'IN_PROGRESS');
      const status = await send(
        'GET',
        `/kcs/v1/kme/profiles/status?transactionId=${String(started.json['transactionId'])}`,
        kme,
      );
      assert.equal(status.json['status'], 'COMPLETED');
      const profile = await send(
        'GET',
        `/kcs/v1/kme/profiles/${String(status.json['profileId'])}/get`,
        kme,
      );
      assert.equal(profile.json['profileName'], 'Async one');
      assertKnoxError(
        await send('GET', '/kcs/v1/kme/profiles/status', kme),
        400,
        4000000,
        'RESOURCE_INVALID_PARAM',
        'transactionId',
      );
    });

    it('assigns and unassigns devices (by IMEI or serial number), and deleting a profile unassigns them', async () => {
      const profile = await send('POST', '/kcs/v1/kme/profiles/create', kme, {
        profileName: 'Assignable',
      });
      const devices = (await send('GET', '/kcs/v1/kme/devices/list?pageSize=3', kme)).json[
        'deviceList'
      ] as Array<{ deviceId: string; serialNumber: string }>;
      const [first, second, third] = devices;
      assert.ok(first && second && third);
      const assigned = await send('PUT', '/kcs/v1/kme/devices/assignProfile', kme, {
        profileId: profile.json['id'],
        deviceIds: [first.deviceId, second.serialNumber, '000000000000000'],
      });
      assert.deepEqual(assigned.json, {
        totalCount: 3,
        successCount: 2,
        failCount: 1,
        failedDeviceIds: ['000000000000000'],
      });
      const byProfile = await send(
        'GET',
        `/kcs/v1/kme/devices/list?profileId=${String(profile.json['id'])}`,
        kme,
      );
      assert.equal(byProfile.json['totalCount'], 2);
      assert.equal(
        (byProfile.json['deviceList'] as Array<{ status: string }>)[0]?.status,
        'ASSIGNED',
      );
      assert.equal(
        (await send('GET', `/kcs/v1/kme/profiles/${String(profile.json['id'])}/get`, kme)).json[
          'deviceCount'
        ],
        2,
      );

      await send('PUT', '/kcs/v2/kme/devices/unassignProfile', kme, {
        deviceIds: [first.deviceId],
      });
      assert.equal(
        (await send('GET', `/kcs/v1/kme/devices/list?profileId=${String(profile.json['id'])}`, kme))
          .json['totalCount'],
        1,
      );
      await send('DELETE', `/kcs/v1/kme/profiles/${String(profile.json['id'])}`, kme);
      assert.equal(
        (await send('GET', `/kcs/v1/kme/devices/list?profileId=${String(profile.json['id'])}`, kme))
          .json['totalCount'],
        0,
      );

      assertKnoxError(
        await send('PUT', '/kcs/v1/kme/devices/unassignProfile', kme, {
          deviceIds: ['111111111111111'],
        }),
        404,
        4040300,
        'DEVICE_NOT_FOUND',
      );
      assertKnoxError(
        await send('PUT', '/kcs/v1/kme/devices/assignProfile', kme, {
          profileId: 'nope',
          deviceIds: [third.deviceId],
        }),
        404,
        4040000,
        'RESOURCE_NOT_FOUND',
      );
    });

    it('approves device uploads once', async () => {
      const uploads = await send('GET', '/kcs/v1/kme/devices/uploads/list', kme);
      const upload = (uploads.json['uploadList'] as Array<{ uploadId: string; status: string }>)[0];
      assert.equal(upload?.status, 'PENDING');
      const approved = await send('POST', '/kcs/v1/kme/devices/uploads/approvals', kme, {
        uploadIds: [upload.uploadId],
      });
      assert.deepEqual(approved.json, { totalCount: 1, successCount: 1, failedUploadIds: [] });
      const twice = await send('POST', '/kcs/v1/kme/devices/uploads/approvals', kme, {
        uploadIds: [upload.uploadId],
      });
      assert.deepEqual(twice.json, {
        totalCount: 1,
        successCount: 0,
        failedUploadIds: [upload.uploadId],
      });
    });
  });

  it('paginates the KME device list: {totalCount, deviceList}', async () => {
    const pages = await Promise.all(
      [0, 1, 2, 3].map((n) =>
        send('GET', `/kcs/v1/kme/devices/list?pageNum=${n}&pageSize=10`, kme),
      ),
    );
    assert.deepEqual(
      pages.map((p) => (p.json['deviceList'] as unknown[]).length),
      [10, 10, 5, 0],
    );
    for (const page of pages)
      assert.deepEqual(Object.keys(page.json), ['totalCount', 'deviceList']);
    const ids = pages.flatMap((p) =>
      (p.json['deviceList'] as Array<{ deviceId: string }>).map((d) => d.deviceId),
    );
    assert.equal(new Set(ids).size, pages[0]?.json['totalCount']);
    for (const bad of ['pageNum=-1', 'pageSize=0', 'pageSize=101', 'pageNum=x']) {
      assertKnoxError(
        await send('GET', `/kcs/v1/kme/devices/list?${bad}`, kme),
        400,
        4000000,
        'RESOURCE_INVALID_PARAM',
        bad.split('=')[0],
      );
    }
  });

  describe('Knox Deployment Program devices', () => {
    it('uploads, reports per-device status, lists with {pageNum,pageSize,totalCount,totalPages,devices}, deletes', async () => {
      const start = (await send('GET', '/kcs/v1/rp/devices', kdp)).json;
      assert.deepEqual(Object.keys(start), [
        'pageNum',
        'pageSize',
        'totalCount',
        'totalPages',
        'devices',
      ]);
      const count = start['totalCount'] as number;
      const existing = (start['devices'] as Array<{ deviceId: string }>)[0]?.deviceId ?? '';

      const upload = await send('PUT', '/kcs/v1/rp/devices/upload', kdp, {
        customerId: 'C-1',
        orderNumber: 'PO-1',
        devices: [
          { deviceId: '490154203237518', model: 'SM-S918B' },
          'R58N12345AB',
          '490154203237519',
          existing,
        ],
      });
      assert.equal(upload.status, 200, upload.text);
      assert.equal(upload.json['type'], 'UPLOAD');
      assert.equal(upload.json['successCount'], 2);
      assert.equal(upload.json['failCount'], 2);

      const status = await send(
        'GET',
        `/kcs/v1/rp/devices/status?transactionId=${String(upload.json['transactionId'])}`,
        kdp,
      );
      assert.deepEqual(status.json['devices'], [
        { deviceId: '490154203237518', result: 'SUCCESS' },
        { deviceId: 'R58N12345AB', result: 'SUCCESS' },
        { deviceId: '490154203237519', result: 'FAIL', reason: 'INVALID_IMEI_CHECKSUM' },
        { deviceId: existing, result: 'FAIL', reason: 'ALREADY_UPLOADED' },
      ]);

      const paged = await send('GET', '/kcs/v1/rp/devices?pageNum=1&pageSize=5', kdp);
      assert.deepEqual(
        { ...paged.json, devices: (paged.json['devices'] as unknown[]).length },
        {
          pageNum: 1,
          pageSize: 5,
          totalCount: count + 2,
          totalPages: Math.ceil((count + 2) / 5),
          devices: 5,
        },
      );
      const all = await send('GET', '/kcs/v1/rp/devices?pageSize=100', kdp);
      const uploaded = (all.json['devices'] as Array<Record<string, unknown>>).find(
        (d) => d['deviceId'] === '490154203237518',
      );
      assert.deepEqual(uploaded, {
        deviceId: '490154203237518',
        model: 'SM-S918B',
        customerId: 'C-1',
        orderNumber: 'PO-1',
        uploadedTime: h.clock.ms,
      });

      const removed = await send('PUT', '/kcs/v1/rp/devices/delete', kdp, {
        devices: ['490154203237518', '356938035643809'],
      });
      assert.equal(removed.json['successCount'], 1);
      const removedStatus = await send(
        'GET',
        `/kcs/v1/rp/devices/status?transactionId=${String(removed.json['transactionId'])}`,
        kdp,
      );
      assert.deepEqual((removedStatus.json['devices'] as unknown[])[1], {
        deviceId: '356938035643809',
        result: 'FAIL',
        reason: 'DEVICE_NOT_FOUND',
      });
      assert.equal((await send('GET', '/kcs/v1/rp/devices', kdp)).json['totalCount'], count + 1);
    });

    it('refuses an upload without devices and an unknown transaction', async () => {
      assertKnoxError(
        await send('PUT', '/kcs/v1/rp/devices/upload', kdp, { devices: [] }),
        400,
        4000000,
        'RESOURCE_INVALID_PARAM',
        'devices',
      );
      assertKnoxError(
        await send('GET', '/kcs/v1/rp/devices/status?transactionId=9', kdp),
        404,
        4040000,
        'RESOURCE_NOT_FOUND',
      );
    });
  });

  describe('MSP: x-wsm-managed-tenantid selects a managed customer', () => {
    const tenant = (id: string): Record<string, string> => ({
      ...all,
      'x-wsm-managed-tenantid': id,
    });

    it('keeps separate state per tenant', async () => {
      const customers = await send('GET', '/msp/v1/managedCustomers', all);
      const ids = (customers.json['customers'] as Array<{ customerId: string }>).map(
        (c) => c.customerId,
      );
      assert.deepEqual(ids, ['2000000001', '2000000002']);
      assert.equal(typeof customers.json['transactionalId'], 'string');

      const created = await send('POST', '/kcs/v1/kme/profiles/create', tenant('2000000001'), {
        profileName: 'Contoso only',
      });
      assert.equal(created.status, 200, created.text);
      const names = async (headers: Record<string, string>): Promise<string[]> =>
        (
          (await send('GET', '/kcs/v1/kme/profiles/list', headers)).json['profileList'] as Array<{
            profileName: string;
          }>
        ).map((p) => p.profileName);
      assert.ok((await names(tenant('2000000001'))).includes('Contoso only'));
      assert.ok(!(await names(tenant('2000000002'))).includes('Contoso only'));
      assert.ok(!(await names(all)).includes('Contoso only'));
    });

    it('answers an MSP-shaped 403 for an unknown or delinked tenant', async () => {
      const unknown = await send('GET', '/kcs/v1/kme/profiles/list', tenant('999'));
      assert.equal(unknown.status, 403);
      assert.deepEqual(Object.keys(unknown.json), [
        'transactionalId',
        'code',
        'errorCode',
        'errorMessage',
      ]);
      assert.equal(unknown.json['code'], 'AUTHORIZATION_FAIL');
      assert.equal(unknown.json['errorCode'], '4030000');
      assert.match(String(unknown.json['errorMessage']), /999/);

      await send('POST', '/msp/v1/managedCustomers/delink', all, { customerId: '2000000002' });
      assert.equal(
        (await send('GET', '/kcs/v1/kme/profiles/list', tenant('2000000002'))).status,
        403,
      );
      await send('POST', '/msp/v1/managedCustomers/link', all, { customerId: '2000000002' });
      assert.equal(
        (await send('GET', '/kcs/v1/kme/profiles/list', tenant('2000000002'))).status,
        200,
      );
    });

    it('adds, reads and updates managed customers, and copies profiles into them', async () => {
      const created = await send('POST', '/msp/v1/managedCustomers', all, {
        customerName: 'Tailspin',
        email: 'it@tailspin.example',
      });
      const id = created.json['customerId'] as string;
      assert.equal(created.json['status'], 'LINKED');
      const updated = await send('PUT', `/msp/v1/managedCustomers/${id}`, all, {
        customerName: 'Tailspin Toys',
      });
      assert.equal(updated.json['customerName'], 'Tailspin Toys');
      assert.equal(
        (await send('GET', `/msp/v1/managedCustomers/${id}`, all)).json['email'],
        'it@tailspin.example',
      );
      assert.equal(
        (await send('GET', '/msp/v1/managedCustomers/nope', all)).json['errorCode'],
        '4040000',
      );

      const profile = await send('POST', '/kcs/v1/kme/profiles/create', all, {
        profileName: 'Golden',
      });
      const copied = await send('POST', '/msp/v1/profiles/copy', all, {
        profileIds: [profile.json['id']],
        customerIds: [id],
      });
      assert.equal((copied.json['results'] as Array<{ result: string }>)[0]?.result, 'SUCCESS');
      const skipped = await send('POST', '/msp/v1/profiles/copy', all, {
        profileIds: [profile.json['id']],
        customerIds: [id],
      });
      assert.equal((skipped.json['results'] as Array<{ result: string }>)[0]?.result, 'SKIPPED');
      const theirs = await send('GET', '/kcs/v1/kme/profiles/list', tenant(id));
      assert.deepEqual(
        (theirs.json['profileList'] as Array<{ profileName: string }>).map((p) => p.profileName),
        ['Golden'],
      );
    });
  });

  describe('Knox Guard (/kcs/v1.1/kg)', () => {
    it('lists, locks and unlocks devices in {result, data} form; errors as {result:"FAIL", error}', async () => {
      const kg = { 'x-knox-apitoken': await legacyApiToken(h, 'kg') };
      const list = await send('POST', '/kcs/v1.1/kg/devices/list', kg, { pageNum: 0, pageSize: 2 });
      assert.equal(list.json['result'], 'SUCCESS');
      const data = list.json['data'] as {
        totalCount: number;
        devices: Array<{ deviceUid: string }>;
      };
      assert.equal(data.totalCount, 5);
      assert.equal(data.devices.length, 2);
      const uid = data.devices[0]?.deviceUid ?? '';
      const locked = await send('POST', '/kcs/v1.1/kg/devices/lock', kg, {
        deviceUids: [uid],
        message: 'Call IT',
      });
      assert.deepEqual(locked.json, {
        result: 'SUCCESS',
        data: { totalCount: 1, successCount: 1, failedDeviceUids: [] },
      });
      const device = await send('GET', `/kcs/v1.1/kg/devices/${uid}`, kg);
      assert.deepEqual(
        [
          (device.json['data'] as Record<string, unknown>)['status'],
          (device.json['data'] as Record<string, unknown>)['lockMessage'],
        ],
        ['Locked', 'Call IT'],
      );
      await send('POST', '/kcs/v1.1/kg/devices/unlock', kg, { deviceUids: [uid] });
      assert.equal(
        (
          (await send('GET', `/kcs/v1.1/kg/devices/${uid}`, kg)).json['data'] as Record<
            string,
            unknown
          >
        )['status'],
        'Active',
      );

      const missing = await send('GET', '/kcs/v1.1/kg/devices/404404', kg);
      assert.equal(missing.status, 404);
      assert.deepEqual(Object.keys(missing.json), ['result', 'error']);
      assert.deepEqual(Object.keys(missing.json['error'] as object), ['code', 'message', 'reason']);
      assert.equal(
        (missing.json['error'] as Record<string, unknown>)['message'],
        'RESOURCE_NOT_FOUND',
      );
      const wrongToken = await send('POST', '/kcs/v1.1/kg/devices/list', kme, {});
      assert.equal((wrongToken.json['error'] as Record<string, unknown>)['code'], 4032252);
    });
  });

  it('answers KAI in {result, data} form and E-FOTA errors as {errorKey, errorMessage}', async () => {
    const kai = await send('POST', '/kai/v1/devices/getDevices', all, { pageNum: 1, pageSize: 10 });
    assert.equal(kai.json['result'], 'SUCCESS');
    assert.equal((kai.json['data'] as { devices: unknown[] }).devices.length, 10);
    const kaiError = await send('POST', '/kai/v1/devices/getDevices', all, { pageSize: 500 });
    assert.equal(kaiError.status, 400);
    assert.equal((kaiError.json['error'] as Record<string, unknown>)['code'], 4000000);

    const campaigns = await send('GET', '/ke/v1/campaigns', all);
    assert.equal(campaigns.json['totalCount'], 2);
    const missing = await send('GET', '/ke/v1/campaigns/CMP-0', all);
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, {
      errorKey: 'RESOURCE_NOT_FOUND',
      errorMessage: 'No campaign CMP-0.',
    });
    const wrongService = await send('GET', '/ke/v1/licenses', kme);
    assert.equal(wrongService.status, 403);
    assert.equal(wrongService.json['errorKey'], 'ACCESS_TOKEN_INVALID');
  });

  it('answers every endpoint of the scope catalog (with a token holding every scope)', async () => {
    const endpoints = ENDPOINTS.filter((e) => e.service !== 'oauth');
    assert.ok(endpoints.length >= 60, `only ${endpoints.length} catalog endpoints`);
    for (const endpoint of endpoints) {
      const path = endpoint.path.replace(/\{[^}]+\}/g, '1000001');
      const reply = await send(
        endpoint.method,
        path,
        all,
        endpoint.method === 'GET' ? undefined : {},
      );
      const label = `${endpoint.method} ${endpoint.path}: ${reply.status} ${reply.text}`;
      assert.ok(reply.text.startsWith('{'), label);
      assert.ok(![401, 403, 405].includes(reply.status) && reply.status < 500, label);
      assert.ok(!reply.text.includes('No Knox API at'), label);
    }
  });

  it('answers 401 without credentials, in the shape of the service', async () => {
    assertKnoxError(
      await send('GET', '/kcs/v1/kme/devices/list', {}),
      401,
      4010000,
      'AUTHORIZATION_FAIL',
      'x-knox-apitoken',
    );
    const guard = await send('POST', '/kcs/v1.1/kg/devices/list', {}, {});
    assert.equal(guard.status, 401);
    assert.match(
      String((guard.json['error'] as Record<string, unknown>)['reason']),
      /Knox Guard has no OAuth/,
    );
    const msp = await send('GET', '/msp/v1/managedCustomers', {});
    assert.equal(msp.json['errorCode'], '4010000');
  });

  it('answers 404 for unknown paths and 405 (with Allow) for wrong methods, in Knox shape', async () => {
    assertKnoxError(
      await send('GET', '/kcs/v1/kme/nothing', kme),
      404,
      4040000,
      'RESOURCE_NOT_FOUND',
      'GET /kcs/v1/kme/nothing',
    );
    assertKnoxError(await send('GET', '/', {}), 404, 4040000, 'RESOURCE_NOT_FOUND');
    const guard404 = await send('GET', '/kcs/v1.1/kg/nothing/at/all', {});
    assert.equal((guard404.json['error'] as Record<string, unknown>)['code'], 4040000);
    const wrongMethod = await send('DELETE', '/kcs/v1/kme/devices/list', kme);
    assertKnoxError(wrongMethod, 405, 4050000, 'METHOD_NOT_ALLOWED', 'DELETE');
    assert.equal(wrongMethod.headers.get('allow'), 'GET');
  });

  it('answers 4000000 for a body that is not JSON', async () => {
    const reply = await call(h.sandbox.url, 'POST', '/kcs/v1/kme/profiles/create', {
      headers: { ...kme, 'content-type': 'application/json' },
      body: '{"profileName":',
    });
    assertKnoxError(reply, 400, 4000000, 'RESOURCE_INVALID_PARAM', 'not valid JSON');
    assertKnoxError(
      await send('POST', '/kcs/v1/kme/profiles/create', kme, ['array']),
      400,
      4000000,
      'RESOURCE_INVALID_PARAM',
      'JSON object',
    );
  });

  it('answers 200 concurrent authenticated calls correctly', async () => {
    const before = (await send('GET', '/kcs/v1/kme/profiles/list?pageSize=1', kme)).json[
      'totalCount'
    ] as number;
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        i % 2 === 0
          ? send('GET', `/kcs/v1/kme/devices/list?pageNum=${i % 3}&pageSize=10`, kme)
          : send('POST', '/kcs/v1/kme/profiles/create', all, { profileName: `Concurrent ${i}` }),
      ),
    );
    replies.forEach((reply, i) => {
      assert.equal(reply.status, 200, `call ${i}: ${reply.text}`);
      if (i % 2 === 0)
        assert.equal(
          (reply.json['deviceList'] as unknown[]).length,
          [10, 10, 5][i % 3],
          `call ${i}`,
        );
      else assert.equal(reply.json['profileName'], `Concurrent ${i}`);
    });
    const ids = new Set(replies.filter((_, i) => i % 2 === 1).map((r) => r.json['id']));
    assert.equal(ids.size, 100);
    assert.equal(
      (await send('GET', '/kcs/v1/kme/profiles/list?pageSize=1', kme)).json['totalCount'],
      before + 100,
    );
  });
});
