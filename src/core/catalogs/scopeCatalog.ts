// Data from Samsung's "Scopes for Knox cloud services APIs" (last updated August 5th, 2025).
// Every scope of that page and every endpoint it names, once; the test re-reads the page.
// Data only: the lookups over it are in scopeLookup.ts (the editor, the CLI) and the sandbox's
// own endpointTable.ts, so a bug in one matcher shows in the tests of the other.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/** Knox services, by the prefix of their scopes. */
export type KnoxService = 'kai' | 'kc' | 'kdp' | 'ke' | 'km' | 'kme' | 'msp' | 'kg' | 'oauth';

/** One OAuth 2.0 scope of Knox's authorization server. */
export interface ScopeEntry {
  readonly name: string;
  readonly service: KnoxService;
  /** Samsung's description of the scope. */
  readonly description: string;
  /** Knox Asset Intelligence only: the KWN events the scope subscribes to. */
  readonly kwnEvents?: readonly string[];
}

/** One endpoint of a Knox API with the scopes that allow calling it. */
export interface EndpointEntry {
  readonly method: HttpMethod;
  /** The full path Knox serves, with `{param}` placeholders: '/kcs/v1/kme/profiles/{id}/get'. */
  readonly path: string;
  readonly service: KnoxService;
  /** Every scope that allows this endpoint, narrowest first. */
  readonly scopes: readonly string[];
  /** True where the scopes are requested at this endpoint (the token endpoint), not needed to call it. */
  readonly requestsScopes?: boolean;
}

/** Whether a service accepts Knox OAuth 2.0 access tokens. */
export type OAuthSupport = 'supported' | 'msp-only' | 'unsupported';

/** A Knox cloud service: display name, OAuth support and where its endpoints live. */
export interface ServiceInfo {
  readonly id: KnoxService;
  /** Display name: 'Knox Mobile Enrollment'. */
  readonly name: string;
  readonly oauth: OAuthSupport;
  /** Why OAuth is limited or unavailable, and what to use instead. */
  readonly oauthNote?: string;
  /** Path prefixes of the service's endpoints. */
  readonly basePaths: readonly string[];
}

const LEGACY_SCHEME =
  'call it with a signed Knox Cloud access token in the x-knox-apitoken header (keys.json and a client identifier).';
const NO_OAUTH = {
  kg: `Knox Guard does not accept OAuth 2.0 tokens: ${LEGACY_SCHEME}`,
  km: `The Knox Manage scopes are for MSP partners only; as an end customer, ${LEGACY_SCHEME}`,
  attestation: `Knox Attestation does not accept OAuth 2.0 tokens: ${LEGACY_SCHEME}`,
} as const;

/** The Knox cloud services a client identifier or a scope can be for, with OAuth support. */
export const SERVICES: readonly ServiceInfo[] = [
  {
    id: 'kme',
    name: 'Knox Mobile Enrollment',
    oauth: 'supported',
    basePaths: ['/kcs/v1/kme', '/kcs/v2/kme'],
  },
  { id: 'kdp', name: 'Knox Deployment Program', oauth: 'supported', basePaths: ['/kcs/v1/rp'] },
  { id: 'kc', name: 'Knox Configure', oauth: 'supported', basePaths: ['/kc/v2'] },
  {
    id: 'kg',
    name: 'Knox Guard',
    oauth: 'unsupported',
    oauthNote: NO_OAUTH.kg,
    basePaths: ['/kcs/v1.1/kg'],
  },
  { id: 'ke', name: 'Knox E-FOTA', oauth: 'supported', basePaths: ['/ke/v1'] },
  { id: 'kai', name: 'Knox Asset Intelligence', oauth: 'supported', basePaths: ['/kai/v1'] },
  {
    id: 'km',
    name: 'Knox Manage',
    oauth: 'msp-only',
    oauthNote: NO_OAUTH.km,
    basePaths: ['/km/v1'],
  },
  { id: 'msp', name: 'Knox MSP Portal', oauth: 'supported', basePaths: ['/msp/v1'] },
];

