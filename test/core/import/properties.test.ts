import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import { serialFromParts } from '../../../core/dates.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';
import { defaultCrmSchema, defaultSeedRows } from '../../../core/schema/default-crm.js';
import { setupCrm } from '../../../core/schema/setup.js';
import { ok } from '../../helpers/commands.js';

const TODAY = serialFromParts(2026, 12, 1);
const USER = 'anna@example.com';

async function fresh(): Promise<{ wb: MemoryWorkbook; ctx: Context }> {
  const wb = new MemoryWorkbook({ id: USER, name: 'Anna' });
  await setupCrm(wb, defaultCrmSchema('en'), defaultSeedRows('en'), { today: TODAY, now: TODAY + 0.5, user: USER });
  return { wb, ctx: { wb, now: () => TODAY + 0.5 } };
}

function snapshot(wb: MemoryWorkbook): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { name } of wb.sheetList) {
    if (name.startsWith('_carnet') || name === 'Audit') continue;
    const trim = (r: unknown[]) => {
      let n = r.length;
      while (n > 0 && (r[n - 1] === null || r[n - 1] === '')) n--;
      return r.slice(0, n);
    };
    out[name] = wb.sheet(name)!.cells.map((r) => trim(Array.from(r ?? [], (c) => c ?? null))).filter((r) => r.length > 0);
  }
  return out;
}

/** Text a hostile or careless file holds: formula starts, tabs, CRs, quotes, separators. */
const nasty = fc
  .tuple(fc.constantFrom('', '=', '+', '-', '@', '\t', '\r', "'=", '"', ';'), fc.string({ maxLength: 12 }))
  .map(([a, b]) => `${a}${b}`);

/** Company rows: unique names (case-insensitively), a phone or not, notes of any text. */
const companies = fc.uniqueArray(
  fc.record({
    name: fc.tuple(fc.constantFrom('Acme', 'Bolt', '=Cmd', '+Plus', '@At', 'Łódź', 'Общество'), fc.integer({ min: 1, max: 4 })).map(([a, n]) => `${a} ${n}`),
    phone: fc.option(fc.integer({ min: 600000000, max: 699999999 }).map((n) => `+33 ${n}`), { nil: undefined }),
    notes: fc.option(nasty, { nil: undefined }),
  }),
  { minLength: 1, maxLength: 12, selector: (r) => r.name.toLowerCase() },
);

const rowsOf = (list: { name: string; phone?: string | undefined; notes?: string | undefined }[]) => [['Name', 'Phone', 'Remarks'], ...list.map((c) => [c.name, c.phone ?? null, c.notes ?? null])];

describe('import properties', () => {
  it('an upsert re-import of the same rows changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(companies, async (list) => {
        const { wb, ctx } = await fresh();
        const request = { directory: 'companies', source: { kind: 'rows', rows: rowsOf(list) } };
        const first = await ok(ctx, 'import.apply', request);
        expect(first.counts.create).toBe(list.length);
        const before = snapshot(wb);
        const again = await ok(ctx, 'import.apply', request);
        expect(again.counts).toEqual({ create: 0, update: 0, unchanged: list.length, skip: 0, reject: 0 });
        expect(snapshot(wb)).toEqual(before);
      }),
      { numRuns: 40 },
    );
  });

  it('no text from a file ever lands as a formula, and it is stored as given', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(nasty, { minLength: 1, maxLength: 10 }), async (notes) => {
        const { wb, ctx } = await fresh();
        const rows = [['Name', 'Remarks'], ...notes.map((n, i) => [`Company ${i}`, n])];
        await ok(ctx, 'import.apply', { directory: 'companies', source: { kind: 'rows', rows } });
        const sheet = wb.sheet('Companies')!;
        expect(sheet.formulas.flat().filter(Boolean)).toEqual([]);
        const stored = (await ok(ctx, 'record.list', { directory: 'companies' })).records.map((r: any) => r.values.notes);
        const trimmed = notes.map((n) => (n.trim() === '' ? null : n.replace(/\r\n?/g, '\n').trim()));
        expect(stored).toEqual(trimmed);
      }),
      { numRuns: 60 },
    );
  });

  it('undo after an upsert restores the workbook exactly', async () => {
    // Names come from a small pool, so most runs update existing records as well as create new ones.
    let updates = 0;
    await fc.assert(
      fc.asyncProperty(companies, companies, async (existing, file) => {
        const { wb, ctx } = await fresh();
        await ok(ctx, 'import.apply', { directory: 'companies', source: { kind: 'rows', rows: rowsOf(existing) } });
        const before = snapshot(wb);
        const r = await ok(ctx, 'import.apply', { directory: 'companies', source: { kind: 'rows', rows: rowsOf(file) } });
        updates += r.counts.update;
        const undo = await ok(ctx, 'import.undo', { batch: r.batch });
        expect(undo.done).toBe(true);
        expect(snapshot(wb)).toEqual(before);
      }),
      { numRuns: 40 },
    );
    expect(updates).toBeGreaterThan(10);
  });
});
