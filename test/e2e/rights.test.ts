/**
 * Rights in the sidebar (issue 12), in real headless Chromium against `carnet serve`: a workbook
 * whose admin (Ada), two managers (Max, Zoé) and a viewer (Vic) have accounts, with passwords, so
 * the page asks who is there. The Viewer is offered no writes and told why; a call forced past
 * the sidebar is refused with the core's message. The Manager edits his own company, not Zoé's,
 * and is not offered Import until the admin grants it in Users & rights, where a level changed in
 * the matrix shows in `carnet role show`. A wrong password says so.
 */

import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSidebar, type Sidebar } from '../helpers/browser.js';
import { carnet, tempDir } from '../helpers/cli.js';
import { requireProgram } from '../helpers/programs.js';

const HAS_CHROMIUM = requireProgram('chromium', 'browser (e2e) tests');
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = join(ROOT, 'test-output/e2e');

const ADA = 'ada@example.com';
const MAX = 'max@example.com';
const ZOE = 'zoe@example.com';
const VIC = 'vic@example.com';
const PASSWORDS: Record<string, string> = { [ADA]: 'ada-lovelace-1815', [MAX]: 'max-planck-1858', [ZOE]: 'zoe-saldana-1978', [VIC]: 'vic-hugo-1802' };

/** The CLI in-process, with `env` set for this call only (CARNET_NEW_PASSWORD, CARNET_PASSWORD). */
async function cli(env: Record<string, string>, ...args: string[]) {
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    const run = await carnet(...args);
    expect(run.code, `carnet ${args.join(' ')}: ${run.stderr}`).toBe(0);
    return run;
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** As Ada, once she has a password. */
const asAda = (...args: string[]) => cli({ CARNET_PASSWORD: PASSWORDS[ADA]! }, ...args, '--as', ADA);

/**
 * A README picture, of the whole page or of the part from one element's top to another's bottom
 * (selectors; run in the page as text: this file is type-checked without the DOM library): written
 * when missing, or refreshed with CARNET_UPDATE_SCREENSHOTS=1.
 */
async function screenshot(page: Page, name: string, part?: { from: string; to: string }): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const made = join(ARTIFACTS, name);
  const clip = part
    ? await page.evaluate<{ x: number; y: number; width: number; height: number }>(`(() => {
        const from = document.querySelector(${JSON.stringify(part.from)}).getBoundingClientRect();
        const to = document.querySelector(${JSON.stringify(part.to)}).getBoundingClientRect();
        const y = Math.max(0, from.top + window.scrollY - 6);
        return { x: 0, y, width: document.documentElement.clientWidth, height: Math.ceil(to.bottom + window.scrollY + 6 - y) };
      })()`)
    : undefined;
  await page.screenshot({ path: made, fullPage: true, ...(clip ? { clip } : {}) });
  const shot = join(ROOT, 'docs/screenshots', name);
  if (!existsSync(shot) || process.env.CARNET_UPDATE_SCREENSHOTS === '1') {
    mkdirSync(dirname(shot), { recursive: true });
    copyFileSync(made, shot);
  }
}

