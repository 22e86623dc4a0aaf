/** What a named request sent and got back, kept for `{{name.response.body.$.id}}` references. */
export interface RecordedExchange {
  readonly request: {
    readonly headers: Readonly<Record<string, string>>;
    readonly body?: string;
  };
  readonly response: {
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string;
  };
}

/**
 * The value a request variable path (`response.body.$.items[0].id`, `response.body.*`,
 * `response.headers.Location`, `request.body...`) selects from `exchange`, or undefined.
 * Bodies are read as JSON with a JSONPath subset: `$`, `.name`, `['name']` and `[index]`.
 */
export function requestVariableValue(exchange: RecordedExchange, path: string): string | undefined {
  const match = /^(request|response)\.(body|headers)(?:\.(.*))?$/s.exec(path);
  if (!match) return undefined;
  const side = match[1] === 'request' ? exchange.request : exchange.response;
  const selector = match[3] ?? '';
  if (match[2] === 'headers') {
    if (selector === '') return undefined;
    const wanted = selector.toLowerCase();
    const entry = Object.entries(side.headers).find(([name]) => name.toLowerCase() === wanted);
    return entry?.[1];
  }
  const body = side.body;
  if (body === undefined) return undefined;
  if (selector === '' || selector === '*') return body;
  if (!selector.startsWith('$')) return undefined;
  const steps = jsonPathSteps(selector);
  if (!steps) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(value)) return undefined;
      value = value.at(step);
    } else {
      if (typeof value !== 'object' || value === null || !Object.hasOwn(value, step))
        return undefined;
      value = (value as Record<string, unknown>)[step];
    }
    if (value === undefined) return undefined;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function jsonPathSteps(selector: string): (string | number)[] | undefined {
  const steps: (string | number)[] = [];
  const step = /\.([^.[\]]+)|\[(-?\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/y;
  step.lastIndex = 1;
  while (step.lastIndex < selector.length) {
    const at = step.lastIndex;
    const match = step.exec(selector);
    if (!match || match.index !== at) return undefined;
    if (match[1] !== undefined) steps.push(match[1]);
    else if (match[2] !== undefined) steps.push(Number(match[2]));
    else steps.push((match[3] ?? match[4] ?? '').replace(/\\(.)/g, '$1'));
  }
  return steps;
}
