/**
 * Cell styles (xl/styles.xml, ECMA-376 Part 1 §18.8): what number format a cell's style has (to
 * tell dates in 1904-based workbooks, and for tests), and new styles derived from a cell's own —
 * the same style with another number format, or a bold font — appended, never changing the
 * styles the workbook has: every other cell sharing a style keeps it.
 */

import { attribute, findAll, findElement, inner, withAttribute, type Element } from './xml/tags.js';
import { escapeAttribute } from './xml/text.js';

/** ECMA-376 Part 1 §18.8.30: the built-in formats (ids 0–49) whose codes are fixed. */
const BUILT_IN: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss',
  22: 'm/d/yy h:mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00;(#,##0.00)', 40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};
/** Locale-dependent built-ins that are dates (§18.8.30's note): 27–36 and 50–58 in East Asian Excel. */
const LOCALE_DATES = new Set([27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

export const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

export class Styles {
  private xml: string;
  private changedFlag = false;
  private xfs: string[] = [];
  private fonts: string[] = [];
  private readonly formats = new Map<number, string>();
  private readonly derived = new Map<string, number>();
  private readonly dateCache = new Map<number, boolean>();

  constructor(xml: string | undefined) {
    this.xml = xml ?? MINIMAL_STYLES;
    this.changedFlag = xml === undefined;
    this.parse();
  }

  get changed(): boolean {
    return this.changedFlag;
  }

  /** After a save of `serialize()`'s text. */
  markSaved(): void {
    this.changedFlag = false;
  }

  private parse(): void {
    const xfsBlock = findElement(this.xml, 'cellXfs');
    this.xfs = xfsBlock ? findAll(this.xml, 'xf', xfsBlock.openEnd, xfsBlock.closeStart).map((e) => this.xml.slice(e.start, e.end)) : [];
    const fontsBlock = findElement(this.xml, 'fonts');
    this.fonts = fontsBlock ? findAll(this.xml, 'font', fontsBlock.openEnd, fontsBlock.closeStart).map((e) => this.xml.slice(e.start, e.end)) : [];
    const fmts = findElement(this.xml, 'numFmts');
    if (fmts) {
      for (const e of findAll(this.xml, 'numFmt', fmts.openEnd, fmts.closeStart)) {
        this.formats.set(Number(attribute(e.tag, 'numFmtId')), attribute(e.tag, 'formatCode') ?? 'General');
      }
    }
  }

  get count(): number {
    return this.xfs.length;
  }

  /** The number format code of a cell style (index into cellXfs). */
  numberFormat(xf: number): string {
    const id = this.numFmtId(xf);
    return this.formats.get(id) ?? BUILT_IN[id] ?? 'General';
  }

  private numFmtId(xf: number): number {
    const x = this.xfs[xf];
    return x ? Number(attribute(x, 'numFmtId') ?? 0) : 0;
  }

  /** True when numbers in cells of this style are shown as dates or times. */
  isDate(xf: number): boolean {
    let d = this.dateCache.get(xf);
    if (d === undefined) {
      const id = this.numFmtId(xf);
      d = LOCALE_DATES.has(id) || isDateFormat(this.formats.get(id) ?? BUILT_IN[id] ?? 'General');
      this.dateCache.set(xf, d);
    }
    return d;
  }

  bold(xf: number): boolean {
    const x = this.xfs[xf];
    const font = this.fonts[Number(attribute(x ?? '<xf/>', 'fontId') ?? 0)] ?? '';
    const b = /<(?:[\w.-]+:)?b(\s[^>]*)?\/?>/.exec(font);
    return !!b && !/val="(0|false)"/.test(b[1] ?? '');
  }

  /** The style `xf` with a number format (a code, as in layouts), appended once and reused. */
  withNumberFormat(xf: number, code: string): number {
    if (this.numberFormat(xf) === code) return xf;
    const key = `${xf}|fmt|${code}`;
    const known = this.derived.get(key);
    if (known !== undefined) return known;
    const id = this.formatId(code);
    const source = this.xfs[xf] ?? this.xfs[0] ?? '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';
    const tagEnd = source.indexOf('>') + 1;
    let tag = withAttribute(source.slice(0, tagEnd), 'numFmtId', String(id));
    tag = withAttribute(tag, 'applyNumberFormat', '1');
    return this.remember(key, tag + source.slice(tagEnd));
  }

  /** The style `xf` with its font bold (or not). */
  withBold(xf: number, bold: boolean): number {
    if (this.bold(xf) === bold) return xf;
    const key = `${xf}|bold|${bold}`;
    const known = this.derived.get(key);
    if (known !== undefined) return known;
    const source = this.xfs[xf] ?? this.xfs[0] ?? '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';
    const font = this.fonts[Number(attribute(source, 'fontId') ?? 0)] ?? '<font><sz val="11"/><name val="Calibri"/></font>';
    // CT_Font's children form a choice, in any order (§18.8.22): the flag goes first.
    const prefix = /^<([\w.-]+:)?font/.exec(font)?.[1] ?? '';
    let body = font.replace(/<(?:[\w.-]+:)?b(\s[^>]*)?\/>|<(?:[\w.-]+:)?b(\s[^>]*)?>\s*<\/(?:[\w.-]+:)?b>/, '');
    if (bold) body = body.replace(/^(<(?:[\w.-]+:)?font(?:\s[^>]*)?)\/>$/, '$1></' + prefix + 'font>').replace(/^(<(?:[\w.-]+:)?font(?:\s[^>]*)?>)/, `$1<${prefix}b/>`);
    this.fonts.push(body);
    const fontId = this.fonts.length - 1;
    const tagEnd = source.indexOf('>') + 1;
    let tag = withAttribute(source.slice(0, tagEnd), 'fontId', String(fontId));
    tag = withAttribute(tag, 'applyFont', '1');
    return this.remember(key, tag + source.slice(tagEnd), true);
  }

  private remember(key: string, xf: string, fontAdded = false): number {
    // A derived style equal to an existing one is that one.
    const same = this.xfs.indexOf(xf);
    if (same >= 0 && !fontAdded) {
      this.derived.set(key, same);
      return same;
    }
    this.xfs.push(xf);
    this.changedFlag = true;
    const i = this.xfs.length - 1;
    this.derived.set(key, i);
    this.dirtyFonts ||= fontAdded;
    return i;
  }

  private dirtyFonts = false;
  private readonly newFormats = new Map<number, string>();

  private formatId(code: string): number {
    for (const [id, c] of Object.entries(BUILT_IN)) if (c === code) return Number(id);
    for (const [id, c] of this.formats) if (c === code) return id;
    const id = Math.max(163, ...this.formats.keys()) + 1;
    this.formats.set(id, code);
    this.newFormats.set(id, code);
    this.changedFlag = true;
    return id;
  }

  /** The part with the appended formats, fonts and styles. */
  serialize(): string {
    let xml = this.xml;
    xml = this.replaceBlock(xml, 'cellXfs', this.xfs, ['cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst']);
    if (this.dirtyFonts) xml = this.replaceBlock(xml, 'fonts', this.fonts, ['fills', 'borders', 'cellStyleXfs', 'cellXfs']);
    if (this.newFormats.size) {
      const items = [...this.newFormats].map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${escapeAttribute(code)}"/>`);
      const block = findElement(xml, 'numFmts');
      if (block) {
        const existing = findAll(xml, 'numFmt', block.openEnd, block.closeStart).map((e) => xml.slice(e.start, e.end));
        xml = this.replaceBlock(xml, 'numFmts', [...existing, ...items], []);
      } else {
        // numFmts comes first in CT_Stylesheet (§18.8.39).
        const root = findElement(xml, 'styleSheet')!;
        xml = `${xml.slice(0, root.openEnd)}<numFmts count="${items.length}">${items.join('')}</numFmts>${xml.slice(root.openEnd)}`;
      }
      this.newFormats.clear();
    }
    this.xml = xml;
    this.dirtyFonts = false;
    return xml;
  }

  /** Rewrites a `<name count="…">` block with `items`, or inserts it before the first of `before`. */
  private replaceBlock(xml: string, name: string, items: string[], before: string[]): string {
    const block = findElement(xml, name);
    if (block) {
      const tag = withAttribute(block.tag.replace(/\/>$/, '>'), 'count', String(items.length));
      const closing = block.selfClosing ? `</${block.qname}>` : xml.slice(block.closeStart, block.end);
      return `${xml.slice(0, block.start)}${tag}${items.join('')}${closing}${xml.slice(block.end)}`;
    }
    const root = findElement(xml, 'styleSheet')!;
    let at = root.closeStart;
    for (const b of before) {
      const e = findElement(xml, b, root.openEnd);
      if (e) {
        at = e.start;
        break;
      }
    }
    return `${xml.slice(0, at)}<${name} count="${items.length}">${items.join('')}</${name}>${xml.slice(at)}`;
  }
}

/** Date or time format codes: a `d`, `m`, `y`, `h` or `s` outside quotes, brackets and escapes. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?!h\]|hh\]|m\]|mm\]|s\]|ss\])[^\]]*\]/gi, '')
    .replace(/_.|\*./g, '');
  if (/^General$/i.test(bare.trim())) return false;
  return /[dmyhs]/i.test(bare.replace(/E[+-]/gi, ''));
}

/** For tests and inspection: an element's text. */
export function elementText(xml: string, e: Element): string {
  return inner(xml, e);
}
