/**
 * A native pivot table in the Google host, over the fake: the pivot table Sheets is asked for
 * (source, anchor, groups with their date-time grouping rules, values with their summarize
 * functions and names) and what it shows; replacing Carnet's pivot table and only Carnet's;
 * emptying the sheet; and what the adapter refuses before any call.
 */

import { describe, expect, it } from 'vitest';
import { serialFromParts } from '../../core/dates.js';
import type { NativeDateGroup, NativePivotSpec } from '../../core/workbook.js';
import { PIVOTS_KEY } from '../../gas-addon/pivot-table.js';
import { AppsScriptWorkbook } from '../../gas-addon/sheets-workbook.js';
import { DATE_TIME_RULE, FakeAppsScript, pivotView, SUMMARIZE_FUNCTION } from './fake-spreadsheet-app.js';

const day = (m: number, d: number) => serialFromParts(2026, m, d);

/**
 * Shipments, with a team's own Notes column in A: Carnet's directory is B1:E7 (ID, Product, Date,
 * Quantity), so that a column's index within the range and its number in the sheet differ.
 */
const SHIPMENTS = [
  ['Notes', 'ID', 'Product', 'Date', 'Quantity'],
  ['urgent', 'SH-1', 'Chair', day(3, 2), 3],
  [null, 'SH-2', 'Chair', day(3, 20), 5],
  [null, 'SH-3', 'Desk', day(3, 9), 1],
  [null, 'SH-4', 'Chair', day(4, 5), 2],
  ['call back', 'SH-5', 'Desk', day(4, 28), 4],
  [null, 'SH-6', 'Lamp', day(7, 1), 6],
];

/** Shipments by product per month: rows Product, columns Date by month, the sum of Quantity. */
const byMonth = (over: Partial<NativePivotSpec> = {}): NativePivotSpec => ({
  name: 'Carnet Shipments',
  source: { sheet: 'Shipments', range: { top: 0, left: 1, bottom: 6, right: 4 } },
  target: { sheet: 'Shipments pivot', row: 2, column: 0 },
  rows: [{ column: 1 }],
  columns: [{ column: 2, by: 'month' }],
  values: [{ column: 3, agg: 'sum', label: 'Quantity shipped' }],
  ...over,
});

async function setup() {
  const fake = new FakeAppsScript({ sheets: ['Team'] });
  const wb = new AppsScriptWorkbook(fake.services);
  await wb.ensureSheet('Shipments');
  await wb.write('Shipments', 0, 0, SHIPMENTS);
  await wb.ensureSheet('Shipments pivot');
  // Core writes a caption above the pivot table.
  await wb.write('Shipments pivot', 0, 0, [['Native pivot table of “Shipments”']]);
  const sheet = (name: string) => fake.spreadsheet.sheet(name);
  return { fake, wb, target: sheet('Shipments pivot'), shipments: sheet('Shipments'), team: sheet('Team') };
}

/** A fresh adapter, as the next server call. */
const next = (fake: FakeAppsScript) => new AppsScriptWorkbook(fake.services);