/** Knox's OAuth 2.0 authorization server: the `email` and `openid` scopes belong to it. */
export const OAUTH_SERVER: ServiceInfo = {
  id: 'oauth',
  name: 'Knox OAuth 2.0 Authentication',
  oauth: 'supported',
  basePaths: ['/ams/v1/oauth2'],
};

/** The Knox products that cannot be called with an OAuth 2.0 token, and why. */
export const OAUTH_EXCLUSIONS: ReadonlyArray<{
  readonly name: string;
  readonly service?: KnoxService;
  readonly reason: string;
}> = [
  { name: 'Knox Guard', service: 'kg', reason: NO_OAUTH.kg },
  { name: 'Knox Manage (end customers; MSP partners can)', service: 'km', reason: NO_OAUTH.km },
  { name: 'Knox Attestation', reason: NO_OAUTH.attestation },
];

const KAI_EVENTS = {
  battery: [
    'KAI_BATTERY_STATUS',
    'KAI_BATTERY_LEVEL_TRIGGERED',
    'KAI_BATTERY_CHARGING',
    'KAI_BATTERY_LEVEL_SHIFT_START',
    'KAI_BATTERY_LEVEL_SHIFT_END',
  ],
  app: [
    'KAI_APP_ANR_FC',
    'KAI_APP_USAGE_TIME_BATTERY',
    'KAI_APP_USAGE_NETWORK',
    'KAI_APP_USAGE_SCREENTIME',
  ],
  diagnostics: ['KAI_DEVICE_DIAGNOSTICSLOGS'],
  network: ['KAI_WIFI_DISCONNECTIONS', 'KAI_WIFI_CONNECTIONS'],
} as const;