describe.skipIf(!HAS_CHROMIUM)('rights in the sidebar', () => {
  const tmp = tempDir();
  const file = join(tmp.dir, 'team.xlsx');
  let sidebar: Sidebar | undefined;
  let page: Page;

  async function signIn(user: string, password = PASSWORDS[user]!) {
    await page.getByRole('heading', { name: 'Sign in', level: 2 }).waitFor();
    await page.getByLabel('Login').fill(user);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async function signOut() {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in', level: 2 }).waitFor();
  }

  async function openCompany(name: string) {
    const search = page.getByRole('combobox', { name: 'Find a company' });
    await search.fill(name);
    await page.getByRole('option', { name: new RegExp(name) }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe(name);
  }

  async function openSettingsPart(part: string) {
    await page.getByRole('button', { name: '⚙ Settings' }).click();
    await page.getByRole('button', { name: part }).click();
    await page.getByRole('heading', { name: part, level: 2 }).waitFor();
  }

  const home = () => page.getByRole('button', { name: '← Back to companies' }).click();
  const backToSettings = () => page.getByRole('button', { name: '← Back to Settings' }).click();
  const offered = (name: string) => page.getByRole('button', { name }).count();

  beforeAll(async () => {
    expect((await carnet('init', file, '--as', ADA)).code).toBe(0);
    const add = (id: string, name: string, role: string) => cli({ CARNET_NEW_PASSWORD: PASSWORDS[id]! }, 'user', 'add', file, id, '--name', name, '--role', role, '--password', '--as', ADA);
    await add(MAX, 'Max', 'Manager');
    await add(ZOE, 'Zoé', 'Manager');
    await add(VIC, 'Vic', 'Viewer');
    await cli({}, 'add', file, 'companies', '--set', 'name=Max Corp', '--set', `owner=${MAX}`, '--as', ADA);
    await cli({}, 'add', file, 'companies', '--set', 'name=Zoé Ltd', '--set', `owner=${ZOE}`, '--as', ADA);
    // Ada last: from now on the CLI asks her password too.
    await cli({ CARNET_NEW_PASSWORD: PASSWORDS[ADA]! }, 'user', 'update', file, ADA, '--password', '--as', ADA);
    sidebar = await openSidebar(file, ADA);
    page = sidebar.page;
  });

  // Script errors in the page fail the test that caused them.
  afterEach(() => {
    expect(sidebar?.takeErrors()).toEqual([]);
  });

  afterAll(async () => {
    await sidebar?.close();
    tmp.cleanup();
  });

  it('asks for a login before anything, since passwords exist, and says when the password is wrong', async () => {
    await page.getByRole('heading', { name: 'Sign in', level: 2 }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Find a company' }).count()).toBe(0);
    await page.getByLabel('Login').fill(VIC);
    await screenshot(page, 'sign-in.png');
    await page.getByLabel('Password').fill('not-her-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Wrong login or password.');
    expect(await page.getByLabel('Password').inputValue()).toBe('');
  });

  it('offers the Viewer no writes, and "Your rights" says why', async () => {
    await signIn(VIC);
    await page.getByRole('combobox', { name: 'Find a company' }).waitFor();
    expect(await page.locator('.signed-in').textContent()).toBe('Signed in as Vic. Sign out');
    expect(await offered('+ New company')).toBe(0);
    expect(await offered('⇪ Import')).toBe(0);
    expect(await offered('⤓ Export')).toBe(0);
    expect(await offered('▦ Reports')).toBe(1);
    await openCompany('Max Corp');
    expect(await page.locator('.card-head').getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(await offered('+ Add note')).toBe(0);

    await openSettingsPart('Your rights');
    const text = (await page.locator('.your-rights').textContent())!;
    expect(text).toContain('You are Vic (vic@example.com), with the role Viewer.');
    expect(await page.locator('.rights-list li[data-directory="companies"]').textContent()).toBe(
      'Companies: you can see them, not add or change any (your role Viewer has “view” there).',
    );
    expect(await page.locator('.rights-list li[data-right="import"]').textContent()).toBe('You cannot import: your role Viewer does not have the right “import”. Ask an admin.');
    expect(await page.locator('.rights-list li[data-right="useReports"]').textContent()).toBe('You can run and build reports.');
    // Users & rights and the audit log are not offered to her.
    await backToSettings();
    expect(await offered('Users & rights')).toBe(0);
    expect(await offered('Audit log')).toBe(0);
    expect(await page.locator('#adopt-title').count()).toBe(0);
  });

  it("refuses a Viewer's call forced past the sidebar, with the core's message", async () => {
    const answer = await page.evaluate(`(async () => {
      const response = await fetch('/api/company.create', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Carnet-Token': sessionStorage.getItem('carnet.token'), 'X-Carnet-Session': sessionStorage.getItem('carnet.session') },
        body: JSON.stringify({ values: { name: 'Sneaky SA' } }),
      });
      return response.json();
    })()`);
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'E_FORBIDDEN',
        right: 'add',
        directory: 'companies',
        message: 'vic@example.com (Viewer) may not add records to Companies: that needs "add" on Companies, and the role Viewer has "view".',
      },
    });
  });

  it("lets the Manager edit his own company, not Zoé's; an update the core refuses shows its message", async () => {
    await home();
    await signOut();
    await signIn(MAX);
    await page.getByRole('combobox', { name: 'Find a company' }).waitFor();
    expect(await offered('+ New company')).toBe(1);

    await openCompany('Zoé Ltd');
    expect(await page.locator('.card-head').getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(await offered('+ Add note')).toBe(1);

    await openCompany('Max Corp');
    await page.locator('.card-head').getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Phone', { exact: true }).fill('+33 1 23 45 67 89');
    await page.getByRole('button', { name: 'Save' }).click();
    // Stored as +E.164, shown grouped as people read it (issue 13, §3).
    await expect.poll(() => page.locator('.card-head a[href^="tel:"]').textContent()).toBe('+33 1 23 45 67 89');
    expect(await page.locator('.card-head a[href^="tel:"]').getAttribute('href')).toBe('tel:+33123456789');

    // The admin gives the company to Zoé while Max has its form open: the core refuses his save.
    await page.locator('.card-head').getByRole('button', { name: 'Edit' }).click();
    await asAda('update', file, 'companies', 'Max Corp', '--set', `owner=${ZOE}`);
    await page.getByLabel('Phone', { exact: true }).fill('+33 9 99 99 99 99');
    await page.getByRole('button', { name: 'Save' }).click();
    const refusal = page.locator('.record-form [role="alert"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe(
      `max@example.com (Manager) may not edit CO-000001 in Companies: it is ${ZOE}'s, and changing others' records needs "full" (the role Manager has "add").`,
    );
    await page.getByRole('button', { name: 'Cancel' }).click();
    await asAda('update', file, 'companies', 'Max Corp', '--set', `owner=${MAX}`);
  });

  it('does not offer the Manager Import, which needs the right import', async () => {
    expect(await offered('⇪ Import')).toBe(0);
    expect(await offered('⤓ Export')).toBe(1);
    await openSettingsPart('Your rights');
    expect(await page.locator('.rights-list li[data-right="import"]').textContent()).toBe('You cannot import: your role Manager does not have the right “import”. Ask an admin.');
  });

  it("lets the admin grant Import and change a level in Users & rights, one command each, as `carnet role show` then says", async () => {
    await signOut();
    await signIn(ADA);
    await page.getByRole('combobox', { name: 'Find a company' }).waitFor();

    // A company's History: the audit log on its ID, newest first, Max's edit among its lines.
    await openCompany('Max Corp');
    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 2 }).waitFor();
    expect(await page.getByLabel('Record (ID)').inputValue()).toBe('CO-000001');
    await page.locator('.audit-list li').first().waitFor();
    const lines = await page.locator('.audit-list li').allTextContents();
    expect(lines.every((l) => l.includes('CO-000001'))).toBe(true);
    expect(lines.find((l) => l.includes(`${MAX} · company.update`))).toMatch(/Phone: ∅ → \+33123456789$/);
    // Back goes to the card it came from.
    await home();
    await page.getByRole('heading', { name: 'Max Corp', level: 2 }).waitFor();
    await openSettingsPart('Users & rights');
    await page.getByRole('heading', { name: 'Users', level: 3 }).waitFor();
    const user = (id: string) => page.locator(`.access-user[data-user="${id}"]`);
    expect(await user(MAX).locator('.badge').textContent()).toBe('password');
    expect(await page.locator('#access-role').inputValue()).toBe('Manager');

    // The last admin stays: the core's refusal is shown beside her.
    await user(ADA).getByRole('checkbox', { name: 'Active' }).click();
    await expect.poll(() => user(ADA).getByRole('alert').textContent()).toBe('The last admin cannot be removed, deactivated or given another role: make someone else an admin first.');
    expect(await user(ADA).getByRole('checkbox', { name: 'Active' }).isChecked()).toBe(true);

    const settled = () => expect.poll(() => page.locator('.access').getAttribute('aria-busy')).toBe('false');
    await page.getByLabel('Level on Deals').selectOption('full');
    await settled();
    await page.getByLabel('May delete in Deals').check();
    await settled();
    await page.getByRole('checkbox', { name: 'import', exact: true }).check();
    await settled();
    expect(await page.getByLabel('Level on Deals').inputValue()).toBe('full');
    expect(await page.getByRole('checkbox', { name: 'import', exact: true }).isChecked()).toBe(true);

    const shown = JSON.parse((await asAda('role', 'show', file, 'Manager', '--json')).stdout) as {
      roles: { rights: string[]; effective: { key: string; level: string; delete: boolean }[] }[];
    };
    expect(shown.roles[0]!.rights).toContain('import');
    expect(shown.roles[0]!.effective.find((d) => d.key === 'deals')).toEqual({ key: 'deals', label: 'Deals', level: 'full', delete: true });

    // The dry run first: what protecting the sheets would set, nothing changed yet.
    await page.getByRole('button', { name: 'Show what it would do' }).click();
    await page.locator('.protect-plan li[data-sheet="Companies"]').waitFor();
    expect(await page.locator('.what-protects').textContent()).toContain('In the .xlsx file, a protected sheet is locked for everybody');

    await screenshot(page, 'rights.png', { from: '#access-roles', to: '.access-rights' });
    await page.screenshot({ path: join(ARTIFACTS, 'users-rights-full.png'), fullPage: true });
  });

  it('offers the Manager Import once his role has the right', async () => {
    await signOut();
    await signIn(MAX);
    await page.getByRole('button', { name: '⇪ Import' }).click();
    await page.getByRole('heading', { name: 'Import', level: 2 }).waitFor();
  });
});
