import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository's folder: the nearest one above this (built) file that holds a package.json. */
export function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}
