/**
 * What happens to merged ranges when rows are inserted or deleted, and the order a sort gives, in
 * the fake sheet (test/gas/fake-sheet.ts). Ranges are 0-based and inclusive.
 */

import type { CellRange } from '../../core/workbook.js';
import type { Scalar } from '../helpers/fake-formulas.js';

/**
 * Merges after deleting `count` rows from 0-based row `first`, as Sheets moves them: those below
 * move up, one losing some of its rows shrinks, one left a single cell is no merge any more.
 */
export function mergesAfterDeletion(merges: readonly CellRange[], first: number, count: number): CellRange[] {
  const last = first + count - 1;
  const out: CellRange[] = [];
  for (const m of merges) {
    const lost = Math.max(0, Math.min(m.bottom, last) - Math.max(m.top, first) + 1);
    const top = m.top < first ? m.top : m.top > last ? m.top - count : first;
    const bottom = top + (m.bottom - m.top + 1 - lost) - 1;
    if (bottom < top) continue;
    if (bottom === top && m.left === m.right) continue;
    out.push({ top, left: m.left, bottom, right: m.right });
  }
  return out;
}

/** Merges after inserting `count` rows before 0-based row `at`: below, they move down; cut through, they grow. */
export function mergesAfterInsertion(merges: readonly CellRange[], at: number, count: number): CellRange[] {
  return merges.map((m) => (m.top >= at ? { ...m, top: m.top + count, bottom: m.bottom + count } : m.bottom >= at ? { ...m, bottom: m.bottom + count } : m));
}

export type SortKey = Scalar;

/**
 * The rows' new order (indexes into `keys`), stable. Blank cells go last whichever the direction;
 * otherwise numbers before text before booleans, text without regard to case (Excel documents
 * this order; Sheets' order between kinds is not checked here, and Carnet's tests sort text only).
 */
export function sortOrder(keys: readonly SortKey[], ascending: boolean): number[] {
  const rank = (v: SortKey) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  const compare = (a: SortKey, b: SortKey): number => {
    if (rank(a) !== rank(b)) return rank(a) - rank(b);
    if (typeof a === 'string') return a.localeCompare(String(b), 'en', { sensitivity: 'base' });
    return Number(a) - Number(b);
  };
  const blank = (v: SortKey) => v === '';
  return keys
    .map((key, index) => ({ key, index }))
    .sort((x, y) => {
      if (blank(x.key) || blank(y.key)) return blank(x.key) === blank(y.key) ? x.index - y.index : blank(x.key) ? 1 : -1;
      const c = ascending ? compare(x.key, y.key) : compare(y.key, x.key);
      return c !== 0 ? c : x.index - y.index;
    })
    .map((x) => x.index);
}
