import type { HttpMethod } from '../core/catalogs/scopeCatalog';
import { KNOX_ERRORS, knoxError } from './errors';
import type { SandboxRequest, SandboxResponse } from './sandboxRequest';
import { isRecord } from './sandboxRequest';
import type { SandboxService } from './sandboxServices';
import type { TenantState } from './tenantState';

/** An authenticated call to a service endpoint, with the tenant it acts on. */
export interface ServiceCall {
  readonly req: SandboxRequest;
  readonly params: Readonly<Record<string, string>>;
  /** The parsed JSON body, undefined when empty. */
  readonly body: unknown;
  readonly tenant: TenantState;
  readonly service: SandboxService;
  readonly now: number;
}

/** A service endpoint the sandbox implements with state; `path` has `{param}` placeholders. */
export interface ServiceRoute {
  readonly method: HttpMethod;
  readonly path: string;
  readonly service: SandboxService;
  readonly handle: (call: ServiceCall) => SandboxResponse;
}

export function invalidParam(call: ServiceCall, detail: string): SandboxResponse {
  return knoxError(call.service, KNOX_ERRORS.RESOURCE_INVALID_PARAM, detail);
}

export function notFound(call: ServiceCall, detail: string): SandboxResponse {
  return knoxError(call.service, KNOX_ERRORS.RESOURCE_NOT_FOUND, detail);
}

/** The body as an object; an empty body is an empty object, anything else undefined. */
export function bodyFields(call: ServiceCall): Readonly<Record<string, unknown>> | undefined {
  if (call.body === undefined) return {};
  return isRecord(call.body) ? call.body : undefined;
}

/**
 * Device or item ids from the first of `names` present in `fields`: an array of strings or of
 * objects with an id property (`deviceId`, `id`...). Undefined when absent or malformed.
 */
export function idList(
  fields: Readonly<Record<string, unknown>>,
  names: readonly string[],
  idKeys: readonly string[] = ['deviceId', 'id'],
): string[] | undefined {
  const value = names.map((name) => fields[name]).find((v) => v !== undefined);
  if (!Array.isArray(value)) return undefined;
  const ids: string[] = [];
  for (const item of value) {
    const id =
      typeof item === 'string'
        ? item
        : isRecord(item)
          ? idKeys.map((k) => item[k]).find((v) => typeof v === 'string')
          : undefined;
    if (typeof id !== 'string' || id.trim() === '') return undefined;
    ids.push(id.trim());
  }
  return ids;
}

/** An optional string field: the value, undefined when absent, null when not a string. */
export function optionalString(
  fields: Readonly<Record<string, unknown>>,
  name: string,
): string | undefined | null {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : null;
}
