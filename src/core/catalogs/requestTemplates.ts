// One ready request per endpoint of the scopes catalog: what it does, an example query, and
// for write endpoints an example JSON body in the shape the local sandbox accepts. Used by the
// sample requests, endpoint completion and "Knox: New Request...".
import type { EndpointEntry, HttpMethod, KnoxService } from './scopeCatalog';
import { ENDPOINTS } from './scopeCatalog';

/** A request for one Knox endpoint, ready to write into a `.http` file. */
export interface RequestTemplate {
  readonly method: HttpMethod;
  /** The catalog path, with `{param}` placeholders. */
  readonly path: string;
  readonly service: KnoxService;
  /** One line saying what the request does. */
  readonly summary: string;
  /** Example values for the path's `{param}`s. */
  readonly params?: Readonly<Record<string, string>>;
  /** Example query string, without `?`. */
  readonly query?: string;
  /** Example JSON body (write endpoints). */
  readonly body?: unknown;
  /** True when the request changes nothing (the sample requests use only these). */
  readonly readOnly: boolean;
  /** The catalog entry (undefined for the few endpoints outside the scopes document). */
  readonly endpoint: EndpointEntry | undefined;
}

type Data = Omit<RequestTemplate, 'method' | 'path' | 'service' | 'endpoint' | 'readOnly'> & {
  readonly readOnly?: boolean;
};

// Seeded in every sandbox account: KME device serials R58N01xxxxx, KDP IMEIs 3501100000000xx.
const KME_DEVICE = 'R58N0100000';
const KDP_DEVICE = '350110000000003';
const NEW_DEVICE = '359999000000018';
const PAGE = 'pageNum=0&pageSize=10';

