/**
 * Reads past Excel's 5,000,000 cells per read: "A range is limited to 5,000,000 cells for read
 * operations" on every platform
 * (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins),
 * answered by RangeExceedsLimit or, on some desktop builds, by `null` values (office-js#4783,
 * office-js#6781). On the desktop there is no 5 MB payload limit (`payloadLimit: Infinity`), so
 * these are the reads that must be cut by cells: in row chunks of at most 5,000,000 cells, so that
 * the syncs grow with the cells / 5,000,000, not with the rows.
 *
 * The sheets are sparse (a header cell and a far corner), so the used range is big and cheap to
 * make; reading it still builds 6,000,000 cells, which takes the fake a few seconds.
 */

import { describe, expect, it } from 'vitest';
import type { FakeExcelOptions } from './fake-excel.js';
import { FakeExcel, READ_CELL_LIMIT } from './fake-excel.js';
import { inExcel, setup } from './setup.js';

const ROWS = 1_000_000;
const COLUMNS = 6;
/** Chunks of at most READ_CELL_LIMIT cells a ROWS × COLUMNS read needs. */
const CHUNKS = Math.ceil((ROWS * COLUMNS) / READ_CELL_LIMIT);

/** A sheet whose used range is ROWS × COLUMNS (6,000,000 cells): "ID" in A1, a formula far down. */
async function bigSheet(options: FakeExcelOptions) {
  const { excel, wb } = setup(options);
  await wb.ensureSheet('Big');
  await inExcel(excel, 'Big', (ws) => {
    ws.getRangeByIndexes(0, 0, 1, 1).values = [['ID']];
    ws.getRangeByIndexes(ROWS - 1, COLUMNS - 1, 1, 1).formulas = [['=1+1']];
  });
  excel.resetCounts();
  return { excel, wb };
}

describe('A read past 5,000,000 cells on Excel desktop', () => {
  for (const oversizedRead of ['RangeExceedsLimit', 'null'] as const) {
    describe(`answered by ${oversizedRead}`, () => {
      it('reads the sheet in row chunks of at most 5,000,000 cells, a few syncs in all', async () => {
        const { excel, wb } = await bigSheet({ payloadLimit: Number.POSITIVE_INFINITY, oversizedRead });
        const grid = await wb.read('Big');
        expect(grid).toHaveLength(ROWS);
        expect(grid[0]).toEqual(['ID', null, null, null, null, null]);
        expect(grid[ROWS - 1]).toEqual([null, null, null, null, null, 2]);
        expect(grid[ROWS / 2]).toEqual(new Array(COLUMNS).fill(null));
        // The refused read, the size (a refusal gives none; null values come with it), then the chunks.
        expect(excel.syncs).toBe(oversizedRead === 'null' ? 1 + CHUNKS : 2 + CHUNKS);
      }, 60_000);

      it('finds formula cells in row chunks of at most 5,000,000 cells', async () => {
        const { excel, wb } = await bigSheet({ payloadLimit: Number.POSITIVE_INFINITY, oversizedRead });
        expect(await wb.formulaCells('Big', { top: 0, left: 0, bottom: ROWS - 1, right: COLUMNS - 1 })).toEqual([{ row: ROWS - 1, column: COLUMNS - 1 }]);
        // The rectangle's size is known: cut from the start, no refused read.
        expect(excel.syncs).toBe(CHUNKS);
      }, 60_000);
    });
  }
});

describe('A read past 5,000,000 cells on Excel on the web', () => {
  it('meets both limits: chunks of 5,000,000 cells, each then cut under 5 MB', async () => {
    const { excel, wb } = await bigSheet({});
    const grid = await wb.read('Big');
    expect(grid).toHaveLength(ROWS);
    expect(grid[ROWS - 1]).toEqual([null, null, null, null, null, 2]);
    expect(excel.largestRequest).toBeLessThan(5_000_000);
    // Slices of the budget's guess (64 bytes a cell), not of a row each.
    expect(excel.syncs).toBeLessThan(ROWS / 1_000);
  }, 60_000);
});

describe('The fake Excel', () => {
  it('refuses to load the values of more than 5,000,000 cells at once (the chunks above load 5,000,000)', async () => {
    const excel = new FakeExcel({ payloadLimit: Number.POSITIVE_INFINITY });
    const load = (rows: number) =>
      excel.run(async (ctx) => {
        const range = ctx.workbook.worksheets.getItem('S').getRangeByIndexes(0, 0, rows, 5).load('values');
        await ctx.sync();
        return range.values.length;
      });
    await excel.run(async (ctx) => void ctx.workbook.worksheets.add('S'));
    expect(READ_CELL_LIMIT).toBe(5_000_000);
    await expect(load(1_000_001)).rejects.toMatchObject({ code: 'RangeExceedsLimit' });
    expect(await load(1)).toBe(1);
  });

  it('answers null instead where a desktop build does', async () => {
    const excel = new FakeExcel({ payloadLimit: Number.POSITIVE_INFINITY, oversizedRead: 'null' });
    await excel.run(async (ctx) => void ctx.workbook.worksheets.add('S'));
    const values = await excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('S').getRangeByIndexes(0, 0, 1_000_001, 5).load('values');
      await ctx.sync();
      return range.values;
    });
    expect(values).toBeNull();
  });
});
