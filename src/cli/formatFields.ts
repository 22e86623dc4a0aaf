/** A label and its value, one row of a two-column listing. */
export type Field = readonly [label: string, value: string];

/**
 * Lays `fields` out in two columns, the values wrapped at `width` with a hanging indent, each
 * line prefixed with `indent`. Fields with an empty value are left out.
 */
export function formatFields(fields: readonly Field[], indent = '', width = 100): string {
  const shown = fields.filter(([, value]) => value !== '');
  const labelWidth = Math.max(0, ...shown.map(([label]) => label.length)) + 2;
  const room = Math.max(30, width - indent.length - labelWidth);
  return shown
    .map(([label, value]) => {
      const lines = wrap(value, room);
      const hang = `${indent}${' '.repeat(labelWidth)}`;
      return [
        `${indent}${label.padEnd(labelWidth)}${lines[0] ?? ''}`,
        ...lines.slice(1).map((l) => `${hang}${l}`),
      ]
        .map((line) => line.trimEnd())
        .join('\n');
    })
    .join('\n');
}

/** Breaks `text` into lines of at most `width` characters at spaces; longer words stay whole. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      if (line === '') line = word;
      else if (line.length + 1 + word.length <= width) line += ` ${word}`;
      else {
        out.push(line);
        line = word;
      }
    }
    out.push(line);
  }
  return out;
}
