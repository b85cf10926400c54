/**
 * The shared string table (xl/sharedStrings.xml, ECMA-376 Part 1 §18.4): read lazily, and added
 * to by appending `<si>` entries before its end, so the strings already there keep their indexes
 * and their XML (rich text, phonetic runs) stays as it was.
 */

import { findElement, withAttribute } from './xml/tags.js';
import { escapeCellText, needsPreserve, unescapeCellText } from './xml/text.js';

const SI = /<(?:[\w.-]+:)?si(?=[\s>/])/g;
/** A run's text; phonetic runs (`<rPh>`) are guides for East Asian text, not part of it. */
const T = /<((?:[\w.-]+:)?)t(?:\s[^>]*)?(?:\/>|>([^<]*)<\/\1t>)/g;
const PHONETIC = /<((?:[\w.-]+:)?)rPh[\s>][\s\S]*?<\/\1rPh>/g;

export class SharedStrings {
  private strings: string[] | undefined;
  private index: Map<string, number> | undefined;
  private readonly added: string[] = [];
  /** References added by Carnet's writes, for the root's `count` attribute. */
  private references = 0;

  constructor(private xml: string | undefined) {}

  /** After a save of `serialize()`'s text: the added strings are now part of the table read. */
  markSaved(xml: string): void {
    this.xml = xml;
    this.added.length = 0;
    this.references = 0;
  }

  get changed(): boolean {
    return this.added.length > 0;
  }

  get(i: number): string {
    const list = this.list();
    return list[i] ?? '';
  }

  /** The index of `s`, appended when new. */
  add(s: string): number {
    const list = this.list();
    if (!this.index) {
      this.index = new Map();
      // The first occurrence wins: a workbook may hold the same text twice.
      for (let i = list.length - 1; i >= 0; i--) this.index.set(list[i]!, i);
    }
    this.references++;
    const found = this.index.get(s);
    if (found !== undefined) return found;
    const i = list.length;
    list.push(s);
    this.added.push(s);
    this.index.set(s, i);
    return i;
  }

  private list(): string[] {
    if (this.strings) return this.strings;
    const out: string[] = [];
    const xml = this.xml ?? '';
    const starts: number[] = [];
    SI.lastIndex = 0;
    for (let m = SI.exec(xml); m; m = SI.exec(xml)) starts.push(m.index);
    const rootEnd = xml.search(/<\/(?:[\w.-]+:)?sst>/);
    for (let i = 0; i < starts.length; i++) {
      const body = xml.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : rootEnd < 0 ? xml.length : rootEnd);
      const clean = body.includes('rPh') ? body.replace(PHONETIC, '') : body;
      let text = '';
      T.lastIndex = 0;
      for (let m = T.exec(clean); m; m = T.exec(clean)) text += m[2] ?? '';
      out.push(unescapeCellText(text));
    }
    this.strings = out;
    return out;
  }

  /** The part with the added strings; only called when `changed`. */
  serialize(): string {
    const xml =
      this.xml ??
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>';
    const root = findElement(xml, 'sst')!;
    const prefix = root.qname.includes(':') ? root.qname.slice(0, root.qname.indexOf(':') + 1) : '';
    const items = this.added
      .map((s) => `<${prefix}si><${prefix}t${needsPreserve(s) ? ' xml:space="preserve"' : ''}>${escapeCellText(s)}</${prefix}t></${prefix}si>`)
      .join('');
    const count = Number(/\scount="(\d+)"/.exec(root.tag)?.[1] ?? '0') + this.references;
    let tag = withAttribute(root.tag, 'count', String(count));
    tag = withAttribute(tag, 'uniqueCount', String(this.list().length));
    if (root.selfClosing) return `${xml.slice(0, root.start)}${tag.replace(/\/>$/, '>')}${items}</${root.qname}>${xml.slice(root.end)}`;
    return `${xml.slice(0, root.start)}${tag}${xml.slice(root.openEnd, root.closeStart)}${items}${xml.slice(root.closeStart)}`;
  }
}
