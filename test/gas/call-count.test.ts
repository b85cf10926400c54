/**
 * No command may make Apps Script calls per row: each real command runs against a CRM of 10
 * companies (and 10 contacts) and one of 10,000, and must make exactly the same calls, method by
 * method. A per-row call anywhere (adapter or core) makes the two counts differ.
 *
 * How many calls a command makes is core's choice (which sheets it reads, which blocks it writes),
 * so the figures are printed rather than pinned; what is asserted is that they do not grow with
 * rows. The adapter's own promises (writeBlocks, its guard, merges) are held below, port method by
 * port method, with 10 and 10,000 rows or blocks.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import type { PivotBuild } from '../../core/app/pivot-commands.js';
import { dispatch } from '../../core/app/registry.js';
import type { CellBlock, ExpectedCell, Grid, NativePivotSpec } from '../../core/workbook.js';
import { contextFor } from '../../gas-addon/server.js';
import { AppsScriptWorkbook } from '../../gas-addon/sheets-workbook.js';
import { crmWith, crmWithSales, type CrmFixture } from './crm-fixture.js';
import { FakeAppsScript } from './fake-spreadsheet-app.js';
import { quarterChart } from '../helpers/report-charts.js';

const SMALL = 10;
const LARGE = 10_000;

/** The commands of a working session, in order (each sees the previous ones' changes). */
const SESSION: [string, unknown][] = [
  ['crm.setup', { lang: 'en' }],
  ['schema.get', {}],
  ['record.create', { directory: 'companies', values: { name: 'New Co', email: 'hello@new.example', phone: '+1 212 555 0100' } }],
  ['record.update', { directory: 'companies', id: 'CO-000001', values: { name: 'Renamed Co' } }],
  ['record.list', { directory: 'companies' }],
  ['record.get', { directory: 'contacts', id: 'Person 0' }],
  ['crm.check', {}],
  ['field.add', { directory: 'companies', field: { label: 'Rating', type: 'integer' } }],
  ['record.delete', { directory: 'companies', id: 'New Co' }],
];

/** Calls that move cells or change the grid: the expensive round trips (as bench/gas-rows.ts counts them). */
const DATA_CALL =
  /^(Range\.(getValues|getFormulas|setValues|getNumberFormats|getFontWeights|setFontWeights|getNotes|setNotes|setDataValidation|clearDataValidations|getMergedRanges)|RangeList\.|Sheet\.(insertRowsAfter|insertColumnsAfter|deleteRows)|SpreadsheetApp\.flush)/;

interface Measured {
  total: number;
  perMethod: Record<string, number>;
}

async function measureSession(fixture: CrmFixture): Promise<Map<string, Measured>> {
  const out = new Map<string, Measured>();
  for (const [command, input] of SESSION) {
    fixture.fake.calls.reset();
    const outcome = await fixture.run(command, input);
    if (!outcome.ok) throw new Error(`${command}: ${outcome.error.message}`);
    out.set(command, { total: fixture.fake.calls.total(), perMethod: fixture.fake.calls.snapshot() });
  }
  return out;
}

/** One line per command, the figures docs/google-sheets.md quotes. */
function printTable(small: Map<string, Measured>, large: Map<string, Measured>): void {
  const pick = (m: Measured | undefined, method: string) => m?.perMethod[method] ?? 0;
  const data = (m: Measured | undefined) => Object.entries(m?.perMethod ?? {}).reduce((a, [k, v]) => a + (DATA_CALL.test(k) ? v : 0), 0);
  const lines = SESSION.map(([command]) => {
    const s = small.get(command);
    const l = large.get(command);
    return `| \`${command}\` | ${s?.total} | ${l?.total} | ${data(l)} | ${pick(l, 'Range.getValues')} | ${pick(l, 'Range.setValues')} | ${pick(l, 'RangeList.setValue')} |`;
  });
  console.log(
    [
      `Apps Script calls per command, ${SMALL} vs ${LARGE.toLocaleString('en')} rows:`,
      '| command | calls (10 rows) | calls (10,000 rows) | read/write calls | getValues | setValues | RangeList.setValue |',
      '|---|---|---|---|---|---|---|',
      ...lines,
    ].join('\n'),
  );
}

