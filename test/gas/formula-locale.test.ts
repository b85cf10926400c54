/**
 * What the Google host does with the spreadsheet's locale and with what Sheets does not keep as
 * written (issue 13 §3): Carnet's formulas in the locale's syntax, read back in the same batch and
 * replaced by their value when Sheets did not take them; number formats the reference documents
 * only; text that Sheets changed written again behind an apostrophe.
 */

import { describe, expect, it } from 'vitest';
import { dispatch } from '../../core/app/registry.js';
import { formulaFallbacks } from '../../core/check/formula-fallbacks.js';
import { createRecords } from '../../core/records/create.js';
import { Crm } from '../../core/records/crm.js';
import type { WriteCell } from '../../core/workbook.js';
import { argumentSeparator, localFormula } from '../../gas-addon/formula-locale.js';
import { contextFor } from '../../gas-addon/server.js';
import { AppsScriptWorkbook } from '../../gas-addon/sheets-workbook.js';
import { companyRows, productRows } from './crm-fixture.js';
import { FakeAppsScript, type FakeOptions } from './fake-spreadsheet-app.js';

const HEADER = ['Product', 'Quantity', 'Unit price', 'Discount', 'Amount'];
/** Core's formula for row `r` (0-based), as core/sales/amount-formula.ts builds it. */
const amount = (r: number, value = 33.75): WriteCell => ({ formula: `=ROUND(B${r + 1}*C${r + 1}*(1-D${r + 1}),2)`, value });
const saleRow = (r: number): WriteCell[] => ['Widget', 3, 12.5, 0.1, amount(r)];

function setup(options: FakeOptions = {}) {
  const fake = new FakeAppsScript({ sheets: ['Sales'], ...options });
  return { fake, wb: new AppsScriptWorkbook(fake.services), sheet: fake.spreadsheet.sheet('Sales') };
}

