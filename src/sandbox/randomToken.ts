import { randomBytes, randomInt } from 'node:crypto';

/** An unguessable opaque token: `bytes` random bytes in base64url. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * A random secret of `bytes` bytes in base64url that starts with a letter or digit, so that it
 * can follow an option on a command line (`--client-secret -Kq3…` reads as a missing value).
 */
export function randomSecret(bytes = 32): string {
  for (;;) {
    const secret = randomToken(bytes);
    if (/^[A-Za-z0-9]/.test(secret)) return secret;
  }
}

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `length` random lowercase letters and digits (the shape of Samsung Account client ids). */
export function randomAlphanumeric(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}
