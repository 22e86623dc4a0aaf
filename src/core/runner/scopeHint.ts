import { oauthSupportFor } from '../auth/oauthSupport';
import type { RequestTemplate } from '../catalogs/requestTemplates';
import { REQUEST_TEMPLATES, nearestTemplate, templateSnippet } from '../catalogs/requestTemplates';
import type { EndpointEntry, KnoxService, ScopeEntry } from '../catalogs/scopeCatalog';
import { OAUTH_SERVER, SERVICES } from '../catalogs/scopeCatalog';
import { findEndpoint, findScope, scopesFor, serviceDisplayName } from '../catalogs/scopeLookup';
import type { Profile } from '../profiles/profile';

/** What the scope catalog knows about one request line: service, endpoint and allowing scopes. */
export interface ScopeHint {
  readonly method: string;
  /** The request's path, without host, query or fragment. */
  readonly path: string;
  readonly service: KnoxService | undefined;
  readonly endpoint: EndpointEntry | undefined;
  /** Every scope that allows the request, narrowest first ([] when the catalog has none). */
  readonly scopes: readonly ScopeEntry[];
  /** An authentication endpoint (`/ams/...`): it issues tokens and is called without one. */
  readonly authEndpoint: boolean;
}

/** A problem of a profile with a request, shown as a warning before anything is sent. */
export interface ScopeProblem {
  readonly message: string;
  /** The narrowest scope that would allow the request, when a scope is what is missing. */
  readonly missingScope?: string;
}

/** An endpoint offered by completion: its request template as snippets. */
export interface EndpointSuggestion {
  readonly template: RequestTemplate;
  /** The path: `/kcs/v1/kme/profiles/${1:1000001}/get`, with the example query. */
  readonly snippet: string;
  /** The path, then for write endpoints a JSON content type and the example body. */
  readonly snippetWithBody: string;
  readonly serviceName: string;
}

const AUTH_BASE = '/ams/';

/**
 * The scope hint for a request line, or undefined when the path is not a Knox API path. The
 * URL may be absolute, relative (`/kcs/...`) or start with `{{host}}`.
 */
export function scopeHintFor(method: string, url: string): ScopeHint | undefined {
  const path = requestPath(url);
  if (path === undefined) return undefined;
  const verb = method.trim().toUpperCase();
  const endpoint = findEndpoint(verb, path);
  const service = endpoint?.service ?? serviceOfPath(path);
  const authEndpoint = path.startsWith(AUTH_BASE);
  if (!endpoint && !service && !authEndpoint) return undefined;
  const names = endpoint?.requestsScopes === true ? [] : scopesFor(verb, path);
  const scopes = names.flatMap((name) => {
    const scope = findScope(name);
    return scope ? [scope] : [];
  });
  return { method: verb, path, service, endpoint, scopes, authEndpoint };
}

/** The path of a request URL: absolute, relative or behind a leading `{{variable}}`. */
export function requestPath(url: string): string | undefined {
  let rest = url.trim().replace(/^\{\{[^}]*\}\}/, '');
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(rest);
  if (absolute) rest = rest.slice(absolute[0].length) || '/';
  rest = rest.replace(/[?#].*$/s, '');
  return rest.startsWith('/') ? rest : undefined;
}

/**
 * Why `profile` cannot call the request as it stands: its OAuth app lacks every scope that
 * allows it, the service takes no OAuth 2.0 token, or no client identifier is for the service.
 */
export function scopeProblemFor(hint: ScopeHint, profile: Profile): ScopeProblem | undefined {
  const service = hint.service;
  if (hint.authEndpoint || service === undefined || service === 'oauth') return undefined;
  const serviceName = serviceDisplayName(service);
  if (profile.scheme === 'oauth') {
    const support = oauthSupportFor(service, { msp: profile.tenantId !== undefined });
    if (!support.supported) {
      return { message: `Profile "${profile.name}" uses Knox OAuth 2.0: ${support.reason}` };
    }
    if (!profile.oauth || hint.scopes.length === 0) return undefined;
    const granted = new Set(profile.oauth.scopes);
    if (hint.scopes.some((scope) => granted.has(scope.name))) return undefined;
    const [narrowest, ...others] = hint.scopes.map((scope) => scope.name);
    if (narrowest === undefined) return undefined;
    const alternatives = others.length > 0 ? ` (or ${others.join(', ')})` : '';
    return {
      message: `The OAuth app of profile "${profile.name}" has no scope for ${hint.method} ${hint.path}: it needs ${narrowest}${alternatives}. Add the scope to the app in the Knox Developer Portal, then run "Knox: Set Up OAuth App".`,
      missingScope: narrowest,
    };
  }
  if (
    profile.scheme === 'legacy' &&
    !profile.clientIdentifiers.some((c) => c.service === service)
  ) {
    return {
      message: `Profile "${profile.name}" has no client identifier for ${serviceName} (${service.toUpperCase()}); Knox refuses tokens of another service. Add one with "Knox: Add Client Identifier".`,
    };
  }
  return undefined;
}

/** The endpoints completion offers after `method`, in catalog order, from the request templates. */
export function endpointSuggestions(method: string): readonly EndpointSuggestion[] {
  const verb = method.trim().toUpperCase();
  return REQUEST_TEMPLATES.filter((template) => template.method === verb).map((template) => ({
    template,
    snippet: templateSnippet(template, false),
    snippetWithBody: templateSnippet(template, true),
    serviceName: serviceDisplayName(template.service),
  }));
}

/**
 * For a request to a Knox path no template matches (`/kcs/v1/kgs/devices/list`): a one-line
 * hint naming the nearest endpoint, or the method the path takes. Undefined otherwise.
 */
export function unknownEndpointHint(method: string, url: string): string | undefined {
  const path = requestPath(url);
  if (path === undefined) return undefined;
  const near = nearestTemplate(method, path);
  if (!near) return undefined;
  const { template } = near;
  const verb = method.trim().toUpperCase();
  return near.methodOnly
    ? `Knox takes ${template.method}, not ${verb}, at ${template.path} (${template.summary}).`
    : `${verb} ${path} is not a Knox endpoint the toolkit knows. Did you mean ${template.method} ${template.path} (${template.summary})?`;
}

function serviceOfPath(path: string): KnoxService | undefined {
  const segments = path.split('/').filter((s) => s !== '');
  for (const service of [...SERVICES, OAUTH_SERVER]) {
    for (const base of service.basePaths) {
      const prefix = base.split('/').filter((s) => s !== '');
      if (prefix.every((p, i) => segments[i] === p)) return service.id;
    }
  }
  return undefined;
}
