import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { FILE_LIMITS, readBoundedFile } from '../files/readBoundedFile';
import { KnoxToolError } from '../toolError';

/** The JWS algorithms a Knox key file signs with: RS512 (Samsung's npm and Java utilities) or RS256 (.NET). */
export type RsaJwsAlgorithm = 'RS512' | 'RS256';

/** A parsed keys.json: both keys checked to be RSA, at least 2048 bits and a pair. Holds no file handle. */
export interface KeyFile {
  /** Where the keys came from (a path or a display name), for messages. */
  readonly source: string;
  /** Base64 SPKI DER of the public key, exactly what Samsung's `generateBase64EncodedStringPublicKey` returns. */
  readonly publicKeyBase64: string;
  readonly publicKey: KeyObject;
  readonly privateKey: KeyObject;
  /** The portal's `Identifier` (a UUID); not used for signing. */
  readonly identifier?: string;
  /** SHA-256 of the SPKI DER as uppercase hex pairs joined by ':'. Safe to show and store. */
  readonly fingerprint: string;
  readonly modulusBits: number;
}

type KeyField = 'Public' | 'Private';

const MIN_MODULUS_BITS = 2048;
const DOWNLOAD_AGAIN = 'Download keys.json again from the Knox Cloud API portal.';
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]{1,40})-----([\s\S]*?)-----END \1-----/;
const PEM_LABELS: Readonly<Record<KeyField, readonly string[]>> = {
  Public: ['PUBLIC KEY', 'RSA PUBLIC KEY'],
  Private: ['PRIVATE KEY', 'RSA PRIVATE KEY'],
};
const SELF_TEST_INPUT = Buffer.from('knox-api-toolkit key pair self-test');

/**
 * Parses the text of a Knox keys.json (`source` names it in messages). Tolerates field-name case,
 * PEM armour, PKCS#1, whitespace and a BOM. Throws KnoxToolError with a KEYFILE_* code.
 */
