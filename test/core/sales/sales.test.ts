import { beforeEach, describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import type { CardWrite } from '../../../core/app/card-commands.js';
import type { CompanyCard } from '../../../core/card/card.js';
import type { MemoryWorkbook } from '../../../core/memory-workbook.js';
import { createRecords } from '../../../core/records/create.js';
import { Crm } from '../../../core/records/crm.js';
import { TODAY, crmFixture, ok, records, refused, snapshot } from '../card/fixture.js';

let wb: MemoryWorkbook;
let ctx: Context;
beforeEach(async () => ({ wb, ctx } = await crmFixture()));

const sales = () => records(wb, 'Sales');

describe('recording a sale from a card', () => {
  it("copies the product's price, computes the amount, and signs it with the acting user", async () => {
    const out = await ok<CardWrite>(ctx, 'sale.add', { company: 'Bolt', values: { product: 'widget', quantity: '3' } });
    expect(out.record).toEqual({
      id: 'SA-000001',
      row: 2,
      display: 'SA-000001',
      values: {
        date: '2026-11-27',
        company: 'Bolt',
        product: 'Widget',
        quantity: 3,
        unit_price: 12.5,
        discount: null,
        amount: 37.5,
        owner: 'anna@example.com',
        comment: null,
      },
    });
    expect(sales()).toEqual([
      {
        ID: 'SA-000001',
        Date: TODAY,
        Company: 'Bolt',
        Product: 'Widget',
        Quantity: 3,
        'Unit price': 12.5,
        Discount: null,
        Amount: 37.5,
        Owner: 'anna@example.com',
        Comment: null,
      },
    ]);
    expect(out.card!.sales.totals.all).toEqual({ amount: 37.5, count: 1 });
  });

  it("applies the company's individual discount and keeps it on the line", async () => {
    const out = await ok<CardWrite>(ctx, 'sale.add', { company: 'CO-000001', values: { product: 'Gadget', quantity: 3, comment: 'VIP' } });
    expect(out.record.values).toMatchObject({ company: 'Acme', unit_price: 19.99, discount: 0.15, amount: 50.97, comment: 'VIP' });

    // A later change of the company's discount does not touch sales already recorded.
    await ok(ctx, 'company.update', { company: 'Acme', values: { discount: '20%' } });
    expect(sales()[0]).toMatchObject({ Discount: 0.15, Amount: 50.97 });
  });

  it("keeps the price of the day when the product's price changes later", async () => {
    await ok(ctx, 'sale.add', { company: 'Bolt', values: { product: 'Widget', quantity: 3 } });
    await ok(ctx, 'record.update', { directory: 'products', id: 'Widget', values: { unit_price: 15 } });
    const card = await ok<CompanyCard>(ctx, 'card.get', { company: 'Bolt' });
    expect(card.sales.lines.map((l) => [l.values.unit_price, l.amount])).toEqual([[12.5, 37.5]]);
    const next = await ok<CardWrite>(ctx, 'sale.add', { company: 'Bolt', values: { product: 'Widget', quantity: 1 } });
    expect(next.record.values).toMatchObject({ unit_price: 15, amount: 15 });
  });

  it('charges an overridden unit price, given through the option named for it', async () => {
    const out = await ok<CardWrite>(ctx, 'sale.add', { company: 'Acme', values: { product: 'Widget', quantity: 2 }, overrideUnitPrice: '10,00' });
    expect(out.record.values).toMatchObject({ unit_price: 10, discount: 0.15, amount: 17 });
  });

  it('takes a typed date and a fractional quantity', async () => {
    const out = await ok<CardWrite>(ctx, 'sale.add', { company: 'Bolt', values: { product: 'Widget', quantity: '1.5', date: '2026-03-04' } });
    expect(out.record.values).toMatchObject({ date: '2026-03-04', quantity: 1.5, amount: 18.75 });
  });

  describe('refusing', () => {
    it('a unit price typed as a field, pointing at the option', async () => {
      const before = snapshot(wb);
      expect(await refused(ctx, 'sale.add', { company: 'Bolt', values: { product: 'Widget', quantity: 3, unit_price: 1 } })).toEqual({
        code: 'E_BAD_INPUT',
        directory: 'sales',
        field: 'unit_price',
        message: 'Sales › Unit price is copied from the product; pass overrideUnitPrice to charge another price.',
      });
      expect(snapshot(wb)).toBe(before);
    });

    it('an amount, a discount, an owner or a company typed in the form', async () => {
      const base = { product: 'Widget', quantity: 3 };
      expect(await refused(ctx, 'sale.add', { company: 'Bolt', values: { ...base, Amount: 1 } })).toEqual({
        code: 'E_BAD_INPUT',
        directory: 'sales',
        field: 'amount',
        message: 'Sales › Amount is computed: quantity × unit price, less the discount.',
      });
      expect((await refused(ctx, 'sale.add', { company: 'Bolt', values: { ...base, discount: '5%' } })).message).toBe(
        "Sales › Discount comes from the company's individual discount.",
      );
      expect((await refused(ctx, 'sale.add', { company: 'Bolt', values: { ...base, owner: 'bob' } })).message).toBe('Sales › Owner is the person recording the sale.');
      expect((await refused(ctx, 'sale.add', { company: 'Bolt', values: { ...base, company: 'Acme' } })).message).toBe(
        'Sales › Company is the company whose card the sale is added from.',
      );
    });

    it('a quantity that is not a number, located at the field, writing nothing', async () => {
      const before = snapshot(wb);
      expect(await refused(ctx, 'sale.add', { company: 'Bolt', values: { product: 'Widget', quantity: 'three' } })).toEqual({
        code: 'E_INVALID_VALUE',
        directory: 'sales',
        field: 'quantity',
        value: 'three',
        message: 'Sales › Quantity: "three" is not a number.',
      });
      expect(snapshot(wb)).toBe(before);
    });

    it('every problem of the form at once', async () => {
      const error = await refused(ctx, 'sale.add', { company: 'Bolt', values: { product: 'Sprocket', date: 'someday' } });
      expect(error.problems!.map((p) => [p.code, p.field, p.message])).toEqual([
        ['E_INVALID_VALUE', 'date', 'Sales › Date: "someday" is not a date (expected e.g. 2026-03-04 or 03/04/2026).'],
        ['E_REQUIRED', 'quantity', 'Sales › Quantity: a value is required.'],
        ['E_REFERENCE', 'product', 'Sales › Product: there is no "Sprocket" in Products.'],
      ]);
    });

    it('a company that does not exist', async () => {
      expect(await refused(ctx, 'sale.add', { company: 'Nobody', values: { product: 'Widget', quantity: 1 } })).toEqual({
        code: 'E_NOT_FOUND',
        directory: 'companies',
        value: 'Nobody',
        message: 'Companies has no record "Nobody".',
      });
    });

    it('a product without a price, unless the price is typed', async () => {
      wb.sheet('Products')!.cells[1]![3] = null; // Widget's price cleared by hand in the sheet
      expect(await refused(ctx, 'sale.add', { company: 'Bolt', values: { product: 'Widget', quantity: 1 } })).toEqual({
        code: 'E_REQUIRED',
        directory: 'sales',
        field: 'unit_price',
        value: 'Widget',
        message: 'Sales › Unit price: the product "Widget" has no price; set one in Products or type the price for this sale.',
      });
      const out = await ok<CardWrite>(ctx, 'sale.add', { company: 'Bolt', values: { product: 'Widget', quantity: 1 }, overrideUnitPrice: 11 });
      expect(out.record.values.amount).toBe(11);
    });
  });
});

describe('round trips', () => {
  it('recording a sale costs the same port calls with 2,000 sales in the sheet as with none', async () => {
    await ok(ctx, 'sale.add', { company: 'Bolt', values: { product: 'Widget', quantity: 1 } });
    wb.resetCalls();
    await ok(ctx, 'sale.add', { company: 'Bolt', values: { product: 'Widget', quantity: 1 } });
    const few = { ...wb.calls };
    const crm = await Crm.open(wb);
    await createRecords(crm, 'sales', Array.from({ length: 2000 }, () => ({ date: TODAY, company: 'Acme', product: 'Gadget', quantity: 1, unit_price: 19.99 })), { today: TODAY, now: TODAY, user: 'x' });
    wb.resetCalls();
    await ok(ctx, 'sale.add', { company: 'Bolt', values: { product: 'Widget', quantity: 1 } });
    expect(wb.calls).toEqual(few);
  });
});

describe('changing a sale', () => {
  beforeEach(async () => {
    await ok(ctx, 'sale.add', { company: 'Acme', values: { product: 'Widget', quantity: 3 } });
  });

  it('recomputes the amount when the quantity changes, with the discount stored on the line', async () => {
    const out = await ok<CardWrite>(ctx, 'sale.update', { sale: 'SA-000001', values: { quantity: 4 } });
    expect(out.record.values).toMatchObject({ quantity: 4, unit_price: 12.5, discount: 0.15, amount: 42.5 });
    expect(sales()[0]).toMatchObject({ Quantity: 4, Amount: 42.5 });
    expect(out.card!.sales.totals.all.amount).toBe(42.5);
  });

  it('repairs an amount left stale by an edit of the quantity in the sheet', async () => {
    wb.sheet('Sales')!.cells[1]![4] = 10; // quantity typed over in the sheet; the amount cell still says 31.88
    const card = await ok<CompanyCard>(ctx, 'card.get', { company: 'Acme' });
    expect(card.sales.lines[0]).toMatchObject({ amount: 106.25, stale: true, values: { quantity: 10, amount: 31.88 } });
    expect(card.sales.totals.all.amount).toBe(106.25);

    const out = await ok<CardWrite>(ctx, 'sale.update', { sale: 'SA-000001', values: {} });
    expect(out.card!.sales.lines[0]).toMatchObject({ amount: 106.25, stale: false });
    expect(sales()[0]).toMatchObject({ Quantity: 10, Amount: 106.25 });
  });

  it("copies the new product's price when the product changes", async () => {
    const out = await ok<CardWrite>(ctx, 'sale.update', { sale: 'SA-000001', values: { product: 'Gadget' } });
    expect(out.record.values).toMatchObject({ product: 'Gadget', unit_price: 19.99, amount: 50.97 });
  });

  it('keeps the price of the day when other fields change', async () => {
    await ok(ctx, 'record.update', { directory: 'products', id: 'Widget', values: { unit_price: 99 } });
    const out = await ok<CardWrite>(ctx, 'sale.update', { sale: 'SA-000001', values: { comment: 'paid' } });
    expect(out.record.values).toMatchObject({ unit_price: 12.5, amount: 31.88, comment: 'paid' });
  });

  it('charges an overridden price', async () => {
    const out = await ok<CardWrite>(ctx, 'sale.update', { sale: 'SA-000001', values: {}, overrideUnitPrice: 20 });
    expect(out.record.values).toMatchObject({ unit_price: 20, amount: 51 });
  });

  it('refuses a bad quantity whole, writing nothing', async () => {
    const before = snapshot(wb);
    expect(await refused(ctx, 'sale.update', { sale: 'SA-000001', values: { quantity: 'lots' } })).toEqual({
      code: 'E_INVALID_VALUE',
      directory: 'sales',
      field: 'quantity',
      row: 2,
      value: 'lots',
      message: 'Sales › Quantity (row 2): "lots" is not a number.',
    });
    expect(snapshot(wb)).toBe(before);
  });

  it('deletes a sale and the totals follow', async () => {
    await ok(ctx, 'sale.add', { company: 'Acme', values: { product: 'Gadget', quantity: 1 } });
    const out = await ok<CardWrite>(ctx, 'sale.delete', { sale: 'SA-000001' });
    expect(out.record.id).toBe('SA-000001');
    expect(out.card!.sales.lines.map((l) => l.id)).toEqual(['SA-000002']);
    expect(out.card!.sales.totals.all).toEqual({ amount: 16.99, count: 1 });
    expect(sales().map((s) => s.ID)).toEqual(['SA-000002']);
  });

  it('refuses an unknown sale', async () => {
    expect(await refused(ctx, 'sale.delete', { sale: 'SA-000999' })).toEqual({
      code: 'E_NOT_FOUND',
      directory: 'sales',
      value: 'SA-000999',
      message: 'Sales has no record "SA-000999".',
    });
  });
});
