/**
 * The contract every host of the port must honour. It runs unchanged against each adapter
 * (memory, xlsx, and later Apps Script and Office): an adapter that cannot offer a behaviour
 * declares it in `wb.capabilities`, and the test then asserts the declared alternative instead of
 * skipping.
 *
 * Usage, in `<host>.contract.test.ts`:
 *   workbookContract('xlsx', async () => ({ wb, reopen, cleanup, inspect }));
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serialFromParts } from '../../core/dates.js';
import { CarnetError, type ErrorData } from '../../core/errors.js';
import type { Cell, CellRange, ColumnValidation, Formula, Grid, SheetLayout, Workbook, WriteGrid } from '../../core/workbook.js';

import type { StoredColumnLayout, StoredLayout } from '../../core/stored-layout.js';
import { auditContract } from './audit-contract.js';
import { protectionContract } from './protection-contract.js';
import { reportSheetContract } from './report-sheet-contract.js';

export type { StoredColumnLayout, StoredLayout };

/** What a person gives a cell besides its value, in the spreadsheet program itself. */
export interface Touch {
  numberFormat?: string;
  note?: string;
}

/** What a host stores in a cell besides its value (undefined members: none there). */
export interface StoredCell {
  formula?: string;
  numberFormat?: string;
  note?: string;
}

/**
 * A colleague working in the same spreadsheet outside Carnet (no lock stops them):
 * - `sort-descending`: sorts the rows below the header by column A, descending, whole rows
 *   (values, formulas, formats, notes) moving together;
 * - `insert-row`: inserts an empty row above row 2, as "Insert row above" does.
 */
export type ColleagueAction = 'sort-descending' | 'insert-row';

/** What a host stored of a report sheet's formats and charts (for the report tests), as far as it can tell. */
export interface StoredReportSheet {
  frozenRows: number;
  frozenColumns: number;
  /** 0-based cells drawn bold. */
  bold: { row: number; column: number }[];
  /** Number format by 0-based cell, for the cells asked about. */
  numberFormats: Record<string, string>;
  /** Charts on the sheet: their kind, title and series count (and, where the host can tell, their names). */
  charts: { kind: 'bar' | 'line'; title: string; series: number }[];
}

export interface ContractHarness {
  wb: Workbook;
  /**
   * A fresh view of what `wb` made durable (a new instance over the saved file). Omitted by hosts
   * whose state lives in the instance itself; tests then check `wb`.
   */
  reopen?: () => Promise<Workbook>;
  cleanup?: () => Promise<void>;
  /**
   * Reads back the stored layout of a sheet. Optional in the type so that the signature stays
   * small, but the layout tests fail (not skip) without it: every host must be able to show it.
   */
  inspect?: (wb: Workbook, sheet: string, columns: number[]) => Promise<StoredLayout>;
  /**
   * The formula text (with its `=`) a host stores at a 0-based cell, or undefined when the cell
   * holds none. Optional in the type for the same reason as `inspect`; the formula tests fail
   * without it.
   */
  formulaAt?: (wb: Workbook, sheet: string, row: number, column: number) => Promise<string | undefined>;
  /**
   * The team's own cells, as people make them in the spreadsheet program (not through the port):
   * merging a range, and giving a cell a number format or a note. Optional in the type; the tests
   * of the team's cells fail without them.
   */
  merge?: (sheet: string, range: CellRange) => Promise<void>;
  touch?: (sheet: string, row: number, column: number, what: Touch) => Promise<void>;
  /** What the host stores in a cell besides its value (see StoredCell), from `wb`'s storage. */
  cellAt?: (wb: Workbook, sheet: string, row: number, column: number) => Promise<StoredCell>;
  /**
   * Makes a colleague act on `sheet` now, between Carnet's read and its write (see ColleagueAction).
   * For a host whose writes are deferred (the file), the colleague's program saves the file.
   */
  colleague?: (sheet: string, action: ColleagueAction) => Promise<void>;
  /**
   * Reads back a report sheet's formats (bold cells among `cells`, their number formats, frozen
   * panes) and charts. Optional in the type; the report-sheet tests fail without it.
   */
  reportSheet?: (wb: Workbook, sheet: string, cells: { row: number; column: number }[]) => Promise<StoredReportSheet>;
}

const TIME_ZONES = ['Pacific/Kiritimati', 'America/Anchorage', 'Asia/Kolkata', 'UTC'];

/** Text a spreadsheet would take for a formula, or lose, if it were not written as literal text. */
const TRICKY_TEXT = [
  '=1+1',
  '=HYPERLINK("http://evil.example","click")',
  '+33 6 12 34 56 78',
  '-5',
  '-',
  '@SUM(A1:A2)',
  '\tindented with a tab',
  '\rstarts with a carriage return',
  'line one\r\nline two',
  'line one\nline two',
  '  padded  ',
  "'quoted",
  '_x000D_ is not a carriage return',
  '0042',
  '1e3',
  'TRUE',
  '2026-11-27',
  'Zoë 😀 漢字',
];

