import type { BodyPreview } from './bodyPreview';
import { formatBytes, formatDuration } from './bodyPreview';
import type { RequestHeader } from './buildRequest';
import type { ExchangeSummary } from './historyEntry';
import type { ErrorExplanation } from '../knoxErrors/explainResult';

/** A button of the response view: runs `command` with `args` in the extension. */
export interface ViewAction {
  readonly title: string;
  readonly command: string;
  readonly args: readonly unknown[];
  /** Shown with the error explanation rather than in the toolbar. */
  readonly forError?: boolean;
}

/** Everything the response view shows, already masked and cut to a preview. */
export interface ResponseContent extends ExchangeSummary {
  readonly preview: BodyPreview;
  readonly explanation: ErrorExplanation | undefined;
  readonly notes: readonly string[];
  readonly actions: readonly ViewAction[];
  /** Re-opened from history: the body is the redacted start kept there. */
  readonly fromHistory: boolean;
}

/** Below this size (and when nothing was cut) the view shows the whole body: no "Open Full Body". */
export const FULL_BODY_MIN_BYTES = 64 * 1024;

/** Whether the response view offers "Open Full Body": for a cut preview or a large body. */
export function offersFullBody(sizeBytes: number, truncated: boolean): boolean {
  return truncated || sizeBytes >= FULL_BODY_MIN_BYTES;
}

