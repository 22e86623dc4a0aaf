import type { HttpMethod } from '../core/catalogs/scopeCatalog';
import { catalogResponse } from './catalogResponse';
import { EFOTA_ROUTES } from './efotaRoutes';
import { endpointAt, scopesAt } from './endpointTable';
import { KNOX_ERRORS, knoxError } from './errors';
import type { SandboxRequest, SandboxResponse } from './sandboxRequest';
import { headerValue, readJson } from './sandboxRequest';
import { GUARD_ROUTES } from './guardRoutes';
import { peekClaims, verifyKnoxJwt } from './jwtVerify';
import { KAI_ROUTES } from './kaiRoutes';
import type { KcsAuthority } from './kcsAuthority';
import { KDP_ROUTES } from './kdpRoutes';
import { KME_ROUTES } from './kmeRoutes';
import { MSP_ROUTES } from './mspRoutes';
import type { OAuthStore } from './oauthStore';
import type { SandboxService } from './sandboxServices';
import { acceptsOAuth, isSandboxService, serviceForPath } from './sandboxServices';
import type { ServiceCall, ServiceRoute } from './serviceRoute';
import type { TenantState } from './tenantState';

/** The header an MSP sends to act for one of its managed customers. */
export const MANAGED_TENANT_HEADER = 'x-wsm-managed-tenantid';

const ROUTES: readonly ServiceRoute[] = [
  ...KME_ROUTES,
  ...KDP_ROUTES,
  ...GUARD_ROUTES,
  ...MSP_ROUTES,
  ...KAI_ROUTES,
  ...EFOTA_ROUTES,
];
const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];

export interface ServiceDeps {
  readonly authority: KcsAuthority;
  readonly oauth: OAuthStore;
  /** The sandbox account's tenant; managed customers hang off it. */
  readonly account: TenantState;
  readonly now: () => number;
}

/** The values of `{param}` placeholders when `path` matches `pattern`, else undefined. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.replace(/\/+$/, '').split('/');
  const have = path.replace(/\/+$/, '').split('/');
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const expected = want[i] ?? '';
    const actual = have[i] ?? '';
    if (expected.startsWith('{') && expected.endsWith('}')) {
      if (actual === '') return undefined;
      try {
        params[expected.slice(1, -1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (expected !== actual) return undefined;
  }
  return params;
}

interface Target {
  readonly service: SandboxService;
  /** Scopes that allow the endpoint, narrowest first; empty for Guard. */
  readonly scopes: readonly string[];
  readonly params: Readonly<Record<string, string>>;
  readonly handle: (call: ServiceCall) => SandboxResponse;
}

function scopesFor(method: string, path: string, service: SandboxService): readonly string[] {
  if (!acceptsOAuth(service)) return [];
  const scopes = scopesAt(method, path);
  return scopes.length > 0 ? scopes : [service];
}

function resolve(req: SandboxRequest): Target | { readonly allow: readonly string[] } | undefined {
  for (const route of ROUTES) {
    if (route.method !== req.method) continue;
    const params = matchPath(route.path, req.path);
    if (params) {
      return {
        service: route.service,
        scopes: scopesFor(req.method, req.path, route.service),
        params,
        handle: route.handle,
      };
    }
  }
  const entry = endpointAt(req.method, req.path);
  if (entry && isSandboxService(entry.service)) {
    const service = entry.service;
    return {
      service,
      scopes: scopesFor(req.method, req.path, service),
      params: matchPath(entry.path, req.path) ?? {},
      handle: (call) => catalogResponse(call, entry),
    };
  }
  const allow = new Set<string>();
  for (const route of ROUTES) if (matchPath(route.path, req.path)) allow.add(route.method);
  for (const method of METHODS) {
    const other = endpointAt(method, req.path);
    if (other && isSandboxService(other.service)) allow.add(method);
  }
  return allow.size > 0 ? { allow: [...allow] } : undefined;
}

function checkApiToken(
  token: string,
  target: Target,
  deps: ServiceDeps,
  expire: boolean,
): SandboxResponse | undefined {
  const fail = (
    def: typeof KNOX_ERRORS.ACCESS_TOKEN_INVALID | typeof KNOX_ERRORS.ACCESS_TOKEN_EXPIRED,
    detail: string,
  ) => knoxError(target.service, def, detail);
  const claimed = peekClaims(token)?.['publicKey'];
  const key = typeof claimed === 'string' ? deps.authority.publicKey(claimed) : undefined;
  if (typeof claimed !== 'string' || !key) {
    return fail(
      KNOX_ERRORS.ACCESS_TOKEN_INVALID,
      'x-knox-apitoken is not a signed access token JWT with a "publicKey" claim.',
    );
  }
  const verified = verifyKnoxJwt(token, key, Math.floor(deps.now() / 1000));
  if (!verified.ok) {
    return verified.expired
      ? fail(
          KNOX_ERRORS.ACCESS_TOKEN_EXPIRED,
          `x-knox-apitoken: ${verified.problem} Sign the access token again.`,
        )
      : fail(KNOX_ERRORS.ACCESS_TOKEN_INVALID, `x-knox-apitoken: ${verified.problem}`);
  }
  const accessToken = verified.jwt.claims['accessToken'];
  const issued =
    typeof accessToken === 'string' ? deps.authority.accessToken(accessToken) : undefined;
  if (!issued) {
    return fail(
      KNOX_ERRORS.ACCESS_TOKEN_INVALID,
      'The "accessToken" claim is not an access token this Knox Cloud issued.',
    );
  }
  if (issued.publicKeyBase64 !== claimed) {
    return fail(
      KNOX_ERRORS.ACCESS_TOKEN_INVALID,
      'The access token is signed with another key than the one it was issued to.',
    );
  }
  if (expire || issued.expiresAt <= deps.now()) {
    return fail(
      KNOX_ERRORS.ACCESS_TOKEN_EXPIRED,
      'The access token has expired. Request a new one from /ams/v1/users/accesstoken.',
    );
  }
  if (issued.service !== target.service) {
    return fail(
      KNOX_ERRORS.ACCESS_TOKEN_INVALID,
      `The access token was issued for ${issued.service.toUpperCase()}; this endpoint belongs to ${target.service.toUpperCase()}. Use that service's client identifier.`,
    );
  }
  return undefined;
}

