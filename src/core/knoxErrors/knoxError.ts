import { STATUS_CODES } from 'node:http';
import { findErrorCode } from '../catalogs/errorLookup';
import type { ErrorCodeEntry } from '../catalogs/errorCatalog';
import { KnoxToolError, isKnoxToolError } from '../toolError';
import type { KnoxToolErrorCode } from '../toolError';

/**
 * Which body shape an error came in, or 'transport' for no response. The shapes are on each
 * service's error page, e.g. https://docs.samsungknox.com/dev/knox-asset-intelligence/error-codes/
 */
export type KnoxErrorShape =
  | 'knox'
  | 'result-fail'
  | 'msp'
  | 'efota'
  | 'oauth'
  | 'samsung-account'
  | 'spring'
  | 'json'
  | 'html'
  | 'text'
  | 'empty'
  | 'transport';

/** One Knox error, whatever service and body shape it came from. Plain data. */
export interface KnoxErrorResult {
  /** The HTTP status; 0 when no response came (see `toolCode`). */
  readonly status: number;
  /** Samsung's code as a string: '4032251', 'AUT_1806', 'invalid_client', an E-FOTA errorKey. */
  readonly code?: string;
  /** Samsung's name for it: 'ACCESS_TOKEN_EXPIRED'. */
  readonly name?: string;
  /** What the server said, or a description of the status when it said nothing readable. */
  readonly message: string;
  /** Extra detail from the body (`data`, `reason`). */
  readonly data?: unknown;
  /** Knox's request reference (`errorId`, MSP `transactionalId`) to quote to Knox Support. */
  readonly errorId?: string;
  /** What to do: the catalog's fix when it knows the code, else advice for the HTTP status. */
  readonly hint: string;
  /** The catalog entry of the code, or, when the code is unknown, of the HTTP status. */
  readonly entry?: ErrorCodeEntry;
  readonly shape: KnoxErrorShape;
  /** The toolkit's failure code when there was no response. */
  readonly toolCode?: KnoxToolErrorCode;
}

/** Looks a Samsung code or name up; `findErrorCode` by default. */
export type ErrorLookup = (codeOrName: string) => ErrorCodeEntry | undefined;

type Json = Record<string, unknown>;
type Parsed = Omit<KnoxErrorResult, 'status' | 'hint' | 'entry'>;

const SAMSUNG_ACCOUNT_CODE = /\b(?:AUT|LIC)_\d{4}\b/i;
const CONSTANT_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/**
 * Reads any Knox error body (KME/KC/KDP, Knox Guard/KAI, MSP, E-FOTA, OAuth, Samsung Account,
 * Spring, HTML, text or empty) into one KnoxErrorResult. Never throws.
 */
export function parseKnoxError(
  status: number,
  bodyText: string,
  contentType?: string,
  lookup: ErrorLookup = findErrorCode,
): KnoxErrorResult {
  const text = bodyText.replace(/^\uFEFF/, '').trim();
  const parsed = parseBody(status, text, contentType);
  const codeEntry =
    (parsed.code === undefined ? undefined : lookup(parsed.code)) ??
    (parsed.name === undefined ? undefined : lookup(parsed.name));
  const statusEntry = codeEntry ? undefined : lookup(String(status));
  const entry = codeEntry ?? (statusEntry?.httpStatus === status ? statusEntry : undefined);
  const name = parsed.name ?? codeEntry?.name;
  const advice = entry?.fix ?? hintForStatus(status);
  const hint = parsed.shape === 'html' && !codeEntry ? `${HTML_HINT} ${advice}` : advice;
  return {
    status,
    ...parsed,
    ...(name === undefined ? {} : { name }),
    hint,
    ...(entry === undefined ? {} : { entry }),
  };
}

/** Turns a failure with no response (a thrown KnoxToolError or anything else) into a result. */
export function transportErrorResult(error: unknown): KnoxErrorResult {
  const toolCode: KnoxToolErrorCode = isKnoxToolError(error) ? error.code : 'INTERNAL';
  const message = isKnoxToolError(error) ? error.message : 'The request failed before any answer.';
  return {
    status: 0,
    message,
    hint: TRANSPORT_HINTS[toolCode] ?? DEFAULT_TRANSPORT_HINT,
    shape: 'transport',
    toolCode,
  };
}

/** Advice for an HTTP status when the catalog does not know the code. */
export function hintForStatus(status: number): string {
  const known = STATUS_HINTS[status];
  if (known) return known;
  if (status >= 500)
    return 'Knox failed on its side. Try again later; if it persists contact Knox Support with the errorId.';
  if (status >= 400)
    return 'Knox rejected the request. Check the method, path, headers and body against the API reference.';
  return 'Unexpected answer. Check the base URL and path.';
}

