import type { KeyObject } from 'node:crypto';
import type { Profile } from '../profiles/profile';
import { decodeJwt, describeJwtTimes, verifyJwtSignature } from './decodeJwt';
import type { MintedToken } from './tokenManager';
import { formatTimeLeft } from './tokenStatus';

/** Claims that hold a secret of their own: the report shows only their length. */
const SECRET_CLAIMS = ['accessToken', 'clientIdentifier', 'sessionToken', 'delegatedSAToken'];

/** What a token report needs besides the token: the time, and the profile's public key on demand. */
export interface TokenReportDeps {
  readonly now: number;
  /** Asked only for a JWT of a profile with a key file, to check the signature. */
  readonly publicKey: () => Promise<KeyObject>;
}

/**
 * A Markdown report of a token: kind and times, and for a JWT its decoded header and claims (secret
 * claims hidden) and whether the profile's key verifies it. Throws TOKEN_MALFORMED_JWT (decodeJwt).
 */
export async function tokenReport(
  profile: Profile,
  token: MintedToken,
  deps: TokenReportDeps,
): Promise<string> {
  const { now } = deps;
  const lines = [
    `# Token of "${profile.name}"`,
    '',
    `- Kind: ${token.kind === 'oauth' ? 'Knox OAuth 2.0 bearer token' : 'signed Knox Cloud access token (x-knox-apitoken)'}`,
    `- Issued: ${token.issuedAt ? new Date(token.issuedAt).toISOString() : 'unknown'}`,
    `- Expires: ${new Date(token.expiresAt).toISOString()} (${formatTimeLeft(token.expiresAt, now)}${token.expiresAt > now ? ' left' : ''})`,
  ];
  const raw = token.value.replace(/^Bearer\s+/i, '');
  if (raw.split('.').length !== 3) {
    lines.push('', 'The token is opaque (not a JWT): nothing more to decode.');
    return lines.join('\n');
  }
  lines.push('', ...jwtLines(raw, now));
  if (profile.keyFile) {
    const ok = await verifyJwtSignature(raw, await deps.publicKey());
    lines.push(
      `- Signature: ${ok ? 'verifies' : 'DOES NOT verify'} against the profile's key ${profile.keyFile.fingerprint.slice(0, 11)}…`,
    );
  }
  return lines.join('\n');
}

function jwtLines(raw: string, now: number): string[] {
  const decoded = decodeJwt(raw);
  const claims: Record<string, unknown> = { ...decoded.claims };
  for (const name of SECRET_CLAIMS) {
    const value = claims[name];
    if (typeof value === 'string') claims[name] = `<${value.length} characters, hidden>`;
  }
  const times = describeJwtTimes(decoded.claims, now);
  return [
    '## Header',
    '',
    '```json',
    JSON.stringify(decoded.header, null, 2),
    '```',
    '',
    '## Claims',
    '',
    '```json',
    JSON.stringify(claims, null, 2),
    '```',
    '',
    `- iat: ${times.issuedAt?.toISOString() ?? 'none'}`,
    `- exp: ${times.expiresAt?.toISOString() ?? 'none'} (${times.expired ? 'expired' : 'valid'})`,
  ];
}
