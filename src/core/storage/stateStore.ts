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

/**
 * A StateStore that answers with its own latest write until that write has settled. VS Code's
 * globalState takes back an echo of every write, the whole state as it was then; an echo of an
 * earlier write that arrives after a later one puts old values back for a moment (a cleared
 * token listed again). Reads of a key written here return that write until it has settled.
 */
export class LocalFirstStateStore implements StateStore {
  private readonly written = new Map<string, { text: string | undefined; pending: number }>();

  constructor(private readonly inner: StateStore) {}

  get<T>(key: string): T | undefined {
    const own = this.written.get(key);
    if (own === undefined) return this.inner.get<T>(key);
    return own.text === undefined ? undefined : (JSON.parse(own.text) as T);
  }

  update(key: string, value: unknown): Promise<void> {
    const own = this.written.get(key) ?? { text: undefined, pending: 0 };
    own.text = value === undefined ? undefined : JSON.stringify(value);
    own.pending++;
    this.written.set(key, own);
    const settled = (): void => {
      if (--own.pending === 0 && this.written.get(key) === own) this.written.delete(key);
    };
    return Promise.resolve(this.inner.update(key, value)).then(settled, (e: unknown) => {
      settled();
      throw e;
    });
  }
}