describe('Apps Script calls per command', () => {
  let small: Map<string, Measured>;
  let large: Map<string, Measured>;
  let fixtures: { small: CrmFixture; large: CrmFixture };

  beforeAll(async () => {
    fixtures = { small: await crmWith(SMALL), large: await crmWith(LARGE) };
    small = await measureSession(fixtures.small);
    large = await measureSession(fixtures.large);
    printTable(small, large);
  }, 180_000);

  describe(`are the same with ${LARGE.toLocaleString('en')} companies as with ${SMALL}`, () => {
    for (const [command] of SESSION) {
      it(`for ${command}, method by method`, () => {
        expect(large.get(command)).toEqual(small.get(command));
      });
    }
  });

  it('stay under 200 for the heaviest command of the session (an alarm, not a figure)', () => {
    const heaviest = Math.max(...[...large.values()].map((m) => m.total));
    expect(heaviest).toBeLessThan(200);
  });

  describe('the comparison itself', () => {
    /** An adapter that reads a sheet row by row, as a naive port of Excel code might. */
    class RowByRowWorkbook extends AppsScriptWorkbook {
      constructor(private readonly fake: FakeAppsScript) {
        super(fake.services);
      }
      override async read(sheet: string): Promise<Grid> {
        const grid = await super.read(sheet);
        const s = this.fake.spreadsheet.getSheetByName(sheet);
        if (s) for (let r = 1; r <= grid.length; r++) s.getRange(r, 1, 1, 1).getValues();
        return grid;
      }
    }

    it('catches a per-row call: the counts then differ', async () => {
      const counts: Record<string, number>[] = [];
      for (const f of [fixtures.small, fixtures.large]) {
        f.fake.calls.reset();
        const outcome = await dispatch(contextFor(new RowByRowWorkbook(f.fake)), 'record.list', { directory: 'companies' });
        expect(outcome.ok).toBe(true);
        counts.push(f.fake.calls.snapshot());
      }
      expect(counts[1]).not.toEqual(counts[0]);
      expect(counts[1]!['Range.getValues']! - counts[0]!['Range.getValues']!).toBe(LARGE - SMALL);
    });
  });
});

describe('Apps Script calls per port method', () => {
  /**
   * A Contacts sheet of `n` rows (ID, Name, Company; every other one at Acme), its Company header
   * merged with the empty cell beside it, and a fresh adapter that has read it, as a command has before it writes: what one port
   * call then costs, method by method.
   */
  async function costOf(n: number, call: (wb: AppsScriptWorkbook, rows: number[]) => Promise<unknown>): Promise<Record<string, number>> {
    const fake = new FakeAppsScript({ sheets: ['Contacts'] });
    const grid = [['ID', 'Name', 'Company'], ...Array.from({ length: n }, (_, i) => [`CT-${i + 1}`, `Person ${i + 1}`, i % 2 === 0 ? 'Acme' : 'Globex'])];
    await new AppsScriptWorkbook(fake.services).write('Contacts', 0, 0, grid);
    fake.spreadsheet.sheet('Contacts').getRange(1, 3, 1, 2).merge();
    const wb = new AppsScriptWorkbook(fake.services);
    await wb.read('Contacts');
    fake.calls.reset();
    const acme = Array.from({ length: n }, (_, i) => i + 1).filter((r) => r % 2 === 1);
    await call(wb, acme);
    return fake.calls.snapshot();
  }

  const cascade = (rows: number[]): CellBlock[] => rows.map((row) => ({ row, column: 2, cells: [['Acme & Co 2']] }));
  const expected = (rows: number[]): ExpectedCell[] => rows.flatMap((row) => [{ row, column: 0, value: `CT-${row}` }, { row, column: 2, value: 'Acme' }]);

  const cases: [string, (wb: AppsScriptWorkbook, rows: number[]) => Promise<unknown>][] = [
    ['writeBlocks: a cascade of one-cell blocks, all of one value', (wb, rows) => wb.writeBlocks('Contacts', cascade(rows))],
    ['writeBlocks: the same cascade, guarded by the IDs and old values of its rows', (wb, rows) => wb.writeBlocks('Contacts', cascade(rows), expected(rows))],
    [
      "writeBlocks: a record's row and a cascade in one call",
      (wb, rows) => wb.writeBlocks('Contacts', [{ row: 2, column: 0, cells: [['CT-2', 'Renamed']] }, ...cascade(rows.slice(1))], expected(rows)),
    ],
    ['deleteRows: one row, guarded by its ID', (wb) => wb.deleteRows('Contacts', [2], [{ row: 2, column: 0, value: 'CT-2' }])],
    ['merges, right after a read', (wb) => wb.merges('Contacts')],
  ];

  for (const [what, call] of cases) {
    it(`are the same for ${LARGE.toLocaleString('en')} rows as for ${SMALL}: ${what}`, async () => {
      const few = await costOf(SMALL, call);
      const many = await costOf(LARGE, call);
      console.log(`${what}: ${Object.values(few).reduce((a, b) => a + b, 0)} calls`, few);
      expect(many).toEqual(few);
    });
  }

  it(`are the same for a ${LARGE.toLocaleString('en')}-row range as for a ${SMALL}-row one: formulaCells over a sheet with a formula on every row`, async () => {
    /** A Contacts sheet of `n` rows whose column D is Carnet's formula, and a fresh adapter that has read it. */
    const costOfFormulaCells = async (n: number) => {
      const fake = new FakeAppsScript({ sheets: ['Contacts'] });
      const rows = Array.from({ length: n }, (_, i) => [`CT-${i + 1}`, `Person ${i + 1}`, 'Acme', { formula: `=LEN(B${i + 2})`, value: `Person ${i + 1}`.length }]);
      await new AppsScriptWorkbook(fake.services).write('Contacts', 0, 0, [['ID', 'Name', 'Company', 'Length'], ...rows]);
      const wb = new AppsScriptWorkbook(fake.services);
      await wb.read('Contacts');
      fake.calls.reset();
      const found = await wb.formulaCells('Contacts', { top: 0, left: 0, bottom: n, right: 3 });
      expect(found).toHaveLength(n);
      expect(found[n - 1]).toEqual({ row: n, column: 3 });
      return fake.calls.snapshot();
    };
    const few = await costOfFormulaCells(SMALL);
    const many = await costOfFormulaCells(LARGE);
    console.log(`formulaCells: ${Object.values(few).reduce((a, b) => a + b, 0)} calls`, few);
    expect(many).toEqual(few);
    // The sheet's size (met for the first time by this adapter), then the rectangle and its formulas.
    expect(few).toEqual({ 'Range.getFormulas': 1, 'Sheet.getMaxColumns': 1, 'Sheet.getMaxRows': 1, 'Sheet.getRange': 1 });
  });

  it('put 1,000 one-cell blocks of one value in the one RangeList.setValue that 10 take', async () => {
    const ten = await costOf(2_000, (wb, rows) => wb.writeBlocks('Contacts', cascade(rows.slice(0, 10))));
    const thousand = await costOf(2_000, (wb, rows) => wb.writeBlocks('Contacts', cascade(rows.slice(0, 1_000))));
    expect(thousand).toEqual(ten);
    expect(ten['RangeList.setValue']).toBe(1);
    expect(ten['Range.setValues']).toBeUndefined();
  });
});

