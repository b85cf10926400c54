import { beforeEach, describe, expect, it } from 'vitest';
import type { CardIndex } from '../../../core/app/card-commands.js';
import type { Context } from '../../../core/app/command.js';
import type { CompanyCard } from '../../../core/card/card.js';
import { createRecords } from '../../../core/records/create.js';
import { Crm } from '../../../core/records/crm.js';
import { serialFromParts } from '../../../core/dates.js';
import type { MemoryWorkbook } from '../../../core/memory-workbook.js';
import { ANNA, NOW, TODAY, crmFixture, ok, refused } from './fixture.js';

let wb: MemoryWorkbook;
let ctx: Context;
beforeEach(async () => ({ wb, ctx } = await crmFixture()));

const day = (y: number, m: number, d: number) => serialFromParts(y, m, d);
const defaults = { today: TODAY, now: NOW, user: ANNA.id };

/** Rows written straight into the sheets (as a person or an import would), for card contents. */
async function seed(key: string, rows: Record<string, string | number | boolean | null>[]) {
  const crm = await Crm.open(wb);
  await createRecords(crm, key, rows, defaults);
  wb.resetCalls();
}

describe('the company card', () => {
  it("has the company's fields, its contacts by name, and its notes newest first", async () => {
    await seed('contacts', [
      { name: 'Zoe Martin', company: 'Acme', email: 'zoe@acme.example' },
      { name: 'Bob Stone', company: 'Acme', phone: '+1 415 555 0199' },
      { name: 'Carl Other', company: 'Bolt' },
    ]);
    await seed('notes', [
      { date: TODAY - 10, company: 'Acme', text: 'First call' },
      { date: TODAY - 1 + 0.25, company: 'Acme', text: 'Sent the quote', contact: 'Bob Stone' },
      { date: TODAY - 5, company: 'Bolt', text: 'Not Acme' },
      { date: TODAY - 1 + 0.5, company: 'acme', text: 'Quote accepted' },
    ]);
    const card = await ok<CompanyCard>(ctx, 'card.get', { company: 'acme' });
    expect(card.company).toMatchObject({ id: 'CO-000001', display: 'Acme', values: { city: 'Lyon', discount: 0.15, phone: '+14155552671' } });
    expect(card.contacts.map((c) => c.display)).toEqual(['Bob Stone', 'Zoe Martin']);
    expect(card.notes.map((n) => [n.values.date, n.values.text])).toEqual([
      ['2026-11-26T12:00:00', 'Quote accepted'],
      ['2026-11-26T06:00:00', 'Sent the quote'],
      ['2026-11-17T00:00:00', 'First call'],
    ]);
    expect(card.today).toBe('2026-11-27');
    expect(card.index).toEqual({
      id: 'CO-000001',
      name: 'Acme',
      city: 'Lyon',
      phones: ['+14155552671', '+14155550199'],
      emails: ['hello@acme.example', 'zoe@acme.example'],
      contacts: ['Bob Stone', 'Zoe Martin'],
    });
  });

  it('totals sales for this month, this year and all time, relative to the host clock', async () => {
    await seed('sales', [
      { date: day(2025, 11, 30), company: 'Bolt', product: 'Widget', quantity: 1, unit_price: 12.5, amount: 12.5 },
      { date: day(2026, 3, 4), company: 'Bolt', product: 'Widget', quantity: 2, unit_price: 12.5, amount: 25 },
      { date: day(2026, 11, 1), company: 'Bolt', product: 'Gadget', quantity: 1, unit_price: 19.99, amount: 19.99 },
      { date: day(2026, 11, 27), company: 'Bolt', product: 'Widget', quantity: 3, unit_price: 12.5, amount: 37.5 },
      { date: day(2026, 11, 27), company: 'Acme', product: 'Widget', quantity: 100, unit_price: 12.5, amount: 1250 },
    ]);
    const card = await ok<CompanyCard>(ctx, 'card.get', { company: 'Bolt' });
    expect(card.currency).toBe('USD');
    expect(card.sales.totals).toEqual({
      month: { amount: 57.49, count: 2 },
      year: { amount: 82.49, count: 3 },
      all: { amount: 94.99, count: 4 },
    });
    expect(card.sales.lines.map((l) => [l.values.date, l.amount])).toEqual([
      ['2026-11-27', 37.5],
      ['2026-11-01', 19.99],
      ['2026-03-04', 25],
      ['2025-11-30', 12.5],
    ]);
  });

  it('computes totals from quantity × price × (1 − discount), not from amount cells', async () => {
    await seed('sales', [
      // The amount cell is stale: someone changed the quantity in the sheet from 1 to 4.
      { date: TODAY, company: 'Acme', product: 'Widget', quantity: 4, unit_price: 12.5, discount: 0.15, amount: 10.63 },
      // No price on the line (typed by hand): the amount cell is all there is.
      { date: TODAY, company: 'Acme', product: 'Widget', quantity: 1, amount: 7 },
    ]);
    const card = await ok<CompanyCard>(ctx, 'card.get', { company: 'Acme' });
    expect(card.sales.lines.map((l) => [l.amount, l.stale])).toEqual([
      [7, false],
      [42.5, true],
    ]);
    expect(card.sales.totals.all).toEqual({ amount: 49.5, count: 2 });
  });

  it('shows open deals only (a won or lost stage closes a deal)', async () => {
    await seed('deals', [
      { name: 'Roof', company: 'Acme', stage: 'Proposal', amount: 5000, expected_close: day(2027, 1, 15) },
      { name: 'Won one', company: 'Acme', stage: 'Won' },
      { name: 'Lost one', company: 'Acme', stage: 'Lost' },
      { name: 'Walls', company: 'Acme', stage: 'Lead', expected_close: day(2026, 12, 1) },
      { name: 'Elsewhere', company: 'Bolt', stage: 'Lead' },
    ]);
    const card = await ok<CompanyCard>(ctx, 'card.get', { company: 'Acme' });
    expect(card.deals.map((d) => [d.display, d.values.stage])).toEqual([
      ['Walls', 'Lead'],
      ['Roof', 'Proposal'],
    ]);
  });

  it("shows open tasks, the company's and its deals', soonest due first", async () => {
    await seed('deals', [{ name: 'Roof', company: 'Acme', stage: 'Won' }]);
    await seed('tasks', [
      { title: 'Call back', company: 'Acme', due: day(2026, 12, 3) },
      { title: 'Send invoice', deal: 'Roof', due: day(2026, 11, 30) },
      { title: 'Done already', company: 'Acme', done: true },
      { title: 'Someday', company: 'Acme' },
      { title: 'Not ours', company: 'Bolt' },
    ]);
    // A person ticked one in the sheet by typing "yes" over the checkbox value.
    const tasks = wb.sheet('Tasks')!.cells;
    const header = tasks[0]!;
    const done = header.indexOf('Done');
    tasks.find((r) => r?.[1] === 'Someday')![done] = 'yes';
    await seed('tasks', [{ title: 'Next week', company: 'Acme', due: day(2026, 12, 4) }]);
    const card = await ok<CompanyCard>(ctx, 'card.get', { company: 'Acme' });
    expect(card.tasks.map((t) => t.values.title)).toEqual(['Send invoice', 'Call back', 'Next week']);
  });

  it('refuses a company that does not exist, whole', async () => {
    expect(await refused(ctx, 'card.get', { company: 'Nobody' })).toEqual({
      code: 'E_NOT_FOUND',
      directory: 'companies',
      value: 'Nobody',
      message: 'Companies has no record "Nobody".',
    });
  });

  it('costs the same port calls for 10 sales as for 2,000', async () => {
    const sales = (n: number, company: string) =>
      Array.from({ length: n }, (_, i) => ({ date: TODAY - (i % 400), company, product: 'Widget', quantity: 1 + (i % 7), unit_price: 12.5 }));
    await seed('sales', [...sales(10, 'Acme'), ...sales(2000, 'Bolt')]);

    const small = await ok<CompanyCard>(ctx, 'card.get', { company: 'Acme' });
    const smallCalls = { ...wb.calls };
    wb.resetCalls();
    const big = await ok<CompanyCard>(ctx, 'card.get', { company: 'Bolt' });
    expect(small.sales.lines).toHaveLength(10);
    expect(big.sales.lines).toHaveLength(2000);
    expect(wb.calls).toEqual(smallCalls);
    // One read of _carnet and of each directory the card shows, and nothing else.
    expect(wb.calls).toEqual({ user: 1, read: 8 });
  });
});

