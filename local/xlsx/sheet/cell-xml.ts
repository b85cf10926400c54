/**
 * One cell's XML (`<c r="B7" s="3" t="s"><v>12</v></c>`, ECMA-376 Part 1 §18.3.1.4): decoding it
 * into a port value, and encoding a port value into it. Only cells Carnet writes are encoded;
 * every other cell's XML stays as the team's program wrote it.
 */

import { serialFromUtcDate } from '../../../core/dates.js';
import { CarnetError } from '../../../core/errors.js';
import { say } from '../../../core/messages/say.js';
import { isFormula, type Cell, type WriteCell } from '../../../core/workbook.js';
import type { SharedStrings } from '../shared-strings.js';
import type { Styles } from '../styles.js';
import { escapeCellText, escapeXml, needsPreserve, unescapeCellText, unescapeXml } from '../xml/text.js';

/** Days between the 1900 and 1904 date systems (ECMA-376 Part 1 §18.17.4.1). */
export const DATE1904_OFFSET = 1462;

export interface CellContext {
  strings: () => SharedStrings;
  styles: () => Styles;
  date1904: boolean;
}

/** What a cell holds, as read from its XML. */
export interface DecodedCell {
  column: number;
  value: Cell;
  style: number;
  /** Formula text without `=`, as written in this cell (a shared formula's dependents have none). */
  formula?: string;
  /** A shared formula: its group index, and for the group's first cell the range it covers. */
  shared?: { si: string; ref?: string };
  /** An array or data-table formula's range (its other cells hold results only). */
  arrayRef?: string;
}

/** Reads the attributes Carnet needs from a start tag; faster than a general parser on large sheets. */
function attr(tag: string, name: string): string | undefined {
  let i = tag.indexOf(` ${name}=`);
  if (i < 0) {
    i = tag.indexOf(`\t${name}=`);
    if (i < 0) i = tag.indexOf(`\n${name}=`);
    if (i < 0) return undefined;
  }
  const q = tag.charCodeAt(i + name.length + 2);
  const start = i + name.length + 3;
  const end = tag.indexOf(q === 39 ? "'" : '"', start);
  return tag.slice(start, end);
}

/**
 * Decodes the cell whose start tag `tag` and content `body` were found; `column` is its place
 * when it has no `r` (cells may omit it, §18.3.1.4).
 */
export function decodeCell(tag: string, body: string, fallbackColumn: number, ctx: CellContext): DecodedCell {
  const r = attr(tag, 'r');
  const column = r ? columnOfRef(r) : fallbackColumn;
  const style = Number(attr(tag, 's') ?? 0);
  const t = attr(tag, 't');
  const out: DecodedCell = { column, value: null, style };
  if (body === '') return out;
  let v: string | undefined;
  const vStart = findChild(body, 'v');
  if (vStart >= 0) {
    const open = body.indexOf('>', vStart);
    if (body.charCodeAt(open - 1) !== 47) v = body.slice(open + 1, body.indexOf('<', open + 1));
  }
  const fStart = findChild(body, 'f');
  if (fStart >= 0) {
    const open = body.indexOf('>', fStart);
    const ftag = body.slice(fStart, open + 1);
    const selfClosing = body.charCodeAt(open - 1) === 47;
    const text = selfClosing ? '' : unescapeXml(body.slice(open + 1, body.indexOf('<', open + 1)));
    const ft = attr(ftag, 't');
    if (text !== '') out.formula = text;
    if (ft === 'shared') out.shared = { si: attr(ftag, 'si') ?? '', ...(attr(ftag, 'ref') ? { ref: attr(ftag, 'ref')! } : {}) };
    else if ((ft === 'array' || ft === 'dataTable') && attr(ftag, 'ref')) out.arrayRef = attr(ftag, 'ref')!;
  }
  switch (t) {
    case 's':
      out.value = v === undefined ? null : nonEmpty(ctx.strings().get(Number(v)));
      break;
    case 'str':
      out.value = v === undefined ? null : nonEmpty(unescapeCellText(v));
      break;
    case 'inlineStr':
      out.value = nonEmpty(inlineText(body));
      break;
    case 'b':
      out.value = v === undefined ? null : v === '1' || v === 'true';
      break;
    case 'e':
      out.value = v === undefined ? null : unescapeXml(v);
      break;
    case 'd': {
      const d = v === undefined ? NaN : Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(v) ? v : `${v}${v.includes('T') ? '' : 'T00:00:00'}Z`);
      out.value = Number.isNaN(d) ? null : serialFromUtcDate(new Date(d));
      break;
    }
    default: {
      if (v === undefined || v === '') break;
      const n = Number(v);
      if (!Number.isFinite(n)) break;
      out.value = ctx.date1904 && ctx.styles().isDate(style) ? n + DATE1904_OFFSET : n;
    }
  }
  if (out.value === null && out.formula && v === undefined) {
    // LibreOffice saves booleans as the formulas TRUE()/FALSE(), sometimes without a cached value.
    const f = out.formula.trim().toUpperCase();
    if (f === 'TRUE()' || f === 'FALSE()') out.value = f === 'TRUE()';
  }
  return out;
}

