import { describe, expect, it } from 'vitest';
import type { PivotBuild } from '../../../core/app/pivot-commands.js';
import { ok, refused, rows, snapshot } from '../card/fixture.js';
import { salesFixture } from './fixture.js';

describe('pivot.build with a native pivot table', () => {
  it('over the directory’s own sheet, dates grouped by the host, when the host groups dates and nothing needs Carnet', async () => {
    const { wb, ctx } = await salesFixture();
    const out = await ok<PivotBuild>(ctx, 'pivot.build', { report: 'Shipments by product', native: true });
    expect(out.native).toEqual({ sheet: 'Shipments by product pivot', live: true, notes: [] });
    const header = wb.sheet('Sales')!.cells[0]!;
    const col = (h: string) => header.indexOf(h);
    expect(wb.sheet('Shipments by product pivot')!.pivots).toEqual([
      {
        name: 'Carnet Shipments by product',
        source: { sheet: 'Sales', range: { top: 0, left: 0, bottom: 7, right: header.length - 1 } },
        target: { sheet: 'Shipments by product pivot', row: 2, column: 0 },
        rows: [{ column: col('Product') }],
        columns: [{ column: col('Date'), by: 'month' }],
        values: [{ column: col('Quantity'), agg: 'sum', label: 'Sum of Quantity' }],
      },
    ]);
    expect(rows(wb, 'Shipments by product pivot')).toEqual([['Native pivot table of “Shipments by product”, built 2026-03-15 14:30.']]);
    expect(wb.sheet('Shipments by product')!.cells[0]![0]).toMatch(/^Shipments by product — Sales/);
  });

  it('over a hidden snapshot of the filtered records when the report follows references or filters, and says what it cannot show', async () => {
    const { wb, ctx } = await salesFixture();
    const out = await ok<PivotBuild>(ctx, 'pivot.build', {
      definition: {
        object: 'sales',
        rows: [{ field: 'company.city', sort: 'value', order: 'desc' }],
        columns: [{ field: 'date', by: 'week' }],
        data: [{ field: 'amount', agg: 'sum' }, { field: 'amount', agg: 'sum', show: 'percentOfTotal' }, { agg: 'count' }],
        filters: [{ field: 'date', op: 'relative', range: 'thisYear' }],
      },
      sheet: 'City weeks',
      native: true,
    });
    expect(out.native).toEqual({ sheet: 'City weeks pivot', dataSheet: 'City weeks pivot data', live: false, notes: ['sorting by value', 'values shown as a share'] });
    expect(wb.sheet('City weeks pivot data')!.visibility).toBe('hidden');
    expect(rows(wb, 'City weeks pivot data')).toEqual([
      ['Company › City', 'Date (week)', 'Amount', 'ID'],
      ['Lyon', '2026-W01', 40, 'SA-000002'],
      ['Nantes', '2026-W04', 50.05, 'SA-000003'],
      [null, '2026-W06', 0.1, 'SA-000004'],
      [null, '2026-W09', 0.1, 'SA-000005'],
      [null, '2026-W09', 0.1, 'SA-000006'],
      ['Lyon', '2026-W11', -20.02, 'SA-000007'],
    ]);
    expect(wb.sheet('City weeks pivot')!.pivots![0]).toMatchObject({
      source: { sheet: 'City weeks pivot data', range: { top: 0, left: 0, bottom: 6, right: 3 } },
      rows: [{ column: 0 }],
      columns: [{ column: 1 }],
      values: [
        { column: 2, agg: 'sum', label: 'Sum of Amount' },
        { column: 3, agg: 'count', label: 'Count' },
      ],
    });
  });

  it('on a host that cannot group dates, always over the snapshot, with period keys for the dates', async () => {
    const { wb, ctx } = await salesFixture();
    Object.assign(wb.capabilities, { pivotTables: 'plain' });
    const out = await ok<PivotBuild>(ctx, 'pivot.build', { report: 'Shipments by product', native: true });
    expect(out.native!.live).toBe(false);
    expect(rows(wb, 'Shipments by product pivot data')[0]).toEqual(['Product', 'Date (month)', 'Quantity']);
    expect(rows(wb, 'Shipments by product pivot data')[1]).toEqual(['Widget', '2025-12', 10]);
    expect(await refused(ctx, 'pivot.build', { definition: { object: 'sales', rows: [{ field: 'company' }], data: [{ field: 'product', agg: 'countDistinct' }] }, native: true })).toEqual({
      code: 'E_BAD_INPUT',
      field: 'native',
      message: 'Excel pivot tables cannot count distinct values: use Carnet’s report, or count instead.',
    });
  });

  it('is refused where the host has none, and for an ABC analysis, before anything is written', async () => {
    const { wb, ctx } = await salesFixture();
    const before = snapshot(wb);
    expect(await refused(ctx, 'pivot.build', { report: 'ABC analysis of customers', native: true })).toEqual({
      code: 'E_BAD_INPUT',
      field: 'native',
      message: 'An ABC analysis is Carnet’s own calculation: it has no native pivot table.',
    });
    Object.assign(wb.capabilities, { pivotTables: 'none' });
    expect(await refused(ctx, 'pivot.build', { report: 'Shipments by product', native: true })).toEqual({
      code: 'E_BAD_INPUT',
      field: 'native',
      message: 'Native pivot tables are made by Google Sheets and Excel; in a local .xlsx file the report sheet Carnet built is the table.',
    });
    expect(snapshot(wb)).toBe(before);
  });
});