const DATA: Readonly<Record<string, Data>> = {
  'POST /kai/v1/miscellaneous/getKspStatus': {
    summary: 'Knox Service Plugin status of devices',
    body: { deviceIds: [KME_DEVICE] },
    readOnly: true,
  },
  'POST /kc/v2/devices/getDevices': {
    summary: 'List Knox Configure devices',
    body: { pageNum: 0, pageSize: 10 },
    readOnly: true,
  },
  'POST /kc/v2/devices/getDeviceLogs': {
    summary: 'Knox Configure logs of a device',
    body: { deviceId: KME_DEVICE },
    readOnly: true,
  },
  'POST /kc/v2/devices/sendCommand': {
    summary: 'Send a command to Knox Configure devices',
    body: { deviceIds: [KME_DEVICE], command: 'SYNC_PROFILE' },
  },
  'POST /kc/v2/devices/bulkDelete': {
    summary: 'Delete devices from Knox Configure',
    body: { deviceIds: [KME_DEVICE] },
  },
  'PUT /kcs/v1/rp/devices/upload': {
    summary: 'Upload devices to a customer (reseller)',
    body: {
      customerId: 'sandbox',
      orderNumber: 'PO-1',
      devices: [{ deviceId: NEW_DEVICE, model: 'SM-G991B' }],
    },
  },
  'PUT /kcs/v1/rp/devices/delete': {
    summary: 'Delete uploaded devices (reseller)',
    body: { devices: [KDP_DEVICE] },
  },
  'GET /kcs/v1/rp/devices/status': {
    summary: 'Status of an upload or delete transaction',
    query: 'transactionId=1000001',
    readOnly: true,
  },
  'GET /kcs/v1/rp/devices': {
    summary: 'List the devices you uploaded (reseller)',
    query: PAGE,
    readOnly: true,
  },
  'GET /kcs/v1/rp/profilealias/kme': {
    summary: 'KME profile aliases of your customers',
    readOnly: true,
  },
  'GET /kcs/v1/rp/customers/list': { summary: 'List your customers (reseller)', readOnly: true },
  'GET /ke/v1/campaigns': { summary: 'List E-FOTA campaigns', readOnly: true },
  'GET /ke/v1/campaigns/{campaignId}': {
    summary: 'One E-FOTA campaign',
    params: { campaignId: '1' },
    readOnly: true,
  },
  'GET /ke/v1/campaignSchemas': { summary: 'E-FOTA campaign schemas', readOnly: true },
  'POST /ke/v1/campaigns/{campaignId}/bulkAssign': {
    summary: 'Assign devices to an E-FOTA campaign',
    params: { campaignId: '1' },
    body: { deviceIds: [KME_DEVICE] },
  },
  'POST /ke/v1/campaigns/{campaignId}/bulkUnassign': {
    summary: 'Unassign devices from an E-FOTA campaign',
    params: { campaignId: '1' },
    body: { deviceIds: [KME_DEVICE] },
  },
  'POST /ke/v1/campaigns': {
    summary: 'Create an E-FOTA campaign',
    body: { name: 'Sandbox campaign', model: 'SM-G991B', targetFirmware: 'latest' },
  },
  'PUT /ke/v1/campaigns/{campaignId}': {
    summary: 'Update an E-FOTA campaign',
    params: { campaignId: '1' },
    body: { name: 'Sandbox campaign' },
  },
  'DELETE /ke/v1/campaigns/{campaignId}': {
    summary: 'Delete an E-FOTA campaign',
    params: { campaignId: '1' },
  },
  'PUT /ke/v1/campaigns/{campaignId}/cancel': {
    summary: 'Cancel an E-FOTA campaign',
    params: { campaignId: '1' },
    body: {},
  },
  'GET /ke/v1/devices/models': { summary: 'Device models E-FOTA knows', readOnly: true },
  'GET /ke/v1/devices/salesCodes': { summary: 'Sales codes of a model', readOnly: true },
  'GET /ke/v1/devices/aggregateDeviceUpdateStatus': {
    summary: 'Update status of your devices, aggregated',
    readOnly: true,
  },
  'GET /ke/v1/devices/csc': { summary: 'CSC codes of a model', readOnly: true },
  'POST /ke/v1/devices/getDevices': {
    summary: 'List E-FOTA devices',
    body: { pageNum: 0, pageSize: 10 },
    readOnly: true,
  },
  'POST /ke/v1/devices/bulkUpload': {
    summary: 'Add devices to E-FOTA',
    body: { deviceIds: [KME_DEVICE] },
  },
  'POST /ke/v1/devices/bulkRefresh': {
    summary: 'Refresh the state of E-FOTA devices',
    body: { deviceIds: [KME_DEVICE] },
  },
  'POST /ke/v1/devices/bulkUnenroll': {
    summary: 'Unenroll devices from E-FOTA',
    body: { deviceIds: [KME_DEVICE] },
  },
  'POST /ke/v1/devices/bulkDelete': {
    summary: 'Delete devices from E-FOTA',
    body: { deviceIds: [KME_DEVICE] },
  },
  'GET /ke/v1/licenses': { summary: 'List E-FOTA licenses', readOnly: true },
  'POST /ke/v1/licenses': {
    summary: 'Add an E-FOTA license key',
    body: { licenseKey: 'KLM09-SANDBOX-LICENSE' },
  },
  'POST /ke/v1/trialLicenses': { summary: 'Start an E-FOTA trial license', body: {} },
  'DELETE /ke/v1/licenses/{licenseId}': {
    summary: 'Remove an E-FOTA license',
    params: { licenseId: '1' },
  },
  'GET /ke/v1/fota': { summary: 'Firmware available over the air', readOnly: true },
  'GET /ke/v1/privacyPolicy': { summary: 'The E-FOTA privacy policy state', readOnly: true },
  'PUT /ke/v1/privacyPolicy': {
    summary: 'Accept the E-FOTA privacy policy',
    body: { agreed: true },
  },
  'POST /km/v1/group/insertGroup': {
    summary: 'Create a Knox Manage group',
    body: { groupName: 'Sandbox group' },
  },
  'POST /km/v1/group/insertGroupUnits': {
    summary: 'Add users to a Knox Manage group',
    body: { groupId: '1', userIds: ['user1'] },
  },
  'GET /km/v1/group/selectGroups': { summary: 'List Knox Manage groups', readOnly: true },
  'POST /km/v1/user/createUser': {
    summary: 'Create a Knox Manage user',
    body: { userId: 'user1', userName: 'Sandbox User', email: 'user1@example.com' },
  },
  'POST /km/v1/user/requestEnrollment': {
    summary: 'Send a Knox Manage enrollment request to a user',
    body: { userId: 'user1' },
  },
  'GET /km/v1/user/selectUserWithID': {
    summary: 'One Knox Manage user',
    query: 'userId=user1',
    readOnly: true,
  },
  'POST /km/v1/mdm/profileServiceWrapper/assign': {
    summary: 'Assign a Knox Manage profile',
    body: { profileId: '1', groupIds: ['1'] },
  },
  'GET /kcs/v1/kme/profiles/list': {
    summary: 'List KME profiles',
    query: PAGE,
    readOnly: true,
  },
  'GET /kcs/v1/kme/profiles/status': {
    summary: 'Status of an asynchronous profile creation',
    query: 'transactionId=1000001',
    readOnly: true,
  },
  'GET /kcs/v1/kme/profiles/{id}/get': {
    summary: 'One KME profile',
    params: { id: '1000001' },
    readOnly: true,
  },
  'POST /kcs/v1/kme/profiles/create': {
    summary: 'Create a KME profile',
    body: {
      profileName: 'Sandbox profile',
      profileType: 'ANDROID_ENTERPRISE',
      mdmApkUrl: 'https://example.com/mdm.apk',
    },
  },
  'POST /kcs/v1/kme/profiles/createAsync/': {
    summary: 'Create a KME profile asynchronously',
    body: { profileName: 'Sandbox async profile', profileType: 'ANDROID_ENTERPRISE' },
  },
  'PUT /kcs/v1/kme/profiles/{profileId}': {
    summary: 'Update a KME profile',
    params: { profileId: '1000001' },
    body: { description: 'Updated from Knox API Toolkit' },
  },
  'DELETE /kcs/v1/kme/profiles/{id}': {
    summary: 'Delete a KME profile',
    params: { id: '1000001' },
  },
  'PUT /kcs/v1/kme/devices/assignProfile': {
    summary: 'Assign a KME profile to devices',
    body: { profileId: '1000001', deviceIds: [KME_DEVICE] },
  },
  'POST /kcs/v1/kme/devices/delete': {
    summary: 'Delete devices from KME',
    body: { deviceIds: [KME_DEVICE] },
  },
  'PUT /kcs/v1/kme/devices/unassignProfile': {
    summary: 'Remove the KME profile from devices',
    body: { deviceIds: [KME_DEVICE] },
  },
  'PUT /kcs/v2/kme/devices/unassignProfile': {
    summary: 'Remove the KME profile from devices (v2)',
    body: { deviceIds: [KME_DEVICE] },
  },
  'POST /kcs/v1/kme/devices/uploads/approvals': {
    summary: 'Approve or reject reseller uploads',
    body: { uploadIds: ['1000001'], action: 'APPROVE' },
  },
  'GET /kcs/v1/kme/devices/list': {
    summary: 'List KME devices',
    query: PAGE,
    readOnly: true,
  },
  'GET /kcs/v1/kme/devices/uploads/list': {
    summary: 'List reseller uploads waiting for approval',
    query: PAGE,
    readOnly: true,
  },
  'POST /kcs/v1/kme/reseller/approvals': {
    summary: 'Approve a customer (reseller)',
    body: { customerId: 'sandbox', action: 'APPROVE' },
  },
  'POST /kcs/v1/kme/reseller/profilealias': {
    summary: 'Create a profile alias (reseller)',
    body: { profileAliasName: 'Sandbox alias', customerId: 'sandbox' },
  },
  'PUT /kcs/v1/kme/reseller/profilealias/{profileAliasId}': {
    summary: 'Update a profile alias (reseller)',
    params: { profileAliasId: '1' },
    body: { profileAliasName: 'Sandbox alias' },
  },
  'DELETE /kcs/v1/kme/reseller/profilealias/{profileAliasId}': {
    summary: 'Delete a profile alias (reseller)',
    params: { profileAliasId: '1' },
  },
  'POST /msp/v1/managedCustomers': {
    summary: 'Add a managed customer',
    body: { customerName: 'Sandbox Customer', email: 'it@customer.example' },
  },
  'POST /msp/v1/managedCustomers/link': {
    summary: 'Link a managed customer',
    body: { customerId: '2000000001' },
  },
  'POST /msp/v1/managedCustomers/delink': {
    summary: 'Unlink a managed customer',
    body: { customerId: '2000000001' },
  },
  'GET /msp/v1/managedCustomers': {
    summary: 'List your managed customers',
    query: PAGE,
    readOnly: true,
  },
  'GET /msp/v1/managedCustomers/{customerId}': {
    summary: 'One managed customer',
    params: { customerId: '2000000001' },
    readOnly: true,
  },
  'PUT /msp/v1/managedCustomers/{customerId}': {
    summary: 'Update a managed customer',
    params: { customerId: '2000000001' },
    body: { customerName: 'Contoso Retail', email: 'it@contoso.example' },
  },
  'GET /msp/v1/profiles': { summary: 'List the profiles you can share', readOnly: true },
  'POST /msp/v1/profiles/copy': {
    summary: 'Copy profiles to managed customers',
    body: { profileIds: ['1000001'], customerIds: ['2000000001'] },
  },
  'POST /msp/v1/profiles/overwrite': {
    summary: 'Copy profiles to managed customers, replacing same-named ones',
    body: { profileIds: ['1000001'], customerIds: ['2000000001'] },
  },
};

