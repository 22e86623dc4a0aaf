import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { resolveBaseUrl } from '../../core/auth/baseUrl';
import { assertOAuthSupported } from '../../core/auth/oauthSupport';
import { OAUTH_APP, clientIdentifierCredential } from '../../core/credentials/credential';
import type { CredentialSecrets } from '../../core/credentials/mintForCredential';
import { mintForCredential } from '../../core/credentials/mintForCredential';
import { KnoxToolError } from '../../core/toolError';
import { FILE_LIMITS, readBoundedFile, readBoundedText } from '../../core/files/readBoundedFile';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../core/http/sendRequest';
import { MAX_DOTENV_BYTES, readDotEnvFiles } from '../../core/httpFile/dotEnv';
import { parseHttpFile, requestAt, requestByName } from '../../core/httpFile/httpFile';
import type { HttpFile, HttpRequest } from '../../core/httpFile/httpFile';
import type { Profile, ProfileTarget } from '../../core/profiles/profile';
import { formatBody, formatBytes, formatDuration } from '../../core/runner/bodyPreview';
import type { BuiltRequest } from '../../core/runner/buildRequest';
import { resultNotes } from '../../core/knoxErrors/explainResult';
import { maskHeaders } from '../../core/runner/maskHeaders';
import { runHttpRequest } from '../../core/runner/runHttpRequest';
import type { RunResult } from '../../core/runner/runRequest';
import { MemorySecretStore } from '../../core/storage/secretStore';
import type { Mint } from '../../core/tokens/tokenManager';
import { TokenManager } from '../../core/tokens/tokenManager';
import type { CliCommand, CliContext } from '../cliCommand';
import { describeRefusal, refusalJson } from '../knoxRefusal';
import type { ParsedOptions } from '../parseOptions';
import { atMostOneOf, integerOption, stringListOption, stringOption } from '../parseOptions';
import { readInputFile, readOptionalSecret, readSecret, secretOptions } from '../readSecret';
import {
  CLIENT_IDENTIFIER,
  CLIENT_SECRET,
  KEYS_OPTION,
  REGION_OPTIONS,
  TIMEOUT_OPTION,
  algOption,
  ALG_OPTION,
  callOptions,
  loadKeyFile,
} from './commonOptions';

const MB = 1024 * 1024;

