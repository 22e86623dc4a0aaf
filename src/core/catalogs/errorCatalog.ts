// CONTRACT STUB (to be completed by the error-catalog work): the shapes and lookups below are
// what the rest of the toolkit codes against. Keep the exported names and signatures.

/** Which flow an error code belongs to. */
export type ErrorFlow =
  | 'http'
  | 'customer-auth'
  | 'samsung-account-token'
  | 'samsung-account-authorize'
  | 'oauth'
  | 'service';

/** What the extension can do about a code (each maps to a command in the VS Code layer). */
export type ErrorAction =
  | 'renewToken'
  | 'resignJwt'
  | 'openProfile'
  | 'checkClientSecret'
  | 'checkKeyFile'
  | 'checkScopes'
  | 'signIn'
  | 'retryLater';

/** One code of Samsung's (never one of the toolkit's own failure codes). */
export interface ErrorCodeEntry {
  /** As Samsung writes it: '4032251', 'AUT_1806', 'LIC_4103', '429'. */
  readonly code: string;
  /** Samsung's name or message: 'ACCESS_TOKEN_EXPIRED', 'Too Many Requests'. */
  readonly name: string;
  readonly httpStatus?: number;
  readonly meaning: string;
  readonly cause: string;
  readonly fix: string;
  readonly flow: ErrorFlow;
  readonly docUrl: string;
  readonly action?: ErrorAction;
  /** Other spellings of the same code (4012250 for 40122050). */
  readonly aliases?: readonly string[];
}

/** Every known code. */
export const ERROR_CATALOG: readonly ErrorCodeEntry[] = [];

/** Finds a code by code ('4032251', 4032251, 'aut_1806') or by name ('ACCESS_TOKEN_EXPIRED'). */
export function findErrorCode(codeOrName: string | number): ErrorCodeEntry | undefined {
  const key = String(codeOrName).trim().toUpperCase();
  return ERROR_CATALOG.find(
    (e) => e.code === key || e.name.toUpperCase() === key || e.aliases?.includes(key),
  );
}
