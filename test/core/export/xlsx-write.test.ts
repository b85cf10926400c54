import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { sheetName, writeXlsx } from '../../../core/export/xlsx-write.js';
import type { Cell } from '../../../core/workbook.js';
import { XlsxWorkbook } from '../../../local/xlsx-workbook.js';
import { tempDir } from '../../helpers/cli.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;

/** The sheets as Carnet's own .xlsx host reads them (it decodes OOXML's `_xHHHH_` escapes; ExcelJS does not). */
async function carnetRead(bytes: Uint8Array, sheet: string): Promise<Cell[][]> {
  const file = join(tmp.dir, `t-${++n}.xlsx`);
  writeFileSync(file, bytes);
  return (await XlsxWorkbook.open(file)).read(sheet);
}

async function excelJs(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return book;
}

const SAMPLE: Cell[][] = [
  ['ID', 'Name', 'Signed', 'Since', 'Last call', 'Discount', 'Won'],
  ['CO-000001', '=1+1', 45000, 45000, 45000.5, 0.125, true],
  ['CO-000002', '@SUM(A1:A3)', null, null, null, -0.05, false],
];
const FORMATS = ['@', undefined, '#,##0.00', 'yyyy-mm-dd', 'yyyy-mm-dd hh:mm', '0.##%', undefined];

describe('writeXlsx', () => {
  it('writes a zip every reader accepts, deflated, with the right CRC-32s', async () => {
    const zip = await JSZip.loadAsync(writeXlsx([{ name: 'Companies', rows: SAMPLE, formats: FORMATS }]), { checkCRC32: true });
    expect(Object.keys(zip.files).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const many: Cell[][] = [['Name'], ...Array.from({ length: 20_000 }, (_, i) => [`Company ${i % 300}`])];
    // The sheet's XML is over 1 MB; deflated, the file is a fraction of it.
    expect(writeXlsx([{ name: 'A', rows: many }]).length).toBeLessThan(250_000);
  });

  it('gives the same bytes for the same rows', () => {
    expect(writeXlsx([{ name: 'A', rows: SAMPLE }])).toEqual(writeXlsx([{ name: 'A', rows: SAMPLE }]));
  });

  it('opens in ExcelJS with typed cells, formula-looking text as text, a bold frozen header and an autofilter', async () => {
    const book = await excelJs(writeXlsx([{ name: 'Companies', rows: SAMPLE, formats: FORMATS }]));
    const ws = book.getWorksheet('Companies')!;
    expect(ws.getCell('B2').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('B2').value).toBe('=1+1');
    expect(ws.getCell('B3').value).toBe('@SUM(A1:A3)');
    expect(ws.getCell('C2').value).toBe(45000);
    expect(ws.getCell('C2').numFmt).toBe('#,##0.00');
    expect(ws.getCell('D2').value).toEqual(new Date(Date.UTC(2023, 2, 15)));
    expect(ws.getCell('D2').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('E2').value).toEqual(new Date(Date.UTC(2023, 2, 15, 12)));
    expect(ws.getCell('E2').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(ws.getCell('F2').value).toBe(0.125);
    expect(ws.getCell('F2').numFmt).toBe('0.##%');
    expect([ws.getCell('G2').value, ws.getCell('G3').value]).toEqual([true, false]);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A2').font?.bold).toBeFalsy();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
    expect(ws.autoFilter).toBe('A1:G3');
    expect(book.definedNames.model).toEqual([expect.objectContaining({ name: '_xlnm._FilterDatabase', ranges: ['Companies!$A$1:$G$3'] })]);
  });

  it('gives back every cell through Carnet’s own reader: control characters, CR, `_x0041_`, spaces, emoji', async () => {
    const rows: Cell[][] = [['Text'], ['bell\u0007'], ['a\r\nb'], ['_x0041_'], ['  padded  '], ['😀 é ж'], ['<&>"\'']];
    expect(await carnetRead(writeXlsx([{ name: 'T', rows }]), 'T')).toEqual(rows);
  });

  it('reads back as written, for any grid of cells', async () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1 }).filter((s) => s.trim() !== '' && s === s.normalize());
    const cell: fc.Arbitrary<Cell> = fc.oneof(text, fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x)), fc.boolean(), fc.constant(null));
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }).chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 6 })),
        async (grid) => {
          const rows = [grid[0]!.map((_, c) => `Column ${c + 1}`), ...grid];
          const back = await carnetRead(writeXlsx([{ name: 'Data', rows }]), 'Data');
          expect(back).toEqual(rows.slice(0, back.length));
          expect(rows.slice(back.length).every((r) => r.every((v) => v === null))).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('writes several sheets under names Excel accepts, distinct ignoring case', async () => {
    const book = await excelJs(writeXlsx([{ name: 'Deals: 2025/Q1 [draft]', rows: [['a']] }, { name: 'deals: 2025/q1 [draft]', rows: [['b']] }, { name: 'x'.repeat(40), rows: [] }]));
    expect(book.worksheets.map((w) => w.name)).toEqual(['Deals- 2025-Q1 -draft-', 'deals- 2025-q1 -draft- (2)', 'x'.repeat(31)]);
    expect(sheetName("'quoted'")).toBe('quoted');
  });
});
