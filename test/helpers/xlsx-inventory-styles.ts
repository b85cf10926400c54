/**
 * Cell styles resolved from xl/styles.xml: a style index (`s="7"`) becomes what the cell looks
 * like — number format code, font, fill, border, alignment, protection, named style — so that two
 * files with the same look but differently numbered style tables compare equal. Values that equal
 * the spreadsheet defaults are left out (LibreOffice spells out `wrapText="false"`, Excel omits it).
 */

import type { Package } from './xlsx-inventory-package.js';
import { attr, attributeMap, canonical, child, children, nameOf, type XmlElement } from './xlsx-inventory-xml.js';
import type { ResolvedStyle } from './xlsx-inventory-types.js';

/** ECMA-376 Part 1, 18.8.30: the number formats every reader knows by id. */
const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?',
  13: '# ??/??', 14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM',
  20: 'h:mm', 21: 'h:mm:ss', 22: 'm/d/yy h:mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

const FONT_BOOLEANS = new Set(['b', 'i', 'strike', 'outline', 'shadow', 'condense', 'extend']);
const ALIGNMENT_DEFAULTS: Record<string, string> = {
  horizontal: 'general', vertical: 'bottom', textRotation: '0', wrapText: '0', indent: '0', relativeIndent: '0',
  justifyLastLine: '0', shrinkToFit: '0', readingOrder: '0',
};

export class Styles {
  private readonly numFmts = new Map<number, string>();
  private readonly fonts: XmlElement[];
  private readonly fills: XmlElement[];
  private readonly borders: XmlElement[];
  private readonly xfs: XmlElement[];
  private readonly dxfs: XmlElement[];
  private readonly styleNames = new Map<number, string>();
  private readonly cache = new Map<number, ResolvedStyle>();
  readonly root: XmlElement | undefined;

  constructor(pkg: Package, path: string | undefined) {
    this.root = path ? pkg.xml(path) : undefined;
    const root = this.root;
    for (const f of children(child(root, 'numFmts'), 'numFmt')) this.numFmts.set(Number(attr(f, 'numFmtId')), attr(f, 'formatCode') ?? '');
    this.fonts = children(child(root, 'fonts'), 'font');
    this.fills = children(child(root, 'fills'), 'fill');
    this.borders = children(child(root, 'borders'), 'border');
    this.xfs = children(child(root, 'cellXfs'), 'xf');
    this.dxfs = children(child(root, 'dxfs'), 'dxf');
    for (const s of children(child(root, 'cellStyles'), 'cellStyle')) this.styleNames.set(Number(attr(s, 'xfId')), attr(s, 'name') ?? '');
  }

  /**
   * The look of cells with style index `s` (missing or unknown indexes read as the default, 0).
   * A copy each time: an inventory shares no objects, so editing one cell's style in a test
   * cannot restyle every cell that had the same index.
   */
  resolve(index: number | undefined): ResolvedStyle {
    const i = index !== undefined && index >= 0 && index < this.xfs.length ? index : 0;
    let style = this.cache.get(i);
    if (!style) {
      style = this.build(this.xfs[i]);
      this.cache.set(i, style);
    }
    return structuredClone(style);
  }

  get defaultStyle(): ResolvedStyle {
    return this.resolve(0);
  }

  /** A differential format (what a conditional format or table style applies), canonical. */
  dxf(id: string | undefined): string | undefined {
    if (id === undefined) return undefined;
    const dxf = this.dxfs[Number(id)];
    return dxf ? canonical(dxf) : `missing dxf ${id}`;
  }

  /** Everything in styles.xml that resolved cell styles and dxfs do not carry, element by element. */
  rest(): Record<string, string> {
    const described = new Set(['numFmts', 'fonts', 'fills', 'borders', 'cellXfs', 'dxfs']);
    const out: Record<string, string> = {};
    for (const c of children(this.root)) {
      if (c.uri === this.root!.uri && described.has(c.local)) continue;
      out[nameOf(c)] = canonical(c);
    }
    return out;
  }

