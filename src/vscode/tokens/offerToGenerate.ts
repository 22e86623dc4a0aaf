import * as vscode from 'vscode';
import { Commands } from '../ids';
import { executeCommand } from '../registerCommand';

/** An information message with a "Generate Access Token" button for the profile. */
export function offerToGenerate(message: string, profileId: string): void {
  const generate = 'Generate Access Token';
  void vscode.window.showInformationMessage(message, generate).then((choice) => {
    if (choice === generate) void executeCommand(Commands.generateAccessToken, { profileId });
  });
}
