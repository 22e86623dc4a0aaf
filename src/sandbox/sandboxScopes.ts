import { ENDPOINTS, SCOPES } from '../core/catalogs/scopeCatalog';
import { SANDBOX_SERVICES, acceptsOAuth } from './sandboxServices';

/**
 * Every scope the sandbox's Knox OAuth 2.0 accepts, sorted: the scope catalog's, each
 * service's root scope and the authorization server's own (openid, email).
 */
export function sandboxScopes(): string[] {
  const scopes = new Set<string>(SANDBOX_SERVICES.filter(acceptsOAuth));
  for (const entry of SCOPES) scopes.add(entry.name);
  for (const endpoint of ENDPOINTS) for (const scope of endpoint.scopes) scopes.add(scope);
  scopes.add('openid');
  scopes.add('email');
  return [...scopes].sort();
}
