/**
 * Rows of a worksheet's `<sheetData>`: finding them in the part, splitting one into its cells and
 * putting it back together with some cells replaced. A row Carnet does not write is never parsed
 * beyond its start tag, and never rewritten.
 */

import { tagEnd } from '../xml/tags.js';
import { columnOfRef } from './cell-xml.js';

/** A row of the part as read: its number (1-based) and where its XML lies. */
export interface RowSlot {
  r: number;
  start: number;
  end: number;
}

/** The rows between `from` and `until` (the content of `<sheetData>`), with implicit numbers filled in. */
export function indexRows(xml: string, prefix: string, from: number, until: number): RowSlot[] {
  const open = `<${prefix}row`;
  const close = `</${prefix}row>`;
  const out: RowSlot[] = [];
  let p = from;
  let last = 0;
  for (;;) {
    let start = xml.indexOf(open, p);
    while (start >= 0 && start < until && !isBoundary(xml.charCodeAt(start + open.length))) start = xml.indexOf(open, start + 1);
    if (start < 0 || start >= until) break;
    const tagEnd = endOfTag(xml, start + open.length);
    const selfClosing = xml.charCodeAt(tagEnd - 2) === 47;
    const end = selfClosing ? tagEnd : xml.indexOf(close, tagEnd) + close.length;
    const r = rowNumber(xml.slice(start, tagEnd)) ?? last + 1;
    out.push({ r, start, end });
    last = r;
    p = end;
  }
  // Rows are in order in every file Excel or LibreOffice writes; sort anyway (stable) for others.
  for (let i = 1; i < out.length; i++) {
    if (out[i]!.r <= out[i - 1]!.r) {
      out.sort((a, b) => a.r - b.r);
      break;
    }
  }
  return out;
}

function isBoundary(c: number): boolean {
  return c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;
}

/** Offset just after the `>` ending a start tag (quotes respected): xml/tags.ts. */
export const endOfTag = tagEnd;

function rowNumber(tag: string): number | undefined {
  const m = /\sr\s*=\s*["'](\d+)["']/.exec(tag);
  return m ? Number(m[1]) : undefined;
}

/** A row taken apart: its start tag, its cells by column, and anything after the cells (extLst). */
export interface SplitRow {
  tag: string;
  cells: { column: number; xml: string; tag: string; body: string }[];
  rest: string;
}

/** Splits a row's XML; cells without `r` get the column after the previous one (§18.3.1.4). */
export function splitRow(row: string, prefix: string): SplitRow {
  const tagEnd = endOfTag(row, 1);
  const selfClosing = row.charCodeAt(tagEnd - 2) === 47;
  const tag = row.slice(0, tagEnd);
  const cells: SplitRow['cells'] = [];
  if (selfClosing) return { tag, cells, rest: '' };
  const open = `<${prefix}c`;
  const close = `</${prefix}c>`;
  const bodyEnd = row.lastIndexOf(`</${prefix}row>`);
  let p = tagEnd;
  let column = -1;
  let restStart = bodyEnd;
  for (;;) {
    let start = row.indexOf(open, p);
    while (start >= 0 && start < bodyEnd && !isBoundary(row.charCodeAt(start + open.length))) start = row.indexOf(open, start + 1);
    if (start < 0 || start >= bodyEnd) break;
    const ctEnd = endOfTag(row, start + open.length);
    const ctag = row.slice(start, ctEnd);
    const self = row.charCodeAt(ctEnd - 2) === 47;
    const end = self ? ctEnd : row.indexOf(close, ctEnd) + close.length;
    const ref = /\sr\s*=\s*["']([A-Za-z$]+\d+)["']/.exec(ctag)?.[1];
    column = ref ? columnOfRef(ref) : column + 1;
    cells.push({ column, xml: row.slice(start, end), tag: ctag, body: self ? '' : row.slice(ctEnd, end - close.length) });
    p = end;
    restStart = end;
  }
  const rest = cells.length ? row.slice(restStart, bodyEnd) : row.slice(tagEnd, bodyEnd);
  return { tag, cells, rest };
}

/** Puts a split row back together, cells in column order; a row left without cells keeps its own tag. */
export function joinRow(split: SplitRow, prefix: string): string {
  const cells = [...split.cells].sort((a, b) => a.column - b.column);
  // `spans` is an optimisation hint (§18.3.1.73) that written cells may no longer match.
  const tag = split.tag.replace(/\sspans\s*=\s*("[^"]*"|'[^']*')/, '');
  if (cells.length === 0 && split.rest.trim() === '') return tag.endsWith('/>') ? tag : `${tag.slice(0, -1)}/>`;
  const open = tag.endsWith('/>') ? `${tag.slice(0, -2).replace(/\s+$/, '')}>` : tag;
  return `${open}${cells.map((c) => c.xml).join('')}${split.rest}</${prefix}row>`;
}

/** The start tag's style when the row is formatted as a whole (`customFormat="1" s="…"`). */
export function rowStyle(tag: string): number | undefined {
  if (!/\scustomFormat\s*=\s*["'](1|true)["']/.test(tag)) return undefined;
  const s = /\ss\s*=\s*["'](\d+)["']/.exec(tag);
  return s ? Number(s[1]) : undefined;
}
