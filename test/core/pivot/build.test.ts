import { describe, expect, it } from 'vitest';
import type { PivotResult } from '../../../core/pivot/types.js';
import { ok } from '../card/fixture.js';
import { d, salesFixture } from './fixture.js';

const labels = (keys: { label: string }[][]) => keys.map((k) => k.map((x) => x.label).join(' / '));
const keys = (keys: { key: unknown }[][]) => keys.map((k) => k.map((x) => x.key).join(' / '));
/** The first data field of each cell, as rows. */
const values = (r: PivotResult) => r.cells.map((line) => line.map((c) => c[0]));

describe('pivot.run: the classic shipments report', () => {
  it('sums quantity by product × month, with row, column and grand totals', async () => {
    const { ctx } = await salesFixture();
    const r = await ok<PivotResult>(ctx, 'pivot.run', { definition: { object: 'sales', rows: [{ field: 'product' }], columns: [{ field: 'date', by: 'month' }], data: [{ field: 'quantity', agg: 'sum' }] } });
    expect(labels(r.rowKeys)).toEqual(['Gadget', 'Gizmo', 'Widget']);
    expect(keys(r.columnKeys)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
    expect(labels(r.columnKeys)).toEqual(['December 2025', 'January 2026', 'February 2026', 'March 2026']);
    expect(values(r)).toEqual([
      [null, 2, null, null],
      [null, null, 2, 1],
      [10, 5, null, -2],
    ]);
    expect(r.rowTotals!.map((t) => t[0])).toEqual([2, 3, 13]);
    expect(r.columnTotals!.map((t) => t[0])).toEqual([10, 7, 2, -1]);
    expect(r.grandTotals).toEqual([18]);
    expect(r.rowFields).toEqual(['Product']);
    expect(r.columnFields).toEqual(['Date (month)']);
    expect(r.dataFields).toEqual([{ label: 'Sum of Quantity', agg: 'sum', show: 'value', numberFormat: '#,##0.##' }]);
    expect(r.records).toBe(7);
    expect(r.chart).toBe('bar');
  });

  it('sums money exactly, in minor units: three sales of 0.10 make 0.30', async () => {
    const { ctx } = await salesFixture();
    const r = await ok<PivotResult>(ctx, 'pivot.run', { definition: { object: 'sales', rows: [{ field: 'product' }], data: [{ field: 'amount', agg: 'sum' }] } });
    expect(values(r)).toEqual([[40], [0.3], [130.13]]);
    expect(r.grandTotals).toEqual([170.43]);
    expect(r.dataFields[0]).toEqual({ label: 'Sum of Amount', agg: 'sum', show: 'value', numberFormat: '#,##0.00', currency: 'USD' });
  });

  it('follows references: revenue by the company’s city, the blank city grouped under (blank) and last', async () => {
    const { ctx } = await salesFixture();
    const r = await ok<PivotResult>(ctx, 'pivot.run', { definition: { object: 'sales', rows: [{ field: 'company.city' }], data: [{ field: 'amount', agg: 'sum' }, { agg: 'count' }] } });
    expect(labels(r.rowKeys)).toEqual(['Lyon', 'Nantes', '(blank)']);
    expect(r.rowKeys[2]![0]).toEqual({ key: null, label: '(blank)', blank: true });
    expect(r.cells.map((l) => l[0])).toEqual([[120.08, 3], [50.05, 1], [0.3, 3]]);
    expect(r.rowFields).toEqual(['Company › City']);
  });

  it('reaches two levels through references: city × product category × quarter', async () => {
    const { ctx } = await salesFixture();
    const r = await ok<PivotResult>(ctx, 'pivot.run', {
      definition: { object: 'sales', rows: [{ field: 'company.city' }, { field: 'product.category' }], columns: [{ field: 'date', by: 'quarter' }], data: [{ field: 'quantity', agg: 'sum' }] },
    });
    expect(labels(r.rowKeys)).toEqual(['Lyon / Hardware', 'Nantes / Hardware', '(blank) / Supplies']);
    expect(keys(r.columnKeys)).toEqual(['2025-Q4', '2026-Q1']);
    expect(values(r)).toEqual([[10, 0], [null, 5], [null, 3]]);
  });

  it('groups dates by ISO week (the week of 2025-12-30 is 2026-W01), year and month of year', async () => {
    const { ctx } = await salesFixture();
    const run = (by: string) => ok<PivotResult>(ctx, 'pivot.run', { definition: { object: 'sales', rows: [{ field: 'date', by }], data: [{ agg: 'count' }] } });
    const week = await run('week');
    expect(keys(week.rowKeys)).toEqual(['2026-W01', '2026-W04', '2026-W06', '2026-W09', '2026-W11']);
    expect(values(week).map((v) => v[0])).toEqual([2, 1, 1, 2, 1]);
    expect(labels(week.rowKeys)[0]).toBe('Week 1, 2026');
    const year = await run('year');
    expect(keys(year.rowKeys)).toEqual(['2025', '2026']);
    expect(values(year).map((v) => v[0])).toEqual([1, 6]);
    const seasons = await run('monthOfYear');
    expect(labels(seasons.rowKeys)).toEqual(['January', 'February', 'March', 'December']);
    expect(week.chart).toBe('line');
  });

  it('counts distinct values, averages, and takes min and max (dates stay dates)', async () => {
    const { ctx } = await salesFixture();
    const r = await ok<PivotResult>(ctx, 'pivot.run', {
      definition: {
        object: 'sales',
        rows: [{ field: 'company' }],
        data: [{ field: 'product', agg: 'countDistinct' }, { field: 'amount', agg: 'average' }, { field: 'date', agg: 'min' }, { field: 'quantity', agg: 'max' }],
      },
    });
    expect(labels(r.rowKeys)).toEqual(['Acme', 'Bolt', 'Corvo']);
    expect(r.cells.map((l) => l[0]![0])).toEqual([2, 1, 1]);
    expect(r.cells[0]![0]![1]).toBeCloseTo(40.026666, 5);
    expect(r.cells.map((l) => l[0]![2])).toEqual([d(2025, 12, 30), d(2026, 1, 20), d(2026, 2, 3)]);
    expect(r.cells.map((l) => l[0]![3])).toEqual([10, 5, 1]);
    expect(r.grandTotals).toEqual([3, expect.closeTo(170.43 / 7, 6), d(2025, 12, 30), 10]);
    expect(r.dataFields.map((f) => [f.label, f.numberFormat])).toEqual([
      ['Distinct Product', '#,##0'],
      ['Average Amount', '#,##0.00'],
      ['Min Date', 'yyyy-mm-dd'],
      ['Max Quantity', '#,##0.##'],
    ]);
  });

  it('sorts by value, keeps the top N and sums the rest into Other (averages merged, not summed)', async () => {
    const { ctx } = await salesFixture();
    const r = await ok<PivotResult>(ctx, 'pivot.run', {
      definition: { object: 'sales', rows: [{ field: 'product', sort: 'value', order: 'desc', top: 1 }], data: [{ field: 'quantity', agg: 'sum' }, { field: 'quantity', agg: 'average' }] },
    });
    expect(labels(r.rowKeys)).toEqual(['Widget', 'Other']);
    expect(r.rowKeys[1]![0]).toEqual({ key: null, label: 'Other', other: true });
    expect(r.cells.map((l) => l[0])).toEqual([[13, 13 / 3], [5, 5 / 4]]);
  });

  it('shows values as a share of their row, their column, or the grand total', async () => {
    const { ctx } = await salesFixture();
    const def = (show: string) => ({ object: 'sales', rows: [{ field: 'product' }], columns: [{ field: 'date', by: 'year' }], data: [{ field: 'quantity', agg: 'sum', show }] });
    const row = await ok<PivotResult>(ctx, 'pivot.run', { definition: def('percentOfRow') });
    expect(values(row)).toEqual([[null, 1], [null, 1], [10 / 13, 3 / 13]]);
    expect(row.rowTotals!.map((t) => t[0])).toEqual([1, 1, 1]);
    const col = await ok<PivotResult>(ctx, 'pivot.run', { definition: def('percentOfColumn') });
    expect(values(col)).toEqual([[null, 2 / 8], [null, 3 / 8], [1, 3 / 8]]);
    const total = await ok<PivotResult>(ctx, 'pivot.run', { definition: def('percentOfTotal') });
    expect(values(total)).toEqual([[null, 2 / 18], [null, 3 / 18], [10 / 18, 3 / 18]]);
    expect(total.grandTotals).toEqual([1]);
    expect(total.dataFields[0]!.label).toBe('Sum of Quantity (% of total)');
    expect(total.dataFields[0]!.numberFormat).toBe('0.0%');
  });

  it('turns totals off on request', async () => {
    const { ctx } = await salesFixture();
    const r = await ok<PivotResult>(ctx, 'pivot.run', { definition: { object: 'sales', rows: [{ field: 'product' }], columns: [{ field: 'date', by: 'year' }], data: [{ agg: 'count' }], totals: { rows: false, columns: false } } });
    expect(r.rowTotals).toBeUndefined();
    expect(r.columnTotals).toBeUndefined();
    expect(r.grandTotals).toBeUndefined();
  });
});

describe('pivot.run: filters', () => {
  const run = async (filters: unknown[]) => {
    const { ctx } = await salesFixture();
    return ok<PivotResult>(ctx, 'pivot.run', { definition: { object: 'sales', rows: [{ field: 'product' }], data: [{ field: 'quantity', agg: 'sum' }], filters } });
  };

  it('equals and in, read as the field reads them (case and spaces aside)', async () => {
    const eq = await run([{ field: 'company', op: 'equals', value: '  acme ' }]);
    expect(labels(eq.rowKeys)).toEqual(['Gadget', 'Widget']);
    expect(eq.grandTotals).toEqual([10]);
    const inList = await run([{ field: 'company.city', op: 'in', values: ['Nantes', 'lyon'] }]);
    expect(inList.grandTotals).toEqual([15]);
    expect(inList.records).toBe(4);
  });

  it('between dates given as text in the workbook’s order, ends included, either end open', async () => {
    const january = await run([{ field: 'date', op: 'between', from: '2026-01-01', to: '01/31/2026' }]);
    expect(january.records).toBe(2);
    const since = await run([{ field: 'date', op: 'between', from: '2026-02-28', to: null }]);
    expect(since.records).toBe(3);
  });

  it('empty and not empty', async () => {
    expect((await run([{ field: 'company.city', op: 'empty' }])).records).toBe(3);
    expect((await run([{ field: 'company.city', op: 'notEmpty' }])).records).toBe(4);
  });

  it('relative ranges at the workbook’s clock (2026-03-15): this month, last month, this quarter, this year, year to date, the last N days and months', async () => {
    const count = async (range: string, n?: number) => (await run([{ field: 'date', op: 'relative', range, ...(n ? { n } : {}) }])).records;
    expect(await count('thisMonth')).toBe(2);
    expect(await count('lastMonth')).toBe(2);
    expect(await count('thisQuarter')).toBe(6);
    expect(await count('lastQuarter')).toBe(1);
    expect(await count('thisYear')).toBe(6);
    expect(await count('lastYear')).toBe(1);
    expect(await count('yearToDate')).toBe(6);
    expect(await count('lastDays', 16)).toBe(3);
    expect(await count('lastMonths', 2)).toBe(4);
  });

  it('says in the caption what was built, from which filters, and when', async () => {
    const r = await run([{ field: 'date', op: 'relative', range: 'thisYear' }, { field: 'company.city', op: 'equals', value: 'Lyon' }]);
    expect(r.caption).toBe('Sum of Quantity — Product — Sales — filters: Date: this year; Company › City = Lyon — 2 records — built 2026-03-15 14:30');
  });
});

describe('pivot.run: what cannot be summed is reported, never counted as 0', () => {
  it('reports text in a number column with its sheet and cell, and leaves it out', async () => {
    const { wb, ctx } = await salesFixture();
    const sheet = wb.sheet('Sales')!;
    const quantity = sheet.cells[0]!.indexOf('Quantity');
    sheet.cells[3]![quantity] = 'five';
    const r = await ok<PivotResult>(ctx, 'pivot.run', { definition: { object: 'sales', rows: [{ field: 'product' }], data: [{ field: 'quantity', agg: 'sum' }] } });
    expect(r.skipped).toEqual([{ sheet: 'Sales', cell: `${String.fromCharCode(65 + quantity)}4`, value: 'five' }]);
    expect(r.skippedCount).toBe(1);
    expect(r.grandTotals).toEqual([13]);
  });

  it('reports a date column holding text when it is grouped by month', async () => {
    const { wb, ctx } = await salesFixture();
    const sheet = wb.sheet('Sales')!;
    const date = sheet.cells[0]!.indexOf('Date');
    sheet.cells[2]![date] = 'soon';
    const r = await ok<PivotResult>(ctx, 'pivot.run', { definition: { object: 'sales', rows: [{ field: 'date', by: 'month' }], data: [{ agg: 'count' }] } });
    expect(r.skipped).toEqual([{ sheet: 'Sales', cell: `${String.fromCharCode(65 + date)}3`, value: 'soon' }]);
    expect(r.records).toBe(6);
  });
});

describe('pivot.run: in French and Russian', () => {
  it('names groups, totals and fields in the workbook’s language and finds fields by their labels', async () => {
    const { ctx } = await salesFixture('fr');
    const r = await ok<PivotResult>(ctx, 'pivot.run', { definition: { object: 'Ventes', rows: [{ field: 'Produit' }], columns: [{ field: 'Date', by: 'quarter' }], data: [{ field: 'Quantité', agg: 'sum' }] } });
    expect(labels(r.columnKeys)).toEqual(['T4 2025', 'T1 2026']);
    expect(r.dataFields[0]!.label).toBe('Somme de Quantité');
    expect(r.columnFields).toEqual(['Date (trimestre)']);
    const ru = await salesFixture('ru');
    const q = await ok<PivotResult>(ru.ctx, 'pivot.run', { definition: { object: 'Продажи', rows: [{ field: 'Компания.Город' }], data: [{ field: 'Сумма', agg: 'sum' }] } });
    expect(labels(q.rowKeys)).toEqual(['Lyon', 'Nantes', '(пусто)']);
    expect(q.dataFields[0]).toMatchObject({ label: 'Сумма: Сумма', currency: 'RUB' });
  });
});
