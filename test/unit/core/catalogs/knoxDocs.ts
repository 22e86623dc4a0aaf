import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import * as path from 'node:path';
import type { ErrorFlow } from '../../../../src/core/catalogs/errorCatalog';
import type { EndpointEntry, KnoxService } from '../../../../src/core/catalogs/scopeCatalog';
import { repositoryRoot } from '../../../helpers/repositoryRoot';

/** Where Samsung's pages are kept beside the repository, when they are (a clone has none). */
export const KNOX_DOCS_DIR = path.join(repositoryRoot(), '..', 'shared', 'knox-docs');

/** The repository's record of the facts the catalog tests need from Samsung's pages. */
export const FACTS_FIXTURE = path.join(
  repositoryRoot(),
  'test',
  'fixtures',
  'knox-docs-facts.json',
);

/** The text of one of Samsung's pages in ../shared/knox-docs, or undefined without that folder. */
export function readKnoxDoc(name: string): string | undefined {
  if (!existsSync(KNOX_DOCS_DIR)) return undefined;
  const file = path.join(KNOX_DOCS_DIR, name);
  if (!existsSync(file)) {
    throw new Error(
      `Samsung's page ${name} is missing from ${KNOX_DOCS_DIR}. The facts test parses it to check test/fixtures/knox-docs-facts.json.`,
    );
  }
  return readFileSync(file, 'utf8');
}

/** One row of the troubleshooting page's tables. */
export interface DocErrorRow {
  readonly code: string;
  /** The Name or Message column; undefined for AUT_/LIC_ rows, which have none. */
  readonly name?: string;
  readonly httpStatus: number;
  readonly description: string;
  readonly flow: ErrorFlow;
}

/** One row of the scopes page (a scope may have two rows: the E-FOTA table is there twice). */
export interface DocScope {
  readonly section: string;
  readonly service: KnoxService;
  readonly name: string;
  readonly description: string;
  /** 'METHOD /full/path' without a trailing slash. */
  readonly endpoints: string[];
  readonly covers: string[];
  readonly events: string[];
}

/** The facts of both pages without their prose: what the catalog tests check the catalog against. */
export interface KnoxDocsFacts {
  readonly errors: ReadonlyArray<Omit<DocErrorRow, 'description'>>;
  readonly sections: ReadonlyArray<{ readonly title: string; readonly service: KnoxService }>;
  /** Each scope once, in page order; the blank-named OpenID row is `email`. */
  readonly scopes: ReadonlyArray<{
    readonly name: string;
    readonly service: KnoxService;
    readonly kwnEvents: readonly string[];
  }>;
  /** Each distinct endpoint of the page with every scope that allows it, listed or "All ..." rows. */
  readonly endpoints: ReadonlyArray<{
    readonly endpoint: string;
    readonly service: KnoxService;
    readonly scopes: readonly string[];
  }>;
}

/** Reads test/fixtures/knox-docs-facts.json. */
export function readFactsFixture(): KnoxDocsFacts {
  return JSON.parse(readFileSync(FACTS_FIXTURE, 'utf8')) as KnoxDocsFacts;
}

const ERROR_SECTIONS: ReadonlyArray<readonly [string, ErrorFlow]> = [
  ['Standard HTTP error codes', 'http'],
  ['Unique customer authentication error codes', 'customer-auth'],
  ['Token errors', 'samsung-account-token'],
  ['Authorization errors', 'samsung-account-authorize'],
];

/** Reads the troubleshooting page's four tables without the catalog's help. */
export function parseTroubleshootingDoc(text: string): DocErrorRow[] {
  const rows: DocErrorRow[] = [];
  let flow: ErrorFlow | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const section = ERROR_SECTIONS.find(([title]) => line === title);
    if (section) {
      flow = section[1];
      continue;
    }
    if (flow === 'http') {
      const m = /^(\d{3}) (.+)$/.exec(line);
      if (!m) continue;
      const status = Number(m[1]);
      // The page separates columns with single spaces; Node's reason phrases tell the name.
      const reason = STATUS_CODES[status] ?? '';
      const rest = m[2] ?? '';
      assert.ok(rest.startsWith(`${reason} `), `cannot split the HTTP row: ${line}`);
      rows.push({
        code: String(status),
        name: reason,
        httpStatus: status,
        description: rest.slice(reason.length + 1),
        flow,
      });
    } else if (flow === 'customer-auth') {
      const m = /^(\d{7,8}) ([A-Z_]+) (.+)$/.exec(line);
      if (!m?.[1] || !m[2] || !m[3]) continue;
      rows.push({
        code: m[1],
        name: m[2],
        httpStatus: Number(m[1].slice(0, 3)),
        description: m[3],
        flow,
      });
    } else if (flow !== undefined) {
      const m = /^(\d{3}) ((?:AUT|LIC)_\d{4}) (.+)$/.exec(line);
      if (!m?.[1] || !m[2] || !m[3]) continue;
      // The page has a stray "clientIdentifierJwt" where "please" belongs in AUT_1785.
      const description = m[3].replace(
        'still receive this error, clientIdentifierJwt contact',
        'still receive this error, please contact',
      );
      rows.push({ code: m[2], httpStatus: Number(m[1]), description, flow });
    }
  }
  return rows;
}

const SECTION_SERVICES: ReadonlyArray<readonly [string, KnoxService]> = [
  ['Knox Asset Intelligence', 'kai'],
  ['Knox Configure', 'kc'],
  ['Knox Deployment Program', 'kdp'],
  ['Knox E-FOTA', 'ke'],
  ['Knox Manage', 'km'],
  ['Knox Mobile Enrollment', 'kme'],
  ['Knox MSP Portal', 'msp'],
  ['Knox OAuth 2.0 Authentication', 'oauth'],
];

