/** An element of a parsed XML document. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text, entities decoded. */
  readonly text: string;
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function decode(text: string): string {
  if (/&(?!(?:amp|lt|gt|quot|apos);)/.test(text)) throw new Error(`bare & in "${text}"`);
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_m, name: string) => ENTITIES[name] ?? '');
}

/**
 * A strict parser for the XML the toolkit writes (declaration, elements, attributes, text,
 * the five entities): throws on anything not well formed, so a test can trust what it reads.
 */
export function parseXml(xml: string): XmlElement {
  const token =
    /<\?xml[^?]*\?>|<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/y;
  type Open = {
    name: string;
    attributes: Record<string, string>;
    children: XmlElement[];
    text: string;
  };
  const stack: Open[] = [];
  let root: XmlElement | undefined;
  while (token.lastIndex < xml.length) {
    const at = token.lastIndex;
    const match = token.exec(xml);
    if (!match) throw new Error(`not well-formed XML at ${at}: ${xml.slice(at, at + 40)}`);
    const [, closing, name, attributeText, selfClosing, text] = match;
    if (text !== undefined) {
      const top = stack[stack.length - 1];
      if (top) top.text += decode(text);
      else if (text.trim() !== '') throw new Error(`text outside the root: ${text}`);
      continue;
    }
    if (name === undefined) continue;
    if (closing) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      const element = { ...open };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else root = element;
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, key = '', value = ''] of (attributeText ?? '').matchAll(
      /([A-Za-z_][\w.-]*)="([^"]*)"/g,
    )) {
      if (Object.hasOwn(attributes, key)) throw new Error(`attribute ${key} twice`);
      attributes[key] = decode(value);
    }
    const element: Open = { name, attributes, children: [], text: '' };
    if (selfClosing) {
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else root = element;
    } else {
      stack.push(element);
    }
  }
  if (stack.length > 0 || !root) throw new Error('unclosed elements or no root');
  return root;
}
