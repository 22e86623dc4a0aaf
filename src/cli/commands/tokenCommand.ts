import { MAX_VALIDITY_MINUTES, requestAccessToken } from '../../core/auth/accessToken';
import type { CliCommand } from '../cliCommand';
import { refusalError } from '../knoxRefusal';
import { integerOption } from '../parseOptions';
import { readOptionalSecret, readSecret, secretOptions } from '../readSecret';
import {
  ALG_OPTION,
  CLIENT_IDENTIFIER,
  IDP_TOKEN,
  KEYS_OPTION,
  REGION_OPTIONS,
  TIMEOUT_OPTION,
  algOption,
  callOptions,
  isoTime,
  loadKeyFile,
  regionBaseUrl,
} from './commonOptions';

/** `knox token`: the whole legacy flow, from keys.json and a Client Identifier to a signed access token. */
export const tokenCommand: CliCommand = {
  name: 'token',
  summary: 'Get a signed access token for x-knox-apitoken (keys.json + Client Identifier).',
  usage: 'token --keys FILE --client-id-file FILE [--region us|eu | --base URL] [--validity MIN]',
  description:
    'Runs the Knox Cloud Authentication flow: signs the Client Identifier, POSTs it with the public key to /ams/v1/users/accesstoken, signs the access token Knox returns and prints it, ready for the x-knox-apitoken header. With --json: the access token, the signed token and the expiry time. If Knox refuses, exits with 1 and explains the error code.',
  options: {
    keys: KEYS_OPTION,
    ...secretOptions(CLIENT_IDENTIFIER),
    ...REGION_OPTIONS,
    validity: {
      type: 'string',
      placeholder: 'MIN',
      description: `Access token validity in whole minutes, 1 to ${MAX_VALIDITY_MINUTES} (default ${MAX_VALIDITY_MINUTES}).`,
    },
    alg: ALG_OPTION,
    ...secretOptions(IDP_TOKEN),
    timeout: TIMEOUT_OPTION,
  },
  examples: [
    'knox token --keys keys.json --client-id-file kme-client-id.txt --region eu',
    'curl -H "x-knox-apitoken: $(knox token --keys keys.json --client-id-env KME_CLIENT_ID)" https://us-kcs-api.samsungknox.com/kcs/v1/kme/devices/list',
  ],
  async run(args, context) {
    const baseUrl = regionBaseUrl(args);
    const validityMinutes = integerOption(args, 'validity', 1, MAX_VALIDITY_MINUTES);
    const alg = algOption(args);
    const key = await loadKeyFile(args, context);
    const clientIdentifier = await readSecret(args, CLIENT_IDENTIFIER, context);
    const idpAccessToken = await readOptionalSecret(args, IDP_TOKEN, context);
    const result = await requestAccessToken({
      ...callOptions(args, context),
      now: context.io.now,
      baseUrl,
      key,
      clientIdentifier,
      ...(validityMinutes === undefined ? {} : { validityMinutes }),
      ...(idpAccessToken === undefined ? {} : { idpAccessToken }),
      ...(alg === undefined ? {} : { alg }),
    });
    if (!result.ok) throw refusalError('the access token request', result.error);
    context.redactor.remember(result.accessToken);
    context.redactor.remember(result.signedAccessToken);
    return {
      text: result.signedAccessToken,
      json: {
        accessToken: result.accessToken,
        signedAccessToken: result.signedAccessToken,
        expiresAt: isoTime(result.expiresAt),
        validityMinutes: validityMinutes ?? MAX_VALIDITY_MINUTES,
        baseUrl,
      },
    };
  },
};
