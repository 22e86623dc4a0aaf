import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { legacyTokenMint } from '../../core/auth/accessToken';
import { KnoxToolError } from '../../core/toolError';
import { parseHttpFile } from '../../core/httpFile/httpFile';
import type { HttpFile } from '../../core/httpFile/httpFile';
import { readKeyFile } from '../../core/keys/keyFile';
import type { ProfileTarget } from '../../core/profiles/profile';
import { apiBaseUrl } from '../../core/profiles/profile';
import { formatDuration } from '../../core/runner/bodyPreview';
import type { BuiltRequest } from '../../core/runner/buildRequest';
import { runHttpTests } from '../../core/testing/runHttpTests';
import type { HttpTestOutcome } from '../../core/testing/runHttpTests';
import type { TokenManager } from '../../core/tokens/tokenManager';
import { startSandbox } from '../../sandbox/sandbox';
import type { Sandbox } from '../../sandbox/sandbox';
import { isSandboxService } from '../../sandbox/sandboxServices';
import type { CliCommand, CliContext } from '../cliCommand';
import type { ParsedOptions } from '../parseOptions';
import { stringOption } from '../parseOptions';
import { readInputFile } from '../readSecret';
import { FILE_LIMITS, readBoundedText } from '../../core/files/readBoundedFile';
import { callOptions } from './commonOptions';
import { toJUnitXml } from './junitXml';
import type { Credentials } from './sendCommand';
import {
  cliProfile,
  credentialsOf,
  dotEnvBeside,
  readBesideFile,
  sendCommand,
  targetOf,
  tokenManagerFor,
  variablesOf,
} from './sendCommand';

const SEND_OPTIONS = Object.fromEntries(
  Object.entries(sendCommand.options).filter(([name]) => name !== 'name' && name !== 'line'),
);

/** `knox test`: the `??` assertions of `.http` files as a test suite, for CI. */
export const testCommand: CliCommand = {
  name: 'test',
  summary: 'Run the ?? assertions of .http files as a test suite (JUnit XML for CI).',
  usage:
    'test FILE.http... [--base URL | --region us|eu | --sandbox] [credentials as for send] [--junit FILE] [--bail]',
  description:
    'Sends the requests of each .http file in order, as knox send does (variables, .env beside the file, {{name.response.body.$.id}} from earlier requests of the file), and checks each request\'s ?? assertions: status, header NAME, body [$.path], duration and knox code with == != < <= > >= includes matches exists. Prints a line per request with assertions and a closing line "N passed, N failed". Exits 0 when every test passes, 1 when one fails, 2 on a usage error or a malformed assertion (found before anything is sent). --sandbox starts the local Knox sandbox on a free port and uses its demo credentials (the client identifier of each service), then stops it: a CI job needs no Samsung account.',
  options: {
    ...SEND_OPTIONS,
    sandbox: {
      type: 'boolean',
      description:
        'Run against a local sandbox started on a free port with its demo credentials, stopped at the end.',
    },
    junit: {
      type: 'string',
      placeholder: 'FILE',
      description: 'Also write the results as JUnit XML to FILE (CI test reports).',
    },
    bail: { type: 'boolean', description: 'Stop at the first failing test.' },
  },
  positionals: { names: ['FILE.http...'], required: 1, variadic: true },
  examples: [
    'knox test --sandbox examples/*.http --junit test-results.xml',
    'knox test devices.http --keys keys.json --client-id-file kme-client-id.txt --region eu',
  ],
  async run(args, context) {
    const paths = args.positionals;
    const suites = await readSuites(paths, context);
    const useSandbox = args.values.sandbox === true;
    if (useSandbox) refuseWithSandbox(args);
    const junit = stringOption(args, 'junit');
    let sandbox: Sandbox | undefined;
    let sandboxDir: string | undefined;
    const managers = new Map<string, TokenManager>();
    const outcomes: { readonly path: string; readonly outcome: HttpTestOutcome }[] = [];
    const started = context.io.now();
    try {
      let target: ProfileTarget;
      let credentials: Credentials | undefined;
      if (useSandbox) {
        sandboxDir = await mkdtemp(join(tmpdir(), 'knox-test-sandbox-'));
        sandbox = await startSandbox({ port: 0, dir: sandboxDir, now: context.io.now });
        context.note(`sandbox started at ${sandbox.url}`);
        target = { kind: 'custom', baseUrl: sandbox.url };
        credentials = await sandboxCredentials(sandbox, target, args, context);
      } else {
        target = targetOf(args);
        credentials = await credentialsOf(args, context, target);
      }
      const environment = variablesOf(args);
      const tenantId = stringOption(args, 'tenant');
      const profile = cliProfile(target, credentials, tenantId, context.io.now());
      const tokensFor = (built: BuiltRequest): TokenManager | undefined => {
        if (credentials === undefined) return undefined;
        const key = `${built.hint?.service ?? ''} ${built.hint?.scopes[0]?.name ?? ''}`;
        let manager = managers.get(key);
        if (!manager) {
          manager = tokenManagerFor(credentials, built, tenantId, context);
          managers.set(key, manager);
        }
        return manager;
      };
      for (const { path, file } of suites) {
        const folder = dirname(resolve(context.io.cwd, path));
        const dotenv = await dotEnvBeside(folder);
        const shown = displayPath(path, context);
        let failed = false;
        await runHttpTests(
          {
            file,
            bail: args.values.bail === true,
            prepare: () => ({
              profile,
              sources: { environment, dotenv, processEnv: context.io.env, now: context.io.now },
              readBodyFile: readBesideFile(folder),
              tokensFor,
            }),
          },
          {
            ...callOptions(args, context),
            now: context.io.now,
            onToken: (token) => context.redactor.remember(token.value),
            onOutcome: (outcome) => {
              outcomes.push({ path: shown, outcome });
              failed ||= !outcome.passed;
              if (!context.json) context.io.stdout(`${testLine(shown, outcome, context)}\n`);
            },
          },
        );
        if (failed && args.values.bail === true) break;
      }
    } finally {
      for (const manager of managers.values()) manager.dispose();
      if (sandbox) await sandbox.close();
      if (sandboxDir) await rm(sandboxDir, { recursive: true, force: true });
    }
    const passed = outcomes.filter((o) => o.outcome.passed).length;
    const failed = outcomes.length - passed;
    if (junit !== undefined) {
      const xml = toJUnitXml(outcomes, context.io.now() - started);
      await writeFile(resolve(context.io.cwd, junit), context.redactor.redact(xml));
    }
    if (outcomes.length === 0) context.warn('no request with ?? assertions was found.');
    return {
      text: `${passed} passed, ${failed} failed`,
      json: {
        passed,
        failed,
        tests: outcomes.map(({ path, outcome }) => ({
          file: path,
          line: outcome.request.line + 1,
          name: outcome.label,
          passed: outcome.passed,
          status: outcome.status,
          ...(outcome.error === undefined ? {} : { error: outcome.error }),
          failures: outcome.assertions
            .filter((a) => !a.passed)
            .map((a) => ({
              line: a.assertion.line + 1,
              message: a.message,
              expected: a.expected,
              actual: a.actual,
            })),
        })),
      },
      exitCode: failed > 0 ? 1 : 0,
    };
  },
};