describe("Carnet's formulas in the spreadsheet's locale", () => {
  describe.each([
    ['fr_FR', '=ROUND(B2*C2*(1-D2);2)'],
    ['de_DE', '=ROUND(B2*C2*(1-D2);2)'],
    ['ru_RU', '=ROUND(B2*C2*(1-D2);2)'],
    ['tr_TR', '=ROUND(B2*C2*(1-D2);2)'],
    ['en_US', '=ROUND(B2*C2*(1-D2),2)'],
    ['en_GB', '=ROUND(B2*C2*(1-D2),2)'],
    ['de_CH', '=ROUND(B2*C2*(1-D2),2)'],
  ])('in a %s spreadsheet', (locale, stored) => {
    it(`are written in its syntax (${stored}) and calculate`, async () => {
      const { wb, sheet } = setup({ locale });
      await wb.write('Sales', 0, 0, [HEADER, saleRow(1)]);
      expect(sheet.stored(1, 4)?.formula).toBe(stored);
      expect((await wb.read('Sales'))[1]).toEqual(['Widget', 3, 12.5, 0.1, 33.75]);
      // The cell follows its row: a colleague's new quantity changes the amount.
      sheet.getRange(2, 2, 1, 1).setValues([[4]]);
      expect((await wb.read('Sales'))[1]![4]).toBe(45);
    });
  });

  it('that the English syntax does not parse in a semicolon locale: the fake says so, as Sheets does', () => {
    const { sheet } = setup({ locale: 'fr_FR' });
    sheet.getRange(1, 1, 1, 5).setValues([['Widget', 3, 12.5, 0.1, '=ROUND(B1*C1*(1-D1),2)']]);
    expect(sheet.valueAt(0, 4)).toBe('#ERROR!');
    // A comma locale takes `;` too (Sheets turns it into `,`).
    const us = setup({ locale: 'en_US' }).sheet;
    us.getRange(1, 1, 1, 5).setValues([['Widget', 3, 12.5, 0.1, '=ROUND(B1*C1*(1-D1);2)']]);
    expect(us.valueAt(0, 4)).toBe(33.75);
  });

  it('translate separators and decimal points only outside quotes', () => {
    expect(localFormula('=IF(A1="a,b",ROUND(B1*1.5,2),\'Q1.5\'!C1)', ';')).toBe('=IF(A1="a,b";ROUND(B1*1,5;2);\'Q1.5\'!C1)');
    expect(localFormula('=ROUND(B1,2)', ',')).toBe('=ROUND(B1,2)');
    expect([argumentSeparator('fr_FR'), argumentSeparator('en_US'), argumentSeparator('de_CH'), argumentSeparator('not a locale!')]).toEqual([';', ',', ',', ';']);
  });

  it('cost the same calls for 900 rows as for one: the locale once, one getValues over the written range', async () => {
    const counts = [];
    for (const n of [1, 900]) {
      const { fake, wb } = setup({ locale: 'fr_FR' });
      await wb.write('Sales', 0, 0, [HEADER]);
      await wb.read('Sales');
      fake.calls.reset();
      await wb.write('Sales', 1, 0, Array.from({ length: n }, (_, i) => saleRow(i + 1)));
      counts.push(fake.calls.snapshot());
      expect(fake.spreadsheet.sheet('Sales').valueAt(n, 4)).toBe(33.75);
    }
    expect(counts[1]).toEqual(counts[0]);
    expect(counts[0]).toEqual({
      'Range.getNumberFormats': 1,
      'Range.getValues': 1,
      'Range.setValues': 1,
      'Sheet.getRange': 1,
      'Spreadsheet.getSpreadsheetLocale': 1,
    });
  });

  it('are written by sale.add in a French spreadsheet, and the amount reads as the sheet computes it', async () => {
    const fake = new FakeAppsScript({ locale: 'fr_FR' });
    const run = (command: string, input: unknown) => dispatch(contextFor(new AppsScriptWorkbook(fake.services)), command, input);
    expect((await run('crm.setup', { lang: 'fr' })).ok).toBe(true);
    const crm = await Crm.open(new AppsScriptWorkbook(fake.services));
    const defaults = { today: 46353, now: 46353.5, user: 'owner@example.com' };
    await createRecords(crm, 'companies', companyRows(1), defaults);
    await createRecords(crm, 'products', productRows(), defaults);
    const added = await run('sale.add', { company: 'Company 000000', values: { product: 'Product 2', quantity: 3 } });
    expect(added.ok).toBe(true);
    const table = await (await Crm.open(new AppsScriptWorkbook(fake.services))).table('sales');
    const sales = fake.spreadsheet.sheet(table.dir.sheet);
    const at = table.columns.get('amount')!;
    // Product 2 at 12, 3 of them, no discount: 36, calculated by the sheet from the line's cells.
    expect(sales.stored(1, at)?.formula).toMatch(/^=ROUND\(.*;2\)$/);
    expect(sales.valueAt(1, at)).toBe(36);
    expect(table.records[0]!.values.amount).toBe(36);
  });
});

describe('A formula Sheets did not take', () => {
  it.each([
    ['a parse error (#ERROR!)', '=ROUND(B2*C2,,2)'],
    ['a function the locale does not know (#NAME?)', '=ARRONDI(B2*C2;2)'],
  ])('after %s, gives way to the value core computed, in one more setValues', async (_, formula) => {
    const { fake, wb, sheet } = setup({ locale: 'fr_FR' });
    await wb.write('Sales', 0, 0, [HEADER]);
    fake.calls.reset();
    await wb.write('Sales', 1, 0, [['Widget', 3, 12.5, 0.1, { formula, value: 37.5 }]]);
    expect(fake.calls.counts['Range.getValues']).toBe(1);
    expect(fake.calls.counts['Range.setValues']).toBe(2);
    expect(sheet.stored(1, 4)).toEqual({ value: 37.5 });
    expect((await wb.read('Sales'))[1]).toEqual(['Widget', 3, 12.5, 0.1, 37.5]);
    // The trace: a value where Carnet's formula goes, which formulaCells tells from a formula.
    expect(await wb.formulaCells('Sales', { top: 1, left: 4, bottom: 1, right: 4 })).toEqual([]);
  });

  it('keeps a formula that works but shows an error of the row’s own making (#DIV/0!)', async () => {
    const { wb, sheet } = setup();
    await wb.write('Sales', 0, 0, [HEADER, ['Widget', 3, 0, 0.1, { formula: '=B2/C2', value: 0 }]]);
    expect(sheet.stored(1, 4)?.formula).toBe('=B2/C2');
    expect(sheet.valueAt(1, 4)).toBe('#DIV/0!');
  });

  it('in a plain-text cell: the cell gets a documented number format first, and the formula lives', async () => {
    const { fake, wb, sheet } = setup({ locale: 'de_DE' });
    await wb.write('Sales', 0, 0, [HEADER]);
    sheet.getRange(2, 5, 5, 1).setNumberFormat('@');
    fake.calls.reset();
    await wb.write('Sales', 1, 0, [saleRow(1)]);
    expect(sheet.stored(1, 4)).toMatchObject({ formula: '=ROUND(B2*C2*(1-D2);2)', format: '0.###############' });
    expect(fake.calls.counts['Range.setValues']).toBe(1);
    expect(sheet.valueAt(1, 4)).toBe(33.75);
  });
});

