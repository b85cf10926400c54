/**
 * Interop: an .xlsx export opens in LibreOffice with every value Carnet stored, text that looks
 * like a formula staying text. LibreOffice's CSV of each export is read back through
 * normalizeValue, and compared field by field with `carnet list`.
 */

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeValue } from '../../core/fields/normalize.js';
import type { Schema } from '../../core/schema/types.js';
import { carnet, tempDir } from '../helpers/cli.js';
import { parseCsv } from '../helpers/csv.js';
import { requireProgram } from '../helpers/programs.js';

const HAS_SOFFICE = requireProgram('soffice', 'LibreOffice export interop tests');
const tmp = tempDir();
const demo = join(tmp.dir, 'demo.xlsx');
const TRICKY = ['=1+1', '+33 hack', '-2', '@SUM(A1:A3)', '_x0041_', "'=quoted", 'Ünïcödé ж 😀'];
/** LibreOffice's CSV of each directory's export, by directory key. */
const opened = new Map<string, string[][]>();
let schema: Schema;

/** `carnet list --json`: the records as Carnet stores them. */
async function listed(directory: string): Promise<any[]> {
  return JSON.parse((await carnet('list', demo, directory, '--json')).stdout);
}

describe.runIf(HAS_SOFFICE)('an .xlsx export in LibreOffice', () => {
  beforeAll(async () => {
    expect((await carnet('demo', demo, '--companies', '15')).code).toBe(0);
    for (const name of TRICKY) expect((await carnet('add', demo, 'companies', '--set', `name=${name}`, '--set', 'notes=two\nlines')).code).toBe(0);
    schema = JSON.parse((await carnet('schema', demo, '--json')).stdout);
    const files = [];
    for (const dir of schema.directories) {
      const file = join(tmp.dir, `${dir.key}.xlsx`);
      expect((await carnet('export', demo, dir.key, file)).code).toBe(0);
      files.push(file);
    }
    const out = join(tmp.dir, 'csv');
    mkdirSync(out);
    const profile = `file://${join(tmp.dir, 'lo-profile')}`;
    execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1', '--outdir', out, ...files], {
      stdio: 'pipe',
      timeout: 120_000,
    });
    for (const dir of schema.directories) opened.set(dir.key, parseCsv(readFileSync(join(out, `${dir.key}-${dir.labels[schema.lang]}.csv`), 'utf8')));
  }, 180_000);
  afterAll(() => tmp.cleanup());

  it('shows every directory with its header, its records in sheet order and every value Carnet stored', async () => {
    for (const dir of schema.directories) {
      const grid = opened.get(dir.key)!;
      const records = await listed(dir.key);
      expect(grid[0], dir.key).toEqual(['ID', ...dir.fields.map((f) => f.labels[schema.lang])]);
      expect(grid.slice(1).map((r) => r[0]), dir.key).toEqual(records.map((r: any) => r.id));
      records.forEach((rec: any, i: number) => {
        dir.fields.forEach((f, c) => {
          const shown = grid[i + 1]![c + 1] ?? '';
          expect(normalizeValue(f, shown, schema), `${dir.key} ${rec.id} ${f.key} ${JSON.stringify(shown)}`).toEqual(normalizeValue(f, rec.values[f.key] ?? null, schema));
        });
      });
    }
  });

  it('keeps text that looks like a formula, or like OOXML’s own escape, as the text it is', () => {
    const names = opened.get('companies')!.map((r) => r[1]);
    expect(names).toEqual(expect.arrayContaining(TRICKY));
    expect(opened.get('companies')!.filter((r) => r[1] === '=1+1')[0]).toContain('two\nlines');
  });
});
