import { randomUUID } from 'node:crypto';
import type { EndpointEntry } from '../core/catalogs/scopeCatalog';
import { jsonResponse } from './sandboxRequest';
import type { SandboxResponse } from './sandboxRequest';
import type { ServiceCall } from './serviceRoute';
import { errorShapeOf } from './sandboxServices';

const VERBS = /^(get|select|list|search)(?=[A-Z])/;

// 'devices/list' -> 'devices', 'getDevices' -> 'devices', 'selectGroups' -> 'groups'.
function noun(path: string): string {
  const segments = path.split('/').filter((s) => s !== '' && !s.startsWith('{'));
  const last = segments.at(-1) ?? 'items';
  const word = last === 'list' || last === 'get' ? (segments.at(-2) ?? 'items') : last;
  const bare = word.replace(VERBS, '');
  return bare.charAt(0).toLowerCase() + bare.slice(1);
}

/**
 * A plausible answer for a catalog endpoint the sandbox keeps no state for: a short list for
 * reads, an acknowledgement for writes, in the service's success shape.
 */
export function catalogResponse(call: ServiceCall, endpoint: EndpointEntry): SandboxResponse {
  const params = Object.values(call.params);
  const read = endpoint.method === 'GET' || /\/(get|select|search)[A-Z]\w*$/.test(endpoint.path);
  let data: Record<string, unknown>;
  if (read && params.length > 0 && endpoint.path.endsWith('}')) {
    data = { id: params.at(-1), name: `Sandbox ${noun(endpoint.path)}`, createdTime: call.now };
  } else if (read) {
    const key = noun(endpoint.path);
    const items = [1, 2].map((n) => ({
      id: `${call.tenant.tenantId}-${key}-${n}`,
      name: `Sandbox ${key} ${n}`,
      createdTime: call.now,
    }));
    data = { totalCount: items.length, pageNum: 0, pageSize: items.length, [key]: items };
  } else {
    data = { transactionId: call.tenant.nextId(), status: 'SUCCESS' };
  }
  switch (errorShapeOf(call.service)) {
    case 'guard':
      return jsonResponse(200, { result: 'SUCCESS', data });
    case 'msp':
      return jsonResponse(200, { transactionalId: randomUUID(), ...data });
    default:
      return jsonResponse(200, data);
  }
}
