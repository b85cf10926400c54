/**
 * Laws of the pivot engine over generated sales, checked against sums computed here from the
 * rows themselves (never by asking the engine): totals agree with each other and with the rows,
 * months roll up into years, filtering then pivoting is pivoting the filtered rows, and money
 * sums are exact to the cent.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import { dispatch } from '../../../core/app/registry.js';
import { partsFromSerial, serialFromParts } from '../../../core/dates.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';
import type { PivotResult } from '../../../core/pivot/types.js';
import { defaultCrmSchema } from '../../../core/schema/default-crm.js';
import { setupCrm } from '../../../core/schema/setup.js';
import type { Cell } from '../../../core/workbook.js';

const TODAY = serialFromParts(2026, 6, 15);
const PRODUCTS = ['Widget', 'widget ', 'Gadget', 'Gizmo', ''];
const COMPANIES = ['Acme', 'Bolt', 'Corvo'];

interface Row {
  day: number;
  product: string;
  company: string;
  quantity: number;
  cents: number;
}

const row: fc.Arbitrary<Row> = fc.record({
  day: fc.integer({ min: serialFromParts(2024, 11, 1), max: serialFromParts(2026, 12, 31) }),
  product: fc.constantFrom(...PRODUCTS),
  company: fc.constantFrom(...COMPANIES),
  quantity: fc.integer({ min: -20, max: 500 }),
  cents: fc.integer({ min: -50_000, max: 5_000_000 }),
});

/** One workbook set up once; each run replaces the Sales sheet's rows. */
async function book(): Promise<{ wb: MemoryWorkbook; ctx: Context; header: Cell[] }> {
  const wb = new MemoryWorkbook({ id: 'a@x.example', name: 'A' });
  await setupCrm(wb, defaultCrmSchema('en'), {}, { today: TODAY, now: TODAY, user: 'a@x.example' });
  return { wb, ctx: { wb, now: () => TODAY + 0.5 }, header: wb.sheet('Sales')!.cells[0]! };
}

function fill(wb: MemoryWorkbook, header: Cell[], rows: Row[]): void {
  const at = (name: string) => header.indexOf(name);
  const s = wb.sheet('Sales')!;
  s.cells = [header, ...rows.map((r, i) => {
    const line: Cell[] = new Array(header.length).fill(null);
    line[at('ID')] = `SA-${String(i + 1).padStart(6, '0')}`;
    line[at('Date')] = r.day;
    line[at('Company')] = r.company;
    line[at('Product')] = r.product === '' ? null : r.product;
    line[at('Quantity')] = r.quantity;
    line[at('Amount')] = r.cents / 100;
    return line;
  })];
  s.formulas = [];
}

async function run(ctx: Context, definition: unknown): Promise<PivotResult> {
  const out = await dispatch(ctx, 'pivot.run', { definition });
  if (!out.ok) throw new Error(JSON.stringify(out.error));
  return out.result as PivotResult;
}

const cents = (x: number | null | undefined) => Math.round((x ?? 0) * 100);

