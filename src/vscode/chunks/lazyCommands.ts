// Every command registered with VS Code at activation, each run from the feature chunk that
// implements it: the chunk is loaded first, on the command's first use.
import * as vscode from 'vscode';
import type { CommandId } from '../commandTypes';
import type { CommandDeps, CommandTable } from '../registerCommand';
import { guarded } from '../registerCommand';
import { Commands } from '../ids';

/** The separately bundled features, in the order they were loaded. */
export type ChunkName = 'credentials' | 'runner' | 'samsungAccount' | 'sandbox' | 'errorCodes';

/** Where each command's implementation lives; 'entry' ones are defined at activation. */
export const COMMAND_CHUNKS: Readonly<Record<CommandId, ChunkName | 'entry'>> = {
  [Commands.showLog]: 'entry',
  [Commands.explainErrorCode]: 'errorCodes',
  [Commands.refreshExplorer]: 'credentials',
  [Commands.addProfile]: 'credentials',
  [Commands.editProfile]: 'credentials',
  [Commands.removeProfile]: 'credentials',
  [Commands.selectProfile]: 'credentials',
  [Commands.importKeyFile]: 'credentials',
  [Commands.removeKeyFile]: 'credentials',
  [Commands.addClientIdentifier]: 'credentials',
  [Commands.removeClientIdentifier]: 'credentials',
  [Commands.setUpOAuthApp]: 'credentials',
  [Commands.generateAccessToken]: 'credentials',
  [Commands.copyAccessToken]: 'credentials',
  [Commands.copyAsHeader]: 'credentials',
  [Commands.clearTokens]: 'credentials',
  [Commands.inspectToken]: 'credentials',
  [Commands.connectSandbox]: 'sandbox',
  [Commands.setUpSamsungAccount]: 'samsungAccount',
  [Commands.signIn]: 'samsungAccount',
  [Commands.signOut]: 'samsungAccount',
  [Commands.sendRequest]: 'runner',
  [Commands.copyAsCurl]: 'runner',
  [Commands.copyAsCurlWithToken]: 'runner',
  [Commands.showHistory]: 'runner',
  [Commands.clearHistory]: 'runner',
  [Commands.selectEnvironment]: 'runner',
  [Commands.openResponseBody]: 'runner',
  [Commands.openSampleRequests]: 'runner',
  [Commands.newRequest]: 'runner',
};

type Handler = (...args: unknown[]) => Promise<unknown>;

/** Registers every command with VS Code now; runs each from its chunk, loading it first. */
export class LazyCommands implements CommandTable, vscode.Disposable {
  private readonly handlers = new Map<CommandId, Handler>();
  private readonly registrations: vscode.Disposable[];

  constructor(
    private readonly deps: Omit<CommandDeps, 'commands'> & {
      readonly load: (chunk: ChunkName) => Promise<unknown>;
    },
  ) {
    this.registrations = (Object.keys(COMMAND_CHUNKS) as CommandId[]).map((id) =>
      vscode.commands.registerCommand(id, (...args: unknown[]) => this.run(id, args)),
    );
  }

  define(id: CommandId, handler: Handler): vscode.Disposable {
    this.handlers.set(id, handler);
    return new vscode.Disposable(() => {
      if (this.handlers.get(id) === handler) this.handlers.delete(id);
    });
  }

  dispose(): void {
    for (const r of this.registrations) r.dispose();
    this.handlers.clear();
  }

  private async run(id: CommandId, args: unknown[]): Promise<unknown> {
    const chunk = COMMAND_CHUNKS[id];
    if (!this.handlers.has(id) && chunk !== 'entry') {
      if ((await guarded(this.deps, id, () => this.deps.load(chunk).then(() => true))) !== true)
        return undefined;
    }
    const handler = this.handlers.get(id);
    if (handler === undefined) {
      this.deps.log.error(`${id}: no implementation after loading the ${chunk} chunk`);
      return undefined;
    }
    return handler(...args);
  }
}
