import { describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import { dispatch } from '../../../core/app/registry.js';
import { serialFromParts } from '../../../core/dates.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';
import { setupCrm } from '../../../core/schema/setup.js';
import { miniSchema } from '../../helpers/schemas.js';

const TODAY = serialFromParts(2026, 11, 27);

async function crmWithData(): Promise<{ wb: MemoryWorkbook; ctx: Context }> {
  const wb = new MemoryWorkbook({ id: 'anna@example.com', name: 'Anna' });
  const defaults = { today: TODAY, now: TODAY, user: 'anna@example.com' };
  await setupCrm(wb, miniSchema(), { cities: [{ name: 'Lyon' }, { name: 'Nantes' }] }, defaults);
  const ctx = { wb, now: () => TODAY };
  for (const values of [
    { name: 'Acme', city: 'Lyon', email: 'a@acme.fr' },
    { name: 'Bolt', city: 'Nantes', email: 'b@bolt.fr' },
  ]) {
    const out = await dispatch(ctx, 'record.create', { directory: 'companies', values });
    if (!out.ok) throw new Error(JSON.stringify(out.error));
  }
  return { wb, ctx };
}

async function check(ctx: Context): Promise<any> {
  const out = await dispatch(ctx, 'crm.check', {});
  if (!out.ok) throw new Error(JSON.stringify(out.error));
  return out.result;
}

describe('check', () => {
  it('finds nothing wrong in a workbook Carnet wrote', async () => {
    const { ctx } = await crmWithData();
    expect(await check(ctx)).toEqual({ directories: 3, records: 4, errors: 0, warnings: 0, problems: [] });
  });

  it('reports each hand-made mistake with its sheet and cell', async () => {
    const { wb, ctx } = await crmWithData();
    const companies = wb.sheet('Companies')!.cells;
    companies[1]![3] = 'bob@'; // a bad email
    companies[2]![2] = 'Paris'; // a city that is not in Cities
    companies[3] = ['CO-000003', 'ACME ']; // the same company twice
    const sales = wb.sheet('Sales')!.cells;
    sales[0]![2] = 'Client'; // a header renamed by hand
    const report = await check(ctx);
    expect(report.errors).toBe(4);
    expect(report.problems).toEqual([
      {
        code: 'E_INVALID_VALUE',
        severity: 'error',
        directory: 'companies',
        field: 'email',
        sheet: 'Companies',
        row: 2,
        cell: 'D2',
        value: 'bob@',
        message: 'Companies!D2: "bob@" is not an email address.',
      },
      {
        code: 'E_REFERENCE',
        severity: 'error',
        directory: 'companies',
        field: 'city',
        sheet: 'Companies',
        row: 3,
        cell: 'C3',
        value: 'Paris',
        message: 'Companies!C3: "Paris" is not in Cities.',
      },
      {
        code: 'E_UNIQUE',
        severity: 'error',
        directory: 'companies',
        field: 'name',
        sheet: 'Companies',
        row: 4,
        cell: 'B4',
        value: 'ACME ',
        message: 'Companies!B4: "ACME " is also on row 2; Name must be unique.',
      },
      {
        code: 'E_SCHEMA',
        severity: 'error',
        directory: 'sales',
        field: 'company',
        sheet: 'Sales',
        message: 'Sales: no column for field "Company" — renamed by hand? Headers that match no field: "Client" in C1.',
      },
    ]);
  });

  it('warns about values typed by hand that Carnet would store differently, without failing', async () => {
    const { wb, ctx } = await crmWithData();
    wb.sheet('Companies')!.cells[1]![4] = '06 12 34 56 78';
    const report = await check(ctx);
    expect(report.errors).toBe(0);
    expect(report.problems).toEqual([
      {
        code: 'E_INVALID_VALUE',
        severity: 'warning',
        directory: 'companies',
        field: 'phone',
        sheet: 'Companies',
        row: 2,
        cell: 'E2',
        value: '06 12 34 56 78',
        message: 'Companies!E2: "06 12 34 56 78" would be stored as "+33612345678".',
      },
    ]);
  });

  it('reports a missing sheet and duplicate ids', async () => {
    const { wb, ctx } = await crmWithData();
    wb.sheetList.splice(wb.sheetList.findIndex((s) => s.name === 'Sales'), 1);
    wb.sheet('Companies')!.cells[2]![0] = 'CO-000001';
    const report = await check(ctx);
    expect(report.problems.map((p: any) => p.message)).toEqual([
      'Sheet "Sales" of directory Sales is missing (renamed or deleted?).',
      'Companies!A3: ID CO-000001 is also on row 2.',
    ]);
  });
});
