/**
 * Putting port cells into a Google Sheet: rectangles, one `setValues` each, and for `writeBlocks`
 * runs of one same value, one `RangeList.setValue` per value, however many cells and rows.
 *
 * Both keep the literal-text rule (literal-text.ts): every string that Sheets would parse gets the
 * apostrophe, except in plain-text cells, so the target cells' number formats are read first. And
 * both send a `Formula` (core's own, never input) as its `=…` text, which Sheets takes as a
 * formula: "If a value begins with `=`, it's interpreted as a formula" (Range.setValues,
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setvaluesvalues).
 *
 * Only the cells given are written: a rectangle is exactly a block, a run is exactly its cells
 * (`RangeList.setValue` sets the value of each range of the list, as `Range.setValue` sets a
 * range's, "numeric, string, boolean or date. If it begins with '=' it is interpreted as a
 * formula": https://developers.google.com/apps-script/reference/spreadsheet/range-list and
 * range#setvaluevalue). A cell's format and note are not values: Sheets keeps them when its value
 * is written.
 */

import { a1, columnLetter, isFormula, type Cell, type CellBlock, type CellRange, type WriteGrid } from '../core/workbook.js';
import type { SheetApi } from './apps-script-api.js';
import { needsQuotePrefix, PLAIN_TEXT, toSheetValue } from './literal-text.js';

/** Sheets' "Automatic" number format, the one a formula's result is shown with by default. */
const AUTOMATIC_FORMAT = 'General';

/** Where a cell is, for messages: `Contacts!B7`. */
const at = (sheet: string, row: number, column: number) => () => `${sheet}!${a1(row, column)}`;

/**
 * One rectangle (0-based top-left), one `setValues`: 3 calls (range, its formats, the values). Its
 * number formats decide which strings need the apostrophe. A Formula in a plain-text cell would be
 * kept as text, so such cells (a column a person formatted as text) get the automatic format
 * first, in one more call that only that case costs (2 with its range list).
 */
export function writeRectangle(s: SheetApi, sheet: string, row: number, column: number, grid: WriteGrid): void {
  const width = grid[0]!.length;
  const range = s.getRange(row + 1, column + 1, grid.length, width);
  const formats = range.getNumberFormats();
  const textFormulas: string[] = [];
  const values = grid.map((src, r) =>
    src.map((v, c) => {
      if (!isFormula(v)) return toSheetValue(v, formats[r]![c]!, at(sheet, row + r, column + c));
      if (formats[r]![c] === PLAIN_TEXT) textFormulas.push(rangeA1({ top: row + r, left: column + c, bottom: row + r, right: column + c }));
      return v.formula;
    }),
  );
  if (textFormulas.length > 0) s.getRangeList(textFormulas).setNumberFormat(AUTOMATIC_FORMAT);
  range.setValues(values);
}

/** Cells of one same plain value (never a Formula), wherever they are in the sheet. */
export interface SameValueRun {
  value: Cell;
  ranges: CellRange[];
}

/**
 * How `writeBlocks` sends its blocks. A block whose every cell holds one same plain value (a
 * renamed reference in a run of rows, a field emptied) joins the run of that value: blocks bounded
 * by columns stay rectangles, while a cascade's many one-cell blocks cost one call per distinct
 * value. A run of one cell is just a rectangle (3 calls, against 2 plus the format reads a run may
 * need). Formulas are always rectangles: whether `RangeList.setValue` shifts a formula's relative
 * references from one range to the next, as a fill does, is not documented.
 */
export function planBlocks(blocks: readonly CellBlock[]): { rectangles: CellBlock[]; runs: SameValueRun[] } {
  const rectangles: CellBlock[] = [];
  const byValue = new Map<string, { value: Cell; blocks: CellBlock[]; cells: number }>();
  for (const b of blocks) {
    const width = b.cells[0]?.length ?? 0;
    if (width === 0) continue;
    const first = b.cells[0]![0]!;
    if (isFormula(first) || !b.cells.every((r) => r.every((v) => !isFormula(v) && keyOf(v) === keyOf(first)))) {
      rectangles.push(b);
      continue;
    }
    const key = keyOf(first);
    const group = byValue.get(key) ?? { value: first, blocks: [], cells: 0 };
    group.blocks.push(b);
    group.cells += b.cells.length * width;
    byValue.set(key, group);
  }
  const runs: SameValueRun[] = [];
  for (const group of byValue.values()) {
    if (group.cells === 1) rectangles.push(...group.blocks);
    else runs.push({ value: group.value, ranges: group.blocks.map(rangeOf) });
  }
  return { rectangles, runs };
}