// Knox Guard has no OAuth scopes, so the scopes document lists none of its endpoints.
const OUTSIDE_SCOPES_DOCUMENT: readonly RequestTemplate[] = [
  {
    method: 'POST',
    path: '/kcs/v1.1/kg/devices/list',
    service: 'kg',
    summary: 'List Knox Guard devices',
    body: { pageNum: 0, pageSize: 10 },
    readOnly: true,
    endpoint: undefined,
  },
  {
    method: 'GET',
    path: '/kcs/v1.1/kg/devices/{deviceUid}',
    service: 'kg',
    summary: 'One Knox Guard device',
    params: { deviceUid: '350120000000002' },
    readOnly: true,
    endpoint: undefined,
  },
  {
    method: 'POST',
    path: '/kcs/v1.1/kg/devices/lock',
    service: 'kg',
    summary: 'Lock Knox Guard devices with a message',
    body: { deviceUids: ['350120000000002'], message: 'Please contact your administrator.' },
    readOnly: false,
    endpoint: undefined,
  },
  {
    method: 'POST',
    path: '/kcs/v1.1/kg/devices/unlock',
    service: 'kg',
    summary: 'Unlock Knox Guard devices',
    body: { deviceUids: ['350120000000002'] },
    readOnly: false,
    endpoint: undefined,
  },
];