/** Every scope of Samsung's scopes page, in the page's order. */
export const SCOPES: readonly ScopeEntry[] = [
  {
    name: 'kai',
    service: 'kai',
    description:
      'Manage all Knox Asset Intelligence functionality, including devices, diagnostics logs, and network settings.',
    // The page's own order for the kai row.
    kwnEvents: [
      'KAI_APP_ANR_FC',
      'KAI_BATTERY_STATUS',
      'KAI_DEVICE_DIAGNOSTICSLOGS',
      'KAI_WIFI_DISCONNECTIONS',
      'KAI_BATTERY_LEVEL_TRIGGERED',
      'KAI_APP_USAGE_TIME_BATTERY',
      'KAI_APP_USAGE_NETWORK',
      'KAI_APP_USAGE_SCREENTIME',
      'KAI_BATTERY_CHARGING',
      'KAI_BATTERY_LEVEL_SHIFT_START',
      'KAI_BATTERY_LEVEL_SHIFT_END',
      'KAI_WIFI_CONNECTIONS',
    ],
  },
  {
    name: 'kai.settings',
    service: 'kai',
    description:
      'View and configure your Knox Asset Intelligence tenant information, including battery threshold levels and enrollment settings.',
  },
  {
    name: 'kai.devices',
    service: 'kai',
    description: 'View Knox Asset Intelligence device and group information.',
  },
  {
    name: 'kai.diagnostics',
    service: 'kai',
    description: 'Request and view Knox Asset Intelligence diagnostics logs.',
    kwnEvents: KAI_EVENTS.diagnostics,
  },
  {
    name: 'kai.network',
    service: 'kai',
    description:
      'Subscribe to Knox Asset Intelligence notifications about Wi-Fi connection and disconnection events.',
    kwnEvents: KAI_EVENTS.network,
  },
  {
    name: 'kai.battery',
    service: 'kai',
    description: 'Subscribe to Knox Asset Intelligence notifications about battery-related events.',
    kwnEvents: KAI_EVENTS.battery,
  },
  {
    name: 'kai.app',
    service: 'kai',
    description:
      'Subscribe to Knox Asset Intelligence notifications about app usage and abnormal app events.',
    kwnEvents: KAI_EVENTS.app,
  },
  {
    name: 'kai.miscellaneous',
    service: 'kai',
    description: 'View the deployment status of your Knox Service Plugin policies.',
  },
  { name: 'kc', service: 'kc', description: 'Manage all Knox Configure functionality.' },
  {
    name: 'kc.devices',
    service: 'kc',
    description: 'Manage all functionality related to Knox Configure devices.',
  },
  {
    name: 'kc.devices:view',
    service: 'kc',
    description: 'View Knox Configure devices and their information.',
  },
  {
    name: 'kc.devices:manage',
    service: 'kc',
    description: 'Send commands to devices and delete them from Knox Configure.',
  },
  { name: 'kdp', service: 'kdp', description: 'Manage all Knox Deployment Program functionality.' },
  {
    name: 'kdp.devices',
    service: 'kdp',
    description: 'Upload and delete devices, and get device information.',
  },
  { name: 'kdp.devices:view', service: 'kdp', description: 'View devices and device statuses.' },
  { name: 'kdp.devices:manage', service: 'kdp', description: 'Upload and delete devices.' },
  {
    name: 'kdp.profilealias',
    service: 'kdp',
    description: 'View all Knox Mobile Enrollment profile aliases.',
  },
  {
    name: 'kdp.customers',
    service: 'kdp',
    description: 'View all Knox Deployment Program customers.',
  },
  { name: 'ke', service: 'ke', description: 'Manage all Knox E-FOTA functionality.' },
  {
    name: 'ke.campaign',
    service: 'ke',
    description: 'View, assign, create, delete, and cancel Knox E-FOTA campaigns.',
  },
  {
    name: 'ke.campaign:view',
    service: 'ke',
    description: 'View Knox E-FOTA campaign information.',
  },
  {
    name: 'ke.campaign:assign',
    service: 'ke',
    description: 'Assign or unassign devices from a Knox E-FOTA campaign.',
  },
  {
    name: 'ke.campaign:manage',
    service: 'ke',
    description: 'Create and edit Knox E-FOTA campaigns.',
  },
  {
    name: 'ke.campaign:delete',
    service: 'ke',
    description: 'Delete and cancel Knox E-FOTA campaigns.',
  },
  {
    name: 'ke.devices',
    service: 'ke',
    description: 'View, upload, manage, and delete Knox E-FOTA devices.',
  },
  { name: 'ke.devices:view', service: 'ke', description: 'View Knox E-FOTA device information.' },
  {
    name: 'ke.devices:manage',
    service: 'ke',
    description: 'Upload, refresh, and unenroll Knox E-FOTA devices.',
  },
  { name: 'ke.devices:delete', service: 'ke', description: 'Delete devices from Knox E-FOTA.' },
  {
    name: 'ke.licenses',
    service: 'ke',
    description: 'View, register, and delete Knox E-FOTA licenses.',
  },
  { name: 'ke.licenses:view', service: 'ke', description: 'View Knox E-FOTA license information.' },
  {
    name: 'ke.licenses:manage',
    service: 'ke',
    description: 'Register commercial licenses and generate trial licenses for Knox E-FOTA.',
  },
  { name: 'ke.licenses:delete', service: 'ke', description: 'Delete Knox E-FOTA licenses.' },
  { name: 'ke.fota:view', service: 'ke', description: 'View Knox E-FOTA firmware information.' },
  {
    name: 'ke.privacyPolicy',
    service: 'ke',
    description: 'View and manage the skip privacy policy setting.',
  },
  {
    name: 'ke.privacyPolicy:view',
    service: 'ke',
    description: 'View the skip privacy policy setting.',
  },
  {
    name: 'ke.privacyPolicy:manage',
    service: 'ke',
    description: 'Manage the skip privacy policy setting.',
  },
  { name: 'km', service: 'km', description: 'Manage all Knox Manage functionality.' },
  { name: 'km.group', service: 'km', description: 'View, create, and add users to groups.' },
  { name: 'km.group:view', service: 'km', description: 'View groups and their information.' },
  { name: 'km.group:manage', service: 'km', description: 'Update groups and their information.' },
  {
    name: 'km.user',
    service: 'km',
    description: 'View and create users, and request enrollment through email.',
  },
  { name: 'km.user:view', service: 'km', description: 'View users.' },
  {
    name: 'km.user:manage',
    service: 'km',
    description: 'Create users and request enrollment through email.',
  },
  { name: 'km.profile', service: 'km', description: 'Assign profiles to groups.' },
  {
    name: 'kme',
    service: 'kme',
    description:
      'Manage all Knox Mobile Enrollment functionality, including profiles, devices, and resellers.',
  },
  {
    name: 'kme.profiles',
    service: 'kme',
    description: 'Manage all functionality related to Knox Mobile Enrollment profiles.',
  },
  {
    name: 'kme.profiles:view',
    service: 'kme',
    description: 'View Knox Mobile Enrollment profiles.',
  },
  {
    name: 'kme.profiles:manage',
    service: 'kme',
    description: 'Create, update, and delete Knox Mobile Enrollment profiles.',
  },
  {
    name: 'kme.devices',
    service: 'kme',
    description: 'Manage all functionality related to devices in Knox Mobile Enrollment.',
  },
  {
    name: 'kme.devices:view',
    service: 'kme',
    description: 'View Knox Mobile Enrollment device information.',
  },
  {
    name: 'kme.devices:manage',
    service: 'kme',
    description: 'Assign, unassign, and delete profiles, as well as approve device uploads.',
  },
  {
    name: 'kme.reseller',
    service: 'kme',
    description: 'Manage all functionality related to Knox Mobile Enrollment resellers.',
  },
  { name: 'msp', service: 'msp', description: 'Manage all Knox MSP Portal functionality.' },
  {
    name: 'msp.customers',
    service: 'msp',
    description: 'Add and delink MSP customers, as well as view and edit their information.',
  },
  {
    name: 'msp.profiles',
    service: 'msp',
    description: 'Copy existing profiles to managed customers.',
  },
  // The page leaves this row's name cell blank; the scope is OpenID Connect's `email`.
  {
    name: 'email',
    service: 'oauth',
    description: 'Use your email address to verify your identity.',
  },
  { name: 'openid', service: 'oauth', description: 'Use your Samsung Knox user identifier.' },
];

