import type { FetchLike, FetchResponse } from '../core/http/fetchLike';

const MAX_LOGGED_BODY = 2000;

/**
 * Wraps `fetch` to log each request and answer (method, URL, headers, body, status, time) through
 * `log`, which must redact. The body is read once and handed on unchanged.
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
        ...(init.body ? ['', clip(init.body.toString())] : []),
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
    const body = await response.text();
    log(
      `< ${response.status} ${response.statusText} (${now() - started} ms)${body ? `\n${clip(body)}` : ''}`,
    );
    return {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      text: () => Promise.resolve(body),
    };
  };
}

function clip(text: string): string {
  return text.length > MAX_LOGGED_BODY
    ? `${text.slice(0, MAX_LOGGED_BODY)}... (${text.length} chars)`
    : text;
}
