import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { SandboxResponse } from './sandboxRequest';
import { jsonResponse } from './sandboxRequest';
import type { SandboxService } from './sandboxServices';
import { errorShapeOf } from './sandboxServices';

/** A Knox error code with the message Knox writes beside it and the HTTP status it comes with. */
export interface KnoxErrorDef {
  readonly code: number;
  readonly message: string;
  readonly status: number;
}

// Codes from https://docs.samsungknox.com/dev/knox-cloud-services/troubleshooting/ and the services' error
// pages (e.g. https://docs.samsungknox.com/dev/knox-mobile-enrollment/server-integration/error-codes). METHOD_NOT_ALLOWED,
// PAYLOAD_TOO_LARGE and TOO_MANY_REQUESTS are the sandbox's own, built the same way
// (HTTP status followed by zeros) because Samsung documents none.
export const KNOX_ERRORS = {
  RESOURCE_INVALID_PARAM: { code: 4000000, message: 'RESOURCE_INVALID_PARAM', status: 400 },
  API_KEY_NON_UNIQUE_JWTID: { code: 4002250, message: 'API_KEY_NON_UNIQUE_JWTID', status: 400 },
  ACCESS_TOKEN_TIMEOUT_VALIDITY: {
    code: 4002251,
    message: 'ACCESS_TOKEN_TIMEOUT_VALIDITY_RESOURCE_INVALID_PARAM',
    status: 400,
  },
  UNAUTHORIZED: { code: 4010000, message: 'AUTHORIZATION_FAIL', status: 401 },
  IDP_AUTHORIZATION_FAIL: { code: 4010011, message: 'IDP_AUTHORIZATION_FAIL', status: 401 },
  ACCESS_TOKEN_BAD_REQUEST: { code: 4012250, message: 'ACCESS_TOKEN_BAD_REQUEST', status: 401 },
  FORBIDDEN: { code: 4030000, message: 'AUTHORIZATION_FAIL', status: 403 },
  ACCESS_TOKEN_EXPIRED: { code: 4032251, message: 'ACCESS_TOKEN_EXPIRED', status: 403 },
  ACCESS_TOKEN_INVALID: { code: 4032252, message: 'ACCESS_TOKEN_INVALID', status: 403 },
  RESOURCE_NOT_FOUND: { code: 4040000, message: 'RESOURCE_NOT_FOUND', status: 404 },
  DEVICE_NOT_FOUND: { code: 4040300, message: 'DEVICE_NOT_FOUND', status: 404 },
  METHOD_NOT_ALLOWED: { code: 4050000, message: 'METHOD_NOT_ALLOWED', status: 405 },
  PAYLOAD_TOO_LARGE: { code: 4130000, message: 'PAYLOAD_TOO_LARGE', status: 413 },
  TOO_MANY_REQUESTS: { code: 4290000, message: 'TOO_MANY_REQUESTS', status: 429 },
  INTERNAL_SERVER_ERROR: { code: 5000000, message: 'INTERNAL_SERVER_ERROR', status: 500 },
} as const satisfies Record<string, KnoxErrorDef>;

/** The Knox error for a bare HTTP status (used by injected faults). */
export function knoxErrorForStatus(status: number): KnoxErrorDef {
  const known = Object.values(KNOX_ERRORS).find(
    (def) => def.status === status && def.code === status * 10000,
  );
  if (known) return known;
  const name = (STATUS_CODES[status] ?? 'ERROR').toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return { code: status * 10000, message: name, status };
}

/** A Knox error answer in the body shape of `service` (KME/KC/KDP/auth when undefined). */
export function knoxError(
  service: SandboxService | undefined,
  def: KnoxErrorDef,
  detail: string,
  headers?: Readonly<Record<string, string>>,
): SandboxResponse {
  switch (errorShapeOf(service)) {
    case 'guard':
      return jsonResponse(
        def.status,
        { result: 'FAIL', error: { code: def.code, message: def.message, reason: detail } },
        headers,
      );
    case 'msp':
      return jsonResponse(
        def.status,
        {
          transactionalId: randomUUID(),
          code: def.message,
          errorCode: String(def.code),
          errorMessage: detail,
        },
        headers,
      );
    case 'efota':
      return jsonResponse(def.status, { errorKey: def.message, errorMessage: detail }, headers);
    case 'knox':
      return jsonResponse(
        def.status,
        { errorId: randomUUID(), code: def.code, message: def.message, data: detail },
        headers,
      );
  }
}

/** An RFC 6749 error answer, as Knox OAuth 2.0 writes it. */
export function oauthError(
  status: number,
  error: string,
  description: string,
  headers?: Readonly<Record<string, string>>,
): SandboxResponse {
  return jsonResponse(
    status,
    { error, error_description: description },
    { 'cache-control': 'no-store', ...headers },
  );
}

/** A Samsung Account error answer (AUT_xxxx, LIC_xxxx), HTTP 400 unless told otherwise. */
export function samsungAccountError(
  errorCode: string | undefined,
  description: string,
  error = 'invalid_request',
  status = 400,
): SandboxResponse {
  const body =
    errorCode === undefined
      ? { error, error_description: description }
      : { error, error_code: errorCode, error_description: description };
  return jsonResponse(status, body, { 'cache-control': 'no-store' });
}

/** Which family of routes a request belongs to: it decides the shape of generic errors. */
export type RouteFamily =
  | { readonly kind: 'knox'; readonly service?: SandboxService }
  | { readonly kind: 'oauth' }
  | { readonly kind: 'samsungAccount' };

/** A generic error (fault, oversized body, bug) in the shape the family's clients expect. */
export function familyError(
  family: RouteFamily,
  def: KnoxErrorDef,
  detail: string,
  headers?: Readonly<Record<string, string>>,
): SandboxResponse {
  if (family.kind === 'knox') return knoxError(family.service, def, detail, headers);
  const error =
    def.status === 429 || def.status === 503
      ? 'temporarily_unavailable'
      : def.status >= 500
        ? 'server_error'
        : 'invalid_request';
  if (family.kind === 'oauth') return oauthError(def.status, error, detail, headers);
  const response = samsungAccountError(
    def.status >= 500 ? 'LIC_5101' : undefined,
    detail,
    error,
    def.status,
  );
  return { ...response, headers: { ...response.headers, ...headers } };
}
