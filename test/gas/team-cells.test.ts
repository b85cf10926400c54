/**
 * What the Google host does for the team's cells beyond the shared contract: how writeBlocks sends
 * its blocks (rectangles, and one range list per value), the guard of writes by position, merged
 * ranges, and which cells hold a formula, with the Apps Script calls each costs.
 */

import { describe, expect, it } from 'vitest';
import { CarnetError } from '../../core/errors.js';
import type { CellBlock, ExpectedCell } from '../../core/workbook.js';
import { parseRangeA1 } from '../../gas-addon/merges.js';
import { AppsScriptWorkbook } from '../../gas-addon/sheets-workbook.js';
import { FakeAppsScript } from './fake-spreadsheet-app.js';

/** A spreadsheet with a Contacts sheet of `n` people, half of them at Acme, written by the adapter. */
async function contacts(n: number) {
  const fake = new FakeAppsScript({ sheets: ['Contacts'] });
  const grid = [['ID', 'Name', 'Company'], ...Array.from({ length: n }, (_, i) => [`CT-${i + 1}`, `Person ${i + 1}`, i % 2 === 0 ? 'Acme' : 'Globex'])];
  await new AppsScriptWorkbook(fake.services).write('Contacts', 0, 0, grid);
  fake.calls.reset();
  return { fake, wb: new AppsScriptWorkbook(fake.services), sheet: fake.spreadsheet.sheet('Contacts') };
}

/** The rows (0-based) whose company is Acme, as core would find them in what it read. */
const acmeRows = (n: number) => Array.from({ length: n }, (_, i) => i + 1).filter((r) => (r - 1) % 2 === 0);

async function errorOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e instanceof CarnetError ? e.data : e;
  }
  throw new Error('expected a rejection');
}

