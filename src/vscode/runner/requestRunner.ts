import * as vscode from 'vscode';
import { KnoxToolError } from '../../core/errors/toolError';
import type { FetchLike } from '../../core/http/fetchLike';
import type { TokenSource } from '../../core/http/sendAuthorized';
import type { Profile } from '../../core/profiles/profile';
import { previewBody } from '../../core/runner/bodyPreview';
import { buildRequest } from '../../core/runner/buildRequest';
import type { BuiltRequest } from '../../core/runner/buildRequest';
import { curlCommand } from '../../core/runner/curlCommand';
import { explainResult, resultNotes } from '../../core/runner/explainResult';
import { historyEntryOf } from '../../core/runner/historyEntry';
import type { HistoryEntry } from '../../core/runner/historyEntry';
import { maskHeaders } from '../../core/runner/maskHeaders';
import { requestVariableValue } from '../../core/runner/requestVariables';
import type { RecordedExchange } from '../../core/runner/requestVariables';
import { runRequest } from '../../core/runner/runRequest';
import type { RunResult } from '../../core/runner/runRequest';
import { redact } from '../../core/log/redact';
import { commandForAction } from '../editor/errorActions';
import { Commands, Settings } from '../ids';
import type { KnoxLog } from '../log';
import type { TokenService } from '../tokens/tokenService';
import type { HttpDocuments, LocatedRequest, RequestArg } from './httpDocuments';
import type { RequestHistory } from './requestHistory';
import type { ResponseContent, ViewAction } from '../../core/runner/responseHtml';
import type { ResponseView } from './responseView';

export interface RequestRunnerDeps {
  readonly documents: HttpDocuments;
  readonly tokens: TokenService;
  readonly history: RequestHistory;
  readonly view: ResponseView;
  readonly log: KnoxLog;
  /** Brings a profile up to date before use (a sandbox profile follows the sandbox's port). */
  readonly prepareProfile?: (profile: Profile) => Promise<Profile>;
  /** Told of every token value a request used, so the log masks it. */
  readonly remember?: (secret: string) => void;
  readonly fetch?: FetchLike;
  readonly isTrusted?: () => boolean;
}

/** What `knox.sendRequest` returns: a plain summary, for tests and other extensions. */
export interface SendSummary {
  readonly id: string;
  readonly status: number;
  readonly statusText: string;
  /** Redacted. */
  readonly url: string;
  /** Names of the headers sent, the token header included when it went. */
  readonly headersSent: readonly string[];
  readonly tokenSent: boolean;
  readonly tokenSkipped: string | undefined;
  /** 'renewToken' or 'resignJwt' when Knox refused the token and the request went again. */
  readonly retried: string | undefined;
  readonly errorCode: string | undefined;
  readonly errorName: string | undefined;
  readonly missingScope: string | undefined;
  readonly elapsedMs: number;
  readonly sizeBytes: number;
  /** The start of the (pretty) body. */
  readonly bodyPreview: string;
  readonly truncated: boolean;
}

/** How sending reports progress: the 429 waits and the phases. */
export interface SendProgress {
  report(message: string): void;
}

const SUMMARY_BODY_CHARS = 4096;

/**
 * Sends `.http` requests with the profile's token, keeps named responses for request
 * variables, writes the redacted history and shows results in the response view.
 */
export class RequestRunner {
  private readonly exchanges = new Map<string, RecordedExchange>();

  constructor(private readonly deps: RequestRunnerDeps) {}

  /** Builds the request at `arg` for its profile, reading body files and variables. */
  async build(located: LocatedRequest): Promise<BuiltRequest> {
    const { document, file, request } = located;
    const { documents, prepareProfile } = this.deps;
    const chosen = documents.profileFor(file, request);
    const profile = chosen && prepareProfile ? await prepareProfile(chosen) : chosen;
    const sources = await documents.sources(document);
    const uri = document.uri.toString();
    return buildRequest({
      file,
      request,
      profile,
      sources: {
        ...sources,
        requestVariable: (name, path) => {
          const exchange = this.exchanges.get(`${uri}\u0000${name}`);
          return exchange ? requestVariableValue(exchange, path) : undefined;
        },
      },
      readBodyFile: (path) => documents.readRelative(document, path),
    });
  }

