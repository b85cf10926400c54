/**
 * Rights on the command line (issue 12): the admin who made the workbook adds people with roles;
 * a Viewer cannot add, a Manager edits only their own records, an import needs the import right;
 * a password guards `--as`; the sheets get protected; the audit log answers by record and user.
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { XlsxWorkbook } from '../../local/xlsx-workbook.js';
import { carnet, tempDir } from '../helpers/cli.js';

let dir: string;
let cleanup: () => void;
let file: string;

const as = (user: string, ...args: string[]) => carnet(...args, '--as', user);
const ADMIN = 'ada@example.com';
const MANAGER = 'max@example.com';
const VIEWER = 'vera@example.com';

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  file = join(dir, 'crm.xlsx');
  expect((await as(ADMIN, 'init', file)).code).toBe(0);
  expect((await as(ADMIN, 'user', 'add', file, MANAGER, '--name', 'Max', '--role', 'Manager')).stdout).toBe('Added max@example.com (Max) as Manager.\n');
  expect((await as(ADMIN, 'user', 'add', file, VIEWER, '--name', 'Vera', '--role', 'Viewer')).code).toBe(0);
  delete process.env.CARNET_PASSWORD;
  delete process.env.CARNET_NEW_PASSWORD;
});

afterEach(() => {
  delete process.env.CARNET_PASSWORD;
  delete process.env.CARNET_NEW_PASSWORD;
  cleanup();
});

describe('carnet user and role', () => {
  it('lists the accounts, the creator first as admin', async () => {
    const r = await as(ADMIN, 'user', 'list', file);
    expect(r.stdout).toMatch(/^User\s+Name\s+Role\s+Status\s+Password$/m);
    expect(r.stdout).toMatch(/^ada@example\.com\s+\S+\s+Admin\s+active\s+no$/m);
    expect(r.stdout).toMatch(/^max@example\.com\s+Max\s+Manager\s+active\s+no$/m);
    expect(r.stdout).toMatch(/People without an account: Viewer\n$/);
  });

  it('refuses a Viewer who adds a record, naming the level missing and the directory', async () => {
    const r = await as(VIEWER, 'add', file, 'cities', '--set', 'name=Lyon');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('carnet: vera@example.com (Viewer) may not add records to Cities: that needs "add" on Cities, and the role Viewer has "view". [E_FORBIDDEN]\n');
    const json = await as(VIEWER, 'add', file, 'cities', '--set', 'name=Lyon', '--json');
    expect(JSON.parse(json.stderr)).toEqual({
      ok: false,
      error: { code: 'E_FORBIDDEN', right: 'add', directory: 'cities', message: 'vera@example.com (Viewer) may not add records to Cities: that needs "add" on Cities, and the role Viewer has "view".' },
    });
  });

  it("lets a Manager edit the companies they own and refuses another manager's", async () => {
    expect((await as(MANAGER, 'add', file, 'companies', '--set', 'name=Acme')).code).toBe(0);
    expect((await as(ADMIN, 'add', file, 'companies', '--set', 'name=Globex', '--set', 'owner=otto@example.com')).code).toBe(0);
    expect((await as(MANAGER, 'update', file, 'companies', 'Acme', '--set', 'phone=+33 1 23 45 67 89')).code).toBe(0);
    const r = await as(MANAGER, 'update', file, 'companies', 'Globex', '--set', 'phone=+33 1 23 45 67 89');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('carnet: max@example.com (Manager) may not edit CO-000002 in Companies: it is otto@example.com\'s, and changing others\' records needs "full" (the role Manager has "add"). [E_FORBIDDEN]\n');
  });

  it('needs the import right to import, and gives it with role allow', async () => {
    const csv = join(dir, 'cities.csv');
    await import('node:fs/promises').then((fs) => fs.writeFile(csv, 'Name\nLyon\nNice\n'));
    const refused = await as(MANAGER, 'import', file, 'cities', csv);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('carnet: max@example.com (Manager) may not do this: it needs the right "import", which the role Manager does not have. [E_FORBIDDEN]\n');
    expect((await as(ADMIN, 'role', 'allow', file, 'Manager', 'import')).stdout).toContain('Rights: export, useTemplates, useReports, import');
    const stillNot = await as(MANAGER, 'import', file, 'cities', csv);
    expect(stillNot.stderr).toBe('carnet: max@example.com (Manager) may not add records to Cities: that needs "add" on Cities, and the role Manager has "view". [E_FORBIDDEN]\n');
    expect((await as(ADMIN, 'role', 'grant', file, 'Manager', 'cities', 'add')).code).toBe(0);
    const done = await as(MANAGER, 'import', file, 'cities', csv, '--json');
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ created: { cities: 2 } });
  });

  it('keeps the last admin, and refuses a non-admin who manages users', async () => {
    const last = await as(ADMIN, 'user', 'update', file, ADMIN, '--role', 'Viewer');
    expect(last.stderr).toBe('carnet: The last admin cannot be removed, deactivated or given another role: make someone else an admin first. [E_FORBIDDEN]\n');
    const r = await as(MANAGER, 'user', 'add', file, 'eve@example.com', '--role', 'Admin');
    expect(r.stderr).toBe('carnet: max@example.com (Manager) may not do this: it needs the right "manageUsers", which the role Manager does not have. [E_FORBIDDEN]\n');
  });

  it('guards --as with the password, stored only as a scrypt hash', async () => {
    process.env.CARNET_NEW_PASSWORD = 'correct horse battery';
    expect((await as(ADMIN, 'user', 'update', file, MANAGER, '--password')).stdout).toBe('Updated max@example.com: Max, Manager, active, with a password.\n');
    delete process.env.CARNET_NEW_PASSWORD;
    process.env.CARNET_PASSWORD = 'wrong password';
    const wrong = await as(MANAGER, 'add', file, 'companies', '--set', 'name=Acme');
    expect(wrong).toMatchObject({ code: 1, stderr: 'carnet: Wrong password for max@example.com; nothing was done. [E_LOGIN]\n' });
    process.env.CARNET_PASSWORD = 'correct horse battery';
    expect((await as(MANAGER, 'add', file, 'companies', '--set', 'name=Acme')).code).toBe(0);
    const bytes = (await import('node:fs')).readFileSync(file);
    expect(bytes.includes(Buffer.from('correct horse'))).toBe(false);
  });
});

describe('carnet protect and carnet audit', () => {
  it('protects the sheets as the rights say, twice the same, and shows the plan first', async () => {
    const dry = await as(ADMIN, 'protect', file, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^Companies\s+locked\s+ada@example\.com, max@example\.com\s+ID$/m);
    expect(dry.stdout).toMatch(/^Sales\s+locked\s+ada@example\.com, max@example\.com\s+ID, Amount$/m);
    expect(dry.stdout).toMatch(/^_carnet\s+locked\s+/m);
    expect(dry.stdout).toMatch(/Dry run: nothing was changed\.\n$/);
    expect(dry.stdout).toContain('Differs now:\n  "Companies" is not protected');
    const applied = await as(ADMIN, 'protect', file);
    expect(applied.stdout).toMatch(/Protected \d+ sheets\.\n$/);
    const again = await as(ADMIN, 'protect', file, '--dry-run');
    expect(again.stdout).toContain('The sheets are protected as the rights say.');
    expect((await as(ADMIN, 'check', file, '--json')).stdout).not.toContain('E_PROTECTION');
    // Someone unprotects Companies in a spreadsheet program: check says so.
    const wb = await XlsxWorkbook.open(file);
    await wb.transaction(() => wb.protect({ sheets: [{ name: 'Companies', editors: [], locked: false }] }));
    const report = JSON.parse((await as(ADMIN, 'check', file, '--json')).stdout) as { problems: { code: string }[] };
    expect(report.problems.filter((p) => p.code === 'E_PROTECTION')).toEqual([
      { code: 'E_PROTECTION', severity: 'warning', sheet: 'Companies', message: '"Companies" is not protected: its protection was removed by hand. Apply the protection again (`carnet protect`).' },
    ]);
  });

  it('answers by record and by user: one entry per changed field', async () => {
    await as(MANAGER, 'add', file, 'companies', '--set', 'name=Acme', '--set', 'phone=+33 1 23 45 67 89');
    await as(MANAGER, 'update', file, 'companies', 'Acme', '--set', 'phone=+33 1 98 76 54 32');
    const r = await as(ADMIN, 'audit', file, '--record', 'CO-000001', '--json');
    const entries = JSON.parse(r.stdout).entries as { who: string; command: string; field: string; old: string; new: string }[];
    const phone = entries.filter((e) => e.field === 'phone').map((e) => [e.who, e.command, e.old, e.new]);
    expect(phone).toEqual([
      [MANAGER, 'record.update', '+33123456789', '+33198765432'],
      [MANAGER, 'record.create', '', '+33123456789'],
    ]);
    const byUser = await as(ADMIN, 'audit', file, '--user', MANAGER);
    expect(byUser.stdout).toMatch(/record\.update\s+companies\s+CO-000001\s+phone\s+\+33123456789\s+\+33198765432/);
    const refused = await as(MANAGER, 'audit', file);
    expect(refused.code).toBe(1);
  });
});
