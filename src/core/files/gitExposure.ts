import { lstat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isKnoxToolError } from '../toolError';
import { readBoundedFile, readBoundedText } from './readBoundedFile';
import { isIgnored, parseIgnoreFile } from './gitIgnore';
import type { IgnorePattern } from './gitIgnore';

/** Where git would pick up a file: its work tree and its path there. */
export interface GitExposure {
  /** The folder holding `.git`. */
  readonly workTree: string;
  /** The file's path in the work tree, '/'-separated. */
  readonly relativePath: string;
  /** True when the index already tracks it (so .gitignore cannot help). */
  readonly tracked: boolean;
}

/** What findGitExposure reads besides the repository; tests point it elsewhere. */
export interface GitExposureDeps {
  /** For ~/.gitconfig and ~/.config/git/ignore; defaults to os.homedir(). */
  readonly home?: string;
  /** XDG_CONFIG_HOME; defaults to the environment's. */
  readonly xdgConfigHome?: string | undefined;
}

const MAX_CONFIG_BYTES = 1024 * 1024;
const MAX_IGNORE_BYTES = 1024 * 1024;
// The index of a repository with a million files is about 100 MB; past this, assume tracked.
const MAX_INDEX_BYTES = 128 * 1024 * 1024;
const MAX_DEPTH = 256;

/**
 * Whether git would commit `file`: it is inside a work tree and tracked, or not ignored. Decided
 * by reading `.git`, the index and the ignore files, never by running git, so a repository's
 * configuration (core.fsmonitor, hooks) cannot run anything. Undefined when git would not.
 */
export async function findGitExposure(
  file: string,
  deps: GitExposureDeps = {},
): Promise<GitExposure | undefined> {
  const path = resolve(file);
  const repository = await findRepository(dirname(path));
  if (!repository) return undefined;
  const { workTree, gitDir, commonDir } = repository;
  const relativePath = relative(workTree, path).split(sep).join('/');
  if (
    relativePath === '' ||
    relativePath.startsWith('../') ||
    relativePath.split('/')[0] === '.git'
  )
    return undefined;

  const config = await readOptional(join(commonDir, 'config'), MAX_CONFIG_BYTES);
  const ignoreCase = configValue(config ?? '', 'core', 'ignorecase')?.toLowerCase() === 'true';
  const tracked = await isTracked(gitDir, relativePath, config ?? '', ignoreCase);
  if (tracked) return { workTree, relativePath, tracked: true };

  const patterns: IgnorePattern[] = [];
  const home = deps.home ?? homedir();
  const xdg = deps.xdgConfigHome ?? process.env.XDG_CONFIG_HOME;
  const xdgGit = join(xdg && isAbsolute(xdg) ? xdg : join(home, '.config'), 'git');
  let excludesFile = join(xdgGit, 'ignore');
  for (const text of [
    await readOptional(join(xdgGit, 'config'), MAX_CONFIG_BYTES),
    await readOptional(join(home, '.gitconfig'), MAX_CONFIG_BYTES),
    config,
  ]) {
    const value = configValue(text ?? '', 'core', 'excludesfile');
    if (value)
      excludesFile = value.startsWith('~/') ? join(home, value.slice(2)) : resolve(workTree, value);
  }
  const sources = [
    { path: excludesFile, base: '' },
    { path: join(commonDir, 'info', 'exclude'), base: '' },
  ];
  const folders = relativePath.split('/').slice(0, -1);
  for (let depth = 0; depth <= folders.length; depth++) {
    const base = folders.slice(0, depth).join('/');
    sources.push({ path: join(workTree, ...folders.slice(0, depth), '.gitignore'), base });
  }
  for (const source of sources) {
    const text = await readOptional(source.path, MAX_IGNORE_BYTES);
    if (text !== undefined) patterns.push(...parseIgnoreFile(text, source.base, ignoreCase));
  }
  return isIgnored(patterns, relativePath, ignoreCase)
    ? undefined
    : { workTree, relativePath, tracked: false };
}

