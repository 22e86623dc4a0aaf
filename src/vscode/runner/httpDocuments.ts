import * as vscode from 'vscode';
import { KnoxToolError } from '../../core/toolError';
import { FILE_LIMITS } from '../../core/files/readBoundedFile';
import { MAX_DOTENV_BYTES, readDotEnvFiles } from '../../core/httpFile/dotEnv';
import { readBoundedUri } from '../readUri';
import type { HttpFile, HttpRequest } from '../../core/httpFile/httpFile';
import {
  knoxSettingsFor,
  parseHttpFile,
  requestAt,
  requestByName,
} from '../../core/httpFile/httpFile';
import type { Profile } from '../../core/profiles/profile';
import type { BuildSources } from '../../core/runner/buildRequest';
import { environmentVariables } from '../../core/runner/environment';
import { Settings } from '../ids';
import type { ProfileService } from '../profiles/profileService';

/**
 * `.http` and `.rest` files, by language id (REST Client and httpYac contribute `http` too) or
 * by file name when another extension maps them to a language of its own.
 */
export const HTTP_SELECTOR: vscode.DocumentSelector = [
  { language: 'http' },
  { pattern: '**/*.{http,rest}' },
];

/** How commands name a request: its document and its line or `# @name`. */
export interface RequestArg {
  readonly uri?: vscode.Uri | string;
  /** 0-based; any line of the request's block. */
  readonly line?: number;
  readonly name?: string;
  /** Send with this profile instead of the one the file names (the Knox Guard offer). */
  readonly profileId?: string;
}

/** A request located in its document. */
export interface LocatedRequest {
  readonly document: vscode.TextDocument;
  readonly file: HttpFile;
  readonly request: HttpRequest;
  /** The profile the command asked for, over the file's `# @knox profile=`. */
  readonly profileId?: string;
}

/** True for documents the runner serves. */
export function isHttpDocument(document: vscode.TextDocument): boolean {
  return vscode.languages.match(HTTP_SELECTOR, document) > 0;
}

/**
 * Parsed `.http` documents, cached by URI and version, and what resolving their variables
 * needs: the environment from settings and the `.env` files beside the file and at the root.
 */
export class HttpDocuments {
  private readonly parsed = new Map<string, { version: number; file: HttpFile }>();

  constructor(private readonly profiles: ProfileService) {}

  parse(document: vscode.TextDocument): HttpFile {
    const key = document.uri.toString();
    const cached = this.parsed.get(key);
    if (cached?.version === document.version) return cached.file;
    const file = parseHttpFile(document.getText());
    this.parsed.set(key, { version: document.version, file });
    return file;
  }

  forget(uri: vscode.Uri): void {
    this.parsed.delete(uri.toString());
  }

  /** The request a command means: by name, by line, else the one under the active cursor. */
  async locate(arg: RequestArg | undefined): Promise<LocatedRequest> {
    const editor = vscode.window.activeTextEditor;
    const uri =
      arg?.uri === undefined
        ? editor?.document.uri
        : typeof arg.uri === 'string'
          ? vscode.Uri.parse(arg.uri)
          : arg.uri;
    if (!uri) {
      throw new KnoxToolError(
        'NOT_FOUND',
        'There is no .http file to send from. Open one and put the cursor in a request.',
      );
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const file = this.parse(document);
    const line =
      arg?.line ??
      (arg?.name === undefined && editor?.document.uri.toString() === uri.toString()
        ? editor.selection.active.line
        : undefined);
    const request =
      arg?.name !== undefined
        ? requestByName(file, arg.name)
        : line !== undefined
          ? requestAt(file, line)
          : file.requests[0];
    if (!request) {
      const where = arg?.name !== undefined ? `named "${arg.name}"` : `at line ${(line ?? 0) + 1}`;
      throw new KnoxToolError(
        'NOT_FOUND',
        `There is no request ${where} in ${vscode.workspace.asRelativePath(uri)}. Put the cursor in a request (a line such as GET /kcs/v1/kme/devices/list).`,
      );
    }
    return { document, file, request, ...(arg?.profileId ? { profileId: arg.profileId } : {}) };
  }

  /** The profile a request uses: `# @knox profile=NAME`, else the active profile (or none). */
  profileFor(file: HttpFile, request: HttpRequest, profileId?: string): Profile | undefined {
    if (profileId !== undefined) return this.profiles.require(profileId);
    const name = knoxSettingsFor(file, request)?.profile;
    if (name === undefined) return this.profiles.active();
    const profile = this.profiles.find(name);
    if (!profile) {
      throw new KnoxToolError(
        'NOT_FOUND',
        `The request asks for Knox profile "${name}" (# @knox profile=${name}), and there is none. Fix the name or add the profile with "Knox: Add Profile".`,
      );
    }
    return profile;
  }

  /** Like `profileFor`, but undefined instead of an error for an unknown name (providers). */
  tryProfileFor(file: HttpFile, request: HttpRequest): Profile | undefined {
    try {
      return this.profileFor(file, request);
    } catch {
      return undefined;
    }
  }

  /** Variables from settings and `.env` files; `{{$processEnv}}` only in a trusted workspace. */
  async sources(document: vscode.TextDocument): Promise<BuildSources> {
    const config = vscode.workspace.getConfiguration();
    return {
      environment: environmentVariables(
        config.get<unknown>(Settings.environments),
        config.get<string>(Settings.activeEnvironment),
      ),
      dotenv: await this.dotenv(document.uri),
      processEnv: vscode.workspace.isTrusted ? process.env : {},
    };
  }

  /** Reads the bytes of a `< ./file` body relative to the document. */
  async readRelative(document: vscode.TextDocument, path: string): Promise<Uint8Array> {
    const target = /^(?:[A-Za-z]:[\\/]|\/)/.test(path)
      ? vscode.Uri.file(path)
      : vscode.Uri.joinPath(document.uri, '..', path);
    return readBoundedUri(target, {
      maxBytes: FILE_LIMITS.bodyFile,
      what: 'a request body',
      label: path,
    });
  }

  // `.env` at the workspace folder's root, then beside the file (which wins).
  private async dotenv(uri: vscode.Uri): Promise<Readonly<Record<string, string>>> {
    if (uri.scheme !== 'file') return {};
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const beside = vscode.Uri.joinPath(uri, '..', '.env');
    const candidates = folder ? [vscode.Uri.joinPath(folder.uri, '.env'), beside] : [beside];
    return readDotEnvFiles(
      candidates.map((c) => c.toString()),
      {
        size: async (location) => (await vscode.workspace.fs.stat(vscode.Uri.parse(location))).size,
        read: async (location) =>
          new TextDecoder().decode(
            await readBoundedUri(vscode.Uri.parse(location), {
              maxBytes: MAX_DOTENV_BYTES,
              what: 'variables',
            }),
          ),
      },
    );
  }
}
