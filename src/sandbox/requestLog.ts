/** What the sandbox remembers of a request: never a header value, never a body. */
export interface ObservedRequest {
  /** When it was answered, by the sandbox's clock (ms). */
  readonly at: number;
  readonly method: string;
  /** The path without the query string. */
  readonly path: string;
  /** Header names as sent, lowercased, in order. */
  readonly headerNames: readonly string[];
  readonly hasApiToken: boolean;
  readonly hasAuthorization: boolean;
  readonly status: number;
  /** The injected fault's status, 'delay' or 'expire', when one applied. */
  readonly fault?: string;
}

/** The last N requests, oldest first. */
export class RequestLog {
  private readonly entries: ObservedRequest[] = [];

  constructor(private readonly capacity: number) {}

  add(entry: ObservedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity)
      this.entries.splice(0, this.entries.length - this.capacity);
  }

  recent(limit = this.capacity): readonly ObservedRequest[] {
    return this.entries.slice(-Math.max(0, limit));
  }

  clear(): void {
    this.entries.length = 0;
  }
}