describe('pivot laws (fast-check)', async () => {
  const { wb, ctx, header } = await book();

  it('grand total = Σ row totals = Σ column totals = the sum over the filtered rows, in cents exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 120 }), fc.subarray(COMPANIES, { minLength: 1 }), async (rows, companies) => {
        fill(wb, header, rows);
        const r = await run(ctx, {
          object: 'sales',
          rows: [{ field: 'product' }],
          columns: [{ field: 'date', by: 'quarter' }],
          data: [{ field: 'amount', agg: 'sum' }, { field: 'quantity', agg: 'sum' }],
          filters: [{ field: 'company', op: 'in', values: companies }],
        });
        const kept = rows.filter((x) => companies.includes(x.company));
        const centsSum = kept.reduce((s, x) => s + x.cents, 0);
        const quantity = kept.reduce((s, x) => s + x.quantity, 0);
        expect(r.records).toBe(kept.length);
        if (kept.length === 0) return;
        // Exact: the same number as the cents divided once, not a float drift of it.
        expect(r.grandTotals![0]).toBe(centsSum / 100);
        expect(r.grandTotals![1]).toBe(quantity);
        expect(r.rowTotals!.reduce((s, t) => s + cents(t[0]), 0)).toBe(centsSum);
        expect(r.columnTotals!.reduce((s, t) => s + cents(t[0]), 0)).toBe(centsSum);
        expect(r.rowTotals!.reduce((s, t) => s + (t[1] ?? 0), 0)).toBe(quantity);
        expect(r.columnTotals!.reduce((s, t) => s + (t[1] ?? 0), 0)).toBe(quantity);
        // Every cell is its rows' sum.
        r.rowKeys.forEach((rk, i) =>
          r.columnKeys.forEach((ck, j) => {
            const mine = kept.filter((x) => {
              const p = partsFromSerial(x.day);
              const product = x.product.trim() === '' ? null : x.product.trim().toLowerCase();
              const key = rk[0]!.key === null ? null : String(rk[0]!.key).toLowerCase();
              return product === key && `${p.year}-Q${Math.ceil(p.month / 3)}` === ck[0]!.key;
            });
            expect(cents(r.cells[i]![j]![0])).toBe(mine.reduce((s, x) => s + x.cents, 0));
          }),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('grouping by month and then by year equals grouping by year', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 150 }), async (rows) => {
        fill(wb, header, rows);
        const data = [{ field: 'amount', agg: 'sum' }, { agg: 'count' }, { field: 'quantity', agg: 'max' }];
        const months = await run(ctx, { object: 'sales', rows: [{ field: 'date', by: 'month' }], data });
        const years = await run(ctx, { object: 'sales', rows: [{ field: 'date', by: 'year' }], data });
        const rolled = new Map<string, [number, number, number]>();
        months.rowKeys.forEach((k, i) => {
          const year = String(k[0]!.key).slice(0, 4);
          const [sum, count, max] = rolled.get(year) ?? [0, 0, -Infinity];
          const c = months.cells[i]![0]!;
          rolled.set(year, [sum + cents(c[0]), count + c[1]!, Math.max(max, c[2]!)]);
        });
        expect(years.rowKeys.map((k) => String(k[0]!.key))).toEqual([...rolled.keys()]);
        years.rowKeys.forEach((k, i) => {
          const c = years.cells[i]![0]!;
          expect([cents(c[0]), c[1], c[2]]).toEqual(rolled.get(String(k[0]!.key)));
        });
      }),
      { numRuns: 60 },
    );
  });

  it('filtering then pivoting equals pivoting the filtered rows', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 120 }),
        fc.integer({ min: serialFromParts(2024, 11, 1), max: serialFromParts(2026, 12, 31) }),
        fc.integer({ min: 0, max: 400 }),
        async (rows, from, span) => {
          const to = from + span;
          const definition = (filters: unknown[]) => ({ object: 'sales', rows: [{ field: 'company' }], columns: [{ field: 'product' }], data: [{ field: 'amount', agg: 'sum' }, { field: 'quantity', agg: 'average' }], filters });
          fill(wb, header, rows);
          const filtered = await run(ctx, definition([{ field: 'date', op: 'between', from, to }, { field: 'quantity', op: 'between', from: 0, to: null }]));
          const kept = rows.filter((x) => x.day >= from && x.day <= to && x.quantity >= 0);
          if (kept.length === 0) {
            expect(filtered.records).toBe(0);
            return;
          }
          fill(wb, header, kept);
          const direct = await run(ctx, definition([]));
          const { caption: _a, ...a } = filtered;
          const { caption: _b, ...b } = direct;
          expect(a).toEqual(b);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('money sums are exact: n amounts of 0.10 make n × 0.10 to the cent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 400 }), async (n) => {
        fill(wb, header, Array.from({ length: n }, (_, i) => ({ day: TODAY - (i % 90), product: 'Gizmo', company: 'Acme', quantity: 1, cents: 10 })));
        const r = await run(ctx, { object: 'sales', rows: [{ field: 'product' }], data: [{ field: 'amount', agg: 'sum' }] });
        expect(r.grandTotals![0]).toBe(n / 10);
        expect(String(r.grandTotals![0])).toBe(String(n / 10));
      }),
      { numRuns: 40 },
    );
  });
});
