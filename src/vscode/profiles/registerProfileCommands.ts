import * as vscode from 'vscode';
import { Commands } from '../ids';
import { registerCommand } from '../registerCommand';
import { addClientIdentifier, removeClientIdentifier } from './clientIdentifierCommands';
import { importKeyFile, removeKeyFile } from './keyFileCommands';
import { setUpOAuthApp } from './oauthAppCommands';
import type { ProfileCommandDeps } from './profileCommands';
import { addProfile, editProfile, removeProfile, selectProfile } from './profileCommands';

/** Profile, key file, client identifier and OAuth app commands of the Knox explorer. */
export function registerProfileCommands(deps: ProfileCommandDeps): vscode.Disposable {
  return vscode.Disposable.from(
    registerCommand(deps, Commands.addProfile, (arg) => addProfile(deps, arg)),
    registerCommand(deps, Commands.editProfile, (arg) => editProfile(deps, arg)),
    registerCommand(deps, Commands.removeProfile, (arg) => removeProfile(deps, arg)),
    registerCommand(deps, Commands.selectProfile, (arg) => selectProfile(deps, arg)),
    registerCommand(deps, Commands.importKeyFile, (arg) => importKeyFile(deps, arg)),
    registerCommand(deps, Commands.removeKeyFile, (arg) => removeKeyFile(deps, arg)),
    registerCommand(deps, Commands.addClientIdentifier, (arg) => addClientIdentifier(deps, arg)),
    registerCommand(deps, Commands.removeClientIdentifier, (arg) =>
      removeClientIdentifier(deps, arg),
    ),
    registerCommand(deps, Commands.setUpOAuthApp, (arg) => setUpOAuthApp(deps, arg)),
  );
}
