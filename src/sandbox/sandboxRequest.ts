import type { IncomingHttpHeaders } from 'node:http';

/** One request as the route handlers see it: the body is already read (and size-limited). */
export interface SandboxRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** What a route handler answers; the server writes it. `html` wins over `json`. */
export interface SandboxResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly html?: string;
}

export function jsonResponse(
  status: number,
  json: unknown,
  headers?: Readonly<Record<string, string>>,
): SandboxResponse {
  return { status, json, headers };
}

export function htmlResponse(
  status: number,
  html: string,
  headers?: Readonly<Record<string, string>>,
): SandboxResponse {
  return { status, html, headers };
}

export function redirectResponse(
  location: string,
  headers?: Readonly<Record<string, string>>,
): SandboxResponse {
  return { status: 302, headers: { ...headers, location } };
}

/** The first value of a request header, or undefined when absent. */
export function headerValue(req: SandboxRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The request's media type without parameters, lowercased ('' when absent). */
export function mediaType(req: SandboxRequest): string {
  return (headerValue(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type ParsedJson =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: string };

/** The body as JSON; an empty body is `undefined`. */
export function readJson(req: SandboxRequest): ParsedJson {
  const text = req.body.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, problem: `The request body is not valid JSON (${(e as Error).message}).` };
  }
}

/** The body as form fields (application/x-www-form-urlencoded). */
export function readForm(req: SandboxRequest): URLSearchParams {
  return new URLSearchParams(req.body.toString('utf8'));
}

/**
 * The body's fields as strings, whether it was sent as JSON or as a form (Samsung Account
 * accepts both); undefined when a JSON body does not parse or is not an object.
 */
export function readFields(req: SandboxRequest): Map<string, string> | undefined {
  const type = mediaType(req);
  const text = req.body.toString('utf8').trim();
  if (type === 'application/json' || (type === '' && text.startsWith('{'))) {
    const parsed = readJson(req);
    if (!parsed.ok) return undefined;
    if (parsed.value === undefined) return new Map();
    if (!isRecord(parsed.value)) return undefined;
    const fields = new Map<string, string>();
    for (const [name, value] of Object.entries(parsed.value)) {
      if (value === null || value === undefined) continue;
      fields.set(name, typeof value === 'string' ? value : JSON.stringify(value));
    }
    return fields;
  }
  return new Map(readForm(req));
}
