import * as vscode from 'vscode';
import type { Credential } from '../../core/credentials/credential';
import { clientIdentifierCredential, credentialKey } from '../../core/credentials/credential';
import { credentialNamed, credentialOffer } from '../../core/credentials/credentialChoice';
import { KnoxToolError } from '../../core/toolError';
import type { Profile } from '../../core/profiles/profile';
import type { MintedToken } from '../../core/tokens/tokenManager';
import { tokenReport } from '../../core/tokens/tokenReport';
import { formatTimeLeft } from '../../core/tokens/tokenStatus';
import { Commands, StateKeys } from '../ids';
import type { ProfileService } from '../profiles/profileService';
import type { TokenService } from './tokenService';
import type { ProfileArg } from '../pickers';
import { resolveProfile } from '../pickers';
import { offerToGenerate } from './offerToGenerate';
import type { CommandDeps } from '../registerCommand';
import { Cancelled, registerCommand } from '../registerCommand';

export interface TokenCommandDeps extends CommandDeps {
  readonly profiles: ProfileService;
  readonly tokens: TokenService;
  readonly globalState: vscode.Memento;
}

export interface TokenArg extends ProfileArg {
  /** A client identifier id or alias, or 'oauth'. */
  readonly credential?: string;
  readonly clientIdentifier?: { readonly id: string };
  readonly token?: { readonly credential: string };
  /** Skip the one-time clipboard warning (tests, scripts). */
  readonly acknowledged?: boolean;
}

/** What "Generate Access Token" returns. */
export interface GeneratedToken {
  readonly expiresAt: number;
  readonly kind: string;
}

/** The header a token goes in, for "Copy as Header" and the request runner. */
export function tokenHeader(profile: Profile, token: MintedToken): { name: string; value: string } {
  return token.kind === 'oauth'
    ? { name: 'Authorization', value: token.value }
    : { name: 'x-knox-apitoken', value: token.value };
}

async function pickCredential(
  deps: TokenCommandDeps,
  profile: Profile,
  arg: TokenArg | undefined,
  options: { readonly withTokenOnly?: boolean } = {},
): Promise<Credential> {
  const given = arg?.token?.credential ?? arg?.clientIdentifier?.id ?? arg?.credential;
  if (given) return credentialNamed(profile, given);
  const held = new Set(deps.tokens.tokens(profile.id).map((t) => t.credential));
  const offer = credentialOffer(profile, held, options.withTokenOnly);
  if (offer.kind === 'default') return deps.tokens.credentialFor(profile);
  if (offer.kind === 'only') return offer.credential;
  const picked = await vscode.window.showQuickPick(offer.choices, {
    title: 'Which client identifier?',
  });
  if (!picked) throw new Cancelled();
  return clientIdentifierCredential(picked.id);
}

async function clipboardWarning(
  deps: TokenCommandDeps,
  acknowledged: boolean | undefined,
): Promise<void> {
  if (acknowledged || deps.globalState.get<boolean>(StateKeys.clipboardWarned)) return;
  const choice = await vscode.window.showWarningMessage(
    'The clipboard will hold a secret: a Knox access token. Other applications can read the clipboard, and clipboard managers keep history.',
    { modal: true },
    'Copy',
  );
  if (choice !== 'Copy') throw new Cancelled();
  await deps.globalState.update(StateKeys.clipboardWarned, true);
}

async function withToken(
  deps: TokenCommandDeps,
  arg: TokenArg | undefined,
  purpose: string,
): Promise<{ profile: Profile; token: MintedToken }> {
  const profile = await resolveProfile(deps.profiles, arg, purpose);
  const credential = await pickCredential(deps, profile, arg);
  return { profile, token: await deps.tokens.get(profile.id, credential) };
}

