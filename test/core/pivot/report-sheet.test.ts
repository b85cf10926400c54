import { describe, expect, it } from 'vitest';
import type { PivotBuild } from '../../../core/app/pivot-commands.js';
import { createRecords } from '../../../core/records/create.js';
import { Crm } from '../../../core/records/crm.js';
import { ok, refused, rows } from '../card/fixture.js';
import { NOW, TODAY, USER, d, salesFixture } from './fixture.js';

describe('pivot.build: the report sheet', () => {
  it('writes the caption, header, body and totals, bold header and totals, number formats, frozen header and a chart', async () => {
    const { wb, ctx } = await salesFixture();
    const out = await ok<PivotBuild>(ctx, 'pivot.build', { report: 'Shipments by product' });
    expect(out.sheet).toBe('Shipments by product');
    const s = wb.sheet('Shipments by product')!;
    expect(s.cells[0]![0]).toBe('Shipments by product — Sales — all records — 7 records — built 2026-03-15 14:30');
    expect(s.cells.slice(2)).toEqual([
      ['Date (month)', 'December 2025', 'January 2026', 'February 2026', 'March 2026', 'Total'],
      ['Product', 'Sum of Quantity', 'Sum of Quantity', 'Sum of Quantity', 'Sum of Quantity', 'Sum of Quantity'],
      ['Gadget', null, 2, null, null, 2],
      ['Gizmo', null, null, 2, 1, 3],
      ['Widget', 10, 5, null, -2, 13],
      ['Total', 10, 7, 2, -1, 18],
    ]);
    expect(s.format).toMatchObject({
      frozenRows: 4,
      frozenColumns: 1,
      bold: [
        { top: 0, left: 0, bottom: 0, right: 0 },
        { top: 2, left: 0, bottom: 3, right: 5 },
        { top: 7, left: 0, bottom: 7, right: 5 },
        { top: 4, left: 5, bottom: 7, right: 5 },
      ],
    });
    expect(s.format!.numberFormats).toContainEqual({ range: { top: 4, left: 1, bottom: 7, right: 1 }, format: '#,##0.##' });
    expect(s.charts).toEqual([
      {
        name: 'carnet-report-shipments-by-product',
        kind: 'bar',
        title: 'Shipments by product',
        anchor: { row: 2, column: 7, width: 640, height: 360 },
        categories: { top: 4, left: 0, bottom: 6, right: 0 },
        series: [1, 2, 3, 4].map((c, i) => ({ name: ['December 2025', 'January 2026', 'February 2026', 'March 2026'][i], values: { top: 4, left: c, bottom: 6, right: c } })),
      },
    ]);
    expect(out.result.grandTotals).toEqual([18]);
  });

  it('built again, replaces that report’s sheet and nothing else', async () => {
    const { wb, ctx } = await salesFixture();
    await ok(ctx, 'pivot.build', { report: 'Revenue by city' });
    const others = () => JSON.stringify(wb.sheetList.filter((s) => s.name !== 'Revenue by city' && s.name !== 'Sales' && s.name !== '_carnet'));
    const before = others();
    const crm = await Crm.open(wb);
    await createRecords(crm, 'sales', [{ date: d(2026, 3, 14), company: 'Bolt', product: 'Gadget', quantity: 1, amount: 20 }], { today: TODAY, now: NOW, user: USER.id });
    await ok(ctx, 'pivot.build', { report: 'Revenue by city' });
    expect(rows(wb, 'Revenue by city').slice(1)).toEqual([
      ['Company › City', 'Sum of Amount', 'Sum of Amount (% of total)'],
      ['Lyon', 120.08, 120.08 / 190.43],
      ['Nantes', 70.05, 70.05 / 190.43],
      ['(blank)', 0.3, 0.3 / 190.43],
      ['Total', 190.43, 1],
    ]);
    expect(others()).toBe(before);
    expect(wb.sheetList.filter((s) => s.name === 'Revenue by city')).toHaveLength(1);
  });

  it('never overwrites a team’s sheet that has the report’s name, a directory’s sheet or Carnet’s settings', async () => {
    const { wb, ctx } = await salesFixture();
    await wb.ensureSheet('Revenue by city');
    await wb.write('Revenue by city', 0, 0, [['Our own numbers', 42]]);
    expect(await refused(ctx, 'pivot.build', { report: 'Revenue by city' })).toEqual({
      code: 'E_SHEET_TAKEN',
      sheet: 'Revenue by city',
      message:
        'A sheet named "Revenue by city" already exists and Carnet did not make it, so the report is not built there: it would overwrite your team\'s sheet. Rename that sheet, or build the report into another sheet.',
    });
    expect(rows(wb, 'Revenue by city')).toEqual([['Our own numbers', 42]]);
    expect(await refused(ctx, 'pivot.build', { report: 'Revenue by city', sheet: 'Sales' })).toEqual({
      code: 'E_SHEET_TAKEN',
      sheet: 'Sales',
      message: '"Sales" is the sheet of the directory Sales; a report is never built into it. Choose another sheet name for the report.',
    });
    expect(await refused(ctx, 'pivot.build', { report: 'Revenue by city', sheet: 'City: all?' })).toEqual({
      code: 'E_BAD_INPUT',
      field: 'sheet',
      value: 'City: all?',
      message: '"City: all?" cannot be a sheet name: at most 31 characters, not empty, without [ ] : * ? / \\ and not starting or ending with an apostrophe.',
    });
    const out = await ok<PivotBuild>(ctx, 'pivot.build', { report: 'Revenue by city', sheet: 'Cities report' });
    expect(out.sheet).toBe('Cities report');
    // The sheet it was built into is remembered: the next build goes there.
    const again = await ok<PivotBuild>(ctx, 'pivot.build', { report: 'Revenue by city' });
    expect(again.sheet).toBe('Cities report');
  });

  it('costs the same port calls for 10 sales and for 10,000', async () => {
    const calls = async (n: number) => {
      const sales = Array.from({ length: n }, (_, i) => ({ date: d(2026, 1 + (i % 12), 1 + (i % 28)), company: ['Acme', 'Bolt', 'Corvo'][i % 3]!, product: ['Widget', 'Gadget', 'Gizmo'][i % 3]!, quantity: 1 + (i % 5), amount: 10 }));
      const { wb, ctx } = await salesFixture('en', sales);
      await ok(ctx, 'pivot.build', { report: 'Shipments by product' });
      const first = { ...wb.calls };
      wb.resetCalls();
      await ok(ctx, 'pivot.build', { definition: { object: 'sales', rows: [{ field: 'company.city' }, { field: 'product.category' }], columns: [{ field: 'date', by: 'quarter' }], data: [{ field: 'amount', agg: 'sum' }] }, sheet: 'Three levels' });
      return { first, second: { ...wb.calls } };
    };
    const small = await calls(10);
    const big = await calls(10_000);
    expect(big).toEqual(small);
    // _carnet, then Sales; the sheets' names; the new sheet; the table, then _carnet (the sheet is now Carnet's); formats; chart.
    expect(small.first).toEqual({ user: 1, read: 2, sheets: 1, ensureSheet: 1, write: 2, formatSheet: 1, charts: 1 });
    // Through references: Companies and Products are read once each (a city is its name, held by the company).
    expect(small.second).toEqual({ user: 1, read: 4, sheets: 1, ensureSheet: 1, write: 2, formatSheet: 1, charts: 1 });
  });
});
