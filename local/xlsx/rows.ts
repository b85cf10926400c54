/**
 * Deleting rows as a spreadsheet does: the rows below move up whole, merges follow, and formulas
 * anywhere in the workbook keep pointing at the same data.
 */

import ExcelJS from 'exceljs';
import { moveRows } from '../../core/formula-references.js';
import { columnLetter } from '../../core/workbook.js';

/** The ExcelJS internals deleteRows needs (see there for why the public API does not do). */
interface InternalCell {
  _address: string;
  /** Every ExcelJS value class has an `address` setter over its own model. */
  _value: { address: string };
}
interface InternalRow {
  _number: number;
  _cells: (InternalCell | undefined)[];
}
interface InternalSheet {
  _rows: (InternalRow | undefined)[];
  _merges: Record<string, { model: { top: number; left: number; bottom: number; right: number } }>;
}

/** The rows of `rows` (0-based) that the sheet has, once each. */
export function rowsToDelete(ws: ExcelJS.Worksheet, rows: number[]): Set<number> {
  const internal = ws as unknown as InternalSheet;
  return new Set(rows.filter((r) => Number.isInteger(r) && r >= 0 && r < internal._rows.length));
}

/** Deletes the `doomed` rows (0-based, from rowsToDelete, not empty). */
export function deleteRows(book: ExcelJS.Workbook, ws: ExcelJS.Worksheet, doomed: Set<number>): void {
  const internal = ws as unknown as InternalSheet;
  const sorted = [...doomed].sort((a, b) => a - b);
  // Formulas (a user's `=D2*E2` column, a total elsewhere) must keep pointing at the same data,
  // as they would if a person deleted the rows in a spreadsheet.
  rewriteFormulasForDeletion(book, ws, sorted.map((r) => r + 1));
  // Why not `spliceRows`: it copies every row below once per call (O(n·k) for k scattered rows),
  // drops cell notes, and leaves the last rows in place when nothing lies below them (ExcelJS
  // 4.4). Moving the row objects keeps each cell whole (value, style, note) in one O(n) pass.
  const merges = Object.values(internal._merges).map((m) => ({ ...m.model }));
  for (const m of merges) ws.unMergeCells(m.top, m.left, m.bottom, m.right);
  const kept: (InternalRow | undefined)[] = [];
  for (let i = 0; i < internal._rows.length; i++) if (!doomed.has(i)) kept.push(internal._rows[i]);
  for (let i = sorted[0]!; i < kept.length; i++) {
    const r = kept[i];
    if (!r || r._number === i + 1) continue;
    r._number = i + 1;
    r._cells.forEach((cell, c) => {
      if (!cell) return;
      const address = `${columnLetter(c)}${i + 1}`;
      // The value keeps its own copy of the address, and that copy is what the writer puts in
      // `<c r="…">`: a stale one puts the cell in another row for Excel and LibreOffice.
      cell._address = address;
      cell._value.address = address;
    });
  }
  internal._rows = kept;
  // A merge moves up with its rows and shrinks by the deleted rows it spanned, as in a spreadsheet.
  const removedBefore = (row1: number) => countBelow(sorted, row1 - 1);
  for (const m of merges) {
    const top = m.top - removedBefore(m.top);
    const bottom = m.bottom - removedBefore(m.bottom + 1);
    if (bottom > top || (bottom === top && m.right > m.left)) ws.mergeCells(top, m.left, bottom, m.right);
  }
}

/** Rewrites every formula referring to rows of `home` for the deletion of `deleted` (1-based, sorted). */
function rewriteFormulasForDeletion(book: ExcelJS.Workbook, home: ExcelJS.Worksheet, deleted: number[]): void {
  const gone = new Set(deleted);
  for (const ws of book.worksheets) {
    const isHome = ws === home;
    const found: { cell: ExcelJS.Cell; before: string; after: string }[] = [];
    let changed = false;
    let shared = false;
    ws.eachRow((row, rowNumber) => {
      if (isHome && gone.has(rowNumber)) return;
      row.eachCell((cell) => {
        if (cell.type !== ExcelJS.ValueType.Formula) return;
        // For a shared formula's other cells, `formula` is already translated to their position.
        const before = cell.formula;
        const after = shiftRowReferences(before, home.name, isHome, deleted, gone);
        if (after !== before) changed = true;
        if (isShared(cell.value)) shared = true;
        found.push({ cell, before, after });
      });
    });
    // Shared formulas are stored once and derived by position: once rows move or some of them
    // change, they would derive wrong ones (or ExcelJS refuses to write them), so every formula
    // of such a sheet is written out in full.
    if (!changed && !(isHome && shared)) continue;
    // Cached results of rewritten formulas may be stale (ROW(), a shrunk SUM): recalculate on open.
    book.calcProperties = { ...book.calcProperties, fullCalcOnLoad: true };
    for (const { cell, before, after } of found) {
      const value = cell.value as ExcelJS.CellFormulaValue;
      if (isShared(value)) cell.value = { formula: after, result: value.result };
      else if (after !== before) cell.value = { ...value, formula: after };
    }
  }
}

/** A formula after deleting rows of one sheet (`deleted` ascending, `gone` the same as a set, 1-based). */
export function shiftRowReferences(formula: string, sheet: string, onSheet: boolean, deleted: number[], gone: Set<number>): string {
  return moveRows(formula, sheet, onSheet, (row) => (gone.has(row) ? undefined : row - countBelow(deleted, row)));
}

function isShared(value: ExcelJS.CellValue): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return 'sharedFormula' in value || (value as { shareType?: string }).shareType === 'shared';
}

/** How many values of the ascending list are less than `row0`. */
function countBelow(sorted: number[], row0: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < row0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
