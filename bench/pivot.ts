/**
 * Pivot reports on a million sales, printed, never asserted (timings vary by machine).
 *
 * The rows are what a sheet's `getValues` returns: one array per row, date serials, strings and
 * numbers. Carnet's build takes them as they are (from `_carnet` to the finished, totalled,
 * ordered table); each peer gets the same JS arrays and does what it needs with them:
 * - a hand-written single-pass kernel (product → Float64Array of month slots): the floor;
 * - Arquero 7 (version 8 does not install here): load the columns into a table, then the query;
 * - alasql, over the row arrays;
 * - DuckDB (`@duckdb/node-api`), timed twice: the query alone over a table loaded before, and
 *   loading the same arrays (appender) plus the query.
 * Case 1: product × month, sum of quantity. Case 2: three levels through references — the
 * company's city × the product's category × quarter.
 * Contenders run interleaved in one process, 9 rounds, warm: no forced collection between runs, as
 * in the local server or Excel's task pane, which stay up between builds (a forced full collection
 * throws V8's optimised code for Carnet's pass away — "weak objects" — and each run then pays the
 * optimisation again: see the cold figures). Median and min are printed with ratios to Carnet.
 * Heap growth during Carnet's build (collected before, not during) is compared with the input grid.
 * Cold: Carnet's first build and the kernel's first run in fresh processes (the CLI, Apps Script),
 * 5 processes each, alternating.
 *
 * Run: `npm run bench -- pivot` (or `npx tsx bench/pivot.ts`).
 */

import * as aq from 'arquero';
import alasql from 'alasql';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { isoDate, partsFromSerial, serialFromParts } from '../core/dates.js';
import { MemoryWorkbook } from '../core/memory-workbook.js';
import { buildPivot } from '../core/pivot/build.js';
import type { PivotDefinition, PivotResult } from '../core/pivot/types.js';
import { createRecords } from '../core/records/create.js';
import { Crm } from '../core/records/crm.js';
import { defaultCrmSchema } from '../core/schema/default-crm.js';
import { setupCrm } from '../core/schema/setup.js';
import type { Cell, Grid } from '../core/workbook.js';
import { runNode } from './_child.js';
import { interleave, mb, ms, settle, summary, table } from './_timing.js';
import { random } from './_random.js';
import { loadPhoneRules } from '../core/fields/phone.js';

// Core is called directly here, not through a command: load what commands load on demand.
await loadPhoneRules();

const ROWS = Number(process.env.PIVOT_ROWS ?? 1_000_000);
const RUNS = 9;
const COMPANIES = 8_700;
const PRODUCTS = 60;
const CITIES = 120;
const CATEGORIES = ['Hardware', 'Software', 'Services', 'Supplies', 'Training', 'Support', 'Licences', 'Spare parts'];
const TODAY = serialFromParts(2026, 12, 1);


/** A sheet that hands over its grid as `getValues` does, without a copy. */
class GridWorkbook extends MemoryWorkbook {
  grids = new Map<string, Grid>();
  override async read(name: string): Promise<Grid> {
    return this.grids.get(name) ?? super.read(name);
  }
}

interface Data {
  wb: GridWorkbook;
  sales: Grid;
  columns: { date: number; company: number; product: number; quantity: number };
  companyCity: Map<string, string>;
  productCategory: Map<string, string>;
  products: string[];
  companies: string[];
  /** Heap the sales grid takes, measured. */
  gridBytes: number;
}

