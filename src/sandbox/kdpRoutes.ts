import { jsonResponse } from './sandboxRequest';
import type { SandboxResponse } from './sandboxRequest';
import { paginate } from './paginate';
import type { ServiceCall, ServiceRoute } from './serviceRoute';
import { bodyFields, idList, invalidParam, notFound, optionalString } from './serviceRoute';
import type { KdpResult, KdpTransaction } from './tenantState';

const PAGE_SIZE = 50;
const MAX_DEVICES = 10_000;
const IMEI = /^\d{15}$/;
const SERIAL = /^[A-Z0-9]{11}$/;

function luhnValid(imei: string): boolean {
  let sum = 0;
  for (let i = 0; i < imei.length; i++) {
    let digit = Number(imei[imei.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function deviceIdProblem(id: string): string | undefined {
  if (IMEI.test(id)) return luhnValid(id) ? undefined : 'INVALID_IMEI_CHECKSUM';
  return SERIAL.test(id) ? undefined : 'INVALID_DEVICE_ID';
}

function summary(transaction: KdpTransaction): Record<string, unknown> {
  const successCount = transaction.results.filter((r) => r.result === 'SUCCESS').length;
  return {
    transactionId: transaction.transactionId,
    type: transaction.type,
    status: 'COMPLETED',
    totalCount: transaction.results.length,
    successCount,
    failCount: transaction.results.length - successCount,
  };
}

function record(
  call: ServiceCall,
  type: KdpTransaction['type'],
  results: KdpResult[],
): SandboxResponse {
  const transaction = { transactionId: call.tenant.nextId(), type, createdTime: call.now, results };
  call.tenant.kdpTransactions.set(transaction.transactionId, transaction);
  return jsonResponse(200, summary(transaction));
}

function deviceIds(call: ServiceCall): string[] | SandboxResponse {
  const fields = bodyFields(call);
  if (!fields) return invalidParam(call, 'The request body must be a JSON object.');
  const ids = idList(fields, ['devices', 'deviceIds']);
  if (!ids || ids.length === 0) {
    return invalidParam(
      call,
      'devices must be a non-empty array of IMEIs or serial numbers (or of {"deviceId": ...}).',
    );
  }
  if (ids.length > MAX_DEVICES)
    return invalidParam(call, `At most ${MAX_DEVICES} devices per request.`);
  return ids;
}

// Uploads are processed at once; each device succeeds or fails on its own, as KDP reports.
function upload(call: ServiceCall): SandboxResponse {
  const ids = deviceIds(call);
  if (!Array.isArray(ids)) return ids;
  const fields = bodyFields(call) ?? {};
  const customerId = optionalString(fields, 'customerId');
  const orderNumber = optionalString(fields, 'orderNumber');
  if (customerId === null || orderNumber === null)
    return invalidParam(call, 'customerId and orderNumber must be strings.');
  const models = new Map<string, string>();
  const list = fields['devices'];
  if (Array.isArray(list)) {
    for (const item of list as unknown[]) {
      const { deviceId, model } = (typeof item === 'object' && item !== null ? item : {}) as Record<
        string,
        unknown
      >;
      if (typeof deviceId === 'string' && typeof model === 'string') models.set(deviceId, model);
    }
  }
  const results: KdpResult[] = ids.map((deviceId) => {
    const problem = deviceIdProblem(deviceId);
    if (problem) return { deviceId, result: 'FAIL', reason: problem };
    if (call.tenant.kdpDevices.has(deviceId))
      return { deviceId, result: 'FAIL', reason: 'ALREADY_UPLOADED' };
    call.tenant.kdpDevices.set(deviceId, {
      deviceId,
      model: models.get(deviceId) ?? 'UNKNOWN',
      customerId: customerId ?? call.tenant.tenantId,
      orderNumber: orderNumber ?? '',
      uploadedTime: call.now,
    });
    return { deviceId, result: 'SUCCESS' };
  });
  return record(call, 'UPLOAD', results);
}

function remove(call: ServiceCall): SandboxResponse {
  const ids = deviceIds(call);
  if (!Array.isArray(ids)) return ids;
  const results: KdpResult[] = ids.map((deviceId) =>
    call.tenant.kdpDevices.delete(deviceId)
      ? { deviceId, result: 'SUCCESS' }
      : { deviceId, result: 'FAIL', reason: 'DEVICE_NOT_FOUND' },
  );
  return record(call, 'DELETE', results);
}

function status(call: ServiceCall): SandboxResponse {
  const transactionId = call.req.query.get('transactionId');
  if (!transactionId) return invalidParam(call, 'transactionId is required.');
  const transaction = call.tenant.kdpTransactions.get(transactionId);
  if (!transaction) return notFound(call, `No transaction ${transactionId}.`);
  return jsonResponse(200, { ...summary(transaction), devices: transaction.results });
}

function list(call: ServiceCall): SandboxResponse {
  const page = paginate(
    [...call.tenant.kdpDevices.values()],
    call.req.query.get('pageNum'),
    call.req.query.get('pageSize'),
    PAGE_SIZE,
  );
  if (typeof page === 'string') return invalidParam(call, page);
  return jsonResponse(200, {
    pageNum: page.pageNum,
    pageSize: page.pageSize,
    totalCount: page.totalCount,
    totalPages: page.totalPages,
    devices: page.items,
  });
}

function profileAliases(call: ServiceCall): SandboxResponse {
  const aliases = [...call.tenant.managedCustomers.values()].map((customer, i) => ({
    profileAliasId: `${customer.customerId}-${i + 1}`,
    profileAliasName: `${customer.customerName} default`,
    customerId: customer.customerId,
  }));
  return jsonResponse(200, { totalCount: aliases.length, profileAliasList: aliases });
}

function customers(call: ServiceCall): SandboxResponse {
  const list = [...call.tenant.managedCustomers.values()].map((c) => ({
    customerId: c.customerId,
    customerName: c.customerName,
    region: c.region,
  }));
  return jsonResponse(200, { totalCount: list.length, customerList: list });
}

/** Knox Deployment Program (resellers): device uploads and deletions, with state. */
export const KDP_ROUTES: readonly ServiceRoute[] = [
  { method: 'PUT', path: '/kcs/v1/rp/devices/upload', service: 'kdp', handle: upload },
  { method: 'GET', path: '/kcs/v1/rp/devices/status', service: 'kdp', handle: status },
  { method: 'GET', path: '/kcs/v1/rp/devices', service: 'kdp', handle: list },
  { method: 'PUT', path: '/kcs/v1/rp/devices/delete', service: 'kdp', handle: remove },
  { method: 'GET', path: '/kcs/v1/rp/profilealias/kme', service: 'kdp', handle: profileAliases },
  { method: 'GET', path: '/kcs/v1/rp/customers/list', service: 'kdp', handle: customers },
];