/** `knox send`: one request of a `.http` file, with a Knox token attached. */
export const sendCommand: CliCommand = {
  name: 'send',
  summary: 'Send one request of a .http file with a Knox token attached.',
  usage:
    'send FILE.http [--name NAME | --line N] [--keys FILE --client-id-file FILE | --client-id ID --client-secret-env VAR] [--base URL]',
  description:
    'Sends one request of a .http file (REST Client syntax: ### separators, # @name, @variables, {{$processEnv NAME}}, a .env file beside it) the way the editor does: a relative URL (/kcs/v1/...) resolves against --region or --base, and a token is attached and renewed once if Knox says it expired. Legacy scheme: --keys with the Client Identifier (--client-id-file) gives a signed x-knox-apitoken. OAuth 2.0: --client-id with the client secret gives Authorization: Bearer, for --scope or else the narrowest scope of the endpoint. Without credentials the request goes as written. The response body goes to stdout (JSON pretty-printed), the status line to stderr; an HTTP error exits with 1 and explains the Knox error code. The token only ever goes to the --base/--region hosts. # @knox profile=... lines are for the editor and are ignored here.',
  options: {
    name: {
      type: 'string',
      placeholder: 'NAME',
      description: 'The request named NAME (# @name NAME, or its ### title).',
    },
    line: { type: 'string', placeholder: 'N', description: 'The request around line N (1-based).' },
    keys: {
      ...KEYS_OPTION,
      description: 'Legacy scheme: keys.json, with the Client Identifier below.',
    },
    ...secretOptions(CLIENT_IDENTIFIER),
    'client-id': {
      type: 'string',
      placeholder: 'ID',
      description:
        "OAuth 2.0: the Cloud App's client id. With --keys: the Client Identifier itself (visible to other processes: prefer -file or -env).",
    },
    ...secretOptions(CLIENT_SECRET),
    scope: {
      type: 'string',
      multiple: true,
      placeholder: 'SCOPES',
      description: 'OAuth 2.0: scopes to request (default: the narrowest scope of the endpoint).',
    },
    ...REGION_OPTIONS,
    tenant: {
      type: 'string',
      placeholder: 'ID',
      description: 'MSPs: the managed customer, sent as x-wsm-managed-tenantid.',
    },
    var: {
      type: 'string',
      multiple: true,
      placeholder: 'NAME=VALUE',
      description: "Set {{NAME}} (over .env and the file's own @variables); may be repeated.",
    },
    alg: ALG_OPTION,
    timeout: TIMEOUT_OPTION,
    'max-response-mb': {
      type: 'string',
      placeholder: 'MB',
      description: `Stop reading the response body after this many MB (default ${DEFAULT_MAX_RESPONSE_BYTES / MB}).`,
    },
  },
  positionals: { names: ['FILE.http'], required: 1 },
  examples: [
    'knox send devices.http --name listDevices --keys keys.json --client-id-file kme-client-id.txt --region eu',
    'knox send kai.http --line 12 --client-id 0f3c... --client-secret-env KNOX_CLIENT_SECRET',
    'knox send first-requests.http --line 5 --keys .knox-sandbox/keys.json --client-id-file .knox-sandbox/client-identifier-kme.txt --base http://127.0.0.1:8780',
  ],
  async run(args, context) {
    atMostOneOf(args, ['name', 'line']);
    const path = args.positionals[0] ?? '';
    const file = parseHttpFile(
      await readInputFile(path, 'the .http file', context, FILE_LIMITS.httpFile),
    );
    const request = pickRequest(file, args, path);
    const target = targetOf(args);
    const environment = variablesOf(args);
    const tenantId = stringOption(args, 'tenant');
    const maxResponseMb = integerOption(args, 'max-response-mb', 1, 4096);
    const credentials = await credentialsOf(args, context, target);
    const profile = cliProfile(target, credentials, tenantId, context.io.now());
    const folder = path === '-' ? context.io.cwd : dirname(resolve(context.io.cwd, path));
    const managers: TokenManager[] = [];
    let result: RunResult;
    try {
      ({ result } = await runHttpRequest(
        {
          file,
          request,
          profile,
          sources: {
            environment,
            dotenv: await dotEnvBeside(folder),
            processEnv: context.io.env,
            now: context.io.now,
          },
          readBodyFile: readBesideFile(folder),
          tokensFor: (built) => {
            if (credentials === undefined) return undefined;
            const manager = tokenManagerFor(credentials, built, tenantId, context);
            managers.push(manager);
            return manager;
          },
        },
        {
          ...callOptions(args, context),
          now: context.io.now,
          ...(maxResponseMb === undefined ? {} : { maxResponseBytes: maxResponseMb * MB }),
          onToken: (token) => context.redactor.remember(token.value),
        },
      ));
    } finally {
      for (const manager of managers) manager.dispose();
    }
    return report(result, context);
  },
};

/** A token manager for one built request, after refusing what the scheme cannot serve. */
export function tokenManagerFor(
  credentials: Credentials,
  built: BuiltRequest,
  tenantId: string | undefined,
  context: CliContext,
): TokenManager {
  if (
    credentials.scheme === 'oauth' &&
    built.hint?.service !== undefined &&
    built.hint.service !== 'oauth'
  ) {
    assertOAuthSupported(built.hint.service, { msp: tenantId !== undefined });
  }
  return new TokenManager({
    store: new MemorySecretStore(),
    storeKey: 'knox-cli',
    mint: credentials.mint(built),
    now: context.io.now,
  });
}

/** Reads the bytes of a `< ./file` body relative to the `.http` file's folder. */
export function readBesideFile(folder: string): (path: string) => Promise<Uint8Array> {
  return (bodyPath) =>
    readBoundedFile(resolve(folder, bodyPath), {
      maxBytes: FILE_LIMITS.bodyFile,
      what: 'a request body',
      label: bodyPath,
    });
}

/** The scheme of the command line's credentials and how to mint for a built request. */
export interface Credentials {
  readonly scheme: 'legacy' | 'oauth';
  readonly mint: (built: BuiltRequest) => Mint;
}