describe('writeBlocks in Google Sheets', () => {
  it('sends the one-cell blocks of a cascade, all of one value, in one RangeList.setValue', async () => {
    const { fake, wb } = await contacts(40);
    const blocks: CellBlock[] = acmeRows(40).map((row) => ({ row, column: 2, cells: [['Acme Corp']] }));
    await wb.writeBlocks('Contacts', blocks);
    expect(fake.calls.snapshot()).toEqual({
      'RangeList.setValue': 1,
      'Sheet.getMaxColumns': 1,
      'Sheet.getMaxRows': 1,
      'Sheet.getRangeList': 1,
      'Spreadsheet.getSheetByName': 1,
      'SpreadsheetApp.getActiveSpreadsheet': 1,
    });
    const companies = (await wb.read('Contacts')).slice(1).map((r) => r[2]);
    expect(companies).toEqual(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 'Acme Corp' : 'Globex')));
  });

  it('writes every other block as one rectangle, one setValues each, and only its own cells', async () => {
    const { fake, wb, sheet } = await contacts(4);
    sheet.getRange(2, 4, 1, 1).setNote('a note of the team, beside the blocks');
    fake.calls.reset();
    await wb.writeBlocks('Contacts', [
      { row: 1, column: 1, cells: [['Ada', 'Acme']] },
      { row: 3, column: 0, cells: [['CT-30'], ['CT-40']] },
    ]);
    expect(fake.calls.counts['Range.setValues']).toBe(2);
    expect(fake.calls.counts['RangeList.setValue']).toBeUndefined();
    expect(await wb.read('Contacts')).toEqual([
      ['ID', 'Name', 'Company'],
      ['CT-1', 'Ada', 'Acme'],
      ['CT-2', 'Person 2', 'Globex'],
      ['CT-30', 'Person 3', 'Acme'],
      ['CT-40', 'Person 4', 'Globex'],
    ]);
    expect(sheet.stored(1, 3)).toEqual({ value: '', note: 'a note of the team, beside the blocks' });
  });

  it('gives text Sheets would parse its apostrophe cell by cell: in every cell but the plain-text ones', async () => {
    const { fake, wb, sheet } = await contacts(6);
    // A person formatted some of the company cells as plain text, one of them inside a run.
    for (const row of [2, 4]) sheet.getRange(row, 3, 1, 1).setNumberFormat('@');
    fake.calls.reset();
    const text = '=HYPERLINK("http://evil.example","Acme 2")';
    await wb.writeBlocks('Contacts', [
      { row: 1, column: 2, cells: [[text], [text], [text]] },
      { row: 5, column: 2, cells: [[text]] },
    ]);
    // One read of the column's formats over the rows the run spans, then one list per kind of cell.
    expect(fake.calls.counts['Range.getNumberFormats']).toBe(1);
    expect(fake.calls.counts['RangeList.setValue']).toBe(2);
    for (const row of [1, 2, 3, 5]) expect(sheet.stored(row, 2)).toMatchObject({ value: text });
    for (const row of [1, 2, 3, 5]) expect(sheet.stored(row, 2)?.formula).toBeUndefined();
    expect((await wb.read('Contacts')).map((r) => r[2])).toEqual(['Company', text, text, text, 'Globex', text, 'Globex']);
  });

  it('reads no formats for a value that reads the same in every cell', async () => {
    const { fake, wb } = await contacts(6);
    await wb.writeBlocks('Contacts', [
      { row: 1, column: 2, cells: [[null]] },
      { row: 3, column: 2, cells: [[null]] },
    ]);
    expect(fake.calls.counts['Range.getNumberFormats']).toBeUndefined();
    expect((await wb.read('Contacts')).map((r) => r[2])).toEqual(['Company', null, 'Globex', null, 'Globex', 'Acme', 'Globex']);
  });

  it("sends Carnet's formulas as rectangles even when two are alike", async () => {
    const { fake, wb, sheet } = await contacts(2);
    const total = { formula: '=1+1', value: 2 };
    await wb.writeBlocks('Contacts', [
      { row: 1, column: 3, cells: [[total]] },
      { row: 2, column: 3, cells: [[total]] },
    ]);
    expect(fake.calls.counts['RangeList.setValue']).toBeUndefined();
    expect(fake.calls.counts['Range.setValues']).toBe(2);
    expect([sheet.stored(1, 3)?.formula, sheet.stored(2, 3)?.formula]).toEqual(['=1+1', '=1+1']);
  });

  it('refuses a number no spreadsheet can hold before writing any block', async () => {
    const { fake, wb } = await contacts(2);
    const error = await errorOf(
      wb.writeBlocks('Contacts', [
        { row: 1, column: 1, cells: [['Ada']] },
        { row: 2, column: 1, cells: [[Number.POSITIVE_INFINITY]] },
      ]),
    );
    expect(error).toEqual({ code: 'E_INVALID_VALUE', value: 'Infinity', cell: 'Contacts!B3', message: 'A spreadsheet cannot hold Infinity (Contacts!B3).' });
    expect(fake.calls.counts['Range.setValues']).toBeUndefined();
  });

  it('refuses a block of ragged rows before any call to Google', async () => {
    const { fake, wb } = await contacts(2);
    await expect(wb.writeBlocks('Contacts', [{ row: 1, column: 0, cells: [['a', 'b'], ['c']] }])).rejects.toThrow(
      new Error('The rows of the block at A2 are not all 2 cells long'),
    );
    expect(fake.calls.total()).toBe(0);
  });
});

