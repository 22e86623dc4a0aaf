import type { RedirectHop } from '../http/redirectDecision';
import { redact } from '../log/redact';
import type { RequestHeader } from './buildRequest';
import { maskHeaders } from './maskHeaders';
import type { RunResult } from './runRequest';

/** How many requests the history keeps. */
export const HISTORY_LIMIT = 50;
/** How much of each response body the history keeps, in characters. */
export const HISTORY_BODY_CHARS = 8 * 1024;
// Redacting a little past the cut keeps a token that straddles it from leaking in part.
const REDACT_MARGIN_CHARS = 16 * 1024;

/** Where a request is written: the `.http` file's URI and the 0-based request line. */
export interface HistorySource {
  readonly uri: string;
  readonly line: number;
}

/** What the history and the response view both tell of a sent request: secrets masked. */
export interface ExchangeSummary {
  readonly id: string;
  readonly at: number;
  readonly name: string | undefined;
  readonly method: string;
  /** Redacted. */
  readonly url: string;
  readonly profileName: string | undefined;
  readonly status: number;
  readonly statusText: string;
  readonly elapsedMs: number;
  readonly sizeBytes: number;
  readonly requestHeaders: readonly RequestHeader[];
  readonly responseHeaders: readonly RequestHeader[];
}

/** One sent request as the history keeps it: every secret already redacted. */
export interface HistoryEntry extends ExchangeSummary {
  /** The start of the response body, redacted. */
  readonly body: string;
  readonly bodyTruncated: boolean;
  readonly contentType: string | undefined;
  /** The redirects Knox answered, followed or not (URLs redacted); absent when none. */
  readonly redirects?: readonly RedirectHop[];
  /** Present when reading the body stopped at this many bytes. */
  readonly truncatedAtBytes?: number;
  /** Samsung's code and name when the response was a Knox error. */
  readonly errorCode: string | undefined;
  readonly errorName: string | undefined;
  /** Where the request is written: the `.http` file's URI and the request line. */
  readonly source: HistorySource | undefined;
}

/**
 * The history entry of a result with every secret removed: credential headers masked, URL,
 * header values and the first HISTORY_BODY_CHARS of the body through `redact`, and each value
 * in `known` (the tokens the request used) masked wherever it appears.
 */
export function historyEntryOf(
  result: RunResult,
  options: {
    readonly known?: Iterable<string>;
    readonly source?: HistorySource;
  } = {},
): HistoryEntry {
  const known = [...(options.known ?? [])];
  const body = result.response.body;
  const truncated = body.length > HISTORY_BODY_CHARS;
  const clean = redact(
    truncated ? body.slice(0, HISTORY_BODY_CHARS + REDACT_MARGIN_CHARS) : body,
    known,
  );
  return {
    id: result.id,
    at: result.startedAt,
    name: result.name,
    method: result.method,
    url: redact(result.url, known),
    profileName: result.profileName,
    status: result.response.status,
    statusText: result.response.statusText,
    elapsedMs: result.response.elapsedMs,
    sizeBytes: result.sizeBytes,
    requestHeaders: maskHeaders(result.sentHeaders, known),
    responseHeaders: maskHeaders(result.response.headers, known),
    body: truncated ? clean.slice(0, HISTORY_BODY_CHARS) : clean,
    bodyTruncated: truncated,
    contentType: result.response.headers['content-type'],
    ...(result.response.redirects === undefined
      ? {}
      : {
          redirects: result.response.redirects.map((hop) => ({
            ...hop,
            from: redact(hop.from, known),
            to: redact(hop.to, known),
          })),
        }),
    ...(result.response.truncatedAtBytes === undefined
      ? {}
      : { truncatedAtBytes: result.response.truncatedAtBytes }),
    errorCode: result.error?.code,
    errorName: result.error?.name,
    source: options.source,
  };
}

/** The history with `entry` first and at most `limit` entries. */
export function addHistoryEntry(
  entries: readonly HistoryEntry[],
  entry: HistoryEntry,
  limit = HISTORY_LIMIT,
): HistoryEntry[] {
  return [entry, ...entries.filter((e) => e.id !== entry.id)].slice(0, limit);
}