/** The response tab's title: status, then the request's name, else its method and path. */
export function responseTitle(
  content: Pick<ResponseContent, 'status' | 'name' | 'method' | 'url'>,
): string {
  let path = content.url;
  try {
    path = new URL(content.url).pathname;
  } catch {
    path = content.url.replace(/[?#].*$/s, '');
  }
  return `Knox: ${content.status} ${content.name ?? `${content.method} ${path}`}`;
}

/** What the page needs from the webview: resource URIs and the CSP nonce. */
export interface PageResources {
  readonly cspSource: string;
  readonly nonce: string;
  readonly styleUri: string;
}

// Each button asks the extension to run the action with its index; nothing else is posted.
const PAGE_SCRIPT = `const vscode = acquireVsCodeApi();
document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('[data-action]') : null;
  if (!target) return;
  const index = Number(target.getAttribute('data-action'));
  if (Number.isInteger(index)) vscode.postMessage({ type: 'action', index });
});`;

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

const JSON_TOKEN =
  /("(?:[^"\\\n]|\\.)*")(\s*:)?|\b(true|false|null)\b|(-?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b)/g;

/** Pretty JSON as escaped HTML with spans for keys, strings, numbers and literals. */
export function highlightJson(text: string): string {
  let html = '';
  let from = 0;
  for (const match of text.matchAll(JSON_TOKEN)) {
    const at = match.index;
    html += escapeHtml(text.slice(from, at));
    const [all, string, colon, literal, number] = match;
    if (string !== undefined) {
      html += `<span class="${colon ? 'key' : 'str'}">${escapeHtml(string)}</span>${colon ? escapeHtml(colon) : ''}`;
    } else if (literal !== undefined) {
      html += `<span class="lit">${literal}</span>`;
    } else if (number !== undefined) {
      html += `<span class="num">${number}</span>`;
    } else {
      html += escapeHtml(all);
    }
    from = at + all.length;
  }
  return html + escapeHtml(text.slice(from));
}

function statusClass(status: number): string {
  if (status >= 500) return 'server-error';
  if (status >= 400) return 'client-error';
  if (status >= 300) return 'redirect';
  return 'success';
}

function headerTable(headers: readonly RequestHeader[]): string {
  if (headers.length === 0) return '<p class="muted">None.</p>';
  const rows = headers
    .map(
      (h) => `<tr><th scope="row">${escapeHtml(h.name)}</th><td>${escapeHtml(h.value)}</td></tr>`,
    )
    .join('');
  return `<table class="headers">${rows}</table>`;
}

function button(action: ViewAction, index: number, primary: boolean): string {
  return `<button type="button" class="${primary ? 'primary' : 'secondary'}" data-action="${index}">${escapeHtml(action.title)}</button>`;
}

// The catalog marks field names with backticks (`Public`): shown as code, never as backticks.
function catalogText(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function explanationHtml(content: ResponseContent): string {
  const e = content.explanation;
  if (!e) return '';
  const rows: string[] = [`<h2>${escapeHtml(e.title)}</h2>`];
  if (e.message && e.message !== e.title)
    rows.push(`<p class="message">${escapeHtml(e.message)}</p>`);
  if (e.detail)
    rows.push(`<p class="detail"><strong>Knox says:</strong> ${escapeHtml(e.detail)}</p>`);
  if (e.meaning) rows.push(`<p><strong>Meaning:</strong> ${catalogText(e.meaning)}</p>`);
  if (e.cause) rows.push(`<p><strong>Likely cause:</strong> ${catalogText(e.cause)}</p>`);
  rows.push(`<p class="fix"><strong>What to do:</strong> ${catalogText(e.fix)}</p>`);
  if (e.errorId)
    rows.push(
      `<p class="muted">errorId for Knox Support: <code>${escapeHtml(e.errorId)}</code></p>`,
    );
  const buttons = content.actions.map((a, i) => (a.forError ? button(a, i, true) : '')).join('');
  if (buttons) rows.push(`<div class="actions">${buttons}</div>`);
  if (e.docUrl) rows.push(`<p><a href="${escapeHtml(e.docUrl)}">Samsung's documentation</a></p>`);
  return `<section class="explanation" role="alert">${rows.join('')}</section>`;
}

/** The response view's page: status line, error explanation, notes, headers and body preview. */
export function renderResponseHtml(content: ResponseContent, resources: PageResources): string {
  const { preview } = content;
  const body =
    preview.language === 'json' && preview.pretty
      ? highlightJson(preview.text)
      : escapeHtml(preview.text);
  const toolbar = content.actions.map((a, i) => (a.forError ? '' : button(a, i, false))).join('');
  const truncated = preview.truncated
    ? `<p class="banner">Showing the first ${formatBytes(preview.text.length)} of ${formatBytes(content.sizeBytes)}. Use "Open Full Body" for the rest.</p>`
    : '';
  const history = content.fromHistory
    ? '<p class="banner">From history: secrets are redacted and only the start of the body was kept.</p>'
    : '';
  const notes = content.notes.length
    ? `<ul class="notes">${content.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`
    : '';
  const meta = [
    formatDuration(content.elapsedMs),
    formatBytes(content.sizeBytes),
    content.profileName ? `profile ${escapeHtml(content.profileName)}` : 'no profile',
    new Date(content.at).toLocaleTimeString(),
  ].join(' · ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${resources.cspSource}; script-src 'nonce-${resources.nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(resources.styleUri)}">
<title>Knox Response</title>
</head>
<body>
<header>
  <div class="request"><span class="method">${escapeHtml(content.method)}</span> <span class="url">${escapeHtml(content.url)}</span></div>
  <div class="status-line"><span class="status ${statusClass(content.status)}">${content.status} ${escapeHtml(content.statusText)}</span> <span class="meta">${meta}</span></div>
  <div class="toolbar">${toolbar}</div>
</header>
${explanationHtml(content)}
${notes}
${history}
<details class="section"><summary>Response headers (${content.responseHeaders.length})</summary>${headerTable(content.responseHeaders)}</details>
<details class="section"><summary>Request headers (${content.requestHeaders.length})</summary>${headerTable(content.requestHeaders)}</details>
<section class="section body">
<h3>Body</h3>
${truncated}
<pre class="code ${preview.language}"><code>${body}</code></pre>
</section>
<script nonce="${resources.nonce}">${PAGE_SCRIPT}</script>
</body>
</html>`;
}
