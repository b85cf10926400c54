/**
 * What the contract suite cannot see: how the Office adapter talks to Excel — formats set before
 * values, payload chunking, round trips per method, protection, a sheet renamed by hand — and that
 * it stays correct under both readings of Excel the evidence left open (fake-excel.ts options).
 */

import { beforeEach, describe, expect, it } from 'vitest';
import { CarnetError } from '../../core/errors.js';
import { serialFromParts } from '../../core/dates.js';
import type { Grid } from '../../core/workbook.js';
import { ANONYMOUS, EDITORS_RANGE, OfficeWorkbook, type OfficeWorkbookOptions } from '../../office-addin/excel-workbook.js';
import { FakeExcel, type FakeExcelOptions } from './fake-excel.js';

function setup(options: FakeExcelOptions = {}, adapter: Partial<OfficeWorkbookOptions> = {}) {
  const excel = new FakeExcel(options);
  const wb = new OfficeWorkbook({ run: excel.run, features: { notes: true, allowEditRanges: true, merges: true }, ...adapter });
  return { excel, wb };
}

const FORMULA_LIKE = ['=1+1', '+33 6 12 34 56 78', '-5', '@SUM(A1:A2)', '0042', 'TRUE', '2026-11-27', '1e3', '50%', "'quoted"];

async function errorOf(p: Promise<unknown>): Promise<CarnetError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CarnetError) return e;
    throw e;
  }
  throw new Error('expected a CarnetError');
}