type Route = `${HttpMethod} /${string}`;

function routes(
  service: KnoxService,
  scopes: readonly string[],
  list: readonly Route[],
  base = '',
): EndpointEntry[] {
  return list.map((route) => {
    const space = route.indexOf(' ');
    const method = route.slice(0, space) as HttpMethod;
    return { method, path: base + route.slice(space + 1), service, scopes };
  });
}

/** The scopes page lists E-FOTA paths without their base; Knox serves them under /ke/v1. */
export const EFOTA_BASE_PATH = '/ke/v1';
const efota = (scopes: readonly string[], list: readonly Route[]): EndpointEntry[] =>
  routes('ke', scopes, list, EFOTA_BASE_PATH);

/** Every endpoint of Samsung's scopes page, once, with every scope that allows it. */
export const ENDPOINTS: readonly EndpointEntry[] = [
  ...routes('kai', ['kai.miscellaneous', 'kai'], ['POST /kai/v1/miscellaneous/getKspStatus']),
  // kc.devices covers "all endpoints in the Knox Configure API v2.0", as kc does.
  ...routes(
    'kc',
    ['kc.devices:view', 'kc.devices', 'kc'],
    ['POST /kc/v2/devices/getDevices', 'POST /kc/v2/devices/getDeviceLogs'],
  ),
  ...routes(
    'kc',
    ['kc.devices:manage', 'kc.devices', 'kc'],
    ['POST /kc/v2/devices/sendCommand', 'POST /kc/v2/devices/bulkDelete'],
  ),
  ...routes(
    'kdp',
    ['kdp.devices:manage', 'kdp.devices', 'kdp'],
    ['PUT /kcs/v1/rp/devices/upload', 'PUT /kcs/v1/rp/devices/delete'],
  ),
  ...routes(
    'kdp',
    ['kdp.devices:view', 'kdp.devices', 'kdp'],
    ['GET /kcs/v1/rp/devices/status', 'GET /kcs/v1/rp/devices'],
  ),
  ...routes('kdp', ['kdp.profilealias', 'kdp'], ['GET /kcs/v1/rp/profilealias/kme']),
  ...routes('kdp', ['kdp.customers', 'kdp'], ['GET /kcs/v1/rp/customers/list']),
  ...efota(
    ['ke.campaign:view', 'ke.campaign', 'ke'],
    ['GET /campaigns', 'GET /campaigns/{campaignId}', 'GET /campaignSchemas'],
  ),
  ...efota(
    ['ke.campaign:assign', 'ke.campaign', 'ke'],
    ['POST /campaigns/{campaignId}/bulkAssign', 'POST /campaigns/{campaignId}/bulkUnassign'],
  ),
  ...efota(
    ['ke.campaign:manage', 'ke.campaign', 'ke'],
    ['POST /campaigns', 'PUT /campaigns/{campaignId}'],
  ),
  ...efota(
    ['ke.campaign:delete', 'ke.campaign', 'ke'],
    ['DELETE /campaigns/{campaignId}', 'PUT /campaigns/{campaignId}/cancel'],
  ),
  ...efota(
    ['ke.devices:view', 'ke.devices', 'ke'],
    [
      'GET /devices/models',
      'GET /devices/salesCodes',
      'GET /devices/aggregateDeviceUpdateStatus',
      'GET /devices/csc',
      'POST /devices/getDevices',
    ],
  ),
  ...efota(
    ['ke.devices:manage', 'ke.devices', 'ke'],
    ['POST /devices/bulkUpload', 'POST /devices/bulkRefresh', 'POST /devices/bulkUnenroll'],
  ),
  ...efota(['ke.devices:delete', 'ke.devices', 'ke'], ['POST /devices/bulkDelete']),
  ...efota(['ke.licenses:view', 'ke.licenses', 'ke'], ['GET /licenses']),
  ...efota(['ke.licenses:manage', 'ke.licenses', 'ke'], ['POST /licenses', 'POST /trialLicenses']),
  ...efota(['ke.licenses:delete', 'ke.licenses', 'ke'], ['DELETE /licenses/{licenseId}']),
  ...efota(['ke.fota:view', 'ke'], ['GET /fota']),
  ...efota(['ke.privacyPolicy:view', 'ke.privacyPolicy', 'ke'], ['GET /privacyPolicy']),
  ...efota(['ke.privacyPolicy:manage', 'ke.privacyPolicy', 'ke'], ['PUT /privacyPolicy']),
  ...routes(
    'km',
    ['km.group:manage', 'km.group', 'km'],
    ['POST /km/v1/group/insertGroup', 'POST /km/v1/group/insertGroupUnits'],
  ),
  ...routes('km', ['km.group:view', 'km.group', 'km'], ['GET /km/v1/group/selectGroups']),
  ...routes(
    'km',
    ['km.user:manage', 'km.user', 'km'],
    ['POST /km/v1/user/createUser', 'POST /km/v1/user/requestEnrollment'],
  ),
  ...routes('km', ['km.user:view', 'km.user', 'km'], ['GET /km/v1/user/selectUserWithID']),
  ...routes('km', ['km.profile', 'km'], ['POST /km/v1/mdm/profileServiceWrapper/assign']),
  ...routes(
    'kme',
    ['kme.profiles:view', 'kme.profiles', 'kme'],
    [
      'GET /kcs/v1/kme/profiles/list',
      'GET /kcs/v1/kme/profiles/status',
      'GET /kcs/v1/kme/profiles/{id}/get',
    ],
  ),
  // createAsync keeps the trailing slash the page gives it; lookups ignore trailing slashes.
  ...routes(
    'kme',
    ['kme.profiles:manage', 'kme.profiles', 'kme'],
    [
      'POST /kcs/v1/kme/profiles/create',
      'POST /kcs/v1/kme/profiles/createAsync/',
      'PUT /kcs/v1/kme/profiles/{profileId}',
      'DELETE /kcs/v1/kme/profiles/{id}',
    ],
  ),
  ...routes(
    'kme',
    ['kme.devices:manage', 'kme.devices', 'kme'],
    [
      'PUT /kcs/v1/kme/devices/assignProfile',
      'POST /kcs/v1/kme/devices/delete',
      'PUT /kcs/v1/kme/devices/unassignProfile',
      'PUT /kcs/v2/kme/devices/unassignProfile',
      'POST /kcs/v1/kme/devices/uploads/approvals',
    ],
  ),
  ...routes(
    'kme',
    ['kme.devices:view', 'kme.devices', 'kme'],
    ['GET /kcs/v1/kme/devices/list', 'GET /kcs/v1/kme/devices/uploads/list'],
  ),
  ...routes(
    'kme',
    ['kme.reseller', 'kme'],
    [
      'POST /kcs/v1/kme/reseller/approvals',
      'POST /kcs/v1/kme/reseller/profilealias',
      'PUT /kcs/v1/kme/reseller/profilealias/{profileAliasId}',
      'DELETE /kcs/v1/kme/reseller/profilealias/{profileAliasId}',
    ],
  ),
  ...routes(
    'msp',
    ['msp.customers', 'msp'],
    [
      'POST /msp/v1/managedCustomers',
      'POST /msp/v1/managedCustomers/link',
      'POST /msp/v1/managedCustomers/delink',
      'GET /msp/v1/managedCustomers',
      'GET /msp/v1/managedCustomers/{customerId}',
      'PUT /msp/v1/managedCustomers/{customerId}',
    ],
  ),
  ...routes(
    'msp',
    ['msp.profiles', 'msp'],
    ['GET /msp/v1/profiles', 'POST /msp/v1/profiles/copy', 'POST /msp/v1/profiles/overwrite'],
  ),
  {
    method: 'POST',
    path: '/ams/v1/oauth2/token',
    service: 'oauth',
    scopes: ['email', 'openid'],
    requestsScopes: true,
  },
  // Not on the scopes page: revoking needs the client's credentials, no scope. See
  // https://docs.samsungknox.com/dev/knox-cloud-authentication/knox-oauth-2-0-authentication/for-uem-partners/step-4-refresh-access-token/
  { method: 'POST', path: '/ams/v1/oauth2/revoke', service: 'oauth', scopes: [] },
];

