import * as vscode from 'vscode';
import { KnoxToolError, isKnoxToolError } from '../../core/toolError';
import type { ProfileService } from '../profiles/profileService';
import { environmentNames } from '../../core/runner/environment';
import { formatBytes, formatDuration } from '../../core/runner/bodyPreview';
import type { CommandDeps } from '../registerCommand';
import { Cancelled, executeCommand, registerCommand } from '../registerCommand';
import { Commands, Settings } from '../ids';
import type { RequestArg } from './httpDocuments';
import type { RequestHistory } from './requestHistory';
import type { RequestRunner, SendSummary } from './requestRunner';
import type { ResponseView } from './responseView';

/** The button that offers another profile when an OAuth profile cannot call the service. */
export const PICK_KEY_FILE_PROFILE = 'Pick a Key-File Profile';

export interface RunnerCommandDeps extends CommandDeps {
  readonly profiles: ProfileService;
  readonly runner: RequestRunner;
  readonly history: RequestHistory;
  readonly view: ResponseView;
}

export interface CurlArg extends RequestArg {
  /** Skip the warning that the clipboard will hold the token (tests, scripts). */
  readonly acknowledged?: boolean;
}

/** Runs `work` under a cancellable progress notification; cancelling aborts its signal. */
async function withCancellableProgress<T>(
  title: string,
  work: (signal: AbortSignal, report: (message: string) => void) => Promise<T>,
): Promise<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, cancellation) => {
      const controller = new AbortController();
      const subscription = cancellation.onCancellationRequested(() => controller.abort());
      try {
        return await work(controller.signal, (message) => progress.report({ message }));
      } finally {
        subscription.dispose();
      }
    },
  );
}