describe('The Office adapter', () => {
  describe('writing text', () => {
    it('gives every string cell the Text format in the same batch, so Excel creates no formula', async () => {
      const { excel, wb } = setup();
      await wb.ensureSheet('S');
      excel.resetCounts();
      await wb.write('S', 0, 0, [FORMULA_LIKE, [1, true, null, '', 'plain', 2, 3, 4, 5, 6]]);
      expect(excel.syncs).toBe(1);
      expect(excel.formulas()).toEqual([]);
      const s = excel.sheet('S');
      expect(FORMULA_LIKE.map((_, c) => s.cell(0, c)?.format)).toEqual(FORMULA_LIKE.map(() => '@'));
      // Numbers and booleans keep the cell's own format (General here): they stay numbers.
      expect([0, 1].map((c) => s.cell(1, c)?.format)).toEqual(['General', 'General']);
      expect(await wb.read('S')).toEqual([FORMULA_LIKE, [1, true, null, null, 'plain', 2, 3, 4, 5, 6]]);
    });

    it('shows what Excel would do without it: the same text typed into General cells changes', async () => {
      // The fake's parsing is what makes the test above meaningful.
      const excel = new FakeExcel();
      await excel.run(async (ctx) => {
        ctx.workbook.worksheets.add('Raw').getRangeByIndexes(0, 0, 1, FORMULA_LIKE.length).values = [FORMULA_LIKE];
        await ctx.sync();
      });
      // `=1+1` is calculated; the phone number and the mention are formulas Excel cannot read.
      expect(excel.values('Raw')[0]).toEqual([2, '#NAME?', -5, '#NAME?', 42, true, 46353, 1000, 0.5, 'quoted']);
      expect(excel.formulas()).toHaveLength(3);
    });

    describe('where Excel takes a leading apostrophe in a Text cell as a quote prefix', () => {
      it('rewrites that cell once with an escaped apostrophe, and it reads back unchanged', async () => {
        const { excel, wb } = setup({ apostropheInTextCells: 'prefix' });
        await wb.ensureSheet('S');
        excel.resetCounts();
        await wb.write('S', 0, 0, [["'quoted", 'plain']]);
        expect(excel.syncs).toBe(2); // the write, and one repair
        expect(await wb.read('S')).toEqual([["'quoted", 'plain']]);
      });
    });

    describe('where a number written into a Text cell stays text', () => {
      it('gives the cell a number format back, so the number reads back as a number', async () => {
        const { excel, wb } = setup({ numbersInTextCells: 'text' });
        await wb.ensureSheet('S');
        await wb.write('S', 0, 0, [['was text', true]]);
        await wb.write('S', 0, 0, [[42, 'now text']]);
        expect(await wb.read('S')).toEqual([[42, 'now text']]);
        expect(excel.sheet('S').cell(0, 0)?.format).toBe('General');
      });
    });

    describe('where Excel cannot be made to keep a value', () => {
      it('fails with the cell rather than leave a changed value', async () => {
        const { excel, wb } = setup();
        await wb.ensureSheet('S');
        // An Excel that turns every text into upper case: no repair can help.
        const input = excel.input.bind(excel);
        excel.input = (cell, v) => input(cell, typeof v === 'string' && v !== '' ? v.toUpperCase() : v);
        const error = await errorOf(wb.write('S', 2, 1, [['abc']]));
        expect(error.data).toEqual({
          code: 'E_INTERNAL',
          sheet: 'S',
          cell: 'B3',
          value: 'abc',
          message: 'Excel did not keep 1 cell(s) as written: S!B3 holds "ABC" instead of "abc"',
        });
      });
    });
  });

  describe("writing Carnet's formulas", () => {
    const amount = { formula: '=ROUND(B2*C2*(1-D2),2)', value: 33.75 };

    it('sends a rectangle holding one through range.formulas in the same single sync, string cells still Text', async () => {
      const { excel, wb } = setup();
      await wb.ensureSheet('S');
      await wb.write('S', 0, 0, [['Product', 'Quantity', 'Unit price', 'Discount', 'Amount']]);
      excel.resetCounts();
      await wb.write('S', 1, 0, [['=1+1', 3, 12.5, 0.1, amount]]);
      expect(excel.syncs).toBe(1);
      expect(excel.formulas()).toEqual(['S!1,4']);
      const s = excel.sheet('S');
      expect(s.cell(1, 4)?.formula).toBe('=ROUND(B2*C2*(1-D2),2)');
      expect(s.cell(1, 0)).toMatchObject({ value: '=1+1', format: '@' });
      expect((await wb.read('S'))[1]).toEqual(['=1+1', 3, 12.5, 0.1, 33.75]);
    });

    it('does not compare the value Excel calculated with the one core computed', async () => {
      const { excel, wb } = setup();
      await wb.ensureSheet('S');
      excel.resetCounts();
      // Excel shows what the formula gives (0 here, the row being empty), not what core expected.
      await wb.write('S', 1, 4, [[amount]]);
      expect(excel.syncs).toBe(1);
      expect(await wb.read('S')).toEqual([[null, null, null, null, null], [null, null, null, null, 0]]);
    });

    it('gives a cell formatted as Text the General format back, since Excel keeps a formula as text there', async () => {
      const { excel, wb } = setup();
      await wb.ensureSheet('S');
      // The amount cell once held text, so it has the Text format Carnet gives text.
      await wb.write('S', 0, 0, [['Product', 'Quantity', 'Unit price', 'Discount', 'Amount'], ['Widget', 3, 12.5, 0.1, 'n/a']]);
      excel.resetCounts();
      await wb.write('S', 1, 4, [[amount]]);
      expect(excel.syncs).toBe(2); // the write, and one repair
      expect(excel.sheet('S').cell(1, 4)).toMatchObject({ formula: '=ROUND(B2*C2*(1-D2),2)', format: 'General' });
      expect((await wb.read('S'))[1]).toEqual(['Widget', 3, 12.5, 0.1, 33.75]);
    });

    it('refuses a formula without its "=" before any batch', async () => {
      const { excel, wb } = setup();
      await wb.ensureSheet('S');
      excel.resetCounts();
      await expect(wb.write('S', 0, 0, [[{ formula: 'A1*2', value: 0 }]])).rejects.toThrow('must start with "="');
      await expect(wb.append('S', [[{ formula: 'A1*2', value: 0 }]])).rejects.toThrow('must start with "="');
      expect(excel.runs).toBe(0);
    });
  });

  describe('writing', () => {
    it('leaves cells past the end of a short row untouched', async () => {
      const { wb } = setup();
      await wb.ensureSheet('S');
      await wb.write('S', 0, 0, [['a1', 'b1', 'c1'], ['a2', 'b2', 'c2']]);
      await wb.write('S', 0, 0, [['X', 'Y', 'Z'], ['W']]);
      expect(await wb.read('S')).toEqual([['X', 'Y', 'Z'], ['W', 'b2', 'c2']]);
    });

    it('refuses numbers a spreadsheet cannot hold, naming the cell', async () => {
      const { wb } = setup();
      await wb.ensureSheet('S');
      const error = await errorOf(wb.write('S', 0, 1, [[Number.NaN]]));
      expect(error.data).toEqual({ code: 'E_INVALID_VALUE', sheet: 'S', cell: 'B1', value: 'NaN', message: 'A spreadsheet cannot hold NaN (S!B1)' });
    });

    it('keeps date serials as the numbers they are, under a date format', async () => {
      const { excel, wb } = setup();
      const day = serialFromParts(2026, 2, 28, 23, 59, 59);
      await wb.ensureSheet('D');
      await wb.write('D', 0, 0, [['When'], [day]]);
      await wb.layout('D', { frozenRows: 1, boldHeader: true, dataRows: 5, columns: [{ column: 0, numberFormat: 'yyyy-mm-dd hh:mm:ss' }] });
      expect(excel.sheet('D').cell(1, 0)).toMatchObject({ value: day, format: 'yyyy-mm-dd hh:mm:ss' });
      expect((await wb.read('D'))[1]).toEqual([day]);
    });

    it('suspends recalculation for big writes only', async () => {
      const { excel, wb } = setup();
      await wb.ensureSheet('S');
      await wb.write('S', 0, 0, [['small']]);
      expect(excel.suspensions).toBe(0);
      await wb.write('S', 0, 0, Array.from({ length: 500 }, (_, i) => [i, `row ${i}`]));
      expect(excel.suspensions).toBe(1);
    });

    describe('past Excel on the web’s 5 MB payload limit', () => {
      const big: Grid = Array.from({ length: 3_000 }, (_, i) => [`row ${i}`, 'x'.repeat(2_000), i]);

      it('is refused by the fake Excel when sent in one request (the limit is real there)', async () => {
        const { wb } = setup({}, { payloadBudget: Number.POSITIVE_INFINITY });
        await wb.ensureSheet('S');
        await expect(wb.write('S', 0, 0, big)).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
      });

      it('is cut into chunks, each under the limit, and reads back whole', async () => {
        const { excel, wb } = setup();
        await wb.ensureSheet('S');
        excel.resetCounts();
        await wb.write('S', 0, 0, big);
        // About 6 MB of values plus formats: two chunks, one sync each.
        expect(excel.syncs).toBe(2);
        expect(excel.largestRequest).toBeLessThan(5_000_000);
        expect(await wb.read('S')).toEqual(big);
      });

      it('is read back in slices when the answer would be too big for one response', async () => {
        const { excel, wb } = setup();
        await wb.ensureSheet('S');
        await wb.write('S', 0, 0, big);
        await wb.write('S', 0, 3, big.map(() => ['y'.repeat(400)]));
        excel.resetCounts();
        const grid = await wb.read('S');
        expect(grid).toHaveLength(3_000);
        expect(grid[2_999]).toEqual(['row 2999', 'x'.repeat(2_000), 2_999, 'y'.repeat(400)]);
        expect(excel.syncs).toBeGreaterThan(2); // the failed attempt, the size, then the slices
      });
    });
  });

  describe('round trips', () => {
    let excel: FakeExcel;
    let wb: OfficeWorkbook;
    const syncsOf = async (fn: () => Promise<unknown>) => {
      excel.resetCounts();
      await fn();
      return excel.syncs;
    };

    beforeEach(async () => {
      ({ excel, wb } = setup());
      await wb.ensureSheet('S');
      await wb.ensureSheet('T');
      await wb.write('S', 0, 0, [['ID', 'Name'], ['CO-1', 'Ada'], ['CO-2', 'Bob']]);
    });

    it('cost one sync per read, write and row deletion, two per append and sheet listing', async () => {
      expect({
        read: await syncsOf(() => wb.read('S')),
        write: await syncsOf(() => wb.write('S', 1, 1, [['Ada L.']])),
        append: await syncsOf(() => wb.append('S', [['CO-3', 'Cy']])),
        deleteRows: await syncsOf(() => wb.deleteRows('S', [3, 1])),
        sheets: await syncsOf(() => wb.sheets()),
        ensureExisting: await syncsOf(() => wb.ensureSheet('s')),
        layout: await syncsOf(() =>
          wb.layout('S', { frozenRows: 1, boldHeader: true, dataRows: 10, columns: [{ column: 1, width: 20, validation: { kind: 'range', sheet: 'T', column: 0 } }] }),
        ),
      }).toEqual({ read: 1, write: 1, append: 2, deleteRows: 1, sheets: 2, ensureExisting: 0, layout: 2 });
    });

    it('find a sheet renamed by hand since the names were cached, at the cost of one lookup', async () => {
      excel.sheet('S').name = 'Renamed by hand';
      expect(await syncsOf(() => wb.read('S'))).toBe(2); // Excel says ItemNotFound; names read again
      expect(await wb.read('Renamed by hand')).toEqual([['ID', 'Name'], ['CO-1', 'Ada'], ['CO-2', 'Bob']]);
    });
  });

  describe('sheets', () => {
    it('are very hidden in Excel’s own terms', async () => {
      const { excel, wb } = setup();
      await wb.ensureSheet('_carnet', { visibility: 'very' });
      expect(excel.sheet('_carnet').visibility).toBe('VeryHidden');
    });

    it('refuse a name Excel would refuse, with Carnet’s message', async () => {
      const { wb } = setup();
      const error = await errorOf(wb.ensureSheet('Q1/Q2'));
      expect(error.data.code).toBe('E_BAD_INPUT');
      expect(error.data.message).toContain('cannot be an Excel sheet name');
    });
  });

  describe('layout', () => {
    it('writes no notes where the host lacks ExcelApi 1.18, and applies the rest', async () => {
      const { excel, wb } = setup({}, { features: { notes: false } });
      await wb.ensureSheet('S');
      await wb.write('S', 0, 0, [['ID']]);
      await wb.layout('S', { frozenRows: 1, boldHeader: true, dataRows: 3, columns: [{ column: 0, note: 'Allocated by Carnet', numberFormat: '@' }] });
      expect(excel.sheet('S').cell(0, 0)?.bold).toBe(true);
      expect(excel.sheet('S').cell(0, 0)?.note).toBeUndefined();
      expect(excel.sheet('S').cell(3, 0)?.format).toBe('@');
    });

    it('puts long or comma-holding lists in the very hidden lists sheet', async () => {
      const { excel, wb } = setup();
      await wb.ensureSheet('S');
      await wb.write('S', 0, 0, [['Choice']]);
      await wb.layout('S', { frozenRows: 1, boldHeader: true, dataRows: 3, columns: [{ column: 0, validation: { kind: 'list', values: ['a, b', 'c'] } }] });
      expect(excel.sheet('_carnet_lists').visibility).toBe('VeryHidden');
      expect(excel.sheet('S').cell(1, 0)?.rule?.source).toBe("='_carnet_lists'!$A$2:$A$3");
      expect(excel.values('_carnet_lists')).toEqual([['S!A'], ['a, b'], ['c']]);
    });
  });

  describe('protection', () => {
    it('locks a sheet for everybody with the configured password, and Carnet can still write to it', async () => {
      const { excel, wb } = setup({}, { password: 's3cret' });
      await wb.ensureSheet('_carnet', { visibility: 'very' });
      await wb.protect({ sheets: [{ name: '_carnet', editors: [], locked: true }] });
      expect(excel.sheet('_carnet').protection).toMatchObject({ password: 's3cret' });
      await wb.write('_carnet', 0, 0, [['schema', 1]]);
      expect(await wb.read('_carnet')).toEqual([['schema', 1]]);
      expect(excel.sheet('_carnet').protection).toMatchObject({ password: 's3cret' });
    });

    it('can be applied again and lifted', async () => {
      const { excel, wb } = setup();
      await wb.ensureSheet('Contacts');
      const plan = (locked: boolean) => ({ sheets: [{ name: 'Contacts', editors: [], locked }] });
      await wb.protect(plan(true));
      await wb.protect(plan(true));
      expect(excel.sheet('Contacts').protection).toBeDefined();
      await wb.protect(plan(false));
      expect(excel.sheet('Contacts').protection).toBeUndefined();
    });

    it('gives editors of a locked sheet an allow-edit range where ExcelApiOnline 1.1 exists', async () => {
      const { excel, wb } = setup({}, { editorsPassword: 'team' });
      await wb.ensureSheet('Contacts');
      await wb.protect({ sheets: [{ name: 'Contacts', editors: ['bob@example.com'], locked: true }] });
      await wb.protect({ sheets: [{ name: 'Contacts', editors: ['bob@example.com'], locked: true }] });
      expect([...excel.sheet('Contacts').allowEditRanges]).toEqual([[EDITORS_RANGE, { address: 'A:XFD', password: 'team' }]]);
    });

    it('says so when a sheet is protected with a password Carnet was not given', async () => {
      const { excel, wb } = setup();
      await wb.ensureSheet('Contacts');
      excel.sheet('Contacts').protection = { password: 'someone else’s' };
      const write = await errorOf(wb.write('Contacts', 0, 0, [['x']]));
      expect(write.data.code).toBe('E_FORBIDDEN');
      const protect = await errorOf(wb.protect({ sheets: [{ name: 'Contacts', editors: [], locked: false }] }));
      expect(protect.data).toEqual({
        code: 'E_FORBIDDEN',
        sheet: 'Contacts',
        message:
          'Excel refused to change the protection of Contacts: it is protected with a password Carnet was not given. Unprotect it (Review › Unprotect Sheet) and try again.',
      });
    });

    it('declares that Excel cannot protect per person', () => {
      expect(setup().wb.capabilities).toEqual({ veryHidden: true, rangeValidation: true, perUserProtection: false, deferredWrites: false, formulas: 'live', merges: true, pivotTables: 'plain' });
    });
  });

  describe('the user', () => {
    it('is the profile chosen in the task pane', async () => {
      const { wb } = setup({}, { user: () => ({ id: 'ada@example.com', name: 'Ada' }) });
      expect(await wb.user()).toEqual({ id: 'ada@example.com', name: 'Ada' });
    });

    it('is an anonymous Excel user until one is chosen', async () => {
      const { wb } = setup({}, { user: () => ({ id: '', name: '' }) });
      expect(await wb.user()).toEqual(ANONYMOUS);
    });
  });
});
