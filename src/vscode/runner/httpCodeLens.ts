import * as vscode from 'vscode';
import type { Credential } from '../../core/credentials/credential';
import { credentialKey } from '../../core/credentials/credential';
import type { HttpRequest } from '../../core/httpFile/httpFile';
import { knoxSettingsFor } from '../../core/httpFile/httpFile';
import type { Profile } from '../../core/profiles/profile';
import { scopeHintFor } from '../../core/runner/scopeHint';
import { tokenLabel } from '../../core/runner/tokenLabel';
import { commandOf } from '../registerCommand';
import { Commands, Settings } from '../ids';
import type { KnoxLog } from '../log';
import { describeError } from '../log';
import type { ProfileService } from '../profiles/profileService';
import type { TokenService } from '../tokens/tokenService';
import type { HttpDocuments } from './httpDocuments';
import { HTTP_SELECTOR } from './httpDocuments';

export interface HttpCodeLensDeps {
  readonly documents: HttpDocuments;
  readonly profiles: ProfileService;
  readonly tokens: TokenService;
  readonly log: KnoxLog;
  readonly now?: () => number;
  /** How often the token countdown is refreshed. */
  readonly tickMs?: number;
  /** Registers the provider; the entry module's lazy registration when given. */
  readonly register?: (provider: vscode.CodeLensProvider) => vscode.Disposable;
}

/** The title of the send lens; distinct from REST Client's and httpYac's "Send Request". */
export const SEND_LENS_TITLE = 'Knox: Send Request';

/** The lens naming the profile a request will use, and where that choice comes from. */
function profileLens(profile: Profile | undefined, named: string | undefined): vscode.Command {
  if (!profile) {
    return {
      ...commandOf(`profile "${named ?? ''}" not found`, Commands.addProfile),
      tooltip: `# @knox profile=${named ?? ''} names no Knox profile. Fix the name or add the profile.`,
    };
  }
  return {
    title: `profile: ${profile.name}`,
    tooltip:
      named === undefined
        ? 'The active Knox profile: no # @knox profile= line applies to this request.'
        : `Chosen by # @knox profile=${named}.`,
    command: '',
  };
}

/**
 * Above each request: "Knox: Send Request", the narrowest scope its endpoint needs, and the
 * state of the token it would use. Never throws to VS Code.
 */
export class HttpCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly deps: HttpCodeLensDeps) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    try {
      if (!vscode.workspace.getConfiguration().get<boolean>(Settings.codeLensEnabled, true))
        return [];
      const file = this.deps.documents.parse(document);
      const now = (this.deps.now ?? Date.now)();
      return file.requests.flatMap((request) => {
        const range = new vscode.Range(request.line, 0, request.line, 0);
        const lenses = [
          new vscode.CodeLens(
            range,
            commandOf(SEND_LENS_TITLE, Commands.sendRequest, {
              uri: document.uri.toString(),
              line: request.line,
            }),
          ),
        ];
        const hint = scopeHintFor(request.method, request.url);
        const narrowest = hint?.scopes[0];
        if (narrowest) {
          lenses.push(
            new vscode.CodeLens(range, {
              title: `scope: ${narrowest.name}`,
              tooltip: narrowest.description,
              command: '',
            }),
          );
        }
        if (!hint?.authEndpoint) {
          const profile = this.deps.documents.tryProfileFor(file, request);
          const named = knoxSettingsFor(file, request)?.profile;
          if (profile || named !== undefined)
            lenses.push(new vscode.CodeLens(range, profileLens(profile, named)));
          lenses.push(new vscode.CodeLens(range, this.tokenCommand(profile, request, now)));
        }
        return lenses;
      });
    } catch (e) {
      this.deps.log.error(`Knox CodeLens failed: ${describeError(e)}`);
      return [];
    }
  }

  dispose(): void {
    this.changed.dispose();
  }

  private tokenCommand(
    profile: Profile | undefined,
    request: HttpRequest,
    now: number,
  ): vscode.Command {
    if (!profile) {
      return {
        ...commandOf('no profile', Commands.addProfile),
        tooltip: 'Add a Knox profile to attach a token.',
      };
    }
    const service = scopeHintFor(request.method, request.url)?.service;
    let credential: Credential;
    try {
      credential = this.deps.tokens.credentialFor(
        profile,
        service === 'oauth' ? undefined : service,
      );
    } catch (e) {
      return {
        ...(profile.scheme === 'oauth'
          ? commandOf('no OAuth app', Commands.setUpOAuthApp, { profileId: profile.id })
          : commandOf(
              `no client identifier for ${service?.toUpperCase() ?? 'this service'}`,
              Commands.addClientIdentifier,
              { profileId: profile.id },
            )),
        tooltip: e instanceof Error ? e.message : String(e),
      };
    }
    const info = this.deps.tokens
      .tokens(profile.id)
      .find((t) => t.credential === credentialKey(credential));
    return {
      ...commandOf(tokenLabel(info, now), Commands.generateAccessToken, {
        profileId: profile.id,
        credential: credentialKey(credential),
      }),
      tooltip: `Profile "${profile.name}": ${info ? info.label : 'no token yet'}. Click to get a new token.`,
    };
  }
}

/** Registers the CodeLens provider, refreshed on token, profile and setting changes. */
export function registerHttpCodeLens(deps: HttpCodeLensDeps): vscode.Disposable {
  const provider = new HttpCodeLensProvider(deps);
  const timer = setInterval(() => {
    if (
      vscode.window.visibleTextEditors.some(
        (e) => vscode.languages.match(HTTP_SELECTOR, e.document) > 0,
      )
    ) {
      provider.refresh();
    }
  }, deps.tickMs ?? 30_000);
  return vscode.Disposable.from(
    provider,
    (deps.register ?? ((p) => vscode.languages.registerCodeLensProvider(HTTP_SELECTOR, p)))(
      provider,
    ),
    deps.tokens.onDidChangeTokens(() => provider.refresh()),
    deps.profiles.onDidChange(() => provider.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(Settings.codeLensEnabled)) provider.refresh();
    }),
    { dispose: () => clearInterval(timer) },
  );
}
