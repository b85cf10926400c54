import { columnLetter, type CellRange, type Workbook } from '../../../core/workbook.js';
import { AppsScriptWorkbook } from '../../../gas-addon/sheets-workbook.js';
import { CHART_TYPE, FakeAppsScript, type FakeSheet } from '../../gas/fake-spreadsheet-app.js';
import { inspectLayout } from '../../gas/inspect-layout.js';
import type { ColleagueAction, ContractHarness, StoredCell, StoredReportSheet, Touch } from '../workbook-contract.js';

/**
 * The Google host over the in-memory Apps Script. "Reopening" is a new adapter over the same
 * spreadsheet: what a later server call sees, so nothing may live only in the adapter instance.
 *
 * Two spreadsheet time zones, both without daylight saving in the contract's years: a half-hour
 * offset and the furthest one from UTC. A wall clock inside a DST gap cannot round-trip through
 * Apps Script's Date at all; test/gas/sheets-workbook.test.ts shows what happens then.
 *
 * `allowHidingEverySheet`: one contract case hides a workbook's only sheet, which Google Sheets
 * refuses ("You can't hide all the sheets"); the adapter's own tests cover the refusal.
 *
 * The team's cells are made, and the colleague acts, through the fake's Apps Script calls a person's
 * browser amounts to (test/gas/person-api.ts), straight on the spreadsheet: never through Carnet.
 */
export async function gasHarness(timeZone: string): Promise<ContractHarness> {
  {
    const fake = new FakeAppsScript({ timeZone, sheets: [], allowHidingEverySheet: true });
    const sheet = (name: string): FakeSheet => {
      const found = fake.spreadsheet.sheetList.find((s) => s.name.toLowerCase() === name.toLowerCase());
      if (!found) throw new Error(`gas harness: no sheet ${name}`);
      return found;
    };
    const cell = (name: string, row: number, column: number) => sheet(name).getRange(row + 1, column + 1, 1, 1);
    return {
      wb: new AppsScriptWorkbook(fake.services),
      reopen: async () => new AppsScriptWorkbook(fake.services),
      inspect: async (_wb: Workbook, name: string, columns: number[]) => inspectLayout(fake, name, columns),
      formulaAt: async (_wb: Workbook, name: string, row: number, column: number) => sheet(name).stored(row, column)?.formula,
      merge: async (name: string, r: CellRange) => {
        sheet(name).getRange(r.top + 1, r.left + 1, r.bottom - r.top + 1, r.right - r.left + 1).merge();
      },
      touch: async (name: string, row: number, column: number, what: Touch) => {
        if (what.numberFormat !== undefined) cell(name, row, column).setNumberFormat(what.numberFormat);
        if (what.note !== undefined) cell(name, row, column).setNote(what.note);
      },
      cellAt: async (_wb: Workbook, name: string, row: number, column: number): Promise<StoredCell> => {
        const c = sheet(name).stored(row, column);
        return {
          ...(c?.formula !== undefined ? { formula: c.formula } : {}),
          ...(c?.format !== undefined ? { numberFormat: c.format } : {}),
          ...(c?.note !== undefined ? { note: c.note } : {}),
        };
      },
      // From the fake's state (no calls counted): frozen panes, weights, formats, the charts inserted.
      reportSheet: async (_wb: Workbook, name: string, cells: { row: number; column: number }[]): Promise<StoredReportSheet> => {
        const s = sheet(name);
        return {
          frozenRows: s.frozenRows,
          frozenColumns: s.frozenColumns,
          bold: cells.filter((c) => s.cell(c.row, c.column)?.weight === 'bold'),
          numberFormats: Object.fromEntries(cells.map((c) => [`${columnLetter(c.column)}${c.row + 1}`, s.cell(c.row, c.column)?.format ?? 'General'])),
          charts: s.charts.map((c) => ({
            kind: c.state.type === CHART_TYPE.LINE ? 'line' : 'bar',
            title: String(c.state.options.get('title') ?? ''),
            // The first range is the categories (setNumHeaders(0)), each other one a series.
            series: c.state.ranges.length - 1,
          })),
        };
      },
      colleague: async (name: string, action: ColleagueAction) => {
        const s = sheet(name);
        // Data → Sort range, rows 2 to the last, by column A, Z → A.
        if (action === 'sort-descending') s.getRange(2, 1, s.usedRows() - 1, s.usedColumns()).sort({ column: 1, ascending: false });
        else s.insertRowBefore(2);
      },
    };
  }
}
