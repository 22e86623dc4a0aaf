import type { ErrorCodeEntry, ErrorFlow } from '../catalogs/errorCatalog';

/** A catalogued code explained as plain data, to render as a hover, a dialog or CLI output. */
export interface ErrorExplanation {
  /** '4032251 ACCESS_TOKEN_EXPIRED'; the code alone when its name is the code. */
  readonly title: string;
  /** 'HTTP 403 · Knox Cloud authentication (customers)'. */
  readonly context: string;
  readonly sections: readonly { readonly label: string; readonly text: string }[];
  readonly docUrl: string;
}

const FLOWS: Readonly<Record<ErrorFlow, string>> = {
  http: 'Standard HTTP status',
  'customer-auth': 'Knox Cloud authentication (customers)',
  'samsung-account-token': 'Samsung Account token API (partners)',
  'samsung-account-authorize': 'Samsung Account authorizeToken API (partners)',
  oauth: 'Knox OAuth 2.0',
  service: 'Knox service APIs',
};

/**
 * Explains one catalog entry: title, status and flow, meaning, likely cause, what to do, and
 * for a code several services answer differently, which services use it and how.
 */
export function explainErrorCode(entry: ErrorCodeEntry): ErrorExplanation {
  const title = entry.name === entry.code ? entry.code : `${entry.code} ${entry.name}`;
  const status = entry.httpStatus === undefined ? [] : [`HTTP ${entry.httpStatus}`];
  const aliases = entry.aliases?.length ? [`also written ${entry.aliases.join(', ')}`] : [];
  return {
    title,
    context: [...status, FLOWS[entry.flow], ...aliases].join(' · '),
    sections: [
      { label: 'Meaning', text: entry.meaning },
      { label: 'Likely cause', text: entry.cause },
      { label: 'What to do', text: entry.fix },
      ...(entry.variants?.length
        ? [
            {
              label: 'Used by',
              text: [entry.seenIn, ...entry.variants.map((v) => v.seenIn)].join('; '),
            },
            ...entry.variants.map((v) => ({
              label: `In ${v.seenIn}`,
              text: `${v.meaning} ${v.fix}`,
            })),
          ]
        : entry.seenIn === undefined
          ? []
          : [{ label: 'Seen in', text: entry.seenIn }]),
    ],
    docUrl: entry.docUrl,
  };
}