  /** Sends the request `arg` names and shows the response. HTTP errors are results. */
  async send(
    arg: RequestArg | undefined,
    signal: AbortSignal,
    progress?: SendProgress,
  ): Promise<SendSummary> {
    if (!(this.deps.isTrusted ?? (() => vscode.workspace.isTrusted))()) {
      throw new KnoxToolError(
        'UNTRUSTED_WORKSPACE',
        'Knox sends no request from an untrusted workspace. Trust the workspace ("Workspaces: Manage Workspace Trust") to send requests.',
      );
    }
    const located = await this.deps.documents.locate(arg);
    const built = await this.build(located);
    // The path only: a query string can hold secrets.
    const label = `${built.method} ${new URL(built.url).pathname}`;
    const labelled: SendProgress = {
      report: (message) => progress?.report(`${label}: ${message}`),
    };
    const used: string[] = [];
    const timeoutMs =
      vscode.workspace.getConfiguration().get<number>(Settings.requestTimeoutSeconds, 30) * 1000;
    labelled.report(built.token.attach ? 'getting the token…' : 'sending…');
    const result = await runRequest(built, {
      ...(built.token.attach ? { tokens: this.tokenSource(built, labelled) } : {}),
      onToken: (token) => {
        used.push(token.value);
        this.deps.remember?.(token.value);
      },
      timeoutMs,
      signal,
      onWait: (ms, attempt) =>
        labelled.report(
          `Knox answered 429 Too Many Requests: trying again in ${Math.ceil(ms / 1000)} s (retry ${attempt})…`,
        ),
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
    });
    this.deps.log.info(
      `${result.method} ${redact(result.url, used)} -> ${result.response.status} in ${Math.round(result.response.elapsedMs)} ms${result.retry ? ` (resent after ${result.retry.code ?? result.retry.status})` : ''}`,
    );

    if (built.name !== undefined) {
      this.exchanges.set(`${located.document.uri.toString()}\u0000${built.name}`, {
        request: {
          headers: Object.fromEntries(built.headers.map((h) => [h.name, h.value])),
          ...(built.body === undefined ? {} : { body: built.body }),
        },
        response: { headers: result.response.headers, body: result.response.body },
      });
    }
    const source = { uri: located.document.uri.toString(), line: built.line };
    await this.deps.history.add(historyEntryOf(result, { known: used, source }));
    this.deps.view.keepBody(
      result.id,
      result.response.body,
      result.response.headers['content-type'],
      result.response.status,
    );
    const preview = previewBody(result.response.body, result.response.headers['content-type']);
    this.deps.view.show(await this.content(result, preview, used, built, source));
    return {
      id: result.id,
      status: result.response.status,
      statusText: result.response.statusText,
      url: redact(result.url, used),
      headersSent: result.sentHeaders.map((h) => h.name),
      tokenSent: result.tokenSent,
      tokenSkipped: result.tokenSkipped,
      retried: result.retry?.action,
      errorCode: result.error?.code,
      errorName: result.error?.name,
      missingScope: result.missingScope,
      elapsedMs: result.response.elapsedMs,
      sizeBytes: result.sizeBytes,
      bodyPreview: preview.text.slice(0, SUMMARY_BODY_CHARS),
      truncated: preview.truncated,
    };
  }

  /** The cURL command of a request: the token a placeholder unless `withToken`. */
  async curl(
    arg: RequestArg | undefined,
    withToken: boolean,
    signal?: AbortSignal,
  ): Promise<string> {
    const located = await this.deps.documents.locate(arg);
    const built = await this.build(located);
    if (!withToken || !built.token.attach) return curlCommand(built);
    const token = await this.tokenSource(built).get(signal);
    this.deps.remember?.(token.value);
    return curlCommand(built, { token, revealSecrets: true });
  }

