import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

/**
 * The text of one of Samsung's pages kept beside the repository in shared/knox-docs. The
 * catalog tests parse them; without them the tests fail rather than pass vacuously.
 */
export function readKnoxDoc(name: string): string {
  const file = path.join(repoRoot(), '..', 'shared', 'knox-docs', name);
  if (!existsSync(file)) {
    throw new Error(
      `Samsung's page ${name} is missing: expected it at ${file} (the shared/knox-docs folder beside the repository). The catalog tests parse it to check every row is in the catalog.`,
    );
  }
  return readFileSync(file, 'utf8');
}
