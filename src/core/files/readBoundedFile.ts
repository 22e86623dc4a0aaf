import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { KnoxToolError } from '../toolError';
import type { KnoxToolErrorCode } from '../toolError';

/** What readBoundedFile needs beyond the path. */
export interface BoundedReadOptions {
  /** The most bytes the file may hold; a larger file is refused before it is read in full. */
  readonly maxBytes: number;
  /** What the file should hold, for messages: 'the key file', 'the .http file'. */
  readonly what: string;
  /** How the path is shown in messages; defaults to `path`. */
  readonly label?: string;
  /** The code of the error thrown; defaults to 'INVALID_INPUT'. */
  readonly code?: KnoxToolErrorCode;
}

/** The largest file of each kind the toolkit reads; each is far past any real one. */
export const FILE_LIMITS = {
  /** keys.json is about 2.3 KB. */
  keyFile: 1024 * 1024,
  /** Client identifiers, secrets and tokens are under 4 KB. */
  secret: 1024 * 1024,
  /** `.http` files, as `knox send` reads them. */
  httpFile: 4 * 1024 * 1024,
  /** `.env` files beside a `.http` file. */
  dotEnv: 1024 * 1024,
  /** `< ./file` request bodies. */
  bodyFile: 16 * 1024 * 1024,
} as const;

// O_NONBLOCK keeps open() of a FIFO from waiting for a writer; regular files ignore it.
// Windows has no such flag and no FIFOs to open by path.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a whole regular file, checking on the open handle that it is one (no FIFO, device or
 * folder) and that it holds at most `maxBytes`. Throws a one-line KnoxToolError naming the
 * path and the limit otherwise, or when the file cannot be opened.
 */
export async function readBoundedFile(path: string, options: BoundedReadOptions): Promise<Buffer> {
  const { maxBytes, what } = options;
  const label = options.label ?? path;
  const code = options.code ?? 'INVALID_INPUT';
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException | undefined)?.code;
    throw new KnoxToolError(
      code,
      `Cannot read ${what} from ${label}${reason ? ` (${reason})` : ''}. Check that the file exists and is readable.`,
      { cause: e },
    );
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      throw new KnoxToolError(
        code,
        `${label} is not a regular file (${kindOf(stat)}); give the path of a file holding ${what}.`,
      );
    }
    const tooLarge = (): KnoxToolError =>
      new KnoxToolError(
        code,
        `${label} is larger than ${formatBytes(maxBytes)}, the limit for ${what}; check the path.`,
      );
    if (stat.size > maxBytes) throw tooLarge();
    // The size can change between stat and read: read at most one byte past the limit.
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(stat.size, 0) + 64 * 1024));
    let filled = 0;
    for (;;) {
      if (filled === buffer.length) {
        if (filled > maxBytes) throw tooLarge();
        break;
      }
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > maxBytes) throw tooLarge();
    return buffer.subarray(0, filled);
  } catch (e) {
    if (e instanceof KnoxToolError) throw e;
    const reason = (e as NodeJS.ErrnoException | undefined)?.code;
    throw new KnoxToolError(
      code,
      `Cannot read ${what} from ${label}${reason ? ` (${reason})` : ''}. Check that it is a readable file.`,
      { cause: e },
    );
  } finally {
    await handle.close();
  }
}

/** `readBoundedFile` decoded as UTF-8 text, without a leading byte order mark. */
export async function readBoundedText(path: string, options: BoundedReadOptions): Promise<string> {
  return (await readBoundedFile(path, options)).toString('utf8').replace(/^\uFEFF/, '');
}

/** A byte count as people read it: 1 MB, 64 KB, 512 bytes. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

function kindOf(stat: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a pipe';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}
