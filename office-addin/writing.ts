/**
 * Writing cells and deleting rows through Office.js. Every write, whatever its shape (a rectangle,
 * an append, many blocks), goes through `writePieces`: the pieces are planned and checked before
 * any host call, cut only past the payload budget, and each sync carries as many of them as fit.
 *
 * For each piece, in the same sync (README "Excel add-in" says the same for people):
 * - Literal text. Excel parses `range.values` like typed input (`=1+1` a formula, `0042` a
 *   number, `2026-11-27` a date), so every string cell first gets the Text number format `@`:
 *   a Text cell keeps what is typed as is. Other cells' formats are left as they are (`null`).
 * - A `Formula` (core's own, never input) is sent through `range.formulas`, which takes constants
 *   and formulas in one assignment, so a piece holding one still costs one sync.
 * - Read-back: the piece's values are loaded in that sync and compared; a cell Excel still changed
 *   is repaired once (all of a sync's repairs in one more sync), else the write fails (E_INTERNAL).
 * Cells outside the pieces are never part of a range Carnet writes, so a team's formula, format
 * or note beside or between them stays (the contract's "team's cells").
 */

import { CarnetError } from '../core/errors.js';
import { say } from '../core/messages/say.js';
import { a1, checkBlocks, checkFormulas, isFormula, type CellBlock, type ExpectedCell, type WriteCell, type WriteGrid } from '../core/workbook.js';
import type { ExcelAccess } from './access.js';
import { MAX_COLUMNS, MAX_ROWS, type XlContext, type XlWorksheet } from './excel-api.js';
import { checkExpected } from './guard.js';
import { cellBytes, segments } from './payload.js';

/** From this many cells in one sync, recalculation is suspended until that sync. */
const BIG_WRITE_CELLS = 1_000;
/** Bytes a range adds to a request besides its cells: the range, its format and values ops, the load. */
const RANGE_OVERHEAD = 300;

/** One rectangle to write; rows may be short in `write` (a missing cell is left unchanged). */
interface Piece {
  row: number;
  column: number;
  cells: readonly (readonly (WriteCell | undefined)[])[];
}

/** A piece, or the part of one that fits a sync, as it will be sent. */
interface Chunk {
  top: number;
  left: number;
  rows: number;
  columns: number;
  /** The cells as given (undefined past a short row). */
  sent: (WriteCell | undefined)[][];
  /** What `values`/`formulas` receives: null leaves a cell unchanged. */
  values: unknown[][];
  /** `@` for string cells, null elsewhere. */
  formats: unknown[][];
  texts: number;
  formulas: number;
  bytes: number;
}

interface Mismatch {
  row: number;
  column: number;
  sent: WriteCell;
  got: unknown;
}

export async function writeRectangle(x: ExcelAccess, sheet: string, row: number, column: number, grid: WriteGrid): Promise<void> {
  checkIndex(row, 'row');
  checkIndex(column, 'column');
  checkFormulas(grid);
  const exact = await x.need(sheet);
  if (grid.length === 0 || widthOf(grid) === 0) return;
  const syncs = plan(exact, [{ row, column, cells: grid }], x.budget);
  await x.mutate(exact, (ctx, ws) => send(ctx, ws, exact, syncs));
}

export async function appendRows(x: ExcelAccess, sheet: string, rows: WriteGrid): Promise<void> {
  checkFormulas(rows);
  const exact = await x.need(sheet);
  if (rows.length === 0 || widthOf(rows) === 0) return;
  await x.mutate(exact, async (ctx, ws) => {
    // "After the last used row" needs Excel's answer before the write can be placed.
    const used = ws.getUsedRangeOrNullObject(true).load('rowIndex,rowCount');
    await ctx.sync();
    const start = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
    await send(ctx, ws, exact, plan(exact, [{ row: start, column: 0, cells: rows }], x.budget));
  });
}

/**
 * Many blocks of one sheet: every block queued, one sync (more only past the payload budget),
 * after the guard's sync when `expect` is given. A bad block is refused before anything is sent.
 */
export async function writeBlocks(x: ExcelAccess, sheet: string, blocks: readonly CellBlock[], expect: readonly ExpectedCell[]): Promise<void> {
  checkBlocks(blocks);
  const exact = await x.need(sheet);
  const pieces = blocks.filter((b) => b.cells.length > 0 && (b.cells[0]?.length ?? 0) > 0);
  if (pieces.length === 0 && expect.length === 0) return;
  const syncs = plan(exact, pieces, x.budget);
  await x.mutate(exact, async (ctx, ws) => {
    await checkExpected(ctx, ws, exact, expect);
    await send(ctx, ws, exact, syncs);
  });
}

