import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { decodeJwt, describeJwtTimes, verifyJwtSignature } from '../../core/tokens/decodeJwt';
import { isKnoxToolError } from '../../core/toolError';
import type { CliCommand } from '../cliCommand';
import { formatFields } from '../formatFields';
import { MAX_INPUT_BYTES } from '../readSecret';
import type { Field } from '../formatFields';
import { KEYS_OPTION, isoTime, loadKeyFile } from './commonOptions';

/** How the signature check went: against the key file, against the token's own publicKey claim, or not at all. */
type SignatureCheck =
  | {
      readonly checked: true;
      readonly valid: boolean;
      readonly against: 'keys' | 'publicKeyClaim';
      readonly keysFile?: string;
    }
  | { readonly checked: false; readonly reason: string };

const LONG_VALUE = 64;
const TIME_CLAIMS = new Set(['iat', 'exp', 'nbf', 'auth_time']);

/** `knox decode`: a JWT's header, claims and times, and whether its signature verifies. */
export const decodeCommand: CliCommand = {
  name: 'decode',
  summary: "Show a JWT's header, claims and times, and check its signature against keys.json.",
  usage: 'decode JWT [--keys FILE]',
  description:
    'Decodes a JWT (JWT may be - to read it from stdin, which keeps it out of the process list; a leading "Bearer " is ignored) and shows its header, claims, issue and expiry times (UTC, with how long ago or how soon), and whether it has expired. With --keys, checks the RS256/RS512 signature against the key file and that the publicKey claim is its public key; without, checks the signature against the token\'s own publicKey claim when it has one. Long values are shortened in text; --json shows them whole. A signature that does not verify is reported, not an error: the exit status stays 0.',
  options: {
    keys: { ...KEYS_OPTION, description: 'Check the signature against this keys.json.' },
  },
  positionals: { names: ['JWT'], required: 1 },
  examples: [
    'knox decode eyJhbGciOiJSUzUxMiIs...',
    'knox token --keys keys.json --client-id-file id.txt | knox decode - --keys keys.json',
  ],
  async run(args, context) {
    const input = args.positionals[0] ?? '';
    const raw = input === '-' ? await context.io.readStdin(MAX_INPUT_BYTES, 'the token') : input;
    const token = raw.trim().replace(/^Bearer\s+/i, '');
    context.redactor.remember(token);
    const { header, claims } = decodeJwt(token);
    const nowMs = context.io.now();
    const times = describeJwtTimes(claims, nowMs);
    const key = args.values.keys === undefined ? undefined : await loadKeyFile(args, context);
    const signature = await checkSignature(
      token,
      claims,
      key && { publicKey: key.publicKey, source: key.source },
    );
    const publicKeyMatches =
      key === undefined || typeof claims.publicKey !== 'string'
        ? undefined
        : claims.publicKey === key.publicKeyBase64;

    const json = {
      header,
      claims,
      times: {
        ...(times.issuedAt ? { issuedAt: isoTime(times.issuedAt.getTime()) } : {}),
        ...(times.expiresAt ? { expiresAt: isoTime(times.expiresAt.getTime()) } : {}),
        expired: times.expired,
        ...(times.secondsLeft === undefined ? {} : { secondsLeft: times.secondsLeft }),
      },
      signature,
      ...(publicKeyMatches === undefined ? {} : { publicKeyMatchesKeys: publicKeyMatches }),
    };

    const status: Field[] = [
      [
        'expired',
        times.expiresAt === undefined
          ? 'no (the token has no exp claim)'
          : times.expired
            ? `yes, ${describeDuration((nowMs - times.expiresAt.getTime()) / 1000)} ago`
            : `no, ${describeDuration(times.secondsLeft ?? 0)} left`,
      ],
      ['signature', describeSignature(signature, header.alg)],
      [
        'publicKey',
        publicKeyMatches === undefined
          ? ''
          : publicKeyMatches
            ? 'the claim is the public key of the key file'
            : 'the claim is NOT the public key of the key file: Knox answers 4012250',
      ],
    ];
    const text = [
      'Header',
      formatFields(
        Object.entries(header).map(([name, value]) => [name, showValue(name, value, nowMs)]),
        '  ',
      ),
      'Claims',
      formatFields(
        Object.entries(claims).map(([name, value]) => [name, showValue(name, value, nowMs)]),
        '  ',
      ),
      'Status',
      formatFields(status, '  '),
    ].join('\n');
    return { text, json };
  },
};

async function checkSignature(
  token: string,
  claims: Readonly<Record<string, unknown>>,
  key: { readonly publicKey: KeyObject; readonly source: string } | undefined,
): Promise<SignatureCheck> {
  let publicKey = key?.publicKey;
  if (publicKey === undefined) {
    publicKey = typeof claims.publicKey === 'string' ? publicKeyOf(claims.publicKey) : undefined;
    if (publicKey === undefined) {
      return { checked: false, reason: 'no key to check it with: give --keys FILE' };
    }
  }
  try {
    const valid = await verifyJwtSignature(token, publicKey);
    return key === undefined
      ? { checked: true, valid, against: 'publicKeyClaim' }
      : { checked: true, valid, against: 'keys', keysFile: key.source };
  } catch (e) {
    // An HS512 portal Client Identifier, say: it cannot be checked with an RSA key, which is no error.
    if (isKnoxToolError(e, 'TOKEN_INVALID_INPUT')) return { checked: false, reason: e.message };
    throw e;
  }
}

function publicKeyOf(base64: string): KeyObject | undefined {
  try {
    const key = createPublicKey({
      key: Buffer.from(base64, 'base64'),
      format: 'der',
      type: 'spki',
    });
    return key.asymmetricKeyType === 'rsa' ? key : undefined;
  } catch {
    return undefined;
  }
}

function describeSignature(check: SignatureCheck, alg: unknown): string {
  if (!check.checked) return `not checked: ${check.reason}`;
  const algorithm = typeof alg === 'string' ? `${alg}, ` : '';
  const against =
    check.against === 'keys' ? `the key file ${check.keysFile ?? ''}` : 'its own publicKey claim';
  return check.valid
    ? `valid (${algorithm}verified with ${against})`
    : `INVALID: does not verify with ${against}`;
}

function showValue(name: string, value: unknown, nowMs: number): string {
  if (TIME_CLAIMS.has(name) && typeof value === 'number' && Number.isFinite(value)) {
    const delta = (value * 1000 - nowMs) / 1000;
    const relative =
      delta >= 0 ? `in ${describeDuration(delta)}` : `${describeDuration(-delta)} ago`;
    return `${value}  ${isoTime(value * 1000)} (${relative})`;
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > LONG_VALUE
    ? `${text.slice(0, 24)}...${text.slice(-8)} (${text.length} chars)`
    : text;
}

/** "45 s", "29 min 58 s", "2 h 5 min", "3 days 4 h". */
function describeDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  if (s < 86400) {
    const minutes = Math.floor((s % 3600) / 60);
    return `${Math.floor(s / 3600)} h${minutes ? ` ${minutes} min` : ''}`;
  }
  const hours = Math.floor((s % 86400) / 3600);
  const days = Math.floor(s / 86400);
  return `${days} day${days === 1 ? '' : 's'}${hours ? ` ${hours} h` : ''}`;
}