describe("Apps Script calls for a report's sheet", () => {
  /**
   * A Report sheet of `n` product rows (Product, Q1, Q2) that Carnet built once — formats and a
   * chart included —, and a fresh adapter: what building it again costs, port method by port method.
   */
  async function reportCost(n: number, call: (wb: AppsScriptWorkbook, n: number) => Promise<unknown>): Promise<Record<string, number>> {
    const fake = new FakeAppsScript({ sheets: [] });
    const first = new AppsScriptWorkbook(fake.services);
    await first.ensureSheet('Report');
    await first.write('Report', 0, 0, [['Product', 'Q1', 'Q2'], ...Array.from({ length: n }, (_, i) => [`Product ${i + 1}`, i, 2 * i])]);
    await first.formatSheet('Report', format(n));
    await first.charts('Report', [chart(n, 'Carnet: Units')]);
    const wb = new AppsScriptWorkbook(fake.services);
    fake.calls.reset();
    await call(wb, n);
    return fake.calls.snapshot();
  }
  const format = (n: number) => ({
    frozenRows: 1,
    frozenColumns: 1,
    bold: [{ top: 0, left: 0, bottom: 0, right: 2 }],
    numberFormats: [{ range: { top: 1, left: 1, bottom: n, right: 2 }, format: '#,##0' }],
    widths: [{ column: 0, width: 24 }, { column: 1, width: 10 }, { column: 2, width: 10 }],
  });
  const chart = quarterChart;

  const cases: [string, (wb: AppsScriptWorkbook, n: number) => Promise<unknown>][] = [
    ['clearSheet', (wb) => wb.clearSheet('Report')],
    ['formatSheet', (wb, n) => wb.formatSheet('Report', format(n))],
    ["charts, replacing Carnet's chart", (wb, n) => wb.charts('Report', [chart(n, 'Carnet: Units again')])],
  ];
  for (const [what, call] of cases) {
    it(`are the same for ${LARGE.toLocaleString('en')} rows as for ${SMALL}: ${what}`, async () => {
      const few = await reportCost(SMALL, call);
      const many = await reportCost(LARGE, call);
      console.log(`${what}: ${Object.values(few).reduce((a, b) => a + b, 0)} calls`, few);
      expect(many).toEqual(few);
    });
  }
});