export function parseKeyFile(text: string | Uint8Array, source: string): KeyFile {
  const json = decodeText(text, source);
  if (/^\s*$/.test(json)) {
    throw new KnoxToolError('KEYFILE_NOT_JSON', `${source} is empty. ${DOWNLOAD_AGAIN}`);
  }
  if (json.trimStart().startsWith('-----BEGIN')) {
    throw new KnoxToolError(
      'KEYFILE_NOT_JSON',
      `${source} is a PEM file, not the keys.json of the Knox Cloud API portal. Import the keys.json you downloaded from the portal.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    // V8's JSON.parse messages quote the text around the error, which here is key material,
    // so the SyntaxError is deliberately not kept as the cause.
    throw new KnoxToolError('KEYFILE_NOT_JSON', `${source} is not valid JSON. ${DOWNLOAD_AGAIN}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new KnoxToolError(
      'KEYFILE_NOT_OBJECT',
      `${source} does not hold a JSON object with "Public" and "Private" fields. ${DOWNLOAD_AGAIN}`,
    );
  }
  const fields = parsed as Record<string, unknown>;
  const publicName = findField(fields, 'Public');
  const privateName = findField(fields, 'Private');
  if (publicName === undefined && privateName === undefined) {
    throw new KnoxToolError(
      'KEYFILE_FIELD_MISSING',
      `${source} has neither a "Public" nor a "Private" field; it is not a Knox keys.json. ${DOWNLOAD_AGAIN}`,
    );
  }

  const publicText = fieldText(fields, publicName, 'Public', source);
  const privateText = fieldText(fields, privateName, 'Private', source);
  const publicKey = parseKey(publicText, 'Public', publicName ?? 'Public', source);
  const privateKey = parseKey(privateText, 'Private', privateName ?? 'Private', source);
  const publicBits = checkRsa(publicKey, publicName ?? 'Public', source);
  checkRsa(privateKey, privateName ?? 'Private', source);

  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const derivedSpki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  if (!spki.equals(derivedSpki)) {
    throw new KnoxToolError(
      'KEYFILE_KEYS_MISMATCH',
      `The "Public" and "Private" keys in ${source} are not a pair. ${DOWNLOAD_AGAIN} Do not combine keys from different downloads.`,
    );
  }
  // The comparison above covers the modulus and exponent only; a damaged private exponent
  // or prime still parses, and would sign tokens Knox rejects with 4012250.
  if (!selfTestPasses(privateKey, publicKey)) {
    throw new KnoxToolError(
      'KEYFILE_KEYS_MISMATCH',
      `The "Private" key in ${source} is damaged: its signatures do not verify with the "Public" key. ${DOWNLOAD_AGAIN}`,
    );
  }

  const identifierName = findField(fields, 'Identifier');
  const identifierValue = identifierName === undefined ? undefined : fields[identifierName];
  const identifier =
    typeof identifierValue === 'string' && identifierValue.trim() !== ''
      ? identifierValue.trim()
      : undefined;

  return {
    source,
    publicKeyBase64: spki.toString('base64'),
    publicKey,
    privateKey,
    ...(identifier === undefined ? {} : { identifier }),
    fingerprint: fingerprintOf(spki),
    modulusBits: publicBits,
  };
}

/**
 * Reads and parses a keys.json from disk: a regular file of at most 1 MB. Throws
 * KEYFILE_UNREADABLE when it cannot be read or is no such file, else as parseKeyFile.
 */
export async function readKeyFile(path: string): Promise<KeyFile> {
  const bytes = await readBoundedFile(path, {
    maxBytes: FILE_LIMITS.keyFile,
    what: 'the key file',
    code: 'KEYFILE_UNREADABLE',
  });
  return parseKeyFile(bytes, path);
}

function decodeText(text: string | Uint8Array, source: string): string {
  if (typeof text === 'string') return text.replace(/^\uFEFF/, '');
  if (!(text instanceof Uint8Array)) {
    throw new KnoxToolError(
      'KEYFILE_NOT_JSON',
      `${source} was given as neither text nor bytes. Pass the contents of keys.json.`,
    );
  }
  // Windows Notepad's "Unicode" is UTF-16 with a byte order mark; TextDecoder drops the BOM.
  const encoding =
    text[0] === 0xff && text[1] === 0xfe
      ? 'utf-16le'
      : text[0] === 0xfe && text[1] === 0xff
        ? 'utf-16be'
        : 'utf-8';
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(text);
  } catch (e) {
    throw new KnoxToolError(
      'KEYFILE_NOT_JSON',
      `${source} is not text (it is not valid ${encoding.toUpperCase()}). ${DOWNLOAD_AGAIN}`,
      { cause: e },
    );
  }
}

function findField(fields: Record<string, unknown>, name: string): string | undefined {
  if (Object.hasOwn(fields, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(fields).find((k) => k.toLowerCase() === lower);
}

function fieldText(
  fields: Record<string, unknown>,
  name: string | undefined,
  field: KeyField,
  source: string,
): string {
  const value = name === undefined ? undefined : fields[name];
  if (value === undefined || value === null) {
    throw new KnoxToolError(
      'KEYFILE_FIELD_MISSING',
      `${source} has no "${field}" field. ${DOWNLOAD_AGAIN}`,
    );
  }
  if (typeof value !== 'string') {
    throw new KnoxToolError(
      'KEYFILE_NOT_BASE64',
      `The "${name}" field of ${source} is not a text value; it must hold the ${field.toLowerCase()} key in base64. ${DOWNLOAD_AGAIN}`,
    );
  }
  if (value.trim() === '') {
    throw new KnoxToolError(
      'KEYFILE_FIELD_MISSING',
      `${source} has an empty "${name}" field. ${DOWNLOAD_AGAIN}`,
    );
  }
  return value;
}

function parseKey(value: string, field: KeyField, name: string, source: string): KeyObject {
  const der = keyDer(value, field, name, source);
  // createPublicKey also takes private DER and quietly derives the public half, which would
  // hide a private key pasted into the "Public" field; look for that case first.
  const attempts: readonly (() => KeyObject)[] =
    field === 'Public'
      ? [
          () => createPublicKey({ key: der, format: 'der', type: 'spki' }),
          () => {
            if (privateKeyFromDer(der) !== undefined) {
              throw new KnoxToolError(
                'KEYFILE_NOT_A_KEY',
                `The "${name}" field of ${source} holds a private key where the public key belongs. ${DOWNLOAD_AGAIN}`,
              );
            }
            return createPublicKey({ key: der, format: 'der', type: 'pkcs1' });
          },
        ]
      : [
          () => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }),
          () => createPrivateKey({ key: der, format: 'der', type: 'pkcs1' }),
        ];
  let firstError: unknown;
  for (const attempt of attempts) {
    try {
      return attempt();
    } catch (e) {
      if (e instanceof KnoxToolError) throw e;
      firstError ??= e;
    }
  }
  const forms = field === 'Public' ? 'SPKI or PKCS#1' : 'PKCS#8 or PKCS#1';
  // node:crypto's decoder errors name the OpenSSL routine, never the bytes, so they are kept.
  throw new KnoxToolError(
    'KEYFILE_NOT_A_KEY',
    `The "${name}" field of ${source} is not an unencrypted ${field.toLowerCase()} key (${forms} DER). ${DOWNLOAD_AGAIN}`,
    { cause: firstError },
  );
}

