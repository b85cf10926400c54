/**
 * Interop with a second, independent .xlsx reader (SheetJS), as Excel-compatible tools read
 * the file: every directory sheet with its rows, the schema sheet very hidden, dates as dates.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carnet, tempDir } from '../helpers/cli.js';

const tmp = tempDir();
const demo = join(tmp.dir, 'demo-ru.xlsx');
let book: XLSX.WorkBook;
let schema: any;

beforeAll(async () => {
  expect((await carnet('demo', demo, '--lang', 'ru', '--companies', '10')).code).toBe(0);
  schema = JSON.parse((await carnet('schema', demo, '--json')).stdout);
  book = XLSX.read(readFileSync(demo), { cellDates: false, cellNF: true });
});
afterAll(() => tmp.cleanup());

describe('an Excel-compatible reader (SheetJS)', () => {
  it('finds every directory sheet with its header and rows', async () => {
    for (const dir of schema.directories) {
      const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[dir.sheet]!, { header: 1, blankrows: false });
      const records = JSON.parse((await carnet('list', demo, dir.key, '--json')).stdout);
      expect(rows[0]).toEqual(['ID', ...dir.fields.map((f: any) => f.labels.ru)]);
      expect(rows.length - 1, dir.sheet).toBe(records.length);
    }
  });

  it('sees the schema sheet as very hidden and the directories as visible', () => {
    const states = Object.fromEntries(book.Workbook!.Sheets!.map((s) => [s.name, s.Hidden ?? 0]));
    expect(states._carnet).toBe(2);
    for (const dir of schema.directories) expect(states[dir.sheet]).toBe(0);
  });

  it('reads sale dates as date-formatted serial numbers', () => {
    const ws = book.Sheets['Продажи']!;
    const cell = ws.B2!;
    expect(cell.t).toBe('n');
    expect(String(cell.z)).toMatch(/yy.*mm.*dd|dd.*mm.*yy/i);
  });

  it('has a frozen header row and dropdowns on directory sheets', async () => {
    // SheetJS does not expose panes or validations; ExcelJS reads the raw sheet parts.
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(demo);
    const sales = wb.getWorksheet('Продажи')!;
    expect(sales.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (sales.getRow(1).values as unknown[]).map(String);
    const companyColumn = header.indexOf('Компания');
    const validation = sales.getCell(5, companyColumn).dataValidation;
    expect(validation).toMatchObject({ type: 'list' });
    expect(String(validation.formulae?.[0])).toMatch(/Компании.*\$B\$2:\$B\$\d+/);
  });
});
