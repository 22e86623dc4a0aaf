import { KnoxToolError } from '../toolError';
import { toCurl } from './toCurl';
import { authorizationHeaders } from '../http/sendAuthorized';
import type { MintedToken } from '../tokens/tokenManager';
import type { BuiltRequest, RequestHeader } from '../runner/buildRequest';

/** Options of `curlCommand`. */
export interface CurlCommandOptions {
  /** The token to put in the command; required with `revealSecrets`. */
  readonly token?: MintedToken;
  /** Write the real token and secret values. Default false: placeholders instead. */
  readonly revealSecrets?: boolean;
  /** Further secret values to mask wherever they appear. */
  readonly knownSecrets?: Iterable<string>;
}

/**
 * The cURL command for a built request, with the header the runner would attach: by default the
 * token is a placeholder (`"$KNOX_API_TOKEN"` for x-knox-apitoken, `Bearer <redacted>` for OAuth)
 * and secrets are redacted. Throws KnoxToolError 'INVALID_INPUT' when revealing without a token.
 */
export function curlCommand(built: BuiltRequest, options: CurlCommandOptions = {}): string {
  const reveal = options.revealSecrets ?? false;
  const headers: RequestHeader[] = [...built.headers];
  if (built.token.attach) {
    if (reveal && !options.token) {
      throw new KnoxToolError(
        'INVALID_INPUT',
        'A cURL command with the token needs the token; get one first with "Knox: Generate Access Token".',
      );
    }
    const token: MintedToken = options.token ?? {
      value: built.profile?.scheme === 'oauth' ? 'Bearer <token>' : '<token>',
      expiresAt: 0,
      kind: built.profile?.scheme === 'oauth' ? 'oauth' : 'legacy',
    };
    for (const [name, value] of Object.entries(authorizationHeaders(token)))
      headers.push({ name, value });
  }
  const known = [...(options.knownSecrets ?? []), ...(options.token ? [options.token.value] : [])];
  return toCurl(
    {
      method: built.method,
      url: built.url,
      headers,
      ...(built.body === undefined ? {} : { body: { text: built.body } }),
    },
    { revealSecrets: reveal, knownSecrets: known },
  );
}
