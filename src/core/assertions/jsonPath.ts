/** One step of a JSONPath: a member name, an array index (negative from the end), or `*`. */
export type JsonPathStep =
  | { readonly kind: 'member'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'wildcard' };

/** A parsed JSONPath of the subset assertions accept. */
export interface JsonPath {
  readonly steps: readonly JsonPathStep[];
  /** True when a step is `*`: the path then selects a list of values. */
  readonly many: boolean;
}

// `.name`, `.*`, `[0]`, `[-1]`, `[*]`, `['name']`, `["name"]`, one after another from `$`.
const STEP =
  /\.([A-Za-z_$][\w$-]*)|\.(\*)|\[\s*(-?\d+)\s*\]|\[\s*(\*)\s*\]|\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\]/y;

/**
 * Parses the JSONPath subset of assertions: `$` then member (`.a`, `['a b']`), index (`[0]`,
 * `[-1]`) and wildcard (`.*`, `[*]`) steps. Linear; returns a one-line reason when it is not one.
 */
export function parseJsonPath(text: string): JsonPath | { readonly error: string } {
  if (!text.startsWith('$')) return { error: `A JSONPath starts with $, as in $.items[0].id.` };
  const steps: JsonPathStep[] = [];
  STEP.lastIndex = 1;
  while (STEP.lastIndex < text.length) {
    const at = STEP.lastIndex;
    const match = STEP.exec(text);
    if (!match || match.index !== at) {
      return {
        error: `"${text}" is not in the JSONPath subset at "${text.slice(at, at + 12)}": use .name, ['name'], [0] or *.`,
      };
    }
    if (match[1] !== undefined) steps.push({ kind: 'member', name: match[1] });
    else if (match[3] !== undefined) steps.push({ kind: 'index', index: Number(match[3]) });
    else if (match[2] !== undefined || match[4] !== undefined) steps.push({ kind: 'wildcard' });
    else {
      const quoted = match[5] ?? match[6] ?? '';
      steps.push({ kind: 'member', name: quoted.replace(/\\(.)/g, '$1') });
    }
  }
  return { steps, many: steps.some((s) => s.kind === 'wildcard') };
}

/**
 * The values `path` selects in `value`: at most one without a wildcard (none when a step is
 * missing), every match in document order with one.
 */
export function selectJsonPath(value: unknown, path: JsonPath): unknown[] {
  let current: unknown[] = [value];
  for (const step of path.steps) {
    const next: unknown[] = [];
    for (const item of current) {
      if (step.kind === 'wildcard') {
        if (typeof item === 'object' && item !== null) {
          for (const element of Object.values(item as Record<string, unknown>)) next.push(element);
        }
      } else if (step.kind === 'index') {
        if (Array.isArray(item)) {
          const found: unknown = item.at(step.index);
          if (found !== undefined) next.push(found);
        }
      } else if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
        if (Object.hasOwn(item, step.name)) next.push((item as Record<string, unknown>)[step.name]);
      }
    }
    current = next;
  }
  return current;
}