export async function makeData(): Promise<Data> {
  const rnd = random(7);
  const wb = new GridWorkbook({ id: 'bench@example.com', name: 'Bench' });
  const defaults = { today: TODAY, now: TODAY + 0.5, user: 'bench@example.com' };
  await setupCrm(wb, defaultCrmSchema('en'), {}, defaults);
  const crm = await Crm.open(wb);
  const cities = Array.from({ length: CITIES }, (_, i) => `City ${String(i + 1).padStart(3, '0')}`);
  await createRecords(crm, 'cities', cities.map((name) => ({ name })), defaults);
  const products = Array.from({ length: PRODUCTS }, (_, i) => `Product ${String(i + 1).padStart(2, '0')}`);
  await createRecords(crm, 'products', products.map((name, i) => ({ code: `P-${i + 1}`, name, unit_price: 10 + i, category: CATEGORIES[i % CATEGORIES.length] })), defaults);
  const companies = Array.from({ length: COMPANIES }, (_, i) => `Company ${String(i + 1).padStart(5, '0')}`);
  const companyCity = new Map(companies.map((c, i) => [c, cities[(i * 7) % CITIES]!]));
  await createRecords(crm, 'companies', companies.map((name) => ({ name, city: companyCity.get(name)! })), defaults);
  const productCategory = new Map(products.map((p, i) => [p, CATEGORIES[i % CATEGORIES.length]!]));

  const header = (await wb.read('Sales'))[0]!;
  const at = (h: string) => header.indexOf(h);
  const columns = { date: at('Date'), company: at('Company'), product: at('Product'), quantity: at('Quantity') };
  const amount = at('Amount');
  const unitPrice = at('Unit price');
  const owner = at('Owner');
  const id = at('ID');
  const owners = ['anna@example.com', 'boris@example.com', 'chloe@example.com', 'dmitri@example.com'];
  settle();
  const before = process.memoryUsage().heapUsed;
  const sales: Grid = [header];
  const first = serialFromParts(2024, 1, 1);
  for (let i = 0; i < ROWS; i++) {
    const row: Cell[] = new Array(header.length).fill(null);
    const p = Math.floor(rnd() * PRODUCTS);
    const q = 1 + Math.floor(rnd() * 20);
    row[id] = `SA-${String(i + 1).padStart(7, '0')}`;
    row[columns.date] = first + Math.floor(rnd() * (TODAY - first));
    row[columns.company] = companies[Math.floor(rnd() * COMPANIES)]!;
    row[columns.product] = products[p]!;
    row[columns.quantity] = q;
    row[unitPrice] = 10 + p;
    row[amount] = q * (10 + p);
    row[owner] = owners[i % owners.length]!;
    sales.push(row);
  }
  settle();
  const gridBytes = process.memoryUsage().heapUsed - before;
  wb.grids.set('Sales', sales);
  return { wb, sales, columns, companyCity, productCategory, products, companies, gridBytes };
}

export const CASE1: PivotDefinition = { object: 'sales', rows: [{ field: 'product' }], columns: [{ field: 'date', by: 'month' }], data: [{ field: 'quantity', agg: 'sum' }] };
export const CASE2: PivotDefinition = {
  object: 'sales',
  rows: [{ field: 'company.city' }, { field: 'product.category' }],
  columns: [{ field: 'date', by: 'quarter' }],
  data: [{ field: 'quantity', agg: 'sum' }],
};

export async function carnet(data: Data, def: PivotDefinition): Promise<PivotResult> {
  return buildPivot(await Crm.open(data.wb), def, { now: TODAY + 0.5 });
}

/** Month keys as the peers compute them: "2026-03", through a per-day cache as a fair engine would. */
function monthKeyFn(): (serial: number) => string {
  const cache = new Map<number, string>();
  return (serial) => {
    let k = cache.get(serial);
    if (k === undefined) {
      k = isoDate(serial).slice(0, 7);
      cache.set(serial, k);
    }
    return k;
  };
}
function quarterKeyFn(): (serial: number) => string {
  const cache = new Map<number, string>();
  return (serial) => {
    let k = cache.get(serial);
    if (k === undefined) {
      const p = partsFromSerial(serial);
      k = `${p.year}-Q${Math.ceil(p.month / 3)}`;
      cache.set(serial, k);
    }
    return k;
  };
}

