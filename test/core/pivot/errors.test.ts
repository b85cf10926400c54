import { describe, expect, it } from 'vitest';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';
import { defaultCrmSchema, defaultSeedRows } from '../../../core/schema/default-crm.js';
import { setupCrm } from '../../../core/schema/setup.js';
import { refused, snapshot } from '../card/fixture.js';
import { NOW, TODAY, USER, salesFixture } from './fixture.js';

const base = { object: 'sales', rows: [{ field: 'product' }], data: [{ field: 'quantity', agg: 'sum' }] };

describe('a bad report definition gets one clear error naming the directory and the field', () => {
  it('an unknown field', async () => {
    const { ctx } = await salesFixture();
    expect(await refused(ctx, 'pivot.run', { definition: { ...base, rows: [{ field: 'colour' }] } })).toEqual({
      code: 'E_UNKNOWN_FIELD',
      directory: 'sales',
      value: 'colour',
      message: 'Sales has no field named "colour". Fields: Date, Company, Product, Quantity, Unit price, Discount, Amount, Owner, Comment.',
    });
    expect(await refused(ctx, 'pivot.run', { definition: { ...base, rows: [{ field: 'company.colour' }] } })).toEqual({
      code: 'E_UNKNOWN_FIELD',
      directory: 'companies',
      value: 'colour',
      message: expect.stringMatching(/^Companies has no field named "colour"\. Fields: Name, City, Industry/),
    });
  });

  it('a path through a field that is not a reference', async () => {
    const { ctx } = await salesFixture();
    expect(await refused(ctx, 'pivot.run', { definition: { ...base, rows: [{ field: 'quantity.city' }] } })).toEqual({
      code: 'E_BAD_INPUT',
      directory: 'sales',
      field: 'quantity',
      value: 'quantity.city',
      message: 'Sales › Quantity is not a reference, so "quantity.city" cannot go through it.',
    });
  });

  it('a sum over a text field', async () => {
    const { ctx } = await salesFixture();
    expect(await refused(ctx, 'pivot.run', { definition: { ...base, data: [{ field: 'comment', agg: 'sum' }] } })).toEqual({
      code: 'E_BAD_INPUT',
      directory: 'sales',
      field: 'comment',
      value: 'sum',
      message: 'Sales › Comment is text: a sum needs a number, money, integer or percent field. Count it instead.',
    });
    expect(await refused(ctx, 'pivot.run', { definition: { ...base, data: [{ field: 'company.city', agg: 'average' }] } })).toEqual({
      code: 'E_BAD_INPUT',
      directory: 'sales',
      field: 'city',
      value: 'average',
      message: 'Sales › Company › City is reference: an average needs a number, money, integer or percent field. Count it instead.',
    });
  });

  it('an empty object: none named, or a directory with no records yet', async () => {
    const { ctx } = await salesFixture();
    expect(await refused(ctx, 'pivot.run', { definition: { ...base, object: '  ' } })).toEqual({
      code: 'E_BAD_INPUT',
      field: 'object',
      value: '  ',
      message: 'The report names no directory: choose what to report on (Sales, Deals, Companies…).',
    });
    expect(await refused(ctx, 'pivot.run', { definition: { object: 'deals', rows: [{ field: 'stage' }], data: [{ agg: 'count' }] } })).toEqual({
      code: 'E_BAD_INPUT',
      directory: 'deals',
      message: 'Deals has no records yet: there is nothing to report. Add or import some, then build the report again.',
    });
    expect(await refused(ctx, 'pivot.run', { definition: { ...base, object: 'Invoices' } })).toEqual({
      code: 'E_UNKNOWN_DIRECTORY',
      value: 'Invoices',
      message: expect.stringMatching(/^No directory named "Invoices"\. Directories: Companies, Contacts, Sales/),
    });
  });

  it('a date grouping on a field that is not a date', async () => {
    const { ctx } = await salesFixture();
    expect(await refused(ctx, 'pivot.run', { definition: { ...base, columns: [{ field: 'product', by: 'month' }] } })).toEqual({
      code: 'E_BAD_INPUT',
      directory: 'sales',
      field: 'product',
      value: 'month',
      message: 'Sales › Product is reference, not a date, so it cannot be grouped by month.',
    });
  });

  it('no data field, an unknown aggregation, a relative range on a non-date', async () => {
    const { ctx } = await salesFixture();
    expect(await refused(ctx, 'pivot.run', { definition: { ...base, data: [] } })).toEqual({
      code: 'E_BAD_INPUT',
      directory: 'sales',
      field: 'data',
      message: 'The report on Sales has no data field: say what to count or sum (Count, or Sum of a number field).',
    });
    expect(await refused(ctx, 'pivot.run', { definition: { ...base, data: [{ field: 'quantity', agg: 'median' }] } })).toEqual({
      code: 'E_BAD_INPUT',
      field: 'definition.data[0].agg',
      value: 'median',
      message: 'definition.data[0].agg: expected one of sum, count, countDistinct, average, min, max, got "median".',
    });
    expect(await refused(ctx, 'pivot.run', { definition: { ...base, filters: [{ field: 'product', op: 'relative', range: 'thisYear' }] } })).toEqual({
      code: 'E_BAD_INPUT',
      directory: 'sales',
      field: 'product',
      value: 'thisYear',
      message: 'Filter on Product: a relative date range needs a date field, and Product is reference.',
    });
  });

  it('a filter value the field cannot read', async () => {
    const { ctx } = await salesFixture();
    expect(await refused(ctx, 'pivot.run', { definition: { ...base, filters: [{ field: 'date', op: 'equals', value: 'someday' }] } })).toMatchObject({
      code: 'E_BAD_INPUT',
      directory: 'sales',
      field: 'date',
      value: 'someday',
    });
  });

  it('a saved report that does not exist names the ones that do', async () => {
    const { ctx } = await salesFixture();
    expect(await refused(ctx, 'pivot.run', { report: 'Sales by weather' })).toEqual({
      code: 'E_NOT_FOUND',
      value: 'Sales by weather',
      message:
        'No report named "Sales by weather". Reports: Shipments by product, Revenue by manager per month, Revenue by city, Revenue by industry, Sales this year by month, ABC analysis of customers.',
    });
  });

  it('amounts in different currencies are never added together', async () => {
    const wb = new MemoryWorkbook(USER);
    const schema = defaultCrmSchema('en');
    schema.directories.push({
      key: 'invoices',
      labels: { en: 'Invoices', fr: 'Factures', ru: 'Счета' },
      sheet: 'Invoices',
      idPrefix: 'IV',
      display: 'id',
      fields: [
        { key: 'client', type: 'text', labels: { en: 'Client', fr: 'Client', ru: 'Клиент' } },
        { key: 'total', type: 'money', labels: { en: 'Total', fr: 'Total', ru: 'Итого' } },
        { key: 'currency', type: 'choice', choices: ['EUR', 'USD'], labels: { en: 'Currency', fr: 'Devise', ru: 'Валюта' } },
      ],
    });
    await setupCrm(wb, schema, defaultSeedRows('en'), { today: TODAY, now: NOW, user: USER.id });
    const ctx = { wb, now: () => NOW };
    const { ok } = await import('../card/fixture.js');
    await ok(ctx, 'record.create', { directory: 'invoices', values: { client: 'Acme', total: 100, currency: 'EUR' } });
    await ok(ctx, 'record.create', { directory: 'invoices', values: { client: 'Acme', total: 50, currency: 'USD' } });
    const before = snapshot(wb);
    expect(await refused(ctx, 'pivot.build', { definition: { object: 'invoices', rows: [{ field: 'client' }], data: [{ field: 'total', agg: 'sum' }] } })).toEqual({
      code: 'E_BAD_INPUT',
      directory: 'invoices',
      field: 'currency',
      message: 'Invoices › Total holds amounts in several currencies (EUR, USD…), and Carnet never adds different currencies together. Group the report by Currency, or filter it to one currency.',
    });
    expect(snapshot(wb)).toBe(before);
    const grouped = await ok(ctx, 'pivot.run', { definition: { object: 'invoices', rows: [{ field: 'client' }], columns: [{ field: 'currency' }], data: [{ field: 'total', agg: 'sum' }] } });
    expect(grouped.cells).toEqual([[[100], [50]]]);
    const filtered = await ok(ctx, 'pivot.run', { definition: { object: 'invoices', rows: [{ field: 'client' }], data: [{ field: 'total', agg: 'sum' }], filters: [{ field: 'currency', op: 'equals', value: 'USD' }] } });
    expect(filtered.grandTotals).toEqual([50]);
  });
});

