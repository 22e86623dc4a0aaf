import { redact } from '../log/redact';
import { isSecretHeaderName } from '../log/secretNames';

/** What toCurl needs of a request; a ResolvedRequest has it. */
export interface CurlRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: readonly { readonly name: string; readonly value: string }[];
  readonly body?:
    { readonly text: string; readonly file?: { readonly path: string } | undefined } | undefined;
}

/** Options of toCurl. */
export interface CurlOptions {
  /** Put real token and secret values in the command. Default false: placeholders instead. */
  readonly revealSecrets?: boolean;
  /** Further secret values (tokens the session holds) to mask wherever they appear. */
  readonly knownSecrets?: Iterable<string>;
}

const API_TOKEN_PLACEHOLDER = '$KNOX_API_TOKEN';
const REDACTED = '<redacted>';

/**
 * Writes a request as a POSIX-shell-safe cURL command. Unless `revealSecrets`, the
 * `x-knox-apitoken` value becomes `$KNOX_API_TOKEN`, other secret headers `<redacted>`, and the
 * URL and body go through redact().
 */
export function toCurl(request: CurlRequest, options: CurlOptions = {}): string {
  const reveal = options.revealSecrets ?? false;
  const known = [...(options.knownSecrets ?? [])];
  const hide = (text: string): string => (reveal ? text : redact(text, known));
  const method = request.method.toUpperCase();
  const body = request.body;
  const first = ['curl'];
  if (method === 'HEAD') first.push('--head');
  else if (method !== 'GET' || body) first.push('-X', shellQuote(method));
  const url = hide(request.url);
  if (/[[\]{}]/.test(url)) first.push('--globoff');
  first.push(shellQuote(url));
  const lines = [first.join(' ')];
  for (const header of request.headers) lines.push(`-H ${headerArgument(header, reveal, known)}`);
  if (body?.file) lines.push(`--data-binary ${shellQuote(`@${body.file.path}`)}`);
  else if (body) lines.push(`--data-raw ${shellQuote(hide(body.text))}`);
  return lines.join(' \\\n  ');
}

/** Quotes one argument for a POSIX shell: single quotes, with each `'` written as `'\''`. */
export function shellQuote(value: string): string {
  if (/^[\w@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function headerArgument(
  header: { readonly name: string; readonly value: string },
  reveal: boolean,
  known: readonly string[],
): string {
  const name = header.name;
  if (reveal) return shellQuote(`${name}: ${header.value}`);
  if (name.toLowerCase() === 'x-knox-apitoken') {
    return `${shellQuote(`${name}: `)}"${API_TOKEN_PLACEHOLDER}"`;
  }
  if (isSecretHeaderName(name)) {
    const scheme = /^(Bearer|Basic|Digest)\s+\S/i.exec(header.value)?.[1];
    return shellQuote(`${name}: ${scheme ? `${scheme} ` : ''}${REDACTED}`);
  }
  return shellQuote(redact(`${name}: ${header.value}`, known));
}
