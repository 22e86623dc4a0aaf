import { KnoxToolError } from '../core/toolError';

/** Trouble the sandbox makes on demand, for trying a client's error handling. */
export interface FaultOptions {
  /** Answer with this HTTP status (400-599) instead of handling the request: 429, 500, 503... */
  readonly status?: number;
  /** Retry-After seconds sent with 429 and 503 (default 1); null sends no Retry-After. */
  readonly retryAfterSeconds?: number | null;
  /** Wait this long before answering (at most 60000 ms). */
  readonly delayMs?: number;
  /** Treat the access token of a service call as expired (4032251, or 401 for OAuth). */
  readonly expire?: boolean;
  /** Fault only this many requests, then stop. Unlimited when absent. */
  readonly times?: number;
  /** Fault only requests whose path starts with this. */
  readonly pathPrefix?: string;
}

/** The request header that injects a fault into one request. */
export const FAULT_HEADER = 'x-knox-sandbox-fault';

const MAX_DELAY_MS = 60_000;
const MAX_TRACKED_HEADERS = 1000;

export type ParsedFault =
  | { readonly ok: true; readonly fault: FaultOptions }
  | { readonly ok: false; readonly problem: string };

function validate(fault: FaultOptions): string | undefined {
  const { status, retryAfterSeconds, delayMs, times } = fault;
  if (status !== undefined && !(Number.isInteger(status) && status >= 400 && status <= 599)) {
    return `status ${status} is not an HTTP error status (400-599)`;
  }
  if (
    retryAfterSeconds !== undefined &&
    retryAfterSeconds !== null &&
    !(Number.isInteger(retryAfterSeconds) && retryAfterSeconds >= 0)
  ) {
    return `retry-after ${retryAfterSeconds} is not a whole number of seconds`;
  }
  if (
    delayMs !== undefined &&
    !(Number.isInteger(delayMs) && delayMs >= 0 && delayMs <= MAX_DELAY_MS)
  ) {
    return `delay ${delayMs} is not a whole number of milliseconds from 0 to ${MAX_DELAY_MS}`;
  }
  if (times !== undefined && !(Number.isInteger(times) && times >= 1)) {
    return `times ${times} is not a whole number from 1 up`;
  }
  return undefined;
}

/**
 * Parses the fault header: items separated by ';' or ',', each a status (`429`, `500`),
 * `retry-after=N|none`, `delay=MS`, `expire` or `times=N`. Unknown `name=value` items are
 * ignored, so `id=...` can tell apart two otherwise equal headers.
 */
export function parseFaultHeader(value: string): ParsedFault {
  const fault: { -readonly [K in keyof FaultOptions]: FaultOptions[K] } = {};
  for (const raw of value.split(/[;,]/)) {
    const item = raw.trim().toLowerCase();
    if (item === '') continue;
    const [name = '', arg] = item.split('=', 2).map((s) => s.trim());
    const number = arg === undefined || arg === '' ? NaN : Number(arg);
    if (arg === undefined && /^\d+$/.test(name)) fault.status = Number(name);
    else if (arg === undefined && name === 'expire') fault.expire = true;
    else if (name === 'status') fault.status = number;
    else if (name === 'retry-after') fault.retryAfterSeconds = arg === 'none' ? null : number;
    else if (name === 'delay') fault.delayMs = number;
    else if (name === 'times') fault.times = number;
    else if (arg === undefined) {
      return { ok: false, problem: `${FAULT_HEADER}: "${item}" is not a fault` };
    }
  }
  const problem = validate(fault);
  return problem ? { ok: false, problem: `${FAULT_HEADER}: ${problem}` } : { ok: true, fault };
}

export type FaultDecision =
  | { readonly ok: true; readonly fault?: FaultOptions }
  | { readonly ok: false; readonly problem: string };

/** The server-wide fault and the use counts of header faults with `times`. */
export class FaultSchedule {
  private serverFault: FaultOptions | undefined;
  private serverUses = 0;
  private readonly headerUses = new Map<string, number>();

  constructor(initial?: FaultOptions) {
    this.set(initial);
  }

  /** Replaces the server-wide fault (undefined clears it). Throws INVALID_INPUT when invalid. */
  set(fault: FaultOptions | undefined): void {
    const problem = fault && validate(fault);
    if (problem) {
      throw new KnoxToolError('INVALID_INPUT', `Sandbox fault not set: ${problem}.`);
    }
    this.serverFault = fault;
    this.serverUses = 0;
  }

  /**
   * The fault for one request. A fault header wins over the server-wide fault; a header with
   * `times=N` faults the first N requests carrying that exact header value, then lets them by.
   */
  take(path: string, header: string | undefined): FaultDecision {
    if (header !== undefined && header.trim() !== '') {
      const parsed = parseFaultHeader(header);
      if (!parsed.ok) return parsed;
      const { times } = parsed.fault;
      if (times === undefined) return parsed;
      const used = this.headerUses.get(header) ?? 0;
      if (used >= times) return { ok: true };
      if (this.headerUses.size >= MAX_TRACKED_HEADERS) this.headerUses.clear();
      this.headerUses.set(header, used + 1);
      return parsed;
    }
    const fault = this.serverFault;
    if (!fault || (fault.pathPrefix !== undefined && !path.startsWith(fault.pathPrefix))) {
      return { ok: true };
    }
    if (fault.times !== undefined) {
      if (this.serverUses >= fault.times) return { ok: true };
      this.serverUses++;
    }
    return { ok: true, fault };
  }
}
