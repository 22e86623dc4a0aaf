/** One `{{...}}` in a line of text: where it is and what is between the braces. */
export interface VariableReference {
  /** Index of the opening `{{`. */
  readonly start: number;
  /** Index just after the closing `}}`, or the text length when there is none. */
  readonly end: number;
  /** The text between the braces, trimmed. */
  readonly expression: string;
  readonly terminated: boolean;
}

/** What a `{{...}}` expression asks for. */
export type ReferenceExpression =
  | {
      readonly kind: 'name';
      readonly name: string;
      /** `{{%name}}`: the value goes in percent-encoded (encodeURIComponent). */
      readonly percentEncoded: boolean;
    }
  | { readonly kind: 'system'; readonly name: string; readonly args: readonly string[] }
  | { readonly kind: 'invalid'; readonly message: string };

/** Finds every `{{...}}` in one line of text, in order, including an unterminated last one. */
export function findVariableReferences(text: string): VariableReference[] {
  const found: VariableReference[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('{{', from);
    if (start < 0) return found;
    const close = text.indexOf('}}', start + 2);
    if (close < 0) {
      found.push({
        start,
        end: text.length,
        expression: text.slice(start + 2).trim(),
        terminated: false,
      });
      return found;
    }
    found.push({
      start,
      end: close + 2,
      expression: text.slice(start + 2, close).trim(),
      terminated: true,
    });
    from = close + 2;
  }
}

/** Classifies a `{{...}}` expression: a variable name, a `$system` variable, or invalid. */
export function parseReferenceExpression(expression: string): ReferenceExpression {
  if (expression === '') {
    return { kind: 'invalid', message: 'Empty {{}}: put a variable name between the braces.' };
  }
  if (expression.startsWith('$')) {
    const [name = '', ...args] = expression.split(/\s+/);
    return { kind: 'system', name, args };
  }
  if (/[\s{}]/.test(expression)) {
    return {
      kind: 'invalid',
      message: `'{{${expression}}}' is not a variable name: names have no spaces or braces.`,
    };
  }
  const percentEncoded = expression.startsWith('%');
  const name = percentEncoded ? expression.slice(1) : expression;
  if (name === '') {
    return { kind: 'invalid', message: "'{{%}}' needs a variable name after '%': {{%name}}." };
  }
  return { kind: 'name', name, percentEncoded };
}

/** Splits a request variable such as `login.response.body.$.token` into request name and path. */
export function parseRequestVariable(
  name: string,
): { readonly request: string; readonly path: string } | undefined {
  const match = /^([\w-]+)\.((?:response|request)\.(?:body|headers)(?:\..*)?)$/.exec(name);
  return match?.[1] !== undefined && match[2] !== undefined
    ? { request: match[1], path: match[2] }
    : undefined;
}

/**
 * Replaces every `{{...}}` (an unterminated one up to the end) with `fill` repeated to the same
 * length, so the text can be checked as JSON or a URL with positions unchanged.
 */
export function maskVariableReferences(text: string, fill = '1'): string {
  let masked = '';
  let from = 0;
  for (const reference of findVariableReferences(text)) {
    masked += text.slice(from, reference.start) + fill.repeat(reference.end - reference.start);
    from = reference.end;
  }
  return masked + text.slice(from);
}
