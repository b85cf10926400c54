/**
 * Real commands, through the registry, against the Office adapter over the fake Excel: the number
 * of `context.sync()` calls each command makes must be the same with 10 and with 10,000 companies.
 * A sync inside a loop over rows — in the adapter or in core — makes the two counts differ.
 *
 * What each command costs is core's to decide (it changes as core changes); what is asserted is
 * that the cost does not grow with rows. The figures are printed for docs/excel.md.
 *
 * Then the port methods behind them, on their own: `writeBlocks` (many blocks, one sync), its
 * `expect` guard (one sync more), `deleteRows` with the guard, `merges` and `formulaCells`.
 */

import { describe, expect, it } from 'vitest';
import type { Context } from '../../core/app/command.js';
import type { PivotBuild } from '../../core/app/pivot-commands.js';
import { dispatch } from '../../core/app/registry.js';
import { serialFromParts } from '../../core/dates.js';
import { createRecords } from '../../core/records/create.js';
import { Crm } from '../../core/records/crm.js';
import type { Cell, CellBlock, Grid, NativePivotSpec, Workbook } from '../../core/workbook.js';
import { OfficeWorkbook } from '../../office-addin/excel-workbook.js';
import type { RunBatch } from '../../office-addin/excel-api.js';
import { FakeExcel } from './fake-excel.js';
import { inExcel } from './setup.js';
import { quarterChart } from '../helpers/report-charts.js';

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
  const wb = new OfficeWorkbook({ run: wrap(excel.run, excel), user: () => ({ id: 'ada@example.com', name: 'Ada' }), features: { notes: true, merges: true } });
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
    console.log(
      'context.sync() per command, 10 vs 10,000 companies:\n' +
        COMMANDS.map((c) => `  ${c.padEnd(36)} ${String(small[c]).padStart(3)} ${String(large[c]).padStart(5)}`).join('\n'),
    );
    expect(large).toEqual(small);
  }, 120_000);

  describe('when a sync per row sneaks in', () => {
    it('differs between 10 and 1,000 companies, so the test above would fail', async () => {
      // A run function whose batches sync once more per row of the sheet they read: what a
      // `for (row of rows) { …; await context.sync(); }` in an adapter would cost.
      const leaky = (run: RunBatch, excel: FakeExcel): RunBatch => async (options, batch) => {
        const result = await run(options, batch);
        if (Array.isArray(result)) for (let i = 0; i < result.length; i++) excel.syncs++;
        return result;
      };
      const small = await measure(10, leaky);
      const large = await measure(1_000, leaky);
      expect(large).not.toEqual(small);
    }, 120_000);
  });
});

