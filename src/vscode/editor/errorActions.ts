import * as vscode from 'vscode';
import { DOC_URLS } from '../../core/catalogs/docUrls';
import type { ErrorAction } from '../../core/catalogs/errorCatalog';
import type { KnoxBodyDiagnosis } from '../../core/errors/diagnoseKnoxBody';
import type { KnoxLog } from '../log';
import { describeError } from '../log';
import { Commands } from '../ids';

/** A command that does something about an error code, with the title to show for it. */
export interface ActionCommand {
  readonly title: string;
  readonly command: string;
}

// Partner sign-in belongs to the Samsung Account feature; offered only once it is registered.
const SIGN_IN_COMMAND = 'knox.signIn';

/** What each catalog action runs; retryLater has nothing to run. */
export const ERROR_ACTION_COMMANDS: Readonly<Record<ErrorAction, ActionCommand | undefined>> = {
  renewToken: { title: 'Renew Access Token', command: Commands.generateAccessToken },
  resignJwt: { title: 'Sign a New JWT and Renew the Token', command: Commands.generateAccessToken },
  openProfile: { title: 'Edit Knox Profile', command: Commands.editProfile },
  checkClientSecret: { title: 'Check the OAuth Client Secret', command: Commands.setUpOAuthApp },
  checkScopes: { title: 'Check the OAuth Scopes', command: Commands.setUpOAuthApp },
  checkKeyFile: { title: 'Import the Key File Again', command: Commands.importKeyFile },
  signIn: { title: 'Sign In with Samsung Account', command: SIGN_IN_COMMAND },
  retryLater: undefined,
};

/** Tells whether a command id is registered now; VS Code's command registry by default. */
export type CommandCheck = (command: string) => Promise<boolean>;

const OWN_COMMANDS: ReadonlySet<string> = new Set(Object.values(Commands));

/** The registry check the providers use unless a test gives another. */
export const isCommandRegistered: CommandCheck = async (command) =>
  (await vscode.commands.getCommands(true)).includes(command);

/** The command for an action, if the action has one and it can run in this window. */
export async function commandForAction(
  action: ErrorAction | undefined,
  isRegistered: CommandCheck = isCommandRegistered,
): Promise<ActionCommand | undefined> {
  const found = action === undefined ? undefined : ERROR_ACTION_COMMANDS[action];
  if (found === undefined) return undefined;
  return OWN_COMMANDS.has(found.command) || (await isRegistered(found.command)) ? found : undefined;
}

/** The `source` of every diagnostic the error-code feature reports. */
export const DIAGNOSTIC_SOURCE = 'Knox';

export interface ErrorCodeActionDeps {
  readonly log: KnoxLog;
  /** The diagnosis behind a Knox diagnostic at this place, kept by the diagnostics feature. */
  readonly diagnosisAt: (uri: vscode.Uri, range: vscode.Range) => KnoxBodyDiagnosis | undefined;
  readonly isRegistered?: CommandCheck;
}

/** Quick fixes on a diagnosed Knox error: run its action, explain it, open its documentation. */
export function createErrorCodeActionProvider(
  deps: ErrorCodeActionDeps,
): vscode.CodeActionProvider {
  return {
    async provideCodeActions(document, _range, context) {
      try {
        const actions: vscode.CodeAction[] = [];
        for (const diagnostic of context.diagnostics) {
          if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
          const diagnosis = deps.diagnosisAt(document.uri, diagnostic.range);
          if (diagnosis === undefined) continue;
          actions.push(...(await actionsFor(diagnosis, diagnostic, deps.isRegistered)));
        }
        return actions;
      } catch (e) {
        deps.log.error(
          `Knox code actions failed for ${document.uri.scheme} document: ${describeError(e)}`,
        );
        return undefined;
      }
    },
  };
}

async function actionsFor(
  diagnosis: KnoxBodyDiagnosis,
  diagnostic: vscode.Diagnostic,
  isRegistered: CommandCheck | undefined,
): Promise<vscode.CodeAction[]> {
  const entry = diagnosis.error.entry;
  const actions: vscode.CodeAction[] = [];
  const run = await commandForAction(entry?.action, isRegistered);
  if (run !== undefined) {
    const fix = new vscode.CodeAction(run.title, vscode.CodeActionKind.QuickFix);
    fix.command = { title: run.title, command: run.command };
    fix.diagnostics = [diagnostic];
    fix.isPreferred = true;
    actions.push(fix);
  }
  if (entry !== undefined) {
    const explain = new vscode.CodeAction(
      'Explain Knox Error Code',
      vscode.CodeActionKind.QuickFix,
    );
    explain.command = {
      title: 'Explain Knox Error Code',
      command: Commands.explainErrorCode,
      arguments: [{ code: entry.code }],
    };
    explain.diagnostics = [diagnostic];
    actions.push(explain);
  }
  const docs = new vscode.CodeAction('Open Knox Documentation', vscode.CodeActionKind.QuickFix);
  docs.command = {
    title: 'Open Knox Documentation',
    command: 'vscode.open',
    arguments: [vscode.Uri.parse(entry?.docUrl ?? DOC_URLS.troubleshooting)],
  };
  docs.diagnostics = [diagnostic];
  actions.push(docs);
  return actions;
}