describe('The guard of writes by position', () => {
  const ids = (rows: number[]): ExpectedCell[] => rows.map((row) => ({ row, column: 0, value: `CT-${row}` }));

  it('reads the expected cells back in one getValues over their bounding range, then writes', async () => {
    const { fake, wb, sheet } = await contacts(30);
    // Names go into a plain-text column, as Carnet lays it out: nothing of the write to read back.
    sheet.getRange(2, 2, 30, 1).setNumberFormat('@');
    fake.calls.reset();
    await wb.writeBlocks('Contacts', [{ row: 29, column: 1, cells: [['Zoë']] }], ids([3, 29, 12]));
    expect(fake.calls.counts['Range.getValues']).toBe(1);
    // Rows 4 to 30 of column A: the bounding range, not the whole sheet.
    expect(fake.calls.cells).toBe(27 + 1 + 1);
    expect((await wb.read('Contacts'))[29]![1]).toBe('Zoë');
  });

  it('writes nothing, and grows nothing, when a colleague sorted the rows meanwhile', async () => {
    const { fake, wb, sheet } = await contacts(4);
    sheet.getRange(2, 1, 4, 3).sort({ column: 1, ascending: false });
    fake.calls.reset();
    const maxRows = sheet.maxRows;
    const error = await errorOf(
      wb.writeBlocks(
        'Contacts',
        [
          { row: 1, column: 1, cells: [['Ada']] },
          { row: 1500, column: 0, cells: [['far below']] },
        ],
        ids([1]),
      ),
    );
    expect(error).toEqual({
      code: 'E_CONFLICT',
      sheet: 'Contacts',
      cell: 'A2',
      row: 2,
      value: 'CT-1',
      message: 'Contacts!A2 no longer holds "CT-1": rows of "Contacts" were sorted, inserted or deleted while Carnet was writing. Nothing was written; try again.',
    });
    expect(sheet.maxRows).toBe(maxRows);
    expect(Object.keys(fake.calls.counts).filter((k) => /setValue|insertRows|RangeList/.test(k))).toEqual([]);
  });

  it('still refuses when the colleague deleted rows, so that an expected cell is past the sheet’s end', async () => {
    const { fake, wb, sheet } = await contacts(995);
    // Carnet wrote earlier in this server call, so the adapter knows the sheet as 1,000 rows.
    await wb.write('Contacts', 0, 3, [['Notes']]);
    // Rows 990 to 996 deleted in the browser meanwhile: the sheet has 993 rows now.
    sheet.deleteRows(990, 7);
    fake.calls.reset();
    const error = (await errorOf(wb.writeBlocks('Contacts', [{ row: 995, column: 1, cells: [['x']] }], ids([995])))) as { code: string; cell: string };
    expect({ code: error.code, cell: error.cell }).toEqual({ code: 'E_CONFLICT', cell: 'A996' });
    // The range Sheets refused, then the size read again: row 996 is gone, nothing is left to read.
    expect(fake.calls.snapshot()).toEqual({ 'Sheet.getMaxColumns': 1, 'Sheet.getMaxRows': 1, 'Sheet.getRange': 1 });
  });

  it('keeps deleteRows from deleting a row that moved', async () => {
    const { fake, wb, sheet } = await contacts(4);
    sheet.insertRowBefore(2);
    fake.calls.reset();
    const error = (await errorOf(wb.deleteRows('Contacts', [2], ids([2])))) as { code: string; cell: string; value: string };
    expect({ code: error.code, cell: error.cell, value: error.value }).toEqual({ code: 'E_CONFLICT', cell: 'A3', value: 'CT-2' });
    expect(fake.calls.counts['Sheet.deleteRows']).toBeUndefined();
    expect((await wb.read('Contacts')).map((r) => r[0])).toEqual(['ID', null, 'CT-1', 'CT-2', 'CT-3', 'CT-4']);
  });

  it('costs the same two calls for ten expected cells as for ten thousand', async () => {
    const counts: Record<string, number>[] = [];
    for (const n of [10, 10_000]) {
      const { fake, wb, sheet } = await contacts(n);
      sheet.getRange(2, 2, n, 1).setNumberFormat('@');
      await wb.read('Contacts');
      fake.calls.reset();
      await wb.writeBlocks('Contacts', [{ row: 1, column: 1, cells: [['Ada']] }], ids(Array.from({ length: n }, (_, i) => i + 1)));
      counts.push(fake.calls.snapshot());
    }
    expect(counts[1]).toEqual(counts[0]);
    expect(counts[0]!['Range.getValues']).toBe(1);
  });
});

