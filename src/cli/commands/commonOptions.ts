import { resolve } from 'node:path';
import { KNOX_BASE_URLS, resolveBaseUrl } from '../../core/auth/baseUrl';
import type { AuthCallOptions } from '../../core/auth/authEndpoint';
import { KnoxToolError } from '../../core/toolError';
import type { KeyFile, RsaJwsAlgorithm } from '../../core/keys/keyFile';
import { readKeyFile } from '../../core/keys/keyFile';
import type { CliContext } from '../cliCommand';
import type { OptionSpec, OptionSpecs, ParsedOptions } from '../parseOptions';
import { atMostOneOf, integerOption, requiredOption, stringOption } from '../parseOptions';
import type { SecretInput } from '../readSecret';

/** `--keys FILE`: the keys.json from the Knox Cloud API portal. */
export const KEYS_OPTION: OptionSpec = {
  type: 'string',
  placeholder: 'FILE',
  description: 'keys.json downloaded from the Knox Cloud API portal.',
};

/** `--alg RS512|RS256`. */
export const ALG_OPTION: OptionSpec = {
  type: 'string',
  placeholder: 'ALG',
  description:
    "JWT algorithm: RS512 (default, as Samsung's Java and npm utilities) or RS256 (.NET).",
};

/** `--timeout SECONDS` for commands that call Knox. */
export const TIMEOUT_OPTION: OptionSpec = {
  type: 'string',
  placeholder: 'SECONDS',
  description: 'Give up on a call after this many seconds (default 30).',
};

/** `--region us|eu` and `--base URL` for the Knox Cloud Services hosts. */
export const REGION_OPTIONS: OptionSpecs = {
  region: {
    type: 'string',
    placeholder: 'REGION',
    description: `us (default, ${hostOf(KNOX_BASE_URLS.us)}) or eu (${hostOf(KNOX_BASE_URLS.eu)}).`,
  },
  base: {
    type: 'string',
    placeholder: 'URL',
    description:
      'Any other base URL: a proxy, another region, or the sandbox (http://127.0.0.1:PORT).',
  },
};

/** The portal's Client Identifier, one per Knox service. */
export const CLIENT_IDENTIFIER: SecretInput = {
  option: 'client-id',
  what: 'the Client Identifier',
  placeholder: 'ID',
};

/** A Samsung Account access token for the partner variant (`delegatedSAToken`). */
export const IDP_TOKEN: SecretInput = {
  option: 'idp-token',
  what: 'the Samsung Account access token',
  placeholder: 'TOKEN',
};

/** The OAuth client secret of a Cloud App in the Knox Developer Portal. */
export const CLIENT_SECRET: SecretInput = {
  option: 'client-secret',
  what: 'the OAuth client secret',
  placeholder: 'SECRET',
};

/** Reads and checks `--keys FILE`; throws KEYFILE_* (exit 2) with the file's problem. */
export async function loadKeyFile(args: ParsedOptions, context: CliContext): Promise<KeyFile> {
  const path = requiredOption(args, 'keys', { keys: KEYS_OPTION });
  const key = await readKeyFile(resolve(context.io.cwd, path));
  context.debug(`Key file ${key.source}: RSA-${key.modulusBits}, fingerprint ${key.fingerprint}`);
  return key;
}

/** `--alg`, checked; undefined when not given (the core's RS512 default). */
export function algOption(args: ParsedOptions): RsaJwsAlgorithm | undefined {
  const alg = stringOption(args, 'alg');
  if (alg === undefined) return undefined;
  const upper = alg.trim().toUpperCase();
  if (upper === 'RS512' || upper === 'RS256') return upper;
  throw new KnoxToolError('INVALID_INPUT', `--alg must be RS512 or RS256, not "${alg}".`);
}

/** The base URL from `--region` or `--base` (default us). Throws 'INVALID_INPUT' or 'INVALID_BASE_URL'. */
export function regionBaseUrl(args: ParsedOptions): string {
  atMostOneOf(args, ['region', 'base']);
  const base = stringOption(args, 'base');
  if (base !== undefined) return resolveBaseUrl(base);
  const region = (stringOption(args, 'region') ?? 'us').trim().toLowerCase();
  if (region !== 'us' && region !== 'eu') {
    throw new KnoxToolError(
      'INVALID_INPUT',
      `--region must be us or eu, not "${region}". For another host give --base URL.`,
    );
  }
  return KNOX_BASE_URLS[region];
}

/** fetch, abort signal and timeout for a core auth call, from the context and `--timeout`. */
export function callOptions(args: ParsedOptions, context: CliContext): AuthCallOptions {
  const seconds = integerOption(args, 'timeout', 1, 3600);
  return {
    fetch: context.fetch,
    signal: context.io.signal,
    ...(seconds === undefined ? {} : { timeoutMs: seconds * 1000 }),
  };
}

/** An epoch-ms time as an ISO 8601 string without milliseconds. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function hostOf(url: string): string {
  return new URL(url).host;
}