async function withTimeZone<T>(tz: string, fn: () => Promise<T>): Promise<T> {
  const before = process.env.TZ;
  process.env.TZ = tz;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function workbookContract(name: string, make: () => Promise<ContractHarness>): void {
  describe(`The ${name} workbook`, () => {
    let h: ContractHarness;
    let wb: Workbook;

    beforeEach(async () => {
      h = await make();
      wb = h.wb;
    });

    afterEach(async () => {
      await h.cleanup?.();
    });

    /** The workbook as a later session sees it: reopened from storage when the host has storage. */
    const durable = async (): Promise<Workbook> => (h.reopen ? h.reopen() : wb);

    /** Creates a sheet and fills it, durably. */
    const seed = async (sheet: string, grid: WriteGrid): Promise<void> => {
      await wb.transaction(async () => {
        await wb.ensureSheet(sheet);
        if (grid.length) await wb.write(sheet, 0, 0, grid);
      });
    };

    describe('sheets', () => {
      it('are created once: ensureSheet says true, then false', async () => {
        expect(await wb.ensureSheet('Contacts')).toBe(true);
        expect(await wb.ensureSheet('Contacts')).toBe(false);
        expect((await wb.sheets()).map((s) => s.name)).toEqual(['Contacts']);
      });

      it('are found whatever the case of their name', async () => {
        await seed('Contacts', [['ID']]);
        expect(await wb.ensureSheet('CONTACTS')).toBe(false);
        expect(await wb.read('contacts')).toEqual([['ID']]);
        expect((await wb.sheets()).map((s) => s.name)).toEqual(['Contacts']);
      });

      it('are listed in tab order with their visibility and used size', async () => {
        await wb.transaction(async () => {
          await wb.ensureSheet('Contacts');
          await wb.ensureSheet('Companies', { visibility: 'visible' });
          await wb.ensureSheet('Archive', { visibility: 'hidden' });
          await wb.write('Contacts', 0, 0, [['ID', 'Name', 'Email'], ['CO-1', 'Ada', null]]);
          await wb.write('Companies', 3, 1, [['x']]);
        });
        const expected = [
          { name: 'Contacts', visibility: 'visible', rows: 2, columns: 3 },
          { name: 'Companies', visibility: 'visible', rows: 4, columns: 2 },
          { name: 'Archive', visibility: 'hidden', rows: 0, columns: 0 },
        ];
        expect(await wb.sheets()).toEqual(expected);
        expect(await (await durable()).sheets()).toEqual(expected);
      });

      it('are inserted at the index asked for', async () => {
        await wb.transaction(async () => {
          await wb.ensureSheet('B');
          await wb.ensureSheet('C');
          await wb.ensureSheet('A', { index: 0 });
          await wb.ensureSheet('B2', { index: 2 });
        });
        expect((await (await durable()).sheets()).map((s) => s.name)).toEqual(['A', 'B', 'B2', 'C']);
      });

      it('are very hidden when the host can do it, and hidden otherwise', async () => {
        await wb.transaction(async () => {
          await wb.ensureSheet('Visible');
          await wb.ensureSheet('_carnet', { visibility: 'very' });
        });
        const expected = wb.capabilities.veryHidden ? 'very' : 'hidden';
        const info = (await (await durable()).sheets()).find((s) => s.name === '_carnet');
        expect(info?.visibility).toBe(expected);
      });

      it('take the visibility asked for when ensured again', async () => {
        // Another sheet stays visible: Excel and Google both refuse a workbook with none.
        await seed('Contacts', [['ID']]);
        await seed('Archive', [['x']]);
        await wb.transaction(async () => {
          expect(await wb.ensureSheet('Archive', { visibility: 'hidden' })).toBe(false);
        });
        expect((await (await durable()).sheets())[1]).toMatchObject({ name: 'Archive', visibility: 'hidden', rows: 1 });
      });

      describe('when renamed', () => {
        it('keep their data under the new name', async () => {
          await wb.transaction(async () => {
            await wb.ensureSheet('First');
            await wb.ensureSheet('Contacts');
            await wb.write('Contacts', 0, 0, [['ID', 'Name'], ['CO-1', 'Ada']]);
          });
          await wb.transaction(() => wb.renameSheet('contacts', 'People & Co'));
          const later = await durable();
          expect((await later.sheets()).map((s) => s.name)).toEqual(['First', 'People & Co']);
          expect(await later.read('People & Co')).toEqual([['ID', 'Name'], ['CO-1', 'Ada']]);
          expect(await later.read('Contacts')).toEqual([]);
        });

        it('may change only the case of their name', async () => {
          await seed('contacts', [['ID']]);
          await wb.transaction(() => wb.renameSheet('contacts', 'Contacts'));
          const later = await durable();
          expect((await later.sheets()).map((s) => s.name)).toEqual(['Contacts']);
          expect(await later.read('Contacts')).toEqual([['ID']]);
        });
      });
    });

    describe('reading', () => {
      it('gives [] for a missing sheet', async () => {
        expect(await wb.read('Nope')).toEqual([]);
      });

      it('gives [] for an empty sheet', async () => {
        await seed('Empty', []);
        expect(await wb.read('Empty')).toEqual([]);
        expect(await (await durable()).read('Empty')).toEqual([]);
      });

      it('gives the used range from A1, every row padded to the same width', async () => {
        await wb.transaction(async () => {
          await wb.ensureSheet('S');
          await wb.write('S', 1, 2, [['c2']]);
          await wb.write('S', 3, 0, [['a4', 'b4']]);
        });
        const expected = [
          [null, null, null],
          [null, null, 'c2'],
          [null, null, null],
          ['a4', 'b4', null],
        ];
        expect(await wb.read('S')).toEqual(expected);
        expect(await (await durable()).read('S')).toEqual(expected);
      });

      it('returns columns in the order they have in the sheet', async () => {
        // Binding columns by header is core's job; the host must simply not reorder them.
        const grid = [
          ['Email', 'ID', 'Name'],
          ['ada@example.com', 'CO-1', 'Ada'],
        ];
        await seed('Contacts', grid);
        expect(await (await durable()).read('Contacts')).toEqual(grid);
      });
    });

    describe('writing', () => {
      it('round-trips strings, numbers, booleans and empty cells', async () => {
        const grid: Grid = [
          ['text', 42, -1.5, true, false, null, 0],
          [null, 1e-7, 123456789.125, 'end', null, null, null],
        ];
        await seed('S', grid);
        expect(await wb.read('S')).toEqual(grid);
        expect(await (await durable()).read('S')).toEqual(grid);
      });

      it('stores an empty string as an empty cell', async () => {
        await seed('S', [['a', '', 'c']]);
        expect(await (await durable()).read('S')).toEqual([['a', null, 'c']]);
      });

      it('leaves the cells around the written rectangle untouched', async () => {
        const before: Grid = [
          ['a1', 'b1', 'c1', 'd1'],
          ['a2', 'b2', 'c2', 'd2'],
          ['a3', 'b3', 'c3', 'd3'],
        ];
        await seed('S', before);
        await wb.transaction(() => wb.write('S', 1, 1, [['X', 'Y']]));
        expect(await (await durable()).read('S')).toEqual([
          ['a1', 'b1', 'c1', 'd1'],
          ['a2', 'X', 'Y', 'd2'],
          ['a3', 'b3', 'c3', 'd3'],
        ]);
      });

      it('clears a cell written as null', async () => {
        await seed('S', [['a', 'b', 'c']]);
        await wb.transaction(() => wb.write('S', 0, 2, [[null]]));
        expect(await (await durable()).read('S')).toEqual([['a', 'b']]);
      });

      it('keeps long text whole, up to Excel’s 32,767-character cell limit', async () => {
        const long = 'x'.repeat(32_000) + '=end';
        await seed('S', [[long]]);
        expect(await (await durable()).read('S')).toEqual([[long]]);
      });

      describe('text that looks like a formula or holds control characters', () => {
        it('stays literal text and reads back identically', async () => {
          const grid = TRICKY_TEXT.map((t) => [t]);
          await seed('S', grid);
          expect(await wb.read('S')).toEqual(grid);
          expect(await (await durable()).read('S')).toEqual(grid);
        });

        it('stays literal in every column, also when appended', async () => {
          await seed('S', [['Name', 'Phone']]);
          await wb.transaction(() => wb.append('S', [['=cmd|" /C calc"!A0', '+1 555 0100']]));
          expect(await (await durable()).read('S')).toEqual([
            ['Name', 'Phone'],
            ['=cmd|" /C calc"!A0', '+1 555 0100'],
          ]);
        });
      });

      describe('user-added columns', () => {
        it('survive every write, append and row deletion Carnet makes on its own columns', async () => {
          await seed('Contacts', [
            ['ID', 'Name', 'My notes'],
            ['CO-1', 'Ada', 'call back'],
            ['CO-2', 'Bob', null],
            ['CO-3', 'Cy', 'VIP'],
          ]);
          await wb.transaction(async () => {
            await wb.write('Contacts', 2, 0, [['CO-2', 'Bobby']]);
            await wb.append('Contacts', [['CO-4', 'Dee']]);
            await wb.deleteRows('Contacts', [1]);
          });
          expect(await (await durable()).read('Contacts')).toEqual([
            ['ID', 'Name', 'My notes'],
            ['CO-2', 'Bobby', null],
            ['CO-3', 'Cy', 'VIP'],
            ['CO-4', 'Dee', null],
          ]);
        });
      });
    });


    describe("the team's cells", () => {
      // A sheet as teams keep them: Carnet's columns (ID, Name, City) with the team's own between
      // and beside them (Length: a formula that shows "" on empty rows; Notes), prefilled below the
      // data, with formats and notes of their own on cells of every kind.
      const length = (row: number): Formula => ({ formula: `=IF(B${row + 1}="","",LEN(B${row + 1}))`, value: null });
      const seedTeamSheet = async () => {
        await seed('Clients', [
          ['ID', 'Name', 'Length', 'City', 'Notes'],
          ['CO-1', 'Ada', { ...length(1), value: 3 }, 'Paris', 'call back'],
          ['CO-2', 'Bob', { ...length(2), value: 3 }, 'Lyon', null],
          ['CO-3', 'Cy', { ...length(3), value: 2 }, 'Paris', 'VIP'],
          [null, null, length(4), null, null],
          [null, null, length(5), null, null],
        ]);
        expect(h.touch, 'the harness must provide touch() for the team cells tests').toBeDefined();
        await h.touch!('Clients', 1, 4, { numberFormat: '@', note: 'ask Ada' });
        await h.touch!('Clients', 2, 3, { numberFormat: '@' });
        await h.touch!('Clients', 2, 1, { note: 'spelled Bobby on invoices' });
        await h.touch!('Clients', 4, 2, { numberFormat: '0' });
      };
      const stored = async (w: Workbook, row: number, column: number): Promise<StoredCell> => {
        expect(h.cellAt, 'the harness must provide cellAt() for the team cells tests').toBeDefined();
        return h.cellAt!(w, 'Clients', row, column);
      };
      const conflictOf = async (p: Promise<unknown>): Promise<ErrorData> => {
        const e = await p.then(
          () => undefined,
          (x: unknown) => x,
        );
        expect(e).toBeInstanceOf(CarnetError);
        return (e as CarnetError).data;
      };

      it('writeBlocks writes its blocks only: formulas, formats and notes between and beside them stay', async () => {
        await seedTeamSheet();
        await wb.transaction(() =>
          wb.writeBlocks('Clients', [
            { row: 2, column: 1, cells: [['Bobby']] },
            { row: 4, column: 0, cells: [['CO-4', 'Dee']] },
            { row: 4, column: 3, cells: [['Nice']] },
            { row: 1, column: 3, cells: [['Lille'], ['Lille']] },
          ]),
        );
        const later = await durable();
        const grid = await later.read('Clients');
        expect(grid.map((r) => [r[0], r[1], r[3], r[4]])).toEqual([
          ['ID', 'Name', 'City', 'Notes'],
          ['CO-1', 'Ada', 'Lille', 'call back'],
          ['CO-2', 'Bobby', 'Lille', null],
          ['CO-3', 'Cy', 'Paris', 'VIP'],
          ['CO-4', 'Dee', 'Nice', null],
          [null, null, null, null],
        ].slice(0, grid.length));
        for (let r = 1; r <= 5; r++) expect((await stored(later, r, 2)).formula).toBe(`=IF(B${r + 1}="","",LEN(B${r + 1}))`);
        expect(await stored(later, 1, 4)).toMatchObject({ numberFormat: '@', note: 'ask Ada' });
        // A written cell keeps its own format and note, as in every spreadsheet.
        expect(await stored(later, 2, 3)).toMatchObject({ numberFormat: '@' });
        expect(await stored(later, 2, 1)).toMatchObject({ note: 'spelled Bobby on invoices' });
        expect(await stored(later, 4, 2)).toMatchObject({ numberFormat: '0', formula: '=IF(B5="","",LEN(B5))' });
        if (wb.capabilities.formulas === 'live') {
          expect(grid.slice(0, 5).map((r) => r[2])).toEqual(['Length', 3, 5, 2, 3]);
        }
      });

      it('writes when the expected cells still hold what Carnet read', async () => {
        await seedTeamSheet();
        await wb.transaction(() => wb.writeBlocks('Clients', [{ row: 2, column: 1, cells: [['Bobby']] }], [{ row: 2, column: 0, value: 'CO-2' }]));
        expect((await (await durable()).read('Clients'))[2]![1]).toBe('Bobby');
      });

      for (const action of ['sort-descending', 'insert-row'] as const) {
        it(`writes nothing, and says so, when a colleague's ${action} moved the rows since Carnet read them`, async () => {
          expect(h.colleague, 'the harness must provide colleague()').toBeDefined();
          await seedTeamSheet();
          const error = await conflictOf(
            wb.transaction(async () => {
              const grid = await wb.read('Clients');
              const row = grid.findIndex((r) => r[0] === 'CO-1');
              await h.colleague!('Clients', action);
              await wb.writeBlocks('Clients', [{ row, column: 1, cells: [['Ada Lovelace']] }], [{ row, column: 0, value: 'CO-1' }]);
            }),
          );
          expect(error.code).toBe('E_CONFLICT');
          if (wb.capabilities.deferredWrites) {
            // The file was saved by the colleague's program meanwhile: Carnet saves nothing over it.
            expect(error.sheet ?? 'Clients').toBe('Clients');
          } else {
            expect(error).toEqual({
              code: 'E_CONFLICT',
              sheet: 'Clients',
              cell: 'A2',
              row: 2,
              value: 'CO-1',
              message: 'Clients!A2 no longer holds "CO-1": rows of "Clients" were sorted, inserted or deleted while Carnet was writing. Nothing was written; try again.',
            });
          }
          const names = (await (await durable()).read('Clients')).map((r) => r[1]);
          expect(names).not.toContain('Ada Lovelace');
          expect(names).toContain('Ada');
        });
      }

      it('deletes nothing when the rows to delete moved since Carnet read them', async () => {
        expect(h.colleague, 'the harness must provide colleague()').toBeDefined();
        await seedTeamSheet();
        const error = await conflictOf(
          wb.transaction(async () => {
            await wb.read('Clients');
            await h.colleague!('Clients', 'sort-descending');
            await wb.deleteRows('Clients', [1], [{ row: 1, column: 0, value: 'CO-1' }]);
          }),
        );
        expect(error.code).toBe('E_CONFLICT');
        const ids = (await (await durable()).read('Clients')).map((r) => r[0]);
        expect(ids.filter((x) => x !== null).sort()).toEqual(['CO-1', 'CO-2', 'CO-3', 'ID']);
      });

      it('move with their rows when Carnet deletes rows: formats, notes and formulas', async () => {
        await seedTeamSheet();
        await wb.transaction(() => wb.deleteRows('Clients', [1], [{ row: 1, column: 0, value: 'CO-1' }]));
        const later = await durable();
        expect((await later.read('Clients')).slice(0, 3).map((r) => [r[0], r[1], r[3], r[4]])).toEqual([
          ['ID', 'Name', 'City', 'Notes'],
          ['CO-2', 'Bob', 'Lyon', null],
          ['CO-3', 'Cy', 'Paris', 'VIP'],
        ]);
        expect(await stored(later, 1, 1)).toMatchObject({ note: 'spelled Bobby on invoices' });
        expect(await stored(later, 1, 3)).toMatchObject({ numberFormat: '@' });
        expect(await stored(later, 3, 2)).toMatchObject({ numberFormat: '0' });
        const rewrites = wb.capabilities.formulas !== 'stored';
        expect((await stored(later, 1, 2)).formula).toBe(rewrites ? '=IF(B2="","",LEN(B2))' : '=IF(B3="","",LEN(B3))');
        // The deleted row's own note went with it.
        expect((await stored(later, 1, 4)).note).toBeUndefined();
      });

      it("tells which cells hold a formula, Carnet's or the team's, whatever they show", async () => {
        await seedTeamSheet();
        await wb.transaction(() => wb.write('Clients', 2, 3, [[{ formula: '="Ly"&"on"', value: 'Lyon' }]]));
        const later = await durable();
        expect(await later.formulaCells('Clients', { top: 0, left: 0, bottom: 10, right: 10 })).toEqual([
          { row: 1, column: 2 },
          { row: 2, column: 2 },
          { row: 2, column: 3 },
          { row: 3, column: 2 },
          { row: 4, column: 2 },
          { row: 5, column: 2 },
        ]);
        expect(await later.formulaCells('Clients', { top: 2, left: 3, bottom: 2, right: 4 })).toEqual([{ row: 2, column: 3 }]);
        expect(await later.formulaCells('Clients', { top: 0, left: 0, bottom: 0, right: 10 })).toEqual([]);
        expect(await later.formulaCells('Nope', { top: 0, left: 0, bottom: 5, right: 5 })).toEqual([]);
      });

      it('merged ranges are reported, and only their top-left cell holds a value', async () => {
        expect(h.merge, 'the harness must provide merge()').toBeDefined();
        await seed('Clients', [
          ['ID', 'Name', 'Bloc fusionné', null, null, 'Secteur'],
          ['CO-1', 'Ada', 'x', null, null, 'Tech'],
        ]);
        await h.merge!('Clients', { top: 0, left: 2, bottom: 0, right: 4 });
        const later = await durable();
        const merges = await later.merges('Clients');
        expect(merges).toEqual(wb.capabilities.merges ? [{ top: 0, left: 2, bottom: 0, right: 4 }] : []);
        expect((await later.read('Clients'))[0]).toEqual(['ID', 'Name', 'Bloc fusionné', null, null, 'Secteur']);
        expect(await later.merges('Nope')).toEqual([]);
      });

      it('merged ranges move up with their rows when rows above them are deleted', async () => {
        expect(h.merge, 'the harness must provide merge()').toBeDefined();
        await seed('Clients', [['ID', 'Name', 'Group'], ['CO-1', 'Ada', 'A'], ['CO-2', 'Bob', 'B'], ['CO-3', 'Cy', null]]);
        await h.merge!('Clients', { top: 2, left: 2, bottom: 3, right: 2 });
        await wb.transaction(() => wb.deleteRows('Clients', [1]));
        const merges = await (await durable()).merges('Clients');
        expect(merges).toEqual(wb.capabilities.merges ? [{ top: 1, left: 2, bottom: 2, right: 2 }] : []);
      });
    });

    describe('formulas Carnet writes', () => {
      // A sales sheet whose Amount is core's own formula over the row's cells.
      const header = ['Product', 'Quantity', 'Unit price', 'Discount', 'Amount', 'Note'];
      /** The formula a sales command writes in row `row` (0-based), with the value core computed. */
      const amount = (row: number, value: number): Formula => ({ formula: `=ROUND(B${row + 1}*C${row + 1}*(1-D${row + 1}),2)`, value });
      const formulaAt = (w: Workbook, sheet: string, row: number, column: number) => {
        expect(h.formulaAt, 'the harness must provide formulaAt() to check formulas').toBeDefined();
        return h.formulaAt!(w, sheet, row, column);
      };

      it('read back as their value, also from storage, and are stored as formulas; text beside them stays text', async () => {
        await seed('Sales', [
          header,
          ['Widget', 3, 12.5, 0.1, amount(1, 33.75), '=1+1'],
          ['=HYPERLINK("http://evil.example","click")', 2, 19.99, 0, amount(2, 39.98), null],
        ]);
        const expected: Grid = [
          header,
          ['Widget', 3, 12.5, 0.1, 33.75, '=1+1'],
          ['=HYPERLINK("http://evil.example","click")', 2, 19.99, 0, 39.98, null],
        ];
        expect(await wb.read('Sales')).toEqual(expected);
        const later = await durable();
        expect(await later.read('Sales')).toEqual(expected);
        expect(await formulaAt(later, 'Sales', 1, 4)).toBe('=ROUND(B2*C2*(1-D2),2)');
        expect(await formulaAt(later, 'Sales', 2, 4)).toBe('=ROUND(B3*C3*(1-D3),2)');
        // Strings that look like formulas were written as literal text, never as formulas.
        expect(await formulaAt(later, 'Sales', 1, 5)).toBeUndefined();
        expect(await formulaAt(later, 'Sales', 2, 0)).toBeUndefined();
      });

      it('can be appended, beside literal text', async () => {
        await seed('Sales', [header]);
        await wb.transaction(() =>
          wb.append('Sales', [
            ['Gadget', 10, 4, 0.25, amount(1, 30), '+1 555 0100'],
            ['Thing', 1, 0.5, 0, amount(2, 0.5), '@mention'],
          ]),
        );
        const later = await durable();
        expect(await later.read('Sales')).toEqual([header, ['Gadget', 10, 4, 0.25, 30, '+1 555 0100'], ['Thing', 1, 0.5, 0, 0.5, '@mention']]);
        expect(await formulaAt(later, 'Sales', 1, 4)).toBe('=ROUND(B2*C2*(1-D2),2)');
        expect(await formulaAt(later, 'Sales', 2, 4)).toBe('=ROUND(B3*C3*(1-D3),2)');
        expect(await formulaAt(later, 'Sales', 1, 5)).toBeUndefined();
      });

      it('survive writes to the other cells of their row; live hosts follow the new quantity', async () => {
        await seed('Sales', [header, ['Widget', 3, 12.5, 0.1, amount(1, 33.75), null]]);
        await wb.transaction(async () => {
          await wb.write('Sales', 1, 0, [['Renamed']]);
          await wb.write('Sales', 1, 5, [['a note']]);
          // The quantity, as a person would change it in the sheet; core writes no new amount.
          await wb.write('Sales', 1, 1, [[4]]);
        });
        const later = await durable();
        expect(await formulaAt(later, 'Sales', 1, 4)).toBe('=ROUND(B2*C2*(1-D2),2)');
        // A host that calculates shows 4 × 12.50 × 0.9. The file drops the result its input made
        // stale, so that the spreadsheet program opening it computes it (test/interop shows
        // LibreOffice doing so); the in-memory host keeps the value core wrote.
        const shown = wb.capabilities.formulas === 'live' ? 45 : wb.capabilities.formulas === 'on-open' ? null : 33.75;
        expect((await later.read('Sales'))[1]).toEqual(['Renamed', 4, 12.5, 0.1, shown, 'a note']);
      });

      it('move with their row when rows above are deleted, and hosts that rewrite references keep them on their row', async () => {
        const lines = Array.from({ length: 10 }, (_, i) => [`item ${i + 1}`, i + 1, 10, 0, amount(i + 1, (i + 1) * 10), null]);
        await seed('Sales', [header, ...lines]);
        await seed('Totals', [['Total', { formula: '=SUM(Sales!E2:E11)', value: 550 }]]);
        // Row 3 of the sheet (item 2): the formula in row 10, reading row 10, is then in row 9.
        await wb.transaction(() => wb.deleteRows('Sales', [2]));
        const later = await durable();
        const rewrites = wb.capabilities.formulas !== 'stored';
        expect(await formulaAt(later, 'Sales', 8, 4)).toBe(rewrites ? '=ROUND(B9*C9*(1-D9),2)' : '=ROUND(B10*C10*(1-D10),2)');
        expect(await formulaAt(later, 'Totals', 0, 1)).toBe(rewrites ? '=SUM(Sales!E2:E10)' : '=SUM(Sales!E2:E11)');
        // Every amount still belongs to its own row's line.
        expect((await later.read('Sales')).map((r) => r[4])).toEqual(['Amount', 10, 30, 40, 50, 60, 70, 80, 90, 100]);
        // Only a host that calculates knows the total changed; the file drops the stale total (the
        // spreadsheet program computes it on open), the in-memory host keeps the value written.
        const total = { live: ['Total', 530], 'on-open': ['Total'], stored: ['Total', 550] }[wb.capabilities.formulas];
        expect((await later.read('Totals'))[0]).toEqual(total);
      });

      it('are refused, and nothing written, when their text does not start with "="', async () => {
        await seed('Sales', [header, ['Widget', 3, 12.5, 0.1, null, null]]);
        await expect(
          wb.transaction(() => wb.write('Sales', 1, 0, [['Changed', 3, 12.5, 0.1, { formula: 'ROUND(B2*C2,2)', value: 37.5 }]])),
        ).rejects.toThrow('must start with "="');
        await expect(wb.transaction(() => wb.append('Sales', [['New', { formula: 'B2', value: 3 }]]))).rejects.toThrow('must start with "="');
        expect(await wb.read('Sales')).toEqual([header, ['Widget', 3, 12.5, 0.1, null, null]]);
        expect(await (await durable()).read('Sales')).toEqual([header, ['Widget', 3, 12.5, 0.1, null, null]]);
      });
    });

    describe('appending', () => {
      it('starts at the first row of an empty sheet', async () => {
        await seed('S', []);
        await wb.transaction(() => wb.append('S', [['a'], ['b']]));
        expect(await (await durable()).read('S')).toEqual([['a'], ['b']]);
      });

      it('goes after the last used row, in whatever column it is used', async () => {
        await seed('S', [['ID', 'Name']]);
        await wb.transaction(async () => {
          await wb.write('S', 3, 4, [['far note']]);
          await wb.append('S', [['CO-1', 'Ada'], ['CO-2', 'Bob']]);
        });
        expect(await (await durable()).read('S')).toEqual([
          ['ID', 'Name', null, null, null],
          [null, null, null, null, null],
          [null, null, null, null, null],
          [null, null, null, null, 'far note'],
          ['CO-1', 'Ada', null, null, null],
          ['CO-2', 'Bob', null, null, null],
        ]);
      });

      it('ignores rows emptied by writing nulls', async () => {
        await seed('S', [['h'], ['a'], ['b']]);
        await wb.transaction(async () => {
          await wb.write('S', 2, 0, [[null]]);
          await wb.append('S', [['c']]);
        });
        expect(await (await durable()).read('S')).toEqual([['h'], ['a'], ['c']]);
      });
    });

    describe('deleting rows', () => {
      const numbered = (n: number): Grid => Array.from({ length: n }, (_, i) => [`r${i}`, i]);

      it('removes exactly the rows given, in any order, and moves the rest up', async () => {
        await seed('S', numbered(10));
        await wb.transaction(() => wb.deleteRows('S', [7, 2, 3, 9]));
        expect(await (await durable()).read('S')).toEqual([0, 1, 4, 5, 6, 8].map((i) => [`r${i}`, i]));
      });

      it('ignores duplicates and rows past the end', async () => {
        await seed('S', numbered(4));
        await wb.transaction(() => wb.deleteRows('S', [1, 1, 40]));
        expect(await (await durable()).read('S')).toEqual([0, 2, 3].map((i) => [`r${i}`, i]));
      });

      it('can empty a sheet, last rows included', async () => {
        await seed('S', numbered(3));
        await wb.transaction(() => wb.deleteRows('S', [2, 1, 0]));
        const later = await durable();
        expect(await later.read('S')).toEqual([]);
        expect((await later.sheets())[0]).toMatchObject({ rows: 0, columns: 0 });
      });

      it('then lets append continue right after the remaining rows', async () => {
        await seed('S', numbered(5));
        await wb.transaction(async () => {
          await wb.deleteRows('S', [4, 3]);
          await wb.append('S', [['new', 99]]);
        });
        expect(await (await durable()).read('S')).toEqual([['r0', 0], ['r1', 1], ['r2', 2], ['new', 99]]);
      });
    });

    describe('dates', () => {
      const dateLayout: SheetLayout = {
        frozenRows: 1,
        boldHeader: true,
        dataRows: 10,
        columns: [
          { column: 1, numberFormat: 'yyyy-mm-dd' },
          { column: 2, numberFormat: 'yyyy-mm-dd hh:mm:ss' },
        ],
      };
      const serials: Cell[][] = [
        ['Name', 'Day', 'When'],
        ['new year', serialFromParts(2026, 1, 1), serialFromParts(2026, 1, 1, 0, 0, 1)],
        ['DST in Europe', serialFromParts(2026, 3, 29), serialFromParts(2026, 3, 29, 2, 30)],
        ['DST in Alaska', serialFromParts(2026, 3, 8), serialFromParts(2026, 3, 8, 2, 30)],
        ['leap day', serialFromParts(2024, 2, 29), serialFromParts(2024, 2, 29, 23, 59, 59)],
        ['last century', serialFromParts(1950, 6, 15), serialFromParts(1950, 6, 15, 12)],
        ['noon', 46353, 46353.5],
      ];

      it('can switch time zones in this runtime (so the tests below are not vacuous)', async () => {
        const offsets = await Promise.all(
          TIME_ZONES.map((tz) => withTimeZone(tz, async () => new Date(2026, 0, 1).getTimezoneOffset())),
        );
        expect(offsets).toEqual([-840, 540, -330, 0]);
      });

      for (const writeZone of TIME_ZONES) {
        const readZone = TIME_ZONES[(TIME_ZONES.indexOf(writeZone) + 1) % TIME_ZONES.length]!;
        it(`keep their serial when written in ${writeZone} and read in ${readZone}`, async () => {
          await withTimeZone(writeZone, async () => {
            await wb.transaction(async () => {
              await wb.ensureSheet('Dates');
              await wb.write('Dates', 0, 0, serials);
              await wb.layout('Dates', dateLayout);
            });
            expect(await wb.read('Dates')).toEqual(serials);
          });
          await withTimeZone(readZone, async () => {
            expect(await (await durable()).read('Dates')).toEqual(serials);
          });
        });
      }

      it('stay numbers when written into a date column after its layout', async () => {
        await wb.transaction(async () => {
          await wb.ensureSheet('Dates');
          await wb.write('Dates', 0, 0, [['Name', 'Day']]);
          await wb.layout('Dates', dateLayout);
          await wb.append('Dates', [['later', serialFromParts(2027, 12, 31)]]);
        });
        await withTimeZone('Pacific/Kiritimati', async () => {
          expect(await (await durable()).read('Dates')).toEqual([
            ['Name', 'Day'],
            ['later', serialFromParts(2027, 12, 31)],
          ]);
        });
      });
    });

    describe('layout', () => {
      const layout: SheetLayout = {
        frozenRows: 1,
        boldHeader: true,
        dataRows: 50,
        columns: [
          { column: 0, width: 14, note: 'Allocated by Carnet' },
          { column: 1, numberFormat: 'yyyy-mm-dd', width: 12 },
          { column: 2, numberFormat: '0.00' },
          { column: 3, validation: { kind: 'list', values: ['Lead', 'Qualified', 'Won', 'Lost'] } },
          { column: 4, validation: { kind: 'range', sheet: "Bob's Companies", column: 1 } },
          {
            column: 5,
            // Past Excel's 255-character inline limit, and with commas inside values.
            validation: {
              kind: 'list',
              values: Array.from({ length: 40 }, (_, i) => `Option number ${i}, with a comma`),
            },
          },
          { column: 6, validation: { kind: 'none' } },
        ],
      };
      const columns = layout.columns.map((c) => c.column);

      const expectedStored = (l: SheetLayout, rangeValidation: boolean): StoredLayout => ({
        frozenRows: l.frozenRows,
        columns: l.columns.map((c) => {
          const out: StoredColumnLayout = { column: c.column, boldHeader: l.boldHeader, validations: [] };
          if (c.numberFormat !== undefined) out.numberFormat = c.numberFormat;
          if (c.width !== undefined) out.width = c.width;
          if (c.note !== undefined) out.note = c.note;
          const v = c.validation;
          if (v && v.kind !== 'none' && (v.kind === 'list' || rangeValidation)) out.validations = [v];
          return out;
        }),
      });

      const prepare = async () => {
        await wb.transaction(async () => {
          await wb.ensureSheet("Bob's Companies");
          await wb.write("Bob's Companies", 0, 0, [['ID', 'Name'], ['CM-1', 'Acme'], ['CM-2', 'Globex']]);
          await wb.ensureSheet('Contacts');
          await wb.write('Contacts', 0, 0, [['ID', 'Since', 'Score', 'Stage', 'Company', 'Choice', 'Free']]);
        });
      };

      it('stores what was asked: frozen header, formats, widths, note, one validation per column', async () => {
        expect(h.inspect, 'the harness must provide inspect() to check layouts').toBeDefined();
        await prepare();
        await wb.transaction(() => wb.layout('Contacts', layout));
        const stored = await h.inspect!(await durable(), 'Contacts', columns);
        expect(stored).toMatchObject(expectedStored(layout, wb.capabilities.rangeValidation));
      });

      it('is idempotent: applying it twice stores the same as once', async () => {
        expect(h.inspect, 'the harness must provide inspect() to check layouts').toBeDefined();
        await prepare();
        await wb.transaction(() => wb.layout('Contacts', layout));
        const once = await h.inspect!(await durable(), 'Contacts', columns);
        await wb.transaction(() => wb.layout('Contacts', layout));
        const twice = await h.inspect!(await durable(), 'Contacts', columns);
        expect(twice).toEqual(once);
        expect(twice).toMatchObject(expectedStored(layout, wb.capabilities.rangeValidation));
      });

      it('replaces a column’s previous validation instead of adding to it', async () => {
        expect(h.inspect, 'the harness must provide inspect() to check layouts').toBeDefined();
        await prepare();
        await wb.transaction(() => wb.layout('Contacts', layout));
        const changed: SheetLayout = {
          ...layout,
          frozenRows: 2,
          columns: [
            { column: 3, validation: { kind: 'list', values: ['Open', 'Closed'] } },
            { column: 5, validation: { kind: 'none' } },
            { column: 6, validation: { kind: 'list', values: ['x'] } },
          ],
        };
        await wb.transaction(() => wb.layout('Contacts', changed));
        const stored = await h.inspect!(await durable(), 'Contacts', [3, 5, 6]);
        expect(stored).toMatchObject({
          frozenRows: 2,
          columns: [
            { column: 3, validations: [{ kind: 'list', values: ['Open', 'Closed'] }] },
            { column: 5, validations: [] },
            { column: 6, validations: [{ kind: 'list', values: ['x'] }] },
          ],
        });
      });

      it('leaves the data as it was', async () => {
        await prepare();
        const before = await wb.read('Contacts');
        await wb.transaction(() => wb.layout('Contacts', layout));
        expect(await (await durable()).read('Contacts')).toEqual(before);
      });

      it('makes dropdowns follow a renamed source sheet', async () => {
        expect(h.inspect, 'the harness must provide inspect() to check layouts').toBeDefined();
        await prepare();
        await wb.transaction(() => wb.layout('Contacts', layout));
        await wb.transaction(() => wb.renameSheet("Bob's Companies", 'Firms'));
        const stored = await h.inspect!(await durable(), 'Contacts', [4]);
        const expected = wb.capabilities.rangeValidation ? [{ kind: 'range', sheet: 'Firms', column: 1 }] : [];
        expect(stored.columns[0]!.validations).toEqual(expected);
      });
    });

    reportSheetContract(() => ({ h, wb, durable }));

    protectionContract(() => ({ wb, durable }));
    auditContract(() => ({ wb, durable }));

    describe('transactions', () => {
      it('return what their function returns, and make its writes durable', async () => {
        await seed('S', [['a']]);
        const result = await wb.transaction(async () => {
          await wb.append('S', [['b']]);
          return 'done';
        });
        expect(result).toBe('done');
        expect(await (await durable()).read('S')).toEqual([['a'], ['b']]);
      });

      it('join the outer one when nested', async () => {
        await seed('S', [['a']]);
        const order: string[] = [];
        const result = await wb.transaction(async () => {
          order.push('outer start');
          await wb.append('S', [['b']]);
          const inner = await wb.transaction(async () => {
            order.push('inner');
            // The inner one sees the outer one's write: it runs inside it, not after it.
            return (await wb.read('S')).length;
          });
          order.push('outer end');
          return inner;
        });
        expect(result).toBe(2);
        expect(order).toEqual(['outer start', 'inner', 'outer end']);
        expect(await (await durable()).read('S')).toEqual([['a'], ['b']]);
      });

      it('run one at a time when started together, without losing either one’s writes', async () => {
        await seed('S', [['n']]);
        const log: string[] = [];
        const allocate = (who: string) =>
          wb.transaction(async () => {
            log.push(`${who} in`);
            const rows = (await wb.read('S')).length;
            await sleep(20); // a read-modify-write that would interleave without the lock
            await wb.append('S', [[`${who}-${rows}`]]);
            log.push(`${who} out`);
          });
        await Promise.all([allocate('a'), allocate('b'), allocate('c')]);
        expect(log).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
        expect(await (await durable()).read('S')).toEqual([['n'], ['a-1'], ['b-2'], ['c-3']]);
      });

      it('pass the error on when their function throws, and the next one still runs', async () => {
        await seed('S', [['a']]);
        const boom = new Error('boom');
        await expect(wb.transaction(async () => Promise.reject(boom))).rejects.toBe(boom);
        await wb.transaction(() => wb.append('S', [['b']]));
        expect(await (await durable()).read('S')).toEqual([['a'], ['b']]);
      });

      it('persist nothing when they throw on hosts with deferred writes; keep what was written otherwise', async () => {
        await seed('S', [['a']]);
        await expect(
          wb.transaction(async () => {
            await wb.append('S', [['half-done']]);
            await wb.ensureSheet('Scratch');
            throw new Error('validation failed');
          }),
        ).rejects.toThrow('validation failed');
        if (wb.capabilities.deferredWrites) {
          expect(await wb.read('S')).toEqual([['a']]);
          expect((await wb.sheets()).map((s) => s.name)).toEqual(['S']);
          expect(await (await durable()).read('S')).toEqual([['a']]);
        } else {
          // Writes are immediate on these hosts (as in a Google Sheet): nothing to roll back.
          expect(await wb.read('S')).toEqual([['a'], ['half-done']]);
          expect((await wb.sheets()).map((s) => s.name)).toEqual(['S', 'Scratch']);
        }
      });
    });

    describe('the user', () => {
      it('has an id and a name', async () => {
        const user = await wb.user();
        expect(typeof user.id).toBe('string');
        expect(user.id.length).toBeGreaterThan(0);
        expect(typeof user.name).toBe('string');
        expect(user.name.length).toBeGreaterThan(0);
      });
    });

    describe('large sheets', () => {
      it('write and read back 10,000 rows unchanged', async () => {
        const grid: Grid = [['ID', 'Name', 'Email', 'Amount', 'Active', 'Since']];
        for (let i = 1; i <= 10_000; i++) {
          grid.push([`CO-${String(i).padStart(6, '0')}`, `Name ${i}`, `user${i}@example.com`, i * 1.25, i % 3 === 0, 45000 + i]);
        }
        await wb.transaction(async () => {
          await wb.ensureSheet('Big');
          await wb.write('Big', 0, 0, grid);
          await wb.layout('Big', { frozenRows: 1, boldHeader: true, dataRows: 10_000, columns: [{ column: 5, numberFormat: 'yyyy-mm-dd' }] });
        });
        expect(await wb.read('Big')).toEqual(grid);
        const later = await durable();
        expect(await later.read('Big')).toEqual(grid);
        await later.transaction(() => later.deleteRows('Big', [10_000, 1, 5_000]));
        const after = await later.read('Big');
        expect(after.length).toBe(9_998);
        expect(after[1]![0]).toBe('CO-000002');
        expect(after[9_997]![0]).toBe('CO-009999');
      });
    });
  });
}
