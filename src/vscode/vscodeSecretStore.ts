import * as vscode from 'vscode';
import { KnoxToolError } from '../core/toolError';
import type { Disposable, SecretChange, SecretStore } from '../core/storage/secretStore';

const PREFIX = 'knox.';

/**
 * SecretStorage as the core's SecretStore. A keyring failure becomes a plain, actionable
 * error and nothing is stored: there is no plain-text fallback.
 */
export class VscodeSecretStore implements SecretStore, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SecretChange>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key.startsWith(PREFIX)) this.changed.fire({ key: e.key });
    });
  }

  async get(key: string): Promise<string | undefined> {
    try {
      return await this.secrets.get(key);
    } catch (e) {
      throw unavailable(e);
    }
  }

  async set(key: string, value: string): Promise<void> {
    try {
      await this.secrets.store(key, value);
    } catch (e) {
      throw unavailable(e);
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.secrets.delete(key);
    } catch (e) {
      throw unavailable(e);
    }
  }

  onDidChange(listener: (change: SecretChange) => void): Disposable {
    return this.changed.event(listener);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function unavailable(cause: unknown): KnoxToolError {
  return new KnoxToolError(
    'STORAGE_UNAVAILABLE',
    'The OS keyring is unavailable, so nothing was stored. Unlock or install a keyring (e.g. GNOME Keyring or KWallet), then try again.',
    { cause },
  );
}
