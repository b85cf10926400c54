/**
 * Which cells of a rectangle hold a formula, Carnet's own or a team's (`Workbook.formulaCells`).
 *
 * `Range.formulas` "represents the formula in A1-style notation. If a cell has no formula, its
 * value is returned instead" (ExcelApi 1.1,
 * https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-formulas-member):
 * a formula is a string starting with `=`. So is text that merely starts with `=` — which Carnet
 * itself writes, as literal text in a Text cell, whenever a person typed it (writing.ts) — and
 * there `formulas` gives the same string as `values`. Both are loaded in the one sync, and a cell
 * counts as a formula when its `formulas` entry starts with `=` and differs from its value. (A
 * formula that computes its own text, `=B2` beside a B2 holding the text "=B2", would pass for
 * text: no Office.js property tells them apart in the same sync.)
 *
 * One sync for the rectangle (clipped to Excel's grid), whatever its number of rows, up to Excel's
 * 5,000,000 cells per read (payload.ts): past them, one sync per row chunk of at most that many
 * cells, cut from the start since the rectangle's size is known. More only on Excel on the web when
 * an answer would pass its 5 MB limit: then the chunk is read in slices of rows, halved while Excel
 * still finds one too big, as reading.ts does.
 */

import type { CellRange } from '../core/workbook.js';
import type { ExcelAccess } from './access.js';
import { errorCode, MAX_COLUMNS, MAX_ROWS, type XlContext, type XlWorksheet } from './excel-api.js';
import { CELL_LIMIT_ERROR, PAYLOAD_ERRORS, rowsPerRead } from './payload.js';
import { valuesOf } from './reading.js';

type Found = { row: number; column: number }[];

export async function formulaCells(x: ExcelAccess, sheet: string, range: CellRange): Promise<Found> {
  const box = {
    top: Math.max(0, range.top),
    left: Math.max(0, range.left),
    bottom: Math.min(range.bottom, MAX_ROWS - 1),
    right: Math.min(range.right, MAX_COLUMNS - 1),
  };
  if (box.bottom < box.top || box.right < box.left) return [];
  const height = box.bottom - box.top + 1;
  const width = box.right - box.left + 1;
  const byCells = rowsPerRead(width);
  // A guess at 64 bytes per cell and property (two of them), for when Excel on the web refuses.
  const byBytes = Math.max(1, Math.floor(x.budget / 128 / width));
  return x.onSheet(
    sheet,
    async (ctx, ws) => {
      const out: Found = [];
      let rows = byCells;
      for (let done = 0; done < height; ) {
        const n = Math.min(rows, height - done);
        let read: boolean;
        try {
          read = await readRows(ctx, ws, box, box.top + done, n, out);
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
        if (!read) {
          if (n > 1) {
            rows = Math.max(1, Math.floor(n / 2));
            continue;
          }
          throw new Error(`Excel answered no formulas for row ${box.top + done + 1} of ${sheet}`);
        }
        done += n;
      }
      return out;
    },
    () => [],
  );
}

/**
 * Rows top…top+rows-1 of the box, in one sync; the formula cells found, in order, go into `out`.
 * False when Excel answered no values (null, as some desktop builds do past 5,000,000 cells).
 */
async function readRows(ctx: XlContext, ws: XlWorksheet, box: CellRange, top: number, rows: number, out: Found): Promise<boolean> {
  const r = ws.getRangeByIndexes(top, box.left, rows, box.right - box.left + 1).load('formulas,values');
  await ctx.sync();
  const formulas: unknown[][] | null = r.formulas;
  const values = valuesOf(r);
  if (!Array.isArray(formulas) || values === null) return false;
  // Row by row, left to right: sorted by row, then column, as the port promises.
  formulas.forEach((line, i) =>
    line.forEach((f, j) => {
      if (typeof f === 'string' && f.startsWith('=') && f !== values[i]?.[j]) out.push({ row: top + i, column: box.left + j });
    }),
  );
  return true;
}
