/**
 * A native PivotTable in the Excel host, over the fake: the PivotTable Excel is asked for (name,
 * source, destination, hierarchies on each axis, values with their aggregation and name) and what
 * it shows; replacing Carnet's PivotTable and only Carnet's; the names Excel refuses; a sheet
 * Carnet protected; emptying the sheet; and what the adapter refuses before changing anything.
 */

import { describe, expect, it } from 'vitest';
import type { NativePivotSpec } from '../../core/workbook.js';
import { pivotView, type FakeExcel, type FakePivotState } from './fake-excel.js';
import { inExcel, setup } from './setup.js';

/**
 * What core writes for Excel, which cannot group dates: a sheet of the report's columns with the
 * months as text ("2026-03"). A team's Notes column in A, so that Carnet's range starts at B.
 */
const DATA = [
  ['Notes', 'Product', 'Month', 'Quantity'],
  ['urgent', 'Chair', '2026-03', 3],
  [null, 'Chair', '2026-03', 5],
  [null, 'Desk', '2026-03', 1],
  [null, 'Chair', '2026-04', 2],
  ['call back', 'Desk', '2026-04', 4],
  [null, 'Lamp', '2026-07', 6],
];

/** Shipments by product per month: rows Product, columns Month, the sum of Quantity. */
const byMonth = (over: Partial<NativePivotSpec> = {}): NativePivotSpec => ({
  name: 'Carnet Shipments',
  source: { sheet: 'Shipments data', range: { top: 0, left: 1, bottom: 6, right: 3 } },
  target: { sheet: 'Shipments pivot', row: 2, column: 0 },
  rows: [{ column: 0 }],
  columns: [{ column: 1 }],
  values: [{ column: 2, agg: 'sum', label: 'Quantity shipped' }],
  ...over,
});

async function shipments() {
  const { excel, wb } = setup();
  await wb.ensureSheet('Team');
  await wb.ensureSheet('Shipments data');
  await wb.write('Shipments data', 0, 0, DATA);
  await wb.ensureSheet('Shipments pivot');
  // Core writes a caption above the PivotTable.
  await wb.write('Shipments pivot', 0, 0, [['Native pivot table of “Shipments”']]);
  const sheet = (name: string) => excel.sheet(name);
  return { excel, wb, target: () => sheet('Shipments pivot'), team: () => sheet('Team') };
}

/** The state of a PivotTable without its source's sheet object, for comparing. */
const shape = ({ source, ...rest }: FakePivotState) => ({ ...rest, source: { sheet: source.sheet.name, row: source.row, column: source.column, rows: source.rows, columns: source.columns } });

/** A team's PivotTable, made in Excel (the calls another add-in would make). */
function theirs(excel: FakeExcel, sheet: string, name: string, cell: [number, number]) {
  return inExcel(excel, sheet, (ws, ctx) => {
    const pivot = ws.pivotTables.add(name, ctx.workbook.worksheets.getItem('Shipments data').getRangeByIndexes(0, 1, 7, 3), ws.getRangeByIndexes(cell[0], cell[1], 1, 1));
    pivot.rowHierarchies.add(pivot.hierarchies.getItem('Month'));
  });
}

