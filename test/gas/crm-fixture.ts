/**
 * A default CRM in the fake spreadsheet with `n` companies and `n` contacts, built through the
 * adapter, laid out as after an import; shared by the call-count test and the bench. Contacts 0 and n-1 both work at company 0,
 * so renaming it cascades over the whole contacts column (the widest write a rename makes).
 * `crmWithSales(n)`: 10 companies, 7 products and `n` sales, for reports.
 */

import { dispatch } from '../../core/app/registry.js';
import { createRecords } from '../../core/records/create.js';
import { Crm } from '../../core/records/crm.js';
import { applyLayouts } from '../../core/schema/setup.js';
import type { RecordInput } from '../../core/records/validate.js';
import { AppsScriptWorkbook } from '../../gas-addon/sheets-workbook.js';
import { contextFor } from '../../gas-addon/server.js';
import { FakeAppsScript } from './fake-spreadsheet-app.js';

export const companyName = (i: number) => `Company ${String(i).padStart(6, '0')}`;

export function companyRows(n: number): RecordInput[] {
  return Array.from({ length: n }, (_, i) => ({
    name: companyName(i),
    email: `office${i}@company${i}.example`,
    phone: '+33 1 23 45 67 89',
    discount: (i % 20) / 100,
    created: 46000 + (i % 700),
  }));
}

export function contactRows(n: number): RecordInput[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `Person ${i}`,
    company: companyName(i === n - 1 ? 0 : i),
    email: `person${i}@company${i}.example`,
    birthday: 30000 + (i % 15000),
  }));
}

export interface CrmFixture {
  fake: FakeAppsScript;
  /** Runs a command as one `google.script.run` call would: a new adapter, then dispatch. */
  run(command: string, input: unknown): ReturnType<typeof dispatch>;
}

export async function crmWith(n: number, timeZone = 'Europe/Paris'): Promise<CrmFixture> {
  const fake = new FakeAppsScript({ timeZone });
  const run = (command: string, input: unknown) => dispatch(contextFor(new AppsScriptWorkbook(fake.services)), command, input);
  const setup = await run('crm.setup', { lang: 'en' });
  if (!setup.ok) throw new Error(setup.error.message);
  const wb = new AppsScriptWorkbook(fake.services);
  const crm = await Crm.open(wb);
  const defaults = { today: 46353, now: 46353.5, user: 'owner@example.com' };
  if (n > 0) {
    await createRecords(crm, 'companies', companyRows(n), defaults);
    await createRecords(crm, 'contacts', contactRows(n), defaults);
    // As an import does after a big batch: dropdowns and formats reach the new rows.
    await applyLayouts(crm);
  }
  fake.calls.reset();
  return { fake, run };
}

/** The number of products and months sales spread over: 10 sales already reach every one, so a report has the same shape at 10 and 10,000. */
export const PRODUCTS = 7;
export const MONTHS = 5;

export function productRows(): RecordInput[] {
  return Array.from({ length: PRODUCTS }, (_, i) => ({ code: `P-${i}`, name: `Product ${i}`, unit_price: 10 + i, category: i % 2 ? 'Chairs' : 'Desks' }));
}

/** Sale i: product i mod 7, in month i mod 5 of 2026 (from January), company i mod 10. */
export function saleRows(n: number): RecordInput[] {
  const firstOfMonth = [46023, 46054, 46082, 46113, 46143];
  return Array.from({ length: n }, (_, i) => ({
    date: firstOfMonth[i % MONTHS]! + (i % 28),
    company: companyName(i % 10),
    product: `Product ${i % PRODUCTS}`,
    quantity: 1 + (i % 9),
    unit_price: 10 + (i % PRODUCTS),
    owner: 'owner@example.com',
  }));
}

/** A default CRM with 10 companies, 7 products and `n` sales, laid out as after an import. */
export async function crmWithSales(n: number, timeZone = 'Europe/Paris'): Promise<CrmFixture> {
  const fixture = await crmWith(0, timeZone);
  const wb = new AppsScriptWorkbook(fixture.fake.services);
  const crm = await Crm.open(wb);
  const defaults = { today: 46353, now: 46353.5, user: 'owner@example.com' };
  await createRecords(crm, 'companies', companyRows(10), defaults);
  await createRecords(crm, 'products', productRows(), defaults);
  await createRecords(crm, 'sales', saleRows(n), defaults);
  await applyLayouts(crm);
  fixture.fake.calls.reset();
  return fixture;
}
