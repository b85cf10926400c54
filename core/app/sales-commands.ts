/** Sales recorded from a company's card; each returns the card with its new totals. */

import { Crm } from '../records/crm.js';
import { addSale, deleteSale, updateSale } from '../sales/sale.js';
import { cardAfter, type CardWrite } from './card-commands.js';
import { onDirectory } from '../access/needs.js';
import { command } from './command.js';
import { defaultsOf } from './defaults.js';
import { cell, dict, object, optional, str } from './input.js';

export const salesCommands = [
  command(
    {
      name: 'sale.add',
      access: onDirectory('create', () => 'sales'),
      summary: "Record a sale: the product's price, the company's discount and you as owner are filled in",
      input: object({ company: str, values: dict(cell), overrideUnitPrice: optional(cell) }),
    },
    async (ctx, input): Promise<CardWrite> =>
      ctx.wb.transaction(async () => {
        const crm = await Crm.open(ctx.wb);
        const record = await addSale(crm, input.company, input.values, await defaultsOf(ctx), { overrideUnitPrice: input.overrideUnitPrice });
        return cardAfter(ctx, crm, String(record.values.company ?? ''), record);
      }),
  ),
  command(
    {
      name: 'sale.update',
      access: onDirectory('edit', () => 'sales', (i) => i.sale),
      summary: 'Change a sale; its amount is recomputed from quantity, unit price and discount',
      input: object({ sale: str, values: dict(cell), overrideUnitPrice: optional(cell) }),
    },
    async (ctx, input): Promise<CardWrite> =>
      ctx.wb.transaction(async () => {
        const crm = await Crm.open(ctx.wb);
        const { record } = await updateSale(crm, input.sale, input.values, await defaultsOf(ctx), { overrideUnitPrice: input.overrideUnitPrice });
        return cardAfter(ctx, crm, String(record.values.company ?? ''), record);
      }),
  ),
  command(
    {
      name: 'sale.delete',
      access: onDirectory('delete', () => 'sales', (i) => i.sale),
      summary: 'Delete a sale',
      input: object({ sale: str }),
    },
    async (ctx, input): Promise<CardWrite> =>
      ctx.wb.transaction(async () => {
        const crm = await Crm.open(ctx.wb);
        const record = await deleteSale(crm, input.sale);
        return cardAfter(ctx, crm, String(record.values.company ?? ''), record);
      }),
  ),
];
