import { redact } from '../log/redact';
import { isSecretHeaderName } from '../log/secretNames';
import type { RequestHeader } from './buildRequest';

/** What a masked header value shows instead of the secret. */
export const MASKED = '[REDACTED]';

/**
 * Headers fit to display or store: values of credential headers (x-knox-apitoken,
 * Authorization, cookies, anything named like a token or secret) become `[REDACTED]`, keeping a
 * `Bearer`/`Basic` scheme; other values go through `redact` with the `known` secrets.
 */
export function maskHeaders(
  headers: readonly RequestHeader[] | Readonly<Record<string, string>>,
  known: Iterable<string> = [],
): RequestHeader[] {
  const list = Array.isArray(headers)
    ? (headers as readonly RequestHeader[])
    : Object.entries(headers as Readonly<Record<string, string>>).map(([name, value]) => ({
        name,
        value,
      }));
  const secrets = [...known];
  return list.map(({ name, value }) => {
    if (isSecretHeaderName(name)) {
      const scheme = /^(Bearer|Basic|Digest)\s+\S/i.exec(value)?.[1];
      return {
        name,
        value: value === MASKED || value === '' ? value : `${scheme ? `${scheme} ` : ''}${MASKED}`,
      };
    }
    return { name, value: redact(value, secrets) };
  });
}
