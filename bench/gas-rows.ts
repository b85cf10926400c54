/**
 * How many rows the Google host handles within Apps Script's 6-minute limit, on paper.
 *
 * Measured here: the core's time in Node for each heavy command over N companies and N contacts
 * (through the Apps Script adapter over the in-memory fake, so the fake's own work is included:
 * an over-estimate), the number of Apps Script calls, and the cells those calls carry.
 *
 * Assumed (no Google account here to measure; see docs/google-sheets.md):
 * - each call that reads or writes cells, formats, dropdowns, or inserts/deletes rows costs a
 *   round trip of 0.05 s (good day) to 0.5 s (bad day); every other call (names, sizes, builders,
 *   protections) 0.005 s to 0.05 s;
 * - each cell carried by getValues/setValues/getNumberFormats costs 10 µs to 50 µs (community
 *   reports put a 100,000-cell getValues at 1–2 s, setValues slower);
 * - Apps Script's V8 runs the same JavaScript 1× to 5× slower than this machine.
 * Everything but the fixed calls grows linearly with rows, so the limit is where the line hits 360 s.
 */

import { crmWith, type CrmFixture } from '../test/gas/crm-fixture.js';
import { RUNS, summary } from './_timing.js';

const LIMIT_S = 360;
const SIZES = [2_000, 10_000, 20_000];
const SCENARIOS = {
  optimistic: { perDataCall: 0.05, perOtherCall: 0.005, perCell: 10e-6, cpu: 1 },
  pessimistic: { perDataCall: 0.5, perOtherCall: 0.05, perCell: 50e-6, cpu: 5 },
};

/** Calls that move cells or change the grid: the expensive round trips. */
const DATA_CALL = /^(Range\.(getValues|setValues|getNumberFormats|getFontWeights|setFontWeights|getNotes|setNotes|setDataValidation|clearDataValidations)|RangeList\.|Sheet\.(insertRowsAfter|insertColumnsAfter|deleteRows)|SpreadsheetApp\.flush)/;

/** Inputs are made per run: a create or a rename must differ from the previous one. */
const COMMANDS: [string, () => unknown][] = [
  ['record.create', () => ({ directory: 'companies', values: { name: `Bench Co ${unique()}`, email: 'bench@bench.example' } })],
  ['record.update', () => ({ directory: 'companies', id: 'CO-000001', values: { name: `Renamed ${unique()}` } })],
  ['record.list', () => ({ directory: 'companies' })],
  ['crm.check', () => ({})],
  ['field.add', () => ({ directory: 'companies', field: { label: `Field ${unique()}`, type: 'integer' } })],
];

let counter = 0;
const unique = () => String(++counter);

interface Sample {
  n: number;
  ms: number;
  calls: number;
  dataCalls: number;
  cells: number;
}

async function measure(fixture: CrmFixture, command: string, input: () => unknown, n: number): Promise<Sample> {
  // Calls and cells of the first run (every size starts from the same state but for its rows:
  // a later field.add has one more column to lay out); time: the median of 5 runs (never a
  // best-of: the estimate is of what a user waits).
  let first: Sample | undefined;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    fixture.fake.calls.reset();
    const start = performance.now();
    const outcome = await fixture.run(command, input());
    const ms = performance.now() - start;
    if (!outcome.ok) throw new Error(`${command}: ${outcome.error.message}`);
    times.push(ms);
    if (!first) {
      const counts = fixture.fake.calls.counts;
      const dataCalls = Object.entries(counts).reduce((a, [k, v]) => a + (DATA_CALL.test(k) ? v : 0), 0);
      first = { n, ms, calls: fixture.fake.calls.total(), dataCalls, cells: fixture.fake.calls.cells };
    }
  }
  first!.ms = summary(times).median;
  return first!;
}

/** Least-squares line through (n, y). */
function fit(points: [number, number][]): { slope: number; intercept: number } {
  const k = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / k;
  const my = points.reduce((a, [, y]) => a + y, 0) / k;
  const slope = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return { slope, intercept: my - slope * mx };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');

async function main(): Promise<void> {
  const samples = new Map<string, Sample[]>();
  for (const n of SIZES) {
    const fixture = await crmWith(n);
    for (const [command, input] of COMMANDS) {
      const list = samples.get(command) ?? [];
      list.push(await measure(fixture, command, input, n));
      samples.set(command, list);
    }
  }

  console.log(`Core in Node over the fake, median of ${RUNS} runs (N companies + N contacts):`);
  console.log(`${'command'.padEnd(15)} ${SIZES.map((n) => `${fmt(n)} rows`.padStart(20)).join('')}   calls (data)  cells/row`);
  for (const [command, list] of samples) {
    const cellsPerRow = fit(list.map((s) => [s.n, s.cells])).slope;
    console.log(
      `${command.padEnd(15)} ${list.map((s) => `${s.ms.toFixed(0)} ms`.padStart(20)).join('')}   ${String(list[0]!.calls).padStart(5)} (${String(list[0]!.dataCalls).padStart(3)})  ${cellsPerRow.toFixed(1).padStart(9)}`,
    );
    if (new Set(list.map((s) => s.calls)).size !== 1) console.log(`  !! ${command}: calls grow with rows: ${list.map((s) => s.calls).join(' / ')}`);
  }

  console.log('\nEstimated time in Apps Script, and rows within the 6-minute limit:');
  let worst = { command: '', rows: Infinity, scenario: '' };
  for (const [name, s] of Object.entries(SCENARIOS)) {
    console.log(`\n  ${name}: ${s.perDataCall * 1000} ms per data call, ${s.perOtherCall * 1000} ms per other call, ${s.perCell * 1e6} µs per cell, V8 ×${s.cpu}`);
    for (const [command, list] of samples) {
      const seconds = (x: Sample) => x.dataCalls * s.perDataCall + (x.calls - x.dataCalls) * s.perOtherCall + x.cells * s.perCell + (x.ms / 1000) * s.cpu;
      const line = fit(list.map((x) => [x.n, seconds(x)]));
      const rows = line.slope > 0 ? (LIMIT_S - line.intercept) / line.slope : Infinity;
      const at10k = line.intercept + line.slope * 10_000;
      const at0 = line.intercept;
      console.log(`  ${command.padEnd(15)} ${at0.toFixed(1).padStart(6)} s fixed, ${at10k.toFixed(1).padStart(6)} s at 10,000 rows   → ${fmt(rows).padStart(10)} rows in 6 min`);
      if (rows < worst.rows) worst = { command, rows, scenario: name };
    }
  }
  console.log(`\nHeaviest: ${worst.command} (${worst.scenario}): about ${fmt(worst.rows)} rows in each of Companies and Contacts within 6 minutes.`);
}

await main();
