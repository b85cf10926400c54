/**
 * A small default-CRM workbook in memory for card and sales tests: two companies (Acme with a 15%
 * individual discount, Bolt without), a widget at 12.50 and a gadget at 19.99, on 27 Nov 2026.
 */

import type { Context } from '../../../core/app/command.js';
import { dispatch } from '../../../core/app/registry.js';
import { serialFromParts } from '../../../core/dates.js';
import type { ErrorData } from '../../../core/errors.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';
import { defaultCrmSchema, defaultSeedRows } from '../../../core/schema/default-crm.js';
import { setupCrm } from '../../../core/schema/setup.js';
import type { Cell } from '../../../core/workbook.js';

export const TODAY = serialFromParts(2026, 11, 27);
/** 14:30 on TODAY. */
export const NOW = TODAY + 14.5 / 24;
export const ANNA = { id: 'anna@example.com', name: 'Anna' };

export interface Fixture {
  wb: MemoryWorkbook;
  ctx: Context;
}

export async function crmFixture(options: { companies?: boolean } = {}): Promise<Fixture> {
  const wb = new MemoryWorkbook(ANNA);
  await setupCrm(wb, defaultCrmSchema('en'), defaultSeedRows('en'), { today: TODAY, now: NOW, user: ANNA.id });
  const ctx: Context = { wb, now: () => NOW };
  await ok(ctx, 'record.create', { directory: 'cities', values: { name: 'Lyon' } });
  await ok(ctx, 'record.create', { directory: 'products', values: { code: 'W-1', name: 'Widget', unit_price: '12.50', unit: 'pcs' } });
  await ok(ctx, 'record.create', { directory: 'products', values: { code: 'G-1', name: 'Gadget', unit_price: '19.99', unit: 'pcs' } });
  await ok(ctx, 'record.create', { directory: 'products', values: { code: 'O-1', name: 'Old model', unit_price: '5', active: false } });
  if (options.companies !== false) {
    await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Acme', city: 'Lyon', phone: '+1 415 555 2671', email: 'hello@acme.example', discount: '15%' } });
    await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Bolt', phone: '+1 212 555 0100' } });
  }
  wb.resetCalls();
  return { wb, ctx };
}

export async function ok<T = any>(ctx: Context, name: string, input: unknown): Promise<T> {
  const out = await dispatch(ctx, name, input);
  if (!out.ok) throw new Error(`${name} failed: ${JSON.stringify(out.error)}`);
  return out.result as T;
}

export async function refused(ctx: Context, name: string, input: unknown): Promise<ErrorData> {
  const out = await dispatch(ctx, name, input);
  if (out.ok) throw new Error(`${name} should have been refused, got ${JSON.stringify(out.result)}`);
  return out.error;
}

/** A sheet's non-empty rows as stored, header first. */
export function rows(wb: MemoryWorkbook, sheet: string): Cell[][] {
  return wb.sheet(sheet)!.cells.filter((r) => r && r.some((c) => c !== null && c !== undefined));
}

/** A sheet's data rows as objects keyed by header, for readable assertions. */
export function records(wb: MemoryWorkbook, sheet: string): Record<string, Cell>[] {
  const [header, ...data] = rows(wb, sheet);
  return data.map((r) => Object.fromEntries(header!.map((h, i) => [String(h), r[i] ?? null])));
}

/** Everything in the workbook, to prove a refusal wrote nothing. */
export function snapshot(wb: MemoryWorkbook): string {
  return JSON.stringify(wb.sheetList);
}
