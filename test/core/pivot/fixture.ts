/**
 * A small sales book in memory for report tests: three companies in two cities (and one with no
 * city), three products in two categories, and sales across the turn of 2025–2026 whose sums are
 * easy to check by hand. The clock is 2026-03-15 14:30.
 */

import type { Context } from '../../../core/app/command.js';
import { serialFromParts } from '../../../core/dates.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';
import type { Lang } from '../../../core/schema/types.js';
import { defaultCrmSchema, defaultSeedRows } from '../../../core/schema/default-crm.js';
import { setupCrm } from '../../../core/schema/setup.js';
import { createRecords } from '../../../core/records/create.js';
import { Crm } from '../../../core/records/crm.js';
import { ok } from '../card/fixture.js';

export const TODAY = serialFromParts(2026, 3, 15);
export const NOW = TODAY + 14.5 / 24;
export const USER = { id: 'anna@example.com', name: 'Anna' };
export const d = (y: number, m: number, day: number) => serialFromParts(y, m, day);

export interface SaleRow {
  date: number;
  company: string;
  product: string;
  quantity: number;
  amount: number;
  owner?: string;
}

export const SALES: SaleRow[] = [
  { date: d(2025, 12, 30), company: 'Acme', product: 'Widget', quantity: 10, amount: 100.1, owner: 'anna@example.com' },
  { date: d(2026, 1, 2), company: 'Acme', product: 'Gadget', quantity: 2, amount: 40, owner: 'anna@example.com' },
  { date: d(2026, 1, 20), company: 'Bolt', product: 'Widget', quantity: 5, amount: 50.05, owner: 'boris@example.com' },
  { date: d(2026, 2, 3), company: 'Corvo', product: 'Gizmo', quantity: 1, amount: 0.1, owner: 'boris@example.com' },
  { date: d(2026, 2, 28), company: 'Corvo', product: 'Gizmo', quantity: 1, amount: 0.1, owner: 'boris@example.com' },
  { date: d(2026, 3, 1), company: 'Corvo', product: 'Gizmo', quantity: 1, amount: 0.1, owner: 'anna@example.com' },
  // A return: negative quantity and amount.
  { date: d(2026, 3, 10), company: 'Acme', product: 'Widget', quantity: -2, amount: -20.02, owner: 'anna@example.com' },
];

export async function salesFixture(lang: Lang = 'en', sales: SaleRow[] = SALES): Promise<{ wb: MemoryWorkbook; ctx: Context }> {
  const wb = new MemoryWorkbook(USER);
  await setupCrm(wb, defaultCrmSchema(lang), defaultSeedRows(lang), { today: TODAY, now: NOW, user: USER.id });
  const ctx: Context = { wb, now: () => NOW };
  await ok(ctx, 'record.create', { directory: 'cities', values: { name: 'Lyon' } });
  await ok(ctx, 'record.create', { directory: 'cities', values: { name: 'Nantes' } });
  await ok(ctx, 'record.create', { directory: 'products', values: { code: 'W-1', name: 'Widget', unit_price: 10.01, category: 'Hardware' } });
  await ok(ctx, 'record.create', { directory: 'products', values: { code: 'G-1', name: 'Gadget', unit_price: 20, category: 'Hardware' } });
  await ok(ctx, 'record.create', { directory: 'products', values: { code: 'Z-1', name: 'Gizmo', unit_price: 0.1, category: 'Supplies' } });
  await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Acme', city: 'Lyon' } });
  await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Bolt', city: 'Nantes' } });
  await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Corvo' } });
  // The amount is given (as an import would bring it), not computed from a unit price.
  const crm = await Crm.open(wb);
  const rows = sales.map((s) => ({ date: s.date, company: s.company, product: s.product, quantity: s.quantity, amount: s.amount, owner: s.owner ?? USER.id }));
  if (rows.length) await createRecords(crm, 'sales', rows, { today: TODAY, now: NOW, user: USER.id });
  wb.resetCalls();
  return { wb, ctx };
}