/** The credentials the options give (`--keys`..., `--client-id`...), or undefined for none. */
export async function credentialsOf(
  args: ParsedOptions,
  context: CliContext,
  target: ProfileTarget,
): Promise<Credentials | undefined> {
  const hasSecret = ['client-secret', 'client-secret-file', 'client-secret-env'].some(
    (n) => args.values[n] !== undefined,
  );
  const timing = callOptions(args, context);
  if (args.values.keys !== undefined) {
    if (hasSecret) {
      throw new KnoxToolError(
        'INVALID_INPUT',
        'Give either --keys with the Client Identifier (legacy scheme) or --client-id with the client secret (OAuth 2.0), not both.',
      );
    }
    const key = await loadKeyFile(args, context);
    const clientIdentifier = await readSecret(args, CLIENT_IDENTIFIER, context);
    const alg = algOption(args);
    const secrets: CredentialSecrets = {
      keyFile: () => Promise.resolve(key),
      clientIdentifier: () => Promise.resolve(clientIdentifier),
    };
    return {
      scheme: 'legacy',
      mint: () =>
        mintForCredential(
          { name: 'command line', target, scheme: 'legacy' },
          clientIdentifierCredential('cli'),
          secrets,
          { ...timing, now: context.io.now, ...(alg === undefined ? {} : { alg }) },
        ),
    };
  }
  if (!hasSecret) {
    if (
      ['client-id', 'client-id-file', 'client-id-env'].some((n) => args.values[n] !== undefined)
    ) {
      throw new KnoxToolError(
        'INVALID_INPUT',
        'A client id alone is not enough: give --keys with the Client Identifier (legacy scheme), or --client-id with --client-secret-env or --client-secret-file (OAuth 2.0).',
      );
    }
    return undefined;
  }
  const clientId = stringOption(args, 'client-id');
  if (clientId === undefined) {
    throw new KnoxToolError(
      'INVALID_INPUT',
      "OAuth 2.0 needs --client-id ID (the Cloud App's client id) with the client secret.",
    );
  }
  const clientSecret = (await readOptionalSecret(args, CLIENT_SECRET, context)) ?? '';
  const requested = stringListOption(args, 'scope')
    .flatMap((s) => s.split(/\s+/))
    .filter((s) => s !== '');
  return {
    scheme: 'oauth',
    mint: (built) => {
      const scopes =
        requested.length > 0
          ? requested
          : (built.hint?.scopes ?? []).slice(0, 1).map((s) => s.name);
      if (scopes.length === 0) {
        throw new KnoxToolError(
          'INVALID_INPUT',
          `The scope catalog knows no scope for ${built.method} ${built.hint?.path ?? 'this URL'}; give --scope SCOPES.`,
        );
      }
      return mintForCredential(
        { name: 'command line', target, scheme: 'oauth' },
        OAUTH_APP,
        { oauthApp: () => Promise.resolve({ clientId, clientSecret, scopes }) },
        { ...timing, now: context.io.now },
      );
    },
  };
}

function report(
  result: RunResult,
  context: CliContext,
): { text: string; json: unknown; exitCode: number } {
  const { response } = result;
  const notes = notesOf(result);
  const path = result.hint?.path ?? pathOf(result.url);
  context.note(
    `${result.method} ${result.url} -> ${response.status} ${response.statusText} (${formatDuration(response.elapsedMs)}, ${formatBytes(result.sizeBytes)})`,
  );
  for (const note of notes) context.note(note);
  if (result.error) context.note(describeRefusal(`${result.method} ${path}`, result.error));
  return {
    text: formatBody(response.body, response.headers['content-type']).text,
    json: {
      request: {
        ...(result.name === undefined ? {} : { name: result.name }),
        line: result.line + 1,
        method: result.method,
        url: result.url,
        // Masked as data, before serializing: headers the user wrote (Authorization) included.
        headers: maskHeaders(result.sentHeaders),
      },
      response: {
        status: response.status,
        statusText: response.statusText,
        headers: Object.fromEntries(
          maskHeaders(response.headers).map((header) => [header.name, header.value]),
        ),
        body: response.body,
        elapsedMs: response.elapsedMs,
        attempts: response.attempts,
        sizeBytes: result.sizeBytes,
        ...(response.redirects === undefined ? {} : { redirects: response.redirects }),
        ...(response.truncatedAtBytes === undefined
          ? {}
          : { truncatedAtBytes: response.truncatedAtBytes }),
      },
      tokenSent: result.tokenSent,
      ...(result.tokenKind === undefined ? {} : { tokenKind: result.tokenKind }),
      ...(result.retry === undefined ? {} : { retry: result.retry }),
      notes,
      ...(result.error === undefined ? {} : { error: refusalJson(result.error) }),
    },
    // A redirect not followed never reached the API: a failure for scripts, like an HTTP error.
    exitCode:
      result.error === undefined && !(response.redirects ?? []).some((hop) => !hop.followed)
        ? 0
        : 1,
  };
}

