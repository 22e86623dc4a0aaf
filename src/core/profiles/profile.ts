import type { KnoxService } from '../catalogs/scopeCatalog';
import { KNOX_BASE_URLS } from '../auth/baseUrl';
import type { SamsungAccountClient } from '../samsungAccount/samsungAccountEndpoints';

/** How a profile authenticates: key file + client identifiers, Knox OAuth 2.0, or partner sign-in. */
export type AuthScheme = 'legacy' | 'oauth' | 'partner';
export type Region = 'us' | 'eu';

/** Where a profile talks to: a Samsung region, or any base URL (the local sandbox, a proxy). */
export type ProfileTarget =
  | { readonly kind: 'region'; readonly region: Region }
  | { readonly kind: 'custom'; readonly baseUrl: string };

/** What is shown of an imported key file: never its content. */
export interface KeyFileInfo {
  readonly fingerprint: string;
  readonly modulusBits: number;
  readonly fileName: string;
  readonly importedAt: number;
}

/** A client identifier as shown: the value itself lives in secret storage. */
export interface ClientIdentifierInfo {
  readonly id: string;
  readonly alias: string;
  readonly service: KnoxService;
  /** The last characters of the value, for recognising it ("…x9Qf"). */
  readonly hint: string;
  readonly addedAt: number;
}

/** A Knox OAuth 2.0 app as shown: the client secret lives in secret storage. */
export interface OAuthAppInfo {
  readonly clientId: string;
  /** The scopes a token request asks for. */
  readonly scopes: readonly string[];
  /** The scopes last ticked in "Set Up OAuth App" (absent until then): its picker starts there. */
  readonly lastPicked?: readonly string[];
}

/**
 * A partner portal's Samsung Account client as shown, and who is signed in (not secrets). The
 * client secret and the sign-in's tokens live in secret storage.
 */
export interface SamsungAccountInfo {
  readonly clientId: string;
  readonly aliasId: string;
  /** Base URL of signInGate/signOutGate; absent: the profile's own base URL (the local sandbox). */
  readonly authorizationHost?: string;
  /** Base URL of the token endpoints; absent: the authorization host. */
  readonly tokenHost?: string;
  readonly redirectUri: string;
  /** The Samsung Account user signed in, and when. */
  readonly userId?: string;
  readonly signedInAt?: number;
}

/** A named place and way to call Knox. Plain data: secrets are stored apart, by profile id. */
export interface Profile {
  readonly id: string;
  readonly name: string;
  readonly target: ProfileTarget;
  readonly scheme: AuthScheme;
  readonly tenantId?: string;
  readonly keyFile?: KeyFileInfo;
  readonly clientIdentifiers: readonly ClientIdentifierInfo[];
  readonly oauth?: OAuthAppInfo;
  /** Partner profiles: the Samsung Account client users sign in with. */
  readonly samsungAccount?: SamsungAccountInfo;
  /** Created by "Connect to Local Sandbox": its base URL follows the sandbox. */
  readonly sandbox?: boolean;
  readonly createdAt: number;
}

/** The base URL for a profile's Knox API calls (legacy token flow and service endpoints). */
export function apiBaseUrl(target: ProfileTarget): string {
  return target.kind === 'region' ? KNOX_BASE_URLS[target.region] : target.baseUrl;
}

/** The base URL of the Knox OAuth 2.0 token endpoint for a profile. */
export function oauthBaseUrl(target: ProfileTarget): string {
  return target.kind === 'region' ? KNOX_BASE_URLS.oauth : target.baseUrl;
}

/** The Samsung Account client of a partner profile, hosts resolved; undefined when none is set up. */
export function samsungAccountClientOf(profile: Profile): SamsungAccountClient | undefined {
  const info = profile.samsungAccount;
  if (!info) return undefined;
  return {
    clientId: info.clientId,
    aliasId: info.aliasId,
    authorizationHost: info.authorizationHost ?? apiBaseUrl(profile.target),
    ...(info.tokenHost === undefined ? {} : { tokenHost: info.tokenHost }),
    redirectUri: info.redirectUri,
  };
}

/** Human form of a target: "US", "EU" or the custom host. */
export function describeTarget(target: ProfileTarget): string {
  if (target.kind === 'region') return target.region.toUpperCase();
  try {
    return new URL(target.baseUrl).host;
  } catch {
    return target.baseUrl;
  }
}

/** Checks a profile name; returns a message saying what is wrong, or undefined. */
export function validateProfileName(name: string, taken: readonly string[]): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'Enter a name for the profile.';
  if (trimmed.length > 60) return 'Use at most 60 characters.';
  if (taken.some((t) => t.toLowerCase() === trimmed.toLowerCase()))
    return `A profile named "${trimmed}" exists already. Choose another name.`;
  return undefined;
}

/** The last four characters of a secret, for display ("…x9Qf"); short secrets show nothing. */
export function secretHint(value: string): string {
  const v = value.trim();
  return v.length >= 16 ? `…${v.slice(-4)}` : '…';
}
