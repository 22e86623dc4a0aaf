import { KnoxToolError } from '../core/toolError';
import type { KnoxErrorResult } from '../core/knoxErrors/knoxError';

/**
 * A 'KNOX_REJECTED' error for a Knox refusal: one line with the status, Samsung's code and name,
 * what Knox said and what to do. The result is kept as the cause for `--json` and `--debug`.
 */
export function refusalError(what: string, error: KnoxErrorResult): KnoxToolError {
  return new KnoxToolError('KNOX_REJECTED', describeRefusal(what, error), { cause: error });
}

/** `Knox refused <what>: HTTP 401 4012250 ACCESS_TOKEN_BAD_REQUEST (detail). Hint.` */
export function describeRefusal(what: string, error: KnoxErrorResult): string {
  const label = [error.code, error.name]
    .filter((part, i, all): part is string => part !== undefined && all.indexOf(part) === i)
    .join(' ');
  const detail = detailOf(error);
  const head = `Knox refused ${what}: HTTP ${error.status}${label ? ` ${label}` : ''}`;
  return oneLine(`${head}${detail ? ` (${detail})` : ''}. ${error.hint}`);
}

/** The refusal as plain data for `--json`. */
export function refusalJson(error: KnoxErrorResult): Record<string, unknown> {
  return {
    status: error.status,
    ...(error.code === undefined ? {} : { code: error.code }),
    ...(error.name === undefined ? {} : { name: error.name }),
    message: error.message,
    ...(error.data === undefined ? {} : { data: error.data }),
    ...(error.errorId === undefined ? {} : { errorId: error.errorId }),
    hint: error.hint,
    ...(error.entry === undefined ? {} : { docUrl: error.entry.docUrl }),
  };
}

/** True for a value shaped like a KnoxErrorResult (the cause of a 'KNOX_REJECTED' error). */
export function isKnoxErrorResult(value: unknown): value is KnoxErrorResult {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.status === 'number' &&
    typeof record.message === 'string' &&
    typeof record.hint === 'string' &&
    typeof record.shape === 'string'
  );
}

// Knox often writes only the error's name in `message` and the useful sentence in `data`.
function detailOf(error: KnoxErrorResult): string | undefined {
  const candidates = [
    typeof error.data === 'string' ? error.data : undefined,
    error.message,
  ].filter((text): text is string => text !== undefined && text.trim() !== '');
  const detail = candidates.find(
    (text) => text !== error.name && text !== error.code && !/^HTTP \d{3}\b/.test(text),
  );
  if (detail === undefined) return undefined;
  const trimmed = oneLine(detail).replace(/\.$/, '');
  return trimmed.length > 300 ? `${trimmed.slice(0, 300)}...` : trimmed;
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