describe('A native pivot table in Sheets', () => {
  it('is a pivot table over the source range, anchored at the target cell, its columns counted from column A of the sheet', async () => {
    const { wb, target } = await setup();
    await wb.pivotTable(byMonth());
    expect(target.pivots.map((p) => p.describe())).toEqual([
      {
        anchor: 'Shipments pivot!A3',
        source: 'Shipments!B1:E7',
        // Product is column 1 of the range and column C (3) of the sheet; Date D (4); Quantity E (5).
        rows: [{ column: 3 }],
        columns: [{ column: 4, rule: DATE_TIME_RULE.YEAR_MONTH }],
        values: [{ column: 5, summarize: SUMMARIZE_FUNCTION.SUM, name: 'Quantity shipped' }],
      },
    ]);
    expect(pivotView(target.pivots[0]!)).toEqual({
      Chair: { '2026-Mar': [8], '2026-Apr': [2] },
      Desk: { '2026-Mar': [1], '2026-Apr': [4] },
      Lamp: { '2026-Jul': [6] },
    });
    expect(target.metadata.map((m) => [m.key, JSON.parse(m.value!)])).toEqual([[PIVOTS_KEY, ['A3']]]);
  });

  it.each<[NativeDateGroup, GoogleAppsScript.Spreadsheet.DateTimeGroupingRuleType, string[]]>([
    ['day', DATE_TIME_RULE.YEAR_MONTH_DAY, ['2026-03-02', '2026-03-20', '2026-04-05']],
    ['month', DATE_TIME_RULE.YEAR_MONTH, ['2026-Mar', '2026-Apr']],
    ['quarter', DATE_TIME_RULE.YEAR_QUARTER, ['2026 Q1', '2026 Q2']],
    ['year', DATE_TIME_RULE.YEAR, ['2026']],
    ['monthOfYear', DATE_TIME_RULE.MONTH, ['Mar', 'Apr']],
  ])('groups dates by %s with the rule type that buckets them so', async (by, rule, chairColumns) => {
    const { wb, target } = await setup();
    await wb.pivotTable(byMonth({ columns: [{ column: 2, by }] }));
    expect(target.pivots[0]!.describe().columns).toEqual([{ column: 4, rule }]);
    expect(Object.keys(pivotView(target.pivots[0]!).Chair!)).toEqual(chairColumns);
  });

  it("summarizes with Sheets' functions: a count counts non-empty cells, a distinct count unique ones", async () => {
    const { wb, target } = await setup();
    const aggs = ['sum', 'count', 'countDistinct', 'average', 'min', 'max'] as const;
    await wb.pivotTable(byMonth({ columns: [], values: aggs.map((agg) => ({ column: agg === 'count' ? 0 : agg === 'countDistinct' ? 2 : 3, agg, label: agg })) }));
    expect(target.pivots[0]!.describe().values).toEqual([
      { column: 5, summarize: SUMMARIZE_FUNCTION.SUM, name: 'sum' },
      { column: 2, summarize: SUMMARIZE_FUNCTION.COUNTA, name: 'count' },
      { column: 4, summarize: SUMMARIZE_FUNCTION.COUNTUNIQUE, name: 'countDistinct' },
      { column: 5, summarize: SUMMARIZE_FUNCTION.AVERAGE, name: 'average' },
      { column: 5, summarize: SUMMARIZE_FUNCTION.MIN, name: 'min' },
      { column: 5, summarize: SUMMARIZE_FUNCTION.MAX, name: 'max' },
    ]);
    expect(pivotView(target.pivots[0]!).Chair).toEqual({ '': [10, 3, 3, 10 / 3, 2, 5] });
  });

  it('may group one column twice when only one of its groups has a grouping rule', async () => {
    const { wb, target } = await setup();
    await wb.pivotTable(byMonth({ rows: [{ column: 2, by: 'year' }, { column: 2 }], columns: [] }));
    expect(target.pivots[0]!.describe().rows).toEqual([{ column: 4, rule: DATE_TIME_RULE.YEAR }, { column: 4 }]);
  });

  describe('placed again', () => {
    it("replaces Carnet's pivot table only: a team's, on that sheet or another, stays, and so does every cell", async () => {
      const { fake, wb, target, shipments, team } = await setup();
      await wb.pivotTable(byMonth());
      // A person's pivot tables, made in the browser (the calls a script would make): one on the
      // Team sheet, one beside Carnet's on its sheet.
      const data = shipments.getRange(1, 2, 7, 4);
      const theirs = team.getRange(1, 1, 1, 1).createPivotTable(data);
      theirs.addRowGroup(3);
      const beside = target.getRange(1, 8, 1, 1).createPivotTable(data);
      const before = { shipments: await next(fake).read('Shipments'), caption: await next(fake).read('Shipments pivot') };

      await next(fake).pivotTable(byMonth({ name: 'Carnet Shipments', columns: [{ column: 2, by: 'quarter' }], values: [{ column: 0, agg: 'count', label: 'Shipments' }] }));
      expect(target.pivots.map((p) => p.describe())).toEqual([
        beside.describe(),
        {
          anchor: 'Shipments pivot!A3',
          source: 'Shipments!B1:E7',
          rows: [{ column: 3 }],
          columns: [{ column: 4, rule: DATE_TIME_RULE.YEAR_QUARTER }],
          values: [{ column: 2, summarize: SUMMARIZE_FUNCTION.COUNTA, name: 'Shipments' }],
        },
      ]);
      expect(team.pivots).toEqual([theirs]);
      expect({ shipments: await next(fake).read('Shipments'), caption: await next(fake).read('Shipments pivot') }).toEqual(before);

      // Placed at another cell, it still replaces the one Carnet anchored at A3.
      await next(fake).pivotTable(byMonth({ target: { sheet: 'Shipments pivot', row: 4, column: 1 } }));
      expect(target.pivots.map((p) => p.describe().anchor)).toEqual(['Shipments pivot!H1', 'Shipments pivot!B5']);
      expect(target.metadata.map((m) => [m.key, JSON.parse(m.value!)])).toEqual([[PIVOTS_KEY, ['B5']]]);
    });

    it('replaces a pivot table anchored at the target cell, which Sheets could not keep beside the new one', async () => {
      const { fake, target, shipments } = await setup();
      target.getRange(3, 1, 1, 1).createPivotTable(shipments.getRange(1, 2, 7, 4));
      await next(fake).pivotTable(byMonth());
      expect(target.pivots.map((p) => p.describe().values)).toEqual([[{ column: 5, summarize: SUMMARIZE_FUNCTION.SUM, name: 'Quantity shipped' }]]);
    });
  });

  it("goes, with every other pivot table on the sheet and Carnet's registry, when the sheet is emptied; a team's elsewhere stays", async () => {
    const { fake, wb, target, shipments, team } = await setup();
    await wb.pivotTable(byMonth());
    target.getRange(1, 8, 1, 1).createPivotTable(shipments.getRange(1, 2, 7, 4));
    const theirs = team.getRange(1, 1, 1, 1).createPivotTable(shipments.getRange(1, 2, 7, 4));
    await next(fake).clearSheet('Shipments pivot');
    expect({ pivots: target.pivots, metadata: target.metadata, team: team.pivots }).toEqual({ pivots: [], metadata: [], team: [theirs] });
    await next(fake).pivotTable(byMonth());
    expect(target.pivots).toHaveLength(1);
  });

  describe('refuses, before any call, what Sheets cannot be given', () => {
    const refusals: [string, Partial<NativePivotSpec>, RegExp][] = [
      [
        'two date groupings of one source column',
        { rows: [{ column: 2, by: 'month' }], columns: [{ column: 2, by: 'year' }] },
        /column 2 is grouped by date twice: only one PivotGroup with a group rule may be added for each column in the source data/,
      ],
      ['a grouping Sheets has not (ISO weeks are Carnet’s)', { columns: [{ column: 2, by: 'isoWeek' as NativeDateGroup }] }, /Sheets has no date grouping "isoWeek"/],
      ['a column outside the source range', { values: [{ column: 4, agg: 'sum', label: 'Beyond' }] }, /column 4 is not in the source range, 4 columns wide/],
      ['a summary Sheets has not', { values: [{ column: 3, agg: 'median' as 'sum', label: 'Median' }] }, /Sheets has no summary "median"/],
    ];
    for (const [what, over, message] of refusals) {
      it(what, async () => {
        const { fake, target } = await setup();
        fake.calls.reset();
        await expect(next(fake).pivotTable(byMonth(over))).rejects.toThrow(message);
        expect({ calls: fake.calls.total(), pivots: target.pivots }).toEqual({ calls: 0, pivots: [] });
      });
    }
  });
});
