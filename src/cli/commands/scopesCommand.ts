import { CATEGORY_SCOPES, SERVICES } from '../../core/catalogs/scopeCatalog';
import { findEndpoint, scopesFor, serviceInfo } from '../../core/catalogs/scopeLookup';
import { KnoxToolError } from '../../core/toolError';
import type { CliCommand } from '../cliCommand';
import { formatFields } from '../formatFields';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];

/** `knox scopes`: the OAuth scopes that allow an endpoint, narrowest first. */
export const scopesCommand: CliCommand = {
  name: 'scopes',
  summary: 'List the OAuth scopes that allow an endpoint, narrowest first, and its service.',
  usage: 'scopes METHOD PATH',
  description:
    'Finds the endpoint in Samsung\'s "Scopes for Knox cloud services APIs" and prints the scopes that allow calling it, narrowest first (request the first), its Knox service and whether that service accepts OAuth 2.0 at all. PATH may hold real values where the reference has parameters (/kcs/v1/kme/profiles/42/get), a query string, or be a full URL. An endpoint the catalog does not list exits with 1.',
  options: {},
  positionals: { names: ['METHOD', 'PATH'], required: 2 },
  examples: [
    'knox scopes GET /kcs/v1/kme/profiles/42/get',
    'knox scopes POST https://api.samsungknox.com/kai/v1/miscellaneous/getKspStatus --json',
  ],
  run(args) {
    const [methodText = '', path = ''] = args.positionals;
    const method = methodText.trim().toUpperCase();
    if (!METHODS.includes(method)) {
      const swapped = METHODS.includes(path.trim().toUpperCase());
      return Promise.reject(
        new KnoxToolError(
          'INVALID_INPUT',
          swapped
            ? 'Give the method first, then the path: knox scopes METHOD PATH.'
            : `METHOD must be one of ${METHODS.join(', ')}.`,
        ),
      );
    }
    const endpoint = findEndpoint(method, path);
    if (endpoint === undefined) return Promise.reject(unknownEndpoint(method, path));
    const service = serviceInfo(endpoint.service);
    const oauth =
      service.oauth === 'supported'
        ? 'supported'
        : service.oauth === 'msp-only'
          ? `MSP partners only. ${service.oauthNote ?? ''}`
          : `not supported. ${service.oauthNote ?? ''}`;
    const scopesNote = endpoint.requestsScopes
      ? 'This endpoint is where scopes are requested; calling it needs none.'
      : endpoint.scopes.length === 0
        ? 'No scope is needed.'
        : '';
    const text = [
      `${endpoint.method} ${endpoint.path}`,
      formatFields([
        ['Service', `${service.name} (${service.id})`],
        ['Scopes', endpoint.requestsScopes ? '' : endpoint.scopes.join(', ')],
        ['Narrowest', endpoint.requestsScopes ? '' : (endpoint.scopes[0] ?? '')],
        ['Note', scopesNote],
        ['OAuth 2.0', oauth.trim()],
      ]),
    ].join('\n');
    return Promise.resolve({
      text,
      json: {
        method: endpoint.method,
        path: endpoint.path,
        service: service.id,
        serviceName: service.name,
        scopes: endpoint.scopes,
        ...(endpoint.requestsScopes ? { requestsScopes: true } : {}),
        oauth: service.oauth,
        ...(service.oauthNote === undefined ? {} : { oauthNote: service.oauthNote }),
      },
    });
  },
};

function unknownEndpoint(method: string, path: string): KnoxToolError {
  const serviceWide = scopesFor(method, path);
  const service = SERVICES.find((s) =>
    s.basePaths.some((base) => pathOf(path).startsWith(`${base}/`)),
  );
  const shown = /^[\w/{}.:?&=%-]{1,200}$/.test(path) ? `${method} ${path}` : `That ${method} path`;
  const hint =
    serviceWide.length > 0 && service !== undefined
      ? ` ${CATEGORY_SCOPES.some((c) => c.scope === serviceWide[0]) ? `Scopes allowing it (its category ${serviceWide[0]}, then all of ${service.name})` : `Scopes covering all of ${service.name}`}: ${serviceWide.join(', ')}. Check the method and path against the API reference.`
      : service?.oauthNote !== undefined
        ? ` ${service.oauthNote}`
        : ' Check the method, the path (with its /kcs/v1/... base) and the API reference.';
  return new KnoxToolError(
    'UNKNOWN_ENDPOINT',
    `${shown} is not an endpoint in Samsung's scopes catalog.${hint}`,
  );
}

function pathOf(path: string): string {
  try {
    return /^[a-z][\w+.-]*:\/\//i.test(path)
      ? new URL(path).pathname
      : (path.split('?')[0] ?? path);
  } catch {
    return path;
  }
}
