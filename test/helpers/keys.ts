import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

export interface GeneratedKeys {
  /** keys.json text in the Knox Cloud API portal's format. */
  readonly json: string;
  readonly publicKeyBase64: string;
  readonly privateKeyBase64: string;
  readonly publicKey: KeyObject;
  readonly privateKey: KeyObject;
  readonly identifier: string;
}

/** A fresh RSA key pair in the portal's keys.json shape. Never commit the output. */
export function generateKeys(modulusLength = 2048): GeneratedKeys {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength });
  const publicKeyBase64 = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const privateKeyBase64 = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
  const identifier = randomUUID();
  const json = JSON.stringify({
    Public: publicKeyBase64,
    Private: privateKeyBase64,
    Identifier: identifier,
  });
  return { json, publicKeyBase64, privateKeyBase64, publicKey, privateKey, identifier };
}
