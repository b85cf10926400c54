/**
 * XML as the inventory reads it: a small namespace-resolved tree, and its canonical text.
 *
 * Canonical XML is what lets two packages be compared by meaning rather than by bytes: prefixes
 * are replaced by fixed ones per namespace URI (so `x:row` and a default-namespace `row` are the
 * same), attributes are sorted, namespace declarations, comments and processing instructions are
 * dropped, whitespace between elements is dropped (text in leaf elements is kept as written), and
 * xsd:boolean attribute values are spelled one way ('true' → '1', 'false' → '0').
 */

import { createHash } from 'node:crypto';
import { SaxesParser, type SaxesTagNS } from 'saxes';

export interface XmlAttribute {
  uri: string;
  local: string;
  value: string;
}

export interface XmlElement {
  uri: string;
  local: string;
  attributes: XmlAttribute[];
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

export const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  mc: 'http://schemas.openxmlformats.org/markup-compatibility/2006',
  x14: 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/main',
  xm: 'http://schemas.microsoft.com/office/excel/2006/main',
  xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  v: 'urn:schemas-microsoft-com:vml',
  vx: 'urn:schemas-microsoft-com:office:excel',
  xml: 'http://www.w3.org/XML/1998/namespace',
  vt: 'http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

/** The prefix canonical XML gives each namespace it knows; others are spelled `{uri}local`. */
const PREFIXES: Record<string, string> = {
  [NS.main]: 'x',
  [NS.r]: 'r',
  [NS.mc]: 'mc',
  [NS.x14]: 'x14',
  [NS.xm]: 'xm',
  [NS.xdr]: 'xdr',
  [NS.a]: 'a',
  [NS.c]: 'c',
  [NS.v]: 'v',
  [NS.vx]: 'vx',
  [NS.xml]: 'xml',
  [NS.vt]: 'vt',
  [NS.xsi]: 'xsi',
  'http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac': 'x14ac',
  'http://schemas.microsoft.com/office/spreadsheetml/2010/11/main': 'x15',
  'http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac': 'x15ac',
  'http://schemas.microsoft.com/office/spreadsheetml/2014/revision': 'xr',
  'http://schemas.microsoft.com/office/spreadsheetml/2015/revision2': 'xr2',
  'http://schemas.microsoft.com/office/spreadsheetml/2016/revision3': 'xr3',
  'http://schemas.microsoft.com/office/spreadsheetml/2016/revision6': 'xr6',
  'http://schemas.microsoft.com/office/spreadsheetml/2016/revision10': 'xr10',
  'http://schemas.microsoft.com/office/spreadsheetml/2015/02/main': 'x16r2',
  'http://schemas.microsoft.com/office/drawing/2007/8/2/chart': 'c14',
  'http://schemas.microsoft.com/office/drawing/2012/chart': 'c15',
  'http://schemas.microsoft.com/office/drawing/2014/chart': 'c16',
  'http://schemas.microsoft.com/office/drawing/2012/chartStyle': 'cs',
  'http://schemas.microsoft.com/office/drawing/2010/main': 'a14',
  'http://schemas.microsoft.com/office/drawing/2014/main': 'a16',
  'urn:schemas-microsoft-com:office:office': 'o',
  'urn:schemas-microsoft-com:office:word': 'w10',
  'http://schemas.openxmlformats.org/package/2006/metadata/core-properties': 'cp',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://purl.org/dc/dcmitype/': 'dcmitype',
  'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties': 'ep',
  'http://schemas.openxmlformats.org/officeDocument/2006/custom-properties': 'op',
  'http://schemas.openxmlformats.org/package/2006/relationships': 'pr',
  'http://schemas.openxmlformats.org/package/2006/content-types': 'ct',
  'http://schemas.libreoffice.org/': 'loext',
  'http://schemas.microsoft.com/office/spreadsheetml/2018/calcfeatures': 'xcalcf',
  'http://schemas.microsoft.com/office/thememl/2012/main': 'thm15',
  'http://schemas.microsoft.com/office/drawing/2015/06/chart': 'c16r2',
  'http://schemas.microsoft.com/office/spreadsheetml/2016/pivotdefaultlayout': 'xpdl',
};

const XMLNS = 'http://www.w3.org/2000/xmlns/';

/** Parses XML text; throws on malformed XML (the caller then falls back to hashing bytes). */
export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  // Prefix bindings in scope, innermost last: mc:Ignorable names prefixes, which we resolve.
  const scopes: Record<string, string>[] = [];
  let root: XmlElement | undefined;
  parser.on('opentag', (tag: SaxesTagNS) => {
    const scope = { ...(scopes[scopes.length - 1] ?? {}), ...tag.ns };
    scopes.push(scope);
    const attributes: XmlAttribute[] = [];
    for (const a of Object.values(tag.attributes)) {
      if (a.uri === XMLNS) continue;
      let value = a.value;
      if (a.uri === NS.mc && (a.local === 'Ignorable' || a.local === 'Requires' || a.local === 'ProcessContent' || a.local === 'MustUnderstand')) {
        value = value.split(/\s+/).filter(Boolean).map((p) => (scope[p] ? prefixed(scope[p]!, '') : p)).sort().join(' ');
      }
      attributes.push({ uri: a.uri, local: a.local, value });
    }
    const element: XmlElement = { uri: tag.uri, local: tag.local, attributes, children: [] };
    if (stack.length > 0) stack[stack.length - 1]!.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
    scopes.pop();
  });
  const text_ = (t: string) => {
    const top = stack[stack.length - 1];
    if (!top) return;
    const last = top.children[top.children.length - 1];
    if (typeof last === 'string') top.children[top.children.length - 1] = last + t;
    else top.children.push(t);
  };
  parser.on('text', text_);
  parser.on('cdata', text_);
  parser.write(text).close();
  if (!root) throw new Error('no root element');
  return root;
}