function parseBody(status: number, text: string, contentType: string | undefined): Parsed {
  if (text === '') {
    return { message: `HTTP ${status} ${reason(status)} with an empty body.`, shape: 'empty' };
  }
  if (text.startsWith('{') || /json/i.test(contentType ?? '')) {
    const json = tryParseJson(text);
    if (isRecord(json)) return fromJson(status, json);
  }
  if (/html/i.test(contentType ?? '') || /^<(!doctype|html|head|body)/i.test(text)) {
    const title =
      /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1] ??
      /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(text)?.[1];
    const cleaned = title
      ?.replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    return {
      message: `HTTP ${status} ${reason(status)}: an HTML page${cleaned ? ` ("${cleaned}")` : ''} instead of a Knox API error.`,
      shape: 'html',
    };
  }
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const code = SAMSUNG_ACCOUNT_CODE.exec(text)?.[0].toUpperCase();
  return {
    message: firstLine.length > 300 ? `${firstLine.slice(0, 300)}...` : firstLine,
    shape: 'text',
    ...(code === undefined ? {} : { code }),
  };
}

function fromJson(status: number, body: Json): Parsed {
  const errorId = str(body.errorId) ?? str(body.transactionalId) ?? str(body.transactionId);

  // Knox Guard, KAI: {"result":"FAIL","error":{"code":4010000,"message":"AUTHORIZATION_FAIL","reason":...}}
  if (isRecord(body.error)) {
    const inner = body.error;
    const code = str(inner.code) ?? str(inner.errorCode) ?? str(inner.error_code);
    const message =
      str(inner.message) ??
      str(inner.errorMessage) ??
      str(inner.error_description) ??
      str(inner.reason);
    const data = inner.reason ?? inner.data ?? body.data;
    return withNames({
      code,
      message: message ?? fallbackMessage(status),
      data,
      errorId,
      shape: isSamsungAccountCode(code) ? 'samsung-account' : 'result-fail',
    });
  }

  // MSP: {"transactionalId","code":"AUTHORIZATION_FAIL","errorCode":"4030000","errorMessage"}
  if (body.errorCode !== undefined && body.errorKey === undefined) {
    const code = str(body.errorCode);
    const name = constantName(str(body.code)) ?? constantName(str(body.errorName));
    const message = str(body.errorMessage) ?? str(body.message) ?? name ?? fallbackMessage(status);
    return withNames({
      code,
      name,
      message,
      data: body.data,
      errorId,
      shape: isSamsungAccountCode(code) ? 'samsung-account' : 'msp',
    });
  }

  // E-FOTA: {"errorKey","errorMessage"} under HTTP 400.
  if (body.errorKey !== undefined) {
    return withNames({
      code: str(body.errorKey),
      message: str(body.errorMessage) ?? str(body.message) ?? fallbackMessage(status),
      data: body.data,
      errorId,
      shape: 'efota',
    });
  }

  if (typeof body.error === 'string') {
    // Spring Boot's default: {"timestamp","status":401,"error":"Unauthorized","message","path"}
    if (
      typeof body.status === 'number' &&
      (body.path !== undefined || body.timestamp !== undefined)
    ) {
      const embedded = SAMSUNG_ACCOUNT_CODE.exec(`${str(body.message) ?? ''}`)?.[0].toUpperCase();
      return withNames({
        code: embedded,
        message: str(body.message) || body.error,
        data: body.path === undefined ? undefined : { path: body.path },
        errorId,
        shape: 'spring',
      });
    }
    // OAuth 2.0 and Samsung Account: {"error","error_description"[,"error_code"]}
    const description = str(body.error_description) ?? str(body.error_message) ?? str(body.message);
    const accountCode =
      str(body.error_code) ??
      str(body.errorCode) ??
      SAMSUNG_ACCOUNT_CODE.exec(`${body.error} ${description ?? ''}`)?.[0];
    const code = accountCode?.toUpperCase() ?? body.error;
    return withNames({
      code,
      message: description ?? body.error,
      data: body.data,
      errorId,
      shape: isSamsungAccountCode(code) ? 'samsung-account' : 'oauth',
    });
  }

  // KME, KC, KDP, auth: {"errorId","code":4000000,"message":"RESOURCE_INVALID_PARAM","data"}
  // and Samsung Account's {"code":"AUT_1806","message"}.
  const code = str(body.code) ?? str(body.error_code) ?? str(body.resultCode);
  if (code !== undefined || errorId !== undefined) {
    const message = str(body.message) ?? str(body.error_description) ?? str(body.resultMessage);
    return withNames({
      code,
      message: message ?? fallbackMessage(status),
      data: body.data,
      errorId,
      shape: isSamsungAccountCode(code) ? 'samsung-account' : 'knox',
    });
  }

  const embedded = SAMSUNG_ACCOUNT_CODE.exec(JSON.stringify(body))?.[0].toUpperCase();
  return withNames({
    code: embedded,
    message: str(body.message) ?? str(body.errorMessage) ?? fallbackMessage(status),
    data: body.data,
    errorId,
    shape: 'json',
  });
}

