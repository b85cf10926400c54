import type { Workbook } from '../../core/workbook.js';
import { AppsScriptWorkbook } from '../../gas-addon/sheets-workbook.js';
import { FakeAppsScript } from '../gas/fake-spreadsheet-app.js';
import { inspectLayout } from '../gas/inspect-layout.js';
import { workbookContract } from './workbook-contract.js';

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
 */
for (const timeZone of ['Asia/Kolkata', 'Pacific/Kiritimati']) {
  workbookContract(`Apps Script (spreadsheet in ${timeZone})`, async () => {
    const fake = new FakeAppsScript({ timeZone, sheets: [], allowHidingEverySheet: true });
    return {
      wb: new AppsScriptWorkbook(fake.services),
      reopen: async () => new AppsScriptWorkbook(fake.services),
      inspect: async (_wb: Workbook, sheet: string, columns: number[]) => inspectLayout(fake, sheet, columns),
      formulaAt: async (_wb: Workbook, sheet: string, row: number, column: number) =>
        fake.spreadsheet.sheetList.find((s) => s.name.toLowerCase() === sheet.toLowerCase())?.stored(row, column)?.formula,
    };
  });
}
