/**
 * `writeBlocks` and the `expect` guard, as the Office adapter sends them to Excel: what the
 * contract suite cannot see — one sync for many blocks, each block with the guarantees of a
 * single write (Text first, formulas, repair, protection), refusals before anything is sent, the
 * guard's own sync, and payload limits.
 */

import { describe, expect, it } from 'vitest';
import type { Grid } from '../../core/workbook.js';
import { errorOf, inExcel, setup, sortDescending } from './setup.js';
import { clients as teamClients } from './setup.js';

/** A Clients sheet, with a team formula in C (a column Carnet does not write) and a note on B3. */
const clients = (options: Parameters<typeof setup>[0] = {}, adapter: Parameters<typeof setup>[1] = {}) => teamClients(options, adapter, 'spelled Bobby on invoices');

describe('The Office adapter', () => {
  describe('writing blocks', () => {
    it('sends every block in one sync: Text before text, a formula through range.formulas, nothing between them', async () => {
      const { excel, wb } = await clients();
      const between = excel.sheet('Clients').cell(2, 2);
      await wb.writeBlocks('Clients', [
        { row: 2, column: 1, cells: [['=Bobby']] },
        { row: 3, column: 3, cells: [['0042'], [{ formula: '=LEN(A5)', value: 4 }]] },
        { row: 4, column: 0, cells: [['CO-4', 'Dee']] },
      ]);
      expect(excel.syncs).toBe(1);
      const s = excel.sheet('Clients');
      expect(s.cell(2, 1)).toMatchObject({ value: '=Bobby', format: '@', note: 'spelled Bobby on invoices' });
      expect(s.cell(3, 3)).toMatchObject({ value: '0042', format: '@' });
      expect(s.cell(4, 3)).toMatchObject({ formula: '=LEN(A5)', format: 'General' });
      // The team's formula between the blocks is the same cell, untouched.
      expect(s.cell(2, 2)).toBe(between);
      expect(s.cell(2, 2)).toMatchObject({ formula: '=LEN(B3)', format: 'General' });
      expect((await wb.read('Clients')).map((r) => [r[2], r[3]])).toEqual([['Length', 'City'], [3, 'Paris'], [6, 'Lyon'], [2, '0042'], [null, 4]]);
    });

    it('repairs what Excel changed, in any block, with one more sync for all of them', async () => {
      const { excel, wb } = await clients({ apostropheInTextCells: 'prefix' });
      await wb.writeBlocks('Clients', [
        { row: 1, column: 1, cells: [["'Ada"]] },
        { row: 3, column: 3, cells: [["'Paris"]] },
      ]);
      expect(excel.syncs).toBe(2);
      const grid = await wb.read('Clients');
      expect([grid[1]![1], grid[3]![3]]).toEqual(["'Ada", "'Paris"]);
    });

    it('refuses a bad block before anything is sent, naming the cell', async () => {
      const { excel, wb } = await clients();
      const before = excel.values('Clients');
      const nan = await errorOf(wb.writeBlocks('Clients', [{ row: 1, column: 1, cells: [['Ada L.']] }, { row: 3, column: 3, cells: [[Number.NaN]] }]));
      expect(nan.data).toEqual({ code: 'E_INVALID_VALUE', sheet: 'Clients', cell: 'D4', value: 'NaN', message: 'A spreadsheet cannot hold NaN (Clients!D4)' });
      const far = await errorOf(wb.writeBlocks('Clients', [{ row: 1, column: 1, cells: [['Ada L.']] }, { row: 1_048_575, column: 0, cells: [['x'], ['y']] }]));
      expect(far.data).toEqual({ code: 'E_BAD_INPUT', sheet: 'Clients', cell: 'A1048576', message: '2×1 cells at A1048576 do not fit in an Excel sheet' });
      await expect(wb.writeBlocks('Clients', [{ row: 1, column: 1, cells: [['a', 'b'], ['c']] }])).rejects.toThrow('The rows of the block at B2 are not all 2 cells long');
      expect(excel.syncs).toBe(0);
      expect(excel.values('Clients')).toEqual(before);
    });

    it('writes to a sheet Carnet protected, and leaves it protected', async () => {
      const { excel, wb } = await clients({}, { password: 's3cret' });
      await wb.protect({ sheets: [{ name: 'Clients', editors: [], locked: true }] });
      await wb.writeBlocks('Clients', [{ row: 1, column: 1, cells: [['Ada L.']] }], [{ row: 1, column: 0, value: 'CO-1' }]);
      expect((await wb.read('Clients'))[1]![1]).toBe('Ada L.');
      expect(excel.sheet('Clients').protection).toMatchObject({ password: 's3cret' });
    });

    it('is cut into syncs only past the payload budget, each request under the limit', async () => {
      const { excel, wb } = await clients({ payloadLimit: 25_000 }, { payloadBudget: 20_000 });
      const blocks = Array.from({ length: 100 }, (_, i) => ({ row: 10 + 2 * i, column: 0, cells: [[`${i}:${'x'.repeat(1_000)}`]] }));
      await wb.writeBlocks('Clients', blocks);
      expect(excel.largestRequest).toBeLessThan(25_000);
      // About 1.3 kB per block, 20 kB per sync.
      expect(excel.syncs).toBe(7);
      const grid = await wb.read('Clients');
      expect(blocks.every((b, i) => grid[b.row]![0] === `${i}:${'x'.repeat(1_000)}`)).toBe(true);
    });
  });

  describe('the expect guard', () => {
    it('lets the write through when every expected cell still holds its value, for one sync more', async () => {
      const { excel, wb } = await clients();
      await wb.writeBlocks('Clients', [{ row: 2, column: 1, cells: [['Bobby']] }]);
      const without = excel.syncs;
      excel.resetCounts();
      // Empty equals empty, and surrounding spaces do not count (core/workbook.ts, sameCell).
      await wb.writeBlocks('Clients', [{ row: 2, column: 1, cells: [['Bob']] }], [
        { row: 2, column: 0, value: ' CO-2 ' },
        { row: 2, column: 1, value: 'Bobby' },
        { row: 9, column: 3, value: null },
      ]);
      expect(excel.syncs).toBe(without + 1);
      expect((await wb.read('Clients'))[2]![1]).toBe('Bob');
    });

    it('writes nothing when a colleague sorted the rows since Carnet read them, and says which cell', async () => {
      const { excel, wb } = await clients();
      const grid = await wb.read('Clients');
      const row = grid.findIndex((r) => r[0] === 'CO-1');
      await sortDescending(excel, 'Clients');
      const sorted = excel.values('Clients');
      const formats = excel.sheet('Clients').rows.map((r) => r?.map((c) => c?.format));
      excel.resetCounts();
      const error = await errorOf(wb.writeBlocks('Clients', [{ row, column: 1, cells: [['Ada Lovelace']] }], [{ row, column: 0, value: 'CO-1' }]));
      expect(error.data).toEqual({
        code: 'E_CONFLICT',
        sheet: 'Clients',
        cell: 'A2',
        row: 2,
        value: 'CO-1',
        message: 'Clients!A2 no longer holds "CO-1": rows of "Clients" were sorted, inserted or deleted while Carnet was writing. Nothing was written; try again.',
      });
      expect(excel.syncs).toBe(1); // the guard's, and no write after it
      expect(excel.values('Clients')).toEqual(sorted);
      expect(excel.sheet('Clients').rows.map((r) => r?.map((c) => c?.format))).toEqual(formats);
    });

    it('protects a sheet again when the write fails after Excel unprotected it', async () => {
      const { excel, wb } = await clients({}, { password: 's3cret' });
      await wb.protect({ sheets: [{ name: 'Clients', editors: [], locked: true }] });
      // An Excel that turns every text into upper case: the write's retry, between unprotect and
      // protect, ends in E_INTERNAL after its first sync unprotected the sheet.
      const input = excel.input.bind(excel);
      excel.input = (cell, v) => input(cell, typeof v === 'string' && v !== '' ? v.toUpperCase() : v);
      const error = await errorOf(wb.writeBlocks('Clients', [{ row: 1, column: 1, cells: [['Ada L.']] }], [{ row: 1, column: 0, value: 'CO-1' }]));
      expect(error.data).toEqual({
        code: 'E_INTERNAL',
        sheet: 'Clients',
        cell: 'B2',
        value: 'Ada L.',
        message: 'Excel did not keep 1 cell(s) as written: Clients!B2 holds "ADA L." instead of "Ada L."',
      });
      expect(excel.sheet('Clients').protection).toMatchObject({ password: 's3cret' });
    });

    it('deletes nothing when a row to delete moved since Carnet read it', async () => {
      const { excel, wb } = await clients();
      await inExcel(excel, 'Clients', (ws) => void ws.getRangeByIndexes(1, 0, 1, 1).getEntireRow().insert('Down'));
      const error = await errorOf(wb.deleteRows('Clients', [1], [{ row: 1, column: 0, value: 'CO-1' }]));
      expect(error.data).toMatchObject({ code: 'E_CONFLICT', sheet: 'Clients', cell: 'A2', row: 2, value: 'CO-1' });
      expect((await wb.read('Clients')).map((r) => r[0])).toEqual(['ID', null, 'CO-1', 'CO-2', 'CO-3']);
      await wb.deleteRows('Clients', [2], [{ row: 2, column: 0, value: 'CO-1' }]);
      expect((await wb.read('Clients')).map((r) => r[0])).toEqual(['ID', null, 'CO-2', 'CO-3']);
    });

    it('reads one thin range per column, not the rectangle between them', async () => {
      // 1,000 rows × 30 columns of 300 characters: 9 MB between column A and column AD, 0.6 MB in them.
      const { excel, wb } = setup();
      await wb.ensureSheet('Wide');
      const wide: Grid = Array.from({ length: 1_000 }, (_, r) => Array.from({ length: 30 }, (_, c) => `${r}.${c}:${'w'.repeat(300)}`));
      await wb.write('Wide', 0, 0, wide);
      excel.resetCounts();
      const expectations = [0, 999].flatMap((row) => [0, 29].map((column) => ({ row, column, value: wide[row]![column]! })));
      await wb.writeBlocks('Wide', [{ row: 0, column: 0, cells: [['first']] }], expectations.slice(1));
      expect(excel.syncs).toBe(2);
    });

    it('reads the expected cells in slices when Excel on the web would answer more than 5 MB', async () => {
      const { excel, wb } = setup();
      await wb.ensureSheet('Big');
      const big: Grid = Array.from({ length: 3_000 }, (_, i) => [`row ${i}`, 'x'.repeat(2_000)]);
      await wb.write('Big', 0, 0, big);
      excel.resetCounts();
      await wb.writeBlocks('Big', [{ row: 0, column: 0, cells: [['first']] }], big.map((r, row) => ({ row, column: 1, value: r[1]! })));
      // The refused answer, then two halves of about 3 MB, then the write.
      expect(excel.syncs).toBe(4);
      expect((await wb.read('Big'))[0]![0]).toBe('first');
    });

    it('costs the same sync for 10 expected cells as for 10,000', async () => {
      const { excel, wb } = setup();
      await wb.ensureSheet('S');
      await wb.write('S', 0, 0, Array.from({ length: 10_001 }, (_, i) => [i === 0 ? 'ID' : `CO-${i}`, i]));
      const cost = async (n: number) => {
        excel.resetCounts();
        const expectations = Array.from({ length: n }, (_, i) => ({ row: i + 1, column: 0, value: `CO-${i + 1}` }));
        await wb.writeBlocks('S', [{ row: 1, column: 1, cells: [[n]] }], expectations);
        return excel.syncs;
      };
      expect(await cost(10_000)).toBe(await cost(10));
    });
  });
});
