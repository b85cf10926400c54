/**
 * Interop: what Carnet writes must open in LibreOffice, and what LibreOffice saves must open in
 * Carnet. Proven with the real program, headless, on every CI run.
 */

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carnet, tempDir } from '../helpers/cli.js';
import { parseCsv } from '../helpers/csv.js';
import { requireProgram } from '../helpers/programs.js';

const HAS_SOFFICE = requireProgram('soffice', 'LibreOffice interop tests');
const tmp = tempDir();
const demo = join(tmp.dir, 'demo.xlsx');
/** Every sheet as LibreOffice reads it, by sheet name. */
const sheets = new Map<string, string[][]>();
let schema: any;

function soffice(args: string[]): void {
  // A private profile per run: parallel or leftover LibreOffice instances must not share one.
  const profile = `file://${join(tmp.dir, 'lo-profile')}`;
  execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', ...args], { stdio: 'pipe', timeout: 120_000 });
}

async function json(...args: string[]): Promise<any> {
  const r = await carnet(...args, '--json');
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

describe.runIf(HAS_SOFFICE)('LibreOffice', () => {
  beforeAll(async () => {
    expect((await carnet('demo', demo, '--companies', '15')).code).toBe(0);
    for (const name of ['=1+1', '+33 hack', '-2', '@SUM(A1:A3)']) {
      expect((await carnet('add', demo, 'companies', '--set', `name=${name}`)).code).toBe(0);
    }
    schema = await json('schema', demo);
    const out = join(tmp.dir, 'csv');
    mkdirSync(out);
    // Token 12 = -1: one CSV per sheet (LibreOffice ≥ 7.2).
    soffice(['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1', '--outdir', out, demo]);
    for (const f of readdirSync(out)) sheets.set(f.replace(/^demo-/, '').replace(/\.csv$/, ''), parseCsv(readFileSync(join(out, f), 'utf8')));
  }, 180_000);
  afterAll(() => tmp.cleanup());

  it('opens a demo workbook and reads every directory sheet back with its rows', async () => {
    for (const dir of schema.directories) {
      const grid = sheets.get(dir.sheet);
      expect(grid, `sheet ${dir.sheet}`).toBeDefined();
      const records = await json('list', demo, dir.key);
      expect(grid![0]).toEqual(['ID', ...dir.fields.map((f: any) => f.labels[schema.lang])]);
      expect(grid!.slice(1).map((r) => r[0])).toEqual(records.map((r: any) => r.id));
      const display = dir.display === 'id' ? 0 : 1 + dir.fields.findIndex((f: any) => f.key === dir.display);
      expect(grid!.slice(1).map((r) => r[display])).toEqual(records.map((r: any) => r.display));
    }
  });

  it('reads text that looks like a formula as text', () => {
    const names = sheets.get('Companies')!.map((r) => r[1]);
    expect(names).toEqual(expect.arrayContaining(['=1+1', '+33 hack', '-2', '@SUM(A1:A3)']));
  });

  it('shows dates as the same days Carnet stored', async () => {
    const sales = await json('list', demo, 'sales');
    const grid = sheets.get('Sales')!;
    const dateColumn = grid[0]!.indexOf('Date');
    expect(grid.slice(1).map((r) => r[dateColumn])).toEqual(sales.map((s: any) => s.values.date));
  });

  it("shows sale amounts — Carnet's own formulas — as the amounts Carnet computed", async () => {
    const sales = await json('list', demo, 'sales');
    const grid = sheets.get('Sales')!;
    const amount = grid[0]!.indexOf('Amount');
    expect(grid.slice(1).map((r) => Number(r[amount]))).toEqual(sales.map((s: any) => s.values.amount));
  });

  it('saves a workbook that Carnet opens and checks clean', async () => {
    const out = join(tmp.dir, 'resaved');
    mkdirSync(out);
    soffice(['--convert-to', 'xlsx', '--outdir', out, demo]);
    const resaved = join(out, 'demo.xlsx');
    const report = await json('check', resaved);
    expect(report.problems).toEqual([]);
    for (const dir of schema.directories) {
      const before = await json('list', demo, dir.key);
      const after = await json('list', resaved, dir.key);
      expect(after, dir.key).toEqual(before);
    }
  });
});
