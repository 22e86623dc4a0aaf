import { randomBytes, randomInt } from 'node:crypto';

/** An unguessable opaque token: `bytes` random bytes in base64url. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `length` random lowercase letters and digits (the shape of Samsung Account client ids). */
export function randomAlphanumeric(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}
