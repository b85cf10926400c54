import { describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import type { PivotBuild } from '../../../core/app/pivot-commands.js';
import { buildDemo } from '../../../core/demo/build.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';
import type { PivotResult } from '../../../core/pivot/types.js';
import { LANGS } from '../../../core/schema/types.js';
import { ok, refused, rows } from '../card/fixture.js';
import { NOW, TODAY, USER, salesFixture } from './fixture.js';

describe('saved reports', () => {
  it('lists the built-ins in the workbook’s language, each buildable on the default CRM', async () => {
    const { ctx } = await salesFixture('fr');
    const list = await ok<{ name: string; builtIn?: string; available: boolean }[]>(ctx, 'report.list', {});
    expect(list.map((r) => [r.name, r.builtIn, r.available])).toEqual([
      ['Expéditions par produit', 'shipments-by-product', true],
      ['CA par commercial et par mois', 'revenue-by-manager', true],
      ['CA par ville', 'revenue-by-city', true],
      ['CA par secteur', 'revenue-by-industry', true],
      ['Ventes de l’année par mois', 'sales-this-year', true],
      ['Analyse ABC des clients', 'abc-customers', true],
    ]);
  });

  it('saves, shows, builds and deletes a report of one’s own; a built-in edited under its name shadows the shipped one until deleted', async () => {
    const { wb, ctx } = await salesFixture();
    const definition = { object: 'sales', rows: [{ field: 'owner' }], data: [{ agg: 'count' }] };
    const saved = await ok(ctx, 'report.save', { name: '  Sales per person ', definition });
    expect(saved).toEqual({ name: 'Sales per person', definition: { ...definition, columns: [], data: [{ agg: 'count', field: '' }] } });
    expect(await ok(ctx, 'report.show', { name: 'sales PER person' })).toEqual(saved);
    const built = await ok<PivotBuild>(ctx, 'pivot.build', { report: 'Sales per person' });
    expect(built.sheet).toBe('Sales per person');
    expect(rows(wb, 'Sales per person').slice(2)).toEqual([
      ['anna@example.com', 4],
      ['boris@example.com', 3],
      ['Total', 7],
    ]);
    // Edit the built-in: shipments by quarter.
    const shipments = await ok(ctx, 'report.show', { name: 'Shipments by product' });
    await ok(ctx, 'report.save', { name: 'Shipments by product', definition: { ...shipments.definition, columns: [{ field: 'date', by: 'quarter' }] } });
    const edited = await ok<PivotResult>(ctx, 'pivot.run', { report: 'Shipments by product' });
    expect(edited.columnKeys.map((k) => k[0]!.key)).toEqual(['2025-Q4', '2026-Q1']);
    const list = await ok<{ name: string; builtIn?: string; lastSheet?: string }[]>(ctx, 'report.list', {});
    expect(list.map((r) => r.name)).toEqual(['Shipments by product', 'Revenue by manager per month', 'Revenue by city', 'Revenue by industry', 'Sales this year by month', 'ABC analysis of customers', 'Sales per person']);
    expect(list.find((r) => r.name === 'Sales per person')!.lastSheet).toBe('Sales per person');
    const deleted = await ok(ctx, 'report.delete', { name: 'Shipments by product' });
    expect(deleted.restored.definition.columns).toEqual([{ field: 'date', by: 'month' }]);
    expect(await refused(ctx, 'report.delete', { name: 'Shipments by product' })).toEqual({
      code: 'E_BAD_INPUT',
      value: 'Shipments by product',
      message: '"Shipments by product" is one of Carnet\'s built-in reports and cannot be deleted; edit it and save it under its name to change it.',
    });
    await ok(ctx, 'report.delete', { name: 'Sales per person' });
    // The sheet stays: it is the team's record of what the report said.
    expect(wb.sheet('Sales per person')).toBeDefined();
    expect(await refused(ctx, 'report.show', { name: 'Sales per person' })).toMatchObject({ code: 'E_NOT_FOUND' });
  });

  it('refuses to save a definition that cannot be built, naming the field', async () => {
    const { ctx } = await salesFixture();
    expect(await refused(ctx, 'report.save', { name: 'Bad', definition: { object: 'sales', rows: [{ field: 'product', by: 'month' }], data: [{ agg: 'count' }] } })).toEqual({
      code: 'E_BAD_INPUT',
      directory: 'sales',
      field: 'product',
      value: 'month',
      message: 'Sales › Product is reference, not a date, so it cannot be grouped by month.',
    });
    expect((await ok<unknown[]>(ctx, 'report.list', {})).length).toBe(6);
  });

  it('works on a directory an admin made: Books by genre, counting titles', async () => {
    const { wb, ctx } = await salesFixture();
    await ok(ctx, 'directory.create', {
      label: 'Books',
      fields: [
        { label: 'Title', type: 'text', unique: true },
        { label: 'Genre', type: 'choice', choices: ['Novel', 'Poetry', 'Essay'] },
        { label: 'Price', type: 'money' },
        { label: 'Published', type: 'date' },
      ],
    });
    const books = [
      ['Dune', 'Novel', 9.9, '1965-08-01'],
      ['Ariel', 'Poetry', 12.5, '1965-03-01'],
      ['Walden', 'Essay', 7.1, '1954-08-09'],
      ['Emma', 'Novel', 6.2, '1915-12-23'],
      ['Untitled', null, 3, null],
    ] as const;
    for (const [title, genre, price, published] of books) await ok(ctx, 'record.create', { directory: 'books', values: { title, genre, price, published } });
    await ok(ctx, 'report.save', { name: 'Books by genre', definition: { object: 'Books', rows: [{ field: 'Genre' }], data: [{ field: 'Title', agg: 'count' }, { field: 'Price', agg: 'average' }] } });
    const out = await ok<PivotBuild>(ctx, 'pivot.build', { report: 'Books by genre' });
    expect(rows(wb, 'Books by genre').slice(1)).toEqual([
      ['Genre', 'Count', 'Average Price'],
      ['Essay', 1, 7.1],
      ['Novel', 2, 8.05],
      ['Poetry', 1, 12.5],
      ['(blank)', 1, 3],
      ['Total', 5, 7.74],
    ]);
    expect(out.result.dataFields.map((f) => f.numberFormat)).toEqual(['#,##0', '#,##0.00']);
    const century = await ok<PivotResult>(ctx, 'pivot.run', { definition: { object: 'books', rows: [{ field: 'published', by: 'year' }], data: [{ agg: 'count' }], filters: [{ field: 'published', op: 'between', from: '1900-01-01', to: '1960-12-31' }] } });
    expect(century.rowKeys.map((k) => k[0]!.key)).toEqual(['1915', '1954']);
  });
});

describe('the ABC analysis of customers', () => {
  it('ranks customers by revenue into classes with their number, share and revenue', async () => {
    const { ctx } = await salesFixture();
    const r = await ok<PivotResult>(ctx, 'pivot.run', { report: 'ABC analysis of customers' });
    expect(r.rowKeys.map((k) => k[0]!.label)).toEqual(['A', 'B', 'C']);
    expect(r.dataFields.map((f) => f.label)).toEqual(['Customers', '% of customers', 'Sum of Amount', '% of revenue']);
    // Acme 120.08 (70 %) and Bolt 50.05: Bolt starts at 70 %, under A's 80 %, so it is A too.
    expect(r.cells).toEqual([[[2, 2 / 3, 170.13, 170.13 / 170.43]], [[0, 0, 0, 0]], [[1, 1 / 3, 0.3, 0.3 / 170.43]]]);
    expect(r.grandTotals).toEqual([3, 1, 170.43, 1]);
    expect(r.abc!.customers.map((c) => [c.label, c.revenue, c.class])).toEqual([
      ['Acme', 120.08, 'A'],
      ['Bolt', 50.05, 'A'],
      ['Corvo', 0.3, 'C'],
    ]);
  });

  it('takes edited thresholds, and refuses thresholds that leave nothing for C', async () => {
    const { ctx } = await salesFixture();
    const shown = await ok(ctx, 'report.show', { name: 'ABC analysis of customers' });
    const r = await ok<PivotResult>(ctx, 'pivot.run', { definition: { ...shown.definition, abc: { a: 0.5, b: 0.4 } } });
    expect(r.abc!.customers.map((c) => c.class)).toEqual(['A', 'B', 'C']);
    expect(await refused(ctx, 'pivot.run', { definition: { ...shown.definition, abc: { a: 0.8, b: 0.2 } } })).toEqual({
      code: 'E_BAD_INPUT',
      field: 'abc',
      value: { a: 0.8, b: 0.2 },
      message: 'ABC thresholds must be shares between 0 and 1 with A + B under 1 (C takes the rest), e.g. A 0.8 and B 0.15; got A 0.8 and B 0.2.',
    });
  });

  it('writes the class back to a company field on request, to be used as a segment', async () => {
    const { wb, ctx } = await salesFixture();
    await ok(ctx, 'field.add', { directory: 'companies', field: { label: 'ABC class', type: 'choice', choices: ['A', 'B', 'C'] } });
    await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Dormant', abc_class: 'A' } });
    const shown = await ok(ctx, 'report.show', { name: 'ABC analysis of customers' });
    const out = await ok<PivotBuild>(ctx, 'pivot.build', { definition: { ...shown.definition, abc: { a: 0.5, b: 0.4 } }, report: 'ABC analysis of customers', writeClassTo: 'ABC class' });
    expect(out.result.abc!.written).toEqual({ directory: 'companies', field: 'abc_class', records: 4 });
    const companies = (await ok<{ records: { values: Record<string, unknown> }[] }>(ctx, 'record.list', { directory: 'companies' })).records;
    expect(companies.map((c) => [c.values.name, c.values.abc_class])).toEqual([
      ['Acme', 'A'],
      ['Bolt', 'B'],
      ['Corvo', 'C'],
      ['Dormant', null],
    ]);
    // The ranking is on the sheet under the classes.
    const sheet = rows(wb, 'ABC analysis of customers');
    expect(sheet.slice(-4)).toEqual([
      ['Company', 'Revenue', 'Share', 'Cumulative share', 'Class'],
      ['Acme', 120.08, 120.08 / 170.43, 120.08 / 170.43, 'A'],
      ['Bolt', 50.05, 50.05 / 170.43, expect.closeTo(170.13 / 170.43, 12), 'B'],
      ['Corvo', 0.3, 0.3 / 170.43, expect.closeTo(1, 12), 'C'],
    ].map((r) => [...r, ...new Array(Math.max(0, sheet[2]!.length - r.length)).fill(null)]));
    expect(await refused(ctx, 'pivot.build', { report: 'ABC analysis of customers', writeClassTo: 'Phone' })).toEqual({
      code: 'E_BAD_INPUT',
      directory: 'companies',
      field: 'phone',
      message: 'Companies › Phone is phone: the ABC class (A, B or C) goes in a text or choice field.',
    });
    expect(await refused(ctx, 'pivot.build', { report: 'Revenue by city', writeClassTo: 'ABC class' })).toEqual({
      code: 'E_BAD_INPUT',
      field: 'writeClassTo',
      value: 'ABC class',
      message: 'Only an ABC analysis has a class to write back to a field.',
    });
  });
});

describe('the built-in reports on the demo workbook', () => {
  for (const lang of LANGS) {
    it(`build in ${lang}, and their totals agree with the sales sheet`, async () => {
      const wb = new MemoryWorkbook(USER);
      await buildDemo(wb, { lang, companies: 25 }, { today: TODAY, now: NOW, user: USER.id });
      const ctx: Context = { wb, now: () => NOW };
      const list = await ok<{ name: string; builtIn: string }[]>(ctx, 'report.list', {});
      expect(list).toHaveLength(6);
      const sales = (await ok<{ records: { values: Record<string, number> }[] }>(ctx, 'record.list', { directory: 'sales' })).records;
      const cents = (x: number) => Math.round(x * 100);
      const revenue = sales.reduce((s, x) => s + cents(x.values.amount!), 0) / 100;
      const quantity = sales.reduce((s, x) => s + x.values.quantity!, 0);
      const results = new Map<string, PivotResult>();
      for (const r of list) {
        const out = await ok<PivotBuild>(ctx, 'pivot.build', { report: r.name });
        expect(out.sheet).toBe(r.name.slice(0, 31).trim());
        expect(wb.sheet(out.sheet)!.charts).toHaveLength(1);
        results.set(r.builtIn, out.result);
      }
      expect(results.get('shipments-by-product')!.grandTotals).toEqual([expect.closeTo(quantity, 6)]);
      for (const key of ['revenue-by-manager', 'revenue-by-city', 'revenue-by-industry']) expect(results.get(key)!.grandTotals![0]).toBe(revenue);
      expect(results.get('abc-customers')!.grandTotals![2]).toBe(revenue);
      const thisYear = sales.filter((s) => String(s.values.date) >= '2026-01-01');
      expect(results.get('sales-this-year')!.records).toBe(thisYear.length);
      expect(results.get('sales-this-year')!.chart).toBe('line');
    });
  }
});

describe('saved definitions', () => {
  it('are kept by keys, whatever language they were typed in, so a renamed label does not break them', async () => {
    const { ctx } = await salesFixture('fr');
    const saved = await ok(ctx, 'report.save', { name: 'Quantités par ville', definition: { object: 'Ventes', rows: [{ field: 'Société.Ville' }], data: [{ field: 'Quantité', agg: 'sum' }], filters: [{ field: 'date', op: 'relative', range: 'thisYear' }] } });
    expect(saved.definition).toEqual({ object: 'sales', rows: [{ field: 'company.city' }], columns: [], data: [{ field: 'quantity', agg: 'sum' }], filters: [{ field: 'date', op: 'relative', range: 'thisYear' }] });
    await ok(ctx, 'field.rename', { directory: 'sales', field: 'quantity', label: 'Unités' });
    const r = await ok<PivotResult>(ctx, 'pivot.run', { report: 'Quantités par ville' });
    expect(r.dataFields[0]!.label).toBe('Somme de Unités');
  });

  it('give two reports whose names share their first 31 characters a sheet each', async () => {
    const { wb, ctx } = await salesFixture();
    const definition = { object: 'sales', rows: [{ field: 'product' }], data: [{ agg: 'count' }] };
    await ok(ctx, 'report.save', { name: 'Quarterly shipments by product family, north', definition });
    await ok(ctx, 'report.save', { name: 'Quarterly shipments by product family, south', definition });
    const north = await ok<PivotBuild>(ctx, 'pivot.build', { report: 'Quarterly shipments by product family, north' });
    const south = await ok<PivotBuild>(ctx, 'pivot.build', { report: 'Quarterly shipments by product family, south' });
    expect([north.sheet, south.sheet]).toEqual(['Quarterly shipments by product', 'Quarterly shipments by prod (2)']);
    expect(String(rows(wb, north.sheet)[0]![0])).toMatch(/^Quarterly shipments by product family, north — /);
    expect(String(rows(wb, south.sheet)[0]![0])).toMatch(/^Quarterly shipments by product family, south — /);
  });
});
