import { resolveBaseUrl } from '../auth/baseUrl';
import type { AuthScheme, ProfileTarget, Region } from './profile';

/** One place a profile can talk to, as offered; no target means "ask for a custom base URL". */
export interface TargetChoice {
  readonly label: string;
  readonly description: string;
  readonly target: ProfileTarget | undefined;
}

/** The places "Add Profile" offers, the default region first. */
export function targetChoices(defaultRegion: Region): TargetChoice[] {
  const us: TargetChoice = {
    label: 'US',
    description: 'us-kcs-api.samsungknox.com',
    target: { kind: 'region', region: 'us' },
  };
  const eu: TargetChoice = {
    label: 'EU',
    description: 'eu-kcs-api.samsungknox.com',
    target: { kind: 'region', region: 'eu' },
  };
  const custom: TargetChoice = {
    label: 'Custom base URL…',
    description: 'the local sandbox, a proxy, another region',
    target: undefined,
  };
  return defaultRegion === 'eu' ? [eu, us, custom] : [us, eu, custom];
}

/** Why a typed base URL is refused (the one-line message of `resolveBaseUrl`), or undefined. */
export function baseUrlProblem(value: string): string | undefined {
  try {
    resolveBaseUrl(value);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** One way a profile can authenticate, as offered. */
export interface SchemeChoice {
  readonly label: string;
  readonly description: string;
  readonly scheme: AuthScheme;
}

/** The ways "Add Profile" offers, in this order. */
export const SCHEME_CHOICES: readonly SchemeChoice[] = [
  {
    label: 'Key file and client identifiers',
    description: 'Knox Cloud Authentication: keys.json, x-knox-apitoken',
    scheme: 'legacy',
  },
  {
    label: 'Knox OAuth 2.0 app',
    description: 'client id and secret with scopes; Bearer token',
    scheme: 'oauth',
  },
  {
    label: 'Partner portal (Samsung Account sign-in)',
    description: 'EMM/UEM on behalf of customers',
    scheme: 'partner',
  },
];
