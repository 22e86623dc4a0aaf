import type { BodyPreview } from './bodyPreview';
import { previewBody } from './bodyPreview';
import type { ErrorExplanation } from '../knoxErrors/explainResult';
import { transportNotes } from '../knoxErrors/explainResult';
import type { HistoryEntry } from './historyEntry';
import type { ResponseContent, ViewAction } from './responseHtml';

/** What the response view adds to a (masked) entry: a live send's preview and explanation. */
export interface ResponseExtras {
  readonly actions: readonly ViewAction[];
  /** Default: the preview of the entry's (redacted, cut) body. */
  readonly preview?: BodyPreview;
  readonly explanation?: ErrorExplanation;
  /** Default: the entry's redirects, a body cut at the limit, and its Knox error code and name. */
  readonly notes?: readonly string[];
  /** How the body size limit is named in the default notes (a setting or option). */
  readonly limitName?: string;
  readonly fromHistory: boolean;
}

/**
 * The response view's content of a sent request: the one mapping from a history entry (live
 * or re-opened) to what the view shows. Every value in `entry` is already masked.
 */
export function responseContentOf(entry: HistoryEntry, extras: ResponseExtras): ResponseContent {
  return {
    id: entry.id,
    at: entry.at,
    method: entry.method,
    url: entry.url,
    name: entry.name,
    profileName: entry.profileName,
    status: entry.status,
    statusText: entry.statusText,
    elapsedMs: entry.elapsedMs,
    sizeBytes: entry.sizeBytes,
    requestHeaders: entry.requestHeaders,
    responseHeaders: entry.responseHeaders,
    preview: extras.preview ?? {
      ...previewBody(entry.body, entry.contentType),
      truncated: entry.bodyTruncated,
    },
    explanation: extras.explanation,
    notes: extras.notes ?? [
      ...transportNotes(entry, extras.limitName),
      ...(entry.errorCode
        ? [`Knox error ${[entry.errorCode, entry.errorName].filter(Boolean).join(' ')}.`]
        : []),
    ],
    actions: extras.actions,
    fromHistory: extras.fromHistory,
  };
}
