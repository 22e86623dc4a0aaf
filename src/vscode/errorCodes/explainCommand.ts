import * as vscode from 'vscode';
import { findErrorCode, searchErrorCodes } from '../../core/catalogs/errorLookup';
import type { ErrorCodeEntry } from '../../core/catalogs/errorCatalog';
import { errorCodeUnderCursor } from '../../core/knoxErrors/errorCodeUnderCursor';
import { explainErrorCode } from '../../core/knoxErrors/explainErrorCode';
import { KnoxToolError } from '../../core/toolError';
import { commandForAction } from './errorActions';
import { Commands } from '../ids';
import { describeError } from '../log';
import type { CommandDeps } from '../registerCommand';
import { Cancelled, executeCommand, registerCommand } from '../registerCommand';

/** The plain argument of "Explain Error Code": a code skips the pick; `show: false` the dialog. */
export interface ExplainArg {
  readonly code?: string | number;
  readonly show?: boolean;
}

export type ExplainCommandDeps = CommandDeps;

const OPEN_DOCS = 'Open Documentation';
const CLOSE = 'OK';

/** "Knox: Explain Error Code": search the catalog, show the explanation, return the entry. */
export function registerExplainCommand(deps: ExplainCommandDeps): vscode.Disposable {
  return registerCommand(deps, Commands.explainErrorCode, async (arg?: ExplainArg) => {
    const given = isExplainArg(arg) ? arg : {};
    const entry =
      given.code !== undefined ? requireEntry(given.code) : await pickEntry(initialQuery());
    if (given.show !== false) {
      void showExplanation(deps, entry).catch((e: unknown) =>
        deps.log.error(`${Commands.explainErrorCode}: ${describeError(e)}`),
      );
    }
    return entry;
  });
}

function isExplainArg(arg: unknown): arg is ExplainArg {
  return typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri);
}

function requireEntry(code: string | number): ErrorCodeEntry {
  const entry = findErrorCode(code);
  if (entry !== undefined) return entry;
  const shown = String(code).trim().slice(0, 40);
  throw new KnoxToolError(
    'UNKNOWN_CODE',
    `"${shown}" is not a Knox error code the toolkit knows. Run "Knox: Explain Error Code" to search by code, name or words.`,
  );
}

// The selection, else the code under the cursor, so the pick opens on what the user looks at.
function initialQuery(): string {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined) return '';
  const selected = editor.document.getText(editor.selection).trim();
  if (selected !== '' && selected.length <= 60 && !selected.includes('\n')) return selected;
  const { line, character } = editor.selection.active;
  return errorCodeUnderCursor(editor.document.lineAt(line).text, character)?.entry.code ?? '';
}

interface EntryItem extends vscode.QuickPickItem {
  readonly entry: ErrorCodeEntry;
}

function toItem(entry: ErrorCodeEntry): EntryItem {
  const name = entry.name === entry.code ? [] : [entry.name];
  const status = entry.httpStatus === undefined ? [] : [`HTTP ${entry.httpStatus}`];
  return {
    label: entry.code,
    description: [...name, ...status].join(' · '),
    detail: entry.meaning,
    // The catalog's own search ranks and filters; the quick pick must not filter again.
    alwaysShow: true,
    entry,
  };
}

function pickEntry(initial: string): Promise<ErrorCodeEntry> {
  const pick = vscode.window.createQuickPick<EntryItem>();
  pick.title = 'Explain Knox Error Code';
  pick.placeholder = 'Search by code (4032251, AUT_1806), name (ACCESS_TOKEN_EXPIRED) or words';
  const search = (query: string): void => {
    pick.items = searchErrorCodes(query).map(toItem);
  };
  pick.value = initial;
  search(initial);
  return new Promise<ErrorCodeEntry>((resolve, reject) => {
    let picked: ErrorCodeEntry | undefined;
    const subscriptions = [
      pick.onDidChangeValue(search),
      pick.onDidAccept(() => {
        picked = pick.selectedItems[0]?.entry;
        if (picked !== undefined) pick.hide();
      }),
      pick.onDidHide(() => {
        for (const s of subscriptions) s.dispose();
        pick.dispose();
        if (picked === undefined) reject(new Cancelled());
        else resolve(picked);
      }),
    ];
    pick.show();
  });
}

async function showExplanation(deps: ExplainCommandDeps, entry: ErrorCodeEntry): Promise<void> {
  const x = explainErrorCode(entry);
  const action = commandForAction(entry.action);
  const detail = [x.context, ...x.sections.map((s) => `${s.label}: ${s.text}`)].join(' ');
  // A notification, not a modal dialog, whose first (Enter) button only closes it: Enter must
  // not run the action (issue 15).
  const buttons = [CLOSE, ...(action === undefined ? [] : [action.title]), OPEN_DOCS];
  const choice = await vscode.window.showInformationMessage(
    `Knox ${x.title}. ${detail}`,
    ...buttons,
  );
  if (choice === OPEN_DOCS) await vscode.env.openExternal(vscode.Uri.parse(x.docUrl));
  else if (action !== undefined && choice === action.title) {
    await executeCommand(action.command);
  }
}
