import * as assert from 'node:assert/strict';
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isKnoxToolError } from '../../../../src/core/toolError';
import type { KnoxToolErrorCode } from '../../../../src/core/toolError';
import { parseKeyFile, readKeyFile } from '../../../../src/core/keys/keyFile';
import type { KeyFile } from '../../../../src/core/keys/keyFile';
import { generateKeys } from '../../../helpers/keys';
import type { GeneratedKeys } from '../../../helpers/keys';

const AGAIN = 'Download keys.json again from the Knox Cloud API portal.';

function pem(label: string, base64: string, eol = '\n'): string {
  const lines = base64.match(/.{1,64}/g) ?? [];
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`, ''].join(eol);
}

function keysJson(fields: Record<string, unknown>): string {
  return JSON.stringify(fields, null, 2);
}

/** Every `width`-character window of each secret: none may appear in any message. */
function assertNoKeyMaterial(error: unknown, secrets: readonly string[], width = 16): void {
  const texts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 10; depth++) {
    texts.push(current.message, current.stack ?? '');
    current = current.cause;
  }
  const haystack = texts.join('\n');
  for (const secret of secrets) {
    for (let i = 0; i + width <= secret.length; i++) {
      const fragment = secret.slice(i, i + width);
      assert.ok(!haystack.includes(fragment), `message leaks key material at offset ${i}`);
    }
  }
}

describe('parseKeyFile', () => {
  let keys: GeneratedKeys;
  let other: GeneratedKeys;
  let secrets: string[];

  before(() => {
    keys = generateKeys();
    other = generateKeys();
    secrets = [
      keys.publicKeyBase64,
      keys.privateKeyBase64,
      other.publicKeyBase64,
      other.privateKeyBase64,
    ];
  });

  function assertSameKeys(parsed: KeyFile, expected: GeneratedKeys = keys): void {
    assert.equal(parsed.publicKeyBase64, expected.publicKeyBase64);
    assert.ok(parsed.publicKey.equals(expected.publicKey));
    assert.ok(parsed.privateKey.equals(expected.privateKey));
    assert.equal(parsed.modulusBits, 2048);
  }

  function rejects(
    text: string | Uint8Array,
    code: KnoxToolErrorCode,
    message: string | RegExp,
    source = 'keys.json',
  ): void {
    assert.throws(
      () => parseKeyFile(text, source),
      (e: unknown) => {
        assert.ok(isKnoxToolError(e, code), `expected ${code}, got ${String(e)}`);
        if (typeof message === 'string') assert.equal(e.message, message);
        else assert.match(e.message, message);
        assert.ok(!e.message.includes('\n'), 'message is one line');
        assertNoKeyMaterial(e, secrets);
        return true;
      },
    );
  }

  it('has a leak check that notices a key fragment in a message or a cause', () => {
    const fragment = keys.privateKeyBase64.slice(300, 316);
    assert.throws(() => assertNoKeyMaterial(new Error(`bad ${fragment}`), secrets), /leaks/);
    const wrapped = new Error('outer', { cause: new Error(`inner ${fragment}`) });
    assert.throws(() => assertNoKeyMaterial(wrapped, secrets), /leaks/);
    assertNoKeyMaterial(new Error(fragment.slice(0, 15)), secrets);
  });

  describe('accepts', () => {
    it("the portal's keys.json and exposes both keys, identifier, fingerprint and size", () => {
      const parsed = parseKeyFile(keys.json, 'keys.json');
      assertSameKeys(parsed);
      assert.equal(parsed.source, 'keys.json');
      assert.equal(parsed.identifier, keys.identifier);
      const spki = Buffer.from(keys.publicKeyBase64, 'base64');
      const hex = createHash('sha256').update(spki).digest('hex').toUpperCase();
      assert.equal(parsed.fingerprint.split(':').join(''), hex);
      assert.match(parsed.fingerprint, /^[0-9A-F]{2}(?::[0-9A-F]{2}){31}$/);
      assert.ok(parsed.publicKeyBase64.startsWith('MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A'));
    });

    it('holds the private key as a KeyObject that signs RS512 and RS256 for the public key', () => {
      const parsed = parseKeyFile(keys.json, 'keys.json');
      assert.equal(parsed.privateKey.type, 'private');
      assert.equal(parsed.privateKey.asymmetricKeyType, 'rsa');
      const data = Buffer.from('signing input');
      for (const hash of ['sha512', 'sha256'] as const) {
        const signature = sign(hash, data, parsed.privateKey);
        assert.ok(verify(hash, data, keys.publicKey, signature), hash);
      }
    });

    it('field names in any case', () => {
      for (const [pub, priv, id] of [
        ['public', 'private', 'identifier'],
        ['PUBLIC', 'PRIVATE', 'IDENTIFIER'],
        ['pUbLiC', 'privATE', 'Identifier'],
      ] as const) {
        const parsed = parseKeyFile(
          keysJson({ [pub]: keys.publicKeyBase64, [priv]: keys.privateKeyBase64, [id]: 'abc' }),
          'keys.json',
        );
        assertSameKeys(parsed);
        assert.equal(parsed.identifier, 'abc');
      }
    });

    it('a PKCS#1 private key and a PKCS#1 public key, still reporting the canonical SPKI', () => {
      const pkcs1Private = keys.privateKey
        .export({ type: 'pkcs1', format: 'der' })
        .toString('base64');
      const pkcs1Public = keys.publicKey
        .export({ type: 'pkcs1', format: 'der' })
        .toString('base64');
      assertSameKeys(
        parseKeyFile(keysJson({ Public: keys.publicKeyBase64, Private: pkcs1Private }), 'k'),
      );
      assertSameKeys(parseKeyFile(keysJson({ Public: pkcs1Public, Private: pkcs1Private }), 'k'));
    });

    it('PEM armour of every kind: PUBLIC KEY, RSA PUBLIC KEY, PRIVATE KEY, RSA PRIVATE KEY', () => {
      const publics = [
        pem('PUBLIC KEY', keys.publicKeyBase64),
        pem(
          'RSA PUBLIC KEY',
          keys.publicKey.export({ type: 'pkcs1', format: 'der' }).toString('base64'),
        ),
      ];
      const privates = [
        pem('PRIVATE KEY', keys.privateKeyBase64, '\r\n'),
        pem(
          'RSA PRIVATE KEY',
          keys.privateKey.export({ type: 'pkcs1', format: 'der' }).toString('base64'),
        ),
      ];
      for (const Public of publics) {
        for (const Private of privates) {
          assertSameKeys(parseKeyFile(keysJson({ Public, Private }), 'keys.json'));
        }
      }
    });

    it('PEM whose line breaks arrive as literal "\\n" sequences', () => {
      const Private = pem('PRIVATE KEY', keys.privateKeyBase64).replace(/\n/g, '\\n');
      assertSameKeys(
        parseKeyFile(keysJson({ Public: keys.publicKeyBase64, Private }), 'keys.json'),
      );
    });

    it('whitespace and line breaks inside and around the base64 values', () => {
      const wrap = (b64: string): string =>
        `\n  ${(b64.match(/.{1,76}/g) ?? []).join('\r\n \t')}  \n`;
      const parsed = parseKeyFile(
        keysJson({ Public: wrap(keys.publicKeyBase64), Private: wrap(keys.privateKeyBase64) }),
        'keys.json',
      );
      assertSameKeys(parsed);
    });

    it('a UTF-8 byte order mark, in a string and in bytes', () => {
      assertSameKeys(parseKeyFile(`\uFEFF${keys.json}`, 'keys.json'));
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(keys.json)]);
      assertSameKeys(parseKeyFile(bytes, 'keys.json'));
    });

    it('UTF-16LE text with a byte order mark (Notepad "Unicode")', () => {
      const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(keys.json, 'utf16le')]);
      assertSameKeys(parseKeyFile(new Uint8Array(bytes), 'keys.json'));
    });

    it('a missing, empty or non-text Identifier as no identifier', () => {
      for (const extra of [{}, { Identifier: '' }, { Identifier: 42 }, { Identifier: null }]) {
        const parsed = parseKeyFile(
          keysJson({ Public: keys.publicKeyBase64, Private: keys.privateKeyBase64, ...extra }),
          'keys.json',
        );
        assertSameKeys(parsed);
        assert.equal(parsed.identifier, undefined);
        assert.ok(!('identifier' in parsed));
      }
    });

    it('base64url and unpadded base64', () => {
      const url = (b64: string): string =>
        b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      assertSameKeys(
        parseKeyFile(
          keysJson({ Public: url(keys.publicKeyBase64), Private: url(keys.privateKeyBase64) }),
          'keys.json',
        ),
      );
    });

    it('keys larger than 2048 bits and reports their size', () => {
      const big = generateKeys(2304);
      const parsed = parseKeyFile(big.json, 'big.json');
      assert.equal(parsed.modulusBits, 2304);
      assert.equal(parsed.publicKeyBase64, big.publicKeyBase64);
    });

    it('prefers the exactly named field when two differ only in case', () => {
      const parsed = parseKeyFile(
        keysJson({
          public: other.publicKeyBase64,
          Public: keys.publicKeyBase64,
          Private: keys.privateKeyBase64,
        }),
        'keys.json',
      );
      assertSameKeys(parsed);
    });
  });

  describe('rejects', () => {
    it('text that is not JSON with KEYFILE_NOT_JSON, keeping the key out of the message', () => {
      const message = `keys.json is not valid JSON. ${AGAIN}`;
      rejects('not json', 'KEYFILE_NOT_JSON', message);
      rejects(keys.json.slice(0, 700), 'KEYFILE_NOT_JSON', message);
      rejects(keys.json.replace('","Private"', '" "Private"'), 'KEYFILE_NOT_JSON', message);
      rejects(`${keys.json}}`, 'KEYFILE_NOT_JSON', message);
    });

    it('a file holding only the base64 key, without quoting its start the way V8 does', () => {
      assert.throws(
        () => parseKeyFile(keys.privateKeyBase64, 'keys.json'),
        (e: unknown) => {
          assert.ok(isKnoxToolError(e, 'KEYFILE_NOT_JSON'));
          assert.equal(e.message, `keys.json is not valid JSON. ${AGAIN}`);
          // JSON.parse's own message would quote the first characters of the key.
          assert.equal(e.cause, undefined);
          assertNoKeyMaterial(e, [keys.privateKeyBase64], 8);
          return true;
        },
      );
    });

    it('an empty file, a PEM file and bytes that are not text with KEYFILE_NOT_JSON', () => {
      rejects(' \n', 'KEYFILE_NOT_JSON', `keys.json is empty. ${AGAIN}`);
      rejects(
        pem('PRIVATE KEY', keys.privateKeyBase64),
        'KEYFILE_NOT_JSON',
        'keys.json is a PEM file, not the keys.json of the Knox Cloud API portal. Import the keys.json you downloaded from the portal.',
      );
      rejects(
        Buffer.concat([Buffer.from(keys.json.slice(0, 40)), Buffer.from([0xc3, 0x28])]),
        'KEYFILE_NOT_JSON',
        `keys.json is not text (it is not valid UTF-8). ${AGAIN}`,
      );
    });

    it('input that is neither text nor bytes (from JavaScript callers) with KEYFILE_NOT_JSON', () => {
      const inputs: unknown[] = [undefined, null, 42, {}, [1, 2]];
      for (const input of inputs) {
        rejects(
          input as string,
          'KEYFILE_NOT_JSON',
          'keys.json was given as neither text nor bytes. Pass the contents of keys.json.',
        );
      }
    });

    it('JSON that is not an object with KEYFILE_NOT_OBJECT', () => {
      const message = `keys.json does not hold a JSON object with "Public" and "Private" fields. ${AGAIN}`;
      for (const text of ['[]', 'null', '"text"', '42', JSON.stringify([JSON.parse(keys.json)])]) {
        rejects(text, 'KEYFILE_NOT_OBJECT', message);
      }
    });

    it('a missing or empty field with KEYFILE_FIELD_MISSING naming the field', () => {
      rejects(
        keysJson({ Public: keys.publicKeyBase64 }),
        'KEYFILE_FIELD_MISSING',
        `keys.json has no "Private" field. ${AGAIN}`,
      );
      rejects(
        keysJson({ Private: keys.privateKeyBase64, Identifier: 'x' }),
        'KEYFILE_FIELD_MISSING',
        `keys.json has no "Public" field. ${AGAIN}`,
      );
      rejects(
        keysJson({ Public: keys.publicKeyBase64, private: ' \n ' }),
        'KEYFILE_FIELD_MISSING',
        `keys.json has an empty "private" field. ${AGAIN}`,
      );
      rejects(
        keysJson({ Public: null, Private: keys.privateKeyBase64 }),
        'KEYFILE_FIELD_MISSING',
        `keys.json has no "Public" field. ${AGAIN}`,
      );
      rejects(
        keysJson({ Identifier: 'x' }),
        'KEYFILE_FIELD_MISSING',
        `keys.json has neither a "Public" nor a "Private" field; it is not a Knox keys.json. ${AGAIN}`,
      );
    });

    it('values that are not base64 with KEYFILE_NOT_BASE64', () => {
      rejects(
        keysJson({
          Public: keys.publicKeyBase64,
          Private: `${keys.privateKeyBase64.slice(0, 100)}!${keys.privateKeyBase64.slice(100)}`,
        }),
        'KEYFILE_NOT_BASE64',
        `The "Private" field of keys.json is not base64 text. ${AGAIN}`,
      );
      rejects(
        keysJson({
          Public: `${keys.publicKeyBase64.slice(0, 41)}`,
          Private: keys.privateKeyBase64,
        }),
        'KEYFILE_NOT_BASE64',
        `The "Public" field of keys.json is not base64 text. ${AGAIN}`,
      );
      rejects(
        keysJson({ Public: 12345, Private: keys.privateKeyBase64 }),
        'KEYFILE_NOT_BASE64',
        `The "Public" field of keys.json is not a text value; it must hold the public key in base64. ${AGAIN}`,
      );
      rejects(
        keysJson({
          Public: keys.publicKeyBase64,
          Private: pem('PRIVATE KEY', keys.privateKeyBase64).slice(0, 900),
        }),
        'KEYFILE_NOT_BASE64',
        `The "Private" field of keys.json has PEM armour that is cut off or malformed. ${AGAIN}`,
      );
    });

    it('base64 that is not a key of the right kind with KEYFILE_NOT_A_KEY', () => {
      rejects(
        keysJson({ Public: keys.publicKeyBase64, Private: randomBytes(1200).toString('base64') }),
        'KEYFILE_NOT_A_KEY',
        `The "Private" field of keys.json is not an unencrypted private key (PKCS#8 or PKCS#1 DER). ${AGAIN}`,
      );
      rejects(
        keysJson({ Public: keys.publicKeyBase64, Private: keys.publicKeyBase64 }),
        'KEYFILE_NOT_A_KEY',
        `The "Private" field of keys.json is not an unencrypted private key (PKCS#8 or PKCS#1 DER). ${AGAIN}`,
      );
      rejects(
        keysJson({ Public: keys.privateKeyBase64, Private: keys.publicKeyBase64 }),
        'KEYFILE_NOT_A_KEY',
        `The "Public" field of keys.json holds a private key where the public key belongs. ${AGAIN}`,
      );
      rejects(
        keysJson({
          Public: keys.privateKey.export({ type: 'pkcs1', format: 'der' }).toString('base64'),
          Private: keys.privateKeyBase64,
        }),
        'KEYFILE_NOT_A_KEY',
        `The "Public" field of keys.json holds a private key where the public key belongs. ${AGAIN}`,
      );
      rejects(
        keysJson({
          Public: pem('CERTIFICATE', keys.publicKeyBase64),
          Private: keys.privateKeyBase64,
        }),
        'KEYFILE_NOT_A_KEY',
        `The "Public" field of keys.json holds a PEM block that is not a public key. ${AGAIN}`,
      );
    });

    it('a passphrase-encrypted private key with KEYFILE_NOT_A_KEY', () => {
      const encrypted = keys.privateKey.export({
        type: 'pkcs8',
        format: 'pem',
        cipher: 'aes-256-cbc',
        passphrase: 'secret',
      });
      const message =
        'The "Private" field of keys.json holds a passphrase-encrypted key. Use the unencrypted keys.json from the Knox Cloud API portal.';
      rejects(
        keysJson({ Public: keys.publicKeyBase64, Private: encrypted }),
        'KEYFILE_NOT_A_KEY',
        message,
      );
      const legacy = keys.privateKey.export({
        type: 'pkcs1',
        format: 'pem',
        cipher: 'aes-256-cbc',
        passphrase: 'secret',
      });
      rejects(
        keysJson({ Public: keys.publicKeyBase64, Private: legacy }),
        'KEYFILE_NOT_A_KEY',
        message,
      );
    });

    it('keys that are not RSA with KEYFILE_NOT_RSA', () => {
      const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const ecPublic = ec.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
      const ecPrivate = ec.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
      rejects(
        keysJson({ Public: ecPublic, Private: ecPrivate }),
        'KEYFILE_NOT_RSA',
        `The "Public" key in keys.json is not an RSA key (it is EC); Knox signs with RSA keys only. ${AGAIN}`,
      );
      const ed = generateKeyPairSync('ed25519');
      rejects(
        keysJson({
          Public: keys.publicKeyBase64,
          Private: ed.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
        }),
        'KEYFILE_NOT_RSA',
        `The "Private" key in keys.json is not an RSA key (it is ED25519); Knox signs with RSA keys only. ${AGAIN}`,
      );
    });

    it('RSA keys under 2048 bits with KEYFILE_KEY_TOO_SHORT', () => {
      const short = generateKeys(1024);
      rejects(
        short.json,
        'KEYFILE_KEY_TOO_SHORT',
        `The "Public" key in keys.json has 1024 bits; Knox needs RSA keys of at least 2048 bits. ${AGAIN}`,
      );
    });

    it('keys from two different pairs with KEYFILE_KEYS_MISMATCH', () => {
      rejects(
        keysJson({ Public: keys.publicKeyBase64, Private: other.privateKeyBase64 }),
        'KEYFILE_KEYS_MISMATCH',
        `The "Public" and "Private" keys in keys.json are not a pair. ${AGAIN} Do not combine keys from different downloads.`,
      );
    });

    it('a damaged private key whose public half still matches with KEYFILE_KEYS_MISMATCH', () => {
      const jwk = keys.privateKey.export({ format: 'jwk' });
      const flip = (value: string | undefined): string => {
        const bytes = Buffer.from(value ?? '', 'base64url');
        bytes[10] = (bytes[10] ?? 0) ^ 1;
        return bytes.toString('base64url');
      };
      const damaged: KeyObject = createPrivateKey({
        key: { ...jwk, d: flip(jwk.d), dp: flip(jwk.dp) },
        format: 'jwk',
      });
      const damagedBase64 = damaged.export({ type: 'pkcs8', format: 'der' }).toString('base64');
      // The damage is real: the public halves agree, the signatures do not.
      assert.ok(createPublicKey(damaged).equals(keys.publicKey));
      const probe = Buffer.from('probe');
      assert.equal(verify('sha256', probe, keys.publicKey, sign('sha256', probe, damaged)), false);
      rejects(
        keysJson({ Public: keys.publicKeyBase64, Private: damagedBase64 }),
        'KEYFILE_KEYS_MISMATCH',
        `The "Private" key in keys.json is damaged: its signatures do not verify with the "Public" key. ${AGAIN}`,
      );
    });

    it('names the source it was given in every message', () => {
      rejects(
        '{}',
        'KEYFILE_FIELD_MISSING',
        /^C:\\Users\\me\\keys \(2\)\.json has neither/,
        'C:\\Users\\me\\keys (2).json',
      );
    });
  });
});

