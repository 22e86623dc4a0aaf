import type { TokenInfo } from '../tokens/tokenStatus';
import { formatCountdown, formatTimeLeft } from '../tokens/tokenStatus';
import type { AuthScheme, ClientIdentifierInfo, Profile, SamsungAccountInfo } from './profile';
import { describeTarget } from './profile';

/** How each way to authenticate is named in one word or two. */
export const SCHEME_LABEL: Readonly<Record<AuthScheme, string>> = {
  legacy: 'key file',
  oauth: 'OAuth 2.0',
  partner: 'partner sign-in',
};

const SCHEME_SHORT: Readonly<Record<AuthScheme, string>> = {
  legacy: 'key file',
  oauth: 'OAuth',
  partner: 'partner',
};

/**
 * A profile's one-line summary, short enough for the default sidebar width: active, where ("local"
 * for the sandbox), how. The tenant and the full scheme name go to the tooltip.
 */
export function profileDescription(profile: Profile, active: boolean): string {
  return [
    active ? 'active' : '',
    profile.sandbox ? 'local' : describeTarget(profile.target),
    SCHEME_SHORT[profile.scheme],
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The first and last two bytes of a fingerprint, enough to tell keys apart: "A8:51…B1:26". */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.length <= 11
    ? fingerprint
    : `${fingerprint.slice(0, 5)}…${fingerprint.slice(-5)}`;
}

/** An OAuth client id as its first and last four characters: "a3f7…85b8". */
export function shortClientId(clientId: string): string {
  return clientId.length <= 10 ? clientId : `${clientId.slice(0, 4)}…${clientId.slice(-4)}`;
}

/**
 * A client identifier's row beside its alias: the service's short name and the value's last
 * characters ("KDP · …OMcw"), the service left out where the alias already is it ("KME").
 */
export function clientIdentifierDescription(c: ClientIdentifierInfo): string {
  const service = c.service.toUpperCase();
  return c.alias.trim().toUpperCase() === service ? c.hint : `${service} · ${c.hint}`;
}

/** A token's row in the tree is named after its credential: the client identifier's alias, "OAuth app", "Samsung Account". */
export function tokenRowLabel(profile: Profile, token: TokenInfo): string {
  if (token.kind === 'oauth') return 'OAuth app';
  if (token.kind === 'samsungAccount') return 'Samsung Account';
  return profile.clientIdentifiers.find((c) => c.id === token.credential)?.alias ?? token.label;
}

/** A token's time left as it ticks ("29:40 left"), or how long ago it expired. */
export function tokenTimeLeft(expiresAt: number, now: number): string {
  return expiresAt > now
    ? `${formatCountdown(expiresAt, now)} left`
    : formatTimeLeft(expiresAt, now);
}

/** The Samsung Account row in a word or two: signed out, signed in, or its token's time left. */
export function samsungAccountStatus(
  info: SamsungAccountInfo,
  token: TokenInfo | undefined,
  now: number,
): string {
  if (info.signedInAt === undefined) return 'signed out';
  if (!token) return 'signed in';
  return token.expiresAt > now ? `${formatTimeLeft(token.expiresAt, now)} left` : 'token expired';
}

/** The Markdown paragraphs that tell a partner profile's Samsung Account client and sign-in. */
export function samsungAccountDetails(
  profile: Profile,
  info: SamsungAccountInfo,
  token: TokenInfo | undefined,
  now: number,
): string[] {
  const lines = [
    `**Samsung Account** client \`${info.clientId}\`, ALIAS_ID \`${info.aliasId}\``,
    `Authorization host: \`${info.authorizationHost ?? describeTarget(profile.target)}\``,
    `Redirect URI: \`${info.redirectUri}\``,
  ];
  if (info.signedInAt === undefined) {
    lines.push('Nobody is signed in. Click to sign in.');
    return lines;
  }
  lines.push(
    `Signed in as \`${info.userId ?? 'unknown'}\` on ${new Date(info.signedInAt).toLocaleString()}.`,
  );
  if (token)
    lines.push(
      `Samsung Account token ${token.expiresAt > now ? `expires ${new Date(token.expiresAt).toLocaleTimeString()}` : 'has expired'}; the refresh token renews it when used.`,
    );
  return lines;
}
