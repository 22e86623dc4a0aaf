import * as vscode from 'vscode';
import type { RequestTemplate } from '../../core/catalogs/requestTemplates';
import { REQUEST_TEMPLATES, templateFor, templateText } from '../../core/catalogs/requestTemplates';
import { SERVICES } from '../../core/catalogs/scopeCatalog';
import { KnoxToolError } from '../../core/toolError';
import { profileDirective, sampleRequestsText } from '../../core/runner/sampleRequests';
import type { ProfileArg } from '../pickers';
import type { CommandDeps } from '../registerCommand';
import { Cancelled, registerCommand } from '../registerCommand';
import { Commands } from '../ids';
import type { ProfileService } from '../profiles/profileService';
import { isHttpDocument } from './httpDocuments';

export interface RequestTemplateCommandDeps extends CommandDeps {
  readonly profiles: ProfileService;
}

/** `knox.newRequest`: an endpoint by method and catalog path, or pickers when absent. */
export interface NewRequestArg {
  readonly method?: string;
  readonly path?: string;
}

/** Where a request template or the samples went: the document and the request's line. */
export interface OpenedRequest {
  readonly uri: string;
  readonly line: number;
}

async function openHttpDocument(content: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'http', content });
  return vscode.window.showTextDocument(document);
}

async function pickTemplate(): Promise<RequestTemplate> {
  const service = await vscode.window.showQuickPick(
    SERVICES.filter((s) => REQUEST_TEMPLATES.some((t) => t.service === s.id)).map((s) => ({
      label: s.name,
      description: s.id.toUpperCase(),
      id: s.id,
    })),
    { title: 'Knox: New Request', placeHolder: 'Which Knox service?' },
  );
  if (!service) throw new Cancelled();
  const endpoint = await vscode.window.showQuickPick(
    REQUEST_TEMPLATES.filter((t) => t.service === service.id).map((t) => ({
      label: `${t.method} ${t.path}`,
      detail: t.summary,
      template: t,
    })),
    { title: `Knox: New Request (${service.label})`, placeHolder: 'Which endpoint?' },
  );
  if (!endpoint) throw new Cancelled();
  return endpoint.template;
}

/** Knox: Open Sample Requests and Knox: New Request..., both from the request templates. */
export function registerRequestTemplateCommands(
  deps: RequestTemplateCommandDeps,
): vscode.Disposable {
  const { profiles } = deps;
  return vscode.Disposable.from(
    registerCommand(deps, Commands.openSampleRequests, async (arg?: ProfileArg) => {
      const id = arg?.profile?.id ?? arg?.profileId;
      const profile = id ? profiles.require(id) : profiles.active();
      if (!profile) {
        throw new KnoxToolError(
          'NOT_FOUND',
          'There is no Knox profile yet. Run "Knox: Connect to Local Sandbox" or "Knox: Add Profile" first.',
        );
      }
      const editor = await openHttpDocument(sampleRequestsText(profile));
      const first = editor.document.getText().search(/^(GET|POST|PUT|DELETE|PATCH) /m);
      const at = editor.document.positionAt(Math.max(0, first));
      editor.selection = new vscode.Selection(at, at);
      editor.revealRange(new vscode.Range(at, at));
      return { uri: editor.document.uri.toString(), line: at.line };
    }),

    registerCommand(deps, Commands.newRequest, async (arg?: NewRequestArg) => {
      const template =
        arg?.method && arg.path ? templateFor(arg.method, arg.path) : await pickTemplate();
      if (!template) {
        throw new KnoxToolError(
          'NOT_FOUND',
          `There is no Knox endpoint ${arg?.method ?? ''} ${arg?.path ?? ''}. Run "Knox: New Request..." without arguments to pick one.`,
        );
      }
      const request = `### ${template.summary}\n${templateText(template)}\n`;
      const active = vscode.window.activeTextEditor;
      if (active && isHttpDocument(active.document)) {
        const document = active.document;
        const end = document.lineAt(document.lineCount - 1);
        const gap = end.text.trim() === '' ? '' : '\n\n';
        const at = end.range.end;
        await active.edit((edit) => edit.insert(at, `${gap}${request}`));
        const line = document.lineCount - request.split('\n').length + 1;
        const position = new vscode.Position(Math.max(0, line), 0);
        active.selection = new vscode.Selection(position, position);
        active.revealRange(new vscode.Range(position, position));
        return { uri: document.uri.toString(), line: position.line };
      }
      const profile = profiles.active();
      const header = profile ? `${profileDirective(profile.name)}\n\n` : '';
      const editor = await openHttpDocument(`${header}${request}`);
      const line = header ? 3 : 1;
      const position = new vscode.Position(line, 0);
      editor.selection = new vscode.Selection(position, position);
      return { uri: editor.document.uri.toString(), line };
    }),
  );
}
