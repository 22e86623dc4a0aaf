// CONTRACT STUB (to be completed by the scope-catalog work): the shapes and lookups below are
// what the rest of the toolkit codes against. Keep the exported names and signatures.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/** Knox services, by the prefix of their scopes. */
export type KnoxService = 'kai' | 'kc' | 'kdp' | 'ke' | 'km' | 'kme' | 'msp' | 'kg' | 'oauth';

export interface ScopeEntry {
  readonly name: string;
  readonly service: KnoxService;
  readonly description: string;
}

export interface EndpointEntry {
  readonly method: HttpMethod;
  /** The full path Knox serves, with `{param}` placeholders: '/kcs/v1/kme/profiles/{id}/get'. */
  readonly path: string;
  readonly service: KnoxService;
  /** Every scope that allows this endpoint, narrowest first. */
  readonly scopes: readonly string[];
}

export const SCOPES: readonly ScopeEntry[] = [];
export const ENDPOINTS: readonly EndpointEntry[] = [];

/** The endpoint a request goes to; path parameters and query strings match. */
export function findEndpoint(_method: string, _path: string): EndpointEntry | undefined {
  return undefined;
}
