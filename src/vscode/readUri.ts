import * as vscode from 'vscode';
import { KnoxToolError } from '../core/toolError';
import type { BoundedReadOptions } from '../core/files/readBoundedFile';
import { formatBytes, readBoundedFile } from '../core/files/readBoundedFile';

/**
 * readBoundedFile for any URI: `file:` URIs go through the core helper (regular file checked on
 * the open handle); other file systems are checked with stat before and the length after.
 */
export async function readBoundedUri(
  uri: vscode.Uri,
  options: BoundedReadOptions,
): Promise<Uint8Array> {
  if (uri.scheme === 'file') return readBoundedFile(uri.fsPath, options);
  const label = options.label ?? uri.path;
  const code = options.code ?? 'INVALID_INPUT';
  const tooLarge = new KnoxToolError(
    code,
    `${label} is larger than ${formatBytes(options.maxBytes)}, the limit for ${options.what}; check the path.`,
  );
  let bytes: Uint8Array;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if ((stat.type & vscode.FileType.File) === 0) {
      throw new KnoxToolError(
        code,
        `${label} is not a regular file; give the path of a file holding ${options.what}.`,
      );
    }
    if (stat.size > options.maxBytes) throw tooLarge;
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    if (e instanceof KnoxToolError) throw e;
    throw new KnoxToolError(
      code,
      `Cannot read ${options.what} from ${label}. Check that the file exists and is readable.`,
      { cause: e },
    );
  }
  if (bytes.length > options.maxBytes) throw tooLarge;
  return bytes;
}
