import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TidyPlan, TidyResult } from '../../core/tidy/types.js';
import { carnet, digest, tempDir } from '../helpers/cli.js';
import { editByHand } from '../helpers/excel-edit.js';

const tmp = tempDir();
const base = join(tmp.dir, 'base.xlsx');

/**
 * An English CRM (country US) set up by `carnet init`, with Acme and a product added through
 * Carnet; then people typed rows straight into it in Excel (here ExcelJS): a company with a
 * phone, an upper-case email and a date as text, one with a bad email, one whose email is a
 * formula, a sale with its unit price typed with a "$", a task; and a column of their own.
 */
beforeAll(async () => {
  expect((await carnet('init', base)).code).toBe(0);
  expect((await carnet('add', base, 'products', '--set', 'name=Widget', '--set', 'code=W-1', '--set', 'unit_price=10')).code).toBe(0);
  expect((await carnet('add', base, 'companies', '--set', 'name=Acme')).code).toBe(0);
  await editByHand(base, (book, cell) => {
    const ws = book.getWorksheet('Companies')!;
    ws.getCell(1, ws.columnCount + 1).value = 'Notes perso';
    cell('Companies', 'Name', 3).value = 'Bolt';
    cell('Companies', 'Phone', 3).value = '(212) 555-0100';
    cell('Companies', 'Email', 3).value = 'Bob@Bolt.COM';
    cell('Companies', 'Date created', 3).value = '03/04/2026';
    cell('Companies', 'Notes perso', 3).value = 'Call Bob@Bolt.COM';
    cell('Companies', 'Name', 4).value = 'Crux';
    cell('Companies', 'Email', 4).value = 'bob@';
    cell('Companies', 'Name', 5).value = 'Dyna';
    cell('Companies', 'Email', 5).value = { formula: 'UPPER("d@dyna.com")', result: 'D@DYNA.COM' };
    cell('Sales', 'Date', 2).value = '11/27/2026';
    cell('Sales', 'Company', 2).value = 'Acme';
    cell('Sales', 'Product', 2).value = 'Widget';
    cell('Sales', 'Quantity', 2).value = 2;
    cell('Sales', 'Unit price', 2).value = '$10.00';
    cell('Tasks', 'Task', 2).value = 'Call Bolt';
  });
});
afterAll(() => tmp.cleanup());

function copy(name: string): string {
  const f = join(tmp.dir, name);
  copyFileSync(base, f);
  return f;
}

/** Every cell value of the team's and the directories' sheets (not Carnet's settings, not the audit log), by "Sheet!A1". */
async function cells(file: string): Promise<Map<string, unknown>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const out = new Map<string, unknown>();
  for (const ws of book.worksheets) {
    if (ws.name.startsWith('_carnet') || ws.name === 'Audit') continue;
    ws.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (c) => out.set(`${ws.name}!${c.address}`, c.value)));
  }
  return out;
}

function changedCells(before: Map<string, unknown>, after: Map<string, unknown>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => JSON.stringify(before.get(k) ?? null) !== JSON.stringify(after.get(k) ?? null)).sort();
}

