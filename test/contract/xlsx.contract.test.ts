import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Workbook } from '../../core/workbook.js';
import { XlsxWorkbook } from '../../local/xlsx-workbook.js';
import { workbookContract } from './workbook-contract.js';

workbookContract('xlsx file', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carnet-contract-'));
  const file = path.join(dir, 'book.xlsx');
  const wb = await XlsxWorkbook.create(file, { user: { id: 'ada@example.com', name: 'Ada' } });
  return {
    wb,
    // A new instance over the saved file: proves the data went through the disk.
    reopen: () => XlsxWorkbook.open(file),
    cleanup: () => fs.rm(dir, { recursive: true, force: true }),
    inspect: (w: Workbook, sheet: string, columns: number[]) => (w as XlsxWorkbook).storedLayout(sheet, columns),
    // What the file holds, as ExcelJS reads it back (the formula is stored without its `=`).
    formulaAt: async (w: Workbook, sheet: string, row: number, column: number) => {
      const cell = (w as XlsxWorkbook).excel.getWorksheet(sheet)?.findCell(row + 1, column + 1);
      return cell?.type === ExcelJS.ValueType.Formula ? `=${cell.formula}` : undefined;
    },
  };
});
