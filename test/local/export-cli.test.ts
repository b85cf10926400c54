import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDate, serialFromLocalDate } from '../../core/dates.js';
import { unguardCell } from '../../core/export/csv-guard.js';
import { carnet, digest, tempDir } from '../helpers/cli.js';

const tmp = tempDir();
const en = join(tmp.dir, 'en.xlsx');
const ru = join(tmp.dir, 'ru.xlsx');
const out = (name: string) => join(tmp.dir, name);

beforeAll(async () => {
  expect((await carnet('demo', en, '--companies', '12')).code).toBe(0);
  expect((await carnet('add', en, 'companies', '--set', 'name==1+1', '--set', 'city=Austin')).code).toBe(0);
  expect((await carnet('demo', ru, '--companies', '12', '--lang', 'ru')).code).toBe(0);
}, 60_000);
afterAll(() => tmp.cleanup());

async function json(...args: string[]): Promise<any> {
  const r = await carnet(...args, '--json');
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

/** The cells of a CSV text, without the empty row after the last line end. */
function cells(text: string, delimiter = ','): string[][] {
  return Papa.parse<string[]>(text, { delimiter, newline: '\r\n', skipEmptyLines: false }).data.slice(0, -1);
}

describe('carnet export', () => {
  it('writes a CSV in UTF-8 with a BOM, comma-separated, guarded, and leaves the workbook as it was', async () => {
    const before = digest(en);
    const file = out('companies.csv');
    const r = await carnet('export', en, 'companies', file);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Exported 13 companies to ${file} (UTF-8 with BOM, comma).\n`);
    expect(digest(en)).toBe(before);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text).toContain('\r\nCO-000013,"\'=1+1",Austin,');
    const schema = await json('schema', en);
    const companies = schema.directories.find((d: any) => d.key === 'companies');
    const rows = cells(text);
    expect(rows[0]).toEqual(['ID', ...companies.fields.map((f: any) => f.labels.en)]);
    const listed = await json('list', en, 'companies');
    expect(rows.slice(1).map((row) => [row[0], unguardCell(row[1]!)])).toEqual(listed.map((rec: any) => [rec.id, rec.display]));
  });

  it('takes another delimiter and no BOM, and a filter as `list` takes it', async () => {
    const file = out('austin.csv');
    const r = await carnet('export', en, 'companies', file, '--delimiter', 'semicolon', '--no-bom', '--where', 'city=austin');
    expect(r.code).toBe(0);
    const listed = await json('list', en, 'companies', '--where', 'city=austin');
    expect(r.stdout).toBe(`Exported ${listed.length} companies where city=austin to ${file} (UTF-8 without BOM, semicolon).\n`);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('ID;Name;City;')).toBe(true);
    expect(cells(text, ';').slice(1).map((row) => row[0])).toEqual(listed.map((rec: any) => rec.id));
  });

  it('writes Windows-1251 that reads back as the UTF-8 export does', async () => {
    expect((await carnet('export', ru, 'Компании', out('ru-utf8.csv'), '--no-bom')).code).toBe(0);
    const r = await carnet('export', ru, 'Компании', out('ru-1251.csv'), '--encoding', 'cp1251', '--delimiter', ';');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Экспортировано в .*ru-1251\.csv: 12 записей справочника «Компании» \(Windows-1251, точка с запятой\)\.\n$/);
    const decoded = new TextDecoder('windows-1251').decode(readFileSync(out('ru-1251.csv')));
    expect(decoded.startsWith('ID;Название;')).toBe(true);
    expect(cells(decoded, ';')).toEqual(cells(readFileSync(out('ru-utf8.csv'), 'utf8')));
  });

  it('refuses a character the encoding cannot hold, names the cell, and writes no file', async () => {
    const book = out('euro.xlsx');
    copyFileSync(en, book);
    expect((await carnet('add', book, 'companies', '--set', 'name=Café 5 €')).code).toBe(0);
    const file = out('euro.csv');
    const r = await carnet('export', book, 'companies', file, '--encoding', 'koi8-r');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('carnet: Companies!B15 (Name of CO-000014, "Café 5 €") holds "é" (U+00E9), which KOI8-R cannot hold. Nothing was exported: export in UTF-8, which holds every character, or change the cell. [E_INVALID_VALUE]\n');
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(tmp.dir).filter((f) => f.includes('euro.csv'))).toEqual([]);
  });

  it('writes an .xlsx Carnet, ExcelJS and people read as the sheet, and says so in JSON', async () => {
    const file = out('sales.xlsx');
    const r = await json('export', en, 'sales', file);
    const today = isoDate(Math.floor(serialFromLocalDate(new Date())));
    expect(r).toEqual({ file, directory: 'sales', fileName: `Sales ${today}.xlsx`, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', rows: expect.any(Number) });
    const sales = await json('list', en, 'sales');
    expect(r.rows).toBe(sales.length);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const ws = book.getWorksheet('Sales')!;
    expect(ws.rowCount).toBe(sales.length + 1);
    expect(ws.getCell('A2').value).toBe(sales[0].id);
  });

  it('takes the format from the extension, and never writes over the workbook', async () => {
    const bad = await carnet('export', en, 'companies', out('companies.pdf'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('the file name must end in .csv, .tsv or .xlsx');
    const before = digest(en);
    const self = await carnet('export', en, 'companies', en);
    expect(self.code).toBe(2);
    expect(self.stderr).toContain('is the workbook itself');
    expect(digest(en)).toBe(before);
    const tsv = await carnet('export', en, 'companies', out('companies.tsv'));
    expect(tsv.stdout).toMatch(/\(UTF-8 with BOM, tab\)\.\n$/);
    expect(readFileSync(out('companies.tsv')).subarray(3).toString('utf8').startsWith('ID\tName\t')).toBe(true);
  });
});