describe('the search index', () => {
  it('has one compact row per company, with its and its contacts’ phones, emails and names', async () => {
    await seed('contacts', [{ name: 'Zoe Martin', company: 'Bolt', mobile: '+33 6 12 34 56 78', email: 'zoe@bolt.example' }]);
    const index = await ok<CardIndex>(ctx, 'card.index', {});
    expect(index.companies).toEqual([
      { id: 'CO-000001', name: 'Acme', city: 'Lyon', phones: ['+14155552671'], emails: ['hello@acme.example'], contacts: [] },
      { id: 'CO-000002', name: 'Bolt', city: '', phones: ['+12125550100', '+33612345678'], emails: ['zoe@bolt.example'], contacts: ['Zoe Martin'] },
    ]);
    expect(index.user).toEqual(ANNA);
    expect(index.currency).toBe('USD');
    expect(index.schema.lang).toBe('en');
  });

  it('offers the lookups the card forms reference, and the prices of products on sale', async () => {
    const index = await ok<CardIndex>(ctx, 'card.index', {});
    expect(index.options.products).toEqual(['Widget', 'Gadget']);
    expect(index.prices).toEqual({ Widget: 12.5, Gadget: 19.99 });
    expect(index.options.cities).toEqual(['Lyon']);
    expect(index.options.stages).toEqual(['Lead', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost']);
    expect(Object.keys(index.options).sort()).toEqual(['cities', 'income_sources', 'industries', 'positions', 'products', 'segments', 'stages']);
  });

  it('costs the same port calls whatever the number of companies', async () => {
    await ok(ctx, 'card.index', {});
    const few = { ...wb.calls };
    await seed('companies', Array.from({ length: 500 }, (_, i) => ({ name: `Company ${i}` })));
    await ok(ctx, 'card.index', {});
    expect(wb.calls).toEqual(few);
  });

  it('tells a workbook without a CRM apart, so the sidebar can offer to set one up', async () => {
    const { MemoryWorkbook } = await import('../../../core/memory-workbook.js');
    const empty = new MemoryWorkbook();
    expect(await refused({ wb: empty, now: () => NOW }, 'card.index', {})).toEqual({
      code: 'E_NOT_CARNET',
      message: 'This workbook has no Carnet CRM in it (no _carnet sheet). Create one with `carnet init` or set it up from the menu.',
    });
  });
});
