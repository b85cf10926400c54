/**
 * A small XML tokenizer for the parts of an .xlsx, where no DOMParser exists (Node tests, the
 * Apps Script server) or would build a tree of a whole sheet for nothing: it calls back for each
 * start tag, end tag and text run, in one pass over the string. Names are local names (the
 * prefix dropped: some producers write `<x:row>`), attributes too (`r:id` is `id`), namespace
 * declarations are not reported. Comments, processing instructions and the doctype are skipped;
 * CDATA is text. It reads well-formed XML; it does not check it.
 */

import { say } from '../messages/say.js';

export type Attributes = Record<string, string>;

export interface XmlHandler {
  open(name: string, attributes: Attributes, selfClosing: boolean): void;
  close?(name: string): void;
  /** Text between tags, entities already replaced. Only called while `wantsText()` says so. */
  text?(text: string): void;
  wantsText?(): boolean;
}

export class XmlProblem extends Error {}

export function scanXml(xml: string, on: XmlHandler): void {
  let p = 0;
  const n = xml.length;
  while (p < n) {
    const lt = xml.indexOf('<', p);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > p && on.text && on.wantsText?.()) on.text(unescapeXml(xml.slice(p, textEnd)));
    if (lt < 0) return;
    const c = xml.charCodeAt(lt + 1);
    if (c === 33 /* ! */) {
      if (xml.startsWith('<![CDATA[', lt)) {
        const close = must(xml.indexOf(']]>', lt + 9), 'CDATA');
        if (on.text && on.wantsText?.()) on.text(xml.slice(lt + 9, close));
        p = close + 3;
      } else if (xml.startsWith('<!--', lt)) p = must(xml.indexOf('-->', lt + 4), 'comment') + 3;
      else p = must(xml.indexOf('>', lt), 'declaration') + 1;
      continue;
    }
    if (c === 63 /* ? */) {
      p = must(xml.indexOf('?>', lt + 2), 'processing instruction') + 2;
      continue;
    }
    if (c === 47 /* / */) {
      const end = must(xml.indexOf('>', lt), 'tag');
      on.close?.(localName(xml.slice(lt + 2, end).trim()));
      p = end + 1;
      continue;
    }
    p = startTag(xml, lt, on);
  }
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * Reads the start tag at `lt`, reports it, and returns the offset after it. One pass over the
 * characters (a sheet of 100,000 rows has some 2 million tags): the name, then each attribute,
 * its value found by its closing quote (so a `>` inside a value does not end the tag).
 */
function startTag(xml: string, lt: number, on: XmlHandler): number {
  const n = xml.length;
  let i = lt + 1;
  for (let c = xml.charCodeAt(i); i < n && !isSpace(c) && c !== 47 && c !== 62; c = xml.charCodeAt(++i));
  const name = localName(xml.slice(lt + 1, i));
  const attributes: Attributes = {};
  for (;;) {
    while (i < n && isSpace(xml.charCodeAt(i))) i++;
    const c = xml.charCodeAt(i);
    if (c === 62 /* > */ || c === 47 /* / */) {
      const selfClosing = c === 47;
      on.open(name, attributes, selfClosing);
      if (selfClosing) on.close?.(name);
      return must(xml.indexOf('>', i), 'tag') + 1;
    }
    if (i >= n) throw new XmlProblem(say('an unclosed <{name}> tag', { name }));
    const from = i;
    for (let d = c; i < n && d !== 61 /* = */ && !isSpace(d); d = xml.charCodeAt(++i));
    const qname = xml.slice(from, i);
    while (i < n && xml.charCodeAt(i) !== 61) i++;
    i++;
    while (i < n && isSpace(xml.charCodeAt(i))) i++;
    const quote = xml[i];
    if (quote !== '"' && quote !== "'") throw new XmlProblem(say('an attribute of <{name}> without quotes', { name }));
    const close = must(xml.indexOf(quote, i + 1), 'attribute value');
    const raw = xml.slice(i + 1, close);
    i = close + 1;
    if (qname === 'xmlns' || qname.startsWith('xmlns:')) continue;
    attributes[localName(qname)] = raw.includes('&') ? unescapeXml(raw) : raw;
  }
}

type Unclosed = 'CDATA' | 'comment' | 'declaration' | 'processing instruction' | 'tag' | 'attribute value';

function must(at: number, what: Unclosed): number {
  if (at < 0) throw new XmlProblem(unclosed(what));
  return at;
}

function unclosed(what: Unclosed): string {
  switch (what) {
    case 'CDATA':
      return say('an unclosed CDATA');
    case 'comment':
      return say('an unclosed comment');
    case 'declaration':
      return say('an unclosed declaration');
    case 'processing instruction':
      return say('an unclosed processing instruction');
    case 'tag':
      return say('an unclosed tag');
    case 'attribute value':
      return say('an unclosed attribute value');
  }
}

const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_all, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref]!;
    return String.fromCodePoint(ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
  });
}
