import { formatBytes } from '../core/files/readBoundedFile';
import { KnoxToolError } from '../core/toolError';

/**
 * Reads a stream (standard input) to its end as UTF-8 text. Stops reading and throws
 * 'INVALID_INPUT' past `maxBytes`, and 'ABORTED' when `signal` aborts first.
 */
export function readBoundedStream(
  stream: NodeJS.ReadableStream,
  maxBytes: number,
  what: string,
  signal: AbortSignal,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const finish = (error?: KnoxToolError): void => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      signal.removeEventListener('abort', onAbort);
      stream.pause();
      if (error) reject(error);
      else
        resolve(
          Buffer.concat(chunks)
            .toString('utf8')
            .replace(/^\uFEFF/, ''),
        );
    };
    const onData = (chunk: Buffer | string): void => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += bytes.length;
      if (total > maxBytes) {
        finish(
          new KnoxToolError(
            'INVALID_INPUT',
            `Standard input is larger than ${formatBytes(maxBytes)}, the limit for ${what}; check what is piped in.`,
          ),
        );
        return;
      }
      chunks.push(bytes);
    };
    const onEnd = (): void => finish();
    const onError = (e: Error): void =>
      finish(
        new KnoxToolError('INVALID_INPUT', `Cannot read ${what} from standard input.`, {
          cause: e,
        }),
      );
    const onAbort = (): void =>
      finish(new KnoxToolError('ABORTED', `Stopped reading ${what} from standard input.`));
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.resume();
  });
}
