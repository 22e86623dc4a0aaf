import * as vscode from 'vscode';
import type { ErrorCodeEntry } from '../../core/catalogs/errorCatalog';
import { errorCodeUnderCursor } from '../../core/knoxErrors/errorCodeUnderCursor';
import { explainErrorCode } from '../../core/knoxErrors/explainErrorCode';
import type { KnoxLog } from '../log';
import { describeError } from '../log';
import type { ActionCommand } from './errorActions';
import { commandForAction } from './errorActions';
import { commandLink } from '../registerCommand';

export interface ErrorHoverDeps {
  readonly log: KnoxLog;
}

/**
 * Explains a Knox error code on hover in any document (source, logs, JSON, .http, output):
 * only the line under the cursor is read.
 */
export function registerErrorHover(deps: ErrorHoverDeps): vscode.Disposable {
  return vscode.languages.registerHoverProvider('*', {
    provideHover(document, position) {
      try {
        const line = document.lineAt(position.line).text;
        const match = errorCodeUnderCursor(line, position.character);
        if (match === undefined) return undefined;
        const action = commandForAction(match.entry.action);
        return new vscode.Hover(
          errorMarkdown(match.entry, action),
          new vscode.Range(position.line, match.start, position.line, match.end),
        );
      } catch (e) {
        deps.log.error(`Knox hover failed: ${describeError(e)}`);
        return undefined;
      }
    },
  });
}

/** The hover text: code, name, status, meaning, cause, fix, and links to act and to read more. */
export function errorMarkdown(
  entry: ErrorCodeEntry,
  action: ActionCommand | undefined,
): vscode.MarkdownString {
  const x = explainErrorCode(entry);
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = { enabledCommands: action === undefined ? [] : [action.command] };
  md.appendMarkdown(`$(error) **Knox** \`${escapeCode(x.title)}\` · ${escapeText(x.context)}\n\n`);
  for (const s of x.sections) md.appendMarkdown(`**${s.label}:** ${s.text}\n\n`);
  const links = [
    ...(action === undefined ? [] : [`[${action.title}](${commandLink(action.command)})`]),
    `[Documentation](${x.docUrl})`,
  ];
  md.appendMarkdown(links.join(' · '));
  return md;
}

function escapeCode(text: string): string {
  return text.replace(/`/g, "'");
}

function escapeText(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`);
}
