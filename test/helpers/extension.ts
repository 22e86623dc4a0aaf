import * as vscode from 'vscode';
import type { KnoxExtensionApi, KnoxFeatures } from '../../src/extension';
import { ExtensionId } from '../../src/vscode/ids';

/** Activates the extension under test, loads every feature chunk, and returns both APIs. */
export async function activateKnox(): Promise<KnoxTestApi> {
  const ext = vscode.extensions.getExtension<KnoxExtensionApi>(ExtensionId);
  if (!ext) throw new Error(`extension ${ExtensionId} is not loaded`);
  const api = await ext.activate();
  return Object.assign(Object.create(api) as KnoxExtensionApi, api, await api.features());
}

/** The extension's API with every feature loaded, as the integration tests use it. */
export type KnoxTestApi = KnoxExtensionApi & KnoxFeatures;
