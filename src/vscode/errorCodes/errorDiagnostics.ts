import * as vscode from 'vscode';
import { DOC_URLS } from '../../core/catalogs/docUrls';
import { diagnoseKnoxBody } from '../../core/knoxErrors/diagnoseKnoxBody';
import type { KnoxBodyDiagnosis } from '../../core/knoxErrors/diagnoseKnoxBody';
import type { KnoxLog } from '../log';
import { describeError } from '../log';
import { DIAGNOSTIC_SOURCE, createErrorCodeActionProvider } from './errorActions';

/** The URI scheme of the request runner's response documents. */
export const RESPONSE_SCHEME = 'knox-response';

/** The documents whose Knox error bodies are diagnosed: JSON, JSONC and response views. */
export const KNOX_BODY_SELECTOR: vscode.DocumentSelector = [
  { language: 'json' },
  { language: 'jsonc' },
  { scheme: RESPONSE_SCHEME },
];

/** What the request runner knows about the response a document shows. */
export interface ResponseInfo {
  readonly status: number;
  readonly contentType?: string;
}

/** The diagnostics feature, as the request runner sees it. */
export interface KnoxBodyDiagnostics extends vscode.Disposable {
  /**
   * Diagnoses the response document at `uri` with its HTTP status (now if it is open, else
   * when it opens) and returns what it found.
   */
  diagnoseResponse(uri: vscode.Uri, response: ResponseInfo): KnoxBodyDiagnosis | undefined;
}

export interface ErrorDiagnosticsDeps {
  readonly log: KnoxLog;
  /** Quiet time after the last edit before a document is diagnosed again. */
  readonly debounceMs?: number;
}

// Larger documents are not error bodies worth scanning on every edit.
const MAX_DOCUMENT_CHARS = 20_000_000;

/** A Diagnostic for a diagnosis in a document: on the code, linked to its documentation. */
export function knoxBodyDiagnostic(
  diagnosis: KnoxBodyDiagnosis,
  positionAt: (offset: number) => vscode.Position,
): vscode.Diagnostic {
  const range = new vscode.Range(positionAt(diagnosis.start), positionAt(diagnosis.end));
  const severity =
    diagnosis.severity === 'error'
      ? vscode.DiagnosticSeverity.Error
      : vscode.DiagnosticSeverity.Warning;
  const d = new vscode.Diagnostic(range, diagnosis.message, severity);
  d.source = DIAGNOSTIC_SOURCE;
  const { error } = diagnosis;
  d.code = {
    value: error.code ?? String(diagnosis.status ?? error.status),
    target: vscode.Uri.parse(error.entry?.docUrl ?? DOC_URLS.troubleshooting),
  };
  return d;
}

// State: the collection, pending debounce timers, response statuses and the last diagnoses.
class ErrorDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('knox');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly responses = new Map<string, ResponseInfo>();
  private readonly diagnoses = new Map<
    string,
    { range: vscode.Range; diagnosis: KnoxBodyDiagnosis }
  >();

  constructor(private readonly deps: ErrorDiagnosticsDeps) {}

  update(document: vscode.TextDocument): KnoxBodyDiagnosis | undefined {
    const key = document.uri.toString();
    this.cancel(key);
    try {
      const diagnosis = this.diagnose(document);
      if (diagnosis === undefined) {
        this.forget(document.uri);
        return undefined;
      }
      const diagnostic = knoxBodyDiagnostic(diagnosis, (offset) => document.positionAt(offset));
      this.collection.set(document.uri, [diagnostic]);
      this.diagnoses.set(key, { range: diagnostic.range, diagnosis });
      return diagnosis;
    } catch (e) {
      this.deps.log.error(
        `Knox diagnostics failed for a ${document.languageId} document: ${describeError(e)}`,
      );
      this.forget(document.uri);
      return undefined;
    }
  }

  schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.cancel(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!document.isClosed) this.update(document);
      }, this.deps.debounceMs ?? 300),
    );
  }

  close(uri: vscode.Uri): void {
    const key = uri.toString();
    this.cancel(key);
    this.responses.delete(key);
    this.forget(uri);
  }

  diagnoseResponse(uri: vscode.Uri, response: ResponseInfo): KnoxBodyDiagnosis | undefined {
    this.responses.set(uri.toString(), response);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    return open === undefined ? undefined : this.update(open);
  }

  diagnosisAt(uri: vscode.Uri, range: vscode.Range): KnoxBodyDiagnosis | undefined {
    const found = this.diagnoses.get(uri.toString());
    return found !== undefined && found.range.intersection(range) !== undefined
      ? found.diagnosis
      : undefined;
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.responses.clear();
    this.diagnoses.clear();
    this.collection.dispose();
  }

  private diagnose(document: vscode.TextDocument): KnoxBodyDiagnosis | undefined {
    if (vscode.languages.match(KNOX_BODY_SELECTOR, document) === 0) return undefined;
    const response = this.responses.get(document.uri.toString());
    const text = document.getText();
    // Response views are diagnosed whatever their size; files on disk only up to a limit.
    if (response === undefined && text.length > MAX_DOCUMENT_CHARS) return undefined;
    return diagnoseKnoxBody(text, response ?? {});
  }

  private cancel(key: string): void {
    const timer = this.timers.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(key);
  }

  private forget(uri: vscode.Uri): void {
    this.collection.delete(uri);
    this.diagnoses.delete(uri.toString());
  }
}

/**
 * Diagnoses Knox error bodies in JSON, JSONC and response documents (on open, after edits,
 * cleared on close) and offers quick fixes on them. The result also serves the request runner.
 */
export function registerErrorDiagnostics(deps: ErrorDiagnosticsDeps): KnoxBodyDiagnostics {
  const state = new ErrorDiagnostics(deps);
  const subscriptions = vscode.Disposable.from(
    state,
    vscode.workspace.onDidOpenTextDocument((d) => state.update(d)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) state.schedule(e.document);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => state.close(d.uri)),
    vscode.languages.registerCodeActionsProvider(
      KNOX_BODY_SELECTOR,
      createErrorCodeActionProvider({
        log: deps.log,
        diagnosisAt: (uri, range) => state.diagnosisAt(uri, range),
      }),
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
  );
  for (const document of vscode.workspace.textDocuments) state.update(document);
  return {
    diagnoseResponse: (uri, response) => state.diagnoseResponse(uri, response),
    dispose: () => {
      subscriptions.dispose();
    },
  };
}