function checkBearer(
  token: string,
  target: Target,
  deps: ServiceDeps,
  expire: boolean,
): SandboxResponse | undefined {
  if (!acceptsOAuth(target.service)) {
    return knoxError(
      target.service,
      KNOX_ERRORS.UNAUTHORIZED,
      'Knox Guard does not support OAuth 2.0 access tokens. Send a signed access token in x-knox-apitoken.',
    );
  }
  const check = deps.oauth.check(token);
  if (check.status !== 'valid' || expire) {
    const why =
      check.status === 'revoked'
        ? 'was revoked'
        : check.status === 'unknown'
          ? 'is not one this Knox issued'
          : 'has expired';
    return knoxError(
      target.service,
      KNOX_ERRORS.UNAUTHORIZED,
      `The OAuth access token ${why}. Request a new one.`,
      {
        'www-authenticate': `Bearer error="invalid_token", error_description="The access token ${why}"`,
      },
    );
  }
  if (target.scopes.some((scope) => check.scopes.includes(scope))) return undefined;
  const [needed, ...alternatives] = target.scopes;
  const others = alternatives.length > 0 ? ` (or one of: ${alternatives.join(', ')})` : '';
  return knoxError(
    target.service,
    KNOX_ERRORS.FORBIDDEN,
    `Insufficient scope: this endpoint needs ${needed}${others}; the token has: ${check.scopes.join(' ') || 'none'}.`,
    { 'www-authenticate': `Bearer error="insufficient_scope", scope="${target.scopes.join(' ')}"` },
  );
}

function authenticate(
  req: SandboxRequest,
  target: Target,
  deps: ServiceDeps,
  expire: boolean,
): SandboxResponse | undefined {
  const apiToken = headerValue(req, 'x-knox-apitoken')?.trim();
  if (apiToken) return checkApiToken(apiToken, target, deps, expire);
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headerValue(req, 'authorization') ?? '');
  if (bearer?.[1]) return checkBearer(bearer[1], target, deps, expire);
  const how = acceptsOAuth(target.service)
    ? 'Send x-knox-apitoken (a signed access token) or Authorization: Bearer (an OAuth 2.0 access token).'
    : 'Send x-knox-apitoken (a signed access token); Knox Guard has no OAuth 2.0.';
  return knoxError(target.service, KNOX_ERRORS.UNAUTHORIZED, `No credentials. ${how}`);
}

function selectTenant(req: SandboxRequest, deps: ServiceDeps): TenantState | SandboxResponse {
  const id = headerValue(req, MANAGED_TENANT_HEADER)?.trim();
  if (!id) return deps.account;
  const customer = deps.account.managedCustomers.get(id);
  if (customer?.status === 'LINKED') return customer.tenant;
  return knoxError(
    'msp',
    KNOX_ERRORS.FORBIDDEN,
    `${MANAGED_TENANT_HEADER} ${id} is not a managed customer linked to this MSP. List them with GET /msp/v1/managedCustomers.`,
  );
}

/**
 * Serves a Knox service endpoint: finds it (404 or 405 otherwise), checks x-knox-apitoken or
 * the OAuth bearer token and its scopes, picks the tenant, then runs the endpoint.
 */
export function handleService(
  req: SandboxRequest,
  deps: ServiceDeps,
  options: { readonly expire: boolean },
): SandboxResponse {
  const target = resolve(req);
  if (!target) {
    return knoxError(
      serviceForPath(req.path),
      KNOX_ERRORS.RESOURCE_NOT_FOUND,
      `No Knox API at ${req.method} ${req.path}.`,
    );
  }
  if ('allow' in target) {
    const allow = target.allow.join(', ');
    return knoxError(
      serviceForPath(req.path),
      KNOX_ERRORS.METHOD_NOT_ALLOWED,
      `${req.path} does not take ${req.method}; it takes ${allow}.`,
      { allow },
    );
  }
  const denied = authenticate(req, target, deps, options.expire);
  if (denied) return denied;
  const tenant = selectTenant(req, deps);
  if ('status' in tenant) return tenant;
  const body = readJson(req);
  if (!body.ok) return knoxError(target.service, KNOX_ERRORS.RESOURCE_INVALID_PARAM, body.problem);
  return target.handle({
    req,
    params: target.params,
    body: body.value,
    tenant,
    service: target.service,
    now: deps.now(),
  });
}
