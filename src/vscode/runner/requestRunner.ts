import * as vscode from 'vscode';
import type { Credential } from '../../core/credentials/credential';
import { credentialKey } from '../../core/credentials/credential';
import { KnoxToolError } from '../../core/toolError';
import type { FetchLike } from '../../core/http/fetchLike';
import type { TokenSource } from '../../core/http/sendAuthorized';
import type { Profile } from '../../core/profiles/profile';
import { buildRequest } from '../../core/runner/buildRequest';
import type { BuiltRequest } from '../../core/runner/buildRequest';
import { curlCommand } from '../../core/curl/curlCommand';
import type { HistoryEntry } from '../../core/runner/historyEntry';
import { requestVariableValue } from '../../core/runner/requestVariables';
import { ExchangeMemory } from '../../core/runner/exchangeMemory';
import { responseContentOf } from '../../core/runner/responseContent';
import type { ResponseContent, ViewAction } from '../../core/runner/responseHtml';
import { offersFullBody } from '../../core/runner/responseHtml';
import { runHttpRequest } from '../../core/runner/runHttpRequest';
import type { HttpRun } from '../../core/runner/runHttpRequest';
import { runHttpTests } from '../../core/testing/runHttpTests';
import type { HttpTestDeps, HttpTestOutcome } from '../../core/testing/runHttpTests';
import type { MintedToken } from '../../core/tokens/tokenManager';
import { commandCall } from '../registerCommand';
import { commandForAction } from '../errorCodes/errorActions';
import { Commands, Settings } from '../ids';
import type { KnoxLog } from '../log';
import type { TokenService } from '../tokens/tokenService';
import type { HttpDocuments, LocatedRequest, RequestArg } from './httpDocuments';
import type { RequestHistory } from './requestHistory';
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
  /** The titles of the error box's buttons, first the fix for the case. */
  readonly errorActions: readonly string[];
  readonly elapsedMs: number;
  readonly sizeBytes: number;
  /** The start of the (pretty) body. */
  readonly bodyPreview: string;
  readonly truncated: boolean;
  /** The notes the response view shows: resends, redirects, a body cut at the limit. */
  readonly notes: readonly string[];
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
  private readonly exchanges = new ExchangeMemory();

  constructor(private readonly deps: RequestRunnerDeps) {}

  /** Builds the request at `arg` for its profile, reading body files and variables. */
  async build(located: LocatedRequest): Promise<BuiltRequest> {
    const input = await this.input(located);
    return buildRequest({
      file: input.file,
      request: input.request,
      profile: input.profile,
      sources: {
        ...input.sources,
        requestVariable: (name, path) => {
          const exchange = input.named(name);
          return exchange ? requestVariableValue(exchange, path) : undefined;
        },
      },
      readBodyFile: input.readBodyFile,
    });
  }

  /** Sends the request `arg` names and shows the response. HTTP errors are results. */
  async send(
    arg: RequestArg | undefined,
    signal: AbortSignal,
    progress?: SendProgress,
  ): Promise<SendSummary> {
    this.assertTrusted();
    const located = await this.deps.documents.locate(arg);
    const uri = located.document.uri.toString();
    const run = await runHttpRequest(
      {
        ...(await this.input(located)),
        tokensFor: (built) => this.tokenSource(built),
        source: { uri, line: located.request.line },
      },
      {
        ...this.sendOptions(signal),
        ...(progress ? { onProgress: (message: string) => progress.report(message) } : {}),
      },
    );
    const { result, entry } = run;
    this.deps.log.info(
      `${entry.method} ${entry.url} -> ${entry.status} in ${Math.round(entry.elapsedMs)} ms${result.retry ? ` (resent after ${result.retry.code ?? result.retry.status})` : ''}`,
    );
    if (run.exchange && result.name !== undefined) {
      this.exchanges.set(`${uri}\u0000${result.name}`, run.exchange);
    }
    await this.deps.history.add(entry);
    this.deps.view.keepBody(
      result.id,
      result.response.body,
      result.response.headers['content-type'],
      result.response.status,
    );
    const actions = this.actions(run);
    this.deps.view.show(
      responseContentOf(entry, {
        preview: run.preview,
        ...(run.explanation ? { explanation: run.explanation } : {}),
        notes: run.notes,
        actions,
        fromHistory: false,
      }),
    );
    return {
      id: result.id,
      status: entry.status,
      statusText: entry.statusText,
      url: entry.url,
      headersSent: result.sentHeaders.map((h) => h.name),
      tokenSent: result.tokenSent,
      tokenSkipped: result.tokenSkipped,
      retried: result.retry?.action,
      errorCode: entry.errorCode,
      errorName: entry.errorName,
      missingScope: result.missingScope,
      errorActions: actions.filter((a) => a.forError).map((a) => a.title),
      elapsedMs: entry.elapsedMs,
      sizeBytes: entry.sizeBytes,
      bodyPreview: run.preview.text.slice(0, SUMMARY_BODY_CHARS),
      truncated: run.preview.truncated,
      notes: run.notes,
    };
  }

  /**
   * Runs the `??` tests of a document with the profiles' tokens, as Send does: every request in
   * order, or only those in `only` after the named requests they take values from.
   */
  async runTests(
    document: vscode.TextDocument,
    only: ReadonlySet<number> | undefined,
    signal: AbortSignal,
    hooks: Pick<HttpTestDeps, 'onStart' | 'onOutcome'> = {},
  ): Promise<readonly HttpTestOutcome[]> {
    this.assertTrusted();
    const file = this.deps.documents.parse(document);
    const uri = document.uri.toString();
    return runHttpTests(
      {
        file,
        ...(only ? { only } : {}),
        prepare: async (request) => {
          const { profile, sources, readBodyFile } = await this.input({ document, file, request });
          return {
            profile,
            sources,
            readBodyFile,
            tokensFor: (built) => this.tokenSource(built),
            source: { uri, line: request.line },
          };
        },
      },
      { ...this.sendOptions(signal), ...hooks },
    );
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
          ...commandCall(Commands.sendRequest, { uri: entry.source.uri, line: entry.source.line }),
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
      ...commandCall(Commands.openResponseBody, { id: entry.id }),
    });
    const content = responseContentOf(entry, {
      actions,
      fromHistory: true,
      limitName: Settings.maxResponseMB,
    });
    this.deps.view.show(content);
    return content;
  }

  private credentialFor(profile: Profile, built: BuiltRequest): Credential {
    const service = built.hint?.service === 'oauth' ? undefined : built.hint?.service;
    return this.deps.tokens.credentialFor(profile, service);
  }

  private credentialArg(built: BuiltRequest): { credential?: string } {
    try {
      return built.profile
        ? { credential: credentialKey(this.credentialFor(built.profile, built)) }
        : {};
    } catch {
      return {};
    }
  }

  /** What resolving a located request needs: its profile, variables, body files, exchanges. */
  private async input(located: LocatedRequest) {
    const { document, file, request } = located;
    const { documents, prepareProfile } = this.deps;
    const chosen = documents.profileFor(file, request, located.profileId);
    const profile = chosen && prepareProfile ? await prepareProfile(chosen) : chosen;
    const uri = document.uri.toString();
    return {
      file,
      request,
      profile,
      sources: await documents.sources(document),
      named: (name: string) => this.exchanges.get(`${uri}\u0000${name}`),
      readBodyFile: (path: string) => documents.readRelative(document, path),
    };
  }

  private assertTrusted(): void {
    if (!(this.deps.isTrusted ?? (() => vscode.workspace.isTrusted))()) {
      throw new KnoxToolError(
        'UNTRUSTED_WORKSPACE',
        'Knox sends no request from an untrusted workspace. Trust the workspace ("Workspaces: Manage Workspace Trust") to send requests.',
      );
    }
  }

  /** Timeout, body limit, cancellation and who hears of tokens: the same for Send and tests. */
  private sendOptions(signal: AbortSignal) {
    const config = vscode.workspace.getConfiguration();
    return {
      timeoutMs: config.get<number>(Settings.requestTimeoutSeconds, 30) * 1000,
      maxResponseBytes: config.get<number>(Settings.maxResponseMB, 50) * 1024 * 1024,
      bodyLimitName: Settings.maxResponseMB,
      signal,
      onToken: (token: MintedToken) => this.deps.remember?.(token.value),
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
    };
  }

  private tokenSource(built: BuiltRequest): TokenSource {
    const profile = built.profile;
    if (!profile)
      throw new KnoxToolError(
        'INTERNAL',
        'A request that attaches a token has no profile. This is a bug in the toolkit; please report it.',
      );
    const credential = this.credentialFor(profile, built);
    const { tokens } = this.deps;
    return {
      get: (signal) => tokens.get(profile.id, credential, signal),
      renew: (stale, signal) => tokens.renew(profile.id, credential, stale, signal),
    };
  }

  private actions(run: HttpRun): ViewAction[] {
    const actions: ViewAction[] = [];
    const { built, explanation, entry } = run;
    const profile = built.profile;
    if (explanation) {
      const command = commandForAction(explanation.action);
      if (command && profile) {
        const arg =
          command.command === Commands.generateAccessToken
            ? { profileId: profile.id, ...this.credentialArg(built) }
            : command.command === Commands.addProfile
              ? { scheme: 'legacy' as const }
              : { profileId: profile.id };
        actions.push({
          title: command.title,
          ...commandCall(command.command, arg),
          forError: true,
        });
      }
    }
    const source = entry.source;
    if (source) actions.push({ title: 'Send Again', ...commandCall(Commands.sendRequest, source) });
    if (offersFullBody(entry.sizeBytes, run.preview.truncated))
      actions.push({
        title: 'Open Full Body',
        ...commandCall(Commands.openResponseBody, { id: entry.id }),
      });
    if (source)
      actions.push({ title: 'Copy as Curl Command', ...commandCall(Commands.copyAsCurl, source) });
    return actions;
  }
}
