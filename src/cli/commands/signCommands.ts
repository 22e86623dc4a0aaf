import type { RsaJwsAlgorithm } from '../../core/keys/keyFile';
import { decodeJwt } from '../../core/tokens/decodeJwt';
import {
  signAccessToken,
  signClientIdentifier,
  signClientIdentifierWithIdpToken,
  signSessionToken,
} from '../../core/tokens/signJwt';
import type { CliCommand, CommandOutput } from '../cliCommand';
import { readOptionalSecret, readSecret, secretOptions } from '../readSecret';
import type { SecretInput } from '../readSecret';
import {
  ALG_OPTION,
  CLIENT_IDENTIFIER,
  IDP_TOKEN,
  KEYS_OPTION,
  algOption,
  isoTime,
  loadKeyFile,
} from './commonOptions';

const ACCESS_TOKEN: SecretInput = {
  option: 'access-token',
  what: 'the access token',
  placeholder: 'TOKEN',
};

const SESSION_TOKEN: SecretInput = {
  option: 'session-token',
  what: 'the session token',
  placeholder: 'TOKEN',
};

const SIGNED_JWT_NOTE =
  'The JWT carries the public key, iat, exp (30 minutes later), aud "KnoxWSM" and a fresh jti, as Samsung\'s token utility signs it; every run signs anew, because Knox refuses a jti it has seen (4002250).';

/** `knox sign client-id`: the signed Client Identifier for `clientIdentifierJwt`. */
export const signClientIdCommand: CliCommand = {
  name: 'sign client-id',
  summary:
    'Sign a Client Identifier (clientIdentifierJwt), optionally with a Samsung Account token.',
  usage:
    'sign client-id --keys FILE (--client-id-file FILE | --client-id-env VAR) [--alg RS512|RS256] [--idp-token-file FILE]',
  description: `Signs the Client Identifier from the Knox Cloud API portal with the private key of keys.json and prints the JWT to send as clientIdentifierJwt. With a Samsung Account access token (--idp-token-...) it signs the partner variant, with the token as delegatedSAToken. ${SIGNED_JWT_NOTE}`,
  options: {
    keys: KEYS_OPTION,
    ...secretOptions(CLIENT_IDENTIFIER),
    alg: ALG_OPTION,
    ...secretOptions(IDP_TOKEN),
  },
  examples: [
    'knox sign client-id --keys keys.json --client-id-file kme-client-id.txt',
    'KNOX_CLIENT_ID=... knox sign client-id --keys keys.json --client-id-env KNOX_CLIENT_ID --alg RS256',
  ],
  async run(args, context) {
    const key = await loadKeyFile(args, context);
    const clientIdentifier = await readSecret(args, CLIENT_IDENTIFIER, context);
    const idpToken = await readOptionalSecret(args, IDP_TOKEN, context);
    const alg = algOption(args);
    const options = { now: context.io.now, ...(alg ? { alg } : {}) };
    const jwt =
      idpToken === undefined
        ? await signClientIdentifier(key, clientIdentifier, options)
        : await signClientIdentifierWithIdpToken(key, clientIdentifier, idpToken, options);
    return signedOutput('signedClientIdentifier', jwt, { delegated: idpToken !== undefined });
  },
};

/** `knox sign access-token`: the value of the `x-knox-apitoken` header. */
export const signAccessTokenCommand: CliCommand = {
  name: 'sign access-token',
  summary: 'Sign an access token from the accesstoken API (the x-knox-apitoken value).',
  usage:
    'sign access-token --keys FILE (--access-token-file FILE | --access-token-env VAR) [--alg RS512|RS256]',
  description: `Signs the accessToken value Knox's accesstoken API returned with the private key of keys.json and prints the JWT to send in the x-knox-apitoken header. ${SIGNED_JWT_NOTE}`,
  options: { keys: KEYS_OPTION, ...secretOptions(ACCESS_TOKEN), alg: ALG_OPTION },
  examples: ['knox sign access-token --keys keys.json --access-token-file access-token.txt'],
  async run(args, context) {
    const key = await loadKeyFile(args, context);
    const accessToken = await readSecret(args, ACCESS_TOKEN, context);
    const alg = algOption(args);
    const jwt = await signAccessToken(key, accessToken, {
      now: context.io.now,
      ...(alg ? { alg } : {}),
    });
    return signedOutput('signedAccessToken', jwt);
  },
};

/** `knox sign session-token`: `sessionTokenJwt` of the old EMM flow. */
export const signSessionTokenCommand: CliCommand = {
  name: 'sign session-token',
  summary: 'Sign a session token of the old EMM flow (sessionTokenJwt).',
  usage:
    'sign session-token --keys FILE (--session-token-file FILE | --session-token-env VAR) [--alg RS512|RS256]',
  description: `Signs the sessionToken value of the EMM/partner session flow with the private key of keys.json and prints the JWT to send as sessionTokenJwt to /ams/v1/users/customer/accesstoken. ${SIGNED_JWT_NOTE}`,
  options: { keys: KEYS_OPTION, ...secretOptions(SESSION_TOKEN), alg: ALG_OPTION },
  examples: ['knox sign session-token --keys keys.json --session-token-file session-token.txt'],
  async run(args, context) {
    const key = await loadKeyFile(args, context);
    const sessionToken = await readSecret(args, SESSION_TOKEN, context);
    const alg = algOption(args);
    const jwt = await signSessionToken(key, sessionToken, {
      now: context.io.now,
      ...(alg ? { alg } : {}),
    });
    return signedOutput('signedSessionToken', jwt);
  },
};

function signedOutput(
  field: string,
  jwt: string,
  extra: Record<string, unknown> = {},
): CommandOutput {
  const { header, claims } = decodeJwt(jwt);
  const seconds = (value: unknown): number | undefined =>
    typeof value === 'number' ? value : undefined;
  const iat = seconds(claims.iat);
  const exp = seconds(claims.exp);
  return {
    text: jwt,
    json: {
      [field]: jwt,
      alg: header.alg as RsaJwsAlgorithm,
      ...(iat === undefined ? {} : { issuedAt: isoTime(iat * 1000) }),
      ...(exp === undefined ? {} : { expiresAt: isoTime(exp * 1000) }),
      jti: claims.jti,
      ...extra,
    },
  };
}
