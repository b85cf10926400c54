/**
 * Reading a sheet: the used range by values from A1, one sync; in slices of rows only past Excel's
 * limits on one read (payload.ts) — 5 MB of answer on Excel on the web, 5,000,000 cells everywhere.
 * The used range's size is not known before that sync, so a sheet past 5,000,000 cells costs the
 * refused read (and, when the refusal gave no size, one sync for it) before its chunks.
 */

import type { Cell, Grid } from '../core/workbook.js';
import type { ExcelAccess } from './access.js';
import { errorCode, type XlContext, type XlRange, type XlWorksheet } from './excel-api.js';
import { CELL_LIMIT_ERROR, PAYLOAD_ERRORS, rowsPerRead } from './payload.js';

/** Which limit a whole read met: it decides how big the first slice is. */
type Limit = 'cells' | 'payload';

export async function readSheet(x: ExcelAccess, sheet: string): Promise<Grid> {
  try {
    return await x.onSheet(
      sheet,
      async (ctx, ws) => {
        const used = ws.getUsedRangeOrNullObject(true).load('values,rowIndex,columnIndex,rowCount,columnCount');
        await ctx.sync();
        if (used.isNullObject) return [];
        // Past 5,000,000 cells some desktop builds answer null rather than RangeExceedsLimit; the size came with it.
        if (valuesOf(used) === null) return readSlices(ctx, ws, sheet, x.budget, used, 'cells');
        return fromA1(used.values, used.rowIndex, used.columnIndex);
      },
      () => [],
    );
  } catch (e) {
    const code = errorCode(e) ?? '';
    if (code === CELL_LIMIT_ERROR) return readInSlices(x, sheet, 'cells');
    // Excel on the web answers at most 5 MB: read a big sheet in slices instead.
    if (PAYLOAD_ERRORS.has(code)) return readInSlices(x, sheet, 'payload');
    throw e;
  }
}

async function readInSlices(x: ExcelAccess, sheet: string, limit: Limit): Promise<Grid> {
  return x.onSheet(
    sheet,
    async (ctx, ws) => {
      const used = ws.getUsedRangeOrNullObject(true).load('rowIndex,columnIndex,rowCount,columnCount');
      await ctx.sync();
      if (used.isNullObject) return [];
      return readSlices(ctx, ws, sheet, x.budget, used, limit);
    },
    () => [],
  );
}

/**
 * The used range in slices of rows, one sync each. Past the cell limit a slice is as many rows as
 * 5,000,000 cells hold; past the payload limit, a guess at 64 bytes per cell under the budget. A
 * slice Excel still finds too big is halved (and, for the payload, brought down to the guess).
 */
async function readSlices(ctx: XlContext, ws: XlWorksheet, sheet: string, budget: number, used: XlRange, limit: Limit): Promise<Grid> {
  const { rowIndex, columnIndex, rowCount, columnCount } = used;
  const grid: Grid = [];
  for (let r = 0; r < rowIndex; r++) grid.push(new Array<Cell>(columnIndex + columnCount).fill(null));
  const byCells = rowsPerRead(columnCount);
  const byBytes = Math.max(1, Math.floor(budget / 64 / columnCount));
  let rows = limit === 'cells' ? byCells : Math.min(byBytes, byCells);
  for (let done = 0; done < rowCount; ) {
    const n = Math.min(rows, rowCount - done);
    const slice = ws.getRangeByIndexes(rowIndex + done, columnIndex, n, columnCount).load('values');
    try {
      await ctx.sync();
    } catch (e) {
      const code = errorCode(e) ?? '';
      if (n > 1 && PAYLOAD_ERRORS.has(code)) {
        rows = Math.max(1, Math.min(Math.floor(n / 2), byBytes));
        continue;
      }
      if (n > 1 && code === CELL_LIMIT_ERROR) {
        rows = Math.max(1, Math.floor(n / 2));
        continue;
      }
      throw e;
    }
    const values = valuesOf(slice);
    if (values === null) {
      if (n > 1) {
        rows = Math.max(1, Math.floor(n / 2));
        continue;
      }
      throw new Error(`Excel answered no values for row ${rowIndex + done + 1} of ${sheet}`);
    }
    // Not grid.push(...rows): a chunk may have a million rows, past what a call's arguments hold.
    for (const row of fromA1(values, 0, columnIndex)) grid.push(row);
    done += n;
  }
  return grid;
}

/** A loaded range's values, or null where Excel answered none (a read past 5,000,000 cells, on some desktop builds). */
export function valuesOf(range: XlRange): unknown[][] | null {
  const values: unknown[][] | null = range.values;
  return Array.isArray(values) ? values : null;
}

/** An Excel value as a port cell: Excel's `''` (empty, or a merged area's other cells) is null. */
export function toCell(v: unknown): Cell {
  return v === '' || v === null || v === undefined ? null : (v as Cell);
}

/** Excel's values (from the used range's corner) as the port's grid from A1. */
function fromA1(values: unknown[][], rowIndex: number, columnIndex: number): Grid {
  const width = columnIndex + (values[0]?.length ?? 0);
  const out: Grid = [];
  for (let r = 0; r < rowIndex; r++) out.push(new Array<Cell>(width).fill(null));
  for (const src of values) {
    const row: Cell[] = new Array<Cell>(width).fill(null);
    for (let c = 0; c < src.length; c++) row[columnIndex + c] = toCell(src[c]);
    out.push(row);
  }
  return out;
}
