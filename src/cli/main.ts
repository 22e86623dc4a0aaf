import { version } from '../../package.json';
import type { CliIo } from './cliIo';
import { EXIT } from './exitCode';
import { readBoundedStream } from './readBoundedStream';
import { runCli } from './runCli';

// Long enough for `knox sandbox` to close its server after Ctrl+C; a second Ctrl+C ends at once.
const FORCED_EXIT_MS = 5000;

async function main(): Promise<void> {
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupts++;
    if (interrupts > 1) process.exit(EXIT.interrupted);
    controller.abort(new Error(`Received ${signal}`));
    setTimeout(() => process.exit(EXIT.interrupted), FORCED_EXIT_MS).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // `knox token | head -c 10` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

  const io: CliIo = {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readStdin: (maxBytes, what) =>
      readBoundedStream(process.stdin, maxBytes, what, controller.signal),
    env: process.env,
    cwd: process.cwd(),
    now: Date.now,
    signal: controller.signal,
  };
  process.exitCode = await runCli(process.argv.slice(2), io, { version });
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}

void main();