describe('carnet tidy', () => {
  it('with --dry-run prints the changes per directory and what it cannot fix, with cells, and leaves the file byte for byte', async () => {
    const f = copy('dry.xlsx');
    const before = digest(f);
    const r = await carnet('tidy', f, '--dry-run');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(digest(f)).toBe(before);
    expect(r.stdout).toBe(
      [
        `${f}: 11 cells to tidy in Companies, Sales, Tasks. 2 problems are left for a person to fix; \`check\` lists them too.`,
        '',
        'Companies (sheet "Companies", 4 records): 3 IDs, 3 in stored form',
        '  - Give IDs CO-000002…CO-000004 to 3 records typed by hand, in column A (A3, A4, A5).',
        '  - Rewrite 3 cells in stored form: H3 "(212) 555-0100" → "+12125550100", I3 "Bob@Bolt.COM" → "bob@bolt.com", N3 "03/04/2026" → 2026-03-04.',
        '',
        'Sales (sheet "Sales", 1 record): 1 ID, 2 in stored form',
        '  - Give ID SA-000001 to 1 record typed by hand, in column A (A2).',
        '  - Rewrite 2 cells in stored form: B2 "11/27/2026" → 2026-11-27, F2 "$10.00" → 10.',
        '',
        'Tasks (sheet "Tasks", 1 record): 1 ID, 1 default',
        '  - Give ID TA-000001 to 1 record typed by hand, in column A (A2).',
        "  - Fill 1 empty cell of the records given an ID with its field's default: G2 Done → false.",
        '',
        'Left as they are, for a person to fix (`carnet check` lists them too):',
        '  error   Companies!I4: "bob@" is not an email address. [E_INVALID_VALUE]',
        '  warning Companies!I5: "D@DYNA.COM" would be stored as "d@dyna.com". Tidy leaves it: the cell holds a formula. [E_INVALID_VALUE]',
        'Nothing was changed (dry run).',
        '',
      ].join('\n'),
    );
  });

  it('applies the plan: exactly its cells change, the formula and the team column stay, and check no longer warns about them', async () => {
    const f = copy('applied.xlsx');
    const plan = JSON.parse((await carnet('tidy', f, '--dry-run', '--json')).stdout) as TidyPlan;
    const before = await cells(f);
    const r = await carnet('tidy', f);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(-2)).toEqual(['Tidied 11 cells in Companies, Sales, Tasks. 2 problems are left for a person to fix; `check` lists them too.', '']);

    const after = await cells(f);
    const planned = plan.directories.flatMap((d) => d.changes.map((c) => `${d.sheet}!${c.cell}`)).sort();
    expect(planned).toHaveLength(11);
    expect(changedCells(before, after)).toEqual(planned);
    expect(after.get('Companies!A3')).toBe('CO-000002');
    expect(after.get('Companies!H3')).toBe('+12125550100');
    expect(after.get('Companies!I3')).toBe('bob@bolt.com');
    expect(after.get('Companies!I4')).toBe('bob@');
    expect(after.get('Companies!I5')).toEqual({ formula: 'UPPER("d@dyna.com")', result: 'D@DYNA.COM' });
    expect(after.get('Companies!P3')).toBe('Call Bob@Bolt.COM');
    expect(after.get('Sales!F2')).toBe(10);
    expect(after.get('Tasks!G2')).toBe(false);

    const check = await carnet('check', f, '--json');
    const report = JSON.parse(check.stdout) as { warnings: number; errors: number; problems: { cell?: string; message: string }[] };
    expect(report.problems.map((p) => `${p.message}`)).toEqual([
      'Companies!I4: "bob@" is not an email address.',
      'Companies!I5: "D@DYNA.COM" would be stored as "d@dyna.com".',
    ]);

    // Once tidy, tidy has nothing more to do, and says so without touching the file.
    const tidied = digest(f);
    const again = await carnet('tidy', f);
    expect(again.stdout.split('\n')[0]).toBe(`${f}: Nothing to tidy: every record has its ID and every value its stored form. 2 problems are left for a person to fix; \`check\` lists them too.`);
    expect(again.code).toBe(0);
    expect(digest(f)).toBe(tidied);
  });

  it('keeps to one directory with --directory, and gives the result as JSON with --json', async () => {
    const f = copy('one.xlsx');
    const before = await cells(f);
    const r = await carnet('tidy', f, '--directory', 'tasks', '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as TidyResult;
    expect(result.written).toBe(2);
    expect(result.directories.map((d) => d.directory)).toEqual(['tasks']);
    expect(result.problems).toEqual([]);
    expect(changedCells(before, await cells(f))).toEqual(['Tasks!A2', 'Tasks!G2']);
  });

  it('refuses an unknown directory, changing nothing', async () => {
    const f = copy('unknown.xlsx');
    const before = digest(f);
    const r = await carnet('tidy', f, '--directory', 'Planets');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^carnet: No directory named "Planets"\. Directories: Companies, .* \[E_UNKNOWN_DIRECTORY\]\n$/);
    expect(digest(f)).toBe(before);
  });
});
