// What `npm start` hands to VS Code: every folder, argument, setting and environment variable,
// computed from the repository root alone so that a test can check it without starting anything.
import { join } from 'node:path';

/** The stable loopback port of `npm start`'s VS Code in the browser (its origin keeps browser state). */
export const START_VSCODE_PORT = 39170;

export interface StartPlan {
  /** Everything `npm start` keeps across runs, inside the git-ignored `.cache/`. */
  readonly base: string;
  /** The sample folder VS Code opens; git is told not to look above `base` for a repository. */
  readonly workspace: string;
  /** Desktop VS Code's user data (profiles, global state) when `code` is used. */
  readonly desktopUserDataDir: string;
  /** Chromium's profile when `npm start` opens the browser itself. */
  readonly chromiumProfileDir: string;
  readonly port: number;
  /** User settings merged into settings.json on every start. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** Environment for VS Code's process: XDG folders under `base`, git bounded to `base`. */
  readonly env: Readonly<Record<string, string>>;
  /** Arguments for desktop `code`. */
  readonly desktopArgs: readonly string[];
}

/** Computes `npm start`'s folders, settings and child environment under `repoRoot/.cache/start`. */
export function startPlan(repoRoot: string, port = START_VSCODE_PORT): StartPlan {
  const base = join(repoRoot, '.cache', 'start');
  const workspace = join(base, 'samples');
  const desktopUserDataDir = join(base, 'desktop-user-data');
  return {
    base,
    workspace,
    desktopUserDataDir,
    chromiumProfileDir: join(base, 'chromium-profile'),
    port,
    settings: { 'git.openRepositoryInParentFolders': 'never' },
    env: {
      XDG_CONFIG_HOME: join(base, 'xdg', 'config'),
      XDG_DATA_HOME: join(base, 'xdg', 'data'),
      XDG_CACHE_HOME: join(base, 'xdg', 'cache'),
      XDG_STATE_HOME: join(base, 'xdg', 'state'),
      GIT_CEILING_DIRECTORIES: base,
    },
    desktopArgs: [
      '--new-window',
      `--user-data-dir=${desktopUserDataDir}`,
      `--extensionDevelopmentPath=${repoRoot}`,
      workspace,
    ],
  };
}