  private build(xf: XmlElement | undefined): ResolvedStyle {
    const numFmtId = Number(attr(xf, 'numFmtId') ?? 0);
    const style: ResolvedStyle = {
      numberFormat: this.numFmts.get(numFmtId) ?? BUILTIN_FORMATS[numFmtId] ?? `builtin ${numFmtId}`,
      font: font(this.fonts[Number(attr(xf, 'fontId') ?? 0)]),
      fill: fill(this.fills[Number(attr(xf, 'fillId') ?? 0)]),
      border: border(this.borders[Number(attr(xf, 'borderId') ?? 0)]),
      alignment: withoutDefaults(attributeMap(child(xf, 'alignment')), ALIGNMENT_DEFAULTS),
      protection: {
        locked: !['0', 'false'].includes(attr(child(xf, 'protection'), 'locked') ?? '1'),
        hidden: ['1', 'true'].includes(attr(child(xf, 'protection'), 'hidden') ?? '0'),
      },
    };
    const xfId = attr(xf, 'xfId');
    const named = xfId === undefined ? undefined : this.styleNames.get(Number(xfId));
    if (named !== undefined) style.cellStyle = named;
    for (const flag of ['quotePrefix', 'pivotButton']) {
      if (['1', 'true'].includes(attr(xf, flag) ?? '')) (style.flags ??= []).push(flag);
    }
    return style;
  }
}

function withoutDefaults(map: Record<string, string>, defaults: Record<string, string>): Record<string, string> {
  for (const [k, v] of Object.entries(defaults)) if (map[k] === v) delete map[k];
  return map;
}

/** `<color theme="1"/>` → `{theme: '1'}`, ARGB in upper case. */
function color(e: XmlElement | undefined): Record<string, string> | undefined {
  if (!e) return undefined;
  const c = attributeMap(e);
  if (c.rgb) c.rgb = c.rgb.toUpperCase();
  return c;
}

export function font(e: XmlElement | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of children(e)) {
    const val = attr(c, 'val');
    if (FONT_BOOLEANS.has(c.local)) {
      if (val === undefined || val === '1' || val === 'true') out[c.local] = true;
    } else if (c.local === 'color') {
      out.color = color(c);
    } else if (c.local === 'u') {
      if (val !== 'none') out.u = val ?? 'single';
    } else if (c.local === 'sz') {
      out.sz = Number(val);
    } else {
      out[c.local] = val ?? attributeMap(c);
    }
  }
  return out;
}

function fill(e: XmlElement | undefined): Record<string, unknown> {
  const pattern = child(e, 'patternFill');
  if (pattern) {
    const type = attr(pattern, 'patternType') ?? 'none';
    if (type === 'none') return { patternType: 'none' };
    const out: Record<string, unknown> = { patternType: type };
    const fg = color(child(pattern, 'fgColor'));
    const bg = color(child(pattern, 'bgColor'));
    if (fg) out.fgColor = fg;
    if (bg) out.bgColor = bg;
    return out;
  }
  const gradient = child(e, 'gradientFill');
  if (gradient) return { gradient: canonical(gradient) };
  return { patternType: 'none' };
}

function border(e: XmlElement | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const side of ['left', 'right', 'top', 'bottom', 'diagonal', 'vertical', 'horizontal', 'start', 'end']) {
    const s = child(e, side);
    const styleName = attr(s, 'style');
    if (!s || styleName === undefined || styleName === 'none') continue;
    const c = color(child(s, 'color'));
    out[side] = c ? { style: styleName, color: c } : { style: styleName };
  }
  for (const flag of ['diagonalUp', 'diagonalDown']) {
    if (['1', 'true'].includes(attr(e, flag) ?? '')) out[flag] = true;
  }
  return out;
}
