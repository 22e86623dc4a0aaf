import { parseKnoxError } from '../../../../src/core/knoxErrors/knoxError';
import type { Profile } from '../../../../src/core/profiles/profile';
import type { RunResult } from '../../../../src/core/runner/runRequest';
import { scopeHintFor } from '../../../../src/core/runner/scopeHint';

const T0 = Date.parse('2025-03-01T10:00:00Z');

/** A legacy profile with one client identifier per service named, on a custom base URL or region. */
export function legacyProfile(
  overrides: Partial<Profile> & { services?: readonly string[] } = {},
): Profile {
  const { services = ['kme', 'kdp', 'kg', 'kai'], ...rest } = overrides;
  return {
    id: 'p-legacy',
    name: 'Dev',
    target: { kind: 'region', region: 'us' },
    scheme: 'legacy',
    clientIdentifiers: services.map((service) => ({
      id: `ci-${service}`,
      alias: service.toUpperCase(),
      service: service as Profile['clientIdentifiers'][number]['service'],
      hint: '…abcd',
      addedAt: T0,
    })),
    createdAt: T0,
    ...rest,
  };
}

/** An OAuth profile whose app has `scopes`. */
export function oauthProfile(scopes: readonly string[], overrides: Partial<Profile> = {}): Profile {
  return {
    id: 'p-oauth',
    name: 'Cloud app',
    target: { kind: 'region', region: 'eu' },
    scheme: 'oauth',
    clientIdentifiers: [],
    oauth: { clientId: 'client-1', scopes },
    createdAt: T0,
    ...overrides,
  };
}

/**
 * A sent request's result with `status` and a JSON `body` (a Knox error for 4xx/5xx), sent with
 * a legacy token to the US host's `request.path` (KME's device list by default).
 */
export function runResult(
  status: number,
  body: string,
  request: { method: string; path: string } = { method: 'GET', path: '/kcs/v1/kme/devices/list' },
  overrides: Partial<RunResult> = {},
): RunResult {
  return {
    id: 'r',
    startedAt: 0,
    name: undefined,
    line: 0,
    method: request.method,
    url: `https://us-kcs-api.samsungknox.com${request.path}`,
    profileName: 'Dev',
    sentHeaders: [],
    tokenSent: true,
    tokenKind: 'legacy',
    tokenSkipped: undefined,
    response: {
      status,
      statusText: '',
      headers: {},
      body,
      attempts: 1,
      waitedMs: 0,
      elapsedMs: 10,
    },
    sizeBytes: body.length,
    error: status >= 400 ? parseKnoxError(status, body, 'application/json') : undefined,
    retry: undefined,
    note: undefined,
    missingScope: undefined,
    hint: scopeHintFor(request.method, request.path),
    ...overrides,
  };
}
