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
 * One sync for the rectangle (clipped to Excel's grid), whatever its number of rows; more only on
 * Excel on the web when the answer would pass its 5 MB limit (payload.ts): then the rectangle is
 * read in slices of rows, halved while Excel still finds one too big, as reading.ts does.
 */

import type { CellRange } from '../core/workbook.js';
import type { ExcelAccess } from './access.js';
import { errorCode, MAX_COLUMNS, MAX_ROWS, type XlContext, type XlWorksheet } from './excel-api.js';
import { PAYLOAD_ERRORS } from './payload.js';

type Found = { row: number; column: number }[];

export async function formulaCells(x: ExcelAccess, sheet: string, range: CellRange): Promise<Found> {
  const box = {
    top: Math.max(0, range.top),
    left: Math.max(0, range.left),
    bottom: Math.min(range.bottom, MAX_ROWS - 1),
    right: Math.min(range.right, MAX_COLUMNS - 1),
  };
  if (box.bottom < box.top || box.right < box.left) return [];
  try {
    return await x.onSheet(
      sheet,
      async (ctx, ws) => {
        const out: Found = [];
        await readRows(ctx, ws, box, box.top, box.bottom - box.top + 1, out);
        return out;
      },
      () => [],
    );
  } catch (e) {
    if (PAYLOAD_ERRORS.has(errorCode(e) ?? '')) return inSlices(x, sheet, box);
    throw e;
  }
}

/** Rows top…top+rows-1 of the box, in one sync; the formula cells found, in order, go into `out`. */
async function readRows(ctx: XlContext, ws: XlWorksheet, box: CellRange, top: number, rows: number, out: Found): Promise<void> {
  const r = ws.getRangeByIndexes(top, box.left, rows, box.right - box.left + 1).load('formulas,values');
  await ctx.sync();
  // Row by row, left to right: sorted by row, then column, as the port promises.
  r.formulas.forEach((line, i) =>
    line.forEach((f, j) => {
      if (typeof f === 'string' && f.startsWith('=') && f !== r.values[i]?.[j]) out.push({ row: top + i, column: box.left + j });
    }),
  );
}

async function inSlices(x: ExcelAccess, sheet: string, box: CellRange): Promise<Found> {
  return x.onSheet(
    sheet,
    async (ctx, ws) => {
      const out: Found = [];
      const height = box.bottom - box.top + 1;
      // A guess at 64 bytes per cell and property (two of them), halved while Excel still refuses.
      let rows = Math.max(1, Math.floor(x.budget / 128 / (box.right - box.left + 1)));
      for (let done = 0; done < height; ) {
        const n = Math.min(rows, height - done);
        try {
          await readRows(ctx, ws, box, box.top + done, n, out);
        } catch (e) {
          if (PAYLOAD_ERRORS.has(errorCode(e) ?? '') && n > 1) {
            rows = Math.max(1, Math.floor(n / 2));
            continue;
          }
          throw e;
        }
        done += n;
      }
      return out;
    },
    () => [],
  );
}
