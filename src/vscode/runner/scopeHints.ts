import * as vscode from 'vscode';
import { oauthSupportFor } from '../../core/auth/oauthSupport';
import { serviceDisplayName } from '../../core/catalogs/scopeLookup';
import type { Profile } from '../../core/profiles/profile';
import { endpointSuggestions, scopeHintFor, scopeProblemFor } from '../../core/runner/scopeHint';
import type { ScopeHint } from '../../core/runner/scopeHint';
import type { KnoxLog } from '../log';
import { describeError } from '../log';
import type { HttpDocuments } from './httpDocuments';
import { HTTP_SELECTOR } from './httpDocuments';

export interface ScopeHintDeps {
  readonly documents: HttpDocuments;
  readonly log: KnoxLog;
}

const METHOD_THEN_URL = /^(\s*)(GET|POST|PUT|DELETE|PATCH)(\s+)(\S*)$/i;

/** The hover of a request line: service, the scopes that allow it and what each grants. */
export function scopeHintMarkdown(
  hint: ScopeHint,
  profile: Profile | undefined,
): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  const service = hint.service === undefined ? 'Knox' : serviceDisplayName(hint.service);
  md.appendMarkdown(`**${service}** · \`${hint.method} ${hint.path}\`\n\n`);
  if (hint.authEndpoint) {
    md.appendMarkdown('An authentication endpoint: it issues tokens and is called without one.\n');
    return md;
  }
  const granted = new Set(profile?.scheme === 'oauth' ? (profile.oauth?.scopes ?? []) : []);
  if (hint.scopes.length > 0) {
    md.appendMarkdown('OAuth 2.0 scopes that allow it, narrowest first:\n\n');
    for (const scope of hint.scopes) {
      const mark = granted.has(scope.name) ? ` $(check) granted to "${profile?.name ?? ''}"` : '';
      md.appendMarkdown(`- \`${scope.name}\`: ${scope.description}${mark}\n`);
    }
  } else if (hint.service !== undefined) {
    const support = oauthSupportFor(hint.service);
    md.appendMarkdown(
      support.supported
        ? 'The scopes page lists no scope for this endpoint.\n'
        : `No OAuth 2.0 scope: ${support.reason}\n`,
    );
  }
  if (profile) {
    const problem = scopeProblemFor(hint, profile);
    md.appendMarkdown(
      problem
        ? `\n$(warning) ${problem.message}\n`
        : `\nSent with profile "${profile.name}" (${profile.scheme === 'oauth' ? 'Authorization: Bearer' : 'x-knox-apitoken'}).\n`,
    );
  }
  return md;
}

class ScopeHintProvider implements vscode.HoverProvider, vscode.CompletionItemProvider {
  constructor(private readonly deps: ScopeHintDeps) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    try {
      const file = this.deps.documents.parse(document);
      const request = file.requests.find((r) => r.line === position.line);
      if (!request) return undefined;
      const hint = scopeHintFor(request.method, request.url);
      if (!hint) return undefined;
      const profile = this.deps.documents.tryProfileFor(file, request);
      return new vscode.Hover(
        scopeHintMarkdown(hint, profile),
        document.lineAt(position.line).range,
      );
    } catch (e) {
      this.deps.log.error(`Knox scope hover failed: ${describeError(e)}`);
      return undefined;
    }
  }

  provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): vscode.CompletionItem[] {
    try {
      const before = document.lineAt(position.line).text.slice(0, position.character);
      const match = METHOD_THEN_URL.exec(before);
      if (!match) return [];
      const [, indent = '', method = '', space = '', typed = ''] = match;
      // Keep what stands for the host ({{host}} or https://host) and complete the path after it.
      const host = /^(?:\{\{[^}]*\}\}|[a-z][a-z0-9+.-]*:\/\/[^/]*)/i.exec(typed)?.[0] ?? '';
      const path = typed.slice(host.length);
      if (path !== '' && !path.startsWith('/')) return [];
      const start = indent.length + method.length + space.length + host.length;
      const range = new vscode.Range(position.line, start, position.line, position.character);
      // The body comes along only where nothing follows the request line yet.
      const next =
        position.line + 1 < document.lineCount ? document.lineAt(position.line + 1).text : '';
      const rest = document.lineAt(position.line).text.slice(position.character);
      const withBody = rest.trim() === '' && (next.trim() === '' || next.startsWith('###'));
      return endpointSuggestions(method).map((suggestion, index) => {
        const { template } = suggestion;
        const item = new vscode.CompletionItem(
          { label: template.path, description: suggestion.serviceName },
          vscode.CompletionItemKind.Reference,
        );
        item.insertText = new vscode.SnippetString(
          withBody ? suggestion.snippetWithBody : suggestion.snippet,
        );
        item.range = range;
        item.filterText = template.path;
        item.sortText = String(index).padStart(4, '0');
        const scopes = template.endpoint?.scopes ?? [];
        item.detail = `${template.summary} · ${scopes.length ? `scope: ${scopes[0] ?? ''}` : 'no OAuth scope'}`;
        item.documentation = scopeHintMarkdown(
          scopeHintFor(template.method, template.path) ?? {
            method: template.method,
            path: template.path,
            service: template.service,
            endpoint: template.endpoint,
            scopes: [],
            authEndpoint: false,
          },
          undefined,
        );
        return item;
      });
    } catch (e) {
      this.deps.log.error(`Knox endpoint completion failed: ${describeError(e)}`);
      return [];
    }
  }
}

/** Hover on request lines and completion of Knox endpoint paths after a method. */
export function registerScopeHints(deps: ScopeHintDeps): vscode.Disposable {
  const provider = new ScopeHintProvider(deps);
  return vscode.Disposable.from(
    vscode.languages.registerHoverProvider(HTTP_SELECTOR, provider),
    vscode.languages.registerCompletionItemProvider(HTTP_SELECTOR, provider, ' ', '/'),
  );
}