interface Draft {
  readonly code: string | undefined;
  readonly name?: string | undefined;
  readonly message: string;
  readonly data: unknown;
  readonly errorId: string | undefined;
  readonly shape: KnoxErrorShape;
}

// Knox writes the error name in `message` ("ACCESS_TOKEN_EXPIRED"); MSP writes it in `code`
// and the number in `errorCode`. A code that is itself a constant name doubles as the name.
function withNames(draft: Draft): Parsed {
  const code = isSamsungAccountCode(draft.code) ? draft.code.toUpperCase() : draft.code;
  const name = draft.name ?? constantName(draft.message) ?? constantName(code);
  return {
    message: draft.message,
    shape: draft.shape,
    ...(code === undefined ? {} : { code }),
    ...(name === undefined ? {} : { name }),
    ...(draft.data === undefined || draft.data === null ? {} : { data: draft.data }),
    ...(draft.errorId === undefined ? {} : { errorId: draft.errorId }),
  };
}

function isSamsungAccountCode(code: string | undefined): code is string {
  return code !== undefined && /^(?:AUT|LIC)_\d{4}$/i.test(code);
}

function constantName(value: string | undefined): string | undefined {
  return value !== undefined && CONSTANT_NAME.test(value) && !isSamsungAccountCode(value)
    ? value
    : undefined;
}

function str(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return undefined;
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function reason(status: number): string {
  return STATUS_CODES[status] ?? 'Unknown Status';
}

function fallbackMessage(status: number): string {
  return `HTTP ${status} ${reason(status)}`;
}

const HTML_HINT =
  'An HTML page came back, so a proxy, gateway or wrong host answered rather than the Knox API: check the base URL, path and proxy.';

const STATUS_HINTS: Readonly<Record<number, string>> = {
  400: 'Knox rejected the request as invalid. Check the body and parameters against the API reference.',
  401: 'The request was not authenticated. Get a new access token; if it keeps failing, check the key file and client identifier.',
  403: "The token was accepted but lacks permission, or the resource is not yours. Check the client identifier's services or the OAuth scopes.",
  404: 'The path does not exist. Check the base URL, region and path.',
  405: 'The method is not allowed on this path. Check GET/POST/PUT/DELETE against the API reference.',
  406: 'Knox cannot answer in the type asked for. Send Accept: application/json.',
  409: "The request conflicts with the resource's current state. Refresh and try again.",
  413: 'The body is too large. Send fewer items per request.',
  415: 'Knox does not accept this body type. Send Content-Type: application/json.',
  422: 'Knox understood the request but cannot process it, often because a limit was exceeded. Send fewer items.',
  429: 'Too many requests. Wait and try again; reduce the request rate.',
  500: 'Knox failed on its side. Try again later; if it persists contact Knox Support with the errorId.',
  501: 'This feature is not implemented by Knox yet.',
  502: 'A gateway between you and Knox failed. Try again later, and check any proxy.',
  503: 'Knox is unavailable for now. Try again later.',
  504: 'A gateway timed out waiting for Knox. Try again later.',
};

const DEFAULT_TRANSPORT_HINT =
  'No answer came back. Check the base URL, your network and proxy settings.';

const TRANSPORT_HINTS: Partial<Record<KnoxToolErrorCode, string>> = {
  ABORTED: 'The request was cancelled before an answer came back.',
  NETWORK_TIMEOUT: 'No answer in time. Check your network and proxy, or raise the request timeout.',
  NETWORK_FAILED: DEFAULT_TRANSPORT_HINT,
  INVALID_INPUT: 'Fix the request and send it again.',
  INVALID_BASE_URL: 'Pick a region (US, EU) or give a full https:// base URL.',
};

/**
 * A KnoxToolError 'KNOX_REJECTED' for a refusal that must be thrown (a token mint has no result
 * to return): says what was refused, Knox's code and name, and the hint. The result is the cause.
 */
export function knoxRejectedError(what: string, error: KnoxErrorResult): KnoxToolError {
  // "4032251 ACCESS_TOKEN_EXPIRED" as Samsung writes it; "invalid_scope (Scope invalid)" otherwise.
  const name = error.name === error.code ? undefined : error.name;
  const label = [
    error.code,
    name && (error.code === undefined || /^[A-Z0-9_]+$/.test(name) ? name : `(${name})`),
  ]
    .filter(Boolean)
    .join(' ');
  return new KnoxToolError(
    'KNOX_REJECTED',
    `Knox refused ${what}: HTTP ${error.status}${label ? ` ${label}` : ''}. ${error.hint}`,
    { cause: error },
  );
}