describe('The number of context.sync() calls per port method', () => {
  /** A sheet of `rows` records (ID, Name, City) over a fresh fake Excel, counts reset. */
  async function sheetOf(rows: number) {
    const excel = new FakeExcel();
    const wb = new OfficeWorkbook({ run: excel.run, features: { notes: true, merges: true } });
    await wb.ensureSheet('S');
    const grid: Grid = [['ID', 'Name', 'City']];
    for (let i = 1; i <= rows; i++) grid.push([`CO-${i}`, `Name ${i}`, i % 2 ? 'Paris' : 'Lyon']);
    await wb.write('S', 0, 0, grid);
    excel.resetCounts();
    const syncsOf = async (fn: () => Promise<unknown>) => {
      excel.resetCounts();
      await fn();
      return excel.syncs;
    };
    return { excel, wb, syncsOf };
  }

  /** `n` blocks over every other row: a cascade's scattered cells, each its own block. */
  const scattered = (n: number): CellBlock[] => Array.from({ length: n }, (_, i) => ({ row: 1 + 2 * i, column: 2, cells: [[`City ${i}`]] }));
  const ids = (blocks: CellBlock[]) => blocks.map((b) => ({ row: b.row, column: 0, value: `CO-${b.row}` }));

  it('is one for writeBlocks, with 10 blocks as with 1,000 (no payload chunk either way)', async () => {
    const { excel, wb, syncsOf } = await sheetOf(2_000);
    const ten = await syncsOf(() => wb.writeBlocks('S', scattered(10)));
    const thousand = await syncsOf(() => wb.writeBlocks('S', scattered(1_000)));
    expect({ ten, thousand }).toEqual({ ten: 1, thousand: 1 });
    expect(excel.largestRequest).toBeLessThan(4_000_000);
    expect((await wb.read('S'))[1_999]![2]).toBe('City 999');
  });

  it('is one more with the expect guard, whatever the number of expected cells', async () => {
    const { wb, syncsOf } = await sheetOf(2_000);
    const ten = await syncsOf(() => wb.writeBlocks('S', scattered(10), ids(scattered(10))));
    const thousand = await syncsOf(() => wb.writeBlocks('S', scattered(1_000), ids(scattered(1_000))));
    expect({ ten, thousand }).toEqual({ ten: 2, thousand: 2 });
  });

  it('is the guard and one deletion sync for deleteRows, with 10 rows as with 1,000 scattered ones', async () => {
    const small = await sheetOf(2_000);
    const large = await sheetOf(2_000);
    const rows = (n: number) => Array.from({ length: n }, (_, i) => 1 + 2 * i);
    const ten = await small.syncsOf(() => small.wb.deleteRows('S', rows(10), rows(10).map((row) => ({ row, column: 0, value: `CO-${row}` }))));
    const thousand = await large.syncsOf(() => large.wb.deleteRows('S', rows(1_000), rows(1_000).map((row) => ({ row, column: 0, value: `CO-${row}` }))));
    expect({ ten, thousand }).toEqual({ ten: 2, thousand: 2 });
    expect((await large.wb.read('S')).length).toBe(1_001);
  });

  it('is one for merges, with 10 rows as with 10,000, and 10 merged areas as with 500', async () => {
    const cost = async (rows: number, areas: number) => {
      const { excel, wb, syncsOf } = await sheetOf(rows);
      await inExcel(excel, 'S', (ws) => {
        for (let i = 0; i < areas; i++) ws.getRangeByIndexes(1 + i, 1, 1, 2).merge();
      });
      const syncs = await syncsOf(() => wb.merges('S'));
      expect((await wb.merges('S')).length).toBe(areas);
      return syncs;
    };
    expect({ small: await cost(10, 10), large: await cost(10_000, 500) }).toEqual({ small: 1, large: 1 });
  });

  it('is one for formulaCells, over a 10-row range as over a 10,000-row one, a formula on every row', async () => {
    const cost = async (rows: number) => {
      const { excel, wb, syncsOf } = await sheetOf(rows);
      await wb.write('S', 1, 3, Array.from({ length: rows }, (_, i) => [{ formula: `=LEN(B${i + 2})`, value: `Name ${i + 1}`.length }]));
      let found: { row: number; column: number }[] = [];
      const syncs = await syncsOf(async () => (found = await wb.formulaCells('S', { top: 0, left: 0, bottom: rows, right: 3 })));
      expect(found).toHaveLength(rows);
      expect(found[rows - 1]).toEqual({ row: rows, column: 3 });
      expect(excel.largestRequest).toBeLessThan(4_000_000);
      return syncs;
    };
    expect({ small: await cost(10), large: await cost(10_000) }).toEqual({ small: 1, large: 1 });
  });
});

describe("The number of context.sync() calls for a report's sheet", () => {
  /** A Report sheet of `n` product rows (Product, Q1, Q2), built once with its formats and chart. */
  async function reportOf(n: number) {
    const excel = new FakeExcel();
    const wb = new OfficeWorkbook({ run: excel.run, features: { notes: true, merges: true } });
    await wb.ensureSheet('Report');
    await wb.write('Report', 0, 0, [['Product', 'Q1', 'Q2'], ...Array.from({ length: n }, (_, i) => [`Product ${i + 1}`, i, 2 * i])]);
    await wb.formatSheet('Report', format(n));
    await wb.charts('Report', [chart(n, 'Carnet: Units')]);
    excel.resetCounts();
    return { excel, wb };
  }
  const format = (n: number) => ({
    frozenRows: 1,
    frozenColumns: 1,
    bold: [{ top: 0, left: 0, bottom: 0, right: 2 }],
    numberFormats: [{ range: { top: 1, left: 1, bottom: n, right: 2 }, format: '#,##0' }],
    widths: [{ column: 0, width: 24 }],
  });
  const chart = quarterChart;
  const cases: [string, number, (wb: OfficeWorkbook, n: number) => Promise<unknown>][] = [
    ['clearSheet', 2, (wb) => wb.clearSheet('Report')],
    ['formatSheet', 1, (wb, n) => wb.formatSheet('Report', format(n))],
    ["charts, replacing Carnet's chart", 2, (wb, n) => wb.charts('Report', [chart(n, 'Carnet: Units again'), chart(n, 'Carnet: Units, twice')])],
  ];
  for (const [what, syncs, call] of cases) {
    it(`is ${syncs} for ${what}, with 10 rows as with 10,000`, async () => {
      const cost = async (n: number) => {
        const { excel, wb } = await reportOf(n);
        await call(wb, n);
        return excel.syncs;
      };
      expect({ small: await cost(10), large: await cost(10_000) }).toEqual({ small: syncs, large: syncs });
    });
  }
});

