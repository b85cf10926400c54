/**
 * The `expect` guard of `writeBlocks` and `deleteRows` (core/workbook.ts, ExpectedCell): Excel has
 * no document lock, and a colleague may sort, insert or delete rows between Carnet's read and its
 * write. Office.js cannot make a write conditional inside one batch (a batch runs every queued
 * command; https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#sync),
 * so the guard is one sync of its own inside the same `Excel.run`, before anything is queued:
 * the expected cells are loaded, compared (`movedCells`), and on a difference the batch throws
 * E_CONFLICT with nothing queued, hence nothing written.
 *
 * What stays open is the round trip between the guard's sync and the write's: a sort in that
 * instant is not seen (docs/excel.md).
 */

import { conflictError, movedCells, type ExpectedCell } from '../core/workbook.js';
import { errorCode, type XlContext, type XlWorksheet } from './excel-api.js';
import { PAYLOAD_ERRORS } from './payload.js';
import { toCell } from './reading.js';

/** Rows `top`… of one column. */
interface Span {
  column: number;
  top: number;
  rows: number;
}

/** Throws E_CONFLICT when an expected cell no longer holds its value; one sync (more past 5 MB). */
export async function checkExpected(ctx: XlContext, ws: XlWorksheet, sheet: string, expect: readonly ExpectedCell[]): Promise<void> {
  if (expect.length === 0) return;
  const values = await loadColumns(ctx, ws, spansOf(expect));
  const moved = movedCells(expect, (row, column) => toCell(values.get(column)?.get(row)));
  if (moved.length > 0) throw conflictError(sheet, moved[0]!);
}

/**
 * One range per column, from its first to its last expected row: an ID column and an old-value
 * column far apart cost two thin ranges, not the rectangle between them (boundingRange's).
 */
function spansOf(expect: readonly ExpectedCell[]): Span[] {
  const byColumn = new Map<number, { top: number; bottom: number }>();
  for (const e of expect) {
    const s = byColumn.get(e.column);
    if (!s) byColumn.set(e.column, { top: e.row, bottom: e.row });
    else {
      if (e.row < s.top) s.top = e.row;
      if (e.row > s.bottom) s.bottom = e.row;
    }
  }
  return [...byColumn].map(([column, s]) => ({ column, top: s.top, rows: s.bottom - s.top + 1 }));
}

/**
 * The spans' values by column and row, in one sync; should Excel on the web find the answer over
 * 5 MB, the spans are loaded in syncs of half as many cells, and so on.
 */
async function loadColumns(ctx: XlContext, ws: XlWorksheet, spans: Span[]): Promise<Map<number, Map<number, unknown>>> {
  const out = new Map<number, Map<number, unknown>>();
  let pending = spans;
  let limit = Infinity;
  while (pending.length > 0) {
    const batch: Span[] = [];
    let cells = 0;
    while (pending.length > 0 && cells < limit) {
      const s = pending[0]!;
      const take = Math.min(s.rows, limit - cells);
      batch.push({ ...s, rows: take });
      pending = take === s.rows ? pending.slice(1) : [{ ...s, top: s.top + take, rows: s.rows - take }, ...pending.slice(1)];
      cells += take;
    }
    const ranges = batch.map((s) => ws.getRangeByIndexes(s.top, s.column, s.rows, 1).load('values'));
    try {
      await ctx.sync();
    } catch (e) {
      if (!PAYLOAD_ERRORS.has(errorCode(e) ?? '') || cells <= 1) throw e;
      limit = Math.max(1, Math.floor(cells / 2));
      pending = [...batch, ...pending];
      continue;
    }
    batch.forEach((s, i) => {
      const column = out.get(s.column) ?? new Map<number, unknown>();
      out.set(s.column, column);
      ranges[i]!.values.forEach((row, r) => column.set(s.top + r, row[0]));
    });
  }
  return out;
}
