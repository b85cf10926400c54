/** A1 references of cells and ranges, 0-based here as in the port. */

import { columnLetter, type CellRange } from '../../../core/workbook.js';

export function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) & ~32) - 64);
  return n - 1;
}

/** `B7` → {row: 6, column: 1}; undefined for what is not a cell reference. */
export function parseCell(ref: string): { row: number; column: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) return undefined;
  return { row: Number(m[2]) - 1, column: columnIndex(m[1]!) };
}

/** `B2:D9`, or `B2` for one cell; undefined when unreadable. Whole columns/rows are clamped to the sheet. */
export function parseRange(ref: string): CellRange | undefined {
  const [a, b = a] = ref.split(':') as [string, string?];
  const whole = /^\$?([A-Za-z]{1,3})$/;
  const wholeRow = /^\$?(\d+)$/;
  if (whole.test(a) && whole.test(b!)) {
    return { top: 0, bottom: 1_048_575, left: columnIndex(whole.exec(a)![1]!), right: columnIndex(whole.exec(b!)![1]!) };
  }
  if (wholeRow.test(a) && wholeRow.test(b!)) {
    return { top: Number(wholeRow.exec(a)![1]) - 1, bottom: Number(wholeRow.exec(b!)![1]) - 1, left: 0, right: 16_383 };
  }
  const s = parseCell(a);
  const e = parseCell(b!);
  if (!s || !e) return undefined;
  return { top: Math.min(s.row, e.row), left: Math.min(s.column, e.column), bottom: Math.max(s.row, e.row), right: Math.max(s.column, e.column) };
}

/** A space-separated list of ranges (`sqref`). */
export function parseSqref(sqref: string): CellRange[] {
  return sqref
    .trim()
    .split(/\s+/)
    .map(parseRange)
    .filter((r): r is CellRange => r !== undefined);
}

export function formatRange(r: CellRange): string {
  const a = `${letters(r.left)}${r.top + 1}`;
  return r.top === r.bottom && r.left === r.right ? a : `${a}:${letters(r.right)}${r.bottom + 1}`;
}

/** Column letters for a 0-based index (the port's own `columnLetter`). */
export const letters = columnLetter;

export function intersects(a: CellRange, b: CellRange): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

export function contains(r: CellRange, row: number, column: number): boolean {
  return row >= r.top && row <= r.bottom && column >= r.left && column <= r.right;
}