function prefixed(uri: string, local: string): string {
  if (uri === '') return local;
  const prefix = PREFIXES[uri];
  return prefix ? (local ? `${prefix}:${local}` : prefix) : `{${uri}}${local}`;
}

export function nameOf(node: { uri: string; local: string }): string {
  return prefixed(node.uri, node.local);
}

/** xsd:boolean has two spellings for each value; canonical XML keeps one. */
function canonicalValue(value: string): string {
  return value === 'true' ? '1' : value === 'false' ? '0' : value;
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

export interface CanonicalOptions {
  /** Rewrites the value of an r: attribute (a relationship id) into what it points at. */
  relationship?: (id: string) => string;
}

/** The canonical text of an element (see the file comment). */
export function canonical(element: XmlElement, options: CanonicalOptions = {}): string {
  const attributes = element.attributes
    .filter((a) => !(a.uri === NS.xml && a.local === 'space'))
    .map((a) => {
      const value = a.uri === NS.r && options.relationship ? options.relationship(a.value) : canonicalValue(a.value);
      return [nameOf(a), value] as const;
    })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const open = nameOf(element) + attributes.map(([n, v]) => ` ${n}="${escapeAttribute(v)}"`).join('');
  const hasElements = element.children.some((c) => typeof c !== 'string');
  const inner = element.children
    .map((c) => (typeof c === 'string' ? (hasElements && c.trim() === '' ? '' : escapeText(c)) : canonical(c, options)))
    .join('');
  return inner === '' ? `<${open}/>` : `<${open}>${inner}</${nameOf(element)}>`;
}

export function hash(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex').slice(0, 16);
}

// --- reading helpers -------------------------------------------------------------------------

export function children(element: XmlElement | undefined, local?: string, uri: string = NS.main): XmlElement[] {
  if (!element) return [];
  return element.children.filter((c): c is XmlElement => typeof c !== 'string' && (local === undefined || (c.local === local && c.uri === uri)));
}

export function child(element: XmlElement | undefined, local: string, uri: string = NS.main): XmlElement | undefined {
  return children(element, local, uri)[0];
}

export function attr(element: XmlElement | undefined, local: string, uri = ''): string | undefined {
  return element?.attributes.find((a) => a.local === local && a.uri === uri)?.value;
}

/** Every attribute by canonical name, booleans spelled canonically. */
export function attributeMap(element: XmlElement | undefined, skip: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of element?.attributes ?? []) {
    const name = nameOf(a);
    if (!skip.includes(name)) out[name] = canonicalValue(a.value);
  }
  return out;
}

/** The text content of an element and its descendants. */
export function textOf(node: XmlNode | undefined): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node;
  return node.children.map(textOf).join('');
}

/** The same element without some of its children (a copy; the tree is left as it is). */
export function without(element: XmlElement, drop: (c: XmlElement) => boolean): XmlElement {
  return { ...element, children: element.children.filter((c) => typeof c === 'string' || !drop(c)) };
}

/** The same element without some of its attributes. */
export function withoutAttributes(element: XmlElement, names: string[]): XmlElement {
  return { ...element, attributes: element.attributes.filter((a) => !names.includes(nameOf(a))) };
}

/** A copy of the tree with `fn` applied to every element, children first. */
export function transform(element: XmlElement, fn: (e: XmlElement) => XmlElement): XmlElement {
  return fn({ ...element, children: element.children.map((c) => (typeof c === 'string' ? c : transform(c, fn))) });
}

export function descendants(element: XmlElement, local: string, uri: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of children(e)) {
      if (c.local === local && c.uri === uri) out.push(c);
      walk(c);
    }
  };
  walk(element);
  return out;
}