function timeAgo(at: number, now: number): string {
  const minutes = Math.round((now - at) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : new Date(at).toLocaleDateString();
}

/** Send, Copy as Curl Command, history and environment commands of the request runner. */
export function registerRunnerCommands(deps: RunnerCommandDeps): vscode.Disposable {
  const { runner, history, view } = deps;
  return vscode.Disposable.from(
    registerCommand(deps, Commands.sendRequest, async (arg?: RequestArg): Promise<SendSummary> => {
      const send = (request: RequestArg | undefined): Promise<SendSummary> =>
        withCancellableProgress('Knox: sending the request', (signal, report) =>
          runner.send(request, signal, { report }),
        );
      try {
        return await send(arg);
      } catch (e) {
        const keyFileProfiles = deps.profiles.list().filter((p) => p.scheme !== 'oauth');
        if (!isKnoxToolError(e, 'OAUTH_NOT_SUPPORTED') || keyFileProfiles.length === 0) throw e;
        // Nothing was minted or sent; offer the key-file profiles without holding the command.
        void vscode.window
          .showWarningMessage(e.message, PICK_KEY_FILE_PROFILE)
          .then(async (choice) => {
            if (choice !== PICK_KEY_FILE_PROFILE) return;
            const picked = await vscode.window.showQuickPick(
              keyFileProfiles.map((p) => ({
                label: p.name,
                description: p.clientIdentifiers.map((c) => c.alias).join(', '),
                id: p.id,
              })),
              { title: 'Knox: send with a key-file profile', placeHolder: 'Choose a profile' },
            );
            if (picked)
              await executeCommand(Commands.sendRequest, { ...arg, profileId: picked.id });
          });
        throw new Cancelled();
      }
    }),

    registerCommand(deps, Commands.copyAsCurl, async (arg?: RequestArg): Promise<string> => {
      const curl = await runner.curl(arg, false);
      await vscode.env.clipboard.writeText(curl);
      void vscode.window.showInformationMessage(
        'Knox: curl command copied. The token is a placeholder: set KNOX_API_TOKEN (x-knox-apitoken) or replace <redacted> (Authorization) before running it.',
      );
      return curl;
    }),

    registerCommand(deps, Commands.copyAsCurlWithToken, async (arg?: CurlArg): Promise<string> => {
      if (!arg?.acknowledged) {
        const choice = await vscode.window.showWarningMessage(
          'Copy the curl command with the real access token?',
          {
            modal: true,
            detail:
              'The clipboard will hold a secret. Other applications can read the clipboard, clipboard managers keep history, and a command pasted into a terminal lands in its history.',
          },
          'Copy With Token',
        );
        if (choice !== 'Copy With Token') throw new Cancelled();
      }
      const curl = await withCancellableProgress('Knox: getting the token', (signal) =>
        runner.curl(arg, true, signal),
      );
      await vscode.env.clipboard.writeText(curl);
      void vscode.window.showInformationMessage(
        'Knox: curl command copied, with the access token.',
      );
      return curl;
    }),

    registerCommand(deps, Commands.showHistory, async (arg?: { readonly id?: string }) => {
      const entries = history.entries();
      let entry = arg?.id === undefined ? undefined : history.find(arg.id);
      if (arg?.id !== undefined && !entry) {
        throw new KnoxToolError(
          'NOT_FOUND',
          'That request is no longer in the history (it keeps the last 50).',
        );
      }
      if (!entry) {
        if (entries.length === 0) {
          void vscode.window.showInformationMessage(
            'Knox: no requests sent yet. Send one from an .http file.',
          );
          return undefined;
        }
        const now = Date.now();
        const picked = await vscode.window.showQuickPick(
          entries.map((e) => ({
            label: `${e.status} ${e.method} ${e.name ?? e.url}`,
            description: [e.profileName, timeAgo(e.at, now)].filter(Boolean).join(' · '),
            detail: `${e.url} · ${formatDuration(e.elapsedMs)} · ${formatBytes(e.sizeBytes)}${e.errorCode ? ` · ${e.errorCode} ${e.errorName ?? ''}` : ''}`,
            entry: e,
          })),
          {
            title: 'Knox Request History',
            placeHolder: 'Re-open a response (secrets are redacted)',
            matchOnDetail: true,
          },
        );
        if (!picked) throw new Cancelled();
        entry = picked.entry;
      }
      const content = runner.showHistoryEntry(entry);
      return {
        id: content.id,
        status: content.status,
        url: content.url,
        body: content.preview.text,
        notes: content.notes,
      };
    }),

    registerCommand(deps, Commands.clearHistory, async () => {
      await history.clear();
      void vscode.window.showInformationMessage('Knox: request history cleared.');
    }),

    registerCommand(deps, Commands.selectEnvironment, async (arg?: { readonly name?: string }) => {
      const config = vscode.workspace.getConfiguration();
      const names = environmentNames(config.get<unknown>(Settings.environments));
      let name = arg?.name;
      if (name === undefined) {
        if (names.length === 0) {
          void vscode.window.showInformationMessage(
            'Knox: no environments yet. Add them to the "knox.environments" setting, e.g. { "dev": { "host": "https://..." } }.',
          );
          return undefined;
        }
        const active = config.get<string>(Settings.activeEnvironment, '');
        const none = { label: 'No Environment', description: 'only $shared variables', name: '' };
        const picked = await vscode.window.showQuickPick(
          [
            none,
            ...names.map((n) => ({ label: n, description: n === active ? 'active' : '', name: n })),
          ],
          {
            title: 'Knox: Select Environment',
            placeHolder: 'Variables for {{...}} in .http files',
          },
        );
        if (!picked) throw new Cancelled();
        name = picked.name;
      } else if (name !== '' && !names.includes(name)) {
        throw new KnoxToolError(
          'NOT_FOUND',
          `There is no environment "${name}" in the "knox.environments" setting. Add it there first.`,
        );
      }
      const target = vscode.workspace.workspaceFolders?.length
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
      await config.update(Settings.activeEnvironment, name, target);
      return name;
    }),

    registerCommand(deps, Commands.openResponseBody, async (arg?: { readonly id?: string }) => {
      const id = arg?.id ?? view.current()?.id;
      if (id === undefined || !view.hasBody(id)) {
        throw new KnoxToolError(
          'NOT_FOUND',
          'That response body is no longer kept. Send the request again.',
        );
      }
      const document = await view.openBody(id);
      return document.uri.toString();
    }),
  );
}
