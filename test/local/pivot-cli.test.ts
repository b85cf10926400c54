import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carnet, digest, tempDir } from '../helpers/cli.js';
import { editByHand } from '../helpers/excel-edit.js';

const tmp = tempDir();
const demo = join(tmp.dir, 'demo.xlsx');

beforeAll(async () => {
  expect((await carnet('demo', demo, '--companies', '15')).code).toBe(0);
});
afterAll(() => tmp.cleanup());

let n = 0;
function copy(): string {
  const f = join(tmp.dir, `copy-${++n}.xlsx`);
  copyFileSync(demo, f);
  return f;
}

async function sheetValues(file: string, sheet: string): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const ws = book.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => (out[r - 1] = (row.values as unknown[]).slice(1)));
  return out;
}

describe('carnet pivot', () => {
  it('builds a saved report into its sheet and prints its table; --json gives ISO month keys, cells and totals', async () => {
    const f = copy();
    const r = await carnet('pivot', f, '--report', 'Shipments by product', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.sheet).toBe('Shipments by product');
    expect(result.columnKeys.every((k: { key: string }[]) => /^\d{4}-\d{2}$/.test(k[0]!.key))).toBe(true);
    expect(result.columnKeys.length).toBeGreaterThanOrEqual(12);
    const sum = (xs: (number | null)[]) => xs.reduce<number>((s, x) => s + (x ?? 0), 0);
    expect(sum(result.rowTotals.map((t: number[]) => t[0]))).toBeCloseTo(result.grandTotals[0], 6);
    const cells = await sheetValues(f, 'Shipments by product');
    expect(String(cells[0]![0])).toMatch(/^Shipments by product — Sales — all records — \d+ records — built \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(cells[3]![0]).toBe('Product');
    expect(cells.at(-1)![0]).toBe('Total');
    expect(cells.at(-1)!.at(-1)).toBeCloseTo(result.grandTotals[0], 6);
    const text = await carnet('pivot', f, '--report', 'shipments by product');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Shipments by product — Sales/);
    expect(text.stdout).toMatch(/\nBuilt into sheet "Shipments by product" of .*copy-1\.xlsx\.\n$/);
  });

  it('answers an ad-hoc question without touching the file (--no-sheet), and writes its chart as SVG', async () => {
    const f = copy();
    const before = digest(f);
    const svg = join(tmp.dir, 'chart.svg');
    const r = await carnet('pivot', f, '--object', 'sales', '--rows', 'product.category', '--columns', 'date:quarter', '--data', 'quantity:sum', '--data', 'amount:sum', '--filter', 'date=this year', '--no-sheet', '--chart', svg);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Sum of Quantity, Sum of Amount — Product › Category × Date — Sales — filters: Date: this year — \d+ records — built /);
    expect(r.stdout).toMatch(/\nChart written to .*chart\.svg\.\n$/);
    expect(digest(f)).toBe(before);
    const drawn = readFileSync(svg, 'utf8');
    expect(drawn).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(drawn.match(/<rect [^>]*fill="#/g)!.length).toBeGreaterThan(4);
  });

  it('says what is wrong with a definition, with its code, and exits 1; a bad option exits 2', async () => {
    const f = copy();
    const before = digest(f);
    const r = await carnet('pivot', f, '--object', 'sales', '--rows', 'colour', '--data', 'quantity:sum');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('carnet: Sales has no field named "colour". Fields: Date, Company, Product, Quantity, Unit price, Discount, Amount, Owner, Comment. [E_UNKNOWN_FIELD]\n');
    const s = await carnet('pivot', f, '--object', 'sales', '--rows', 'product', '--data', 'quantity:total');
    expect(s).toEqual({ code: 2, stdout: '', stderr: 'carnet: --data "quantity:total": write field:aggregation (sum, count, countDistinct, average, min, max), e.g. quantity:sum, or count. [E_BAD_INPUT]\n' });
    const t = await carnet('pivot', f, '--rows', 'product');
    expect(t).toEqual({ code: 2, stdout: '', stderr: 'carnet: --rows, --columns, --data and --filter describe a report on a directory: name it with --object (e.g. --object sales). [E_BAD_INPUT]\n' });
    expect(digest(f)).toBe(before);
  });

  it('refuses to overwrite a team’s sheet that has the report’s name, and leaves the file as it was', async () => {
    const f = copy();
    await editByHand(f, (book) => {
      book.addWorksheet('Revenue by city').getCell('A1').value = 'Our own figures';
    });
    const before = digest(f);
    const r = await carnet('pivot', f, '--report', 'Revenue by city');
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'carnet: A sheet named "Revenue by city" already exists and Carnet did not make it, so the report is not built there: it would overwrite your team\'s sheet. Rename that sheet, or build the report into another sheet. [E_SHEET_TAKEN]\n',
    });
    expect(digest(f)).toBe(before);
    const other = await carnet('pivot', f, '--report', 'Revenue by city', '--sheet', 'City revenue');
    expect(other.code).toBe(0);
    expect((await sheetValues(f, 'Revenue by city'))[0]![0]).toBe('Our own figures');
    expect((await sheetValues(f, 'City revenue'))[2]![0]).toBe('Company › City');
  });
});

describe('carnet report', () => {
  it('saves, lists, shows and deletes a report; the saved one builds by name', async () => {
    const f = copy();
    const saved = await carnet('report', 'save', f, 'Units by city', '--object', 'sales', '--rows', 'company.city:sort=value:desc:top=5', '--data', 'quantity:sum');
    expect(saved).toEqual({ code: 0, stdout: 'Saved report "Units by city".\n', stderr: '' });
    const shown = JSON.parse((await carnet('report', 'show', f, 'units by city')).stdout);
    expect(shown).toEqual({ name: 'Units by city', definition: { object: 'sales', rows: [{ field: 'company.city', sort: 'value', order: 'desc', top: 5 }], columns: [], data: [{ field: 'quantity', agg: 'sum' }] } });
    const built = JSON.parse((await carnet('pivot', f, '--report', 'Units by city', '--json')).stdout);
    expect(built.rowKeys.length).toBeLessThanOrEqual(6);
    const list = await carnet('report', 'list', f);
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')[0]).toMatch(/^Report +On +Built in +Sheet/);
    expect(list.stdout).toMatch(/\nUnits by city +sales +saved +Units by city\n/);
    expect(await carnet('report', 'delete', f, 'Units by city')).toEqual({ code: 0, stdout: 'Deleted report "Units by city"; its sheet stays.\n', stderr: '' });
    expect(existsSync(f)).toBe(true);
    expect((await carnet('report', 'show', f, 'Units by city')).code).toBe(1);
  });
});
