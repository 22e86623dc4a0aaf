import type { RecordedExchange } from './requestVariables';

/** Characters of bodies and headers kept for request variables, over all named exchanges. */
export const EXCHANGE_MEMORY_CHARS = 64 * 1024 * 1024;

/**
 * The named exchanges request variables read (`{{login.response.body.$.token}}`), bounded by
 * their total size: past `maxChars` the least recently stored ones are forgotten, so a session
 * of large responses cannot grow without end. One exchange larger than the bound is not kept.
 */
export class ExchangeMemory {
  private readonly entries = new Map<string, { exchange: RecordedExchange; size: number }>();
  private total = 0;

  constructor(private readonly maxChars = EXCHANGE_MEMORY_CHARS) {}

  get(key: string): RecordedExchange | undefined {
    return this.entries.get(key)?.exchange;
  }

  set(key: string, exchange: RecordedExchange): void {
    this.delete(key);
    const size = exchangeSize(exchange);
    if (size > this.maxChars) return;
    this.entries.set(key, { exchange, size });
    this.total += size;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.maxChars) break;
      this.entries.delete(oldest);
      this.total -= entry.size;
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.total -= entry.size;
  }

  /** Characters held now. */
  get size(): number {
    return this.total;
  }
}

function exchangeSize(exchange: RecordedExchange): number {
  let size = exchange.response.body.length + (exchange.request.body?.length ?? 0);
  for (const headers of [exchange.request.headers, exchange.response.headers]) {
    for (const [name, value] of Object.entries(headers)) size += name.length + value.length;
  }
  return size;
}
