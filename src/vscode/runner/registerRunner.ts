import * as vscode from 'vscode';
import type { FetchLike } from '../../core/http/fetchLike';
import type { Profile } from '../../core/profiles/profile';
import type { CommandDeps } from '../registerCommand';
import type { ResponseInfo } from '../errorCodes/errorDiagnostics';
import type { ProfileService } from '../profiles/profileService';
import type { TokenService } from '../tokens/tokenService';
import { registerHttpCodeLens } from './httpCodeLens';
import { registerHttpDiagnostics } from './httpDiagnostics';
import type { TestsFeature } from '../chunks/lazyProviders';
import { HttpDocuments } from './httpDocuments';
import { HttpTests } from './httpTests';
import { RequestHistory } from './requestHistory';
import { RequestRunner } from './requestRunner';
import { ResponseView, registerResponseView } from './responseView';
import { registerRequestTemplateCommands } from './requestTemplateCommands';
import { registerRunnerCommands } from './runnerCommands';
import { registerScopeHints } from './scopeHints';

export interface RunnerDeps extends CommandDeps {
  readonly profiles: ProfileService;
  readonly tokens: TokenService;
  readonly globalState: vscode.Memento;
  readonly extensionUri: vscode.Uri;
  /** Brings a profile up to date before a request (the sandbox profile follows the sandbox). */
  readonly prepareProfile?: (profile: Profile) => Promise<Profile>;
  /** Told of every token value a request used, so the log masks it. */
  readonly remember?: (secret: string) => void;
  /** Diagnoses Knox errors in `knox-response:` documents (the error-code feature). */
  readonly diagnoseResponse?: (uri: vscode.Uri, response: ResponseInfo) => void;
  readonly fetch?: FetchLike;
  /** The Test Explorer's controller, to fill with the `.http` files' `??` tests. */
  readonly tests?: {
    readonly controller: vscode.TestController;
    attach(feature: TestsFeature): vscode.Disposable;
  };
  /** Registers the CodeLens provider; the entry module's lazy registration when given. */
  readonly registerCodeLens?: (provider: vscode.CodeLensProvider) => vscode.Disposable;
}

/**
 * The request runner: send `.http` requests with the Knox token attached, the response view,
 * redacted history, Copy as Curl Command, CodeLens, scope hover, endpoint completion and diagnostics.
 */
export function registerRunner(deps: RunnerDeps): vscode.Disposable {
  const { log, profiles, tokens } = deps;
  const documents = new HttpDocuments(profiles);
  const history = new RequestHistory(deps.globalState);
  const view = new ResponseView({
    extensionUri: deps.extensionUri,
    log,
    ...(deps.diagnoseResponse ? { diagnoseResponse: deps.diagnoseResponse } : {}),
  });
  const runner = new RequestRunner({
    documents,
    tokens,
    history,
    view,
    log,
    ...(deps.prepareProfile ? { prepareProfile: deps.prepareProfile } : {}),
    ...(deps.remember ? { remember: deps.remember } : {}),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  const tests = deps.tests
    ? new HttpTests({ controller: deps.tests.controller, documents, runner, log })
    : undefined;
  return vscode.Disposable.from(
    ...(tests && deps.tests ? [tests, deps.tests.attach(tests)] : []),
    registerResponseView(view),
    registerRunnerCommands({ ...deps, runner, history, view }),
    registerRequestTemplateCommands(deps),
    registerHttpCodeLens({
      documents,
      profiles,
      tokens,
      log,
      ...(deps.registerCodeLens ? { register: deps.registerCodeLens } : {}),
    }),
    registerScopeHints({ documents, log }),
    registerHttpDiagnostics({ documents, profiles, log }),
  );
}
