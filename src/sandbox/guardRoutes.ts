import { jsonResponse } from './sandboxRequest';
import type { SandboxResponse } from './sandboxRequest';
import { paginate } from './paginate';
import type { ServiceCall, ServiceRoute } from './serviceRoute';
import { bodyFields, idList, invalidParam, notFound, optionalString } from './serviceRoute';
import type { GuardDevice } from './tenantState';

const PAGE_SIZE = 20;

function success(data: unknown): SandboxResponse {
  return jsonResponse(200, { result: 'SUCCESS', data });
}

function list(call: ServiceCall): SandboxResponse {
  const fields = bodyFields(call);
  if (!fields) return invalidParam(call, 'The request body must be a JSON object.');
  const page = paginate(
    [...call.tenant.guardDevices.values()],
    fields['pageNum'],
    fields['pageSize'],
    PAGE_SIZE,
  );
  if (typeof page === 'string') return invalidParam(call, page);
  const { items, ...counts } = page;
  return success({ ...counts, devices: items });
}

function get(call: ServiceCall): SandboxResponse {
  const id = call.params['deviceUid'] ?? '';
  const device =
    call.tenant.guardDevices.get(id) ??
    [...call.tenant.guardDevices.values()].find((d) => d.imei === id);
  return device ? success(device) : notFound(call, `No Knox Guard device ${id}.`);
}

function change(
  call: ServiceCall,
  apply: (device: GuardDevice, message: string | null) => boolean,
): SandboxResponse {
  const fields = bodyFields(call);
  if (!fields) return invalidParam(call, 'The request body must be a JSON object.');
  const ids = idList(fields, ['deviceUids', 'deviceList'], ['deviceUid', 'imei', 'id']);
  if (!ids || ids.length === 0) return invalidParam(call, 'deviceUids must be a non-empty array.');
  const message = optionalString(fields, 'message');
  if (message === null) return invalidParam(call, 'message must be a string.');
  const failed: string[] = [];
  for (const id of ids) {
    const device =
      call.tenant.guardDevices.get(id) ??
      [...call.tenant.guardDevices.values()].find((d) => d.imei === id);
    if (!device || !apply(device, message ?? null)) failed.push(id);
  }
  return success({
    totalCount: ids.length,
    successCount: ids.length - failed.length,
    failedDeviceUids: failed,
  });
}

function lock(call: ServiceCall): SandboxResponse {
  return change(call, (device, message) => {
    if (device.status !== 'Active') return false;
    device.status = 'Locked';
    device.lockMessage = message ?? 'This device is locked by your organisation.';
    return true;
  });
}

function unlock(call: ServiceCall): SandboxResponse {
  return change(call, (device) => {
    if (device.status !== 'Locked') return false;
    device.status = 'Active';
    device.lockMessage = null;
    return true;
  });
}

/** Knox Guard, legacy x-knox-apitoken only (Guard has no OAuth 2.0). */
export const GUARD_ROUTES: readonly ServiceRoute[] = [
  { method: 'POST', path: '/kcs/v1.1/kg/devices/list', service: 'kg', handle: list },
  { method: 'GET', path: '/kcs/v1.1/kg/devices/{deviceUid}', service: 'kg', handle: get },
  { method: 'POST', path: '/kcs/v1.1/kg/devices/lock', service: 'kg', handle: lock },
  { method: 'POST', path: '/kcs/v1.1/kg/devices/unlock', service: 'kg', handle: unlock },
];
