/** What the Office adapter's tests share: an adapter over a fresh fake Excel, and errors caught whole. */

import { CarnetError } from '../../core/errors.js';
import type { XlContext, XlWorksheet } from '../../office-addin/excel-api.js';
import { OfficeWorkbook, type OfficeWorkbookOptions } from '../../office-addin/excel-workbook.js';
import { FakeExcel, type FakeExcelOptions } from './fake-excel.js';

export function setup(options: FakeExcelOptions = {}, adapter: Partial<OfficeWorkbookOptions> = {}) {
  const excel = new FakeExcel(options);
  const wb = new OfficeWorkbook({ run: excel.run, features: { notes: true, allowEditRanges: true, merges: true }, ...adapter });
  return { excel, wb };
}

export async function errorOf(p: Promise<unknown>): Promise<CarnetError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CarnetError) return e;
    throw e;
  }
  throw new Error('expected a CarnetError');
}

/** What a person does in Excel (or another add-in), in one batch against the fake, outside the adapter. */
export function inExcel(excel: FakeExcel, sheet: string, act: (ws: XlWorksheet, ctx: XlContext) => void | Promise<void>): Promise<void> {
  return excel.run(async (ctx) => {
    await act(ctx.workbook.worksheets.getItem(sheet), ctx);
    await ctx.sync();
  });
}

/** Sorts the rows under the header of the used range by column A, Z to A (Data › Sort). */
export function sortDescending(excel: FakeExcel, sheet: string): Promise<void> {
  return inExcel(excel, sheet, async (ws, ctx) => {
    const used = ws.getUsedRangeOrNullObject(true).load('rowIndex,rowCount,columnIndex,columnCount');
    await ctx.sync();
    ws.getRangeByIndexes(0, 0, used.rowIndex + used.rowCount, used.columnIndex + used.columnCount).sort.apply([{ key: 0, ascending: false }], false, true);
  });
}