describe('The number of context.sync() calls for a native PivotTable', () => {
  /** Shipments by product per month over `n` rows of core's data sheet (Product, Month, Quantity). */
  const spec = (n: number): NativePivotSpec => ({
    name: 'Carnet Shipments',
    source: { sheet: 'Shipments data', range: { top: 0, left: 0, bottom: n, right: 2 } },
    target: { sheet: 'Shipments pivot', row: 2, column: 0 },
    rows: [{ column: 0 }],
    columns: [{ column: 1 }],
    values: [{ column: 2, agg: 'sum', label: 'Quantity shipped' }],
  });

  /** The data sheet of `n` rows and Carnet's PivotTable over it, placed once; counts reset. */
  async function pivotOf(n: number) {
    const excel = new FakeExcel();
    const wb = new OfficeWorkbook({ run: excel.run, features: { notes: true, merges: true } });
    await wb.ensureSheet('Shipments data');
    await wb.write('Shipments data', 0, 0, [['Product', 'Month', 'Quantity'], ...Array.from({ length: n }, (_, i) => [`Product ${i % 7}`, `2026-${String(1 + (i % 12)).padStart(2, '0')}`, 1 + (i % 9)])]);
    await wb.ensureSheet('Shipments pivot');
    await wb.pivotTable(spec(n));
    excel.resetCounts();
    return { excel, wb };
  }

  const cases: [string, number, (wb: OfficeWorkbook, n: number) => Promise<unknown>][] = [
    ["pivotTable, replacing Carnet's", 2, (wb, n) => wb.pivotTable(spec(n))],
    ['clearSheet of the sheet it is on', 2, (wb) => wb.clearSheet('Shipments pivot')],
  ];
  for (const [what, syncs, call] of cases) {
    it(`is ${syncs} for ${what}, with 10 rows as with 10,000`, async () => {
      const cost = async (n: number) => {
        const { excel, wb } = await pivotOf(n);
        await call(wb, n);
        return excel.syncs;
      };
      expect({ small: await cost(10), large: await cost(10_000) }).toEqual({ small: syncs, large: syncs });
    });
  }

  it('is one more on a sheet Carnet protected (the batch again, between unprotect and protect)', async () => {
    const { excel, wb } = await pivotOf(10_000);
    await wb.protect({ sheets: [{ name: 'Shipments pivot', editors: [], locked: true }] });
    excel.resetCounts();
    await wb.pivotTable(spec(10_000));
    // The first attempt's 2 (the second refused), then 3: unprotect with the loads, the build, protect.
    expect(excel.syncs).toBe(2 + 3);
  });
});

describe('The number of context.sync() calls for pivot.build', () => {
  /**
   * The built-in "Shipments by product" (products × months, quantity) on a default CRM of 10 and
   * of 10,000 sales over the same 7 products and 5 months, so that only the rows differ: built once,
   * built again, then with `native: true` (a snapshot sheet of the sales and Excel's PivotTable on it).
   */
  const STEPS = [
    ['first build', { report: 'Shipments by product' }],
    ['build again', { report: 'Shipments by product' }],
    ['build with native: true', { report: 'Shipments by product', native: true }],
  ] as const;

  async function builds(n: number): Promise<Record<string, number>> {
    const excel = new FakeExcel();
    const wb = new OfficeWorkbook({ run: excel.run, user: () => ({ id: 'ada@example.com', name: 'Ada' }), features: { notes: true, merges: true } });
    const ctx: Context = { wb, now: () => serialFromParts(2026, 11, 27, 10, 30) };
    await ok(ctx, 'crm.setup', { lang: 'en' });
    const crm = await Crm.open(wb);
    const defaults = { today: 46353, now: 46353.5, user: 'ada@example.com' };
    const firstOfMonth = [46023, 46054, 46082, 46113, 46143];
    await createRecords(crm, 'companies', Array.from({ length: 10 }, (_, i) => ({ name: `Company ${i}` })), defaults);
    await createRecords(crm, 'products', Array.from({ length: 7 }, (_, i) => ({ code: `P-${i}`, name: `Product ${i}`, unit_price: 10 + i })), defaults);
    await createRecords(
      crm,
      'sales',
      Array.from({ length: n }, (_, i) => ({ date: firstOfMonth[i % 5]! + (i % 28), company: `Company ${i % 10}`, product: `Product ${i % 7}`, quantity: 1 + (i % 9), unit_price: 10 + (i % 7) })),
      defaults,
    );
    const counts: Record<string, number> = {};
    for (const [step, input] of STEPS) {
      excel.resetCounts();
      const built = (await ok(ctx, 'pivot.build', input)) as PivotBuild;
      expect(built.result.records, step).toBe(n);
      counts[step] = excel.syncs;
    }
    return counts;
  }

  it('is the same with 10 and with 10,000 sales, at every step', async () => {
    const small = await builds(10);
    const large = await builds(10_000);
    console.log(
      'context.sync() for pivot.build "Shipments by product", 10 vs 10,000 sales:\n' +
        STEPS.map(([step]) => `  ${step.padEnd(26)} ${String(small[step]).padStart(3)} ${String(large[step]).padStart(5)}`).join('\n'),
    );
    expect(large).toEqual(small);
  }, 120_000);
});
