import type { ErrorCodeEntry } from '../core/catalogs/errorCatalog';
import type { Commands } from './ids';
import type { RequestArg } from './runner/httpDocuments';
import type { SendSummary } from './runner/requestRunner';
import type { NewRequestArg, OpenedRequest } from './runner/requestTemplateCommands';
import type { CurlArg } from './runner/runnerCommands';
import type { ConnectedSandbox } from './sandbox/sandboxConnection';
import type { SignInArgs } from './samsungAccount/samsungAccountCommands';
import type { SetUpArgs } from './samsungAccount/setUpSamsungAccount';
import type { SignInResult, SignOutResult } from './samsungAccount/samsungAccountService';
import type { ExplainArg } from './errorCodes/explainCommand';
import type { ProfileArg } from './pickers';
import type { AddProfileArgs, RemoveArgs } from './profiles/profileCommands';
import type { ClientIdentifierArgs } from './profiles/clientIdentifierCommands';
import type { ImportKeyFileArgs } from './profiles/keyFileCommands';
import type { OAuthArgs } from './profiles/oauthAppCommands';
import type { GeneratedToken, TokenArg } from './tokens/tokenCommands';

/** A response the history re-opened. */
export interface ReopenedResponse {
  readonly id: string;
  readonly status: number;
  readonly url: string;
  readonly body: string;
}

/**
 * Every command of the extension: its arguments and its result. `registerCommand`,
 * `executeCommand` and `commandOf` take their types from here, so a CodeLens, a tree item, a
 * webview action or a test cannot pass the wrong arguments. Ids come from `Commands`.
 */
export interface CommandTypes {
  [Commands.showLog](): void;
  [Commands.refreshExplorer](): void;
  [Commands.addProfile](args?: AddProfileArgs): string;
  [Commands.editProfile](arg?: ProfileArg & AddProfileArgs): void;
  [Commands.removeProfile](arg?: RemoveArgs): void;
  [Commands.selectProfile](arg?: ProfileArg): void;
  [Commands.importKeyFile](arg?: ImportKeyFileArgs): void;
  [Commands.removeKeyFile](arg?: RemoveArgs): void;
  [Commands.addClientIdentifier](arg?: ClientIdentifierArgs): string;
  [Commands.removeClientIdentifier](arg?: ClientIdentifierArgs): void;
  [Commands.setUpOAuthApp](arg?: OAuthArgs): void;
  [Commands.generateAccessToken](arg?: TokenArg): GeneratedToken;
  [Commands.copyAccessToken](arg?: TokenArg): void;
  [Commands.copyAsHeader](arg?: TokenArg): void;
  [Commands.clearTokens](arg?: ProfileArg): void;
  /** The report; undefined when the profile holds no token (a notification offers to generate one). */
  [Commands.inspectToken](arg?: TokenArg): string | undefined;
  [Commands.connectSandbox](): ConnectedSandbox;
  [Commands.setUpSamsungAccount](args?: SetUpArgs): string;
  [Commands.signIn](args?: SignInArgs): SignInResult;
  [Commands.signOut](args?: ProfileArg): SignOutResult;
  [Commands.explainErrorCode](arg?: ExplainArg): ErrorCodeEntry;
  [Commands.sendRequest](arg?: RequestArg): SendSummary;
  [Commands.copyAsCurl](arg?: RequestArg): string;
  [Commands.copyAsCurlWithToken](arg?: CurlArg): string;
  [Commands.showHistory](arg?: { readonly id?: string }): ReopenedResponse | undefined;
  [Commands.clearHistory](): void;
  [Commands.selectEnvironment](arg?: { readonly name?: string }): string | undefined;
  [Commands.openResponseBody](arg?: { readonly id?: string }): string;
  [Commands.openSampleRequests](arg?: ProfileArg): OpenedRequest;
  [Commands.newRequest](arg?: NewRequestArg): OpenedRequest;
}

/** The id of every command in the contract. */
export type CommandId = keyof CommandTypes;
export type CommandArgs<K extends CommandId> = Parameters<CommandTypes[K]>;
export type CommandResult<K extends CommandId> = ReturnType<CommandTypes[K]>;
