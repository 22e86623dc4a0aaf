import type { TokenInfo } from '../tokens/tokenStatus';
import { formatTimeLeft } from '../tokens/tokenStatus';
import type { AuthScheme, Profile, SamsungAccountInfo } from './profile';
import { describeTarget } from './profile';

/** How each way to authenticate is named in one word or two. */
export const SCHEME_LABEL: Readonly<Record<AuthScheme, string>> = {
  legacy: 'key file',
  oauth: 'OAuth 2.0',
  partner: 'partner sign-in',
};

/** A profile's one-line summary, short enough for a sidebar: active, where, how, which tenant. */
export function profileDescription(profile: Profile, active: boolean): string {
  return [
    active ? 'active' : '',
    profile.sandbox ? 'sandbox' : describeTarget(profile.target),
    SCHEME_LABEL[profile.scheme],
    profile.tenantId ? `tenant ${profile.tenantId}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Whether someone is signed in to Samsung Account, and how long their token has left. */
export function samsungAccountStatus(
  info: SamsungAccountInfo,
  token: TokenInfo | undefined,
  now: number,
): string {
  if (info.signedInAt === undefined) return `client ${info.clientId} · sign in`;
  if (!token) return 'signed in';
  return token.expiresAt > now
    ? `signed in · token ${formatTimeLeft(token.expiresAt, now)} left`
    : 'signed in · token expired, renews on use';
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
  if (info.signedInAt === undefined) return lines;
  lines.push(
    `Signed in as \`${info.userId ?? 'unknown'}\` on ${new Date(info.signedInAt).toLocaleString()}.`,
  );
  if (token)
    lines.push(
      `Samsung Account token ${token.expiresAt > now ? `expires ${new Date(token.expiresAt).toLocaleTimeString()}` : 'has expired'}; the refresh token renews it when used.`,
    );
  return lines;
}