describe('A native PivotTable in Excel', () => {
  it('is a PivotTable over the source range at the target cell, its hierarchies named by the headers, the value summed and named', async () => {
    const { excel, wb, target } = await shipments();
    await wb.pivotTable(byMonth());
    expect(target().pivots.map(shape)).toEqual([
      {
        name: 'Carnet Shipments',
        source: { sheet: 'Shipments data', row: 0, column: 1, rows: 7, columns: 3 },
        anchor: { row: 2, column: 0 },
        hierarchies: ['Product', 'Month', 'Quantity'],
        rows: ['Product'],
        columns: ['Month'],
        data: [{ hierarchy: 'Quantity', name: 'Quantity shipped', summarizeBy: 'Sum' }],
      },
    ]);
    expect(pivotView(excel, target().pivots[0]!)).toEqual({
      Chair: { '2026-03': [8], '2026-04': [2] },
      Desk: { '2026-03': [1], '2026-04': [4] },
      Lamp: { '2026-07': [6] },
    });
  });

  it("aggregates with Excel's functions (a count is COUNTA's), and a name without Carnet's prefix gets it", async () => {
    const { excel, wb, target } = await shipments();
    const aggs = ['sum', 'count', 'average', 'min', 'max'] as const;
    await wb.pivotTable(byMonth({ name: 'Shipments', columns: [], values: aggs.map((agg) => ({ column: agg === 'count' ? 1 : 2, agg, label: agg })) }));
    const [pivot] = target().pivots;
    expect({ name: pivot!.name, data: pivot!.data }).toEqual({
      name: 'Carnet Shipments',
      data: [
        { hierarchy: 'Quantity', name: 'sum', summarizeBy: 'Sum' },
        { hierarchy: 'Month', name: 'count', summarizeBy: 'Count' },
        { hierarchy: 'Quantity', name: 'average', summarizeBy: 'Average' },
        { hierarchy: 'Quantity', name: 'min', summarizeBy: 'Min' },
        { hierarchy: 'Quantity', name: 'max', summarizeBy: 'Max' },
      ],
    });
    expect(pivotView(excel, pivot!).Chair).toEqual({ '': [10, 3, 10 / 3, 2, 5] });
  });

  it("names a value apart from the source's columns and from the other values, with a trailing space as people do", async () => {
    const { wb, target } = await shipments();
    await wb.pivotTable(
      byMonth({
        values: [
          { column: 2, agg: 'sum', label: 'Quantity' },
          { column: 2, agg: 'max', label: 'quantity' },
          { column: 1, agg: 'count', label: 'Total' },
          { column: 2, agg: 'min', label: 'Total' },
        ],
      }),
    );
    expect(target().pivots[0]!.data.map((d) => d.name)).toEqual(['Quantity ', 'quantity  ', 'Total', 'Total ']);
  });

  describe('placed again', () => {
    it("replaces Carnet's PivotTable only: a team's, on that sheet or another, stays, and so does every cell", async () => {
      const { excel, wb, target, team } = await shipments();
      await wb.pivotTable(byMonth());
      await theirs(excel, 'Team', 'Months', [0, 0]);
      await theirs(excel, 'Shipments pivot', 'PivotTable1', [0, 7]);
      const before = { data: await wb.read('Shipments data'), caption: await wb.read('Shipments pivot'), team: team().pivots.map(shape) };

      await wb.pivotTable(byMonth({ columns: [], values: [{ column: 0, agg: 'count', label: 'Shipments' }] }));
      expect(target().pivots.map((p) => ({ name: p.name, rows: p.rows, columns: p.columns, data: p.data }))).toEqual([
        { name: 'PivotTable1', rows: ['Month'], columns: [], data: [] },
        { name: 'Carnet Shipments', rows: ['Product'], columns: [], data: [{ hierarchy: 'Product', name: 'Shipments', summarizeBy: 'Count' }] },
      ]);
      expect({ data: await wb.read('Shipments data'), caption: await wb.read('Shipments pivot'), team: team().pivots.map(shape) }).toEqual(before);
    });

    it('numbers its name when a PivotTable elsewhere in the workbook has it (names are unique in a workbook)', async () => {
      const { excel, wb, target, team } = await shipments();
      await theirs(excel, 'Team', 'Carnet Shipments', [0, 0]);
      await wb.pivotTable(byMonth());
      await wb.pivotTable(byMonth());
      expect({ here: target().pivots.map((p) => p.name), there: team().pivots.map((p) => p.name) }).toEqual({ here: ['Carnet Shipments (2)'], there: ['Carnet Shipments'] });
    });
  });

  it('is placed on a sheet Carnet protected, which stays protected', async () => {
    const { excel, wb, target } = await shipments();
    await wb.protect({ sheets: [{ name: 'Shipments pivot', editors: [], locked: true }] });
    await wb.pivotTable(byMonth());
    await wb.pivotTable(byMonth());
    expect({ pivots: target().pivots.map((p) => p.name), protected: target().protection !== undefined }).toEqual({ pivots: ['Carnet Shipments'], protected: true });
    expect(pivotView(excel, target().pivots[0]!).Lamp).toEqual({ '2026-07': [6] });
  });

  it("goes, with every other PivotTable on the sheet, when the sheet is emptied; a team's elsewhere stays", async () => {
    const { excel, wb, target, team } = await shipments();
    await wb.pivotTable(byMonth());
    await theirs(excel, 'Shipments pivot', 'PivotTable1', [0, 7]);
    await theirs(excel, 'Team', 'Months', [0, 0]);
    await wb.clearSheet('Shipments pivot');
    expect({ here: target().pivots, there: team().pivots.map((p) => p.name), cells: await wb.read('Shipments pivot') }).toEqual({ here: [], there: ['Months'], cells: [] });
  });

  describe('refuses what Excel cannot be given, changing nothing', () => {
    const refusals: [string, Partial<NativePivotSpec>, RegExp][] = [
      ['a date grouping (Office.js has none: core gives period columns)', { columns: [{ column: 1, by: 'month' }] }, /Office.js cannot group dates \("by": "month"\)/],
      ['a distinct count', { values: [{ column: 0, agg: 'countDistinct', label: 'Products' }] }, /Excel PivotTables have no distinct count/],
      ['one column on two axes', { rows: [{ column: 0 }], columns: [{ column: 0 }] }, /column 0 is grouped twice: Excel keeps a field on one axis only/],
      ['a column outside the source range', { values: [{ column: 3, agg: 'sum', label: 'Beyond' }] }, /column 3 is not in the source range, 3 columns wide/],
      ['a field whose header is blank', { source: { sheet: 'Shipments data', range: { top: 0, left: 1, bottom: 6, right: 4 } }, values: [{ column: 3, agg: 'count', label: 'Blank' }] }, /Shipments data!E1 is blank/],
      ['a field whose header another column repeats', { source: { sheet: 'Shipments data', range: { top: 0, left: 0, bottom: 6, right: 5 } }, rows: [{ column: 1 }], columns: [], values: [{ column: 3, agg: 'sum', label: 'Sum' }] }, /Shipments data!B1 reads "Product" like another header/],
    ];
    for (const [what, over, message] of refusals) {
      it(what, async () => {
        const { wb, target } = await shipments();
        await wb.write('Shipments data', 0, 5, [['product']]);
        await wb.pivotTable(byMonth());
        const before = target().pivots.map(shape);
        await expect(wb.pivotTable(byMonth(over))).rejects.toThrow(message);
        expect(target().pivots.map(shape)).toEqual(before);
      });
    }
  });
});
