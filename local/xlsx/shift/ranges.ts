/**
 * Where ranges go when rows are deleted, as spreadsheet programs move them: a range moves up by
 * the rows deleted above it and shrinks by the rows deleted inside it; a range whose rows are all
 * deleted is gone.
 */

import type { CellRange } from '../../../core/workbook.js';
import { formatRange, parseRange } from '../sheet/cell-ref.js';

/** 1-based rows deleted, ascending, with the mapping of the rows that stay. */
export interface RowDeletion {
  deleted: number[];
  gone: Set<number>;
  /** A 1-based row's new number, undefined when deleted. */
  map: (row: number) => number | undefined;
  /** How many deleted rows lie above (strictly before) 1-based row `row`. */
  above: (row: number) => number;
}

export function rowDeletion(rows1Based: number[]): RowDeletion {
  const deleted = [...new Set(rows1Based)].sort((a, b) => a - b);
  const gone = new Set(deleted);
  const above = (row: number) => {
    let lo = 0;
    let hi = deleted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (deleted[mid]! < row) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return { deleted, gone, above, map: (row) => (gone.has(row) ? undefined : row - above(row)) };
}

const SHEET_LAST_ROW = 1_048_576;

/** A 0-based range after the deletion, or undefined when all its rows are gone. Whole columns stay whole. */
export function shiftRange(r: CellRange, d: RowDeletion): CellRange | undefined {
  if (r.top === 0 && r.bottom >= SHEET_LAST_ROW - 1) return r;
  let top = r.top + 1;
  let bottom = r.bottom + 1;
  while (top <= bottom && d.gone.has(top)) top++;
  while (bottom >= top && d.gone.has(bottom)) bottom--;
  if (top > bottom) return undefined;
  return { top: d.map(top)! - 1, bottom: d.map(bottom)! - 1, left: r.left, right: r.right };
}

/** A reference text (`B2:D9`, `$B$2`) after the deletion; `$` kept; undefined when gone. */
export function shiftRef(ref: string, d: RowDeletion): string | undefined {
  // Whole columns (`A:C`) are untouched by deleting rows; whole rows (`3:5`) move like ranges.
  if (/^\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}$/.test(ref)) return ref;
  const whole = /^(\$?)(\d+):(\$?)(\d+)$/.exec(ref);
  if (whole) {
    const moved = shiftRange({ top: Number(whole[2]) - 1, bottom: Number(whole[4]) - 1, left: 0, right: 16_383 }, d);
    return moved ? `${whole[1]}${moved.top + 1}:${whole[3]}${moved.bottom + 1}` : undefined;
  }
  const r = parseRange(ref.replace(/\$/g, ''));
  if (!r) return ref;
  const moved = shiftRange(r, d);
  if (!moved) return undefined;
  if (!/\$/.test(ref)) return formatRange(moved);
  // Keep the `$` marks where they were.
  const parts = ref.split(':');
  const rows = [moved.top + 1, moved.bottom + 1];
  return parts.map((p, i) => p.replace(/(\$?)(\d+)$/, (_m, dollar: string) => `${dollar}${rows[Math.min(i, 1)]}`)).join(':');
}

/** A space-separated list of ranges after the deletion; '' when all are gone. */
export function shiftSqref(sqref: string, d: RowDeletion): string {
  return sqref
    .trim()
    .split(/\s+/)
    .map((r) => (r === '' ? undefined : shiftRef(r, d)))
    .filter((r): r is string => r !== undefined)
    .join(' ');
}
