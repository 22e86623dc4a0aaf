// Every id the extension shares with package.json. Plain data, no 'vscode' import, so the
// unit tests can check it against the manifest in both directions.

export const ExtensionId = 'knox-api-toolkit.knox-api-toolkit';

export const Commands = {
  showLog: 'knox.showLog',
} as const;
export type CommandId = (typeof Commands)[keyof typeof Commands];

export const ViewContainers = {
  knox: 'knox',
} as const;

export const Views = {
  explorer: 'knox.explorer',
} as const;

export const Settings = {} as const;

export const OutputChannelName = 'Knox';
