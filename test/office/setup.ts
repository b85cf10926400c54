/** What the Office adapter's tests share: an adapter over a fresh fake Excel, and errors caught whole. */

import { CarnetError } from '../../core/errors.js';
import type { Grid } from '../../core/workbook.js';
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

export const CLIENTS: Grid = [
  ['ID', 'Name', 'Length', 'City'],
  ['CO-1', 'Ada', null, 'Paris'],
  ['CO-2', 'Bob', null, 'Lyon'],
  ['CO-3', 'Cy', null, 'Paris'],
];

/**
 * A Clients sheet with a team formula in C2:C4 (a column Carnet does not write), typed in Excel,
 * with `note` on B3 when given, and the counts reset.
 */
export async function clients(options: FakeExcelOptions = {}, adapter: Partial<OfficeWorkbookOptions> = {}, note?: string) {
  const { excel, wb } = setup(options, adapter);
  await wb.ensureSheet('Clients');
  await wb.write('Clients', 0, 0, CLIENTS);
  await inExcel(excel, 'Clients', (ws) => {
    ws.getRangeByIndexes(1, 2, 3, 1).formulas = [['=LEN(B2)'], ['=LEN(B3)'], ['=LEN(B4)']];
    if (note !== undefined) ws.notes.add('B3', note);
  });
  excel.resetCounts();
  return { excel, wb };
}