async function readSuites(
  paths: readonly string[],
  context: CliContext,
): Promise<{ readonly path: string; readonly file: HttpFile }[]> {
  const suites: { path: string; file: HttpFile }[] = [];
  const problems: string[] = [];
  for (const path of await expandFolders(paths, context)) {
    if (path === '-') {
      throw new KnoxToolError(
        'INVALID_INPUT',
        'knox test reads .http files, not stdin; name the files.',
      );
    }
    const file = parseHttpFile(
      await readInputFile(path, 'the .http file', context, FILE_LIMITS.httpFile),
    );
    for (const d of file.diagnostics) {
      if (d.severity === 'error')
        problems.push(`${displayPath(path, context)}:${d.line + 1}: ${d.message}`);
    }
    suites.push({ path, file });
  }
  const [first] = problems;
  if (first !== undefined) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new KnoxToolError(
      'HTTP_FILE_SYNTAX',
      `${first}${more} Nothing was sent; fix it and run again.`,
    );
  }
  return suites;
}

// A folder stands for its .http and .rest files (not its subfolders), in name order.
async function expandFolders(paths: readonly string[], context: CliContext): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const absolute = resolve(context.io.cwd, path);
    const isFolder = await stat(absolute).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isFolder) {
      files.push(path);
      continue;
    }
    const names = (await readdir(absolute)).filter((n) => /\.(?:http|rest)$/i.test(n)).sort();
    if (names.length === 0) {
      throw new KnoxToolError('INVALID_INPUT', `${path} holds no .http or .rest file.`);
    }
    files.push(...names.map((n) => join(path, n)));
  }
  return files;
}

function refuseWithSandbox(args: ParsedOptions): void {
  const clash = [
    'base',
    'region',
    'keys',
    'client-id',
    'client-id-file',
    'client-id-env',
    'client-secret',
    'client-secret-file',
    'client-secret-env',
  ].find((name) => args.values[name] !== undefined);
  if (clash !== undefined) {
    throw new KnoxToolError(
      'INVALID_INPUT',
      `--sandbox brings its own host and demo credentials; leave out --${clash}.`,
    );
  }
}

// The sandbox issues a client identifier per service, as the portal does; each request gets
// the one of its endpoint's service.
async function sandboxCredentials(
  sandbox: Sandbox,
  target: ProfileTarget,
  args: ParsedOptions,
  context: CliContext,
): Promise<Credentials> {
  const { keysFile, clientIdentifierFiles } = sandbox.credentials;
  const key = await readKeyFile(keysFile);
  const identifiers = new Map<string, string>();
  for (const [service, file] of Object.entries(clientIdentifierFiles)) {
    const value = (
      await readBoundedText(file, { maxBytes: FILE_LIMITS.secret, what: 'a client identifier' })
    ).trim();
    context.redactor.remember(value);
    identifiers.set(service, value);
  }
  const timing = callOptions(args, context);
  return {
    scheme: 'legacy',
    mint: (built) => {
      const service = built.hint?.service;
      const clientIdentifier =
        identifiers.get(service !== undefined && isSandboxService(service) ? service : 'kme') ?? '';
      return legacyTokenMint({
        ...timing,
        now: context.io.now,
        baseUrl: apiBaseUrl(target),
        key,
        clientIdentifier,
      });
    },
  };
}

function testLine(path: string, outcome: HttpTestOutcome, context: CliContext): string {
  const where = `${path}:${outcome.request.line + 1}`;
  const status =
    outcome.status === undefined
      ? ''
      : ` (${outcome.status}, ${formatDuration(outcome.durationMs)})`;
  if (outcome.passed) return `PASS ${where} ${outcome.label}${status}`;
  const why =
    outcome.error ??
    outcome.assertions
      .filter((a) => !a.passed)
      .map((a) => `line ${a.assertion.line + 1}: ${a.message}`)
      .join('; ');
  return context.redactor.redact(`FAIL ${where} ${outcome.label}${status}: ${why}`);
}

function displayPath(path: string, context: CliContext): string {
  const shown = relative(context.io.cwd, resolve(context.io.cwd, path));
  return shown.startsWith('..') ? path : shown;
}
