import type { Assertion } from './assertion';
import { assertionRegex } from './assertion';
import { selectJsonPath } from './jsonPath';

/** What assertions look at: the response as it came, its time and its Knox error code. */
export interface AssertedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly elapsedMs: number;
  /** The Knox error code of the response, whatever service's error shape it came in. */
  readonly knoxCode: string | undefined;
}

/** One assertion's verdict, with both sides as text for a test report. */
export interface AssertionOutcome {
  readonly assertion: Assertion;
  readonly passed: boolean;
  /** `== 200`, `exists`: the expectation with variables substituted. */
  readonly expected: string;
  /** What the response had, as text (`(none)` when the subject is absent). */
  readonly actual: string;
  /** One line: `status == 200: got 404`. */
  readonly message: string;
}

/** Longest actual value a report quotes, in characters; the one-line message quotes less. */
const ACTUAL_CHARS = 500;
const MESSAGE_ACTUAL_CHARS = 80;
const NONE = '(none)';

/**
 * Checks one assertion against a response. `resolve` substitutes `{{variables}}` in the
 * expected value. Never throws and never executes anything from the file.
 */
export function evaluateAssertion(
  assertion: Assertion,
  response: AssertedResponse,
  resolve: (text: string) => string = (text) => text,
): AssertionOutcome {
  const actual = actualOf(assertion, response);
  const expectedText = assertion.value === undefined ? undefined : resolve(assertion.value);
  const verdict = compare(assertion, actual, expectedText);
  const expected =
    expectedText === undefined ? assertion.operator : `${assertion.operator} ${expectedText}`;
  const shown = show(actual);
  return {
    assertion,
    passed: verdict.passed,
    expected,
    actual: shown,
    message: verdict.passed
      ? assertion.text
      : `${subjectLabel(assertion)} ${expected}: ${verdict.why ?? `got ${cut(shown, MESSAGE_ACTUAL_CHARS)}`}`,
  };
}

/** `undefined`: the subject is absent. A wildcard path gives the array of its matches. */
function actualOf(assertion: Assertion, response: AssertedResponse): unknown {
  const { subject } = assertion;
  switch (subject.kind) {
    case 'status':
      return response.status;
    case 'duration':
      return Math.round(response.elapsedMs);
    case 'knoxCode':
      return response.knoxCode;
    case 'header': {
      const wanted = subject.name.toLowerCase();
      return Object.entries(response.headers).find(([name]) => name.toLowerCase() === wanted)?.[1];
    }
    case 'body': {
      if (!subject.path) return response.body === '' ? undefined : response.body;
      let json: unknown;
      try {
        json = JSON.parse(response.body);
      } catch {
        return undefined;
      }
      const found = selectJsonPath(json, subject.path);
      return subject.path.many ? (found.length === 0 ? undefined : found) : found[0];
    }
  }
}

function compare(
  assertion: Assertion,
  actual: unknown,
  expectedText: string | undefined,
): { readonly passed: boolean; readonly why?: string } {
  if (assertion.operator === 'exists') return { passed: actual !== undefined };
  if (actual === undefined) return { passed: false, why: `${subjectLabel(assertion)} is absent` };
  const text = expectedText ?? '';
  switch (assertion.operator) {
    case '==':
      return { passed: looselyEqual(actual, literal(text)) };
    case '!=':
      return { passed: !looselyEqual(actual, literal(text)) };
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const left = numberOf(actual);
      const right = numberOf(literal(text));
      if (left === undefined) {
        return {
          passed: false,
          why: `got ${cut(show(actual), MESSAGE_ACTUAL_CHARS)}, not a number`,
        };
      }
      if (right === undefined) return { passed: false, why: `"${text}" is not a number` };
      const passed =
        assertion.operator === '<'
          ? left < right
          : assertion.operator === '<='
            ? left <= right
            : assertion.operator === '>'
              ? left > right
              : left >= right;
      return { passed };
    }
    case 'includes': {
      if (Array.isArray(actual)) {
        const wanted = literal(text);
        return { passed: actual.some((item) => looselyEqual(item, wanted)) };
      }
      return { passed: asText(actual).includes(unquoted(text)) };
    }
    case 'matches': {
      let regex: RegExp;
      try {
        regex = assertionRegex(text);
      } catch {
        return { passed: false, why: `"${text}" is not a valid regular expression` };
      }
      return { passed: regex.test(asText(actual)) };
    }
  }
}

/** The expected value as data: a JSON literal when it is one (`"a"`, `12`, `true`, `[1]`), else the text. */
function literal(text: string): unknown {
  if (/^(?:"|-?\d|true$|false$|null$|\[|\{)/.test(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

function unquoted(text: string): string {
  const value = literal(text);
  return typeof value === 'string' ? value : text;
}

// Numbers compare with numeric strings (a header's "12", a Knox code "4032251"); anything
// else compares by its JSON form, so objects and arrays compare by content.
function looselyEqual(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'number' || typeof expected === 'number') {
    const left = numberOf(actual);
    const right = numberOf(expected);
    if (left !== undefined && right !== undefined) return left === right;
  }
  if (typeof expected === 'string' && typeof actual !== 'object')
    return asText(actual) === expected;
  return canonical(actual) === canonical(expected);
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\s*$/.test(value)) {
    return Number(value);
  }
  return undefined;
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function show(actual: unknown): string {
  return actual === undefined ? NONE : cut(asText(actual), ACTUAL_CHARS);
}

function cut(text: string, chars: number): string {
  return text.length > chars ? `${text.slice(0, chars)}…` : text;
}

function subjectLabel(assertion: Assertion): string {
  const { subject } = assertion;
  switch (subject.kind) {
    case 'header':
      return `header ${subject.name}`;
    case 'body':
      return subject.path ? `body ${subject.pathText}` : 'body';
    case 'knoxCode':
      return 'knox code';
    default:
      return subject.kind;
  }
}
