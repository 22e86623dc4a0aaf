import type { KeyObject } from 'node:crypto';
import { KnoxToolError } from '../toolError';

/** The parts of a compact JWS: decoded header and claims, the signed text and the signature bytes. */
export interface DecodedJwt {
  readonly header: Readonly<Record<string, unknown>>;
  readonly claims: Readonly<Record<string, unknown>>;
  /** `<header>.<payload>` exactly as in the token: the bytes the signature covers. */
  readonly signingInput: string;
  readonly signature: Uint8Array;
}

/** What a JWT's `iat` and `exp` mean at `nowMs`; `secondsLeft` is 0 once expired. */
export interface JwtTimes {
  readonly issuedAt?: Date;
  readonly expiresAt?: Date;
  readonly expired: boolean;
  readonly secondsLeft?: number;
}

/**
 * Decodes a compact JWT without verifying it (surrounding whitespace is ignored).
 * Throws TOKEN_MALFORMED_JWT when it is not three base64url parts with JSON-object header and claims.
 */
export function decodeJwt(token: string): DecodedJwt {
  const text = typeof token === 'string' ? token.trim() : '';
  if (text === '') throw malformed('The token is empty.');
  const parts = text.split('.');
  if (parts.length === 5) {
    throw malformed('The token is an encrypted JWT (JWE, 5 parts); only signed JWTs can be read.');
  }
  const [header, payload, signature] = parts;
  if (
    parts.length !== 3 ||
    header === undefined ||
    payload === undefined ||
    signature === undefined
  ) {
    throw malformed(
      `The token is not a JWT: it has ${parts.length} part${parts.length === 1 ? '' : 's'} separated by ".", not 3.`,
    );
  }
  return {
    header: jsonPart(header, 'header'),
    claims: jsonPart(payload, 'payload'),
    signingInput: `${header}.${payload}`,
    signature: base64url(signature, 'signature', true),
  };
}

/**
 * True when the RS256 or RS512 signature of `token` verifies with `publicKey`.
 * Throws TOKEN_MALFORMED_JWT as decodeJwt, and TOKEN_INVALID_INPUT for another algorithm or a non-RSA key.
 */
export async function verifyJwtSignature(token: string, publicKey: KeyObject): Promise<boolean> {
  const { header } = decodeJwt(token);
  const hash = header.alg === 'RS512' ? 'sha512' : header.alg === 'RS256' ? 'sha256' : undefined;
  if (hash === undefined) {
    const alg =
      typeof header.alg === 'string' && /^[A-Za-z0-9+-]{1,16}$/.test(header.alg)
        ? `"${header.alg}"`
        : 'an unknown algorithm';
    throw new KnoxToolError(
      'TOKEN_INVALID_INPUT',
      `The token is signed with ${alg}; only RS256 and RS512 tokens can be checked against a key file.`,
    );
  }
  if (publicKey.asymmetricKeyType !== 'rsa') {
    throw new KnoxToolError(
      'TOKEN_INVALID_INPUT',
      'The key to verify the token with is not an RSA key. Use the public key of a Knox keys.json.',
    );
  }
  // jose checks what our signer (node:crypto) made: the two share no code.
  const { compactVerify } = await import('jose');
  try {
    await compactVerify(token, publicKey, { algorithms: [header.alg as string] });
    return true;
  } catch (e) {
    if ((e as { code?: unknown }).code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return false;
    throw new KnoxToolError(
      'TOKEN_INVALID_INPUT',
      'The token signature cannot be checked with this key (it must be an RSA key of at least 2048 bits, and the token a compact JWS).',
      { cause: e },
    );
  }
}

/** Reads `iat` and `exp` (NumericDate seconds) of `claims` at `nowMs`; a token without `exp` never expires. */
export function describeJwtTimes(
  claims: Readonly<Record<string, unknown>>,
  nowMs: number,
): JwtTimes {
  const iat = numericDate(claims.iat);
  const exp = numericDate(claims.exp);
  if (exp === undefined) {
    return { ...(iat === undefined ? {} : { issuedAt: new Date(iat * 1000) }), expired: false };
  }
  const expired = nowMs >= exp * 1000;
  return {
    ...(iat === undefined ? {} : { issuedAt: new Date(iat * 1000) }),
    expiresAt: new Date(exp * 1000),
    expired,
    secondsLeft: expired ? 0 : Math.floor((exp * 1000 - nowMs) / 1000),
  };
}

function numericDate(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function malformed(message: string): KnoxToolError {
  return new KnoxToolError('TOKEN_MALFORMED_JWT', `${message} Copy the whole token again.`);
}

function base64url(part: string, name: string, allowEmpty = false): Uint8Array {
  if ((part === '' && !allowEmpty) || !/^[A-Za-z0-9_-]*$/.test(part) || part.length % 4 === 1) {
    throw malformed(`The token's ${name} is not base64url text.`);
  }
  return new Uint8Array(Buffer.from(part, 'base64url'));
}

function jsonPart(part: string, name: 'header' | 'payload'): Readonly<Record<string, unknown>> {
  const bytes = base64url(part, name);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    // Not kept as the cause: V8's JSON.parse message quotes the text, which may hold a secret.
    throw malformed(`The token's ${name} is not JSON.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformed(`The token's ${name} is not a JSON object.`);
  }
  return value as Record<string, unknown>;
}
