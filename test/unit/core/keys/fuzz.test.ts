import * as assert from 'node:assert/strict';
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { isKnoxToolError } from '../../../../src/core/toolError';
import type { KnoxToolErrorCode } from '../../../../src/core/toolError';
import { parseKeyFile } from '../../../../src/core/keys/keyFile';
import { generateKeys } from '../../../helpers/keys';
import type { GeneratedKeys } from '../../../helpers/keys';

const SEED = 0x4b4e4f58;
const CASES = 4000;
const WINDOW = 12;
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** mulberry32: small, fast and reproducible from one 32-bit seed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Material {
  readonly a: GeneratedKeys;
  readonly b: GeneratedKeys;
  readonly shortPublic: string;
  readonly shortPrivate: string;
  readonly ecPublic: string;
  readonly ecPrivate: string;
  readonly aPkcs1Private: string;
  readonly aPemPublic: string;
  readonly aPemPrivate: string;
}

type Mutation = (m: Material, r: Rng) => string | Uint8Array;

class Rng {
  constructor(private readonly next: () => number) {}
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

function pem(label: string, base64: string): string {
  return `-----BEGIN ${label}-----\n${(base64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;
}

function corruptBase64(value: string, r: Rng): string {
  const at = r.int(value.length);
  switch (r.int(7)) {
    case 0:
      return value.slice(0, at) + r.pick([...BASE64]) + value.slice(at + 1);
    case 1:
      return (
        value.slice(0, at) +
        r.pick(['!', '*', '.', '"', '\\', '\u00e9', '%', '=']) +
        value.slice(at)
      );
    case 2:
      return value.slice(0, at) + value.slice(at + 1 + r.int(40));
    case 3:
      return value.slice(0, at);
    case 4:
      return value.slice(0, at) + value.slice(at, at + 1 + r.int(60)) + value.slice(at);
    case 5: {
      const other = r.int(value.length);
      const chars = [...value];
      [chars[at], chars[other]] = [chars[other] ?? '', chars[at] ?? ''];
      return chars.join('');
    }
    default:
      return `${value}${r.pick(['A', 'AA', 'AAAA', '=', '==', '==='])}`;
  }
}

function randomCase(name: string, r: Rng): string {
  return [...name].map((c) => (r.chance(0.5) ? c.toUpperCase() : c.toLowerCase())).join('');
}

const MUTATIONS: Readonly<Record<string, Mutation>> = {
  flipBytes: (m, r) => {
    const bytes = Buffer.from(m.a.json);
    for (let i = 0, n = 1 + r.int(4); i < n; i++) bytes[r.int(bytes.length)] = r.int(256);
    return new Uint8Array(bytes);
  },
  truncate: (m, r) => m.a.json.slice(0, r.int(m.a.json.length)),
  deleteFields: (m, r) => {
    const fields: Record<string, string> = JSON.parse(m.a.json) as Record<string, string>;
    for (const name of ['Public', 'Private', 'Identifier']) if (r.chance(0.45)) delete fields[name];
    return JSON.stringify(fields);
  },
  renameField: (m, r) => {
    const fields: Record<string, string> = JSON.parse(m.a.json) as Record<string, string>;
    const name = r.pick(['Public', 'Private']);
    const value = fields[name];
    delete fields[name];
    const renamed = r.pick([
      randomCase(name, r),
      `${name}Key`,
      name.slice(0, -1),
      ` ${name}`,
      '',
      `${name.toLowerCase()}_key`,
    ]);
    fields[renamed] = value ?? '';
    return JSON.stringify(fields);
  },
  corruptValue: (m, r) => {
    const fields: Record<string, string> = JSON.parse(m.a.json) as Record<string, string>;
    const name = r.pick(['Public', 'Private']);
    let value = fields[name] ?? '';
    for (let i = 0, n = 1 + r.int(3); i < n; i++) value = corruptBase64(value, r);
    fields[name] = value;
    return JSON.stringify(fields);
  },
  swapKeys: (m, r) => {
    const publics = [
      m.a.publicKeyBase64,
      m.b.publicKeyBase64,
      m.shortPublic,
      m.ecPublic,
      m.aPemPublic,
    ];
    const privates = [
      m.a.privateKeyBase64,
      m.b.privateKeyBase64,
      m.shortPrivate,
      m.ecPrivate,
      m.aPkcs1Private,
      m.aPemPrivate,
    ];
    const all = [...publics, ...privates];
    return JSON.stringify({
      Public: r.chance(0.8) ? r.pick(publics) : r.pick(all),
      Private: r.chance(0.8) ? r.pick(privates) : r.pick(all),
      Identifier: m.a.identifier,
    });
  },
  restructure: (m, r) => {
    const fields = JSON.parse(m.a.json) as Record<string, unknown>;
    switch (r.int(9)) {
      case 0:
        return JSON.stringify([fields]);
      case 1:
        return JSON.stringify({ keys: fields });
      case 2:
        return JSON.stringify(JSON.stringify(fields));
      case 3:
        return `${m.a.json}${r.pick([',', '}', ']', ' garbage', '\u0000'])}`;
      case 4:
        return `// keys\n${m.a.json}`;
      case 5: {
        const name = r.pick(['Public', 'Private']);
        fields[name] = r.pick<unknown>([
          null,
          0,
          true,
          [],
          {},
          [fields[name]],
          { value: fields[name] },
        ]);
        return JSON.stringify(fields);
      }
      case 6:
        return m.a.json.replace(/"/g, "'");
      case 7:
        return `{"Public":${JSON.stringify(m.b.publicKeyBase64)},${m.a.json.slice(1)}`;
      default:
        return r.pick(['', ' ', '{}', '[]', 'null', '0', '"x"', '{"Public":""}', '{"Private":"",']);
    }
  },
  pemArmour: (m, r) => {
    let Public = r.chance(0.5) ? m.aPemPublic : m.a.publicKeyBase64;
    let Private = m.aPemPrivate;
    switch (r.int(5)) {
      case 0:
        Private = Private.replace('-----END PRIVATE KEY-----', '');
        break;
      case 1:
        Private = Private.replace(
          'PRIVATE KEY',
          r.pick(['RSA PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'CERTIFICATE', 'PUBLIC KEY']),
        );
        break;
      case 2:
        Private = Private.replace(
          /\n([A-Za-z0-9+/]{20})/,
          (_all, chunk: string) => `\n${corruptBase64(chunk, r)}`,
        );
        break;
      case 3:
        Public = Public.replace(/[A-Za-z]/, (c) =>
          c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase(),
        );
        break;
      default:
        Private = Private.replace(/\n/g, r.pick(['\r\n', '\\n', ' ', '']));
    }
    return JSON.stringify({ Public, Private });
  },
  whitespace: (m, r) => {
    const fields: Record<string, string> = JSON.parse(m.a.json) as Record<string, string>;
    const name = r.pick(['Public', 'Private']);
    const value = fields[name] ?? '';
    const at = r.int(value.length);
    fields[name] =
      value.slice(0, at) + r.pick([' ', '\n', '\r\n', '\t', '  \n  ']) + value.slice(at);
    return (
      (r.chance(0.3) ? '\uFEFF' : '') + JSON.stringify(fields, null, r.chance(0.5) ? 2 : undefined)
    );
  },
};

describe('parseKeyFile fuzzing', function () {
  this.timeout(60_000);

  it(`survives ${CASES} mutated key files with KnoxToolErrors that never quote a key`, () => {
    const a = generateKeys();
    const b = generateKeys();
    const short = generateKeys(1024);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const material: Material = {
      a,
      b,
      shortPublic: short.publicKeyBase64,
      shortPrivate: short.privateKeyBase64,
      ecPublic: ec.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      ecPrivate: ec.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
      aPkcs1Private: a.privateKey.export({ type: 'pkcs1', format: 'der' }).toString('base64'),
      aPemPublic: pem('PUBLIC KEY', a.publicKeyBase64),
      aPemPrivate: pem('PRIVATE KEY', a.privateKeyBase64),
    };
    const secrets = [
      a.publicKeyBase64,
      a.privateKeyBase64,
      material.aPkcs1Private,
      b.publicKeyBase64,
      b.privateKeyBase64,
      short.privateKeyBase64,
      material.ecPrivate,
    ];
    const windows = new Set<string>();
    for (const secret of secrets) {
      for (let i = 0; i + WINDOW <= secret.length; i++) windows.add(secret.slice(i, i + WINDOW));
    }
    const leaks = (text: string): boolean => {
      for (let i = 0; i + WINDOW <= text.length; i++)
        if (windows.has(text.slice(i, i + WINDOW))) return true;
      return false;
    };

    const r = new Rng(prng(SEED));
    const names = Object.keys(MUTATIONS);
    const outcomes = new Map<string, number>();
    const probe = Buffer.from('fuzz probe');
    for (let n = 0; n < CASES; n++) {
      const name = r.pick(names);
      const input = MUTATIONS[name]?.(material, r) ?? '';
      const label = `case ${n} (${name}, seed ${SEED})`;
      let outcome: string;
      try {
        const parsed = parseKeyFile(input, 'keys.json');
        assert.ok([a.publicKeyBase64, b.publicKeyBase64].includes(parsed.publicKeyBase64), label);
        assert.ok(
          verify('sha256', probe, parsed.publicKey, sign('sha256', probe, parsed.privateKey)),
          label,
        );
        outcome = 'parsed';
      } catch (e) {
        if (e instanceof assert.AssertionError) throw e;
        assert.ok(isKnoxToolError(e), `${label}: threw ${String(e)}`);
        assert.ok(
          e.code.startsWith('KEYFILE_') && e.code !== 'KEYFILE_UNREADABLE',
          `${label}: ${e.code}`,
        );
        assert.ok(!e.message.includes('\n'), `${label}: message is not one line`);
        for (let err: unknown = e; err instanceof Error; err = err.cause) {
          assert.ok(
            !leaks(`${err.message}\n${err.stack ?? ''}`),
            `${label}: ${e.code} message leaks key material`,
          );
        }
        outcome = e.code;
      }
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }

    const expected: (KnoxToolErrorCode | 'parsed')[] = [
      'parsed',
      'KEYFILE_NOT_JSON',
      'KEYFILE_NOT_OBJECT',
      'KEYFILE_FIELD_MISSING',
      'KEYFILE_NOT_BASE64',
      'KEYFILE_NOT_A_KEY',
      'KEYFILE_NOT_RSA',
      'KEYFILE_KEY_TOO_SHORT',
      'KEYFILE_KEYS_MISMATCH',
    ];
    for (const outcome of expected) {
      assert.ok(
        (outcomes.get(outcome) ?? 0) > 0,
        `the fuzzer never reached ${outcome}: ${JSON.stringify([...outcomes])}`,
      );
    }
  });
});
