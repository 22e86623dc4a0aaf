import { resolve } from 'node:path';
import type { Logger } from '../../core/log/logger';
import { startSandbox } from '../../sandbox/sandbox';
import type { CliCommand, CliContext } from '../cliCommand';
import { formatFields } from '../formatFields';
import { integerOption, stringOption } from '../parseOptions';

const DEFAULT_DIR = '.knox-sandbox';

/** `knox sandbox`: the local Knox emulator in the foreground until Ctrl+C or SIGTERM. */
export const sandboxCommand: CliCommand = {
  name: 'sandbox',
  summary: 'Run the local Knox sandbox (auth, OAuth, service APIs) until Ctrl+C.',
  usage: 'sandbox [--port N] [--dir DIR]',
  description: `Runs the local Knox Cloud emulator on 127.0.0.1 in the foreground, with demo credentials (a keys.json, a Client Identifier per service, an OAuth client, two Samsung Account clients) created in DIR on first start and reused afterwards (default ./${DEFAULT_DIR}). Point any command at it with --base URL. Ctrl+C or SIGTERM stops it cleanly. With --json: one line with url, keysFile, clientIdentifierFiles, oauthClientId, oauthClientSecretFile, samsungAccount and otherSamsungAccount, printed as soon as it listens.`,
  options: {
    port: {
      type: 'string',
      placeholder: 'N',
      description: 'Port on 127.0.0.1 (default 0: a free port, printed at start).',
    },
    dir: {
      type: 'string',
      placeholder: 'DIR',
      description: `Folder for the demo credentials (default ./${DEFAULT_DIR}).`,
    },
  },
  examples: ['knox sandbox --port 8780', 'knox sandbox --port 0 --json'],
  async run(args, context) {
    const port = integerOption(args, 'port', 0, 65535) ?? 0;
    const dir = resolve(context.io.cwd, stringOption(args, 'dir') ?? DEFAULT_DIR);
    const sandbox = await startSandbox({
      port,
      dir,
      now: context.io.now,
      logger: sandboxLogger(context),
    });
    const { credentials } = sandbox;
    if (context.json) {
      context.io.stdout(
        `${JSON.stringify({
          url: sandbox.url,
          dir,
          keysFile: credentials.keysFile,
          clientIdentifierFiles: credentials.clientIdentifierFiles,
          oauthClientId: credentials.oauthClientId,
          oauthClientSecretFile: credentials.oauthClientSecretFile,
          samsungAccount: credentials.samsungAccount,
          otherSamsungAccount: credentials.otherSamsungAccount,
          manifestFile: credentials.manifestFile,
        })}\n`,
      );
    } else {
      context.io.stdout(`${describeSandbox(sandbox.url, dir, credentials)}\n`);
    }
    await stopped(context.io.signal);
    await sandbox.close();
    context.io.stderr('knox: sandbox stopped.\n');
    return {};
  },
};

function describeSandbox(
  url: string,
  dir: string,
  credentials: Awaited<ReturnType<typeof startSandbox>>['credentials'],
): string {
  const identifiers = Object.entries(credentials.clientIdentifierFiles);
  const kme = credentials.clientIdentifierFiles.kme;
  return [
    `Knox sandbox running at ${url} (Ctrl+C stops it)`,
    '',
    `Demo credentials in ${dir} (they work only against the sandbox):`,
    formatFields(
      [
        ['keys file', credentials.keysFile],
        ...identifiers.map(([service, file]): readonly [string, string] => [
          `client identifier (${service})`,
          file,
        ]),
        ['OAuth client id', credentials.oauthClientId],
        ['OAuth client secret', credentials.oauthClientSecretFile],
        ...[credentials.samsungAccount, credentials.otherSamsungAccount].flatMap(
          (sa, i): Array<readonly [string, string]> => [
            [`Samsung Account client ${i + 1}`, `${sa.clientId} (ALIAS_ID ${sa.aliasId})`],
            [`Samsung Account client ${i + 1} secret`, sa.clientSecretFile],
          ],
        ),
      ],
      '  ',
    ),
    '',
    'Try:',
    `  knox token --keys ${credentials.keysFile} --client-id-file ${kme} --base ${url}`,
    `  knox oauth token --client-id ${credentials.oauthClientId} --client-secret-file ${credentials.oauthClientSecretFile} --scope kme --base ${url}`,
    `  AUT_1806: sign in at ${url}/accounts/${credentials.samsungAccount.aliasId}/signInGate with client 1, then POST the code to ${url}/auth/oauth2/token with client 2's id and secret`,
    `VS Code uses this sandbox when started with KNOX_SANDBOX_URL=${url} KNOX_SANDBOX_DIR=${dir}`,
  ].join('\n');
}

// The sandbox logs each request at debug level: worth seeing in the foreground, except in
// --json mode, where only --debug shows it. Everything goes through the redacting stderr.
function sandboxLogger(context: CliContext): Logger {
  const line = (text: string): void => context.io.stderr(`${context.redactor.redact(text)}\n`);
  const showRequests = !context.json;
  return {
    trace: (m) => context.debug(m),
    debug: (m) => (showRequests ? line(m) : context.debug(m)),
    info: (m) => (showRequests ? line(m) : context.debug(m)),
    warn: (m) => line(`knox: warning: ${m}`),
    error: (m) => line(`knox: ${m}`),
  };
}

function stopped(signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (signal.aborted) done();
    else signal.addEventListener('abort', () => done(), { once: true });
  });
}
