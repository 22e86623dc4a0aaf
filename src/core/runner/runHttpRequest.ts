import { oauthSupportFor } from '../auth/oauthSupport';
import { KnoxToolError } from '../toolError';
import type { HttpFile, HttpRequest } from '../httpFile/httpFile';
import type { TokenSource } from '../http/sendAuthorized';
import type { Profile } from '../profiles/profile';
import type { BodyPreview } from './bodyPreview';
import { previewBody } from './bodyPreview';
import { buildRequest } from './buildRequest';
import type { BuildSources, BuiltRequest } from './buildRequest';
import type { ErrorExplanation } from '../knoxErrors/explainResult';
import { explainResult, resultNotes } from '../knoxErrors/explainResult';
import { historyEntryOf } from './historyEntry';
import type { HistoryEntry, HistorySource } from './historyEntry';
import { requestVariableValue } from './requestVariables';
import type { RecordedExchange } from './requestVariables';
import { runRequest } from './runRequest';
import type { RunDeps, RunResult } from './runRequest';

/** One request of a parsed `.http` file, with what resolving and authorizing it needs. */
export interface HttpRunInput {
  readonly file: HttpFile;
  readonly request: HttpRequest;
  /** The profile whose base URL (and token) the request uses; undefined sends it as written. */
  readonly profile: Profile | undefined;
  readonly sources?: BuildSources;
  /** Earlier exchanges of named requests, for `{{name.response.body.$.id}}`. */
  readonly named?: (name: string) => RecordedExchange | undefined;
  /** Reads the bytes of a `< ./file` body (path as written, relative to the `.http` file). */
  readonly readBodyFile?: (path: string) => Promise<Uint8Array>;
  /**
   * The profile-bound token source for the built request; undefined (or no function) sends a
   * request that would carry a token without one, as when no profile applies.
   */
  readonly tokensFor?: (built: BuiltRequest) => TokenSource | undefined;
  /** Where the request is written, kept in the history entry. */
  readonly source?: HistorySource;
}

/** How `runHttpRequest` sends: transport, clock, and who hears of tokens and progress. */
export interface HttpRunDeps extends Omit<RunDeps, 'tokens'> {
  /** Phases and 429 waits, each prefixed with the method and path (never the query). */
  readonly onProgress?: (message: string) => void;
  /** How the body size limit is named in the notes: the setting or option that sets it. */
  readonly bodyLimitName?: string;
}

/** Everything one send gave, for the response view, the history, the CLI and the test runner. */
export interface HttpRun {
  /** The raw result: the response as it came, the sent token headers masked. */
  readonly result: RunResult;
  /** The request as built (the user's own headers and body, no managed token). */
  readonly built: BuiltRequest;
  /** The result with every secret masked or redacted: what history keeps and views show. */
  readonly entry: HistoryEntry;
  /** The whole response body made readable, cut to the view's preview size. */
  readonly preview: BodyPreview;
  readonly explanation: ErrorExplanation | undefined;
  readonly notes: readonly string[];
  /** What a named request sent and got, for later `{{name.response...}}`; undefined if unnamed. */
  readonly exchange: RecordedExchange | undefined;
}

/**
 * Resolves, builds, authorizes and sends one request of a `.http` file, then explains and
 * records it: the one call behind Send Request, `knox send` and `knox test`. HTTP errors are
 * results; throws what `buildRequest` and `runRequest` throw (KnoxToolError).
 */
export async function runHttpRequest(
  input: HttpRunInput,
  deps: HttpRunDeps = {},
): Promise<HttpRun> {
  const { onProgress, onToken, bodyLimitName, ...send } = deps;
  const named = input.named;
  const built = await buildRequest({
    file: input.file,
    request: input.request,
    profile: input.profile,
    sources: {
      ...input.sources,
      ...(named
        ? {
            requestVariable: (name: string, path: string) => {
              const exchange = named(name);
              return exchange ? requestVariableValue(exchange, path) : undefined;
            },
          }
        : {}),
    },
    ...(input.readBodyFile ? { readBodyFile: input.readBodyFile } : {}),
  });
  refuseUnsupportedOAuth(built);
  const label = `${built.method} ${pathOf(built.url)}`;
  const report = (message: string): void => onProgress?.(`${label}: ${message}`);
  const source = built.token.attach ? input.tokensFor?.(built) : undefined;
  const toSend: BuiltRequest =
    built.token.attach && source === undefined
      ? { ...built, token: { attach: false, reason: 'noProfile' } }
      : built;
  const used: string[] = [];
  report(source ? 'getting the token…' : 'sending…');
  const result = await runRequest(toSend, {
    ...send,
    ...(source
      ? {
          tokens: {
            get: async (signal) => {
              const token = await source.get(signal);
              report('sending…');
              return token;
            },
            renew: async (stale, signal) => {
              report('Knox refused the token: getting a new one and sending again…');
              return source.renew(stale, signal);
            },
          },
        }
      : {}),
    onToken: (token) => {
      used.push(token.value);
      onToken?.(token);
    },
    onWait: (ms, attempt) => {
      send.onWait?.(ms, attempt);
      report(
        `Knox answered 429 Too Many Requests: trying again in ${Math.ceil(ms / 1000)} s (retry ${attempt})…`,
      );
    },
  });
  return {
    result,
    built: toSend,
    entry: historyEntryOf(result, {
      known: used,
      ...(input.source ? { source: input.source } : {}),
    }),
    preview: previewBody(result.response.body, result.response.headers['content-type']),
    explanation: explainResult(result),
    notes: resultNotes(result, bodyLimitName),
    exchange:
      built.name === undefined
        ? undefined
        : {
            request: {
              headers: Object.fromEntries(built.headers.map((h) => [h.name, h.value])),
              ...(built.body === undefined ? {} : { body: built.body }),
            },
            response: { headers: result.response.headers, body: result.response.body },
          },
  };
}

/**
 * Throws KnoxToolError 'OAUTH_NOT_SUPPORTED' before anything is minted or sent when an OAuth
 * profile's token would go to a service that takes none (Knox Guard; Knox Manage unless MSP).
 */
export function refuseUnsupportedOAuth(built: BuiltRequest): void {
  const { profile, hint } = built;
  const service = hint?.service;
  if (!built.token.attach || profile?.scheme !== 'oauth' || !service || service === 'oauth') return;
  const support = oauthSupportFor(service, { msp: profile.tenantId !== undefined });
  if (support.supported) return;
  throw new KnoxToolError(
    'OAUTH_NOT_SUPPORTED',
    `Not sent: profile "${profile.name}" uses Knox OAuth 2.0, and ${support.reason} Pick a key-file profile with # @knox profile=NAME.`,
  );
}

// The path only: a query string can hold secrets.
function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
