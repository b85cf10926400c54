import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inflateRawSync } from 'node:zlib';
import type { Context } from '../../../core/app/command.js';
import { serialFromParts } from '../../../core/dates.js';
import { decodeBase64 } from '../../../core/export/base64.js';
import { decodeBytes } from '../../../core/import/encoding.js';
import { readXlsxRows } from '../../../core/import/xlsx-rows.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';
import { defaultCrmSchema, defaultSeedRows } from '../../../core/schema/default-crm.js';
import { setupCrm } from '../../../core/schema/setup.js';
import { ok } from '../../helpers/commands.js';

const TODAY = serialFromParts(2026, 12, 1);
const USER = 'anna@example.com';

async function fresh(lang: 'en' | 'fr' | 'ru'): Promise<Context> {
  const wb = new MemoryWorkbook({ id: USER, name: 'Anna' });
  await setupCrm(wb, defaultCrmSchema(lang), defaultSeedRows(lang), { today: TODAY, now: TODAY + 0.5, user: USER });
  return { wb, now: () => TODAY + 0.5 };
}

/** Text a record may hold, formula starts and Carnet's own guard included. */
const text = fc
  .tuple(fc.constantFrom('', '=', '+', '-', '@', "'=", "''+", '"', ';', ',', ' '), fc.string({ minLength: 1, maxLength: 10 }))
  .map(([a, b]) => `${a}${b}`.trim())
  .filter((s) => s !== '');

const company = fc.record({
  name: text,
  phone: fc.option(fc.integer({ min: 600000000, max: 699999999 }).map((n) => `+33${n}`), { nil: undefined }),
  email: fc.option(fc.constantFrom('a@b.example', 'Sales@ACME.example'), { nil: undefined }),
  discount: fc.option(fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000), { nil: undefined }),
  created: fc.option(fc.integer({ min: 36526, max: 47000 }), { nil: undefined }),
  notes: fc.option(text, { nil: undefined }),
});

const companies = fc.uniqueArray(company, { minLength: 1, maxLength: 8, selector: (c) => c.name.toLowerCase().replace(/\s+/g, ' ') });

async function listed(ctx: Context, directory: string): Promise<unknown[]> {
  return (await ok(ctx, 'record.list', { directory })).records.map((r: any) => ({ id: r.id, values: r.values }));
}

async function roundTrip(format: 'csv' | 'xlsx', lang: 'en' | 'fr' | 'ru', list: Record<string, unknown>[], contactOf: boolean[]) {
  const a = await fresh(lang);
  for (const c of list) {
    const values = Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined));
    await ok(a, 'record.create', { directory: 'companies', values });
  }
  const names = (await ok(a, 'record.list', { directory: 'companies' })).records.map((r: any) => r.values.name as string);
  for (const [i, name] of names.entries()) {
    if (contactOf[i]) await ok(a, 'record.create', { directory: 'contacts', values: { name: `Contact ${i}`, company: name, mobile: '+33612345678' } });
  }
  const b = await fresh(lang);
  for (const directory of ['companies', 'contacts']) {
    const file = await ok(a, 'export.file', { directory, format });
    const bytes = decodeBase64(file.base64);
    const source = format === 'csv' ? { kind: 'text', text: decodeBytes(bytes, 'utf-8') } : { kind: 'rows', rows: (await readXlsxRows(bytes, async (d) => inflateRawSync(d))).rows };
    const result = await ok(b, 'import.apply', { directory, source, mode: 'create' });
    expect(result.rows).toEqual([]);
  }
  expect(await listed(b, 'companies')).toEqual(await listed(a, 'companies'));
  expect(await listed(b, 'contacts')).toEqual(await listed(a, 'contacts'));
}

describe('export, then import into an empty CRM', () => {
  it('reproduces every value and ID, through CSV (guard characters included) and through XLSX', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('csv' as const, 'xlsx' as const), fc.constantFrom('en' as const, 'fr' as const, 'ru' as const), companies, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), roundTrip),
      { numRuns: 40 },
    );
  });
});
