import { randomUUID, sign } from 'node:crypto';
import { KnoxToolError } from '../toolError';
import type { KeyFile, RsaJwsAlgorithm } from '../keys/keyFile';

// The protected header, exactly as Samsung's token utility writes it, encoded once.
const HEADERS: Readonly<Record<RsaJwsAlgorithm, string>> = {
  RS512: Buffer.from(JSON.stringify({ alg: 'RS512', typ: 'JWT' })).toString('base64url'),
  RS256: Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url'),
};
const HASHES: Readonly<Record<RsaJwsAlgorithm, string>> = { RS512: 'sha512', RS256: 'sha256' };

/** The `aud` claim of every JWT Samsung's token utility signs. */
export const KNOX_JWT_AUDIENCE = 'KnoxWSM';

/** Seconds from `iat` to `exp` in Samsung's token utility: 30 minutes. */
export const DEFAULT_JWT_LIFETIME_SECONDS = 1800;

/** How to sign: algorithm (default RS512), clock in ms since the epoch, and lifetime in seconds. */
export interface SignOptions {
  readonly alg?: RsaJwsAlgorithm;
  readonly now?: () => number;
  readonly lifetimeSeconds?: number;
}

/**
 * Signs the portal's Client Identifier for the accesstoken API (`clientIdentifierJwt`).
 * Rejects with TOKEN_INVALID_INPUT when it is empty.
 */
export function signClientIdentifier(
  key: KeyFile,
  clientIdentifier: string,
  options?: SignOptions,
): Promise<string> {
  return signKnoxJwt(key, [['clientIdentifier', clientIdentifier, CLIENT_IDENTIFIER]], options);
}

/**
 * Signs the Client Identifier together with a Samsung Account access token (partner portals:
 * claims `clientIdentifier` and `delegatedSAToken`). Rejects with TOKEN_INVALID_INPUT when either is empty.
 */
export function signClientIdentifierWithIdpToken(
  key: KeyFile,
  clientIdentifier: string,
  idpAccessToken: string,
  options?: SignOptions,
): Promise<string> {
  return signKnoxJwt(
    key,
    [
      ['clientIdentifier', clientIdentifier, CLIENT_IDENTIFIER],
      [
        'delegatedSAToken',
        idpAccessToken,
        'Samsung Account access token to sign is empty. Sign in with Samsung Account again to get one.',
      ],
    ],
    options,
  );
}

/** Signs the access token Knox returned, for the `x-knox-apitoken` header. Rejects with TOKEN_INVALID_INPUT when empty. */
export function signAccessToken(
  key: KeyFile,
  accessToken: string,
  options?: SignOptions,
): Promise<string> {
  return signKnoxJwt(
    key,
    [
      [
        'accessToken',
        accessToken,
        'access token to sign is empty. Pass the accessToken value returned by the Knox accesstoken API.',
      ],
    ],
    options,
  );
}

/** Signs a session token of the old EMM flow (`sessionTokenJwt`). Rejects with TOKEN_INVALID_INPUT when empty. */
export function signSessionToken(
  key: KeyFile,
  sessionToken: string,
  options?: SignOptions,
): Promise<string> {
  return signKnoxJwt(
    key,
    [
      [
        'sessionToken',
        sessionToken,
        'session token to sign is empty. Pass the sessionToken value returned by the Knox sessiontoken API.',
      ],
    ],
    options,
  );
}

/** A claim to sign: its name, the caller's value and the end of the message when the value is empty. */
type SpecificClaim = readonly [claim: string, value: string, whenEmpty: string];

const CLIENT_IDENTIFIER =
  'client identifier to sign is empty. Paste the Client Identifier from the Knox Cloud API portal.';
const ALGORITHMS: readonly string[] = ['RS512', 'RS256'] satisfies RsaJwsAlgorithm[];

function signKnoxJwt(
  key: KeyFile,
  specific: readonly SpecificClaim[],
  options: SignOptions = {},
): Promise<string> {
  // Signing is synchronous; the promise keeps the API's contract that bad input rejects.
  return new Promise((resolve) => resolve(signKnoxJwtNow(key, specific, options)));
}

function signKnoxJwtNow(
  key: KeyFile,
  specific: readonly SpecificClaim[],
  options: SignOptions,
): string {
  const values: Record<string, string> = {};
  for (const [claim, value, whenEmpty] of specific) {
    // Verbatim but for surrounding whitespace, which a value read from a file often ends with.
    const trimmed = typeof value === 'string' ? value.trim() : '';
    if (trimmed === '') throw new KnoxToolError('TOKEN_INVALID_INPUT', `The ${whenEmpty}`);
    values[claim] = trimmed;
  }
  const { alg = 'RS512', now = Date.now, lifetimeSeconds = DEFAULT_JWT_LIFETIME_SECONDS } = options;
  if (!ALGORITHMS.includes(alg)) {
    throw new KnoxToolError(
      'TOKEN_INVALID_INPUT',
      `Cannot sign with algorithm "${String(alg)}". Choose RS512 (the default) or RS256.`,
    );
  }
  if (!Number.isSafeInteger(lifetimeSeconds) || lifetimeSeconds <= 0) {
    throw new KnoxToolError(
      'TOKEN_VALIDITY_OUT_OF_RANGE',
      `A signed token's lifetime must be a whole number of seconds above 0, not ${String(lifetimeSeconds)}. Leave it unset for Knox's 1800.`,
    );
  }
  const iat = Math.floor(now() / 1000);
  // Claim order follows Samsung's knox-token-library-js: the specific claim(s), then these.
  const claims = {
    ...values,
    publicKey: key.publicKeyBase64,
    iat,
    exp: iat + lifetimeSeconds,
    aud: KNOX_JWT_AUDIENCE,
    // A jti is never reused: Knox answers 4002250 API_KEY_NON_UNIQUE_JWTID.
    jti: randomUUID() + randomUUID(),
  };
  try {
    // One synchronous RSA signature with the KeyObject parsed once with the key file. jose signs
    // through a promisified crypto.sign (the libuv thread pool), which costs 1.3-1.5x a plain
    // signature per token; jose verifies these tokens instead (decodeJwt.ts), as a check that
    // does not share this code.
    const signingInput = `${HEADERS[alg]}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    const signature = sign(HASHES[alg], Buffer.from(signingInput), key.privateKey);
    return `${signingInput}.${signature.toString('base64url')}`;
  } catch (e) {
    throw new KnoxToolError(
      'INTERNAL',
      `Signing a Knox JWT with the key from ${key.source} failed. Import the key file again; if that does not help, report a bug.`,
      { cause: e },
    );
  }
}