/** The floor: one pass, product → slots of months since 2024-01, known in advance. */
export function kernel(data: Data): number {
  const { sales, columns } = data;
  const productIndex = new Map(data.products.map((p, i) => [p, i]));
  const monthOf = new Map<number, number>();
  const slots = new Float64Array(data.products.length * 36);
  for (let r = 1; r < sales.length; r++) {
    const row = sales[r]!;
    const day = row[columns.date] as number;
    let m = monthOf.get(day);
    if (m === undefined) {
      const p = partsFromSerial(day);
      m = (p.year - 2024) * 12 + p.month - 1;
      monthOf.set(day, m);
    }
    slots[productIndex.get(row[columns.product] as string)! * 36 + m]! += row[columns.quantity] as number;
  }
  return slots.reduce((a, b) => a + b, 0);
}

function arquero(data: Data, level: 1 | 2): number {
  const { sales, columns } = data;
  const n = sales.length - 1;
  const month = new Array<string>(n);
  const product = new Array<string>(n);
  const quantity = new Float64Array(n);
  const key = level === 1 ? monthKeyFn() : quarterKeyFn();
  const city = level === 2 ? new Array<string>(n) : undefined;
  for (let r = 1; r <= n; r++) {
    const row = sales[r]!;
    month[r - 1] = key(row[columns.date] as number);
    product[r - 1] = row[columns.product] as string;
    quantity[r - 1] = row[columns.quantity] as number;
    if (city) city[r - 1] = row[columns.company] as string;
  }
  if (level === 1) {
    const t = aq.table({ product, month, quantity });
    return t.groupby('product', 'month').rollup({ q: aq.op.sum('quantity') }).numRows();
  }
  const cities = aq.table({ company: [...data.companyCity.keys()], city: [...data.companyCity.values()] });
  const categories = aq.table({ product: [...data.productCategory.keys()], category: [...data.productCategory.values()] });
  const t = aq.table({ company: city!, product, quarter: month, quantity });
  return t.join(cities, 'company').join(categories, 'product').groupby('city', 'category', 'quarter').rollup({ q: aq.op.sum('quantity') }).numRows();
}

/** Arquero as its docs would have it: the columns loaded, the month derived by Arquero's own date ops. */
function arqueroIdiomatic(data: Data): number {
  const { sales, columns } = data;
  const n = sales.length - 1;
  const product = new Array<string>(n);
  const day = new Float64Array(n);
  const quantity = new Float64Array(n);
  for (let r = 1; r <= n; r++) {
    const row = sales[r]!;
    product[r - 1] = row[columns.product] as string;
    day[r - 1] = row[columns.date] as number;
    quantity[r - 1] = row[columns.quantity] as number;
  }
  const op = aq.op;
  return aq
    .table({ product, day, quantity })
    .derive({ month: (d: { day: number }) => op.utcyear((d.day - 25569) * 864e5) * 100 + op.utcmonth((d.day - 25569) * 864e5) + 1 })
    .groupby('product', 'month')
    .rollup({ q: aq.op.sum('quantity') })
    .numRows();
}

/** alasql with a plain function turning a serial into its month, as a user would first write it. */
function alasqlPlain(data: Data): number {
  (alasql.fn as Record<string, unknown>).month_of = (serial: number) => isoDate(serial).slice(0, 7);
  const c = data.columns;
  const rows = alasql(`SELECT [${c.product}] AS product, month_of([${c.date}]) AS m, SUM([${c.quantity}]) AS q FROM ? GROUP BY [${c.product}], month_of([${c.date}])`, [data.sales.slice(1)]) as unknown[];
  return rows.length;
}

function alasqlQuery(data: Data): number {
  const key = monthKeyFn();
  (alasql.fn as Record<string, unknown>).month_key = key;
  const c = data.columns;
  const rows = alasql(`SELECT [${c.product}] AS product, month_key([${c.date}]) AS m, SUM([${c.quantity}]) AS q FROM ? GROUP BY [${c.product}], month_key([${c.date}])`, [data.sales.slice(1)]) as unknown[];
  return rows.length;
}