/**
 * Each run in one `getRangeList(a1s).setValue(v)` (2 calls). Text that Sheets would parse (it
 * holds a digit, starts with `=`…) needs the apostrophe in some cells and not in plain-text ones:
 * those runs first read the number formats of the columns they touch (2 calls per column, over the
 * rows the runs span there) and are sent as two range lists, with and without it.
 */
export function writeRuns(s: SheetApi, sheet: string, runs: readonly SameValueRun[]): void {
  const parsed = new Set(runs.filter((run) => typeof run.value === 'string' && needsQuotePrefix(run.value)));
  const formats = numberFormats(s, [...parsed].flatMap((run) => run.ranges));
  for (const run of runs) {
    const first = run.ranges[0]!;
    const where = at(sheet, first.top, first.left);
    if (!parsed.has(run)) {
      s.getRangeList(run.ranges.map(rangeA1)).setValue(toSheetValue(run.value, AUTOMATIC_FORMAT, where));
      continue;
    }
    const plain: string[] = [];
    const parsing: string[] = [];
    for (const range of run.ranges) {
      const kinds = cellsOf(range).map((c) => formats(c.row, c.column) === PLAIN_TEXT);
      if (kinds.every((k) => k === kinds[0])) (kinds[0] ? plain : parsing).push(rangeA1(range));
      else cellsOf(range).forEach((c, i) => (kinds[i] ? plain : parsing).push(a1(c.row, c.column)));
    }
    if (plain.length > 0) s.getRangeList(plain).setValue(toSheetValue(run.value, PLAIN_TEXT, where));
    if (parsing.length > 0) s.getRangeList(parsing).setValue(toSheetValue(run.value, AUTOMATIC_FORMAT, where));
  }
}

/**
 * Refuses, before anything is written, a value no spreadsheet can hold (NaN, Infinity), naming its
 * cell: `toSheetValue` would otherwise throw halfway through, after some blocks were written.
 */
export function checkValues(sheet: string, blocks: readonly CellBlock[]): void {
  for (const b of blocks) {
    b.cells.forEach((src, r) =>
      src.forEach((v, c) => {
        if (typeof v === 'number') toSheetValue(v, AUTOMATIC_FORMAT, at(sheet, b.row + r, b.column + c));
      }),
    );
  }
}

/** The number formats of the given cells, one read per column over the rows spanned there. */
function numberFormats(s: SheetApi, ranges: readonly CellRange[]): (row: number, column: number) => string {
  const spans = new Map<number, { top: number; bottom: number }>();
  for (const r of ranges) {
    for (let c = r.left; c <= r.right; c++) {
      const span = spans.get(c);
      spans.set(c, span ? { top: Math.min(span.top, r.top), bottom: Math.max(span.bottom, r.bottom) } : { top: r.top, bottom: r.bottom });
    }
  }
  const read = new Map<number, { top: number; formats: string[][] }>();
  for (const [column, span] of spans) {
    read.set(column, { top: span.top, formats: s.getRange(span.top + 1, column + 1, span.bottom - span.top + 1, 1).getNumberFormats() });
  }
  return (row, column) => {
    const r = read.get(column)!;
    return r.formats[row - r.top]![0]!;
  };
}

/** Empty is one value whether written '' or null, as every spreadsheet stores it. */
function keyOf(v: Cell): string {
  return v === null || v === '' ? 'empty' : `${typeof v}:${String(v)}`;
}

function rangeOf(b: CellBlock): CellRange {
  return { top: b.row, left: b.column, bottom: b.row + b.cells.length - 1, right: b.column + b.cells[0]!.length - 1 };
}

function cellsOf(r: CellRange): { row: number; column: number }[] {
  const out: { row: number; column: number }[] = [];
  for (let row = r.top; row <= r.bottom; row++) for (let column = r.left; column <= r.right; column++) out.push({ row, column });
  return out;
}

/** `C5:C9`, always with both corners: what `getRangeList` is given. */
export function rangeA1(r: CellRange): string {
  return `${columnLetter(r.left)}${r.top + 1}:${columnLetter(r.right)}${r.bottom + 1}`;
}

/** Rows of equal length, grouped: a ragged grid is written as one rectangle per group. */
export function runsOfEqualWidth(grid: WriteGrid): { start: number; length: number; width: number }[] {
  const runs: { start: number; length: number; width: number }[] = [];
  grid.forEach((row, i) => {
    const last = runs[runs.length - 1];
    if (last && last.width === row.length) last.length++;
    else runs.push({ start: i, length: 1, width: row.length });
  });
  return runs;
}
