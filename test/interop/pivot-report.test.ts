/**
 * A report built by `carnet pivot` into a local .xlsx, as LibreOffice sees it: the report sheet
 * opens with its caption, its rows and its totals (exported to CSV by `soffice`), and its chart is
 * drawn (the chart's title, a text no cell holds as such, is among what the PDF's pages draw; the
 * same report built without a chart, converted alike, does not draw it).
 */

import { copyFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PivotResult } from '../../core/pivot/types.js';
import { carnet, tempDir } from '../helpers/cli.js';
import { parseCsv } from '../helpers/csv.js';
import { pdfText, toPdf } from '../helpers/pdf-text.js';
import { requireProgram } from '../helpers/programs.js';

const HAS_SOFFICE = requireProgram('soffice', 'opening a report sheet in LibreOffice');
const tmp = tempDir();
const demo = path.join(tmp.dir, 'demo.xlsx');

beforeAll(async () => {
  expect((await carnet('demo', demo, '--companies', '12')).code).toBe(0);
});
afterAll(() => tmp.cleanup());

/** Every sheet as LibreOffice exports it to CSV (option 9: values as shown, in their number formats; option 12 = -1: all sheets, one file each). */
function sheetsAsCsv(file: string, sheet: string): string[][] {
  const out = path.join(tmp.dir, `csv-${path.basename(file, '.xlsx')}`);
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${path.join(tmp.dir, 'lo-profile')}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', '--outdir', out, file],
    { stdio: 'pipe', timeout: 120_000 },
  );
  return parseCsv(readFileSync(path.join(out, `${path.basename(file, '.xlsx')}-${sheet}.csv`), 'utf8'));
}

describe.skipIf(!HAS_SOFFICE)('a report sheet in LibreOffice', () => {
  it('opens with its caption, its groups and its totals', async () => {
    const file = path.join(tmp.dir, 'city.xlsx');
    copyFileSync(demo, file);
    const r = await carnet('pivot', file, '--report', 'Revenue by city', '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as PivotResult;
    const csv = sheetsAsCsv(file, 'Revenue by city');
    expect(csv[0]![0]).toBe(result.caption);
    expect(csv[2]!.slice(0, 3)).toEqual(['Company › City', 'Sum of Amount', 'Sum of Amount (% of total)']);
    const body = csv.slice(3, 3 + result.rowKeys.length);
    expect(body.map((line) => line[0])).toEqual(result.rowKeys.map((k) => k[0]!.label));
    const total = csv[3 + result.rowKeys.length]!;
    expect(total[0]).toBe('Total');
    // Shown with the money format: thousands separated, two decimals; the share as a percentage.
    expect(total[1]).toBe(result.grandTotals![0]!.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
    expect(total[2]).toBe('100.0%');
  }, 180_000);

  it('draws its chart', async () => {
    const charted = path.join(tmp.dir, 'charted.xlsx');
    const plain = path.join(tmp.dir, 'plain.xlsx');
    copyFileSync(demo, charted);
    copyFileSync(demo, plain);
    const title = 'Sales this year by month';
    expect((await carnet('pivot', charted, '--report', title)).code).toBe(0);
    const def = JSON.parse((await carnet('report', 'show', demo, title)).stdout).definition;
    expect((await carnet('report', 'save', plain, title, '--object', 'sales', '--rows', 'date:month', '--data', 'amount:sum', '--data', 'count', '--filter', 'date=this year', '--chart-kind', 'none')).code).toBe(0);
    expect((await carnet('pivot', plain, '--report', title)).code).toBe(0);
    expect(def.chart).toBe('line');
    const lines = (file: string, dir: string) => pdfText(toPdf(file, path.join(tmp.dir, dir))).split('\n').map((l) => l.trim());
    expect(lines(charted, 'pdf-charted')).toContain(title);
    expect(lines(plain, 'pdf-plain')).not.toContain(title);
  }, 240_000);
});
