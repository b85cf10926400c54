/**
 * Reading a sheet: the used range by values from A1, one sync; in slices only when Excel on the
 * web would answer more than 5 MB (payload.ts).
 */

import type { Cell, Grid } from '../core/workbook.js';
import type { ExcelAccess } from './access.js';
import { errorCode } from './excel-api.js';
import { PAYLOAD_ERRORS } from './payload.js';

export async function readSheet(x: ExcelAccess, sheet: string): Promise<Grid> {
  try {
    return await x.onSheet(
      sheet,
      async (ctx, ws) => {
        const used = ws.getUsedRangeOrNullObject(true).load('values,rowIndex,columnIndex');
        await ctx.sync();
        return used.isNullObject ? [] : fromA1(used.values, used.rowIndex, used.columnIndex);
      },
      () => [],
    );
  } catch (e) {
    // Excel on the web answers at most 5 MB: read a big sheet in slices instead.
    if (PAYLOAD_ERRORS.has(errorCode(e) ?? '')) return readInSlices(x, sheet);
    throw e;
  }
}

async function readInSlices(x: ExcelAccess, sheet: string): Promise<Grid> {
  return x.onSheet(
    sheet,
    async (ctx, ws) => {
      const used = ws.getUsedRangeOrNullObject(true).load('rowIndex,columnIndex,rowCount,columnCount');
      await ctx.sync();
      if (used.isNullObject) return [];
      const grid: Grid = [];
      for (let r = 0; r < used.rowIndex; r++) grid.push(new Array<Cell>(used.columnIndex + used.columnCount).fill(null));
      // A guess at 64 bytes per cell, halved whenever Excel still finds a slice too big.
      let rows = Math.max(1, Math.floor(x.budget / 64 / used.columnCount));
      for (let done = 0; done < used.rowCount; ) {
        const n = Math.min(rows, used.rowCount - done);
        const slice = ws.getRangeByIndexes(used.rowIndex + done, used.columnIndex, n, used.columnCount).load('values');
        try {
          await ctx.sync();
        } catch (e) {
          if (PAYLOAD_ERRORS.has(errorCode(e) ?? '') && n > 1) {
            rows = Math.max(1, Math.floor(n / 2));
            continue;
          }
          throw e;
        }
        grid.push(...fromA1(slice.values, 0, used.columnIndex));
        done += n;
      }
      return grid;
    },
    () => [],
  );
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