  /** Shows a history entry (redacted, body cut) in the response view. */
  showHistoryEntry(entry: HistoryEntry): ResponseContent {
    this.deps.view.keepBody(entry.id, entry.body, entry.contentType, entry.status);
    const actions: ViewAction[] = [];
    if (entry.source) {
      const uri = vscode.Uri.parse(entry.source.uri);
      const at = new vscode.Position(entry.source.line, 0);
      actions.push(
        {
          title: 'Send Again',
          command: Commands.sendRequest,
          args: [{ uri: entry.source.uri, line: entry.source.line }],
        },
        {
          title: 'Go to Request',
          command: 'vscode.open',
          args: [uri, { selection: new vscode.Range(at, at) }],
        },
      );
    }
    actions.push({
      title: 'Open Body',
      command: Commands.openResponseBody,
      args: [{ id: entry.id }],
    });
    const content: ResponseContent = {
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
      preview: { ...previewBody(entry.body, entry.contentType), truncated: entry.bodyTruncated },
      explanation: undefined,
      notes: entry.errorCode
        ? [`Knox error ${[entry.errorCode, entry.errorName].filter(Boolean).join(' ')}.`]
        : [],
      actions,
      fromHistory: true,
    };
    this.deps.view.show(content);
    return content;
  }

  private credentialFor(profile: Profile, built: BuiltRequest): string {
    const service = built.hint?.service === 'oauth' ? undefined : built.hint?.service;
    return this.deps.tokens.credentialFor(profile, service);
  }

  private credentialArg(built: BuiltRequest): { credential?: string } {
    try {
      return built.profile ? { credential: this.credentialFor(built.profile, built) } : {};
    } catch {
      return {};
    }
  }

  private tokenSource(built: BuiltRequest, progress?: SendProgress): TokenSource {
    const profile = built.profile;
    if (!profile)
      throw new KnoxToolError(
        'INTERNAL',
        'A request that attaches a token has no profile. This is a bug in the toolkit; please report it.',
      );
    const credential = this.credentialFor(profile, built);
    const { tokens } = this.deps;
    return {
      get: async (signal) => {
        const token = await tokens.get(profile.id, credential, signal);
        progress?.report('sending…');
        return token;
      },
      renew: async (stale, signal) => {
        progress?.report('Knox refused the token: getting a new one and sending again…');
        return tokens.renew(profile.id, credential, stale, signal);
      },
    };
  }

  private async content(
    result: RunResult,
    preview: ReturnType<typeof previewBody>,
    used: readonly string[],
    built: BuiltRequest,
    source: { readonly uri: string; readonly line: number },
  ): Promise<ResponseContent> {
    const explanation = explainResult(result);
    const actions: ViewAction[] = [];
    const profile = built.profile;
    if (explanation) {
      const command = await commandForAction(explanation.action);
      if (command && profile) {
        const arg =
          command.command === Commands.generateAccessToken
            ? { profileId: profile.id, ...this.credentialArg(built) }
            : { profileId: profile.id };
        actions.push({
          title: command.title,
          command: command.command,
          args: [arg],
          forError: true,
        });
      }
    }
    actions.push(
      { title: 'Send Again', command: Commands.sendRequest, args: [source] },
      { title: 'Open Full Body', command: Commands.openResponseBody, args: [{ id: result.id }] },
      { title: 'Copy as Curl Command', command: Commands.copyAsCurl, args: [source] },
    );
    return {
      id: result.id,
      at: result.startedAt,
      method: result.method,
      url: redact(result.url, used),
      name: result.name,
      profileName: result.profileName,
      status: result.response.status,
      statusText: result.response.statusText,
      elapsedMs: result.response.elapsedMs,
      sizeBytes: result.sizeBytes,
      requestHeaders: maskHeaders(result.sentHeaders, used),
      responseHeaders: maskHeaders(result.response.headers, used),
      preview,
      explanation,
      notes: resultNotes(result),
      actions,
      fromHistory: false,
    };
  }
}
