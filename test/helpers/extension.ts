import * as vscode from 'vscode';
import type { KnoxExtensionApi } from '../../src/extension';
import { ExtensionId } from '../../src/vscode/ids';

/** Activates the extension under test and returns its API. */
export async function activateKnox(): Promise<KnoxExtensionApi> {
  const ext = vscode.extensions.getExtension<KnoxExtensionApi>(ExtensionId);
  if (!ext) throw new Error(`extension ${ExtensionId} is not loaded`);
  return ext.activate();
}
