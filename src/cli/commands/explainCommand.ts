import {
  findErrorCode,
  findErrorCodesByName,
  searchErrorCodes,
} from '../../core/catalogs/errorLookup';
import type { ErrorCodeEntry } from '../../core/catalogs/errorCatalog';
import { KnoxToolError } from '../../core/toolError';
import type { CliCommand } from '../cliCommand';
import { formatFields } from '../formatFields';

/** `knox explain`: what a Samsung error code means, why it happens and what to do. */
export const explainCommand: CliCommand = {
  name: 'explain',
  summary:
    'Explain a Knox error code or name (4032251, 40122050, AUT_1806, LIC_4103, 429, ACCESS_TOKEN_EXPIRED).',
  usage: 'explain CODE',
  description:
    'Looks CODE up in the error catalog (every row of Samsung\'s "Troubleshooting Knox cloud services", the service codes and the OAuth errors) and prints its name, HTTP status, Samsung\'s meaning, the likely cause, the fix and the documentation page. CODE may be a number, an AUT_/LIC_ code, an OAuth error or a name; a name several codes share shows them all. An unknown code exits with 1.',
  options: {},
  positionals: { names: ['CODE'], required: 1 },
  examples: [
    'knox explain 4032251',
    'knox explain AUT_1806',
    'knox explain ACCESS_TOKEN_BAD_REQUEST --json',
  ],
  run(args) {
    const query = (args.positionals[0] ?? '').trim();
    if (query === '') {
      return Promise.reject(
        new KnoxToolError(
          'INVALID_INPUT',
          'CODE is empty; give a code such as 4032251 or a name such as ACCESS_TOKEN_EXPIRED.',
        ),
      );
    }
    const byName = findErrorCodesByName(query);
    const byCode = findErrorCode(query);
    const entries = byName.length > 0 ? byName : byCode === undefined ? [] : [byCode];
    if (entries.length === 0) return Promise.reject(unknownCode(query));
    return Promise.resolve({
      text: entries.map(describeEntry).join('\n\n'),
      json: { query, entries: entries.map(entryJson) },
    });
  },
};

function describeEntry(entry: ErrorCodeEntry): string {
  const status = entry.httpStatus === undefined ? '' : `  (HTTP ${entry.httpStatus})`;
  return [
    `${entry.code}  ${entry.name}${status}`,
    formatFields([
      ['Meaning', entry.meaning],
      ['Cause', entry.cause],
      ['Fix', entry.fix],
      ['Also written', (entry.aliases ?? []).join(', ')],
      ['Seen in', entry.seenIn ?? ''],
      ['Docs', entry.docUrl],
    ]),
  ].join('\n');
}

function entryJson(entry: ErrorCodeEntry): Record<string, unknown> {
  return {
    code: entry.code,
    name: entry.name,
    ...(entry.httpStatus === undefined ? {} : { httpStatus: entry.httpStatus }),
    meaning: entry.meaning,
    cause: entry.cause,
    fix: entry.fix,
    flow: entry.flow,
    docUrl: entry.docUrl,
    ...(entry.aliases === undefined ? {} : { aliases: entry.aliases }),
    ...(entry.seenIn === undefined ? {} : { seenIn: entry.seenIn }),
  };
}

function unknownCode(query: string): KnoxToolError {
  // Echo only what looks like a code: a token pasted by mistake must not be printed back.
  const shown = /^[A-Za-z0-9_.:-]{1,40}$/.test(query) ? `"${query}"` : 'the value given';
  const guesses = searchErrorCodes(query)
    .slice(0, 3)
    .map((e) => `${e.code} ${e.name}`);
  const hint =
    guesses.length > 0
      ? ` Did you mean ${guesses.join(', or ')}?`
      : ' Check the code in the response body (code, errorCode, error or errorKey).';
  return new KnoxToolError(
    'UNKNOWN_CODE',
    `${shown} is not a Knox error code or name in the catalog.${hint}`,
  );
}
