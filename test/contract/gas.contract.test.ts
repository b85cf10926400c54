import { gasHarness } from './hosts/gas.js';
import { workbookContract } from './workbook-contract.js';

/** Two spreadsheet time zones, both without daylight saving in the contract's years (see hosts/gas.ts). */
for (const timeZone of ['Asia/Kolkata', 'Pacific/Kiritimati']) {
  workbookContract(`Apps Script (spreadsheet in ${timeZone})`, () => gasHarness(timeZone));
}
