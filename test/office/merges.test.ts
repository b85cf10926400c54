/**
 * Merged ranges through Office.js: which areas the adapter reports, at what cost, past the
 * 512-area limit of getMergedAreasOrNullObject, with an address it cannot read, and on an Excel
 * without ExcelApi 1.13.
 */

import { describe, expect, it } from 'vitest';
import { parseAreasAddress } from '../../office-addin/merges.js';
import { MAX_COLUMNS, MAX_ROWS } from '../../office-addin/excel-api.js';
import { inExcel, setup } from './setup.js';

/** A sheet of `rows` × 6 cells, with the given merges made in Excel. */
async function merged(rows: number, merges: [number, number, number, number][], options: Parameters<typeof setup>[0] = {}, adapter: Parameters<typeof setup>[1] = {}) {
  const { excel, wb } = setup(options, adapter);
  await wb.ensureSheet('S');
  await wb.write('S', 0, 0, Array.from({ length: rows }, (_, r) => Array.from({ length: 6 }, (_, c) => `${r}.${c}`)));
  await inExcel(excel, 'S', (ws) => {
    for (const [top, left, height, width] of merges) ws.getRangeByIndexes(top, left, height, width).merge();
  });
  excel.resetCounts();
  return { excel, wb };
}

describe('The Office adapter', () => {
  describe('merged ranges', () => {
    it('are the ones holding a cell of the used range, sorted, in one sync', async () => {
      const { excel, wb } = await merged(4, [
        [0, 2, 1, 3], // C1:E1, a header over three columns
        [3, 0, 3, 1], // A4:A6, starting in the used range and running past it
        [0, 7, 1, 2], // H1:I1, right of the used range
        [8, 0, 1, 2], // A9:B9, below it
        [1, 5, 2, 1], // F2:F3
      ]);
      expect(await wb.merges('S')).toEqual([
        { top: 0, left: 2, bottom: 0, right: 4 },
        { top: 1, left: 5, bottom: 2, right: 5 },
        { top: 3, left: 0, bottom: 5, right: 0 },
      ]);
      expect(excel.syncs).toBe(1);
      // The merge kept C1's value and dropped D1's and E1's.
      expect((await wb.read('S'))[0]).toEqual(['0.0', '0.1', '0.2', null, null, '0.5']);
    });

    it('are [] for a sheet without any, and for a missing sheet', async () => {
      const { wb } = await merged(3, []);
      expect(await wb.merges('S')).toEqual([]);
      expect(await wb.merges('Nope')).toEqual([]);
    });

    it('are all found past the 512 areas Excel lists at once, by asking for halves of the rows', async () => {
      const { excel, wb } = await merged(600, Array.from({ length: 600 }, (_, r): [number, number, number, number] => [r, 0, 1, 2]));
      const merges = await wb.merges('S');
      expect(merges).toHaveLength(600);
      expect(merges[599]).toEqual({ top: 599, left: 0, bottom: 599, right: 1 });
      // The refused sync, the used range again, then the halves that fit.
      expect(excel.syncs).toBe(4);
    });

    it('are loaded one by one when Excel writes their address in a way Carnet does not read', async () => {
      const { excel, wb } = await merged(4, [
        [0, 2, 1, 3],
        [1, 5, 2, 1],
      ]);
      excel.areasAddress = (sheet, areas) => areas.map((a) => `${sheet.name}!R${a.row + 1}C${a.column + 1}:R${a.row + a.rows}C${a.column + a.columns}`).join(';');
      expect(await wb.merges('S')).toEqual([
        { top: 0, left: 2, bottom: 0, right: 4 },
        { top: 1, left: 5, bottom: 2, right: 5 },
      ]);
      expect(excel.syncs).toBe(2);
    });

    it('are [] without ExcelApi 1.13, at no cost, and the capability says so', async () => {
      const { excel, wb } = await merged(4, [[0, 2, 1, 3]], { mergedAreas: false }, { features: { merges: false } });
      expect(wb.capabilities.merges).toBe(false);
      expect(await wb.merges('S')).toEqual([]);
      expect(excel.syncs).toBe(0);
    });

    it('fail as Excel fails when the adapter is told of a feature the host lacks', async () => {
      const { wb } = await merged(4, [[0, 2, 1, 3]], { mergedAreas: false });
      await expect(wb.merges('S')).rejects.toMatchObject({ code: 'ApiNotFound' });
    });
  });

  describe('a merged areas address', () => {
    it('reads as 0-based ranges, quoted sheet names, whole rows and whole columns included', () => {
      expect(parseAreasAddress("Sheet1!A1:B4, 'Bob''s, sheet'!$D$1:$D$4,S!2:3,S!C:D,S!F7")).toEqual([
        { top: 0, left: 0, bottom: 3, right: 1 },
        { top: 0, left: 3, bottom: 3, right: 3 },
        { top: 1, left: 0, bottom: 2, right: MAX_COLUMNS - 1 },
        { top: 0, left: 2, bottom: MAX_ROWS - 1, right: 3 },
        { top: 6, left: 5, bottom: 6, right: 5 },
      ]);
    });

    it('is undefined when a part is not an A1 address', () => {
      expect(parseAreasAddress('Sheet1!R1C1:R2C2')).toBeUndefined();
    });
  });
});