async function duckLoad(connection: DuckDBConnection, data: Data): Promise<void> {
  await connection.run('CREATE OR REPLACE TABLE sales (d INTEGER, company VARCHAR, product VARCHAR, quantity DOUBLE)');
  const appender = await connection.createAppender('sales');
  const { sales, columns } = data;
  for (let r = 1; r < sales.length; r++) {
    const row = sales[r]!;
    appender.appendInteger(row[columns.date] as number);
    appender.appendVarchar(row[columns.company] as string);
    appender.appendVarchar(row[columns.product] as string);
    appender.appendDouble(row[columns.quantity] as number);
    appender.endRow();
  }
  appender.closeSync();
}

async function duckQuery(connection: DuckDBConnection, level: 1 | 2): Promise<number> {
  const sql =
    level === 1
      ? `SELECT product, strftime(DATE '1899-12-30' + d, '%Y-%m') AS m, SUM(quantity) FROM sales GROUP BY ALL`
      : `SELECT c.city, p.category, year(DATE '1899-12-30' + s.d) || '-Q' || quarter(DATE '1899-12-30' + s.d) AS q, SUM(s.quantity)
         FROM sales s JOIN companies c ON c.company = s.company JOIN products p ON p.product = s.product GROUP BY ALL`;
  const result = await connection.runAndReadAll(sql);
  return result.currentRowCount;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const data = await makeData();
  console.log(`${ROWS.toLocaleString('en')} sales rows, ${COMPANIES.toLocaleString('en')} companies, ${PRODUCTS} products; grid built in ${ms(performance.now() - t0)}, ${mb(data.gridBytes)} of heap.`);

  // The same answer from everyone, before any timing.
  const check = await carnet(data, CASE1);
  const total = check.grandTotals![0]!;
  if (Math.abs(kernel(data) - total) > 1e-6) throw new Error(`the kernel disagrees: ${kernel(data)} vs ${total}`);
  const cellsCase1 = check.rowKeys.length * check.columnKeys.length;
  const instance = await DuckDBInstance.create(':memory:');
  const duck = await instance.connect();
  await duckLoad(duck, data);
  await duck.run('CREATE TABLE companies (company VARCHAR, city VARCHAR)');
  await duck.run('CREATE TABLE products (product VARCHAR, category VARCHAR)');
  const ap1 = await duck.createAppender('companies');
  for (const [c, city] of data.companyCity) (ap1.appendVarchar(c), ap1.appendVarchar(city), ap1.endRow());
  ap1.closeSync();
  const ap2 = await duck.createAppender('products');
  for (const [p, cat] of data.productCategory) (ap2.appendVarchar(p), ap2.appendVarchar(cat), ap2.endRow());
  ap2.closeSync();
  // DuckDB runs a query on every core (two here); Carnet's pass is one thread, as JS in a sheet is.
  const single = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
  await duckLoad(single, data);
  const groups = await duckQuery(duck, 1);
  if ([arquero(data, 1), arqueroIdiomatic(data), alasqlQuery(data), alasqlPlain(data)].some((g) => g !== groups)) throw new Error('the peers disagree on the number of groups');
  console.log(`Case 1 gives ${check.rowKeys.length} products × ${check.columnKeys.length} months (${groups} non-empty groups of ${cellsCase1}); grand total ${total.toLocaleString('en')}.`);

  const timed = (fn: () => unknown | Promise<unknown>) => async () => {
    const start = performance.now();
    await fn();
    return performance.now() - start;
  };

  const WARM = { settle: false };
  const case1 = await interleave(RUNS, {
    carnet: timed(() => carnet(data, CASE1)),
    kernel: timed(() => kernel(data)),
    arquero: timed(() => arquero(data, 1)),
    arqueroIdiomatic: timed(() => arqueroIdiomatic(data)),
    alasql: timed(() => alasqlQuery(data)),
    alasqlPlain: timed(() => alasqlPlain(data)),
    duckdbQuery: timed(() => duckQuery(duck, 1)),
    duckdbOneThread: timed(() => duckQuery(single, 1)),
    duckdbLoadQuery: timed(async () => {
      await duckLoad(duck, data);
      await duckQuery(duck, 1);
    }),
  }, WARM);
  // Heap growth of Carnet's build: collected before, sampled when it returns (its garbage counted).
  const heap: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    settle();
    const before = process.memoryUsage().heapUsed;
    await carnet(data, CASE1);
    heap.push(process.memoryUsage().heapUsed - before);
  }
  const case2 = await interleave(RUNS, {
    carnet: timed(() => carnet(data, CASE2)),
    arquero: timed(() => arquero(data, 2)),
    duckdbQuery: timed(() => duckQuery(duck, 2)),
  }, WARM);

  const line = (name: string, xs: number[], carnetXs: number[]) => {
    const s = summary(xs);
    return [name, ms(s.median), ms(s.min), `${(s.median / summary(carnetXs).median).toFixed(2)}×`];
  };
  console.log(`\nCase 1 — product × month, sum of quantity (${RUNS} interleaved runs):\n`);
  console.log(
    table(['', 'median', 'min', 'median ÷ Carnet’s'], [
      line('Carnet buildPivot (from _carnet to the totalled table)', case1.carnet, case1.carnet),
      line('hand-written kernel (the floor)', case1.kernel, case1.carnet),
      line('Arquero 7, load + query, months derived by Arquero (op.utcyear/utcmonth)', case1.arqueroIdiomatic, case1.carnet),
      line('Arquero 7, load + query, month keys precomputed in JS (cached per day)', case1.arquero, case1.carnet),
      line('alasql, a plain month function', case1.alasqlPlain, case1.carnet),
      line('alasql, a month function cached per day', case1.alasql, case1.carnet),
      line('DuckDB, query alone (2 threads)', case1.duckdbQuery, case1.carnet),
      line('DuckDB, query alone, one thread', case1.duckdbOneThread, case1.carnet),
      line('DuckDB, load the arrays + query', case1.duckdbLoadQuery, case1.carnet),
    ]),
  );
  const h = summary(heap);
  console.log(`\nHeap growth during Carnet's build: median ${mb(h.median)}, max ${mb(h.max)}; the input grid is ${mb(data.gridBytes)} (growth ÷ grid: ${(h.max / data.gridBytes).toFixed(2)}).`);
  console.log(`\nCase 2 — company's city × product's category × quarter, sum of quantity (${RUNS} interleaved runs):\n`);
  console.log(
    table(['', 'median', 'min', 'median ÷ Carnet’s'], [
      line('Carnet buildPivot (two references followed)', case2.carnet, case2.carnet),
      line('Arquero 7, load + two joins + query', case2.arquero, case2.carnet),
      line('DuckDB, query alone (two joins)', case2.duckdbQuery, case2.carnet),
    ]),
  );
  duck.closeSync();
  single.closeSync();

  // Cold: the first build in a fresh process, against the kernel's first run in another.
  const cold = await interleave(RUNS, {
    carnet: async () => Number((await runNode(SELF, ['--cold', 'carnet'])).stdout.trim()),
    kernel: async () => Number((await runNode(SELF, ['--cold', 'kernel'])).stdout.trim()),
  });
  console.log(`\nCold — the first run in a fresh process (${RUNS} processes each, alternating; the process's set-up not counted):\n`);
  console.log(table(['', 'median', 'min', 'median ÷ Carnet’s'], [line('Carnet buildPivot, case 1', cold.carnet, cold.carnet), line('hand-written kernel, case 1', cold.kernel, cold.carnet)]));
}

const SELF = new URL(import.meta.url).pathname;

/** In a child: build the rows, then time one first run of Carnet or the kernel; prints milliseconds. */
async function coldRun(which: string): Promise<void> {
  const data = await makeData();
  settle();
  const start = performance.now();
  if (which === 'kernel') kernel(data);
  else await carnet(data, CASE1);
  console.log(performance.now() - start);
}

if (process.argv[1]?.endsWith("bench/pivot.ts")) {
  const at = process.argv.indexOf('--cold');
  if (at >= 0) await coldRun(process.argv[at + 1] ?? 'carnet');
  else await main();
}
