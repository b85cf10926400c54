/**
 * How fast the company card is, printed, never asserted (timings vary by machine):
 * - `card.get` over an .xlsx file for a company with 1,000 sales, against a typical company of the
 *   same workbook (the ratio shows what the extra rows cost), and its port calls, which must not
 *   grow with the rows;
 * - searching 10,000 companies as you type (the UI runs core/card/search.ts per keystroke);
 * - in headless Chromium: from Enter in the search box to the card on screen, and the Sales tab.
 *
 * Run: `npx tsx bench/card.ts` (or `main()` from the bench runner).
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../core/app/registry.js';
import type { CardIndex } from '../core/app/card-commands.js';
import type { CompanyCard } from '../core/card/card.js';
import { buildCompanyIndex } from '../core/card/index-rows.js';
import { prepareSearch, searchCompanies } from '../core/card/search.js';
import { buildDemo } from '../core/demo/build.js';
import { generateDemo } from '../core/demo/generate.js';
import { createRecords } from '../core/records/create.js';
import { Crm } from '../core/records/crm.js';
import { DirectoryTable } from '../core/records/directory-table.js';
import { defaultCrmSchema } from '../core/schema/default-crm.js';
import { ID_HEADER } from '../core/schema/types.js';
import type { Cell, Workbook } from '../core/workbook.js';
import { localContext } from '../local/context.js';
import { startServer } from '../local/server/server.js';
import { XlsxWorkbook } from '../local/xlsx-workbook.js';
import { RUNS, interleave, medianMin, ratio } from './_timing.js';
import { loadPhoneRules } from '../core/fields/phone.js';

// Core is called directly here, not through a command: load what commands load on demand.
await loadPhoneRules();

const HEAVY = 'Bench Heavy Industries';
const SALES = 1000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const out = await fn();
  return [performance.now() - t, out];
}

/** Counts port calls by method, whatever the host. */
function counting(wb: Workbook): { wb: Workbook; calls: () => number; reset: () => void } {
  let n = 0;
  const methods = new Set(['sheets', 'read', 'write', 'append', 'deleteRows', 'ensureSheet', 'renameSheet', 'layout', 'protect', 'user']);
  const proxy = new Proxy(wb, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      if (typeof prop === 'string' && methods.has(prop)) {
        return (...args: unknown[]) => {
          n++;
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return (v as (...a: unknown[]) => unknown).bind(target);
    },
  });
  return { wb: proxy, calls: () => n, reset: () => (n = 0) };
}

/** A demo workbook plus one company with 1,000 sales, saved as .xlsx. */
async function makeWorkbook(file: string): Promise<{ typical: string }> {
  const wb = await XlsxWorkbook.create(file, { user: { id: 'bench@example.com', name: 'Bench' } });
  const ctx = localContext(wb);
  const today = Math.floor(ctx.now());
  const defaults = { today, now: ctx.now(), user: 'bench@example.com' };
  let typical = '';
  await wb.transaction(async () => {
    await buildDemo(wb, { lang: 'en', companies: 50 }, defaults);
    const crm = await Crm.open(wb);
    await createRecords(crm, 'companies', [{ name: HEAVY }], defaults);
    const products = (await crm.table('products')).records;
    const sales = Array.from({ length: SALES }, (_, i) => {
      const p = products[i % products.length]!;
      return { date: today - (i % 720), company: HEAVY, product: p.values.name, quantity: 1 + (i % 9), unit_price: p.values.unit_price, owner: 'bench@example.com' };
    });
    await createRecords(crm, 'sales', sales, defaults);
    typical = String((await crm.table('companies')).records[0]!.values.name);
  });
  return { typical };
}

async function benchCommand(file: string, typical: string): Promise<void> {
  const xlsx = await XlsxWorkbook.open(file);
  const { wb, calls: calls_, reset } = counting(xlsx);
  const ctx = { ...localContext(xlsx), wb };
  const card = async (company: string) =>
    xlsx.transaction(async () => {
      const out = await dispatch(ctx, 'card.get', { company });
      if (!out.ok) throw new Error(out.error.message);
      return out.result as CompanyCard;
    });
  // Interleaved, heavy then typical, 7 runs each (cheap, so more than the floor of RUNS); then one
  // more of each to count port calls.
  let heavyCard: CompanyCard | undefined;
  let typicalCard: CompanyCard | undefined;
  const t = await interleave(Math.max(RUNS, 7), {
    heavy: async () => {
      const r = await time(() => card(HEAVY));
      heavyCard = r[1];
      return r[0];
    },
    typical: async () => {
      const r = await time(() => card(typical));
      typicalCard = r[1];
      return r[0];
    },
  });
  const calls = async (company: string) => {
    reset();
    await card(company);
    return calls_();
  };
  const heavy = { t: t.heavy, calls: await calls(HEAVY), card: heavyCard! };
  const peer = { t: t.typical, calls: await calls(typical), card: typicalCard! };
  console.log(`card.get over .xlsx (XlsxWorkbook, one command per card; interleaved, ${t.heavy.length} runs each):`);
  console.log(`  ${SALES} sales: ${medianMin(heavy.t)}, ${heavy.calls} port calls, ${Math.round(JSON.stringify(heavy.card).length / 1024)} kB of JSON`);
  console.log(`  typical company (${peer.card.sales.lines.length} sales): ${medianMin(peer.t)}, ${peer.calls} port calls`);
  console.log(`  ratio ${ratio(heavy.t, peer.t).toFixed(2)}× (medians) for ${Math.round(SALES / Math.max(1, peer.card.sales.lines.length))}× the sales`);
  const [ti, index] = await time(() => xlsx.transaction(() => dispatch(ctx, 'card.index', {})));
  if (index.ok) console.log(`  card.index (${(index.result as CardIndex).companies.length} companies): ${ms(ti)}`);
}