describe('check, for the value written in place of a formula', () => {
  async function frenchCrmWithTwoSales() {
    const fake = new FakeAppsScript({ locale: 'fr_FR' });
    const run = (command: string, input: unknown) => dispatch(contextFor(new AppsScriptWorkbook(fake.services)), command, input);
    await run('crm.setup', { lang: 'en' });
    const crm = await Crm.open(new AppsScriptWorkbook(fake.services));
    const defaults = { today: 46353, now: 46353.5, user: 'owner@example.com' };
    await createRecords(crm, 'companies', companyRows(1), defaults);
    await createRecords(crm, 'products', productRows(), defaults);
    await run('sale.add', { company: 'Company 000000', values: { product: 'Product 2', quantity: 3 } });
    await run('sale.add', { company: 'Company 000000', values: { product: 'Product 1', quantity: 2 } });
    const fresh = () => Crm.open(new AppsScriptWorkbook(fake.services));
    const sales = fake.spreadsheet.sheet(crm.schema.directories.find((d) => d.key === 'sales')!.sheet);
    return { fake, fresh, sales, amountColumn: (await (await fresh()).table('sales')).columns.get('amount')! };
  }

  it('finds nothing when every amount is Carnet’s formula', async () => {
    const { fresh } = await frenchCrmWithTwoSales();
    expect(await formulaFallbacks(await fresh())).toEqual([]);
  });

  it('names the amount that holds a value, in one formulaCells call', async () => {
    const { fake, fresh, sales, amountColumn } = await frenchCrmWithTwoSales();
    // What the fallback leaves (or a colleague typing over the formula): a plain number.
    sales.getRange(3, amountColumn + 1, 1, 1).setValues([[22]]);
    const crm = await fresh();
    await crm.table('sales');
    fake.calls.reset();
    const problems = await formulaFallbacks(crm);
    expect(fake.calls.counts['Range.getFormulas']).toBe(1);
    expect(problems).toEqual([
      {
        code: 'E_INVALID_VALUE',
        severity: 'warning',
        directory: 'sales',
        field: 'amount',
        sheet: sales.name,
        row: 3,
        cell: `${String.fromCharCode(65 + amountColumn)}3`,
        value: 22,
        message: `${sales.name}!${String.fromCharCode(65 + amountColumn)}3: Amount holds the value 22, not Carnet's formula, so it no longer follows the line's quantity and price (the spreadsheet did not take the formula, or it was typed over).`,
      },
    ]);
  });
});

