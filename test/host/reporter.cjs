// Mocha reporter shared by every layer: prints spec-style lines (to stdout, and to a file when
// KNOX_TEST_REPORT is set, because inside VS Code's extension host stdout goes nowhere) and
// writes a machine-readable summary to KNOX_TEST_SUMMARY for `npm test` to add up.
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');

const {
  EVENT_RUN_END,
  EVENT_SUITE_BEGIN,
  EVENT_SUITE_END,
  EVENT_TEST_FAIL,
  EVENT_TEST_PASS,
  EVENT_TEST_PENDING,
} = Mocha.Runner.constants;

class KnoxReporter extends Mocha.reporters.Base {
  constructor(runner, options) {
    super(runner, options);
    const opts = (options && options.reporterOptions) || {};
    const reportFile = opts.reportFile || process.env.KNOX_TEST_REPORT;
    const summaryFile = opts.summaryFile || process.env.KNOX_TEST_SUMMARY;
    const layer = opts.layer || process.env.KNOX_TEST_LAYER || 'tests';
    const toStdout = !opts.quiet;
    let depth = 0;
    const failures = [];
    const write = (line) => {
      if (toStdout) process.stdout.write(line + '\n');
      if (reportFile) fs.appendFileSync(reportFile, line + '\n');
    };
    const pad = () => '  '.repeat(depth);
    runner.on(EVENT_SUITE_BEGIN, (suite) => {
      if (suite.title) write(pad() + suite.title);
      depth++;
    });
    runner.on(EVENT_SUITE_END, () => depth--);
    runner.on(EVENT_TEST_PASS, (test) => write(`${pad()}✔ ${test.title} (${test.duration} ms)`));
    runner.on(EVENT_TEST_PENDING, (test) => write(`${pad()}- ${test.title} (skipped)`));
    runner.on(EVENT_TEST_FAIL, (test, err) => {
      failures.push({
        title: test.fullTitle(),
        message: String((err && err.message) || err),
        stack: err && err.stack,
      });
      write(`${pad()}✘ ${test.title}`);
    });
    runner.once(EVENT_RUN_END, () => {
      failures.forEach((f, i) => {
        write(`\n${i + 1}) ${f.title}`);
        write(`   ${f.message}`);
        if (f.stack)
          write(
            f.stack
              .split('\n')
              .slice(1, 8)
              .map((l) => '     ' + l.trim())
              .join('\n'),
          );
      });
      const s = this.stats;
      const summary = {
        layer,
        passed: s.passes,
        failed: s.failures,
        skipped: s.pending,
        durationMs: s.duration,
      };
      write(
        `\n${layer}: ${s.passes} passed, ${s.failures} failed${s.pending ? `, ${s.pending} skipped` : ''}`,
      );
      if (summaryFile) fs.writeFileSync(summaryFile, JSON.stringify(summary));
    });
  }
}

module.exports = KnoxReporter;