const fromCatalog = (endpoint: EndpointEntry): RequestTemplate | undefined => {
  const data = DATA[`${endpoint.method} ${endpoint.path}`];
  if (!data) return undefined;
  return {
    ...data,
    method: endpoint.method,
    path: endpoint.path,
    service: endpoint.service,
    readOnly: data.readOnly ?? false,
    endpoint,
  };
};

/**
 * Every request template: one per endpoint of the scopes catalog (the OAuth token endpoints
 * aside), then the Knox Guard endpoints the scopes document does not list.
 */
export const REQUEST_TEMPLATES: readonly RequestTemplate[] = [
  ...ENDPOINTS.flatMap((endpoint) => fromCatalog(endpoint) ?? []),
  ...OUTSIDE_SCOPES_DOCUMENT,
];

// The first path segment of every Knox service's endpoints (E-FOTA's documented base included).
const KNOX_ROOTS = new Set(['kcs', 'kc', 'ke', 'kai', 'km', 'msp']);

/** The template of an endpoint (method and catalog path), or undefined. */
export function templateFor(method: string, path: string): RequestTemplate | undefined {
  const verb = method.trim().toUpperCase();
  return REQUEST_TEMPLATES.find((t) => t.method === verb && t.path === path);
}

/** The template's path with its example parameter values and query. */
export function examplePath(template: RequestTemplate): string {
  const path = template.path.replace(
    /\{([^}]+)\}/g,
    (all, name: string) => template.params?.[name] ?? all,
  );
  return template.query ? `${path}?${template.query}` : path;
}