/** Whole rows (0-based, any order); with `expect`, nothing is deleted when a row moved meanwhile. */
export async function deleteRows(x: ExcelAccess, sheet: string, rows: readonly number[], expect: readonly ExpectedCell[]): Promise<void> {
  const doomed = [...new Set(rows)].filter((r) => Number.isInteger(r) && r >= 0 && r < MAX_ROWS).sort((a, b) => b - a);
  if (doomed.length === 0) return;
  const exact = await x.need(sheet);
  // Runs of adjacent rows, bottom first, so that each deletion leaves the indexes above it valid.
  const runs: { start: number; count: number }[] = [];
  for (const r of doomed) {
    const last = runs[runs.length - 1];
    if (last && last.start === r + 1) {
      last.start = r;
      last.count++;
    } else runs.push({ start: r, count: 1 });
  }
  await x.mutate(exact, async (ctx, ws) => {
    await checkExpected(ctx, ws, exact, expect);
    // ~100 bytes per queued deletion: thousands of scattered rows still fit one sync each slice.
    const perSync = Math.max(1, Math.floor(x.budget / 100));
    for (let i = 0; i < runs.length; i += perSync) {
      for (const run of runs.slice(i, i + perSync)) ws.getRangeByIndexes(run.start, 0, run.count, 1).getEntireRow().delete('Up');
      await ctx.sync();
    }
  });
}

/**
 * Checks every piece (it fits in a sheet, it holds no number a cell cannot hold) and lays the
 * chunks out in syncs of at most `budget` estimated bytes. No host call: a refusal leaves the
 * sheet as it was.
 */
function plan(sheet: string, pieces: readonly Piece[], budget: number): Chunk[][] {
  const chunks: Chunk[] = [];
  for (const p of pieces) {
    const width = widthOf(p.cells);
    const height = p.cells.length;
    if (p.row + height > MAX_ROWS || p.column + width > MAX_COLUMNS) {
      throw new CarnetError({ code: 'E_BAD_INPUT', sheet, cell: a1(p.row, p.column), message: say('{height}×{width} cells at {cell} do not fit in an Excel sheet', { height, width, cell: a1(p.row, p.column) }) });
    }
    p.cells.forEach((src, r) =>
      src.forEach((v, c) => {
        if (typeof v === 'number' && !Number.isFinite(v)) {
          const cell = a1(p.row + r, p.column + c);
          throw new CarnetError({ code: 'E_INVALID_VALUE', sheet, cell, value: String(v), message: say('A spreadsheet cannot hold {value} ({cell})', { value: v, cell: `${sheet}!${cell}` }) });
        }
      }),
    );
    // Each cell costs its value and its number format ("@" or null).
    const cellCost = (v: WriteCell | undefined) => cellBytes(toExcelValue(v)) + 5;
    const rowBytes = (r: number, from: number, to: number) => {
      let bytes = 0;
      const src = p.cells[r]!;
      for (let c = from; c < to; c++) bytes += cellCost(src[c]);
      return bytes;
    };
    for (const seg of segments(height, width, rowBytes, budget - RANGE_OVERHEAD)) {
      chunks.push(chunkOf(p, seg, cellCost));
    }
  }
  const syncs: Chunk[][] = [];
  let current: Chunk[] = [];
  let bytes = 0;
  for (const c of chunks) {
    if (current.length > 0 && bytes + c.bytes > budget) {
      syncs.push(current);
      current = [];
      bytes = 0;
    }
    current.push(c);
    bytes += c.bytes;
  }
  if (current.length > 0) syncs.push(current);
  return syncs;
}

function chunkOf(p: Piece, seg: { row: number; column: number; rows: number; columns: number }, cellCost: (v: WriteCell | undefined) => number): Chunk {
  const chunk: Chunk = {
    top: p.row + seg.row,
    left: p.column + seg.column,
    rows: seg.rows,
    columns: seg.columns,
    sent: [],
    values: [],
    formats: [],
    texts: 0,
    formulas: 0,
    bytes: RANGE_OVERHEAD,
  };
  for (let r = 0; r < seg.rows; r++) {
    const src = p.cells[seg.row + r]!;
    const sent: (WriteCell | undefined)[] = new Array(seg.columns);
    const vRow: unknown[] = new Array(seg.columns);
    const fRow: unknown[] = new Array(seg.columns);
    for (let c = 0; c < seg.columns; c++) {
      const v = src[seg.column + c];
      sent[c] = v;
      vRow[c] = toExcelValue(v);
      const text = typeof v === 'string' && v !== '';
      fRow[c] = text ? '@' : null;
      if (text) chunk.texts++;
      if (isFormula(v)) chunk.formulas++;
      chunk.bytes += cellCost(v);
    }
    chunk.sent.push(sent);
    chunk.values.push(vRow);
    chunk.formats.push(fRow);
  }
  return chunk;
}

