/** The Knox services the sandbox issues client identifiers for and serves APIs of. */
export const SANDBOX_SERVICES = ['kme', 'kdp', 'kc', 'kg', 'kai', 'ke', 'km', 'msp'] as const;

export type SandboxService = (typeof SANDBOX_SERVICES)[number];

/**
 * How a service writes its error bodies, as each service's error page shows, e.g.
 * https://docs.samsungknox.com/dev/knox-guard/error-codes/ and https://docs.samsungknox.com/dev/knox-msp-portal/error-codes/
 */
export type ErrorShape = 'knox' | 'guard' | 'msp' | 'efota';

const PREFIXES: readonly (readonly [string, SandboxService])[] = [
  ['/kcs/v1/kme/', 'kme'],
  ['/kcs/v2/kme/', 'kme'],
  ['/kcs/v1/rp/', 'kdp'],
  ['/kcs/v1/kc/', 'kc'],
  ['/kc/', 'kc'],
  ['/kcs/v1.1/kg/', 'kg'],
  ['/kai/', 'kai'],
  ['/ke/', 'ke'],
  ['/km/', 'km'],
  ['/msp/', 'msp'],
];

/** The service whose base path `path` is under, if any. */
export function serviceForPath(path: string): SandboxService | undefined {
  return PREFIXES.find(([prefix]) => path.startsWith(prefix))?.[1];
}

export function isSandboxService(value: string): value is SandboxService {
  return (SANDBOX_SERVICES as readonly string[]).includes(value);
}

export function errorShapeOf(service: SandboxService | undefined): ErrorShape {
  switch (service) {
    case 'kg':
    case 'kai':
      return 'guard';
    case 'msp':
      return 'msp';
    case 'ke':
      return 'efota';
    default:
      return 'knox';
  }
}

/**
 * Knox Guard has no OAuth 2.0 (no section on the scopes page): it takes only x-knox-apitoken.
 * https://docs.samsungknox.com/dev/knox-cloud-authentication/knox-oauth-2-0-authentication/scopes-for-knox-cloud-services-apis/
 */
export function acceptsOAuth(service: SandboxService): boolean {
  return service !== 'kg';
}
