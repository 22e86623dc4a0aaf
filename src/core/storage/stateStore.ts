/**
 * Where plain, non-secret state is kept (profiles, token expiry times). The VS Code layer hands
 * in its `Memento` (globalState), which has this shape; the CLI and tests use `MemoryStateStore`.
 */
export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** A StateStore in process memory; values are copied in and out as JSON, as a Memento does. */
export class MemoryStateStore implements StateStore {
  private readonly values = new Map<string, string>();

  get<T>(key: string): T | undefined {
    const text = this.values.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.stringify(value));
    return Promise.resolve();
  }

  /** The keys held, for tests. */
  keys(): string[] {
    return [...this.values.keys()];
  }
}
