import { KnoxToolError } from '../toolError';
import { parseKnoxError } from '../knoxErrors/knoxError';
import type { KnoxErrorResult } from '../knoxErrors/knoxError';
import { sendRequest } from '../http/sendRequest';
import type { HttpResponse, SendOptions } from '../http/sendRequest';

/** Transport options every auth call takes; all optional. */
export type AuthCallOptions = Pick<
  SendOptions,
  'fetch' | 'signal' | 'timeoutMs' | 'retry' | 'onWait' | 'now' | 'sleep'
>;

/** A 2xx JSON object, or Knox's refusal as a result. */
export type AuthEndpointResult =
  | {
      readonly ok: true;
      readonly json: Readonly<Record<string, unknown>>;
      readonly response: HttpResponse;
    }
  | { readonly ok: false; readonly error: KnoxErrorResult };

/** A body to send: JSON or application/x-www-form-urlencoded. */
export type AuthBody =
  | { readonly json: Readonly<Record<string, unknown>> }
  | { readonly form: Readonly<Record<string, string>> };

/**
 * POSTs to a Knox authentication endpoint. Returns the JSON object of a 2xx answer or the parsed
 * Knox error; never follows a redirect. Throws KnoxToolError 'RESPONSE_INVALID' for a 2xx that is
 * not a JSON object, 'REDIRECT_NOT_FOLLOWED' for a 3xx, and what `sendRequest` throws.
 */
export async function postAuthEndpoint(
  url: string,
  body: AuthBody,
  options: AuthCallOptions = {},
): Promise<AuthEndpointResult> {
  const { contentType, text } =
    'json' in body
      ? { contentType: 'application/json', text: JSON.stringify(body.json) }
      : {
          contentType: 'application/x-www-form-urlencoded',
          text: new URLSearchParams(body.form).toString(),
        };
  const response = await sendRequest(
    {
      url,
      method: 'POST',
      headers: { 'Content-Type': contentType, Accept: 'application/json' },
      body: text,
    },
    // A token request carries the client secret or signed client identifier: never redirected.
    { ...options, redirect: 'error' },
  );
  if (response.status < 200 || response.status >= 300) {
    return {
      ok: false,
      error: parseKnoxError(response.status, response.body, response.headers['content-type']),
    };
  }
  const json = parseObject(response.body);
  if (!json) {
    throw new KnoxToolError(
      'RESPONSE_INVALID',
      `${new URL(url).pathname} answered HTTP ${response.status} without a JSON object. Check that the base URL points at the Knox API, not a proxy or portal page.`,
    );
  }
  return { ok: true, json, response };
}

/** A non-empty string field of a 2xx answer; throws 'RESPONSE_INVALID' naming the field. */
export function requireString(
  json: Readonly<Record<string, unknown>>,
  field: string,
  url: string,
): string {
  const value = json[field];
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  throw new KnoxToolError(
    'RESPONSE_INVALID',
    `${new URL(url).pathname} answered without "${field}". Check the base URL; if it is right, Knox changed its answer: report it.`,
  );
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
