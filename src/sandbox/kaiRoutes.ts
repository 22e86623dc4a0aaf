import { jsonResponse } from './sandboxRequest';
import type { SandboxResponse } from './sandboxRequest';
import { paginate } from './paginate';
import type { ServiceCall, ServiceRoute } from './serviceRoute';
import { bodyFields, invalidParam } from './serviceRoute';

const PAGE_SIZE = 20;

// KAI lists the account's devices with their health; the sandbox reuses the KME inventory.
function getDevices(call: ServiceCall): SandboxResponse {
  const fields = bodyFields(call);
  if (!fields) return invalidParam(call, 'The request body must be a JSON object.');
  const devices = [...call.tenant.kmeDevices.values()].map((device, i) => ({
    deviceId: device.deviceId,
    serialNumber: device.serialNumber,
    model: device.model,
    batteryLevel: 40 + ((i * 7) % 60),
    lastSeenTime: call.now - i * 60_000,
  }));
  const page = paginate(devices, fields['pageNum'], fields['pageSize'], PAGE_SIZE);
  if (typeof page === 'string') return invalidParam(call, page);
  const { items, ...counts } = page;
  return jsonResponse(200, { result: 'SUCCESS', data: { ...counts, devices: items } });
}

/**
 * Knox Asset Intelligence: the paginated device list.
 * https://docs.samsungknox.com/dev/knox-asset-intelligence/tutorials/get-device-information
 */
export const KAI_ROUTES: readonly ServiceRoute[] = [
  { method: 'POST', path: '/kai/v1/devices/getDevices', service: 'kai', handle: getDevices },
];
