/**
 * The whole loop a manager does, in real headless Chromium against `carnet serve` (the CLI as a
 * person starts it): find a company, add a contact, add a note, record a sale, and see it on the
 * card and in the .xlsx file; a refused value shows the core's message beside its field.
 */

import { copyFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { carnet, digest, tempDir } from '../helpers/cli.js';
import { openSidebar, type Sidebar } from '../helpers/browser.js';
import { requireProgram } from '../helpers/programs.js';

const HAS_CHROMIUM = requireProgram('chromium', 'browser (e2e) tests');
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = join(ROOT, 'test-output/e2e');
/** The README's screenshot: written when missing, or refreshed with CARNET_UPDATE_SCREENSHOTS=1. */
const README_SHOT = join(ROOT, 'docs/screenshots/card.png');

/** Runs in the page (as text: this file is type-checked without the DOM library). "tag|role|name|id" of the focus. */
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el) return '';
  const name = (el.getAttribute('aria-label') || el.textContent || '').trim();
  return [el.tagName.toLowerCase(), el.getAttribute('role') || '', name, el.id].join('|');
})()`;


/** Starts `carnet serve` as a person would and waits for the URL it prints. */

/** Rows of a sheet of the .xlsx as ExcelJS reads the file, keyed by header: what Excel would show. */
async function sheetRows(file: string, sheet: string): Promise<Record<string, unknown>[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const ws = book.getWorksheet(sheet)!;
  const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = row.values as unknown[];
    rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null]).filter(([h]) => h !== '')));
  });
  return rows;
}

describe.skipIf(!HAS_CHROMIUM)('the sidebar in a real browser', () => {
  const tmp = tempDir();
  const file = join(tmp.dir, 'demo.xlsx');
  let company = '';
  let sidebar: Sidebar | undefined;
  let page: Page;
  let url = '';

  beforeAll(async () => {
    expect((await carnet('demo', file, '--companies', '8')).code).toBe(0);
    const product = await carnet('add', file, 'products', '--set', 'code=TW-1', '--set', 'name=Test widget', '--set', 'unit_price=12.50');
    expect(product.code).toBe(0);
    // The configurator's changes reach the forms without code: two new fields, one hidden.
    expect((await carnet('field', 'add', file, 'contacts', 'Preferred channel:choice(Phone|Email|Visit)')).code).toBe(0);
    expect((await carnet('field', 'add', file, 'contacts', 'Newsletter:boolean')).code).toBe(0);
    expect((await carnet('field', 'hide', file, 'contacts', 'birthday')).code).toBe(0);
    // A company without an individual discount, so 3 × 12.50 is 37.50.
    const companies = JSON.parse((await carnet('list', file, 'companies', '--json')).stdout) as { display: string; values: { discount: number | null } }[];
    company = companies.find((c) => !c.values.discount)!.display;
    // Google's sidebar is 300 px wide: the design has to work there.
    sidebar = await openSidebar(file, 'e2e@example.com');
    page = sidebar.page;
    url = sidebar.url;
  });

  // Script errors in the page fail the test that caused them.
  afterEach(() => {
    expect(sidebar?.takeErrors()).toEqual([]);
  });

  afterAll(async () => {
    await sidebar?.close();
    tmp.cleanup();
  });

  it('keeps the token out of the address bar once the page has it', async () => {
    await page.getByRole('combobox', { name: 'Find a company' }).waitFor();
    expect(page.url()).not.toContain('token=');
  });

  it('finds a company by part of its name, with a typo, and opens its card', async () => {
    const search = page.getByRole('combobox', { name: 'Find a company' });
    const word = company.split(' ')[0]!.toLowerCase();
    // One letter dropped from the middle of the first word: still found.
    const typo = word.length >= 5 ? word.slice(0, 2) + word.slice(3) : word;
    await search.fill(typo);
    await expect.poll(() => page.getByRole('option').allTextContents()).toContainEqual(expect.stringContaining(company));
    await page.getByRole('option', { name: company }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe(company);
  });

  it('adds a contact with a form built from the schema, fields added by the configurator included', async () => {
    await page.getByRole('tab', { name: /Contacts/ }).click();
    await page.getByRole('button', { name: '+ Add contact' }).click();
    const form = page.getByRole('form', { name: 'Add contact' });
    expect(await form.getByLabel('Preferred channel').evaluate((el) => el.tagName)).toBe('SELECT');
    expect(await form.getByLabel('Newsletter').getAttribute('type')).toBe('checkbox');
    expect(await form.getByLabel('Birthday').count()).toBe(0);
    expect(await form.getByLabel('Company').count()).toBe(0);
    await form.getByLabel('First name').fill('Zoe');
    await form.getByLabel('Last name').fill('Testova');
    await form.getByLabel('Preferred channel').selectOption('Email');
    await form.getByLabel('Newsletter').check();
    await form.getByLabel('Email', { exact: true }).fill('Zoe.Testova@Example.com');
    await form.getByLabel('Email', { exact: true }).press('Enter');
    const item = page.locator('.items li', { hasText: 'Zoe Testova' });
    await item.waitFor();
    expect(await item.textContent()).toContain('zoe.testova@example.com');
    expect((await sheetRows(file, 'Contacts')).find((r) => r['Full name'] === 'Zoe Testova')).toMatchObject({
      Company: company,
      Email: 'zoe.testova@example.com',
      'Preferred channel': 'Email',
      Newsletter: true,
    });
  });

  it("shows the core's message beside a bad email, and saves nothing", async () => {
    const before = digest(file);
    await page.getByRole('button', { name: '+ Add contact' }).click();
    await page.getByLabel('Full name').fill('Broken Email');
    await page.getByLabel('Email', { exact: true }).fill('not-an-email');
    await page.getByRole('button', { name: 'Save' }).click();
    const email = page.getByLabel('Email', { exact: true });
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    const errorId = await email.getAttribute('aria-describedby');
    expect(await page.locator(`#${errorId}`).textContent()).toBe('Contacts › Email: "not-an-email" is not an email address.');
    // Focus goes to the field to correct.
    expect(await page.evaluate('document.activeElement.id')).toBe(await email.getAttribute('id'));
    expect(digest(file)).toBe(before);
    await email.press('Escape');
    await expect.poll(() => page.getByRole('button', { name: '+ Add contact' }).isVisible()).toBe(true);
  });

  it('adds a note to the timeline', async () => {
    await page.getByRole('tab', { name: /Notes/ }).click();
    await page.getByRole('button', { name: '+ Add note' }).click();
    const text = page.getByRole('textbox', { name: 'Note', exact: true });
    await text.fill('Called about the spring order');
    await text.press('Enter');
    await expect.poll(() => page.locator('.timeline li').first().textContent()).toContain('Called about the spring order');
    expect((await sheetRows(file, 'Notes')).some((r) => r.Note === 'Called about the spring order' && r.Company === company && r.Author === 'e2e@example.com')).toBe(true);
  });

  it('records a sale of 3 × 12.50 and shows 37.50 on the card and in the Sales sheet', async () => {
    await page.getByRole('tab', { name: /Sales/ }).click();
    const monthBefore = await page.locator('[data-total=thisMonth]').textContent();
    await page.getByRole('button', { name: '+ Add sale' }).click();
    expect(await page.getByLabel('Date').getAttribute('type')).toBe('date');
    // The product is picked from Products: a dropdown of the list fetched once with the index.
    const listId = await page.getByLabel('Product').getAttribute('list');
    expect(await page.locator(`datalist[id="${listId}"] option[value="Test widget"]`).count()).toBe(1);
    await page.getByLabel('Product').fill('Test widget');
    await expect.poll(() => page.locator('.field-hint', { hasText: 'List price' }).textContent()).toContain('$12.50');
    await page.getByLabel('Quantity').fill('3');
    await page.getByLabel('Quantity').press('Enter');
    const line = page.locator('.sales li', { hasText: 'Test widget' }).first();
    await line.waitFor();
    expect(await line.locator('.amount').textContent()).toBe('$37.50');
    expect(await line.textContent()).toContain('3 × $12.50');
    expect(await page.locator('[data-total=thisMonth]').textContent()).not.toBe(monthBefore);

    const sale = (await sheetRows(file, 'Sales')).find((r) => r.Product === 'Test widget');
    // The amount is Carnet's own formula over the line, saved with its computed result.
    expect(sale).toMatchObject({
      Company: company,
      Quantity: 3,
      'Unit price': 12.5,
      Amount: { formula: expect.stringMatching(/^ROUND\(E\d+\*F\d+\*\(1-G\d+\),2\)$/), result: 37.5 },
      Owner: 'e2e@example.com',
    });

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'card.png') });
    if (!existsSync(README_SHOT) || process.env.CARNET_UPDATE_SCREENSHOTS === '1') {
      mkdirSync(dirname(README_SHOT), { recursive: true });
      copyFileSync(join(ARTIFACTS, 'card.png'), README_SHOT);
    }
  });

  it('speaks French when asked, whatever the workbook’s language', async () => {
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('tab', { name: /Ventes/ }).waitFor();
    expect(await page.getByRole('button', { name: '+ Ajouter une vente' }).isVisible()).toBe(true);
    await page.getByLabel('Langue').selectOption('');
    await page.getByRole('tab', { name: /Sales/ }).waitFor();
  });

  it('can be used with the keyboard alone', async () => {
    await page.goto(url);
    await page.getByRole('combobox', { name: 'Find a company' }).waitFor();
    const key = (k: string) => page.keyboard.press(k);
    const focused = () => page.evaluate<string>(FOCUSED);

    // The search box has the focus as soon as the sidebar opens: type right away.
    await expect.poll(focused).toMatch(/^input\|combobox\|/);
    await page.keyboard.type(company.slice(0, 6));
    await key('ArrowDown');
    await key('ArrowUp');
    await key('Enter');
    await expect.poll(focused).toBe(`h2||${company}|card-title`);

    // Tab past History, Documents, Edit and the phone and email links to the tab list; arrows move between tabs.
    for (let i = 0; i < 6 && !/^button\|tab\|/.test(await focused()); i++) await key('Tab');
    expect(await focused()).toMatch(/^button\|tab\|Notes/);
    await key('ArrowRight');
    expect(await focused()).toMatch(/^button\|tab\|Contacts/);
    await key('ArrowLeft');
    expect(await focused()).toMatch(/^button\|tab\|Notes/);
    await key('Tab');
    expect(await focused()).toMatch(/^button\|\|\+ Add note/);

    // Enter opens the form with the cursor in it; Escape closes it and gives the focus back.
    await key('Enter');
    await expect.poll(focused).toMatch(/^textarea\|\|/);
    await key('Escape');
    await expect.poll(focused).toMatch(/^button\|\|\+ Add note/);

    // And a note saved with nothing but keys.
    await key('Enter');
    await page.keyboard.type('Typed without a mouse');
    await key('Enter');
    await expect.poll(() => page.locator('.timeline li').first().textContent()).toContain('Typed without a mouse');
    await expect.poll(focused).toMatch(/^button\|\|\+ Add note/);
  });
});

describe.skipIf(!HAS_CHROMIUM)('the sidebar on a spreadsheet without a CRM', () => {
  it('offers to set one up, in the language chosen, and then searches it', async () => {
    const tmp = tempDir();
    const file = join(tmp.dir, 'blank.xlsx');
    const book = new ExcelJS.Workbook();
    book.addWorksheet('My own sheet').getCell('A1').value = 'untouched';
    await book.xlsx.writeFile(file);
    const sidebar = await openSidebar(file, 'e2e@example.com', 600);
    try {
      const page = sidebar.page;
      await page.getByText('This spreadsheet has no CRM yet.').waitFor();
      await page.getByLabel('Language of the CRM').selectOption('fr');
      await page.getByRole('button', { name: 'Créer le CRM dans ce classeur' }).click();
      // The workbook is now French, and so is the sidebar.
      await page.getByRole('combobox', { name: 'Trouver une société' }).waitFor();
      expect((await sheetRows(file, 'Sociétés')).length).toBe(0);
      expect((await sheetRows(file, 'My own sheet'))).toEqual([]);
      expect(sidebar.takeErrors()).toEqual([]);
    } finally {
      await sidebar.close();
      tmp.cleanup();
    }
  });
});

