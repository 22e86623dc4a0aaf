import * as vscode from 'vscode';
import { createMint } from '../../core/credentials/mintForCredential';
import type { MintSettings, ProfileMintDeps } from '../../core/credentials/mintForCredential';
import type { TokenStoreDeps } from '../../core/credentials/tokenStore';
import { TokenStore } from '../../core/credentials/tokenStore';
import { Settings } from '../ids';

/** The settings a mint reads, from the workspace configuration at each mint. */
export const mintSettings: MintSettings = {
  requestTimeoutMs: () =>
    vscode.workspace.getConfiguration().get<number>(Settings.requestTimeoutSeconds, 30) * 1000,
  validityMinutes: () =>
    vscode.workspace.getConfiguration().get<number>(Settings.defaultValidityMinutes, 30),
};

/** The renewal margin setting, in milliseconds. */
export function renewalMarginMs(): number {
  return vscode.workspace.getConfiguration().get<number>(Settings.renewalMarginSeconds, 120) * 1000;
}

/**
 * The core's TokenStore on globalState and SecretStorage, with VS Code events; unless a mint is
 * given, it mints with the profile's stored secrets and the workspace settings.
 */
export class TokenService extends TokenStore implements vscode.Disposable {
  constructor(
    deps: Omit<TokenStoreDeps, 'createEmitter' | 'mint' | 'renewalMarginMs'> &
      Partial<Pick<TokenStoreDeps, 'mint' | 'renewalMarginMs'>> &
      Pick<ProfileMintDeps, 'prepare' | 'fetch'>,
  ) {
    const { prepare, fetch, ...rest } = deps;
    super({
      ...rest,
      mint:
        deps.mint ??
        createMint({
          profiles: deps.profiles,
          settings: mintSettings,
          ...(prepare ? { prepare } : {}),
          ...(fetch ? { fetch } : {}),
        }),
      renewalMarginMs: deps.renewalMarginMs ?? renewalMarginMs,
      createEmitter: () => new vscode.EventEmitter<void>(),
    });
  }
}
