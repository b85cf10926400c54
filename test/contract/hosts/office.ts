import { a1, type CellRange } from '../../../core/workbook.js';
import type { XlContext, XlWorksheet } from '../../../office-addin/excel-api.js';
import { OfficeWorkbook } from '../../../office-addin/excel-workbook.js';
import { FakeExcel } from '../../office/fake-excel.js';
import { storedLayout } from '../../office/inspect.js';
import type { ColleagueAction, ContractHarness, StoredCell, StoredReportSheet, Touch } from '../workbook-contract.js';

/**
 * The Office adapter over a fake Excel that batches like Office.js and parses typed input like
 * Excel (test/office/fake-excel.ts). `reopen` is a new adapter over the same Excel: what it reads
 * went through "Excel", not through anything the first adapter remembered.
 *
 * The team's own cells (merges, formats, notes) and the colleague are made through the fake's
 * Office.js surface, as a person in Excel (or another add-in) would make them, never through the
 * adapter under test.
 *
 * It runs twice: on an Excel with ExcelApi 1.13 (merged areas reported), and on one without it,
 * where the adapter declares `capabilities.merges: false` and the fake refuses the API.
 */
export async function officeHarness(mergedAreas: boolean): Promise<ContractHarness> {
  {
    const excel = new FakeExcel({ mergedAreas });
    const make = () =>
      new OfficeWorkbook({
        run: excel.run,
        user: () => ({ id: 'ada@example.com', name: 'Ada' }),
        features: { notes: true, allowEditRanges: true, merges: mergedAreas },
      });
    /** One batch against the fake, as a person's action in Excel. */
    const inExcel = (sheet: string, act: (ctx: XlContext, ws: XlWorksheet) => void | Promise<void>) =>
      excel.run(async (ctx) => {
        await act(ctx, ctx.workbook.worksheets.getItem(sheet));
        await ctx.sync();
      });
    return {
      wb: make(),
      reopen: async () => make(),
      inspect: async (_wb, sheet, columns) => storedLayout(excel, sheet, columns),
      formulaAt: async (_wb, sheet, row, column) => excel.find(sheet)?.cell(row, column)?.formula,
      merge: (sheet: string, m: CellRange) => inExcel(sheet, (_ctx, ws) => ws.getRangeByIndexes(m.top, m.left, m.bottom - m.top + 1, m.right - m.left + 1).merge()),
      touch: (sheet: string, row: number, column: number, what: Touch) =>
        inExcel(sheet, (_ctx, ws) => {
          if (what.numberFormat !== undefined) ws.getRangeByIndexes(row, column, 1, 1).numberFormat = [[what.numberFormat]];
          if (what.note !== undefined) ws.notes.add(a1(row, column), what.note);
        }),
      cellAt: async (_wb, sheet, row, column): Promise<StoredCell> => {
        const cell = excel.find(sheet)?.cell(row, column);
        return {
          ...(cell?.formula !== undefined ? { formula: cell.formula } : {}),
          ...(cell && cell.format !== 'General' ? { numberFormat: cell.format } : {}),
          ...(cell?.note !== undefined ? { note: cell.note } : {}),
        };
      },
      // What reached "Excel": panes, bold, formats, and the charts on the sheet (type, title, series).
      reportSheet: async (_wb, sheet, cells): Promise<StoredReportSheet> => {
        const s = excel.sheet(sheet);
        return {
          frozenRows: s.frozenRows,
          frozenColumns: s.frozenColumns,
          bold: cells.filter((c) => s.cell(c.row, c.column)?.bold === true),
          numberFormats: Object.fromEntries(cells.map((c) => [a1(c.row, c.column), s.cell(c.row, c.column)?.format ?? 'General'])),
          charts: s.charts.map((c) => ({ kind: c.type === 'Line' ? 'line' : 'bar', title: c.title, series: c.series.length })),
        };
      },
      colleague: (sheet: string, action: ColleagueAction) =>
        inExcel(sheet, async (ctx, ws) => {
          if (action === 'insert-row') {
            // Right-click row 2 › Insert.
            ws.getRangeByIndexes(1, 0, 1, 1).getEntireRow().insert('Down');
            return;
          }
          // Data › Sort on the used range, "My data has headers", column A, Z to A.
          const used = ws.getUsedRangeOrNullObject(true).load('rowIndex,rowCount,columnIndex,columnCount');
          await ctx.sync();
          ws.getRangeByIndexes(0, 0, used.rowIndex + used.rowCount, used.columnIndex + used.columnCount).sort.apply([{ key: 0, ascending: false }], false, true);
        }),
    };
  }
}