/** 10,000 companies with their contacts, as card.index would return them, from the demo generator. */
function tenThousandCompanies() {
  const schema = defaultCrmSchema('en');
  const rows = generateDemo(schema, { companies: 10_000, today: 46_000 });
  const table = (key: string) => {
    const dir = schema.directories.find((d) => d.key === key)!;
    const keys = dir.fields.map((f) => f.key);
    const grid: Cell[][] = [[ID_HEADER, ...keys], ...(rows[key] ?? []).map((r, i) => [`${dir.idPrefix}-${i + 1}`, ...keys.map((k) => r[k] ?? null)])];
    return new DirectoryTable(dir, grid);
  };
  return buildCompanyIndex(table('companies'), table('contacts'));
}

function benchSearch(): void {
  const rows = tenThousandCompanies();
  const [prepare, index] = (() => {
    const t = performance.now();
    const idx = prepareSearch(rows);
    return [performance.now() - t, idx] as const;
  })();
  const sample = rows[4321]!;
  const name = sample.name.toLowerCase();
  const typo = name.slice(0, 3) + name.slice(4, 9);
  // What a manager types, keystroke by keystroke: a name, a name with a typo, a phone, a contact.
  const queries = [
    ...Array.from({ length: 8 }, (_, i) => name.slice(0, i + 1)),
    ...Array.from({ length: 6 }, (_, i) => typo.slice(0, i + 3)),
    ...Array.from({ length: 6 }, (_, i) => sample.phones[0]!.slice(-(i + 3))),
    ...(sample.contacts[0] ? [sample.contacts[0].slice(0, 5)] : []),
    'zzqxv',
  ];
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const q of queries) {
      const t = performance.now();
      searchCompanies(index, q);
      if (round > 0) times.push(performance.now() - t);
    }
  }
  console.log(`search as you type over ${rows.length} companies (in the UI, no round trip):`);
  console.log(`  index prepared once in ${ms(prepare)}; per keystroke median ${ms(median(times))}, worst ${ms(Math.max(...times))} (${queries.length} keystrokes)`);
}

/** Runs in the page (as text: bench/ is type-checked without the DOM library): click to painted frame. */
const SALES_TAB_PAINT = `(async () => {
  const tab = document.getElementById('tab-sales');
  const t0 = performance.now();
  tab.click();
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - t0;
})()`;

async function benchBrowser(file: string): Promise<void> {
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    console.log('browser: skipped (no playwright-core in node_modules)');
    return;
  }
  const { hasProgram } = await import('../test/helpers/programs.js');
  if (!hasProgram('chromium')) {
    console.log('browser: skipped (no chromium)');
    return;
  }
  const server = await startServer({ file });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 300, height: 800 } });
    await page.goto(server.url);
    const search = page.getByRole('combobox', { name: 'Find a company' });
    await search.waitFor();
    const opens: number[] = [];
    const tabs: number[] = [];
    for (let i = 0; i < 5; i++) {
      await search.fill(HEAVY);
      await page.getByRole('option').first().waitFor();
      const t = performance.now();
      await search.press('Enter');
      await page.getByRole('heading', { level: 2, name: HEAVY }).waitFor();
      opens.push(performance.now() - t);
      // Rendering the Sales tab of 1,000 lines (the first page of them) and its totals, to paint.
      tabs.push(await page.evaluate<number>(SALES_TAB_PAINT));
      await page.getByRole('tab', { name: /Notes/ }).click();
    }
    console.log(`in headless Chromium, 300 px sidebar:`);
    console.log(`  Enter → card with ${SALES} sales on screen (card.get round trip + render): median ${ms(median(opens))}, worst ${ms(Math.max(...opens))}`);
    console.log(`  Sales tab (totals + first 50 lines) painted in: median ${ms(median(tabs))}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

export async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'carnet-bench-'));
  try {
    const file = join(dir, 'bench.xlsx');
    const [tb, { typical }] = await time(() => makeWorkbook(file));
    console.log(`card bench: demo workbook + "${HEAVY}" with ${SALES} sales (made in ${ms(tb)})`);
    await benchCommand(file, typical);
    benchSearch();
    await benchBrowser(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
