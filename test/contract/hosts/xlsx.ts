import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Workbook } from '../../../core/workbook.js';
import { XlsxWorkbook } from '../../../local/xlsx-workbook.js';
import type { ColleagueAction, ContractHarness, Touch } from '../workbook-contract.js';

/**
 * The .xlsx host over a real file. "Reopening" is a new instance over the saved file, so what it
 * reads went through the disk. The team's touches (merges, formats, notes) and the colleague are
 * another program editing the file: ExcelJS, an independent reader and writer, saving over it
 * without Carnet's lock, as LibreOffice or Excel would.
 */
export async function xlsxHarness(): Promise<ContractHarness> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carnet-contract-'));
  const file = path.join(dir, 'book.xlsx');
  const wb = await XlsxWorkbook.create(file, { user: { id: 'ada@example.com', name: 'Ada' } });
  const edit = async (sheet: string, change: (ws: ExcelJS.Worksheet) => void) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    change(book.getWorksheet(sheet)!);
    await book.xlsx.writeFile(file);
  };
  return {
    wb,
    reopen: () => XlsxWorkbook.open(file),
    cleanup: () => fs.rm(dir, { recursive: true, force: true }),
    inspect: (w: Workbook, sheet: string, columns: number[]) => (w as XlsxWorkbook).storedLayout(sheet, columns),
    formulaAt: async (w: Workbook, sheet: string, row: number, column: number) => (await (w as XlsxWorkbook).cellInfo(sheet, row, column)).formula,
    cellAt: (w: Workbook, sheet: string, row: number, column: number) => (w as XlsxWorkbook).cellInfo(sheet, row, column),
    // Read from the file's parts (panes, styles, the drawing's chart parts), after the reopen.
    reportSheet: (w: Workbook, sheet: string, cells: { row: number; column: number }[]) => (w as XlsxWorkbook).storedReport(sheet, cells),
    merge: (sheet, r) => edit(sheet, (ws) => ws.mergeCells(r.top + 1, r.left + 1, r.bottom + 1, r.right + 1)),
    touch: (sheet: string, row: number, column: number, what: Touch) =>
      edit(sheet, (ws) => {
        const cell = ws.getCell(row + 1, column + 1);
        // ExcelJS shares style objects between cells: replace, never mutate.
        if (what.numberFormat !== undefined) cell.style = { ...cell.style, numFmt: what.numberFormat };
        if (what.note !== undefined) cell.note = what.note;
      }),
    colleague: (sheet: string, action: ColleagueAction) =>
      edit(sheet, (ws) => {
        const rows: { values: ExcelJS.CellValue[]; styles: Partial<ExcelJS.Style>[] }[] = [];
        const width = ws.columnCount;
        for (let r = 2; r <= ws.rowCount; r++) {
          const row = ws.getRow(r);
          rows.push({ values: Array.from({ length: width }, (_, c) => row.getCell(c + 1).value), styles: Array.from({ length: width }, (_, c) => ({ ...row.getCell(c + 1).style })) });
        }
        const key = (x: (typeof rows)[number]) => String(x.values[0] ?? '');
        if (action === 'sort-descending') rows.sort((a, b) => (key(a) === key(b) ? 0 : key(a) === '' ? 1 : key(b) === '' ? -1 : key(a) < key(b) ? 1 : -1));
        else rows.unshift({ values: [], styles: [] });
        rows.forEach((x, i) => {
          const row = ws.getRow(i + 2);
          for (let c = 0; c < width; c++) {
            const cell = row.getCell(c + 1);
            cell.value = x.values[c] ?? null;
            cell.style = x.styles[c] ?? {};
          }
        });
      }),
  };
}
