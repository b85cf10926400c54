import { beforeEach, describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import type { CardWrite } from '../../../core/app/card-commands.js';
import type { MemoryWorkbook } from '../../../core/memory-workbook.js';
import { crmFixture, ok } from '../card/fixture.js';

let wb: MemoryWorkbook;
let ctx: Context;
beforeEach(async () => ({ wb, ctx } = await crmFixture()));

/** Column letter of a Sales header, as a person finds it in the sheet. */
function column(header: string): string {
  const c = wb.sheet('Sales')!.cells[0]!.indexOf(header);
  return String.fromCharCode(65 + c);
}

describe("a sale's amount cell", () => {
  it("is Carnet's own formula over the line's cells, holding the computed amount", async () => {
    const out = await ok<CardWrite>(ctx, 'sale.add', { company: 'Acme', values: { product: 'Gadget', quantity: 3 } });
    const row = out.record.row - 1;
    const amountCol = wb.sheet('Sales')!.cells[0]!.indexOf('Amount');
    const [q, p, d] = [column('Quantity'), column('Unit price'), column('Discount')];
    expect(wb.formulaAt('Sales', row, amountCol)).toBe(`=ROUND(${q}${row + 1}*${p}${row + 1}*(1-${d}${row + 1}),2)`);
    expect(wb.sheet('Sales')!.cells[row]![amountCol]).toBe(50.97);
  });

  it('is rewritten as a formula when the sale changes', async () => {
    const out = await ok<CardWrite>(ctx, 'sale.add', { company: 'Bolt', values: { product: 'Widget', quantity: 3 } });
    await ok(ctx, 'sale.update', { sale: out.record.id, values: { quantity: 4 } });
    const row = out.record.row - 1;
    const amountCol = wb.sheet('Sales')!.cells[0]!.indexOf('Amount');
    expect(wb.formulaAt('Sales', row, amountCol)).toMatch(/^=ROUND\(/);
    expect(wb.sheet('Sales')!.cells[row]![amountCol]).toBe(50);
  });

  it("never writes over the team's own formula in a column between the changed ones", async () => {
    const cells = wb.sheet('Sales')!.cells;
    const out = await ok<CardWrite>(ctx, 'sale.add', { company: 'Bolt', values: { product: 'Widget', quantity: 3 } });
    const row = out.record.row - 1;
    // The team inserted a column of their own right after Quantity, with a formula in it.
    const q = cells[0]!.indexOf('Quantity');
    for (const r of cells) r.splice(q + 1, 0, null);
    cells[0]![q + 1] = 'Our margin';
    await wb.write('Sales', row, q + 1, [[{ formula: `=${String.fromCharCode(65 + q)}${row + 1}*2`, value: 6 }]]);
    await ok(ctx, 'sale.update', { sale: out.record.id, values: { quantity: 5, comment: 'more' } });
    expect(wb.formulaAt('Sales', row, q + 1)).toBe(`=${String.fromCharCode(65 + q)}${row + 1}*2`);
  });
});
