import * as vscode from 'vscode';
import type { Credential } from '../../core/credentials/credential';
import {
  clientIdentifierCredential,
  credentialKey,
  credentialOfKey,
} from '../../core/credentials/credential';
import { KnoxToolError } from '../../core/toolError';
import { serviceDisplayName } from '../../core/catalogs/scopeLookup';
import type { Profile } from '../../core/profiles/profile';
import { decodeJwt, describeJwtTimes, verifyJwtSignature } from '../../core/tokens/decodeJwt';
import type { MintedToken } from '../../core/tokens/tokenManager';
import { formatTimeLeft } from '../../core/tokens/tokenStatus';
import { Commands, StateKeys } from '../ids';
import type { ProfileService } from '../profiles/profileService';
import type { TokenService } from './tokenService';
import type { ProfileArg } from '../pickers';
import { resolveProfile } from '../pickers';
import type { CommandDeps } from '../registerCommand';
import { Cancelled, executeCommand, registerCommand } from '../registerCommand';

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
  if (given) {
    if (given === 'oauth' || given === 'samsungAccount') return credentialOfKey(given);
    const found = profile.clientIdentifiers.find(
      (c) => c.id === given || c.alias.toLowerCase() === given.toLowerCase(),
    );
    if (!found)
      throw new KnoxToolError(
        'NOT_FOUND',
        `Profile "${profile.name}" has no client identifier "${given}".`,
      );
    return clientIdentifierCredential(found.id);
  }
  const held = new Set(deps.tokens.tokens(profile.id).map((t) => t.credential));
  if (options.withTokenOnly && held.size === 0) {
    throw new KnoxToolError(
      'NOT_FOUND',
      `Profile "${profile.name}" holds no token yet. Generate one with "Knox: Generate Access Token" or send a request.`,
    );
  }
  const candidates = profile.clientIdentifiers.filter(
    (c) => !options.withTokenOnly || held.has(c.id),
  );
  if (profile.scheme === 'oauth' || candidates.length === 0)
    return deps.tokens.credentialFor(profile);
  const [only] = candidates;
  if (candidates.length === 1 && only) return clientIdentifierCredential(only.id);
  const picked = await vscode.window.showQuickPick(
    candidates.map((c) => ({
      label: c.alias,
      description: serviceDisplayName(c.service),
      detail: held.has(c.id) ? 'holds a token' : undefined,
      id: c.id,
    })),
    { title: 'Which client identifier?' },
  );
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

/** Generate, copy, inspect and clear tokens. */
export function registerTokenCommands(deps: TokenCommandDeps): vscode.Disposable {
  const { profiles, tokens } = deps;
  const withToken = async (
    arg: TokenArg | undefined,
    purpose: string,
  ): Promise<{ profile: Profile; token: MintedToken }> => {
    const profile = await resolveProfile(profiles, arg, purpose);
    const credential = await pickCredential(deps, profile, arg);
    return { profile, token: await tokens.get(profile.id, credential) };
  };

  const reports = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  return vscode.Disposable.from(
    registerCommand(deps, Commands.generateAccessToken, async (arg?: TokenArg) => {
      const profile = await resolveProfile(profiles, arg, 'Generate Access Token', {
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
          return tokens.generate(profile.id, credential, controller.signal).finally(() => {
            sub.dispose();
          });
        },
      );
      void vscode.window.showInformationMessage(
        `Knox: new ${token.kind === 'oauth' ? 'OAuth bearer' : 'access'} token for "${profile.name}", valid for ${formatTimeLeft(token.expiresAt, Date.now())}.`,
      );
      return { expiresAt: token.expiresAt, kind: token.kind };
    }),

    registerCommand(deps, Commands.copyAccessToken, async (arg?: TokenArg) => {
      await clipboardWarning(deps, arg?.acknowledged);
      const { token } = await withToken(arg, 'Copy Access Token');
      await vscode.env.clipboard.writeText(
        token.kind === 'oauth' ? token.value.replace(/^Bearer\s+/i, '') : token.value,
      );
      void vscode.window.showInformationMessage(
        `Knox: token copied (valid for ${formatTimeLeft(token.expiresAt, Date.now())}).`,
      );
    }),

    registerCommand(deps, Commands.copyAsHeader, async (arg?: TokenArg) => {
      await clipboardWarning(deps, arg?.acknowledged);
      const { profile, token } = await withToken(arg, 'Copy as Header');
      const header = tokenHeader(profile, token);
      const lines = [`${header.name}: ${header.value}`];
      if (profile.tenantId) lines.push(`x-wsm-managed-tenantid: ${profile.tenantId}`);
      await vscode.env.clipboard.writeText(lines.join('\n'));
      void vscode.window.showInformationMessage(`Knox: "${header.name}" header copied.`);
    }),

    registerCommand(deps, Commands.clearTokens, async (arg?: ProfileArg) => {
      const profile = await resolveProfile(profiles, arg, 'Clear Tokens');
      await tokens.clear(profile.id);
      deps.log.info(`tokens cleared for ${profile.name}`);
    }),

    registerCommand(deps, Commands.inspectToken, async (arg?: TokenArg) => {
      const profile = await resolveProfile(profiles, arg, 'Inspect Token', { preferActive: true });
      const named = arg?.token ?? arg?.clientIdentifier ?? arg?.credential;
      if (!named && tokens.tokens(profile.id).length === 0) {
        const generate = 'Generate Access Token';
        void vscode.window
          .showInformationMessage(
            `Knox: "${profile.name}" holds no token to inspect yet.`,
            generate,
          )
          .then((choice) => {
            if (choice === generate)
              void executeCommand(Commands.generateAccessToken, { profileId: profile.id });
          });
        return undefined;
      }
      const credential = await pickCredential(deps, profile, arg, { withTokenOnly: true });
      const token = await tokens.current(profile.id, credential);
      if (!token)
        throw new KnoxToolError(
          'NOT_FOUND',
          `Profile "${profile.name}" holds no token for that credential. Generate one with "Knox: Generate Access Token".`,
        );
      const report = await inspect(profiles, profile, token);
      // A read-only document: nothing to save, and it never asks on close.
      const uri = vscode.Uri.from({
        scheme: TOKEN_REPORT_SCHEME,
        path: `/${profile.id}/${credentialKey(credential)}/Token of ${profile.name}.md`,
      });
      reports.set(uri.path, report);
      changed.fire(uri);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { preview: true });
      return report;
    }),
    changed,
    vscode.workspace.registerTextDocumentContentProvider(TOKEN_REPORT_SCHEME, {
      onDidChange: changed.event,
      provideTextDocumentContent: (uri) =>
        reports.get(uri.path) ?? 'This report is gone. Run "Knox: Inspect Token" again.',
    }),
  );
}