function nonEmpty(s: string): string | null {
  return s === '' ? null : s;
}

/** Offset of a direct child `<v`, `<f`… (any prefix) in a cell's content, or -1. */
function findChild(body: string, name: string): number {
  let p = 0;
  for (;;) {
    const lt = body.indexOf('<', p);
    if (lt < 0) return -1;
    let q = lt + 1;
    if (body.charCodeAt(q) === 47) {
      p = q;
      continue;
    }
    const nameStart = q;
    while (q < body.length && /[\w.:-]/.test(body[q]!)) q++;
    const qname = body.slice(nameStart, q);
    const local = qname.slice(qname.indexOf(':') + 1);
    if (local === name) return lt;
    p = q;
  }
}

function inlineText(body: string): string {
  let text = '';
  const re = /<((?:[\w.-]+:)?)t(?:\s[^>]*)?(?:\/>|>([^<]*)<\/\1t>)/g;
  const clean = body.replace(/<((?:[\w.-]+:)?)rPh[\s>][\s\S]*?<\/\1rPh>/g, '');
  for (let m = re.exec(clean); m; m = re.exec(clean)) text += m[2] ?? '';
  return unescapeCellText(text);
}

export function columnOfRef(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else if (c !== 36) break;
  }
  return n - 1;
}

/**
 * A port value as cell XML at `ref` with style `style`; undefined for an empty cell without a
 * style (the element is then left out). Strings are shared strings: literal text in every
 * program, whatever their first character. `where` names the cell in errors.
 */
export function encodeCell(ref: string, style: number, v: WriteCell | undefined, ctx: CellContext, prefix: string, where: () => { sheet: string; cell: string }): string | undefined {
  const c = `${prefix}c`;
  const s = style ? ` s="${style}"` : '';
  const number = (n: number): string => {
    if (!Number.isFinite(n)) {
      const w = where();
      throw new CarnetError({ code: 'E_INVALID_VALUE', message: say('A spreadsheet cannot hold {value} ({cell})', { value: n, cell: `${w.sheet}!${w.cell}` }), sheet: w.sheet, cell: w.cell, value: String(n) });
    }
    // In a 1904-based workbook a date cell's number counts from 1904 (the port's serials from 1899-12-30).
    const raw = ctx.date1904 && ctx.styles().isDate(style) ? n - DATE1904_OFFSET : n;
    return String(raw);
  };
  if (isFormula(v)) {
    const f = `<${prefix}f>${escapeXml(v.formula.slice(1))}</${prefix}f>`;
    const val = v.value;
    if (val === null || val === '') return `<${c} r="${ref}"${s}>${f}</${c}>`;
    if (typeof val === 'number') return `<${c} r="${ref}"${s}>${f}<${prefix}v>${number(val)}</${prefix}v></${c}>`;
    if (typeof val === 'boolean') return `<${c} r="${ref}"${s} t="b">${f}<${prefix}v>${val ? 1 : 0}</${prefix}v></${c}>`;
    return `<${c} r="${ref}"${s} t="str">${f}<${prefix}v>${escapeCellText(val)}</${prefix}v></${c}>`;
  }
  if (v === null || v === undefined || v === '') return style ? `<${c} r="${ref}"${s}/>` : undefined;
  if (typeof v === 'number') return `<${c} r="${ref}"${s}><${prefix}v>${number(v)}</${prefix}v></${c}>`;
  if (typeof v === 'boolean') return `<${c} r="${ref}"${s} t="b"><${prefix}v>${v ? 1 : 0}</${prefix}v></${c}>`;
  return `<${c} r="${ref}"${s} t="s"><${prefix}v>${ctx.strings().add(v)}</${prefix}v></${c}>`;
}

/** Inline string cell text, for parts that must not touch the shared strings (none today). */
export function inlineString(s: string, prefix: string): string {
  return `<${prefix}is><${prefix}t${needsPreserve(s) ? ' xml:space="preserve"' : ''}>${escapeCellText(s)}</${prefix}t></${prefix}is>`;
}
