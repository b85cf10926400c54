/**
 * Real commands, through the registry, against the Office adapter over the fake Excel: the number
 * of `context.sync()` calls each command makes must be the same with 10 and with 10,000 companies.
 * A sync inside a loop over rows — in the adapter or in core — makes the two counts differ.
 */

import { describe, expect, it } from 'vitest';
import type { Context } from '../../core/app/command.js';
import { dispatch } from '../../core/app/registry.js';
import { serialFromParts } from '../../core/dates.js';
import type { Cell, Grid, Workbook } from '../../core/workbook.js';
import { OfficeWorkbook } from '../../office-addin/excel-workbook.js';
import type { RunBatch } from '../../office-addin/excel-api.js';
import { FakeExcel } from './fake-excel.js';

const COMMANDS = ['crm.setup', 'record.create', 'record.update (rename, cascading)', 'record.list', 'crm.check', 'field.add'] as const;
type Counts = Record<(typeof COMMANDS)[number], number>;

async function ok(ctx: Context, name: string, input: unknown): Promise<unknown> {
  const outcome = await dispatch(ctx, name, input);
  if (!outcome.ok) throw new Error(`${name} failed: ${JSON.stringify(outcome.error)}`);
  return outcome.result;
}

/** Seeds `n` companies and `n` contacts (each pointing at one of ten companies) in one append each. */
async function seed(wb: Workbook, n: number): Promise<void> {
  const companies = (await wb.read('Companies'))[0]!;
  const contacts = (await wb.read('Contacts'))[0]!;
  const row = (header: Cell[], values: Record<string, Cell>): Cell[] => header.map((h) => values[String(h)] ?? null);
  const co: Grid = [];
  const ct: Grid = [];
  for (let i = 1; i <= n; i++) {
    const id = String(i).padStart(6, '0');
    co.push(row(companies, { ID: `CO-${id}`, Name: `Company ${i}`, Email: `c${i}@example.com`, Created: 46000 + (i % 300) }));
    ct.push(row(contacts, { ID: `CT-${id}`, 'Full name': `Person ${i}`, Company: `Company ${(i % 10) + 1}` }));
  }
  await wb.transaction(async () => {
    await wb.append('Companies', co);
    await wb.append('Contacts', ct);
  });
}

/**
 * Syncs per command for a workbook of `n` companies. `wrap` lets a test swap in a deliberately
 * broken run function, to show that the measure notices one.
 */
async function measure(n: number, wrap: (run: RunBatch, excel: FakeExcel) => RunBatch = (run) => run): Promise<Counts> {
  const excel = new FakeExcel();
  const wb = new OfficeWorkbook({ run: wrap(excel.run, excel), user: () => ({ id: 'ada@example.com', name: 'Ada' }), features: { notes: true } });
  const ctx: Context = { wb, now: () => serialFromParts(2026, 11, 27, 10, 30) };
  const counts = {} as Counts;
  const step = async (label: (typeof COMMANDS)[number], name: string, input: unknown) => {
    excel.resetCounts();
    await ok(ctx, name, input);
    counts[label] = excel.syncs;
  };
  await step('crm.setup', 'crm.setup', { lang: 'en' });
  await seed(wb, n);
  await step('record.create', 'record.create', { directory: 'companies', values: { name: 'New one', email: 'new@example.com' } });
  await step('record.update (rename, cascading)', 'record.update', { directory: 'companies', id: 'Company 5', values: { name: 'Renamed' } });
  await step('record.list', 'record.list', { directory: 'companies', where: { name: 'renamed' } });
  await step('crm.check', 'crm.check', {});
  await step('field.add', 'field.add', { directory: 'companies', field: { label: 'Score', type: 'integer' } });
  // The rename reached every contact of that company, so the large case did write more cells.
  const contacts = excel.values('Contacts');
  const companyColumn = contacts[0]!.indexOf('Company');
  expect(contacts.filter((r) => r[companyColumn] === 'Renamed').length).toBe(Math.ceil(n / 10));
  return counts;
}

describe('The number of context.sync() calls per command', () => {
  it('is the same with 10 and with 10,000 companies', async () => {
    const small = await measure(10);
    const large = await measure(10_000);
    expect(large).toEqual(small);
  }, 120_000);

  describe('when a sync per row sneaks in', () => {
    it('differs between 10 and 1,000 companies, so the test above would fail', async () => {
      // A run function whose batches sync once more per row of the sheet they read: what a
      // `for (row of rows) { …; await context.sync(); }` in an adapter would cost.
      const leaky = (run: RunBatch, excel: FakeExcel): RunBatch => async (batch) => {
        const result = await run(batch);
        if (Array.isArray(result)) for (let i = 0; i < result.length; i++) excel.syncs++;
        return result;
      };
      const small = await measure(10, leaky);
      const large = await measure(1_000, leaky);
      expect(large).not.toEqual(small);
    }, 120_000);
  });
});
