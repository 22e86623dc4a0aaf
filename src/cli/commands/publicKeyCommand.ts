import type { CliCommand } from '../cliCommand';
import { KEYS_OPTION, loadKeyFile } from './commonOptions';

/** `knox public-key`: the base64 public key Knox's accesstoken API takes. */
export const publicKeyCommand: CliCommand = {
  name: 'public-key',
  summary: 'Print the base64 public key of a keys.json (base64EncodedStringPublicKey).',
  usage: 'public-key --keys FILE',
  description:
    "Checks the key file (both keys present, RSA, at least 2048 bits, a matching pair) and prints its public key as the one-line base64 Knox expects in base64EncodedStringPublicKey, like Samsung's generateBase64EncodedStringPublicKey. With --json: also the SHA-256 fingerprint, the key size and the portal's Identifier.",
  options: { keys: KEYS_OPTION },
  examples: ['knox public-key --keys keys.json', 'knox public-key --keys keys.json --json'],
  async run(args, context) {
    const key = await loadKeyFile(args, context);
    return {
      text: key.publicKeyBase64,
      json: {
        publicKey: key.publicKeyBase64,
        fingerprint: key.fingerprint,
        modulusBits: key.modulusBits,
        ...(key.identifier === undefined ? {} : { identifier: key.identifier }),
        keysFile: key.source,
      },
    };
  },
};