function privateKeyFromDer(der: Buffer): KeyObject | undefined {
  for (const type of ['pkcs8', 'pkcs1'] as const) {
    try {
      return createPrivateKey({ key: der, format: 'der', type });
    } catch {
      // Not this form; try the next.
    }
  }
  return undefined;
}

function keyDer(value: string, field: KeyField, name: string, source: string): Buffer {
  // Values pasted through environment variables or double-encoded JSON carry literal "\n".
  const text = value.replace(/\\[rn]/g, '\n');
  let body = text;
  if (text.includes('-----BEGIN')) {
    const block = PEM_BLOCK.exec(text);
    if (!block) {
      throw new KnoxToolError(
        'KEYFILE_NOT_BASE64',
        `The "${name}" field of ${source} has PEM armour that is cut off or malformed. ${DOWNLOAD_AGAIN}`,
      );
    }
    const label = block[1] ?? '';
    const content = block[2] ?? '';
    if (label.includes('ENCRYPTED') || content.includes('Proc-Type:')) {
      throw new KnoxToolError(
        'KEYFILE_NOT_A_KEY',
        `The "${name}" field of ${source} holds a passphrase-encrypted key. Use the unencrypted keys.json from the Knox Cloud API portal.`,
      );
    }
    if (!PEM_LABELS[field].includes(label)) {
      throw new KnoxToolError(
        'KEYFILE_NOT_A_KEY',
        `The "${name}" field of ${source} holds a PEM block that is not a ${field.toLowerCase()} key. ${DOWNLOAD_AGAIN}`,
      );
    }
    body = content;
  }
  const compact = body.replace(/\s+/g, '');
  if (
    compact === '' ||
    !/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact) ||
    compact.replace(/=+$/, '').length % 4 === 1
  ) {
    throw new KnoxToolError(
      'KEYFILE_NOT_BASE64',
      `The "${name}" field of ${source} is not base64 text. ${DOWNLOAD_AGAIN}`,
    );
  }
  return Buffer.from(compact, 'base64');
}

function checkRsa(key: KeyObject, name: string, source: string): number {
  if (key.asymmetricKeyType !== 'rsa') {
    const kind = (key.asymmetricKeyType ?? 'unknown').toUpperCase();
    throw new KnoxToolError(
      'KEYFILE_NOT_RSA',
      `The "${name}" key in ${source} is not an RSA key (it is ${kind}); Knox signs with RSA keys only. ${DOWNLOAD_AGAIN}`,
    );
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_MODULUS_BITS) {
    throw new KnoxToolError(
      'KEYFILE_KEY_TOO_SHORT',
      `The "${name}" key in ${source} has ${bits} bits; Knox needs RSA keys of at least ${MIN_MODULUS_BITS} bits. ${DOWNLOAD_AGAIN}`,
    );
  }
  return bits;
}

function selfTestPasses(privateKey: KeyObject, publicKey: KeyObject): boolean {
  try {
    return verify(
      'sha256',
      SELF_TEST_INPUT,
      publicKey,
      sign('sha256', SELF_TEST_INPUT, privateKey),
    );
  } catch {
    return false;
  }
}

function fingerprintOf(spki: Buffer): string {
  const hex = createHash('sha256').update(spki).digest('hex').toUpperCase();
  return hex.replace(/(..)(?!$)/g, '$1:');
}
