/** Something to release: a listener registration. */
export interface Disposable {
  dispose(): void;
}

/** Which key changed in a SecretStore. */
export interface SecretChange {
  readonly key: string;
}

/**
 * Where credentials and tokens are kept. The VS Code layer backs it with `SecretStorage`; the
 * CLI and tests use `MemorySecretStore`. Values are strings (callers serialise JSON).
 */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Called after a key is set or deleted, by this process or (for SecretStorage) another window. */
  onDidChange(listener: (change: SecretChange) => void): Disposable;
}

/** A SecretStore in process memory: nothing touches the disk. */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();
  private readonly listeners = new Set<(change: SecretChange) => void>();

  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.values.get(key));
  }

  set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    this.fire(key);
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    if (this.values.delete(key)) this.fire(key);
    return Promise.resolve();
  }

  onDidChange(listener: (change: SecretChange) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** The keys held, for tests and the "Clear Stored Secrets" command. */
  keys(): string[] {
    return [...this.values.keys()];
  }

  private fire(key: string): void {
    for (const listener of [...this.listeners]) listener({ key });
  }
}