/** "Generate Access Token": mints a new token now, cancellable from the notification. */
export async function generateAccessToken(
  deps: TokenCommandDeps,
  arg?: TokenArg,
): Promise<GeneratedToken> {
  const profile = await resolveProfile(deps.profiles, arg, 'Generate Access Token', {
    preferActive: true,
  });
  const credential = await pickCredential(deps, profile, arg);
  const token = await vscode.window.withProgress<MintedToken>(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Knox: getting an access token for "${profile.name}"…`,
      cancellable: true,
    },
    (_progress, cancellation) => {
      const controller = new AbortController();
      const sub = cancellation.onCancellationRequested(() => controller.abort());
      return deps.tokens.generate(profile.id, credential, controller.signal).finally(() => {
        sub.dispose();
      });
    },
  );
  void vscode.window.showInformationMessage(
    `Knox: new ${token.kind === 'oauth' ? 'OAuth bearer' : 'access'} token for "${profile.name}", valid for ${formatTimeLeft(token.expiresAt, Date.now())}.`,
  );
  return { expiresAt: token.expiresAt, kind: token.kind };
}

/** "Copy Access Token": the bare token, after the one-time clipboard warning. */
export async function copyAccessToken(deps: TokenCommandDeps, arg?: TokenArg): Promise<void> {
  await clipboardWarning(deps, arg?.acknowledged);
  const { token } = await withToken(deps, arg, 'Copy Access Token');
  await vscode.env.clipboard.writeText(
    token.kind === 'oauth' ? token.value.replace(/^Bearer\s+/i, '') : token.value,
  );
  void vscode.window.showInformationMessage(
    `Knox: token copied (valid for ${formatTimeLeft(token.expiresAt, Date.now())}).`,
  );
}

/** "Copy as Header": the token's header line, and the MSP tenant header when the profile has one. */
export async function copyAsHeader(deps: TokenCommandDeps, arg?: TokenArg): Promise<void> {
  await clipboardWarning(deps, arg?.acknowledged);
  const { profile, token } = await withToken(deps, arg, 'Copy as Header');
  const header = tokenHeader(profile, token);
  const lines = [`${header.name}: ${header.value}`];
  if (profile.tenantId) lines.push(`x-wsm-managed-tenantid: ${profile.tenantId}`);
  await vscode.env.clipboard.writeText(lines.join('\n'));
  void vscode.window.showInformationMessage(`Knox: "${header.name}" header copied.`);
}

/** "Clear Tokens" of a profile. */
export async function clearTokens(deps: TokenCommandDeps, arg?: ProfileArg): Promise<void> {
  const profile = await resolveProfile(deps.profiles, arg, 'Clear Tokens');
  await deps.tokens.clear(profile.id);
  deps.log.info(`tokens cleared for ${profile.name}`);
}

/** The read-only documents Inspect Token opens, by path. */
interface TokenReports {
  readonly texts: Map<string, string>;
  readonly changed: vscode.EventEmitter<vscode.Uri>;
}

/** "Inspect Token": opens a read-only report of a held token; gives its Markdown (undefined: none held). */
export async function inspectToken(
  deps: TokenCommandDeps,
  reports: TokenReports,
  arg?: TokenArg,
): Promise<string | undefined> {
  const { profiles } = deps;
  const profile = await resolveProfile(profiles, arg, 'Inspect Token', { preferActive: true });
  const named = arg?.token ?? arg?.clientIdentifier ?? arg?.credential;
  if (!named && deps.tokens.tokens(profile.id).length === 0) {
    offerToGenerate(`Knox: "${profile.name}" holds no token to inspect yet.`, profile.id);
    return undefined;
  }
  const credential = await pickCredential(deps, profile, arg, { withTokenOnly: true });
  const token = await deps.tokens.current(profile.id, credential);
  if (!token)
    throw new KnoxToolError(
      'NOT_FOUND',
      `Profile "${profile.name}" holds no token for that credential. Generate one with "Knox: Generate Access Token".`,
    );
  const report = await tokenReport(profile, token, {
    now: Date.now(),
    publicKey: async () => (await profiles.keyFile(profile.id)).publicKey,
  });
  // A read-only document: nothing to save, and it never asks on close.
  const uri = vscode.Uri.from({
    scheme: TOKEN_REPORT_SCHEME,
    path: `/${profile.id}/${credentialKey(credential)}/Token of ${profile.name}.md`,
  });
  reports.texts.set(uri.path, report);
  reports.changed.fire(uri);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: true });
  return report;
}

/** The scheme of Inspect Token's read-only reports. */
export const TOKEN_REPORT_SCHEME = 'knox-token';

/** Generate, copy, inspect and clear tokens. */
export function registerTokenCommands(deps: TokenCommandDeps): vscode.Disposable {
  const reports: TokenReports = { texts: new Map(), changed: new vscode.EventEmitter() };
  return vscode.Disposable.from(
    registerCommand(deps, Commands.generateAccessToken, (arg) => generateAccessToken(deps, arg)),
    registerCommand(deps, Commands.copyAccessToken, (arg) => copyAccessToken(deps, arg)),
    registerCommand(deps, Commands.copyAsHeader, (arg) => copyAsHeader(deps, arg)),
    registerCommand(deps, Commands.clearTokens, (arg) => clearTokens(deps, arg)),
    registerCommand(deps, Commands.inspectToken, (arg) => inspectToken(deps, reports, arg)),
    reports.changed,
    vscode.workspace.registerTextDocumentContentProvider(TOKEN_REPORT_SCHEME, {
      onDidChange: reports.changed.event,
      provideTextDocumentContent: (uri) =>
        reports.texts.get(uri.path) ?? 'This report is gone. Run "Knox: Inspect Token" again.',
    }),
  );
}
