import { KNOX_BASE_URLS, resolveBaseUrl } from '../../core/auth/baseUrl';
import {
  MAX_OAUTH_EXPIRES_IN_SECONDS,
  requestOAuthToken,
  revokeOAuthToken,
} from '../../core/auth/oauthToken';
import { KnoxToolError } from '../../core/toolError';
import type { CliCommand } from '../cliCommand';
import { refusalError } from '../knoxRefusal';
import type { OptionSpecs, ParsedOptions } from '../parseOptions';
import { integerOption, requiredOption, stringListOption, stringOption } from '../parseOptions';
import { readSecret, secretOptions } from '../readSecret';
import type { SecretInput } from '../readSecret';
import { CLIENT_SECRET, TIMEOUT_OPTION, callOptions, isoTime } from './commonOptions';

const TOKEN_TO_REVOKE: SecretInput = {
  option: 'token',
  what: 'the token to revoke',
  placeholder: 'TOKEN',
};

const CLIENT_OPTIONS: OptionSpecs = {
  'client-id': {
    type: 'string',
    placeholder: 'ID',
    description: 'The Cloud App\'s client id ("Cloud Apps" in the Knox Developer Portal).',
  },
  ...secretOptions(CLIENT_SECRET),
  base: {
    type: 'string',
    placeholder: 'URL',
    description: `The authorization server (default ${KNOX_BASE_URLS.oauth}; the sandbox: http://127.0.0.1:PORT).`,
  },
  timeout: TIMEOUT_OPTION,
};

/** `knox oauth token`: a client_credentials access token. */
export const oauthTokenCommand: CliCommand = {
  name: 'oauth token',
  summary: 'Get a Knox OAuth 2.0 access token (client_credentials) for Authorization: Bearer.',
  usage:
    'oauth token --client-id ID (--client-secret-env VAR | --client-secret-file FILE) --scope "a b" [--expires-in S] [--base URL]',
  description: `Requests a token with the client_credentials grant at /ams/v1/oauth2/token and prints the access token, to send as "Authorization: Bearer <token>". Scopes are space-separated or --scope given several times; knox scopes METHOD PATH tells which scope an endpoint needs. With --json: the token type, granted scopes and expiry time too.`,
  options: {
    ...CLIENT_OPTIONS,
    scope: {
      type: 'string',
      multiple: true,
      placeholder: 'SCOPES',
      description: 'Scopes to request, space-separated; may be repeated.',
    },
    'expires-in': {
      type: 'string',
      placeholder: 'S',
      description: `Token lifetime in seconds, 1 to ${MAX_OAUTH_EXPIRES_IN_SECONDS} (Knox's default: about 10 minutes).`,
    },
  },
  examples: [
    'knox oauth token --client-id 0f3c... --client-secret-env KNOX_CLIENT_SECRET --scope "kme.devices:view kme.profiles:view"',
  ],
  async run(args, context) {
    const clientId = requiredOption(args, 'client-id', CLIENT_OPTIONS);
    const scopes = stringListOption(args, 'scope')
      .flatMap((s) => s.split(/\s+/))
      .filter((s) => s !== '');
    if (scopes.length === 0) {
      throw new KnoxToolError(
        'INVALID_INPUT',
        '--scope "SCOPES" is required, e.g. --scope "kme.devices:view". knox scopes METHOD PATH names the scope an endpoint needs.',
      );
    }
    const expiresInSeconds = integerOption(args, 'expires-in', 1, MAX_OAUTH_EXPIRES_IN_SECONDS);
    const baseUrl = oauthBaseUrl(args);
    const clientSecret = await readSecret(args, CLIENT_SECRET, context);
    const result = await requestOAuthToken({
      ...callOptions(args, context),
      now: context.io.now,
      baseUrl,
      clientId,
      clientSecret,
      scopes,
      ...(expiresInSeconds === undefined ? {} : { expiresInSeconds }),
    });
    if (!result.ok) throw refusalError('the OAuth token request', result.error);
    const { token } = result;
    context.redactor.remember(token.accessToken);
    context.redactor.remember(token.refreshToken);
    return {
      text: token.accessToken,
      json: {
        accessToken: token.accessToken,
        tokenType: token.tokenType,
        scopes: token.scopes,
        expiresIn: token.expiresInSeconds,
        expiresAt: isoTime(token.expiresAt),
        ...(token.refreshToken === undefined ? {} : { refreshToken: token.refreshToken }),
        authorization: token.headerValue,
      },
    };
  },
};

/** `knox oauth revoke`: revokes an access or refresh token. */
export const oauthRevokeCommand: CliCommand = {
  name: 'oauth revoke',
  summary: 'Revoke a Knox OAuth 2.0 access or refresh token.',
  usage:
    'oauth revoke --client-id ID (--client-secret-env VAR | --client-secret-file FILE) --token-file FILE [--base URL]',
  description:
    "Revokes an access or refresh token at /ams/v1/oauth2/revoke with the Cloud App's credentials. Knox answers success even for a token it does not know (RFC 7009), so a success means only that Knox no longer accepts the token.",
  options: { ...CLIENT_OPTIONS, ...secretOptions(TOKEN_TO_REVOKE) },
  examples: [
    'knox oauth revoke --client-id 0f3c... --client-secret-file secret.txt --token-file token.txt',
  ],
  async run(args, context) {
    const clientId = requiredOption(args, 'client-id', CLIENT_OPTIONS);
    const baseUrl = oauthBaseUrl(args);
    const clientSecret = await readSecret(args, CLIENT_SECRET, context);
    const token = await readSecret(args, TOKEN_TO_REVOKE, context);
    const result = await revokeOAuthToken({
      ...callOptions(args, context),
      now: context.io.now,
      baseUrl,
      clientId,
      clientSecret,
      token,
    });
    if (!result.ok) throw refusalError('the token revocation', result.error);
    return { text: 'Token revoked.', json: { revoked: true } };
  },
};

function oauthBaseUrl(args: ParsedOptions): string {
  return resolveBaseUrl(stringOption(args, 'base') ?? KNOX_BASE_URLS.oauth);
}