/** One sync per group of chunks, each followed by at most one repair sync. */
async function send(ctx: XlContext, ws: XlWorksheet, sheet: string, syncs: Chunk[][]): Promise<void> {
  for (const group of syncs) {
    const cells = group.reduce((n, c) => n + c.rows * c.columns, 0);
    if (cells >= BIG_WRITE_CELLS) ctx.workbook.application.suspendApiCalculationUntilNextSync();
    const ranges = group.map((c) => {
      const range = ws.getRangeByIndexes(c.top, c.left, c.rows, c.columns);
      // The format first: Excel parses a value with the format the cell has when it arrives.
      if (c.texts > 0) range.numberFormat = c.formats;
      // `formulas` takes constants (parsed exactly as `values` parses them) and formulas alike.
      if (c.formulas > 0) range.formulas = c.values;
      else range.values = c.values;
      return range.load('values');
    });
    await ctx.sync();
    const mismatches = group.flatMap((c, i) => compare(c, ranges[i]!.values));
    if (mismatches.length > 0) await repair(ctx, ws, sheet, mismatches);
  }
}

/** Rewrites the cells Excel did not keep as written; fails if any still differs. */
async function repair(ctx: XlContext, ws: XlWorksheet, sheet: string, cells: Mismatch[]): Promise<void> {
  const ranges = cells.map((m) => {
    const range = ws.getRangeByIndexes(m.row, m.column, 1, 1);
    // Each repair needs the General format back: a Text cell keeps a formula or a number as text.
    range.numberFormat = [['General']];
    if (isFormula(m.sent)) range.formulas = [[m.sent.formula]];
    // The one escape every Excel honours for typed text: a leading apostrophe (not stored).
    else if (typeof m.sent === 'string') range.values = [[`'${m.sent}`]];
    else range.values = [[m.sent]];
    return range.load('values');
  });
  await ctx.sync();
  const still = cells.filter((m, i) => !kept(m.sent, ranges[i]!.values[0]?.[0]));
  if (still.length > 0) {
    const first = still[0]!;
    const cell = a1(first.row, first.column);
    const sent = isFormula(first.sent) ? say('the formula {formula}', { formula: first.sent.formula }) : JSON.stringify(first.sent);
    throw new CarnetError({
      code: 'E_INTERNAL',
      sheet,
      cell,
      value: isFormula(first.sent) ? first.sent.formula : first.sent,
      message: say('Excel did not keep {count} cell(s) as written: {cell} holds {got} instead of {sent}', { count: still.length, cell: `${sheet}!${cell}`, got: JSON.stringify(first.got), sent }),
    });
  }
}

/** What a write sends for one cell: `undefined` (past a short row) leaves the cell as it is. */
function toExcelValue(v: WriteCell | undefined): unknown {
  if (v === undefined) return null;
  if (v === null || v === '') return '';
  if (isFormula(v)) return v.formula;
  return v;
}

/** Excel keeps 15 significant digits at most: compare numbers at that precision. */
function sameNumber(a: number, b: number): boolean {
  return a === b || Number(a.toPrecision(15)) === Number(b.toPrecision(15));
}

/**
 * Whether Excel kept a cell as written. A formula's value is Excel's to calculate, so it is not
 * compared with core's; the formula only counts as lost when the cell shows its text instead.
 */
function kept(sent: WriteCell | undefined, got: unknown): boolean {
  if (isFormula(sent)) return got !== sent.formula;
  const value = toExcelValue(sent);
  if (typeof value === 'number' && typeof got === 'number') return sameNumber(value, got);
  return value === got;
}

function compare(chunk: Chunk, got: unknown[][]): Mismatch[] {
  const out: Mismatch[] = [];
  for (let r = 0; r < chunk.rows; r++) {
    for (let c = 0; c < chunk.columns; c++) {
      if (chunk.values[r]![c] === null) continue; // left unchanged on purpose
      const s = chunk.sent[r]![c];
      const g = got[r]?.[c];
      if (!kept(s, g)) out.push({ row: chunk.top + r, column: chunk.left + c, sent: s ?? null, got: g });
    }
  }
  return out;
}

function widthOf(grid: readonly (readonly unknown[])[]): number {
  let width = 0;
  for (const row of grid) if (row.length > width) width = row.length;
  return width;
}

function checkIndex(n: number, what: 'row' | 'column'): void {
  if (!Number.isInteger(n) || n < 0) throw new CarnetError({ code: 'E_BAD_INPUT', value: n, message: what === 'row' ? say('Invalid row index {n}', { n }) : say('Invalid column index {n}', { n }) });
}
