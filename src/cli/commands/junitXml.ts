import type { HttpTestOutcome } from '../../core/testing/runHttpTests';

/**
 * JUnit XML of a `knox test` run, as CI test reporters read it: a testsuite per file, a
 * testcase per request with assertions, a failure element with each failing assertion.
 */
export function toJUnitXml(
  outcomes: readonly { readonly path: string; readonly outcome: HttpTestOutcome }[],
  totalMs: number,
): string {
  const byFile = new Map<string, HttpTestOutcome[]>();
  for (const { path, outcome } of outcomes) {
    byFile.set(path, [...(byFile.get(path) ?? []), outcome]);
  }
  const failures = outcomes.filter((o) => !o.outcome.passed).length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="knox test" tests="${outcomes.length}" failures="${failures}" time="${seconds(totalMs)}">`,
  ];
  for (const [path, tests] of byFile) {
    const failed = tests.filter((t) => !t.passed).length;
    const time = tests.reduce((sum, t) => sum + t.durationMs, 0);
    lines.push(
      `  <testsuite name="${xml(path)}" tests="${tests.length}" failures="${failed}" time="${seconds(time)}">`,
    );
    for (const test of tests) {
      const open = `    <testcase name="${xml(test.label)}" classname="${xml(path)}" file="${xml(path)}" line="${test.request.line + 1}" time="${seconds(test.durationMs)}"`;
      if (test.passed) {
        lines.push(`${open}/>`);
        continue;
      }
      const failing = test.assertions.filter((a) => !a.passed);
      const message = test.error ?? failing.map((a) => a.message).join('; ');
      const details = test.error
        ? test.error
        : failing
            .map(
              (a) =>
                `${path}:${a.assertion.line + 1}: ?? ${a.assertion.text}\n  expected: ${a.expected}\n  actual: ${a.actual}`,
            )
            .join('\n');
      lines.push(
        `${open}>`,
        `      <failure message="${xml(message)}" type="${test.error ? 'error' : 'assertion'}">${xml(details)}</failure>`,
        '    </testcase>',
      );
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

// Escapes text for XML attributes and content. XML 1.0 allows no control characters other
// than tab and line breaks, even escaped: they are dropped.
function xml(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 0x20 && char !== '\t' && char !== '\n' && char !== '\r') continue;
    out += ESCAPES[char] ?? char;
  }
  return out;
}