describe('readKeyFile', () => {
  let dir: string;
  let keys: GeneratedKeys;

  before(async () => {
    keys = generateKeys();
    dir = await mkdtemp(join(tmpdir(), 'knox-keyfile-'));
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads and parses a keys.json, with the path as its source', async () => {
    const path = join(dir, 'keys.json');
    await writeFile(path, keys.json);
    const parsed = await readKeyFile(path);
    assert.equal(parsed.source, path);
    assert.equal(parsed.publicKeyBase64, keys.publicKeyBase64);
    assert.ok(parsed.privateKey.equals(keys.privateKey));
  });

  it('reports a missing file with KEYFILE_UNREADABLE and the fs error as cause', async () => {
    const path = join(dir, 'nope.json');
    await assert.rejects(readKeyFile(path), (e: unknown) => {
      assert.ok(isKnoxToolError(e, 'KEYFILE_UNREADABLE'));
      assert.equal(
        e.message,
        `Cannot read the key file from ${path} (ENOENT). Check that the file exists and is readable.`,
      );
      assert.equal((e.cause as NodeJS.ErrnoException).code, 'ENOENT');
      return true;
    });
  });

  it('reports a directory with KEYFILE_UNREADABLE', async () => {
    const path = join(dir, 'folder');
    await mkdir(path);
    await assert.rejects(readKeyFile(path), (e: unknown) => {
      assert.ok(isKnoxToolError(e, 'KEYFILE_UNREADABLE'));
      assert.match(
        e.message,
        process.platform === 'win32' ? /EISDIR|EPERM/ : /is not a regular file \(a folder\)/,
      );
      return true;
    });
  });

  it('refuses a file far too large to be a key file without parsing it', async () => {
    const path = join(dir, 'huge.json');
    await writeFile(path, Buffer.alloc(2 * 1024 * 1024, 0x20));
    await assert.rejects(readKeyFile(path), (e: unknown) => {
      assert.ok(isKnoxToolError(e, 'KEYFILE_UNREADABLE'));
      assert.equal(
        e.message,
        `${path} is larger than 1 MB, the limit for the key file; check the path.`,
      );
      return true;
    });
  });

  it('passes parse errors through with the path as the source', async () => {
    const path = join(dir, 'half.json');
    await writeFile(path, keys.json.slice(0, 500));
    await assert.rejects(readKeyFile(path), (e: unknown) => {
      assert.ok(isKnoxToolError(e, 'KEYFILE_NOT_JSON'));
      assert.equal(e.message, `${path} is not valid JSON. ${AGAIN}`);
      return true;
    });
  });
});
