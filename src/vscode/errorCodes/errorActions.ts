import * as vscode from 'vscode';
import { DOC_URLS } from '../../core/catalogs/docUrls';
import type { ErrorAction } from '../../core/catalogs/errorCatalog';
import type { KnoxBodyDiagnosis } from '../../core/knoxErrors/diagnoseKnoxBody';
import type { KnoxLog } from '../log';
import { describeError } from '../log';
import { Commands } from '../ids';
import { commandOf } from '../registerCommand';

/** A command that does something about an error code, with the title to show for it. */
export interface ActionCommand {
  readonly title: string;
  readonly command: ActionCommandId;
}

/** The commands an error code's action runs; each takes an optional profile argument. */
export type ActionCommandId =
  | typeof Commands.generateAccessToken
  | typeof Commands.editProfile
  | typeof Commands.addProfile
  | typeof Commands.setUpOAuthApp
  | typeof Commands.importKeyFile
  | typeof Commands.signIn;

/** What each catalog action runs; retryLater has nothing to run. */
export const ERROR_ACTION_COMMANDS: Readonly<Record<ErrorAction, ActionCommand | undefined>> = {
  renewToken: { title: 'Renew Access Token', command: Commands.generateAccessToken },
  resignJwt: { title: 'Sign a New JWT and Renew the Token', command: Commands.generateAccessToken },
  openProfile: { title: 'Edit Knox Profile', command: Commands.editProfile },
  checkClientSecret: { title: 'Check the OAuth Client Secret', command: Commands.setUpOAuthApp },
  checkScopes: { title: 'Check the OAuth Scopes', command: Commands.setUpOAuthApp },
  checkKeyFile: { title: 'Import the Key File Again', command: Commands.importKeyFile },
  useKeyFileProfile: { title: 'Add a Key-File Profile', command: Commands.addProfile },
  signIn: { title: 'Sign In with Samsung Account', command: Commands.signIn },
  retryLater: undefined,
};

/** The command for an action, if the action has one. */
export function commandForAction(action: ErrorAction | undefined): ActionCommand | undefined {
  return action === undefined ? undefined : ERROR_ACTION_COMMANDS[action];
}

/** The `source` of every diagnostic the error-code feature reports. */
export const DIAGNOSTIC_SOURCE = 'Knox';

export interface ErrorCodeActionDeps {
  readonly log: KnoxLog;
  /** The diagnosis behind a Knox diagnostic at this place, kept by the diagnostics feature. */
  readonly diagnosisAt: (uri: vscode.Uri, range: vscode.Range) => KnoxBodyDiagnosis | undefined;
}

/** Quick fixes on a diagnosed Knox error: run its action, explain it, open its documentation. */
export function createErrorCodeActionProvider(
  deps: ErrorCodeActionDeps,
): vscode.CodeActionProvider {
  return {
    provideCodeActions(document, _range, context) {
      try {
        const actions: vscode.CodeAction[] = [];
        for (const diagnostic of context.diagnostics) {
          if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
          const diagnosis = deps.diagnosisAt(document.uri, diagnostic.range);
          if (diagnosis === undefined) continue;
          actions.push(...actionsFor(diagnosis, diagnostic));
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

function actionsFor(
  diagnosis: KnoxBodyDiagnosis,
  diagnostic: vscode.Diagnostic,
): vscode.CodeAction[] {
  const entry = diagnosis.error.entry;
  const actions: vscode.CodeAction[] = [];
  const run = commandForAction(entry?.action);
  if (run !== undefined) {
    const fix = new vscode.CodeAction(run.title, vscode.CodeActionKind.QuickFix);
    fix.command = commandOf(run.title, run.command);
    fix.diagnostics = [diagnostic];
    fix.isPreferred = true;
    actions.push(fix);
  }
  if (entry !== undefined) {
    const explain = new vscode.CodeAction(
      'Explain Knox Error Code',
      vscode.CodeActionKind.QuickFix,
    );
    explain.command = commandOf('Explain Knox Error Code', Commands.explainErrorCode, {
      code: entry.code,
    });
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
