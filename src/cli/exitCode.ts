import { isKnoxToolError } from '../core/toolError';
import type { KnoxToolErrorCode } from '../core/toolError';

/** Exit statuses of `knox`: success, a Knox or network failure, bad usage or input, interrupted. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

// The caller's mistakes: fixing the command line or an input file is the cure. Any other code
// (Knox said no, the network failed, or a code added later) is a failure of the call itself.
const INPUT_ERRORS: ReadonlySet<KnoxToolErrorCode> = new Set<KnoxToolErrorCode>([
  'INVALID_INPUT',
  'INVALID_BASE_URL',
  'TOKEN_INVALID_INPUT',
  'TOKEN_MALFORMED_JWT',
  'TOKEN_VALIDITY_OUT_OF_RANGE',
  'TOKEN_MISSING_CREDENTIAL',
  'OAUTH_NOT_SUPPORTED',
  'HTTP_FILE_SYNTAX',
  'NOT_FOUND',
  'STORAGE_UNAVAILABLE',
]);

/** The exit status for an error that ended a command. */
export function exitCodeFor(error: unknown): number {
  if (!isKnoxToolError(error)) return EXIT.failed;
  if (error.code === 'ABORTED') return EXIT.interrupted;
  if (error.code.startsWith('KEYFILE_') || INPUT_ERRORS.has(error.code)) return EXIT.usage;
  return EXIT.failed;
}
