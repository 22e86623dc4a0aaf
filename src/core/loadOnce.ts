/**
 * Runs `load` once per key and shares its promise; a failed load is forgotten, so the next call
 * tries again (a feature bundle that failed to load once is not broken for the whole session).
 */
export class LoadOnce<K> {
  private readonly pending = new Map<K, Promise<unknown>>();

  get<T>(key: K, load: () => Promise<T>): Promise<T> {
    const known = this.pending.get(key) as Promise<T> | undefined;
    if (known !== undefined) return known;
    const started = load().catch((e: unknown) => {
      if (this.pending.get(key) === started) this.pending.delete(key);
      throw e;
    });
    this.pending.set(key, started);
    return started;
  }
}
