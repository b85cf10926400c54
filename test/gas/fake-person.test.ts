/**
 * The fake spreadsheet as a person's browser changes it (merging, formatting, noting, sorting,
 * inserting rows), and what that does to the cells Carnet reads and writes: the behaviours the
 * contract's "team's cells" tests rely on, pinned here so that a change to the fake shows.
 */

import { describe, expect, it } from 'vitest';
import { FakeAppsScript } from './fake-spreadsheet-app.js';

function sheetWith(rows: (string | number)[][]) {
  const fake = new FakeAppsScript({ sheets: ['S'] });
  const sheet = fake.spreadsheet.sheet('S');
  sheet.getRange(1, 1, rows.length, rows[0]!.length).setValues(rows);
  return { fake, sheet };
}

describe('The fake spreadsheet', () => {
  describe('merging cells', () => {
    it('keeps the top-left value only; the other cells keep their format and note, and read empty', () => {
      const { sheet } = sheetWith([['a', 'b', 'c'], ['d', 'e', 'f']]);
      sheet.getRange(1, 2, 1, 1).setNumberFormat('@').setNote('mine');
      sheet.getRange(1, 1, 2, 2).merge();
      expect(sheet.getRange(1, 1, 2, 3).getValues()).toEqual([['a', '', 'c'], ['', '', 'f']]);
      expect(sheet.stored(0, 1)).toEqual({ value: '', format: '@', note: 'mine' });
    });

    it('keeps nothing written into a merged cell but the top-left one', () => {
      const { sheet } = sheetWith([['a', 'b'], ['c', 'd']]);
      sheet.getRange(1, 1, 1, 2).merge();
      sheet.getRange(1, 1, 1, 2).setValues([['x', 'y']]);
      sheet.getRangeList(['B1']).setValue('z');
      expect(sheet.getRange(1, 1, 1, 2).getValues()).toEqual([['x', '']]);
      expect(sheet.stored(0, 1)?.value).toBe('');
    });

    it('reports every merge touching a range, whole', () => {
      const { sheet } = sheetWith([['a', 'b', 'c', 'd']]);
      sheet.getRange(1, 1, 2, 2).merge();
      sheet.getRange(1, 4, 3, 1).merge();
      expect(sheet.getRange(2, 2, 1, 1).getMergedRanges().map((r) => r.getA1Notation())).toEqual(['A1:B2']);
      expect(sheet.getDataRange().getMergedRanges().map((r) => r.getA1Notation())).toEqual(['A1:B2', 'D1:D3']);
    });

    it('refuses a merge over another one', () => {
      const { sheet } = sheetWith([['a', 'b', 'c']]);
      sheet.getRange(1, 1, 1, 2).merge();
      expect(() => sheet.getRange(1, 2, 1, 2).merge()).toThrow(new Error('Exception: fake Range.merge: this range overlaps a merged range (break it apart first).'));
    });
  });

  describe('merges and rows', () => {
    const merged = () => {
      const { sheet } = sheetWith([['h'], ['a'], ['b'], ['c'], ['d']]);
      sheet.getRange(3, 2, 2, 1).merge(); // B3:B4
      return sheet;
    };
    const a1s = (sheet: ReturnType<typeof merged>) => sheet.getRange(1, 1, 10, 2).getMergedRanges().map((r) => r.getA1Notation());

    it('move down when rows are inserted above them, and grow when rows are inserted inside them', () => {
      const sheet = merged();
      sheet.insertRowBefore(2);
      expect(a1s(sheet)).toEqual(['B4:B5']);
      sheet.insertRowsAfter(4, 2);
      expect(a1s(sheet)).toEqual(['B4:B7']);
    });

    it('move up when rows above them are deleted, shrink when theirs are, and end as one cell', () => {
      const sheet = merged();
      sheet.deleteRows(2, 1);
      expect(a1s(sheet)).toEqual(['B2:B3']);
      sheet.deleteRows(3, 1);
      expect(sheet.merges).toEqual([]);
    });
  });

  describe('sorting', () => {
    it('moves whole rows of the range, blanks last: values, formulas reading their own row, formats, notes', () => {
      const { sheet } = sheetWith([['ID', 'Name'], ['CO-1', 'Ada'], ['', ''], ['CO-3', 'Cy'], ['CO-2', 'Bob']]);
      sheet.getRange(2, 3, 4, 1).setValues([['=LEN(B2)'], ['=LEN(B3)'], ['=LEN(B4)'], ['=LEN(B5)']]);
      sheet.getRange(2, 2, 1, 1).setNote('first name').setNumberFormat('@');
      sheet.getRange(1, 5, 1, 1).setValues([['=B2']]);
      sheet.getRange(2, 1, 4, 3).sort({ column: 1, ascending: false });
      expect(sheet.getRange(1, 1, 5, 3).getValues()).toEqual([
        ['ID', 'Name', ''],
        ['CO-3', 'Cy', 2],
        ['CO-2', 'Bob', 3],
        ['CO-1', 'Ada', 3],
        ['', '', 0],
      ]);
      expect(sheet.stored(3, 2)?.formula).toBe('=LEN(B4)');
      expect(sheet.stored(3, 1)).toMatchObject({ note: 'first name', format: '@' });
      // A formula outside the sorted range keeps pointing where it did.
      expect(sheet.stored(0, 4)?.formula).toBe('=B2');
    });

    it('refuses a range holding a merge across rows', () => {
      const { sheet } = sheetWith([['a'], ['b'], ['c']]);
      sheet.getRange(2, 2, 2, 1).merge();
      expect(() => sheet.getRange(1, 1, 3, 2).sort(1)).toThrow(
        new Error("Exception: fake Range.sort: a merged range crosses the rows or the edge of the sorted range (Sheets refuses; its wording is not known here)."),
      );
    });

    it('refuses a sort column outside the range', () => {
      const { sheet } = sheetWith([['a', 'b']]);
      expect(() => sheet.getRange(1, 1, 1, 1).sort({ column: 2 })).toThrow(new Error('Exception: fake Range.sort: column 2 is outside the range A1.'));
    });
  });

  describe('RangeList.setValue', () => {
    it('sets every cell of every range, parsed as setValues parses it', () => {
      const { fake, sheet } = sheetWith([['x', 'x'], ['x', 'x'], ['x', 'x']]);
      sheet.getRange(3, 2, 1, 1).setNumberFormat('@');
      fake.calls.reset();
      sheet.getRangeList(['A1:A3', 'B3']).setValue('0042');
      expect(fake.calls.snapshot()).toEqual({ 'RangeList.setValue': 1, 'Sheet.getRangeList': 1 });
      expect(fake.calls.cells).toBe(4);
      expect(sheet.getRange(1, 1, 3, 2).getValues()).toEqual([[42, 'x'], [42, 'x'], [42, '0042']]);
    });

    it('needs at least one range, as getRangeList does', () => {
      const { sheet } = sheetWith([['x']]);
      expect(() => sheet.getRangeList([])).toThrow(new Error('Exception: fake getRangeList: the list of A1 notations is empty (Sheets refuses it; its wording is not known here).'));
    });
  });

  describe('getFormulas', () => {
    it("gives each cell's formula, and '' for every other cell, text that starts with = included", () => {
      const { fake, sheet } = sheetWith([[2, 'Ada', '']]);
      sheet.getRange(1, 3, 1, 2).setValues([['=A1*3', "'=1+1"]]);
      sheet.getRange(1, 5, 1, 1).setNumberFormat('@');
      sheet.getRange(1, 5, 1, 1).setValues([['=2+2']]);
      fake.calls.reset();
      expect(sheet.getRange(1, 1, 2, 5).getFormulas()).toEqual([
        ['', '', '=A1*3', '', ''],
        ['', '', '', '', ''],
      ]);
      expect(sheet.getRange(1, 1, 1, 5).getValues()).toEqual([[2, 'Ada', 6, '=1+1', '=2+2']]);
      expect(fake.calls.counts['Range.getFormulas']).toBe(1);
    });
  });
});
