// Feature chunk "samsungAccount" (dist/chunks/samsungAccount.js): Samsung Account sign-in of
// partner profiles, its commands, redirects and the "Knox" authentication provider.
import * as vscode from 'vscode';
import type { Redactor } from '../../core/log/redact';
import type { CommandDeps } from '../registerCommand';
import { Settings } from '../ids';
import { KnoxAuthenticationProvider } from '../samsungAccount/knoxAuthenticationProvider';
import {
  pickProfileForSignIn,
  registerSamsungAccount,
} from '../samsungAccount/samsungAccountCommands';
import { SamsungAccountService } from '../samsungAccount/samsungAccountService';
import type { CredentialsFeature } from './credentialsChunk';
import type { SandboxFeature } from './sandboxChunk';

export interface SamsungAccountChunkDeps extends CommandDeps {
  readonly redactor: Redactor;
  readonly credentials: CredentialsFeature;
  readonly sandbox: SandboxFeature;
}

export interface SamsungAccountFeature extends vscode.Disposable {
  readonly service: SamsungAccountService;
  readonly provider: KnoxAuthenticationProvider;
}

export function activateSamsungAccount(deps: SamsungAccountChunkDeps): SamsungAccountFeature {
  const { log, redactor, credentials } = deps;
  const { profiles, tokens } = credentials;
  const service = new SamsungAccountService({
    profiles,
    tokens,
    redactor,
    log,
    requestTimeoutMs: () =>
      vscode.workspace.getConfiguration().get<number>(Settings.requestTimeoutSeconds, 30) * 1000,
    prepare: credentials.prepare,
  });
  const provider = new KnoxAuthenticationProvider({
    profiles,
    tokens,
    samsungAccount: service,
    log,
    pickProfile: pickProfileForSignIn,
  });
  const subscriptions = vscode.Disposable.from(
    service,
    provider,
    registerSamsungAccount({ ...deps, profiles, service, sandbox: deps.sandbox.connection }),
  );
  return { service, provider, dispose: () => void subscriptions.dispose() };
}
