import * as vscode from 'vscode';
import type { AuthScheme, ProfileTarget, Region } from '../../core/profiles/profile';
import { validateProfileName } from '../../core/profiles/profile';
import { SCHEME_CHOICES, baseUrlProblem, targetChoices } from '../../core/profiles/profileChoices';
import { resolveBaseUrl } from '../../core/auth/baseUrl';
import { Settings } from '../ids';
import { ask } from '../pickers';
import { Cancelled } from '../registerCommand';

/** Asks where a profile talks to: a region, or a custom base URL (starting from the current one). */
export async function pickTarget(current?: ProfileTarget): Promise<ProfileTarget> {
  const defaultRegion = vscode.workspace
    .getConfiguration()
    .get<Region>(Settings.defaultRegion, 'us');
  const picked = await vscode.window.showQuickPick(targetChoices(defaultRegion), {
    title: 'Where does this profile talk to?',
  });
  if (!picked) throw new Cancelled();
  if (picked.target) return picked.target;
  const value = await ask({
    title: 'Custom base URL',
    prompt: 'Base URL of the Knox API (scheme, host and optional path)',
    value: current?.kind === 'custom' ? current.baseUrl : 'http://127.0.0.1:',
    validateInput: baseUrlProblem,
  });
  return { kind: 'custom', baseUrl: resolveBaseUrl(value) };
}

/** Asks how a profile authenticates. */
export async function pickScheme(): Promise<AuthScheme> {
  const picked = await vscode.window.showQuickPick(SCHEME_CHOICES, {
    title: 'How does this profile authenticate?',
  });
  if (!picked) throw new Cancelled();
  return picked.scheme;
}

/** Asks for a profile name that none of `taken` has. */
export function askProfileName(
  taken: readonly string[],
  options: Omit<vscode.InputBoxOptions, 'validateInput'>,
): Promise<string> {
  return ask({ ...options, validateInput: (v) => validateProfileName(v, taken) });
}
