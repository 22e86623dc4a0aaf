import type { FetchLike, FetchResponse } from '../core/http/fetchLike';

const MAX_LOGGED_BODY = 2000;

/**
 * Wraps `fetch` to log each request and answer (method, URL, headers, body, status, a redirect's
 * Location, time) through `log`, which must redact. The body stream is handed on as it is; its
 * first bytes are logged once the reader is done with it, so a body cut at the limit stays cut.
 */
export function debugFetch(
  fetch: FetchLike,
  log: (line: string) => void,
  now: () => number,
): FetchLike {
  return async (url, init) => {
    const headers = Object.entries(init.headers).map(([name, value]) => `${name}: ${value}`);
    log(
      [
        '> ' + `${init.method} ${url}`,
        ...headers,
        ...(init.body ? ['', clip(init.body.toString(), init.body.length)] : []),
      ].join('\n'),
    );
    const started = now();
    let response: FetchResponse;
    try {
      response = await fetch(url, init);
    } catch (e) {
      log(`< no answer after ${now() - started} ms: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    }
    const location =
      response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
    log(
      `< ${response.status} ${response.statusText} (${now() - started} ms)${location === null ? '' : `\nlocation: ${location}`}`,
    );
    const logBody = (text: string, bytes: number): void => {
      if (bytes > 0) log(`< body of ${init.method} ${url}:\n${clip(text, bytes)}`);
    };
    const body = response.body;
    if (typeof body === 'object' && body !== null && Symbol.asyncIterator in body) {
      return {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        body: tap(body as AsyncIterable<Uint8Array | string>, logBody),
        text: () => response.text(),
      };
    }
    return {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      text: async () => {
        const text = await response.text();
        logBody(text, Buffer.byteLength(text));
        return text;
      },
    };
  };
}

// Passes every chunk on, keeping the first MAX_LOGGED_BODY bytes; logs them when the reader
// finishes or stops early.
async function* tap(
  source: AsyncIterable<Uint8Array | string>,
  done: (text: string, bytes: number) => void,
): AsyncGenerator<Uint8Array | string> {
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let bytes = 0;
  try {
    for await (const chunk of source) {
      const buffer =
        typeof chunk === 'string'
          ? Buffer.from(chunk, 'utf8')
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      bytes += buffer.length;
      if (keptBytes < MAX_LOGGED_BODY) {
        const part = buffer.subarray(0, MAX_LOGGED_BODY - keptBytes);
        kept.push(part);
        keptBytes += part.length;
      }
      yield chunk;
    }
  } finally {
    done(new TextDecoder().decode(Buffer.concat(kept)), bytes);
  }
}

function clip(text: string, bytes: number): string {
  return bytes > MAX_LOGGED_BODY || text.length > MAX_LOGGED_BODY
    ? `${text.slice(0, MAX_LOGGED_BODY)}... (${bytes} bytes read)`
    : text;
}
