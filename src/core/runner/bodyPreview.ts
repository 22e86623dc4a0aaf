/** How much of a body the response view shows before "Open Full Body": about 256 KB. */
export const PREVIEW_CHARS = 256 * 1024;
/** Bodies up to this many characters are pretty-printed; larger ones are shown as they came. */
export const PRETTY_LIMIT_CHARS = 16 * 1024 * 1024;

/** The language a body is shown in. */
export type BodyLanguage = 'json' | 'xml' | 'html' | 'text';

/** A body made readable: pretty JSON when it is JSON, cut to a preview when large. */
export interface BodyPreview {
  readonly text: string;
  readonly language: BodyLanguage;
  /** True when `text` is only the start of the (pretty) body. */
  readonly truncated: boolean;
  readonly pretty: boolean;
  /** Length of the whole (pretty) body, in characters. */
  readonly totalChars: number;
}

/**
 * The body as the response view shows it: JSON pretty-printed with two spaces (when it parses
 * and is at most PRETTY_LIMIT_CHARS), then cut to `limit` characters at a line break if one is near.
 */
export function previewBody(
  body: string,
  contentType: string | undefined,
  limit = PREVIEW_CHARS,
): BodyPreview {
  const full = formatBody(body, contentType);
  if (full.text.length <= limit) return { ...full, truncated: false, totalChars: full.text.length };
  const cut = full.text.lastIndexOf('\n', limit);
  const end = cut > limit * 0.9 ? cut : limit;
  return { ...full, text: full.text.slice(0, end), truncated: true, totalChars: full.text.length };
}

/** The whole body made readable (for "Open Full Body"): pretty JSON, else as it came. */
export function formatBody(
  body: string,
  contentType: string | undefined,
): { readonly text: string; readonly language: BodyLanguage; readonly pretty: boolean } {
  const language = languageOf(body, contentType);
  if (language === 'json' && body.length <= PRETTY_LIMIT_CHARS) {
    try {
      return { text: JSON.stringify(JSON.parse(body), null, 2), language, pretty: true };
    } catch {
      // Declared JSON that does not parse is shown as it came.
    }
  }
  return { text: body, language: language === 'json' ? 'text' : language, pretty: false };
}

/** "512 B", "1.5 KB", "5.0 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "85 ms", "1.24 s". */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

function languageOf(body: string, contentType: string | undefined): BodyLanguage {
  const type = (contentType ?? '').toLowerCase();
  if (/[/+]json\b/.test(type)) return 'json';
  if (/html/.test(type)) return 'html';
  if (/[/+]xml\b/.test(type)) return 'xml';
  const start = body.trimStart()[0];
  if (type === '' && (start === '{' || start === '[')) return 'json';
  return 'text';
}
