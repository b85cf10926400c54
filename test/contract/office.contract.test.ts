import { OfficeWorkbook } from '../../office-addin/excel-workbook.js';
import { FakeExcel } from '../office/fake-excel.js';
import { storedLayout } from '../office/inspect.js';
import { workbookContract } from './workbook-contract.js';

/**
 * The Office adapter over a fake Excel that batches like Office.js and parses typed input like
 * Excel (test/office/fake-excel.ts). `reopen` is a new adapter over the same Excel: what it reads
 * went through "Excel", not through anything the first adapter remembered.
 */
workbookContract('Excel (Office.js)', async () => {
  const excel = new FakeExcel();
  const make = () =>
    new OfficeWorkbook({
      run: excel.run,
      user: () => ({ id: 'ada@example.com', name: 'Ada' }),
      features: { notes: true, allowEditRanges: true },
    });
  return {
    wb: make(),
    reopen: async () => make(),
    inspect: async (_wb, sheet, columns) => storedLayout(excel, sheet, columns),
    formulaAt: async (_wb, sheet, row, column) => excel.find(sheet)?.cell(row, column)?.formula,
  };
});
