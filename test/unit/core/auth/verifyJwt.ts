import assert from 'node:assert/strict';
import { verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/** A verified JWT's header and claims. */
export interface VerifiedJwt {
  readonly header: Record<string, unknown>;
  readonly claims: Record<string, unknown>;
}

/**
 * Verifies an RS256/RS512 compact JWT with `publicKey` using node:crypto alone (independent of the
 * code under test) and returns its header and claims; fails the test when the signature is bad.
 */
export function verifyJwt(token: string, publicKey: KeyObject): VerifiedJwt {
  const [header, payload, signature] = token.split('.');
  assert.ok(header && payload && signature, 'a JWT has three parts');
  const decoded = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  const hash = decoded.alg === 'RS512' ? 'sha512' : decoded.alg === 'RS256' ? 'sha256' : undefined;
  assert.ok(hash, `unexpected alg ${String(decoded.alg)}`);
  const ok = verify(
    hash,
    Buffer.from(`${header}.${payload}`),
    publicKey,
    Buffer.from(signature, 'base64url'),
  );
  assert.ok(ok, 'the JWT signature verifies with the public key');
  return {
    header: decoded,
    claims: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >,
  };
}
