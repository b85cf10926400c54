import { describe, expect, it } from 'vitest';
import { blocksOf, hidingMerge } from '../../../core/records/sheet-writes.js';
import { DirectoryTable } from '../../../core/records/directory-table.js';
import { miniSchema } from '../../helpers/schemas.js';

describe('Writing cells', () => {
  describe('as blocks', () => {
    it('stacks rows with the same runs of columns, so a batch of records is one block per run', () => {
      const cells = [2, 3, 4].flatMap((row) => [0, 1, 3, 4].map((column) => ({ row, column, value: `${row}:${column}` })));
      expect(blocksOf(cells)).toEqual([
        { row: 2, column: 0, cells: [['2:0', '2:1'], ['3:0', '3:1'], ['4:0', '4:1']] },
        { row: 2, column: 3, cells: [['2:3', '2:4'], ['3:3', '3:4'], ['4:3', '4:4']] },
      ]);
    });

    it('never covers a cell it was not given: scattered cells of a column are blocks of their own runs', () => {
      const cells = [9, 1, 2, 3, 7].map((row) => ({ row, column: 2, value: 'Paname' }));
      expect(blocksOf(cells)).toEqual([
        { row: 1, column: 2, cells: [['Paname'], ['Paname'], ['Paname']] },
        { row: 7, column: 2, cells: [['Paname']] },
        { row: 9, column: 2, cells: [['Paname']] },
      ]);
    });

    it('starts a new block where a row has other columns', () => {
      const cells = [
        { row: 1, column: 0, value: 'a' },
        { row: 2, column: 0, value: 'b' },
        { row: 2, column: 1, value: 'c' },
      ];
      expect(blocksOf(cells)).toEqual([
        { row: 1, column: 0, cells: [['a']] },
        { row: 2, column: 0, cells: [['b', 'c']] },
      ]);
    });
  });

  it('knows which cells merged cells hide: all but the first', () => {
    const merges = [{ top: 0, left: 9, bottom: 0, right: 11 }];
    expect(hidingMerge(merges, 0, 9)).toBeUndefined();
    expect(hidingMerge(merges, 0, 10)).toEqual(merges[0]);
    expect(hidingMerge(merges, 1, 10)).toBeUndefined();
  });

  it('puts new records below everything, over rows that only show "", never on merged rows', () => {
    const dir = miniSchema().directories[0]!;
    const grid = [['ID', 'Name', 'Mine'], ['CI-1', 'Paris', 1], [null, null, null], [null, null, 'note'], [null, null, null], [null, null, null], [null, null, null]];
    const table = new DirectoryTable(dir, grid);
    expect(table.freeRows(3, [{ top: 5, bottom: 5 }])).toEqual([4, 6, 7]);
  });
});
