/**
 * Failure codes of the toolkit itself (not Samsung's error codes, which live in the error
 * catalog). Stable: tests, the CLI's exit codes and the VS Code layer branch on them.
 */
export type KnoxToolErrorCode =
  // key files
  | 'KEYFILE_NOT_JSON'
  | 'KEYFILE_NOT_OBJECT'
  | 'KEYFILE_FIELD_MISSING'
  | 'KEYFILE_NOT_BASE64'
  | 'KEYFILE_NOT_A_KEY'
  | 'KEYFILE_NOT_RSA'
  | 'KEYFILE_KEY_TOO_SHORT'
  | 'KEYFILE_KEYS_MISMATCH'
  | 'KEYFILE_UNREADABLE'
  // tokens and signing
  | 'TOKEN_INVALID_INPUT'
  | 'TOKEN_MALFORMED_JWT'
  | 'TOKEN_SIGNATURE_INVALID'
  | 'TOKEN_VALIDITY_OUT_OF_RANGE'
  | 'TOKEN_MISSING_CREDENTIAL'
  // transport
  | 'NETWORK_FAILED'
  | 'NETWORK_TIMEOUT'
  | 'ABORTED'
  | 'RETRIES_EXHAUSTED'
  | 'RESPONSE_INVALID'
  | 'REDIRECT_NOT_FOLLOWED'
  | 'KNOX_REJECTED'
  // configuration and storage
  | 'INVALID_INPUT'
  | 'INVALID_BASE_URL'
  | 'OAUTH_NOT_SUPPORTED'
  | 'STORAGE_UNAVAILABLE'
  | 'NOT_FOUND'
  | 'UNTRUSTED_WORKSPACE'
  | 'HTTP_FILE_SYNTAX'
  | 'SIGN_IN_STATE_MISMATCH'
  | 'SIGN_IN_FAILED'
  | 'SIGN_IN_TIMEOUT'
  | 'UNKNOWN_CODE'
  | 'UNKNOWN_ENDPOINT'
  | 'INTERNAL';

const BRAND = Symbol.for('knox-api-toolkit.KnoxToolError');

/**
 * The one error type the toolkit throws. Its message is one line, says what failed and what
 * to do, and never contains a secret; the original error is kept as `cause`.
 */
export class KnoxToolError extends Error {
  override readonly name = 'KnoxToolError';
  // The VS Code extension loads features as separate bundles, each with its own copy of this
  // class: `instanceof` checks a brand in the global symbol registry instead of the prototype.
  private readonly [BRAND] = true;

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && BRAND in value;
  }

  constructor(
    readonly code: KnoxToolErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True when `e` is a KnoxToolError, and, if `code` is given, one with that code. */
export function isKnoxToolError(e: unknown, code?: KnoxToolErrorCode): e is KnoxToolError {
  return e instanceof KnoxToolError && (code === undefined || e.code === code);
}
