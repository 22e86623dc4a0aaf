import { createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { isRecord } from './sandboxRequest';

/** A JWT whose signature, audience and lifetime checked out. */
export interface VerifiedJwt {
  readonly alg: 'RS512' | 'RS256';
  readonly header: Readonly<Record<string, unknown>>;
  readonly claims: Readonly<Record<string, unknown>>;
}

export type JwtCheck =
  | { readonly ok: true; readonly jwt: VerifiedJwt }
  | { readonly ok: false; readonly problem: string; readonly expired?: boolean };

/** Knox accepts future-dated `iat` within this much clock skew, in seconds. */
const IAT_SKEW_SECONDS = 300;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The RSA public key in `base64` (standard base64 of an X.509 SubjectPublicKeyInfo DER, as in
 * keys.json's "Public"), or undefined when it is not one.
 */
export function parsePublicKey(base64: string): KeyObject | undefined {
  if (!BASE64.test(base64) || base64.length % 4 !== 0) return undefined;
  try {
    const key = createPublicKey({
      key: Buffer.from(base64, 'base64'),
      format: 'der',
      type: 'spki',
    });
    return key.asymmetricKeyType === 'rsa' ? key : undefined;
  } catch {
    return undefined;
  }
}

function decodeJson(segment: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies a JWT the way Knox does, independently of the toolkit's own signing code:
 * compact form, RS512 or RS256 signature by `key`, `aud` "KnoxWSM", `exp` in the future.
 * The caller checks the flow-specific claims (publicKey, jti, clientIdentifier...).
 */
export function verifyKnoxJwt(token: string, key: KeyObject, nowSeconds: number): JwtCheck {
  const parts = token.split('.');
  if (parts.length !== 3) {
    return { ok: false, problem: `The JWT has ${parts.length} parts; a signed JWT has 3.` };
  }
  const [head = '', body = '', signature = ''] = parts;
  if (![head, body, signature].every((part) => BASE64URL.test(part))) {
    return { ok: false, problem: 'The JWT has an empty or non-base64url part.' };
  }
  const header = decodeJson(head);
  const claims = decodeJson(body);
  if (!header || !claims) {
    return { ok: false, problem: 'The JWT header or payload is not a base64url JSON object.' };
  }
  const alg = header['alg'];
  if (alg !== 'RS512' && alg !== 'RS256') {
    return {
      ok: false,
      problem: `The JWT is signed with alg ${JSON.stringify(alg)}; Knox accepts RS512 or RS256.`,
    };
  }
  const valid = verify(
    alg === 'RS512' ? 'sha512' : 'sha256',
    Buffer.from(`${head}.${body}`),
    key,
    Buffer.from(signature, 'base64url'),
  );
  if (!valid) {
    return { ok: false, problem: 'The JWT signature does not verify with the public key.' };
  }
  const aud = claims['aud'];
  if (aud !== 'KnoxWSM' && !(Array.isArray(aud) && aud.includes('KnoxWSM'))) {
    return { ok: false, problem: `The JWT "aud" is ${JSON.stringify(aud)}; Knox wants "KnoxWSM".` };
  }
  const exp = claims['exp'];
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    return { ok: false, problem: 'The JWT has no numeric "exp" claim.' };
  }
  if (exp <= nowSeconds) {
    return { ok: false, expired: true, problem: `The JWT expired at ${isoSeconds(exp)}.` };
  }
  const iat = claims['iat'];
  if (iat !== undefined && (typeof iat !== 'number' || iat > nowSeconds + IAT_SKEW_SECONDS)) {
    return { ok: false, problem: 'The JWT "iat" claim is not a time in the past.' };
  }
  return { ok: true, jwt: { alg, header, claims } };
}

function isoSeconds(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString();
}

/** The payload of a compact JWT without verifying it (to find the key it claims), or undefined. */
export function peekClaims(token: string): Readonly<Record<string, unknown>> | undefined {
  const body = token.split('.')[1];
  return body !== undefined && BASE64URL.test(body) ? decodeJson(body) : undefined;
}
