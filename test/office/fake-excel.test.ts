/**
 * The fake Excel against what its references say, through its Office.js surface only: the
 * adapter's tests are worth what the fake's behaviour is worth.
 */

import { describe, expect, it } from 'vitest';
import { FakeExcel, MERGED_AREAS_LIMIT, offsetRelativeRows } from './fake-excel.js';
import { inExcel } from './setup.js';

/** A sheet written in General cells, as typed (formulas included). */
async function sheetOf(rows: unknown[][], options: ConstructorParameters<typeof FakeExcel>[0] = {}): Promise<FakeExcel> {
  const excel = new FakeExcel(options);
  await excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.add('S');
    const width = Math.max(...rows.map((r) => r.length));
    ws.getRangeByIndexes(0, 0, rows.length, width).formulas = rows.map((r) => [...r, ...new Array(width - r.length).fill('')]);
    await ctx.sync();
  });
  return excel;
}

describe('The fake Excel', () => {
  describe('sorting', () => {
    it('moves relative references with the formula and keeps absolute ones, as Microsoft KB 40401 shows', async () => {
      // The article's own example: A1:C3 sorted ascending by A.
      const excel = await sheetOf([
        [3, '=A3', '=$A$3'],
        [2, '=A2', '=$A$2'],
        [1, '=A1', '=$A$1'],
      ]);
      await inExcel(excel, 'S', (ws) => ws.getRangeByIndexes(0, 0, 3, 3).sort.apply([{ key: 0 }]));
      const s = excel.sheet('S');
      expect([0, 1, 2].map((r) => [s.cell(r, 0)?.value, s.cell(r, 1)?.formula, s.cell(r, 2)?.formula])).toEqual([
        [1, '=#REF!', '=$A$1'],
        [2, '=A2', '=$A$2'],
        [3, '=A5', '=$A$3'],
      ]);
    });

    it('orders numbers, text, booleans, then blanks last in both directions; formats and notes move with their rows', async () => {
      const excel = await sheetOf([['Key'], ['b'], [''], [2], ['TRUE'], ['A'], [10]]);
      await inExcel(excel, 'S', (ws) => {
        ws.getRangeByIndexes(1, 0, 1, 1).numberFormat = [['@']];
        ws.notes.add('A2', 'was b');
      });
      const keys = () => excel.values('S').map((r) => r[0]);
      await inExcel(excel, 'S', (ws) => ws.getRangeByIndexes(0, 0, 7, 1).sort.apply([{ key: 0, ascending: true }], false, true));
      expect(keys()).toEqual(['Key', 2, 10, 'A', 'b', true]); // the blank went last, past the used range
      await inExcel(excel, 'S', (ws) => ws.getRangeByIndexes(0, 0, 7, 1).sort.apply([{ key: 0, ascending: false }], false, true));
      expect(keys()).toEqual(['Key', true, 'b', 'A', 10, 2]);
      expect(excel.sheet('S').cell(6, 0)?.value ?? '').toBe('');
      expect(excel.sheet('S').cell(2, 0)).toMatchObject({ value: 'b', format: '@', note: 'was b' });
    });

    it('refuses to sort across merged cells', async () => {
      const excel = await sheetOf([['Key', 'x'], ['b', 'y'], ['a', 'z']]);
      await inExcel(excel, 'S', (ws) => ws.getRangeByIndexes(1, 1, 2, 1).merge());
      await expect(inExcel(excel, 'S', (ws) => ws.getRangeByIndexes(0, 0, 3, 2).sort.apply([{ key: 0 }], false, true))).rejects.toMatchObject({
        code: 'InvalidOperation',
        message: 'To do this, all the merged cells need to be the same size.',
      });
    });
  });

  describe('merging', () => {
    it('keeps the upper-left value only, and refuses a value written under the merge', async () => {
      const excel = await sheetOf([['a', 'b', 'c'], ['d', 'e', 'f']]);
      await inExcel(excel, 'S', (ws) => ws.getRangeByIndexes(0, 0, 2, 2).merge());
      expect(excel.values('S')).toEqual([['a', '', 'c'], ['', '', 'f']]);
      await expect(inExcel(excel, 'S', (ws) => void (ws.getRangeByIndexes(1, 1, 1, 1).values = [['x']]))).rejects.toMatchObject({
        code: 'InvalidOperation',
        message: 'Cannot change part of a merged cell (B2).',
      });
      // Clearing a hidden cell is no change: allowed.
      await inExcel(excel, 'S', (ws) => void (ws.getRangeByIndexes(0, 0, 2, 3).values = [['A', '', 'C'], ['', '', 'F']]));
      expect(excel.values('S')).toEqual([['A', '', 'C'], ['', '', 'F']]);
    });

    it('lists only the areas whose top-left cell is in the range (office-js#3611)', async () => {
      const excel = await sheetOf([['a', 'b', 'c', 'd']]);
      await inExcel(excel, 'S', (ws) => ws.getRangeByIndexes(0, 0, 1, 2).merge());
      const listed = async (column: number) => {
        let out: { isNull: boolean; address: string | null } = { isNull: true, address: null };
        await inExcel(excel, 'S', async (ws, ctx) => {
          const areas = ws.getRangeByIndexes(0, column, 1, 4 - column).getMergedAreasOrNullObject().load('address');
          await ctx.sync();
          out = { isNull: areas.isNullObject, address: areas.isNullObject ? null : areas.address };
        });
        return out;
      };
      expect(await listed(0)).toEqual({ isNull: false, address: 'S!A1:B1' });
      expect(await listed(1)).toEqual({ isNull: true, address: null });
    });

    it(`fails past ${MERGED_AREAS_LIMIT} areas, and without ExcelApi 1.13`, async () => {
      const rows = Array.from({ length: MERGED_AREAS_LIMIT + 1 }, (_, r) => [`${r}`, '']);
      const excel = await sheetOf(rows);
      await inExcel(excel, 'S', (ws) => ws.getRangeByIndexes(0, 0, rows.length, 2).merge(true));
      const ask = (fake: FakeExcel) => inExcel(fake, 'S', (ws) => void ws.getRangeByIndexes(0, 0, rows.length, 2).getMergedAreasOrNullObject().load('areaCount'));
      await expect(ask(excel)).rejects.toMatchObject({ code: 'GeneralException' });
      await expect(ask(await sheetOf([['a']], { mergedAreas: false }))).rejects.toMatchObject({ code: 'ApiNotFound' });
    });
  });

  describe('inserting and deleting rows', () => {
    it('moves cells, merges and references down on insert; a merge across the new row grows', async () => {
      const excel = await sheetOf([['h', '=A3'], ['a', ''], ['b', ''], ['c', '']]);
      await inExcel(excel, 'S', (ws) => {
        ws.getRangeByIndexes(1, 1, 2, 1).merge(); // B2:B3
        ws.getRangeByIndexes(3, 0, 1, 2).merge(); // A4:B4
      });
      await inExcel(excel, 'S', (ws) => void ws.getRangeByIndexes(2, 0, 1, 1).getEntireRow().insert('Down'));
      const s = excel.sheet('S');
      expect(excel.values('S').map((r) => r[0])).toEqual(['h', 'a', '', 'b', 'c']);
      expect(s.cell(0, 1)?.formula).toBe('=A4');
      expect(s.merges).toEqual([
        { row: 1, column: 1, rows: 3, columns: 1 },
        { row: 4, column: 0, rows: 1, columns: 2 },
      ]);
    });

    it('moves merges up on delete, shrinks those the deletion crosses, and drops one left a single cell', async () => {
      const excel = await sheetOf([['h'], ['a'], ['b'], ['c'], ['d']]);
      await inExcel(excel, 'S', (ws) => {
        ws.getRangeByIndexes(1, 1, 2, 1).merge(); // B2:B3
        ws.getRangeByIndexes(3, 1, 2, 2).merge(); // B4:C5
      });
      await inExcel(excel, 'S', (ws) => ws.getRangeByIndexes(2, 0, 1, 1).getEntireRow().delete('Up'));
      expect(excel.sheet('S').merges).toEqual([{ row: 2, column: 1, rows: 2, columns: 2 }]);
    });
  });

  describe('loading formulas', () => {
    it("gives a formula's text and any other cell's value, text that starts with = included (Range.formulas reference)", async () => {
      const excel = await sheetOf([[2, '=A1*3', 'Ada', '']]);
      await inExcel(excel, 'S', (ws) => {
        const text = ws.getRangeByIndexes(0, 4, 1, 1);
        text.numberFormat = [['@']];
        text.values = [['=1+1']];
      });
      const loaded = await excel.run(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem('S').getRangeByIndexes(0, 0, 1, 5).load('formulas,values');
        await ctx.sync();
        return { formulas: r.formulas, values: r.values };
      });
      expect(loaded).toEqual({ formulas: [[2, '=A1*3', 'Ada', '', '=1+1']], values: [[2, 6, 'Ada', '', '=1+1']] });
    });
  });

  describe('a formula moved by a sort', () => {
    it('leaves string literals, function names and other sheets’ absolute rows alone', () => {
      expect(offsetRelativeRows('=IF(B2="B2","",LOG10(B2)+Sales!$E$2+\'My sheet\'!C3)', 2)).toBe('=IF(B4="B2","",LOG10(B4)+Sales!$E$2+\'My sheet\'!C5)');
    });
  });
});
