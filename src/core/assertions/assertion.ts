import { parseJsonPath } from './jsonPath';
import type { JsonPath } from './jsonPath';

/** What an assertion looks at in the response. */
export type AssertionSubject =
  | { readonly kind: 'status' }
  | { readonly kind: 'header'; readonly name: string }
  | { readonly kind: 'body'; readonly path: JsonPath | undefined; readonly pathText: string }
  | { readonly kind: 'duration' }
  | { readonly kind: 'knoxCode' };

/** Every comparison an assertion may make. */
export const ASSERTION_OPERATORS = [
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'includes',
  'matches',
  'exists',
] as const;

export type AssertionOperator = (typeof ASSERTION_OPERATORS)[number];

/** One `?? subject operator value` line of a request, parsed; nothing in it is ever executed. */
export interface Assertion {
  /** 0-based line in the `.http` file. */
  readonly line: number;
  /** The line after `??`, trimmed: how results name the assertion. */
  readonly text: string;
  readonly subject: AssertionSubject;
  readonly operator: AssertionOperator;
  /** The expected value as written (`{{variables}}` not yet substituted); undefined for `exists`. */
  readonly value: string | undefined;
}

/** A line that starts with `??` (after indentation): an assertion, well formed or not. */
export const ASSERTION_LINE = /^\s*\?\?/;

/** Longest assertion line read; a longer one is reported instead of parsed. */
export const MAX_ASSERTION_CHARS = 4096;

const HEADER_NAME = /^[!#$%&'*+.^_`|~\w-]+$/;

/**
 * Parses one `??` line: `status`, `header NAME`, `body [JSONPATH]`, `duration` or `knox code`,
 * then an operator and (except for `exists`) a value. Returns a one-line reason for a malformed line.
 */
export function parseAssertion(
  raw: string,
  line: number,
): { readonly assertion: Assertion } | { readonly error: string } {
  if (raw.length > MAX_ASSERTION_CHARS) {
    return { error: `This assertion is longer than ${MAX_ASSERTION_CHARS} characters.` };
  }
  const text = raw.replace(ASSERTION_LINE, '').trim();
  const words = /^(\S+)(?:\s+(\S+))?(?:\s+(\S+))?/.exec(text);
  const first = words?.[1];
  if (first === undefined) {
    return { error: `An assertion says what to check: ${EXAMPLE}` };
  }
  let subject: AssertionSubject;
  let used: number;
  switch (first.toLowerCase()) {
    case 'status':
      subject = { kind: 'status' };
      used = 1;
      break;
    case 'duration':
      subject = { kind: 'duration' };
      used = 1;
      break;
    case 'header': {
      const name = words?.[2];
      if (name === undefined || !HEADER_NAME.test(name) || isOperator(name)) {
        return { error: 'Name the header: ?? header content-type includes json.' };
      }
      subject = { kind: 'header', name };
      used = 2;
      break;
    }
    case 'knox':
      if (words?.[2]?.toLowerCase() !== 'code') {
        return { error: 'Write "knox code", as in ?? knox code == 4032251.' };
      }
      subject = { kind: 'knoxCode' };
      used = 2;
      break;
    case 'body': {
      const second = words?.[2];
      if (second !== undefined && second.startsWith('$')) {
        const path = parseJsonPath(second);
        if ('error' in path) return { error: path.error };
        subject = { kind: 'body', path, pathText: second };
        used = 2;
      } else {
        subject = { kind: 'body', path: undefined, pathText: '' };
        used = 1;
      }
      break;
    }
    default:
      return {
        error: `"${first}" is not something an assertion checks; use status, header NAME, body [$.path], duration or knox code.`,
      };
  }
  const rest = skipWords(text, used);
  const operatorWord = /^\S+/.exec(rest)?.[0];
  if (operatorWord === undefined || !isOperator(operatorWord)) {
    return {
      error: `${operatorWord === undefined ? 'The assertion has no operator' : `"${operatorWord}" is not an operator`}; use ${ASSERTION_OPERATORS.join(' ')}.`,
    };
  }
  const value = rest.slice(operatorWord.length).trim();
  if (operatorWord === 'exists') {
    if (value !== '') return { error: '"exists" takes no value: ?? body $.id exists.' };
    return { assertion: { line, text, subject, operator: operatorWord, value: undefined } };
  }
  if (value === '') {
    return { error: `"${operatorWord}" needs a value to compare with, as in ${EXAMPLE}` };
  }
  if (operatorWord === 'matches' && !value.includes('{{')) {
    const problem = regexProblem(value);
    if (problem !== undefined) return { error: problem };
  }
  return { assertion: { line, text, subject, operator: operatorWord, value } };
}

/** The regular expression of a `matches` value: `/pattern/flags` or the pattern as written. */
export function assertionRegex(value: string): RegExp {
  const slashed = /^\/([\s\S]*)\/([dgimsuy]*)$/.exec(value);
  return slashed ? new RegExp(slashed[1] ?? '', slashed[2]) : new RegExp(value);
}

function regexProblem(value: string): string | undefined {
  try {
    assertionRegex(value);
    return undefined;
  } catch (e) {
    return `"${value}" is not a valid regular expression (${e instanceof Error ? e.message : String(e)}).`;
  }
}

const EXAMPLE = '?? status == 200.';

function isOperator(word: string): word is AssertionOperator {
  return (ASSERTION_OPERATORS as readonly string[]).includes(word);
}

function skipWords(text: string, count: number): string {
  let rest = text;
  for (let i = 0; i < count; i++) rest = rest.replace(/^\S+\s*/, '');
  return rest;
}