describe('Number formats the reference documents', () => {
  it('the fake refuses "General", which the reference does not document', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1, 1, 1, 1).setNumberFormat('General')).toThrow(/not a number format the reference documents/);
    expect(sheet.getRange(1, 1, 1, 1).getNumberFormats()).toEqual([['0.###############']]);
  });

  it('sets up a CRM whose Quantity is a number field ("General" in core), setting no format for it', async () => {
    const fake = new FakeAppsScript({});
    const result = await dispatch(contextFor(new AppsScriptWorkbook(fake.services)), 'crm.setup', { lang: 'en' });
    expect(result.ok).toBe(true);
    const crm = await Crm.open(new AppsScriptWorkbook(fake.services));
    const table = await crm.table('sales');
    const sales = fake.spreadsheet.sheet(table.dir.sheet);
    expect(sales.stored(1, table.columns.get('quantity')!)?.format).toBeUndefined();
    expect(sales.stored(1, table.columns.get('unit_price')!)?.format).toBe('#,##0.00');
  });

  it('gives a column a former layout left plain text documented tokens when it becomes "General"', async () => {
    const { fake, wb, sheet } = setup();
    await wb.write('Sales', 0, 0, [['Code', 'Score']]);
    await wb.layout('Sales', { frozenRows: 1, boldHeader: true, dataRows: 10, columns: [{ column: 0, numberFormat: '@' }, { column: 1, numberFormat: '@' }] });
    fake.calls.reset();
    await wb.layout('Sales', { frozenRows: 1, boldHeader: true, dataRows: 10, columns: [{ column: 0, numberFormat: 'General' }, { column: 1, numberFormat: 'General' }] });
    expect(sheet.stored(1, 0)?.format).toBe('0.###############');
    expect(sheet.stored(10, 1)?.format).toBe('0.###############');
    // One read of the first data row's formats, one range list for the two columns.
    expect(fake.calls.counts['Range.getNumberFormats']).toBe(1);
    expect(fake.calls.counts['RangeList.setNumberFormat']).toBe(1);
  });

  it("formats a report's sheet without a call for its General cells", async () => {
    const { fake, wb, sheet } = setup();
    await wb.write('Sales', 0, 0, [['Product', 'Count', 'Share'], ['A', 3, 0.5]]);
    fake.calls.reset();
    await wb.formatSheet('Sales', {
      numberFormats: [
        { range: { top: 1, left: 1, bottom: 1, right: 1 }, format: 'General' },
        { range: { top: 1, left: 2, bottom: 1, right: 2 }, format: '0.0%' },
      ],
    });
    expect(fake.calls.counts['RangeList.setNumberFormat']).toBe(1);
    expect(sheet.stored(1, 2)?.format).toBe('0.0%');
    expect(sheet.stored(1, 1)?.format).toBeUndefined();
  });
});

describe('Text the Google host does not read back, and text it does', () => {
  const formulaLike = ['=HYPERLINK("http://evil.example","x")', '+33 6 12 34 56 78', "'quoted", '=1+1'];

  it('in plain-text cells, keeps `=…` literal as Sheets does: stored as typed, no formula, nothing to read back', async () => {
    const { fake, wb, sheet } = setup();
    await wb.write('Sales', 0, 0, [['Note']]);
    await wb.layout('Sales', { frozenRows: 1, boldHeader: true, dataRows: 10, columns: [{ column: 0, numberFormat: '@' }] });
    fake.calls.reset();
    await wb.write('Sales', 1, 0, formulaLike.map((t) => [t]));
    expect(fake.calls.counts['Range.getValues']).toBeUndefined();
    expect(formulaLike.map((_, r) => sheet.stored(r + 1, 0))).toEqual(formulaLike.map((value) => ({ value, format: '@' })));
    expect(sheet.getRange(2, 1, formulaLike.length, 1).getFormulas()).toEqual(formulaLike.map(() => ['']));
  });

  it('elsewhere, sends them behind an apostrophe, which Sheets does not store: nothing to read back either', async () => {
    const { fake, wb, sheet } = setup();
    fake.calls.reset();
    await wb.write('Sales', 1, 0, formulaLike.map((t) => [t]));
    expect(fake.calls.counts['Range.getValues']).toBeUndefined();
    expect(formulaLike.map((_, r) => sheet.stored(r + 1, 0))).toEqual(formulaLike.map((value) => ({ value })));
  });

  it('reads back text sent bare into a cell that is not plain text, and writes what Sheets changed again behind an apostrophe', async () => {
    // A Danish spreadsheet that would read SAND (true) as a boolean: a word literal-text.ts does not list.
    const { fake, wb, sheet } = setup({ locale: 'da_DK', booleanWords: { SAND: true, FALSK: false } });
    fake.calls.reset();
    await wb.write('Sales', 0, 0, [['Navn', 'Sand', 'Falsk']]);
    expect(await wb.read('Sales')).toEqual([['Navn', 'Sand', 'Falsk']]);
    expect(fake.calls.counts['Range.getValues']).toBe(2);
    expect(fake.calls.counts['Range.setValues']).toBe(2);
    expect([sheet.stored(0, 0), sheet.stored(0, 1)]).toEqual([{ value: 'Navn' }, { value: 'Sand' }]);
  });
});
