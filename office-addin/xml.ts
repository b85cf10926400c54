/**
 * A small non-validating XML parser, enough to check the add-in manifest offline: it reports the
 * first well-formedness error with its line and column, and returns the element tree (names keep
 * their prefixes; namespaces are read as ordinary `xmlns` attributes).
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside the element, trimmed. */
  text: string;
  line: number;
}

export class XmlError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${message}`);
    this.name = 'XmlError';
  }
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function parseXml(source: string): XmlElement {
  let i = source.charCodeAt(0) === 0xfeff ? 1 : 0;

  const position = (at: number) => {
    const before = source.slice(0, at);
    const line = before.split('\n').length;
    return { line, column: at - before.lastIndexOf('\n') };
  };
  const fail = (message: string, at = i): never => {
    const { line, column } = position(at);
    throw new XmlError(message, line, column);
  };
  const skipSpace = () => {
    while (i < source.length && /\s/.test(source[i]!)) i++;
  };
  const name = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(source);
    if (!m) fail('expected a name');
    i += m![0].length;
    return m![0];
  };
  const decode = (raw: string, at: number): string =>
    raw.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
      if (!whole.endsWith(';')) fail('"&" must start an entity such as &amp;', at);
      if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
      if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
      const e = ENTITIES[ref];
      if (e === undefined) fail(`unknown entity &${ref};`, at);
      return e!;
    });
  /** Comments, processing instructions and (outside the root) a doctype. */
  const misc = (prolog: boolean): boolean => {
    if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i + 4);
      if (end < 0) fail('unclosed comment');
      i = end + 3;
      return true;
    }
    if (source.startsWith('<?', i)) {
      const end = source.indexOf('?>', i + 2);
      if (end < 0) fail('unclosed processing instruction');
      if (!prolog && /^<\?xml[\s?]/.test(source.slice(i, i + 6))) fail('the XML declaration must come first');
      i = end + 2;
      return true;
    }
    if (prolog && source.startsWith('<!DOCTYPE', i)) fail('a DOCTYPE is not allowed in a manifest');
    return false;
  };

  const element = (): XmlElement => {
    const start = i;
    i++; // <
    const tag = name();
    const el: XmlElement = { name: tag, attributes: {}, children: [], text: '', line: position(start).line };
    for (;;) {
      const before = i;
      skipSpace();
      if (source.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (source[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail(`expected whitespace, ">" or "/>" in <${tag}>`);
      const attrAt = i;
      const attr = name();
      skipSpace();
      if (source[i] !== '=') fail(`attribute ${attr} has no value`);
      i++;
      skipSpace();
      const quote = source[i];
      if (quote !== '"' && quote !== "'") fail(`the value of ${attr} must be quoted`);
      const end = source.indexOf(quote!, i + 1);
      if (end < 0) fail(`unclosed value of ${attr}`);
      const raw = source.slice(i + 1, end);
      if (raw.includes('<')) fail(`"<" inside the value of ${attr}`, i + 1);
      if (attr in el.attributes) fail(`duplicate attribute ${attr}`, attrAt);
      el.attributes[attr] = decode(raw, i + 1);
      i = end + 1;
    }
    let text = '';
    for (;;) {
      if (i >= source.length) fail(`<${tag}> is never closed`, start);
      if (source.startsWith('</', i)) {
        const closeAt = i;
        i += 2;
        const closing = name();
        skipSpace();
        if (source[i] !== '>') fail(`expected ">" after </${closing}`);
        i++;
        if (closing !== tag) fail(`</${closing}> closes <${tag}> (opened on line ${el.line})`, closeAt);
        el.text = text.trim();
        return el;
      }
      if (source.startsWith('<![CDATA[', i)) {
        const end = source.indexOf(']]>', i);
        if (end < 0) fail('unclosed CDATA section');
        text += source.slice(i + 9, end);
        i = end + 3;
        continue;
      }
      if (misc(false)) continue;
      if (source[i] === '<') {
        el.children.push(element());
        continue;
      }
      const next = source.indexOf('<', i);
      const end = next < 0 ? source.length : next;
      text += decode(source.slice(i, end), i);
      i = end;
    }
  };

  for (;;) {
    skipSpace();
    if (!misc(true)) break;
  }
  if (source[i] !== '<') fail('expected the root element');
  const root = element();
  for (;;) {
    skipSpace();
    if (i >= source.length) break;
    if (!misc(false)) fail('content after the root element');
  }
  return root;
}

/** Children named `name` (prefix included), in order. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** Every element below `el` (depth first), itself included. */
export function descendants(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [el];
  for (const c of el.children) out.push(...descendants(c));
  return out;
}