const ENDPOINT_CELL = /^(GET|POST|PUT|DELETE|PATCH) (\/\S*)$/;
const SCOPE_NAME = /^[a-z]+(\.[a-zA-Z]+)?(:[a-z]+)?$/;
/** How the scopes page's OpenID row, which has no name, is read. */
export const BLANK_NAME = '(blank)';

const normalise = (p: string): string => p.replace(/\/+$/, '');

/** 'METHOD /path' without a trailing slash: how the page and the facts name an endpoint. */
export const keyOf = (e: Pick<EndpointEntry, 'method' | 'path'>): string =>
  `${e.method} ${normalise(e.path)}`;

/** Reads the scopes page the way a person does: sections, rows, and rows wrapped over lines. */
export function parseScopesDoc(text: string): DocScope[] {
  const lines = text.split(/\r?\n/);
  const scopes: DocScope[] = [];
  let section: { title: string; service: KnoxService } | undefined;
  let current: DocScope | undefined;
  lines.forEach((line, i) => {
    const next = lines[i + 1] ?? '';
    if (!line.includes('|') && /^Scope( name)? \|/.test(next)) {
      const match = SECTION_SERVICES.find(([title]) => line.startsWith(title));
      assert.ok(match, `unknown section title in the scopes page: ${line}`);
      section = { title: line, service: match[1] };
      current = undefined;
      return;
    }
    if (!line.includes('|') || /^Scope( name)? \|/.test(line) || line.startsWith('---')) return;
    assert.ok(section, `table row outside a section: ${line}`);
    const cells = line.split('|').map((c) => c.trim());
    const prefix = section.service === 'ke' ? '/ke/v1' : '';
    const toEndpoint = (cell: string): string => {
      const m = ENDPOINT_CELL.exec(cell);
      assert.ok(m);
      return `${m[1]} ${normalise(prefix + m[2])}`;
    };
    if (ENDPOINT_CELL.test(cells[0] ?? '')) {
      assert.ok(current, `continuation row without a scope: ${line}`);
      current.endpoints.push(...cells.filter((c) => ENDPOINT_CELL.test(c)).map(toEndpoint));
      return;
    }
    const named = SCOPE_NAME.test(cells[0] ?? '');
    const rest = cells.slice(named ? 2 : 1);
    current = {
      section: section.title,
      service: section.service,
      name: named ? (cells[0] ?? '') : BLANK_NAME,
      description: (named ? cells[1] : cells[0]) ?? '',
      endpoints: rest.filter((c) => ENDPOINT_CELL.test(c)).map(toEndpoint),
      covers: rest.filter((c) => c.startsWith('All ')),
      events: rest
        .filter((c) => c.startsWith('KAI_'))
        .flatMap((c) => c.split(',').map((e) => e.trim())),
    };
    scopes.push(current);
  });
  return scopes;
}

/** Where "All X endpoints" rows reach: the path relative to the service's base. */
const GROUPS: Record<string, RegExp> = {
  campaign: /^\/campaign/,
  device: /^\/devices\//,
  devices: /^\/devices\//,
  license: /^\/(licenses|trialLicenses)(\/|$)/,
  'privacy policy': /^\/privacyPolicy$/,
  'profile management': /^\/profiles\//,
  settings: /^\/settings/,
  'diagnostics logs': /^\/diagnostics/,
  network: /^\/network/,
};

function relativePath(endpointKey: string): string {
  const p = endpointKey.slice(endpointKey.indexOf(' ') + 1);
  return p.replace(/^\/kcs\/v\d+(\.\d+)?\/[a-z]+/, '').replace(/^\/(ke|kai)\/v1/, '');
}

function covered(scope: DocScope, endpointKey: string, service: KnoxService): boolean {
  if (scope.service !== service) return false;
  return scope.covers.some((text) => {
    if (text.startsWith('All endpoints in')) return true;
    const group = /^All (.+?) endpoints in/.exec(text)?.[1];
    const pattern = group === undefined ? undefined : GROUPS[group];
    assert.ok(pattern, `the scopes page has a coverage row this test does not understand: ${text}`);
    return pattern.test(relativePath(endpointKey));
  });
}

const scopeName = (s: DocScope): string => (s.name === BLANK_NAME ? 'email' : s.name);

/** The facts of the two pages, as test/fixtures/knox-docs-facts.json records them. */
export function factsFromDocs(troubleshooting: string, scopesPage: string): KnoxDocsFacts {
  const errors = parseTroubleshootingDoc(troubleshooting).map(
    ({ description: _, ...facts }) => facts,
  );
  const docScopes = parseScopesDoc(scopesPage);
  const sections = [...new Map(docScopes.map((s) => [s.section, s.service])).entries()].map(
    ([title, service]) => ({ title, service }),
  );
  const scopes = new Map<string, KnoxDocsFacts['scopes'][number]>();
  for (const s of docScopes) {
    const name = scopeName(s);
    if (!scopes.has(name)) scopes.set(name, { name, service: s.service, kwnEvents: s.events });
  }
  const docEndpoints = new Map<string, KnoxService>();
  for (const s of docScopes) for (const e of s.endpoints) docEndpoints.set(e, s.service);
  const endpoints = [...docEndpoints].map(([endpoint, service]) => {
    const allowed = new Set<string>();
    for (const s of docScopes) {
      if (s.endpoints.includes(endpoint) || covered(s, endpoint, service)) {
        allowed.add(scopeName(s));
      }
    }
    return { endpoint, service, scopes: [...allowed] };
  });
  return { errors, sections, scopes: [...scopes.values()], endpoints };
}
