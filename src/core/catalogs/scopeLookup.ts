// Lookups over the scope catalog's data (scopeCatalog.ts): which endpoint a request goes to and
// which scopes allow it, for the editor's hints, the runner and `knox scopes`.
import type { EndpointEntry, KnoxService, ScopeEntry, ServiceInfo } from './scopeCatalog';
import {
  CATEGORY_SCOPES,
  EFOTA_BASE_PATH,
  ENDPOINTS,
  OAUTH_SERVER,
  SCOPES,
  SERVICES,
  SERVICE_WIDE_SCOPES,
} from './scopeCatalog';

/** The service's entry in SERVICES, or OAUTH_SERVER for 'oauth'. */
export function serviceInfo(service: KnoxService): ServiceInfo {
  return SERVICES.find((s) => s.id === service) ?? OAUTH_SERVER;
}

/** The display name of a service: 'kme' gives 'Knox Mobile Enrollment'. */
export function serviceDisplayName(service: KnoxService): string {
  return serviceInfo(service).name;
}

interface CompiledEndpoint {
  readonly entry: EndpointEntry;
  readonly segments: readonly string[];
  readonly params: number;
}

const EFOTA_SEGMENTS = pathSegments(EFOTA_BASE_PATH);

const isParam = (segment: string): boolean => segment.startsWith('{') && segment.endsWith('}');

const COMPILED: readonly CompiledEndpoint[] = ENDPOINTS.map((entry) => {
  const segments = pathSegments(entry.path);
  return { entry, segments, params: segments.filter(isParam).length };
});

const SERVICE_BASES: ReadonlyArray<{ service: KnoxService; segments: readonly string[] }> = [
  ...SERVICES,
  OAUTH_SERVER,
].flatMap(({ id, basePaths }) =>
  basePaths.map((base) => ({ service: id, segments: pathSegments(base) })),
);

/** The segments of a request path: accepts a full URL, a query string, a leading `{{host}}`. */
function pathSegments(pathOrUrl: string): string[] {
  let path = pathOrUrl.trim();
  path = path.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  // .http files write `{{baseUrl}}/kcs/v1/...`.
  path = path.replace(/^\{\{[^}]*\}\}/, '');
  path = path.replace(/[?#].*$/s, '');
  return path.split('/').filter((segment) => segment !== '');
}

function startsWithSegments(segments: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length > 0 && prefix.every((p, i) => segments[i] === p);
}

function matches(template: readonly string[], request: readonly string[]): boolean {
  return (
    template.length === request.length && template.every((t, i) => isParam(t) || t === request[i])
  );
}

// E-FOTA paths are documented without their base and may sit behind any prefix: a request to
// /ke/v1/campaigns/42, /campaigns/42 or /gateway/ke/v1/campaigns/42 all mean one endpoint.
// `bare` adds the base to a path of no known service; only an exact endpoint match may use it.
function candidatePaths(segments: readonly string[], bare: boolean): Array<readonly string[]> {
  const candidates: Array<readonly string[]> = [segments];
  if (!SERVICE_BASES.some((b) => b.segments[0] === segments[0])) {
    const at = segments.findIndex((_, i) => startsWithSegments(segments.slice(i), EFOTA_SEGMENTS));
    if (at > 0) candidates.push(segments.slice(at));
    else if (bare) candidates.push([...EFOTA_SEGMENTS, ...segments]);
  }
  return candidates;
}

/**
 * The endpoint a request goes to. The method is case-insensitive; the path may be a full URL,
 * carry a query string or a trailing slash, and has values where the catalog has `{param}`s.
 */
export function findEndpoint(method: string, path: string): EndpointEntry | undefined {
  const verb = method.trim().toUpperCase();
  let best: CompiledEndpoint | undefined;
  for (const request of candidatePaths(pathSegments(path), true)) {
    for (const compiled of COMPILED) {
      if (compiled.entry.method !== verb || !matches(compiled.segments, request)) continue;
      if (best === undefined || compiled.params < best.params) best = compiled;
    }
    if (best !== undefined) return best.entry;
  }
  return undefined;
}

const CATEGORY_SEGMENTS = CATEGORY_SCOPES.flatMap((c) =>
  c.paths.map((p) => ({ category: c, segments: pathSegments(p) })),
);

/**
 * The scopes that allow a request, narrowest first: the endpoint's; for a path the catalog
 * does not list, its category's scope (CATEGORY_SCOPES) and then the scopes covering all of
 * the service under whose base path it lies. [] if unknown.
 */
export function scopesFor(method: string, path: string): readonly string[] {
  const endpoint = findEndpoint(method, path);
  if (endpoint !== undefined) return endpoint.scopes;
  for (const request of candidatePaths(pathSegments(path), false)) {
    const base = SERVICE_BASES.find((b) => startsWithSegments(request, b.segments));
    if (base === undefined) continue;
    const wide = SERVICE_WIDE_SCOPES[base.service] ?? [];
    const category = CATEGORY_SEGMENTS.find((c) => startsWithSegments(request, c.segments));
    return category === undefined ? wide : [category.category.scope, ...wide];
  }
  return [];
}

/** A scope by name ('kme.profiles:view'); exact spelling first, then ignoring case. */
export function findScope(name: string): ScopeEntry | undefined {
  const key = name.trim();
  return (
    SCOPES.find((s) => s.name === key) ??
    SCOPES.find((s) => s.name.toLowerCase() === key.toLowerCase())
  );
}

/** The endpoints a scope allows, in catalog order ([] for an unknown scope). */
export function endpointsForScope(name: string): readonly EndpointEntry[] {
  const scope = findScope(name);
  return scope === undefined ? [] : ENDPOINTS.filter((e) => e.scopes.includes(scope.name));
}

/**
 * Null if a granted scope allows the endpoint (or it needs none), else the narrowest scope
 * that would. `granted` is a list or the space-separated `scope` of a token response.
 */
export function missingScopes(
  endpoint: EndpointEntry,
  granted: readonly string[] | string,
): string | null {
  if (endpoint.requestsScopes === true || endpoint.scopes.length === 0) return null;
  const have = new Set(typeof granted === 'string' ? granted.split(/\s+/) : granted);
  if (endpoint.scopes.some((scope) => have.has(scope))) return null;
  return endpoint.scopes[0] ?? null;
}