/**
 * The `.http` text of a template: `### summary`, the request line (`base` before the path,
 * e.g. '{{host}}' or ''), a JSON content type and body for write endpoints.
 */
export function templateText(template: RequestTemplate, base = ''): string {
  const lines = [`${template.method} ${base}${examplePath(template)}`];
  if (template.body !== undefined) {
    lines.push('Content-Type: application/json', '', JSON.stringify(template.body, null, 2));
  }
  return lines.join('\n');
}

/** A `.http` snippet of a template's path: `{param}`s become tab stops holding the example. */
export function templateSnippet(template: RequestTemplate, withBody: boolean): string {
  const escape = (text: string): string => text.replace(/[$\\}]/g, (c) => `\\${c}`);
  let index = 0;
  let snippet = template.path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const param = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (param === undefined) return escape(part);
      return `\${${++index}:${escape(template.params?.[param] ?? param)}}`;
    })
    .join('');
  if (template.query) snippet += `?${escape(template.query)}`;
  if (withBody && template.body !== undefined) {
    snippet += `\nContent-Type: application/json\n\n${escape(JSON.stringify(template.body, null, 2))}`;
  }
  return snippet;
}

const MAX_COMPARED = 300;

// Edit distance over path segments; a segment costs by its own edit distance, and little when
// one is a prefix of the other ('kgs' for 'kg', 'v1' for 'v1.1').
function segmentCost(a: string, b: string): number {
  if (a === b || a.startsWith('{') || b.startsWith('{')) return 0;
  if (a.startsWith(b) || b.startsWith(a)) return 0.1;
  return distance([...a], [...b], (x, y) => (x === y ? 0 : 1)) / Math.max(a.length, b.length);
}

function distance<T>(a: readonly T[], b: readonly T[], cost: (x: T, y: T) => number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost(a[i - 1] as T, b[j - 1] as T),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

const matchesTemplate = (template: RequestTemplate, path: string): boolean => {
  const want = template.path.replace(/\/+$/, '').split('/');
  const have = path.replace(/\/+$/, '').split('/');
  return want.length === have.length && want.every((w, i) => w.startsWith('{') || w === have[i]);
};

/**
 * For a path under a Knox root (`/kcs/`, `/kc/`, `/ke/`, ...) that no template matches: the
 * template nearest to it by edit distance, and whether only the method is wrong. Undefined when
 * the request matches a template or is not under a Knox root.
 */
export function nearestTemplate(
  method: string,
  path: string,
): { readonly template: RequestTemplate; readonly methodOnly: boolean } | undefined {
  const verb = method.trim().toUpperCase();
  const bare = path.replace(/[?#].*$/s, '');
  if (bare.length > MAX_COMPARED) return undefined;
  const root = bare.split('/')[1] ?? '';
  if (!KNOX_ROOTS.has(root)) return undefined;
  const samePath = REQUEST_TEMPLATES.filter((t) => matchesTemplate(t, bare));
  if (samePath.some((t) => t.method === verb)) return undefined;
  const other = samePath[0];
  if (other) return { template: other, methodOnly: true };
  let best: { template: RequestTemplate; cost: number } | undefined;
  for (const template of REQUEST_TEMPLATES) {
    const cost =
      distance(bare.split('/'), template.path.split('/'), segmentCost) +
      (template.method === verb ? 0 : 0.25);
    if (!best || cost < best.cost) best = { template, cost };
  }
  return best && { template: best.template, methodOnly: false };
}
