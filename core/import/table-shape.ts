/**
 * Where a table sits in what was read, and whether its first row names its columns. The same for
 * text and for a sheet's rows: blank rows and columns around the table are dropped (an export's
 * trailing empty line, the empty rows and columns a sheet's used range carries), blank rows
 * inside are kept so that every row keeps the number a spreadsheet shows for it.
 */

import type { Cell } from '../workbook.js';

export interface ShapedTable {
  header: string[];
  rows: Cell[][];
  /** The file's row number of `rows[0]` (1-based). */
  firstRow: number;
  hasHeader: boolean;
}

/** How many data rows header detection compares the first row with. */
const COMPARED_ROWS = 50;

export const isBlank = (c: Cell | undefined): boolean =>
  c === null || c === undefined || c === '' || (typeof c === 'string' && c.charCodeAt(0) <= 32 && c.trim() === '');

/** The index after the last non-blank cell of `row` (0 for a blank row). */
export function usedLength(row: readonly Cell[]): number {
  let n = row.length;
  while (n > 0 && isBlank(row[n - 1])) n--;
  return n;
}

function filled(row: readonly Cell[]): number {
  let n = 0;
  for (const c of row) if (!isBlank(c)) n++;
  return n;
}

function firstUsed(row: readonly Cell[]): number {
  let i = 0;
  while (i < row.length && isBlank(row[i])) i++;
  return i;
}

/**
 * The table in `records` (record i is the file's row i + 1): undefined when every record is
 * blank. `header`: given, or detected by `looksLikeHeader`. Data rows are cut or padded with
 * `fill` to the table's width; the header's own blank cells are named "Column N".
 */
export function shapeTable(records: Cell[][], header: boolean | undefined, fill: Cell): ShapedTable | undefined {
  let top = 0;
  while (top < records.length && usedLength(records[top]!) === 0) top++;
  if (top === records.length) return undefined;
  let bottom = records.length - 1;
  while (usedLength(records[bottom]!) === 0) bottom--;
  let left = Infinity;
  let right = 0;
  for (let r = top; r <= bottom; r++) {
    const row = records[r]!;
    const used = usedLength(row);
    if (used === 0) continue;
    if (used > right) right = used;
    if (left > 0) left = Math.min(left, firstUsed(row));
  }
  const width = right - left;
  // A title above the table ("Client list 2024"), alone on its row with a blank row under it, is
  // not the header: the header is the first row that names more than one column.
  if (header === undefined && width > 1) {
    for (let r = top; r < bottom && filled(records[r]!) === 1; ) {
      let next = r + 1;
      while (next < bottom && usedLength(records[next]!) === 0) next++;
      // Only with a blank row under it: a first record holding just a name is data, not a title.
      if (next === r + 1 || filled(records[next]!) < 2) break;
      top = r = next;
    }
  }
  const cut = (row: Cell[]): Cell[] => {
    if (left === 0 && row.length === width) return row;
    const out = row.slice(left, right);
    for (let i = 0; i < width; i++) if (out[i] === undefined) out[i] = fill;
    return out;
  };
  const first = cut(records[top]!);
  const below = records.slice(top + 1, Math.min(bottom + 1, top + 1 + COMPARED_ROWS)).map(cut);
  const hasHeader = header ?? looksLikeHeader(first, below);
  const names = first.map((c, i) => (hasHeader && !isBlank(c) ? String(c).trim() : `Column ${i + 1}`));
  const start = hasHeader ? top + 1 : top;
  const rows: Cell[][] = new Array(bottom + 1 - start);
  for (let r = start; r <= bottom; r++) rows[r - start] = cut(records[r]!);
  return { header: names, rows, firstRow: start + 1, hasHeader };
}

const NUMBER = /^[-+(]?[$€£₽¥]?\s?\d[\d\s.,'’\u00a0\u202f]*[%)$€£₽¥]?$/;
const DATE = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s().-]{6,}$/;
const URL = /^(?:https?:\/\/|www\.)\S+$/i;

/** A cell that holds a value (a number, date, email, phone, web address), not the name of a column. */
export function looksLikeValue(c: Cell): boolean {
  if (typeof c !== 'string') return c !== null;
  const s = c.trim();
  return NUMBER.test(s) || DATE.test(s) || EMAIL.test(s) || PHONE.test(s) || URL.test(s);
}

/**
 * The first row names the columns when its cells, up to its last one, are all filled, distinct
 * (case aside), and words: none a number, date, email, phone or address — the values data rows
 * hold where a header has words. And no name appears again below in its own column (a header is
 * not one of its column's values). A table of words only ("Acme;Moscow;Retail") cannot tell, and
 * is taken to have a header: most files do, and the preview lets a person say otherwise.
 */
export function looksLikeHeader(first: Cell[], below: Cell[][]): boolean {
  const n = usedLength(first);
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const c = first[i]!;
    if (isBlank(c) || typeof c !== 'string' || looksLikeValue(c)) return false;
    const name = c.trim().toLowerCase();
    if (seen.has(name)) return false;
    seen.add(name);
  }
  for (const row of below) {
    for (let i = 0; i < n; i++) {
      const v = row[i];
      if (typeof v === 'string' && v.trim().toLowerCase() === (first[i] as string).trim().toLowerCase()) return false;
    }
  }
  return n > 0;
}
