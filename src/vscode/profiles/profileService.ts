import * as vscode from 'vscode';
import type { ProfileStoreDeps } from '../../core/credentials/profileStore';
import { ProfileStore } from '../../core/credentials/profileStore';

/** The core's ProfileStore on globalState (a Memento) and SecretStorage, with VS Code events. */
export class ProfileService extends ProfileStore implements vscode.Disposable {
  constructor(deps: Omit<ProfileStoreDeps, 'createEmitter'>) {
    super({ ...deps, createEmitter: () => new vscode.EventEmitter<void>() });
  }
}
