import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_COMMANDS } from '../../../src/cli/commandTable';
import { assertCliBuilt, assertFailure, jsonOf, knox } from './knoxProcess';

const packageVersion = (
  JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

describe('knox (process): version, help and usage errors', () => {
  before(assertCliBuilt);

  it('prints the package version with --version and -V', async () => {
    const long = await knox(['--version']);
    assert.deepEqual([long.code, long.stdout, long.stderr], [0, `${packageVersion}\n`, '']);
    const short = await knox(['-V', '--json']);
    assert.equal(short.code, 0);
    assert.deepEqual(jsonOf(short), { version: packageVersion });
  });

  it('lists every command with --help, on stdout, exit 0', async () => {
    const run = await knox(['--help']);
    assert.equal(run.code, 0);
    assert.equal(run.stderr, '');
    for (const command of CLI_COMMANDS) {
      assert.ok(run.stdout.includes(`  ${command.name}  `), `--help lists ${command.name}`);
    }
    assert.match(run.stdout, /Exit status:\n {2}0 +success\n {2}1 +Knox refused/);
    assert.match(run.stdout, /--\.\.\.-env VAR/);
  });

  it('shows the overview on stderr and exits 2 when no command is given', async () => {
    const run = await knox([]);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^knox \d+\.\d+\.\d+: /);
    assert.match(run.stderr, /Usage: knox <command> \[options\]/);
  });

  it('gives the same command help for "help CMD" and "CMD --help", naming every option', async () => {
    const viaHelp = await knox(['help', 'token']);
    const viaFlag = await knox(['token', '--help']);
    assert.equal(viaHelp.code, 0);
    assert.equal(viaFlag.code, 0);
    assert.equal(viaHelp.stdout, viaFlag.stdout);
    assert.match(viaHelp.stdout, /^Usage: knox token --keys FILE --client-id-file FILE/);
    for (const option of [
      '--keys FILE',
      '--client-id-file FILE',
      '--client-id-env VAR',
      '--region REGION',
      '--base URL',
      '--validity MIN',
      '--json',
      '--debug',
    ]) {
      assert.ok(viaHelp.stdout.includes(option), `token help names ${option}`);
    }
    assert.match(viaHelp.stdout, /Examples:\n {2}knox token /);
  });

  it('shows help for a two-word command and for a group', async () => {
    const command = await knox(['help', 'sign', 'client-id']);
    assert.equal(command.code, 0);
    assert.match(command.stdout, /^Usage: knox sign client-id --keys FILE/);
    assert.match(command.stdout, /--idp-token-file FILE/);
    const group = await knox(['sign', '--help']);
    assert.equal(group.code, 0);
    assert.match(group.stdout, /^Usage: knox sign <client-id\|access-token\|session-token>/);
  });

  it('exits 2 when a group is given without its command', async () => {
    assertFailure(
      await knox(['sign']),
      2,
      'knox sign needs a command: client-id, access-token, session-token',
    );
  });

  it('exits 2 for an unknown command and suggests the nearest', async () => {
    assertFailure(await knox(['tokn']), 2, 'Unknown command "tokn".', 'Did you mean "knox token"?');
    assertFailure(
      await knox(['oauth', 'tokn']),
      2,
      'Unknown command "oauth tokn".',
      'Did you mean "knox oauth token"?',
    );
  });

  it('exits 2 for an unknown option and suggests the nearest, without echoing a value', async () => {
    const run = await knox(['public-key', '--kyes=SECRET-VALUE-1234']);
    assertFailure(
      run,
      2,
      'Unknown option --kyes.',
      'Did you mean --keys?',
      'Run knox public-key --help for usage.',
    );
    assert.ok(!run.stderr.includes('SECRET-VALUE-1234'));
  });

  it('exits 2 naming a missing required option or value', async () => {
    assertFailure(await knox(['public-key']), 2, '--keys FILE is required.');
    assertFailure(await knox(['public-key', '--keys']), 2, '--keys needs a value (FILE).');
    const flagAsValue = await knox(['public-key', '--keys', '--alg']);
    assertFailure(flagAsValue, 2, '--keys needs a value (FILE).');
  });

  it('does not echo unexpected arguments, which are often a secret typed where an option was meant', async () => {
    const run = await knox([
      'public-key',
      '--keys',
      'k.json',
      'eyJhbGciOiJIUzUxMiJ9.c2VjcmV0.c2ln',
    ]);
    assertFailure(run, 2, 'knox public-key takes no arguments besides options, but got 1.');
    assert.ok(!run.stderr.includes('c2VjcmV0'));
  });

  it('prints a usage error as one JSON document with --json', async () => {
    const run = await knox(['public-key', '--json']);
    assert.equal(run.code, 2);
    const { error } = jsonOf(run) as { error: Record<string, unknown> };
    assert.equal(error.code, 'INVALID_INPUT');
    assert.equal(error.exitCode, 2);
    assert.match(String(error.message), /--keys FILE is required/);
    assert.match(run.stderr, /^knox: --keys FILE is required/);
  });
});