/**
 * The scopes whose endpoints Samsung's scopes page writes as "All <category> endpoints in the
 * <service> API". Each grants every path under its category's folders below the service's base
 * path, the folder named after the category: kai.devices grants /kai/v1/devices/..., so
 * `POST /kai/v1/devices/getDevices` needs kai.devices or kai. Listed endpoints keep their own
 * scopes (which name the category too). https://docs.samsungknox.com/dev/knox-cloud-authentication/oauth-scopes/
 */
export const CATEGORY_SCOPES: ReadonlyArray<{
  readonly scope: string;
  readonly service: KnoxService;
  /** Path prefixes, whole segments: '/kai/v1/devices' covers '/kai/v1/devices/getDevices'. */
  readonly paths: readonly string[];
}> = [
  { scope: 'kai.settings', service: 'kai', paths: ['/kai/v1/settings'] },
  { scope: 'kai.devices', service: 'kai', paths: ['/kai/v1/devices'] },
  { scope: 'kai.diagnostics', service: 'kai', paths: ['/kai/v1/diagnostics'] },
  { scope: 'kai.network', service: 'kai', paths: ['/kai/v1/network'] },
  { scope: 'ke.campaign', service: 'ke', paths: ['/ke/v1/campaigns', '/ke/v1/campaignSchemas'] },
  { scope: 'ke.devices', service: 'ke', paths: ['/ke/v1/devices'] },
  { scope: 'ke.licenses', service: 'ke', paths: ['/ke/v1/licenses', '/ke/v1/trialLicenses'] },
  { scope: 'ke.privacyPolicy', service: 'ke', paths: ['/ke/v1/privacyPolicy'] },
  {
    scope: 'kme.profiles',
    service: 'kme',
    paths: ['/kcs/v1/kme/profiles', '/kcs/v2/kme/profiles'],
  },
];

/**
 * Scopes the page grants over "all endpoints" of a service, for paths it does not list. msp's
 * row lists endpoints, but its description is "Manage all Knox MSP Portal functionality".
 */
export const SERVICE_WIDE_SCOPES: Partial<Record<KnoxService, readonly string[]>> = {
  kai: ['kai'],
  kc: ['kc.devices', 'kc'],
  kdp: ['kdp'],
  ke: ['ke'],
  km: ['km'],
  kme: ['kme'],
  msp: ['msp'],
};
