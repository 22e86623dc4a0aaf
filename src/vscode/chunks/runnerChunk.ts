// Feature chunk "runner" (dist/chunks/runner.js): sending .http requests, the response view,
// history, CodeLens, scope hints and .http diagnostics. Loaded on first use.
import type * as vscode from 'vscode';
import type { Redactor } from '../../core/log/redact';
import type { CommandDeps } from '../registerCommand';
import type { ResponseInfo } from '../errorCodes/errorDiagnostics';
import { registerRunner } from '../runner/registerRunner';
import type { CredentialsFeature } from './credentialsChunk';
import type { LazyTests } from './featureChunks';
import { localFirstState } from '../localFirstState';

export interface RunnerChunkDeps extends CommandDeps {
  readonly context: vscode.ExtensionContext;
  readonly redactor: Redactor;
  readonly credentials: CredentialsFeature;
  readonly registerCodeLens: (provider: vscode.CodeLensProvider) => vscode.Disposable;
  readonly tests: LazyTests;
  readonly diagnoseResponse: (uri: vscode.Uri, response: ResponseInfo) => void;
}

export function activateRunner(deps: RunnerChunkDeps): vscode.Disposable {
  const { context, credentials, redactor } = deps;
  const state = localFirstState(context.globalState);
  return registerRunner({
    ...deps,
    profiles: credentials.profiles,
    tokens: credentials.tokens,
    globalState: state,
    extensionUri: context.extensionUri,
    prepareProfile: credentials.prepare,
    remember: (secret) => redactor.remember(secret),
  });
}