describe('Merged ranges in Google Sheets', () => {
  it('cost one getMergedRanges and one getA1Notation per merge, on the data range of the read just before', async () => {
    const { fake, wb, sheet } = await contacts(4);
    sheet.getRange(1, 2, 1, 2).merge();
    sheet.getRange(3, 3, 2, 1).merge();
    await wb.read('Contacts');
    fake.calls.reset();
    expect(await wb.merges('Contacts')).toEqual([
      { top: 0, left: 1, bottom: 0, right: 2 },
      { top: 2, left: 2, bottom: 3, right: 2 },
    ]);
    expect(fake.calls.snapshot()).toEqual({ 'Range.getA1Notation': 2, 'Range.getMergedRanges': 1 });
  });

  it('fetch the data range again once Carnet changed the sheet, and see the merges where they are now', async () => {
    const { fake, wb, sheet } = await contacts(4);
    sheet.getRange(4, 3, 2, 1).merge();
    await wb.read('Contacts');
    await wb.deleteRows('Contacts', [1]);
    fake.calls.reset();
    expect(await wb.merges('Contacts')).toEqual([{ top: 2, left: 2, bottom: 3, right: 2 }]);
    expect(fake.calls.counts['Sheet.getDataRange']).toBe(1);
  });

  it('include a merge reaching past the data, whole', async () => {
    const { wb, sheet } = await contacts(2);
    sheet.getRange(1, 3, 1, 4).merge();
    expect(await wb.merges('Contacts')).toEqual([{ top: 0, left: 2, bottom: 0, right: 5 }]);
    expect((await wb.read('Contacts'))[0]).toEqual(['ID', 'Name', 'Company']);
  });

  describe('from the A1 notation Sheets gives', () => {
    it.each([
      ['C1:E1', { top: 0, left: 2, bottom: 0, right: 4 }],
      ['AA10:AB12', { top: 9, left: 26, bottom: 11, right: 27 }],
      ['$B$2:$C$3', { top: 1, left: 1, bottom: 2, right: 2 }],
      ['D4', { top: 3, left: 3, bottom: 3, right: 3 }],
    ])('%s', (text, range) => {
      expect(parseRangeA1(text)).toEqual(range);
    });

    it('refuse what they cannot read, saying what it was', () => {
      expect(() => parseRangeA1('Contacts!A1:B2')).toThrow(new Error('Unexpected A1 notation from Sheets for a merged range: Contacts!A1:B2'));
    });
  });
});

describe('Formula cells in Google Sheets', () => {
  it("are Carnet's formulas and the team's, not text that starts with =, in one getFormulas", async () => {
    const { fake, wb, sheet } = await contacts(4);
    // Carnet's own formula, and text a person gave that only looks like one (written as literal text).
    await wb.write('Contacts', 1, 3, [[{ formula: '=LEN(B2)', value: 8 }], ['=1+1']]);
    // A colleague types a formula into the sheet.
    sheet.getRange(4, 5, 1, 1).setValues([['=B4&"!"']]);
    await wb.read('Contacts');
    fake.calls.reset();
    expect(await wb.formulaCells('Contacts', { top: 0, left: 0, bottom: 10, right: 10 })).toEqual([
      { row: 1, column: 3 },
      { row: 3, column: 4 },
    ]);
    // The sheet and its size are known from the write: the rectangle and its formulas only.
    expect(fake.calls.snapshot()).toEqual({ 'Range.getFormulas': 1, 'Sheet.getRange': 1 });
    expect((await wb.read('Contacts'))[2]![3]).toBe('=1+1');
  });

  it('clip the rectangle to the sheet, and ask nothing of a rectangle wholly outside it', async () => {
    const { fake, wb, sheet } = await contacts(2);
    sheet.getRange(1000, 26, 1, 1).setValues([['=1+2']]);
    fake.calls.reset();
    expect(await wb.formulaCells('Contacts', { top: -3, left: -1, bottom: 5_000, right: 100 })).toEqual([{ row: 999, column: 25 }]);
    expect(fake.calls.counts['Range.getFormulas']).toBe(1);
    expect(fake.calls.cells).toBe(1000 * 26);
    fake.calls.reset();
    expect(await wb.formulaCells('Contacts', { top: 1000, left: 0, bottom: 2000, right: 3 })).toEqual([]);
    expect(await wb.formulaCells('Contacts', { top: 3, left: 2, bottom: 2, right: 2 })).toEqual([]);
    expect(fake.calls.counts['Range.getFormulas']).toBeUndefined();
  });

  it('read the size again when a colleague shrank the sheet since Carnet read it', async () => {
    const { fake, wb, sheet } = await contacts(4);
    await wb.write('Contacts', 1, 3, [[{ formula: '=LEN(B2)', value: 8 }]]);
    // A colleague deletes rows 501 to 900: the adapter still believes the sheet has 1,000 rows.
    sheet.deleteRows(501, 400);
    fake.calls.reset();
    expect(await wb.formulaCells('Contacts', { top: 0, left: 0, bottom: 999, right: 5 })).toEqual([{ row: 1, column: 3 }]);
    expect(fake.calls.counts['Sheet.getMaxRows']).toBe(1);
    expect(fake.calls.counts['Range.getFormulas']).toBe(1);
  });

  it('are none in a sheet that does not exist', async () => {
    const { wb } = await contacts(2);
    expect(await wb.formulaCells('Nope', { top: 0, left: 0, bottom: 5, right: 5 })).toEqual([]);
  });
});
