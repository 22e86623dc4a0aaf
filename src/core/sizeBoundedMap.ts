/** What a SizeBoundedMap holds at most, and how it measures a value. */
export interface SizeBounds<V> {
  /** The total size of the values kept, in the unit `sizeOf` counts. */
  readonly maxSize: number;
  readonly sizeOf: (value: V) => number;
  /** How many values are kept at most (no limit by default). */
  readonly maxEntries?: number;
  /** Keep a value larger than `maxSize` alone (true), or do not keep it (false, the default). */
  readonly keepOversized?: boolean;
}

/**
 * A map that forgets its least recently stored values once they pass a total size or a count,
 * so a session of large responses cannot grow without end. Storing a key again makes it newest.
 */
export class SizeBoundedMap<K, V> {
  private readonly entries = new Map<K, { value: V; size: number }>();
  private total = 0;

  constructor(private readonly bounds: SizeBounds<V>) {}

  get(key: K): V | undefined {
    return this.entries.get(key)?.value;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  set(key: K, value: V): void {
    this.delete(key);
    const size = this.bounds.sizeOf(value);
    if (size > this.bounds.maxSize && this.bounds.keepOversized !== true) return;
    this.entries.set(key, { value, size });
    this.total += size;
    const maxEntries = this.bounds.maxEntries ?? Infinity;
    for (const [oldest, entry] of this.entries) {
      const over = this.entries.size > maxEntries || this.total > this.bounds.maxSize;
      if (!over || this.entries.size === 1) break;
      this.entries.delete(oldest);
      this.total -= entry.size;
    }
  }

  delete(key: K): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.total -= entry.size;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  /** The total size held now. */
  get size(): number {
    return this.total;
  }
}