/** The scheme of Inspect Token's read-only reports. */
export const TOKEN_REPORT_SCHEME = 'knox-token';

/** A Markdown report of a token: decoded header and claims (secrets elided), times, signature check. */
async function inspect(
  profiles: ProfileService,
  profile: Profile,
  token: MintedToken,
): Promise<string> {
  const now = Date.now();
  const lines = [
    `# Token of "${profile.name}"`,
    '',
    `- Kind: ${token.kind === 'oauth' ? 'Knox OAuth 2.0 bearer token' : 'signed Knox Cloud access token (x-knox-apitoken)'}`,
  ];
  lines.push(`- Issued: ${token.issuedAt ? new Date(token.issuedAt).toISOString() : 'unknown'}`);
  lines.push(
    `- Expires: ${new Date(token.expiresAt).toISOString()} (${formatTimeLeft(token.expiresAt, now)}${token.expiresAt > now ? ' left' : ''})`,
  );
  const raw = token.value.replace(/^Bearer\s+/i, '');
  if (raw.split('.').length !== 3) {
    lines.push('', 'The token is opaque (not a JWT): nothing more to decode.');
    return lines.join('\n');
  }
  const decoded = decodeJwt(raw);
  const claims: Record<string, unknown> = { ...decoded.claims };
  // The inner token and the client identifier are secrets of their own: show their presence only.
  for (const name of ['accessToken', 'clientIdentifier', 'sessionToken', 'delegatedSAToken']) {
    if (typeof claims[name] === 'string')
      claims[name] = `<${claims[name].length} characters, hidden>`;
  }
  const times = describeJwtTimes(decoded.claims, now);
  lines.push(
    '',
    '## Header',
    '',
    '```json',
    JSON.stringify(decoded.header, null, 2),
    '```',
    '',
    '## Claims',
    '',
    '```json',
    JSON.stringify(claims, null, 2),
    '```',
    '',
  );
  lines.push(
    `- iat: ${times.issuedAt?.toISOString() ?? 'none'}`,
    `- exp: ${times.expiresAt?.toISOString() ?? 'none'} (${times.expired ? 'expired' : 'valid'})`,
  );
  if (profile.keyFile) {
    const key = await profiles.keyFile(profile.id);
    const ok = await verifyJwtSignature(raw, key.publicKey);
    lines.push(
      `- Signature: ${ok ? 'verifies' : 'DOES NOT verify'} against the profile's key ${profile.keyFile.fingerprint.slice(0, 11)}…`,
    );
  }
  return lines.join('\n');
}
