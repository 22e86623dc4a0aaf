import type { ErrorAction } from '../catalogs/errorCatalog';
import { findScope, serviceInfo } from '../catalogs/scopeLookup';
import type { KnoxErrorResult } from './knoxError';
import type { HttpResponse } from '../http/sendRequest';
import { describeRedirect } from '../http/redirectDecision';
import { describeTokenSkip } from '../runner/buildRequest';
import { formatDuration } from '../runner/bodyPreview';
import type { RunResult } from '../runner/runRequest';

/** A Knox error decoded for the top of the response view. Plain data. */
export interface ErrorExplanation {
  /** "4032251 ACCESS_TOKEN_EXPIRED", or "HTTP 404" when Knox sent no code. */
  readonly title: string;
  /** What the server said; '' when it only repeated the code or name of the title. */
  readonly message: string;
  /** The body's own detail (`data`, `reason`), one line, when Knox gave one. */
  readonly detail: string | undefined;
  /** Samsung's meaning of the code, when the catalog knows it. */
  readonly meaning: string | undefined;
  readonly cause: string | undefined;
  /** What to do. */
  readonly fix: string;
  /** What the extension can do about it (a button). */
  readonly action: ErrorAction | undefined;
  readonly docUrl: string | undefined;
  /** Knox's request reference, to quote to Knox Support. */
  readonly errorId: string | undefined;
}

/**
 * Decodes the Knox error of a result (undefined for a success): the catalog's meaning, cause
 * and fix, or for a 403 to an OAuth token the scope that was missing.
 */
export function explainResult(result: RunResult): ErrorExplanation | undefined {
  const error = result.error;
  if (!error) return undefined;
  const label = [error.code, error.name]
    .filter((part, i, all) => part && all.indexOf(part) === i)
    .join(' ');
  const entry = error.entry;
  const detail = detailOf(error);
  const base = {
    title: label === '' ? `HTTP ${error.status}` : label,
    message: repeatsLabel(error) ? '' : error.message,
    detail,
    meaning: entry?.meaning,
    cause: entry?.cause,
    fix: detail === undefined ? error.hint : pointAtDetail(error.hint),
    action: entry?.action,
    docUrl: entry?.docUrl,
    errorId: error.errorId,
  };
  const service = result.hint?.service;
  if (
    result.tokenKind === 'oauth' &&
    service !== undefined &&
    serviceInfo(service).oauth === 'unsupported' &&
    (error.status === 401 || error.status === 403)
  ) {
    // Renewing or rescoping an OAuth token cannot help: the service wants the legacy scheme.
    const note =
      serviceInfo(service).oauthNote ??
      `${serviceInfo(service).name} does not accept this OAuth 2.0 token.`;
    return {
      ...base,
      cause: `The request was sent with an OAuth 2.0 token. ${note}`,
      fix: `Send it with a profile that uses a key file (keys.json) and a client identifier: add one, then pick it for this request.`,
      action: 'useKeyFileProfile',
    };
  }
  if (result.missingScope === undefined) return base;
  const scope = findScope(result.missingScope);
  const what = scope ? ` (${scope.description.replace(/\.$/, '')})` : '';
  return {
    ...base,
    cause: `The OAuth app's token has no scope that allows ${result.method} ${result.hint?.path ?? 'this endpoint'}.`,
    fix: `Missing scope: ${result.missingScope}${what}. Add it to the app in the Knox Developer Portal, then run "Knox: Set Up OAuth App" with it so new tokens carry it.`,
    action: 'checkScopes',
  };
}

const DETAIL_MAX_CHARS = 500;

/** The body's own detail as one line: `data`/`reason` text, or compact JSON of a structure. */
function detailOf(error: KnoxErrorResult): string | undefined {
  const data = error.data;
  let text: string | undefined;
  if (typeof data === 'string') text = data;
  else if (typeof data === 'number' || typeof data === 'boolean') text = String(data);
  else if (typeof data === 'object' && data !== null) text = JSON.stringify(data);
  text = text?.replace(/\s+/g, ' ').trim();
  if (!text || text === '{}' || text === '[]' || text === error.message) return undefined;
  return text.length > DETAIL_MAX_CHARS ? `${text.slice(0, DETAIL_MAX_CHARS)}...` : text;
}

// Knox writes the error's name as its message ("ACCESS_TOKEN_EXPIRED"): the title has it already.
function repeatsLabel(error: KnoxErrorResult): boolean {
  return error.message === error.name || error.message === error.code;
}

// The catalog's fixes tell a reader without the body to look in its `data`/`message` field;
// the box shows that detail, so the fix points at it instead.
const READ_BODY_FIELD =
  /^Read (?:the response body: Knox usually names the field in `message` or `data`\.\s*|`data` in the body for the field, then )/;

function pointAtDetail(fix: string): string {
  if (!READ_BODY_FIELD.test(fix)) return fix;
  const rest = fix.replace(READ_BODY_FIELD, '');
  return `Knox's detail above says what is wrong. ${rest.charAt(0).toUpperCase()}${rest.slice(1)}`;
}

/**
 * One-line facts about how a result came about: resends, waits, redirects, a body cut at the
 * limit (named by `limitName`, the setting or option) and a token not sent.
 */
export function resultNotes(result: RunResult, limitName?: string): string[] {
  const notes: string[] = [];
  if (result.retry) {
    const why = result.retry.code ?? `HTTP ${result.retry.status}`;
    notes.push(
      result.retry.action === 'resignJwt'
        ? `Knox refused the token (${why}); it was signed anew and the request sent once more.`
        : `Knox refused the token (${why}); a new one was obtained and the request sent once more.`,
    );
  }
  if (result.response.attempts > 1) {
    notes.push(
      `Knox answered 429 Too Many Requests; the request was retried after waiting ${formatDuration(result.response.waitedMs)} (${result.response.attempts} tries).`,
    );
  }
  notes.push(...transportNotes(result.response, limitName));
  if (result.note) notes.push(result.note);
  if (result.tokenSkipped && result.tokenSkipped !== 'noProfile') {
    notes.push(describeTokenSkip(result.tokenSkipped, result.profileName));
  } else if (result.tokenSkipped === 'noProfile' && result.hint) {
    notes.push(describeTokenSkip('noProfile'));
  }
  return notes;
}

/** One line per redirect, and one when reading the body stopped at `limitName`'s limit. */
export function transportNotes(
  response: Pick<HttpResponse, 'redirects' | 'truncatedAtBytes'>,
  limitName = 'the response size limit',
): string[] {
  const notes = (response.redirects ?? []).map(describeRedirect);
  if (response.truncatedAtBytes !== undefined) {
    notes.push(
      `The response is longer than the limit: stopped reading at ${formatMegabytes(response.truncatedAtBytes)} (${limitName}). Only the first part is shown.`,
    );
  }
  return notes;
}

function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(mb < 1 ? 3 : 1)} MB`;
}
