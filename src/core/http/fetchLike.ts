/** The request half of the fetch subset the toolkit uses. */
export interface FetchInit {
  readonly method: string;
  readonly headers: Record<string, string>;
  /** Bytes go as they are; node-fetch gives a string body a text/plain Content-Type. */
  readonly body?: string | Buffer<ArrayBuffer>;
  readonly signal?: AbortSignal;
  /** Always 'manual': `sendRequest` decides each redirect itself (a credential stays on its origin). */
  readonly redirect?: 'manual';
}

/** The response half of the fetch subset the toolkit uses. */
export interface FetchResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: {
    get(name: string): string | null;
    forEach?(callback: (value: string, name: string) => void): void;
  };
  /**
   * The body as a stream, read up to a byte limit: node-fetch's Readable or the global fetch's
   * ReadableStream (typed loosely, as their types differ). Fakes without one are read with `text()`.
   */
  readonly body?: unknown;
  text(): Promise<string>;
}

/** The fetch the toolkit calls: node-fetch v3, Node's global fetch and test fakes all fit. */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;

/**
 * node-fetch v3, loaded on first use. It is the default because it goes through Node's http
 * module, which VS Code patches for proxy support; the global (undici) fetch does not.
 */
export const nodeFetch: FetchLike = async (url, init) => {
  const { default: fetch } = await import('node-fetch');
  return fetch(url, init);
};