async function findRepository(
  start: string,
): Promise<{ workTree: string; gitDir: string; commonDir: string } | undefined> {
  let folder = start;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const dotGit = join(folder, '.git');
    const stat = await lstat(dotGit).catch(() => undefined);
    if (stat?.isDirectory()) return { workTree: folder, gitDir: dotGit, commonDir: dotGit };
    if (stat?.isFile()) {
      // A worktree or submodule: ".git" is a file saying "gitdir: <path>".
      const text = await readOptional(dotGit, 64 * 1024);
      const target = /^gitdir:\s*(.+?)\s*$/m.exec(text ?? '')?.[1];
      if (target) {
        const gitDir = resolve(folder, target);
        const common = (await readOptional(join(gitDir, 'commondir'), 64 * 1024))?.trim();
        return { workTree: folder, gitDir, commonDir: common ? resolve(gitDir, common) : gitDir };
      }
    }
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
  return undefined;
}

async function readOptional(path: string, maxBytes: number): Promise<string | undefined> {
  try {
    return await readBoundedText(path, { maxBytes, what: 'git settings' });
  } catch {
    return undefined;
  }
}

// `[section]` then `key = value` lines; the last value wins, as in git.
function configValue(text: string, section: string, key: string): string | undefined {
  let inSection = false;
  let value: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[\s*([A-Za-z0-9.-]+)(?:\s+"[^"]*")?\s*\]/.exec(line);
    if (header) {
      inSection = header[1]!.toLowerCase() === section;
      continue;
    }
    if (!inSection) continue;
    const pair = /^\s*([A-Za-z][A-Za-z0-9-]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (pair && pair[1]!.toLowerCase() === key) value = pair[2]!.replace(/^"(.*)"$/, '$1');
  }
  return value;
}

// The index format: https://git-scm.com/docs/index-format. An index that cannot be read or
// parsed counts as tracking the file, so the user is still warned.
async function isTracked(
  gitDir: string,
  relativePath: string,
  config: string,
  ignoreCase: boolean,
): Promise<boolean> {
  let index: Buffer;
  try {
    index = await readBoundedFile(join(gitDir, 'index'), {
      maxBytes: MAX_INDEX_BYTES,
      what: 'the git index',
    });
  } catch (e) {
    const missing =
      isKnoxToolError(e) && (e.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
    return !missing;
  }
  const hashBytes =
    configValue(config, 'extensions', 'objectformat')?.toLowerCase() === 'sha256' ? 32 : 20;
  const names = indexPaths(index, hashBytes);
  if (!names) return true;
  const wanted = ignoreCase ? relativePath.toLowerCase() : relativePath;
  return names.some((name) => (ignoreCase ? name.toLowerCase() : name) === wanted);
}

function indexPaths(index: Buffer, hashBytes: number): string[] | undefined {
  if (index.length < 12 || index.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  const version = index.readUInt32BE(4);
  if (version < 2 || version > 4) return undefined;
  const count = index.readUInt32BE(8);
  const names: string[] = [];
  let offset = 12;
  let previous: Buffer = Buffer.alloc(0);
  for (let entry = 0; entry < count; entry++) {
    const start = offset;
    const flagsAt = start + 40 + hashBytes;
    if (flagsAt + 2 > index.length) return undefined;
    const flags = index.readUInt16BE(flagsAt);
    offset = flagsAt + 2 + (version >= 3 && (flags & 0x4000) !== 0 ? 2 : 0);
    let name: Buffer;
    if (version === 4) {
      let byte = index[offset++] ?? 0;
      let strip = byte & 0x7f;
      while (byte & 0x80) {
        byte = index[offset++] ?? 0;
        strip = ((strip + 1) << 7) | (byte & 0x7f);
      }
      const end = index.indexOf(0, offset);
      if (end < 0 || strip > previous.length) return undefined;
      name = Buffer.concat([
        previous.subarray(0, previous.length - strip),
        index.subarray(offset, end),
      ]);
      offset = end + 1;
    } else {
      const end = index.indexOf(0, offset);
      if (end < 0) return undefined;
      name = index.subarray(offset, end);
      // Entries are padded with 1 to 8 NULs to a multiple of 8 bytes.
      offset = start + Math.floor((end - start + 8) / 8) * 8;
    }
    names.push(name.toString('utf8'));
    previous = name;
  }
  return names;
}
