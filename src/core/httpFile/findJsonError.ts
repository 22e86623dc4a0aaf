/** Where and why a text is not JSON. `offset` is a UTF-16 index into the text. */
export interface JsonSyntaxError {
  readonly offset: number;
  readonly message: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/**
 * Checks JSON syntax exactly as `JSON.parse` accepts it and returns the first error with its
 * offset, or undefined when the text is JSON. Iterative, so deep nesting cannot overflow the stack.
 */
export function findJsonError(text: string): JsonSyntaxError | undefined {
  const n = text.length;
  const open: ('{' | '[')[] = [];
  let i = 0;
  const fail = (message: string, offset = i): JsonSyntaxError => ({ offset, message });
  const skipWhitespace = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return;
      i++;
    }
  };
  const scanString = (): JsonSyntaxError | undefined => {
    const start = i;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return undefined;
      }
      if (c === 92) {
        const escaped = text[i + 1];
        if (escaped === undefined) break;
        if ('"\\/bfnrt'.includes(escaped)) {
          i += 2;
          continue;
        }
        if (escaped === 'u' && HEX4.test(text.slice(i + 2, i + 6))) {
          i += 6;
          continue;
        }
        return fail('Invalid escape sequence in a string');
      }
      if (c < 32) return fail('Line break or control character inside a string; escape it');
      i++;
    }
    return fail('Unterminated string: add the closing "', start);
  };
  const scanMemberName = (): JsonSyntaxError | undefined => {
    skipWhitespace();
    if (i >= n) return fail('Unexpected end of JSON: a property name is missing');
    if (text[i] !== '"') return fail('Expected a property name in double quotes');
    const error = scanString();
    if (error) return error;
    skipWhitespace();
    if (text[i] !== ':') return fail("Expected ':' after the property name");
    i++;
    return undefined;
  };

  let expectValue = true;
  for (;;) {
    skipWhitespace();
    if (expectValue) {
      if (i >= n) return fail('Unexpected end of JSON: a value is missing');
      const c = text[i] ?? '';
      if (c === '{' || c === '[') {
        i++;
        skipWhitespace();
        if (text[i] === (c === '{' ? '}' : ']')) {
          i++;
          expectValue = false;
          continue;
        }
        open.push(c);
        if (c === '{') {
          const error = scanMemberName();
          if (error) return error;
        }
        continue;
      }
      if (c === '"') {
        const error = scanString();
        if (error) return error;
      } else if (c === '-' || (c >= '0' && c <= '9')) {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(text)) return fail('Invalid number');
        i = NUMBER.lastIndex;
      } else if (text.startsWith('true', i) || text.startsWith('null', i)) {
        i += 4;
      } else if (text.startsWith('false', i)) {
        i += 5;
      } else {
        return fail(`Unexpected character ${JSON.stringify(c)} where a value should be`);
      }
      expectValue = false;
      continue;
    }
    const top = open[open.length - 1];
    if (top === undefined) {
      return i < n ? fail('Unexpected text after the JSON value') : undefined;
    }
    const close = top === '{' ? '}' : ']';
    if (i >= n) return fail(`Unexpected end of JSON: a '${close}' is missing`);
    const c = text[i];
    if (c === ',') {
      i++;
      if (top === '{') {
        const error = scanMemberName();
        if (error) return error;
      }
      expectValue = true;
    } else if (c === close) {
      i++;
      open.pop();
    } else {
      return fail(
        top === '{'
          ? "Expected ',' or '}' after a property value"
          : "Expected ',' or ']' after an array element",
      );
    }
  }
}
