/**
 * Putting port cells into a Google Sheet: rectangles, one `setValues` each, and for `writeBlocks`
 * runs of one same value, one `RangeList.setValue` per value, however many cells and rows.
 *
 * Both keep the literal-text rule (literal-text.ts): every string that Sheets would parse gets the
 * apostrophe, except in plain-text cells, so the target cells' number formats are read first. A
 * `Formula` (core's own, never input) goes in a rectangle's `setValues` as its `=…` text, which
 * Sheets takes as a formula: "If a value begins with `=`, it's interpreted as a formula"
 * (Range.setValues, https://developers.google.com/apps-script/reference/spreadsheet/range#setvaluesvalues),
 * in the syntax of the spreadsheet's locale (formula-locale.ts).
 *
 * Read-back. Where the documentation does not settle what Sheets will store — a formula (the
 * locale's parser, or a plain-text cell that keeps it as text), or text sent bare into a cell that
 * is not plain text — the rectangle is read back in the same batch (one `getValues` of the same
 * range) and what Sheets did not keep is repaired in one more `setValues` of the rectangle: a
 * formula it did not take becomes the value core computed, text it changed is sent again behind an
 * apostrophe. As the Excel host does (office-addin/writing.ts), once. Strings behind an apostrophe
 * and strings in plain-text cells are not read back: Sheets keeps both as text (literal-text.ts).
 * Nothing marks a value written in place of a formula: the cell holding a value where Carnet's
 * formula goes is itself the trace, which `formulaCells` sees (core/check/formula-fallbacks.ts), and
 * a note would land on a note of the team's or outlive the formula written there later.
 *
 * Only the cells given are written: a rectangle is exactly a block, a run is exactly its cells
 * (`RangeList.setValue` sets the value of each range of the list, as `Range.setValue` sets a
 * range's, "numeric, string, boolean or date. If it begins with '=' it is interpreted as a
 * formula": https://developers.google.com/apps-script/reference/spreadsheet/range-list and
 * range#setvaluevalue). A cell's format and note are not values: Sheets keeps them when its value
 * is written, and Carnet changes a format only where its formula could not live otherwise.
 */

import { a1, columnLetter, isFormula, type Cell, type CellBlock, type CellRange, type WriteGrid } from '../core/workbook.js';
import type { SheetApi, SheetValue } from './apps-script-api.js';
import { formulaNotTaken, localFormula } from './formula-locale.js';
import { needsQuotePrefix, PLAIN_TEXT, toSheetValue } from './literal-text.js';
import { NUMBER_AS_AUTOMATIC } from './number-formats.js';
import type { OpenSpreadsheet } from './open-spreadsheet.js';

/** Where a cell is, for messages: `Contacts!B7`. */
const at = (sheet: string, row: number, column: number) => () => `${sheet}!${a1(row, column)}`;

/**
 * One rectangle (0-based top-left), one `setValues`: 3 calls (range, its formats, the values). Its
 * number formats decide which strings need the apostrophe. A Formula in a plain-text cell would be
 * kept as text, so such cells (a column a person formatted as text) first get a number format made
 * of documented tokens (number-formats.ts), in one range list that only that case costs (2 calls).
 * When the rectangle holds a formula, or text sent without an apostrophe into a cell that is not
 * plain text, 1 more (`getValues`, plus the locale once per server call when a formula is written),
 * and 1 more again when something was repaired.
 */
export function writeRectangle(open: OpenSpreadsheet, s: SheetApi, sheet: string, row: number, column: number, grid: WriteGrid): void {
  const width = grid[0]!.length;
  const range = s.getRange(row + 1, column + 1, grid.length, width);
  const formats = range.getNumberFormats();
  const plain = (r: number, c: number) => formats[r]![c] === PLAIN_TEXT;
  const unsure: { r: number; c: number }[] = [];
  const textFormulas: string[] = [];
  const values = grid.map((src, r) =>
    src.map((v, c) => {
      if (isFormula(v)) {
        unsure.push({ r, c });
        if (plain(r, c)) {
          textFormulas.push(a1(row + r, column + c));
          formats[r]![c] = NUMBER_AS_AUTOMATIC;
        }
        return localFormula(v.formula, open.formulaSeparator);
      }
      const sent = toSheetValue(v, plain(r, c), at(sheet, row + r, column + c));
      if (typeof sent === 'string' && sent !== '' && !plain(r, c) && !sent.startsWith("'")) unsure.push({ r, c });
      return sent;
    }),
  );
  if (textFormulas.length > 0) s.getRangeList(textFormulas).setNumberFormat(NUMBER_AS_AUTOMATIC);
  range.setValues(values);
  if (unsure.length === 0) return;
  const got = range.getValues();
  let repaired = false;
  for (const { r, c } of unsure) {
    const wanted = grid[r]![c]!;
    const sent = values[r]![c]!;
    const now = got[r]?.[c];
    if (isFormula(wanted)) {
      if (!formulaNotTaken(now, sent as string)) continue;
      values[r]![c] = toSheetValue(wanted.value, plain(r, c), at(sheet, row + r, column + c));
      repaired = true;
    } else if (textChanged(now, sent as string)) {
      values[r]![c] = `'${sent as string}`;
      repaired = true;
    }
  }
  if (repaired) range.setValues(values);
}

/**
 * Text Sheets did not keep: it came back as something else. A cell hidden by a merge reads '' and
 * keeps nothing written to it, with or without an apostrophe: that is not a parse to repair.
 */
function textChanged(now: SheetValue | undefined, sent: string): boolean {
  return now !== undefined && now !== '' && now !== sent;
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
 * rows the runs span there) and are sent as two range lists, with and without it. Runs are not
 * read back: a range list has no `getValues` (reading each column would cost 2 calls more per
 * column), runs never carry a formula, and the text a cascade sends bare (a renamed company, no
 * digit, no sign) lands in reference columns, which Carnet's layout makes plain text.
 */
export function writeRuns(s: SheetApi, sheet: string, runs: readonly SameValueRun[]): void {
  const parsed = new Set(runs.filter((run) => typeof run.value === 'string' && needsQuotePrefix(run.value)));
  const formats = numberFormats(s, [...parsed].flatMap((run) => run.ranges));
  for (const run of runs) {
    const first = run.ranges[0]!;
    const where = at(sheet, first.top, first.left);
    if (!parsed.has(run)) {
      s.getRangeList(run.ranges.map(rangeA1)).setValue(toSheetValue(run.value, false, where));
      continue;
    }
    const plain: string[] = [];
    const parsing: string[] = [];
    for (const range of run.ranges) {
      const kinds = cellsOf(range).map((c) => formats(c.row, c.column) === PLAIN_TEXT);
      if (kinds.every((k) => k === kinds[0])) (kinds[0] ? plain : parsing).push(rangeA1(range));
      else cellsOf(range).forEach((c, i) => (kinds[i] ? plain : parsing).push(a1(c.row, c.column)));
    }
    if (plain.length > 0) s.getRangeList(plain).setValue(toSheetValue(run.value, true, where));
    if (parsing.length > 0) s.getRangeList(parsing).setValue(toSheetValue(run.value, false, where));
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
        if (typeof v === 'number') toSheetValue(v, false, at(sheet, b.row + r, b.column + c));
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