describe('Apps Script calls for a native pivot table', () => {
  /** Shipments by product per month over `n` shipments: rows Product, columns Date by month, the sum of Quantity. */
  const spec = (n: number): NativePivotSpec => ({
    name: 'Carnet Shipments',
    source: { sheet: 'Shipments', range: { top: 0, left: 0, bottom: n, right: 3 } },
    target: { sheet: 'Shipments pivot', row: 2, column: 0 },
    rows: [{ column: 1 }],
    columns: [{ column: 2, by: 'month' }],
    values: [{ column: 3, agg: 'sum', label: 'Quantity shipped' }],
  });

  /** A Shipments sheet of `n` rows with Carnet's pivot table over it, and a fresh adapter: what one more port call costs. */
  async function pivotCost(n: number, call: (wb: AppsScriptWorkbook, n: number) => Promise<unknown>): Promise<Record<string, number>> {
    const fake = new FakeAppsScript({ sheets: [] });
    const first = new AppsScriptWorkbook(fake.services);
    await first.ensureSheet('Shipments');
    await first.write('Shipments', 0, 0, [['ID', 'Product', 'Date', 'Quantity'], ...Array.from({ length: n }, (_, i) => [`SH-${i + 1}`, `Product ${i % 7}`, 46_000 + (i % 365), 1 + (i % 9)])]);
    await first.ensureSheet('Shipments pivot');
    await first.pivotTable(spec(n));
    const wb = new AppsScriptWorkbook(fake.services);
    fake.calls.reset();
    await call(wb, n);
    return fake.calls.snapshot();
  }

  const cases: [string, (wb: AppsScriptWorkbook, n: number) => Promise<unknown>][] = [
    ["pivotTable, replacing Carnet's", (wb, n) => wb.pivotTable(spec(n))],
    ['clearSheet of the sheet it is on', (wb) => wb.clearSheet('Shipments pivot')],
  ];
  for (const [what, call] of cases) {
    it(`are the same for ${LARGE.toLocaleString('en')} rows as for ${SMALL}: ${what}`, async () => {
      const few = await pivotCost(SMALL, call);
      const many = await pivotCost(LARGE, call);
      console.log(`${what}: ${Object.values(few).reduce((a, b) => a + b, 0)} calls`, few);
      expect(many).toEqual(few);
    });
  }
});

describe('Apps Script calls for pivot.build', () => {
  /**
   * The built-in "Shipments by product" (products × months, quantity) on a default CRM of 10 and
   * of 10,000 sales, each over the same 7 products and 5 months, so that only the rows differ:
   * built once (its sheet made), built again (its sheet emptied and rewritten), then with
   * `native: true` (Sheets' own pivot table on the Sales sheet, beside the report's).
   */
  const STEPS: [string, unknown][] = [
    ['first build', { report: 'Shipments by product' }],
    ['build again', { report: 'Shipments by product' }],
    ['build with native: true', { report: 'Shipments by product', native: true }],
  ];

  async function measureBuilds(n: number): Promise<Map<string, Measured>> {
    const fixture = await crmWithSales(n);
    const out = new Map<string, Measured>();
    for (const [step, input] of STEPS) {
      fixture.fake.calls.reset();
      const outcome = await fixture.run('pivot.build', input);
      if (!outcome.ok) throw new Error(`${step}: ${outcome.error.message}`);
      expect((outcome.result as PivotBuild).result.records, step).toBe(n);
      out.set(step, { total: fixture.fake.calls.total(), perMethod: fixture.fake.calls.snapshot() });
    }
    return out;
  }

  let small: Map<string, Measured>;
  let large: Map<string, Measured>;
  beforeAll(async () => {
    small = await measureBuilds(SMALL);
    large = await measureBuilds(LARGE);
    console.log(
      [
        `Apps Script calls for pivot.build "Shipments by product", ${SMALL} vs ${LARGE.toLocaleString('en')} sales:`,
        ...STEPS.map(([step]) => `  ${step.padEnd(26)} ${String(small.get(step)!.total).padStart(4)} ${String(large.get(step)!.total).padStart(5)}`),
      ].join('\n'),
    );
  }, 180_000);

  for (const [step] of STEPS) {
    it(`are the same with ${LARGE.toLocaleString('en')} sales as with ${SMALL}: ${step}, method by method`, () => {
      expect(large.get(step)).toEqual(small.get(step));
    });
  }
});
