/**
 * Just enough XML to patch OOXML parts in place: finding elements by local name (any namespace
 * prefix, since some producers write `<x:row>`), reading and changing a start tag's attributes.
 * Parts are never rebuilt from a tree: everything Carnet does not touch stays byte for byte.
 */

import { escapeAttribute, unescapeXml } from './text.js';

export interface Element {
  /** Offset of `<`. */
  start: number;
  /** Offset just after the start tag's `>`. */
  openEnd: number;
  /** Offset of the end tag's `<` (= openEnd for an empty element). */
  closeStart: number;
  /** Offset just after the element. */
  end: number;
  /** The start tag, `<name …>` or `<name …/>`. */
  tag: string;
  selfClosing: boolean;
  /** The qualified name as written (`x:row`). */
  qname: string;
}

const NAME_CHAR = /[\w.:-]/;

/**
 * The first element with local name `name` at or after `from` (before `until`), matched by local
 * name whatever its prefix. Nested elements of the same name are balanced. Comments, CDATA and
 * processing instructions are skipped.
 */
export function findElement(xml: string, name: string, from = 0, until = xml.length): Element | undefined {
  let p = from;
  for (;;) {
    const lt = xml.indexOf('<', p);
    if (lt < 0 || lt >= until) return undefined;
    const c = xml.charCodeAt(lt + 1);
    if (c === 33 /* ! */ || c === 63 /* ? */) {
      p = skipSpecial(xml, lt);
      continue;
    }
    if (c === 47 /* / */) {
      p = lt + 2;
      continue;
    }
    let q = lt + 1;
    while (q < xml.length && NAME_CHAR.test(xml[q]!)) q++;
    const qname = xml.slice(lt + 1, q);
    const colon = qname.indexOf(':');
    const local = colon >= 0 ? qname.slice(colon + 1) : qname;
    if (local !== name) {
      p = q;
      continue;
    }
    const openEnd = tagEnd(xml, q);
    const selfClosing = xml.charCodeAt(openEnd - 2) === 47;
    const tag = xml.slice(lt, openEnd);
    if (selfClosing) return { start: lt, openEnd, closeStart: openEnd, end: openEnd, tag, selfClosing, qname };
    const closeStart = matchingClose(xml, qname, openEnd);
    const end = xml.indexOf('>', closeStart) + 1;
    return { start: lt, openEnd, closeStart, end, tag, selfClosing, qname };
  }
}

/** Every element named `name` between `from` and `until`, not descending into the ones found. */
export function findAll(xml: string, name: string, from = 0, until = xml.length): Element[] {
  const out: Element[] = [];
  for (let e = findElement(xml, name, from, until); e; e = findElement(xml, name, e.end, until)) out.push(e);
  return out;
}

/** The element's content (between its tags), '' for an empty element. */
export function inner(xml: string, e: Element): string {
  return xml.slice(e.openEnd, e.closeStart);
}

/** Offset just after the `>` closing the start tag whose name ends at `p`, quotes respected. */
export function tagEnd(xml: string, p: number): number {
  let quote = 0;
  for (let i = p; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i + 1;
  }
  throw new Error('unterminated tag');
}

function skipSpecial(xml: string, lt: number): number {
  if (xml.startsWith('<!--', lt)) return xml.indexOf('-->', lt + 4) + 3;
  if (xml.startsWith('<![CDATA[', lt)) return xml.indexOf(']]>', lt + 9) + 3;
  return xml.indexOf('>', lt) + 1;
}

function matchingClose(xml: string, qname: string, from: number): number {
  const open = `<${qname}`;
  const close = `</${qname}`;
  let depth = 1;
  let p = from;
  for (;;) {
    const nextClose = xml.indexOf(close, p);
    if (nextClose < 0) throw new Error(`unclosed <${qname}>`);
    let nextOpen = xml.indexOf(open, p);
    while (nextOpen >= 0 && nextOpen < nextClose && NAME_CHAR.test(xml[nextOpen + open.length] ?? '')) nextOpen = xml.indexOf(open, nextOpen + 1);
    if (nextOpen >= 0 && nextOpen < nextClose) {
      const end = tagEnd(xml, nextOpen + open.length);
      if (xml.charCodeAt(end - 2) !== 47) depth++;
      p = end;
      continue;
    }
    if (--depth === 0) return nextClose;
    p = nextClose + close.length;
  }
}

const ATTRIBUTE = /([\w.:-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

/** The attributes of a start tag, values unescaped. */
export function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const body = tag.slice(/^<[\w.:-]+/.exec(tag)?.[0].length ?? 1);
  for (const m of body.matchAll(ATTRIBUTE)) out.set(m[1]!, unescapeXml(m[3] ?? m[4] ?? ''));
  return out;
}

/** One attribute of a start tag, unescaped, or undefined. Faster than `attributes` for one. */
export function attribute(tag: string, name: string): string | undefined {
  const re = new RegExp(`\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*("([^"]*)"|'([^']*)')`);
  const m = re.exec(tag);
  return m ? unescapeXml(m[2] ?? m[3] ?? '') : undefined;
}

/** The tag with `name` set to `value` (added before the end when missing), or removed for undefined. */
export function withAttribute(tag: string, name: string, value: string | undefined): string {
  const re = new RegExp(`\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*("[^"]*"|'[^']*')`);
  if (value === undefined) return tag.replace(re, '');
  const text = ` ${name}="${escapeAttribute(value)}"`;
  if (re.test(tag)) return tag.replace(re, text);
  const close = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, close).replace(/\s+$/, '')}${text}${tag.slice(close)}`;
}

/** `prefix:name` for a prefix ('' for none). */
export function qualified(prefix: string, name: string): string {
  return prefix ? `${prefix}:${name}` : name;
}

/** The namespace prefix of an element's qualified name ('' when unprefixed). */
export function prefixOf(qname: string): string {
  const colon = qname.indexOf(':');
  return colon >= 0 ? qname.slice(0, colon) : '';
}
