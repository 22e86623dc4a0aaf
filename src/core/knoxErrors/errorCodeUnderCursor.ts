import { errorCodeAt } from './errorCodeMatcher';
import type { ErrorCodeMatch } from './errorCodeMatcher';

// Wide enough for any code and for the context that makes a 3-digit status a code
// ("HTTP/1.1 ", "statusCode: "), narrow enough that a minified 1 MB line costs the same as any.
const WINDOW_RADIUS = 256;

/**
 * The catalogued code under the cursor in one line, as the hover shows it. Only the text
 * around the cursor is examined, so the cost does not grow with the line's length.
 */
export function errorCodeUnderCursor(
  line: string,
  character: number,
  radius: number = WINDOW_RADIUS,
): ErrorCodeMatch | undefined {
  if (line.length <= 2 * radius) return errorCodeAt(line, character);
  const from = Math.max(0, character - radius);
  const match = errorCodeAt(line.slice(from, character + radius), character - from);
  return match === undefined
    ? undefined
    : { ...match, start: match.start + from, end: match.end + from };
}
