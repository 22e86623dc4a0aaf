import assert from 'node:assert/strict';
import { isKnoxToolError } from '../../../src/core/toolError';
import {
  closest,
  flagOption,
  integerOption,
  parseOptions,
  stringListOption,
  stringOption,
} from '../../../src/cli/parseOptions';
import type { OptionSpecs } from '../../../src/cli/parseOptions';

const SPECS: OptionSpecs = {
  keys: { type: 'string', placeholder: 'FILE', description: '' },
  scope: { type: 'string', multiple: true, placeholder: 'SCOPES', description: '' },
  json: { type: 'boolean', description: '' },
  help: { type: 'boolean', short: 'h', description: '' },
  validity: { type: 'string', placeholder: 'MIN', description: '' },
};

function usageError(argv: readonly string[], message: RegExp): void {
  assert.throws(
    () => parseOptions(argv, SPECS),
    (e: unknown) => isKnoxToolError(e, 'INVALID_INPUT') && message.test(e.message),
  );
}

describe('parseOptions', () => {
  it('reads --name value, --name=value, flags, short aliases and positionals', () => {
    const parsed = parseOptions(
      ['a', '--keys', 'k.json', '--json', '-h', 'b', '--validity=5'],
      SPECS,
    );
    assert.deepEqual(parsed.positionals, ['a', 'b']);
    assert.equal(stringOption(parsed, 'keys'), 'k.json');
    assert.equal(flagOption(parsed, 'json'), true);
    assert.equal(flagOption(parsed, 'help'), true);
    assert.equal(integerOption(parsed, 'validity', 1, 30), 5);
    assert.equal(stringOption(parsed, 'scope'), undefined);
  });

  it('keeps a value containing "=" whole and takes "-" as a positional (stdin)', () => {
    const parsed = parseOptions(['--keys=a=b', '-'], SPECS);
    assert.equal(stringOption(parsed, 'keys'), 'a=b');
    assert.deepEqual(parsed.positionals, ['-']);
    assert.equal(stringOption(parseOptions(['--keys', '-'], SPECS), 'keys'), '-');
  });

  it('treats everything after -- as positional', () => {
    const parsed = parseOptions(['--json', '--', '--keys', '-h'], SPECS);
    assert.deepEqual(parsed.positionals, ['--keys', '-h']);
    assert.equal(stringOption(parsed, 'keys'), undefined);
  });

  it('collects a repeatable option in order', () => {
    const parsed = parseOptions(['--scope', 'kme', '--scope=kdp kc'], SPECS);
    assert.deepEqual(stringListOption(parsed, 'scope'), ['kme', 'kdp kc']);
  });

  it('refuses unknown options, missing or empty values, values on flags and repeats', () => {
    usageError(['--kyes', 'x'], /^Unknown option --kyes\. Did you mean --keys\?$/);
    usageError(['--zzzzzz'], /^Unknown option --zzzzzz\.$/);
    usageError(['-x'], /^Unknown option -x\./);
    usageError(['--keys'], /^--keys needs a value \(FILE\)\.$/);
    usageError(['--keys', '--json'], /^--keys needs a value \(FILE\)\.$/);
    // A value that starts with '-' (a base64url secret can) is told how to pass, never echoed.
    usageError(
      ['--keys', '-Kq3_x9'],
      /^--keys needs a value \(FILE\)\. For a value that starts with "-", write --keys=VALUE\.$/,
    );
    usageError(['--keys='], /^--keys is empty/);
    usageError(['--json=yes'], /^--json is a switch and takes no value/);
    usageError(['--keys', 'a', '--keys', 'b'], /^--keys is given more than once; give it once\.$/);
  });

  it('does not echo what follows "=" in an unknown option, which may be a secret', () => {
    assert.throws(
      () => parseOptions(['--client-secrt=s3cr3t-value'], SPECS),
      (e: unknown) =>
        isKnoxToolError(e) && !e.message.includes('s3cr3t') && e.message.includes('--client-secrt'),
    );
  });

  it('checks whole numbers against their range', () => {
    const parse = (value: string): number | undefined =>
      integerOption(parseOptions([`--validity=${value}`], SPECS), 'validity', 1, 30);
    assert.equal(parse('30'), 30);
    for (const bad of ['0', '31', '1.5', '-1', 'ten', '1e1']) {
      assert.throws(
        () => parse(bad),
        (e: unknown) =>
          isKnoxToolError(e, 'INVALID_INPUT') &&
          e.message.startsWith('--validity must be a whole number from 1 to 30'),
        bad,
      );
    }
  });
});

describe('closest', () => {
  it('finds a typo, a swap of neighbours and a missing letter, and nothing for a far word', () => {
    assert.equal(closest('kyes', ['keys', 'json']), 'keys');
    assert.equal(closest('tokn', ['token', 'decode']), 'token');
    assert.equal(closest('explian', ['explain', 'scopes']), 'explain');
    assert.equal(closest('sandwich', ['sandbox', 'send']), undefined);
  });
});
