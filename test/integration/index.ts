// Entry point VS Code calls inside the extension host (`extensionTestsPath`), in code-server
// and under @vscode/test-electron alike: runs every *.test.js beside this file with mocha.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false });
  mocha.reporter(join(__dirname, '..', '..', '..', 'test', 'host', 'reporter.cjs'), {
    layer: 'integration',
  });
  const grep = process.env.KNOX_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(join(__dirname, file));
  }
  return new Promise((ok, fail) => {
    mocha.run((failures) =>
      failures ? fail(new Error(`${failures} integration test(s) failed`)) : ok(),
    );
  });
}
