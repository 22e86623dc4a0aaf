import type { EndpointEntry, KnoxService, ServiceInfo } from '../core/catalogs/scopeCatalog';
import {
  CATEGORY_SCOPES,
  ENDPOINTS,
  OAUTH_SERVER,
  SERVICES,
  SERVICE_WIDE_SCOPES,
} from '../core/catalogs/scopeCatalog';

// The sandbox's own reading of the scope catalog's data: a trie of path segments. It shares
// the data with the editor's matcher (core's scopeLookup.ts) but no code, so the sandbox, which
// exists to check the toolkit, shows a bug in that matcher instead of repeating it.
//
// It matches only the paths a Knox server serves: an absolute path without query string, whole
// segments, a trailing slash ignored. E-FOTA is served under /ke/v1 only; the editor's matcher
// also takes full URLs, `{{host}}` prefixes and E-FOTA paths without their base, which no
// server receives.

interface Node {
  readonly literals: Map<string, Node>;
  /** One child for every `{name}` placeholder at this depth, whatever its name. */
  param: Node | undefined;
  /** The catalog endpoints ending here, by method. */
  readonly endpoints: Map<string, EndpointEntry>;
  /** Set where a service's base path ends. */
  service: KnoxService | undefined;
  /** Set where a category's folder ends (CATEGORY_SCOPES). */
  category: string | undefined;
}

const newNode = (): Node => ({
  literals: new Map(),
  param: undefined,
  endpoints: new Map(),
  service: undefined,
  category: undefined,
});

const segmentsOf = (path: string): string[] => path.split('/').filter((s) => s !== '');
const isPlaceholder = (s: string): boolean => s.length > 2 && s.startsWith('{') && s.endsWith('}');

function insert(root: Node, path: string): Node {
  let node = root;
  for (const segment of segmentsOf(path)) {
    if (isPlaceholder(segment)) {
      node.param ??= newNode();
      node = node.param;
    } else {
      let next = node.literals.get(segment);
      if (next === undefined) {
        next = newNode();
        node.literals.set(segment, next);
      }
      node = next;
    }
  }
  return node;
}

/** The catalog data a table is built from; the sandbox uses the scope catalog's. */
export interface EndpointData {
  readonly endpoints: readonly EndpointEntry[];
  readonly services: ReadonlyArray<Pick<ServiceInfo, 'id' | 'basePaths'>>;
  readonly categories: ReadonlyArray<{ readonly scope: string; readonly paths: readonly string[] }>;
  readonly serviceWide: Partial<Record<KnoxService, readonly string[]>>;
}

/** Endpoint and scope lookups over catalog data, for paths as a Knox server receives them. */
export interface EndpointTable {
  /** The endpoint a request goes to: exact method (any case), a served path. */
  readonly endpointAt: (method: string, path: string) => EndpointEntry | undefined;
  /**
   * The scopes that allow a request, narrowest first: the endpoint's; for a path the catalog
   * does not list, its category's scope and the service-wide ones of the base path it is
   * under. [] for a path under no service.
   */
  readonly scopesAt: (method: string, path: string) => readonly string[];
}

/** Builds the segment trie of `data`; the first entry of a method and path wins. */
export function endpointTable(data: EndpointData): EndpointTable {
  const root = newNode();
  for (const entry of data.endpoints) {
    const leaf = insert(root, entry.path);
    if (!leaf.endpoints.has(entry.method)) leaf.endpoints.set(entry.method, entry);
  }
  for (const { id, basePaths } of data.services) {
    for (const base of basePaths) insert(root, base).service = id;
  }
  for (const { scope, paths } of data.categories) {
    for (const path of paths) insert(root, path).category = scope;
  }
  const endpointAt = (method: string, path: string): EndpointEntry | undefined =>
    search(root, segmentsOf(path), 0, method.toUpperCase());
  const scopesAt = (method: string, path: string): readonly string[] => {
    const endpoint = endpointAt(method, path);
    if (endpoint !== undefined) return endpoint.scopes;
    let service: KnoxService | undefined;
    let category: string | undefined;
    let node: Node | undefined = root;
    for (const segment of segmentsOf(path)) {
      node = node.literals.get(segment);
      if (node === undefined) break;
      service = node.service ?? service;
      category = node.category ?? category;
    }
    if (service === undefined) return [];
    const wide = data.serviceWide[service] ?? [];
    return category === undefined ? wide : [category, ...wide];
  };
  return { endpointAt, scopesAt };
}

// Depth first, a literal segment before a placeholder: POST /msp/v1/managedCustomers/link is
// the link endpoint, though /managedCustomers/{customerId} has the same shape; a method the
// literal branch lacks backtracks to the placeholder (PUT .../link is the {customerId} one).
// The walk never goes deeper than the trie, whatever the length of the request's path.
function search(
  node: Node,
  segments: readonly string[],
  at: number,
  method: string,
): EndpointEntry | undefined {
  if (at === segments.length) return node.endpoints.get(method);
  const segment = segments[at] ?? '';
  const literal = node.literals.get(segment);
  const found = literal === undefined ? undefined : search(literal, segments, at + 1, method);
  if (found !== undefined || node.param === undefined) return found;
  return search(node.param, segments, at + 1, method);
}

const CATALOG = endpointTable({
  endpoints: ENDPOINTS,
  services: [...SERVICES, OAUTH_SERVER],
  categories: CATEGORY_SCOPES,
  serviceWide: SERVICE_WIDE_SCOPES,
});

/** The catalog endpoint a request to the sandbox goes to: exact method, a served path. */
export const endpointAt = CATALOG.endpointAt;

/** The scopes the catalog says allow a request to the sandbox (see EndpointTable.scopesAt). */
export const scopesAt = CATALOG.scopesAt;