function notesOf(result: RunResult): string[] {
  // The runner's notes, except that a skipped token is said in the command line's own terms.
  const notes = resultNotes({ ...result, tokenSkipped: undefined }, '--max-response-mb');
  switch (result.tokenSkipped) {
    case 'userHeader':
      notes.push(
        'The request sets its own x-knox-apitoken or Authorization header; it was sent as written.',
      );
      break;
    case 'authEndpoint':
      notes.push('This is an authentication endpoint: it was called without a token.');
      break;
    case 'foreignHost':
      notes.push('The URL is not on the --base/--region host, so no token was sent there.');
      break;
    default:
      break;
  }
  return notes;
}

function pickRequest(file: HttpFile, args: ParsedOptions, path: string): HttpRequest {
  const names = file.requests.map((r) => r.name).filter((n): n is string => n !== undefined);
  const available = names.length > 0 ? ` Requests: ${names.join(', ')}.` : '';
  const name = stringOption(args, 'name');
  if (name !== undefined) {
    const found = requestByName(file, name);
    if (found === undefined) {
      throw new KnoxToolError('NOT_FOUND', `${path} has no request named "${name}".${available}`);
    }
    return found;
  }
  const line = integerOption(args, 'line', 1, Number.MAX_SAFE_INTEGER);
  if (line !== undefined) {
    const found = requestAt(file, line - 1);
    if (found === undefined) {
      throw new KnoxToolError(
        'NOT_FOUND',
        `Line ${line} of ${path} is not inside a request. Give the line of a request or --name NAME.`,
      );
    }
    return found;
  }
  const [only, ...others] = file.requests;
  if (only === undefined) {
    throw new KnoxToolError(
      'HTTP_FILE_SYNTAX',
      `${path} has no request (a line such as GET https://... or GET /kcs/v1/...).`,
    );
  }
  if (others.length > 0) {
    throw new KnoxToolError(
      'INVALID_INPUT',
      `${path} has ${file.requests.length} requests; pick one with --name NAME or --line N.${available}`,
    );
  }
  return only;
}

/** The profile a command line run stands for: its target, scheme and tenant; nothing stored. */
export function cliProfile(
  target: ProfileTarget,
  credentials: Credentials | undefined,
  tenantId: string | undefined,
  now: number,
): Profile {
  return {
    id: 'cli',
    name: 'command line',
    target,
    scheme: credentials?.scheme ?? 'legacy',
    clientIdentifiers: [],
    createdAt: now,
    ...(tenantId === undefined ? {} : { tenantId }),
  };
}

/** `--base URL` or `--region us|eu` (default us). */
export function targetOf(args: ParsedOptions): ProfileTarget {
  atMostOneOf(args, ['region', 'base']);
  const base = stringOption(args, 'base');
  if (base !== undefined) return { kind: 'custom', baseUrl: resolveBaseUrl(base) };
  const region = (stringOption(args, 'region') ?? 'us').trim().toLowerCase();
  if (region !== 'us' && region !== 'eu') {
    throw new KnoxToolError(
      'INVALID_INPUT',
      `--region must be us or eu, not "${region}". For another host give --base URL.`,
    );
  }
  return { kind: 'region', region };
}

/** The `--var NAME=VALUE` assignments. */
export function variablesOf(args: ParsedOptions): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const assignment of stringListOption(args, 'var')) {
    const match = /^([A-Za-z_][\w.-]*)=([\s\S]*)$/.exec(assignment);
    if (!match) {
      throw new KnoxToolError(
        'INVALID_INPUT',
        '--var takes NAME=VALUE, with a name of letters, digits, _ . and -.',
      );
    }
    variables[match[1] ?? ''] = match[2] ?? '';
  }
  return variables;
}

/** The `.env` beside the `.http` file, or nothing (none, not a regular file, over its limit). */
export async function dotEnvBeside(folder: string): Promise<Readonly<Record<string, string>>> {
  return readDotEnvFiles([resolve(folder, '.env')], {
    size: async (path) => (await stat(path)).size,
    read: (path) => readBoundedText(path, { maxBytes: MAX_DOTENV_BYTES, what: 'variables' }),
  });
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
