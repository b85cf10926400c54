import { officeHarness } from './hosts/office.js';
import { workbookContract } from './workbook-contract.js';

/** On an Excel with ExcelApi 1.13 (merged areas reported), and on one without it (see hosts/office.ts). */
for (const mergedAreas of [true, false]) {
  workbookContract(mergedAreas ? 'Excel (Office.js)' : 'Excel (Office.js) before ExcelApi 1.13', () => officeHarness(mergedAreas));
}
