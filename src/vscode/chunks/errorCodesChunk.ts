// Feature chunk "errorCodes" (dist/chunks/errorCodes.js): "Explain Error Code", its searchable
// pick and dialog. Hovers and diagnostics stay in the entry: they must work at once.
import type * as vscode from 'vscode';
import { registerExplainCommand } from '../errorCodes/explainCommand';
import type { CommandDeps } from '../registerCommand';

export function activateErrorCodes(deps: CommandDeps): vscode.Disposable {
  return registerExplainCommand(deps);
}
