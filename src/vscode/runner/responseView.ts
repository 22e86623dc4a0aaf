import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { formatBody } from '../../core/runner/bodyPreview';
import { RESPONSE_SCHEME } from '../errorCodes/errorDiagnostics';
import type { ResponseInfo } from '../errorCodes/errorDiagnostics';
import { WebviewTypes } from '../ids';
import type { KnoxLog } from '../log';
import { describeError } from '../log';
import { renderResponseHtml, responseTitle } from '../../core/runner/responseHtml';
import type { ResponseContent } from '../../core/runner/responseHtml';
import { SizeBoundedMap } from '../../core/sizeBoundedMap';

export interface ResponseViewDeps {
  readonly extensionUri: vscode.Uri;
  readonly log: KnoxLog;
  /** Diagnoses a response document's Knox error (the error-code feature). */
  readonly diagnoseResponse?: (uri: vscode.Uri, response: ResponseInfo) => void;
}

interface StoredBody {
  readonly body: string;
  readonly contentType: string | undefined;
  readonly status: number;
}

/** How many full bodies are kept for "Open Full Body" (the newest ones). */
const KEPT_BODIES = 8;
/** Characters kept across those bodies; the newest is always kept (it is bounded by the read limit). */
const KEPT_CHARS = 64 * 1024 * 1024;

/**
 * The response panel (one webview, reused) and the `knox-response:` documents that hold full
 * bodies. Plain state: `registerResponseView` registers the document provider.
 */
export class ResponseView implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelSubscriptions: vscode.Disposable | undefined;
  private shown: ResponseContent | undefined;
  private readonly bodies = new SizeBoundedMap<string, StoredBody>({
    maxSize: KEPT_CHARS,
    maxEntries: KEPT_BODIES,
    sizeOf: (stored) => stored.body.length,
    keepOversized: true,
  });
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: ResponseViewDeps) {}

  /** What the panel shows now (for tests and "Send Again"). */
  current(): ResponseContent | undefined {
    return this.shown;
  }

  /** Keeps a body for `knox-response:` documents, dropping the oldest beyond a few. */
  keepBody(id: string, body: string, contentType: string | undefined, status: number): void {
    this.bodies.set(id, { body, contentType, status });
  }

  hasBody(id: string): boolean {
    return this.bodies.has(id);
  }

  /** The `knox-response:` URI of a kept body; its extension gives the document a language. */
  bodyUri(id: string): vscode.Uri {
    const stored = this.bodies.get(id);
    const language = stored ? formatBody('', stored.contentType).language : 'text';
    const extension = { json: 'json', xml: 'xml', html: 'html', text: 'txt' }[language];
    return vscode.Uri.from({ scheme: RESPONSE_SCHEME, path: `/${id}/response.${extension}` });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = uri.path.split('/')[1] ?? '';
    const stored = this.bodies.get(id);
    if (!stored) return 'This response is no longer kept. Send the request again to see it.';
    return formatBody(stored.body, stored.contentType).text;
  }

  /** Opens a kept body as a read-only document, where Knox error hovers and diagnostics apply. */
  async openBody(id: string): Promise<vscode.TextDocument> {
    const stored = this.bodies.get(id);
    const uri = this.bodyUri(id);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, {
      preview: true,
      viewColumn: vscode.ViewColumn.Beside,
    });
    if (stored) {
      this.deps.diagnoseResponse?.(uri, {
        status: stored.status,
        ...(stored.contentType === undefined ? {} : { contentType: stored.contentType }),
      });
    }
    return document;
  }

  /** Shows `content` in the panel, creating it beside the editor the first time. */
  show(content: ResponseContent): void {
    this.shown = content;
    const panel = this.ensurePanel();
    panel.title = responseTitle(content);
    panel.webview.html = renderResponseHtml(content, {
      cspSource: panel.webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      styleUri: panel.webview
        .asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'response.css'))
        .toString(),
    });
    if (!panel.visible) panel.reveal(vscode.ViewColumn.Beside, true);
  }

  dispose(): void {
    this.panelSubscriptions?.dispose();
    this.panel?.dispose();
    this.panel = undefined;
    this.changed.dispose();
    this.bodies.clear();
  }

  private ensurePanel(): vscode.WebviewPanel {
    if (this.panel) return this.panel;
    const panel = vscode.window.createWebviewPanel(
      WebviewTypes.response,
      'Knox Response',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        enableFindWidget: true,
        localResourceRoots: [vscode.Uri.joinPath(this.deps.extensionUri, 'media')],
      },
    );
    this.panelSubscriptions = vscode.Disposable.from(
      panel.webview.onDidReceiveMessage((message: unknown) => void this.onMessage(message)),
      panel.onDidDispose(() => {
        this.panelSubscriptions?.dispose();
        this.panelSubscriptions = undefined;
        this.panel = undefined;
      }),
    );
    this.panel = panel;
    return panel;
  }

  private async onMessage(message: unknown): Promise<void> {
    if (typeof message !== 'object' || message === null) return;
    const { type, index } = message as { type?: unknown; index?: unknown };
    if (type !== 'action' || typeof index !== 'number') return;
    const action = this.shown?.actions[index];
    if (!action) return;
    try {
      await vscode.commands.executeCommand(action.command, ...action.args);
    } catch (e) {
      this.deps.log.error(`response view action "${action.title}" failed: ${describeError(e)}`);
    }
  }
}

/** Serves `knox-response:` documents from the view's kept bodies. */
export function registerResponseView(view: ResponseView): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.workspace.registerTextDocumentContentProvider(RESPONSE_SCHEME, view),
    view,
  );
}
