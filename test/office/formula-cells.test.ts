/**
 * `formulaCells` as the Office adapter asks Excel: what the contract suite cannot see — text that
 * only starts with `=` (Carnet's literal text, whatever Excel makes of a leading apostrophe), the
 * rectangle clipped to Excel's grid, its one sync, and slices past Excel on the web's 5 MB limit.
 */

import { describe, expect, it } from 'vitest';
import { MAX_COLUMNS, MAX_ROWS } from '../../office-addin/excel-api.js';
import { inExcel, setup } from './setup.js';
import { clients as teamClients } from './setup.js';

const clients = teamClients;

describe('formulaCells in Excel', () => {
  for (const apostropheInTextCells of ['kept', 'prefix'] as const) {
    it(`reports Carnet's formulas and the team's, not text that starts with = (apostrophe in Text cells ${apostropheInTextCells}), in one sync`, async () => {
      const { excel, wb } = await clients({ apostropheInTextCells });
      // A person's text that looks like a formula, written by Carnet as literal text; then Carnet's own formula.
      await wb.write('Clients', 2, 3, [['=1+1'], ["'=2+2"], [{ formula: '=LEN(D2)', value: 5 }]]);
      excel.resetCounts();
      expect(await wb.formulaCells('Clients', { top: 0, left: 0, bottom: 10, right: 10 })).toEqual([
        { row: 1, column: 2 },
        { row: 2, column: 2 },
        { row: 3, column: 2 },
        { row: 4, column: 3 },
      ]);
      expect(excel.syncs).toBe(1);
      expect((await wb.read('Clients')).map((r) => r[3])).toEqual(['City', 'Paris', '=1+1', expect.stringMatching(/^'?=2\+2$/), 5]);
    });
  }

  it('reports a formula that shows text starting with =, and one that shows an error', async () => {
    const { excel, wb } = await clients();
    await inExcel(excel, 'Clients', (ws) => {
      ws.getRangeByIndexes(1, 4, 2, 1).formulas = [['="=1+1"'], ['=NOSUCH(1)']];
    });
    expect(await wb.formulaCells('Clients', { top: 1, left: 4, bottom: 2, right: 4 })).toEqual([
      { row: 1, column: 4 },
      { row: 2, column: 4 },
    ]);
  });

  it("clips the rectangle to Excel's grid, and asks nothing of one wholly outside it", async () => {
    const { excel, wb } = await clients();
    await inExcel(excel, 'Clients', (ws) => {
      ws.getRangeByIndexes(MAX_ROWS - 1, MAX_COLUMNS - 1, 1, 1).formulas = [['=1+2']];
    });
    excel.resetCounts();
    expect(await wb.formulaCells('Clients', { top: MAX_ROWS - 2, left: MAX_COLUMNS - 3, bottom: MAX_ROWS + 5, right: MAX_COLUMNS + 5 })).toEqual([
      { row: MAX_ROWS - 1, column: MAX_COLUMNS - 1 },
    ]);
    expect(await wb.formulaCells('Clients', { top: -4, left: -1, bottom: 1, right: 2 })).toEqual([{ row: 1, column: 2 }]);
    expect(excel.syncs).toBe(2);
    excel.resetCounts();
    expect(await wb.formulaCells('Clients', { top: MAX_ROWS, left: 0, bottom: MAX_ROWS + 10, right: 3 })).toEqual([]);
    expect(await wb.formulaCells('Clients', { top: 3, left: 2, bottom: 2, right: 2 })).toEqual([]);
    expect(excel.syncs).toBe(0);
  });

  it('finds none in a sheet that does not exist', async () => {
    const { wb } = await clients();
    expect(await wb.formulaCells('Nope', { top: 0, left: 0, bottom: 5, right: 5 })).toEqual([]);
  });

  it("reads in slices of rows only when the answer would pass Excel on the web's limit, and finds the same cells", async () => {
    const rows = 2_000;
    const build = async (payloadLimit: number) => {
      const { excel, wb } = setup({ payloadLimit }, { payloadBudget: Math.min(payloadLimit, 4_000_000) - 5_000 });
      await wb.ensureSheet('Big');
      const grid = Array.from({ length: rows }, (_, i) => [`CO-${i + 1}`, `${'x'.repeat(40)} ${i}`, { formula: `=LEN(B${i + 1})`, value: 40 + 1 + String(i).length }]);
      await wb.write('Big', 0, 0, grid);
      excel.resetCounts();
      const found = await wb.formulaCells('Big', { top: 0, left: 0, bottom: rows - 1, right: 2 });
      return { found, syncs: excel.syncs, largestRequest: excel.largestRequest };
    };
    const whole = await build(5_000_000);
    const sliced = await build(60_000);
    expect(whole.syncs).toBe(1);
    expect(whole.found).toHaveLength(rows);
    expect(sliced.found).toEqual(whole.found);
    // The refused sync, then slices each under the limit.
    expect(sliced.syncs).toBeGreaterThan(2);
  });
});