describe('a report too big to read', () => {
  it('is refused with its size and what to do, unless a top N cuts it down', async () => {
    const sales = Array.from({ length: 600 }, (_, i) => ({ date: 46000 + i, company: ['Acme', 'Bolt', 'Corvo'][i % 3]!, product: 'Widget', quantity: 1, amount: 1 }));
    const { ctx } = await salesFixture('en', sales);
    const { MAX_REPORT_CELLS } = await import('../../../core/pivot/build.js');
    expect(MAX_REPORT_CELLS).toBe(250_000);
    // 600 days × 3 companies × 150 copies of the data field: 270,000 cells.
    const data = Array.from({ length: 150 }, () => ({ field: 'quantity', agg: 'sum' }));
    expect(await refused(ctx, 'pivot.run', { definition: { object: 'sales', rows: [{ field: 'date' }], columns: [{ field: 'company' }], data } })).toEqual({
      code: 'E_BAD_INPUT',
      directory: 'sales',
      message: 'This report on Sales would have 600 rows × 450 columns (270,000 cells), more than a report holds (250,000). Group dates by month or quarter, keep the top N rows, or add a filter.',
    });
    const { ok } = await import('../card/fixture.js');
    const cut = await ok(ctx, 'pivot.run', { definition: { object: 'sales', rows: [{ field: 'date', top: 10 }], columns: [{ field: 'company' }], data } });
    expect(cut.rowKeys).toHaveLength(11);
  });
});
