// Every id the extension shares with package.json. Plain data, no 'vscode' import, so the
// unit tests can check it against the manifest in both directions.
import { CredentialSecretKeys, CredentialStateKeys } from '../core/credentials/credentialKeys';

export const ExtensionId = 'knox-api-toolkit.knox-api-toolkit';

export const Commands = {
  showLog: 'knox.showLog',
  refreshExplorer: 'knox.refreshExplorer',
  addProfile: 'knox.addProfile',
  editProfile: 'knox.editProfile',
  removeProfile: 'knox.removeProfile',
  selectProfile: 'knox.selectProfile',
  importKeyFile: 'knox.importKeyFile',
  removeKeyFile: 'knox.removeKeyFile',
  addClientIdentifier: 'knox.addClientIdentifier',
  removeClientIdentifier: 'knox.removeClientIdentifier',
  setUpOAuthApp: 'knox.setUpOAuthApp',
  generateAccessToken: 'knox.generateAccessToken',
  copyAccessToken: 'knox.copyAccessToken',
  copyAsHeader: 'knox.copyAsHeader',
  clearTokens: 'knox.clearTokens',
  inspectToken: 'knox.inspectToken',
  connectSandbox: 'knox.connectSandbox',
  setUpSamsungAccount: 'knox.setUpSamsungAccount',
  signIn: 'knox.signIn',
  signOut: 'knox.signOut',
  explainErrorCode: 'knox.explainErrorCode',
  sendRequest: 'knox.sendRequest',
  copyAsCurl: 'knox.copyAsCurl',
  copyAsCurlWithToken: 'knox.copyAsCurlWithToken',
  showHistory: 'knox.showHistory',
  clearHistory: 'knox.clearHistory',
  selectEnvironment: 'knox.selectEnvironment',
  openResponseBody: 'knox.openResponseBody',
  openSampleRequests: 'knox.openSampleRequests',
  newRequest: 'knox.newRequest',
} as const;
export type CommandId = (typeof Commands)[keyof typeof Commands];

export const ViewContainers = {
  knox: 'knox',
} as const;

export const Views = {
  explorer: 'knox.explorer',
} as const;

export const Settings = {
  renewalMarginSeconds: 'knox.tokens.renewalMarginSeconds',
  defaultValidityMinutes: 'knox.tokens.defaultValidityMinutes',
  requestTimeoutSeconds: 'knox.requests.timeoutSeconds',
  maxResponseMB: 'knox.requests.maxResponseMB',
  defaultRegion: 'knox.defaultRegion',
  statusBar: 'knox.statusBar.show',
  sandboxServices: 'knox.sandbox.services',
  environments: 'knox.environments',
  activeEnvironment: 'knox.activeEnvironment',
  codeLensEnabled: 'knox.codeLens.enabled',
} as const;

export const ContextKeys = {
  hasProfiles: 'knox.hasProfiles',
} as const;

export const OutputChannelName = 'Knox';

/** The AuthenticationProvider (package.json contributes.authentication) for Samsung Account sign-ins. */
export const AuthenticationProviders = {
  knox: { id: 'knox', label: 'Knox' },
} as const;

/** globalState keys: names, aliases, fingerprints and expiry times only, never a secret. */
export const StateKeys = {
  profiles: CredentialStateKeys.profiles,
  clipboardWarned: 'knox.clipboardWarningShown',
  /** The request runner's history, redacted before it is stored. */
  requestHistory: 'knox.requestHistory.v1',
  /** Expiry times and labels of the tokens kept in SecretStorage, never the tokens. */
  tokens: CredentialStateKeys.tokens,
} as const;

/** Status bar item ids. */
export const StatusBarItems = {
  status: 'knox.status',
} as const;

/** Test controllers (the Test Explorer). */
export const TestControllers = {
  apiTests: { id: 'knox.apiTests', label: 'Knox API Tests' },
} as const;

/** Webview panel types. */
export const WebviewTypes = {
  response: 'knox.response',
} as const;

/** SecretStorage keys. Everything secret is stored per profile under these (the core owns them). */
export const SecretKeys = CredentialSecretKeys;
