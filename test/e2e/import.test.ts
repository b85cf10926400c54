/**
 * The Import and Export screens in real headless Chromium against `carnet serve` on a demo
 * workbook made by the CLI (issue 10): a pasted TSV of contacts — a bad email, a duplicate row,
 * a company that does not exist yet — mapped by its headers, previewed with every row's outcome
 * and reason, the rejected rows downloaded as a CSV, applied, found in the .xlsx, undone, gone;
 * then a directory exported as a CSV download. Expected values are written here or read from the
 * sheets with ExcelJS, not taken from the core.
 */

import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSidebar, type Sidebar } from '../helpers/browser.js';
import { carnet, tempDir } from '../helpers/cli.js';
import { encodeText } from '../helpers/iconv.js';
import { requireProgram } from '../helpers/programs.js';

const HAS_CHROMIUM = requireProgram('chromium', 'browser (e2e) tests') && requireProgram('iconv', 'browser (e2e) tests of encodings');
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = join(ROOT, 'test-output/e2e');

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

/** A README screenshot: written when missing, or refreshed with CARNET_UPDATE_SCREENSHOTS=1. */
async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
  const shot = join(ROOT, 'docs/screenshots', name);
  if (!existsSync(shot) || process.env.CARNET_UPDATE_SCREENSHOTS === '1') {
    mkdirSync(dirname(shot), { recursive: true });
    copyFileSync(join(ARTIFACTS, name), shot);
  }
}

/** The outcome counts shown in `scope` (the preview or the result), by their labels. */
async function counts(page: Page, scope: string): Promise<Record<string, string>> {
  const terms = await page.locator(`${scope} .import-counts dt`).allTextContents();
  const values = await page.locator(`${scope} .import-counts dd`).allTextContents();
  return Object.fromEntries(terms.map((t, i) => [t, values[i]!]));
}

/** A CSV's records (quoted fields with commas and doubled quotes), without its BOM. */
function csvRecords(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field.replace(/\r$/, '')), rows.push(row), (row = []), (field = '');
    else field += c;
  }
  return rows;
}

describe.skipIf(!HAS_CHROMIUM)('the Import and Export screens in a real browser', () => {
  const tmp = tempDir();
  const file = join(tmp.dir, 'demo.xlsx');
  let sidebar: Sidebar | undefined;
  let page: Page;
  let company = '';
  let contactsBefore = 0;
  let tsv = '';

  beforeAll(async () => {
    expect((await carnet('demo', file, '--companies', '5')).code).toBe(0);
    company = String((await sheetRows(file, 'Companies'))[0]!.Name);
    contactsBefore = (await sheetRows(file, 'Contacts')).length;
    // As Google Contacts and a phone export name their columns; a company written in other case.
    tsv = [
      ['Full name', 'E-mail 1 - Value', 'Phone', 'Organization Name'],
      ['Anna Testova', 'anna.testova@example.com', '(415) 555-0134', company],
      ['Boris Badmail', 'not-an-email', '', company],
      ['Anna Testova', 'anna.testova@example.com', '(415) 555-0134', company],
      ['Chloé Neuve', 'chloe@example.com', '', 'Brand New Startup'],
      ['Dmitri Casse', 'dmitri@example.com', '', company.toUpperCase()],
    ]
      .map((r) => r.join('\t'))
      .join('\n');
    sidebar = await openSidebar(file, 'e2e@example.com', 900);
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

  it('maps a pasted TSV by its headers, synonyms included', async () => {
    await page.getByRole('button', { name: /Import/ }).click();
    await page.getByRole('heading', { name: 'Import', level: 2 }).waitFor();
    await page.getByLabel('Pasted text').check();
    await page.getByLabel('Paste a table').fill(tsv);
    const fills = (header: string) => page.getByLabel(`Column “${header}” fills`);
    await fills('Full name').waitFor();
    expect(await fills('Full name').inputValue()).toBe('name');
    expect(await fills('E-mail 1 - Value').inputValue()).toBe('email');
    expect(await fills('Phone').inputValue()).toBe('phone');
    expect(await fills('Organization Name').inputValue()).toBe('company');
    expect(await page.locator('.import-col .badge').allTextContents()).toEqual(['by its header', 'by its header', 'by its header', 'by its header']);
    // A full name also fills first and last name, in the order detected.
    expect(await page.getByLabel('Also fill first and last name').inputValue()).toBe('first-last');
    expect(await page.getByLabel('Separator').locator('option').first().textContent()).toBe('detected: tab');
    expect(await page.locator('.import-first-rows tbody tr').count()).toBe(5);
  });

  it('previews every outcome with the row number and reason of each skip and reject', async () => {
    await expect.poll(() => counts(page, '.import-preview')).toEqual({ new: '2', updated: '0', unchanged: '0', skipped: '1', rejected: '2' });
    const problems = page.locator('.import-preview .import-problem-list > li');
    expect(await problems.allTextContents()).toEqual([
      'Row 3 rejected Email: "not-an-email" is not an email address',
      'Row 4 skipped duplicate of row 2 of the file (same Full name)',
      'Row 5 rejected Company: there is no "Brand New Startup" in Companies (choose to create missing Companies to add it)',
    ]);
  });

  it('creates the missing company when asked, and says so before writing', async () => {
    await page.getByLabel('Create the missing ones in Companies').check();
    await expect.poll(() => counts(page, '.import-preview')).toEqual({ new: '3', updated: '0', unchanged: '0', skipped: '1', rejected: '1' });
    expect(await page.locator('.import-preview .import-notes').first().textContent()).toBe('Creates in Companies (1): Brand New Startup');
    expect((await sheetRows(file, 'Companies')).some((c) => c.Name === 'Brand New Startup')).toBe(false);
  });

  it('hands the rejected rows back as a CSV with their reason, to fix and import again', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download rejected rows/ }).click()]);
    expect(download.suggestedFilename()).toBe('import-rejected.csv');
    const text = readFileSync(await download.path()).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(csvRecords(text)).toEqual([
      ['Full name', 'E-mail 1 - Value', 'Phone', 'Organization Name', 'Reason'],
      ['Boris Badmail', 'not-an-email', '', company, 'Email: "not-an-email" is not an email address'],
    ]);
    await page.evaluate('scrollTo(0, 0)');
    await screenshot(page, 'import.png');
  });

  it('imports the good rows, with a progress bar, and they are in the workbook', async () => {
    await page.getByRole('button', { name: 'Import the rows (5) into Contacts' }).click();
    await page.getByRole('heading', { name: 'Imported', exact: true }).waitFor();
    expect(await counts(page, '.import-result')).toEqual({ new: '3', updated: '0', unchanged: '0', skipped: '1', rejected: '1' });
    expect(await page.locator('.import-progress span').textContent()).toBe('5 of 5 rows');
    expect(await page.locator('.import-result .import-dir-counts').first().textContent()).toBe('Created: Companies 1 · Contacts 3');
    const contacts = await sheetRows(file, 'Contacts');
    expect(contacts.length).toBe(contactsBefore + 3);
    expect(contacts.find((c) => c['Full name'] === 'Anna Testova')).toMatchObject({ 'First name': 'Anna', 'Last name': 'Testova', Email: 'anna.testova@example.com', Company: company });
    // The company written in capitals links to the one already there, by its display key.
    expect(contacts.find((c) => c['Full name'] === 'Dmitri Casse')?.Company).toBe(company);
    expect(contacts.find((c) => c['Full name'] === 'Chloé Neuve')?.Company).toBe('Brand New Startup');
    expect(contacts.some((c) => c['Full name'] === 'Boris Badmail')).toBe(false);
    expect((await sheetRows(file, 'Companies')).some((c) => c.Name === 'Brand New Startup')).toBe(true);
    await page.evaluate('scrollTo(0, 0)');
    await screenshot(page, 'import-result.png');
  });

  it('asks before undoing a record edited since, then undoes everything: the contacts and the company are gone', async () => {
    // A colleague corrects an imported contact's email after the import.
    const anna = (await sheetRows(file, 'Contacts')).find((c) => c['Full name'] === 'Anna Testova')!;
    const edit = { directory: 'contacts', id: String(anna.ID), values: { email: 'anna@corrected.example.com' } };
    const answer = await page.evaluate(`fetch('/api/record.update', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Carnet-Token': sessionStorage.getItem('carnet.token') }, body: ${JSON.stringify(JSON.stringify(edit))} }).then((r) => r.json())`);
    expect(answer).toMatchObject({ ok: true });

    await page.getByRole('button', { name: /Undo this import/ }).click();
    const ask = page.getByRole('alertdialog');
    await ask.waitFor();
    const edited = await ask.locator('li').allTextContents();
    expect(edited).toHaveLength(1);
    expect(edited[0]).toBe(`Contacts ${anna.ID} — added by the import, edited since: undo would delete it`);
    await ask.getByRole('button', { name: 'Undo these too' }).click();
    await expect.poll(() => page.locator('.import-undone').first().textContent()).toMatch(/^Import IM-\d+ undone\./);
    const contacts = await sheetRows(file, 'Contacts');
    expect(contacts.length).toBe(contactsBefore);
    expect(contacts.some((c) => c['Full name'] === 'Anna Testova' || c['Full name'] === 'Chloé Neuve')).toBe(false);
    expect((await sheetRows(file, 'Companies')).some((c) => c.Name === 'Brand New Startup')).toBe(false);
    // The list of earlier imports says so too.
    await page.getByText('Earlier imports').click();
    await expect.poll(() => page.locator('.import-batch-list > li .badge').first().textContent()).toBe('undone');
  });

  it('exports a directory as a CSV download, and shows its link in case the frame blocks it', async () => {
    await page.getByRole('button', { name: /Back to companies/ }).click();
    await page.getByRole('button', { name: /Export/ }).click();
    await page.getByRole('heading', { name: 'Export', level: 2 }).waitFor();
    await page.getByLabel('Directory').selectOption({ label: 'Companies' });
    await page.getByLabel('Format').selectOption('csv');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export', exact: true }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Companies \d{4}-\d{2}-\d{2}\.csv$/);
    const records = csvRecords(readFileSync(await download.path()).toString('utf8'));
    const sheet = await sheetRows(file, 'Companies');
    expect(records[0]!.slice(0, 2)).toEqual(['ID', 'Name']);
    expect(records.slice(1).map((r) => r[1])).toEqual(sheet.map((c) => String(c.Name)));
    expect(await page.locator('.export-done a').textContent()).toBe(download.suggestedFilename());
  });

  it('reads a file saved by a Russian Excel in Windows-1251, shows the encoding with a sample, and lets it be overridden', async () => {
    const csv = ['ФИО;Эл. почта;Телефон', 'Пётр Иванов;petr@example.ru;8 (989) 877-55-44', 'Ольга Смирнова;olga@example.ru;'].join('\r\n');
    await page.getByRole('button', { name: /Back to companies/ }).click();
    await page.getByRole('button', { name: /Import/ }).click();
    await page.getByLabel('File (CSV, TSV, TXT or XLSX)').setInputFiles({ name: 'клиенты.csv', mimeType: 'text/csv', buffer: Buffer.from(encodeText(csv, 'windows-1251')) });
    const encoding = page.getByLabel('Encoding');
    await encoding.waitFor();
    expect(await encoding.locator('option').first().textContent()).toMatch(/^detected: Windows-1251 \(.+\)$/);
    expect(await page.locator('.import-sample').textContent()).toContain('ФИО;Эл. почта;Телефон');
    expect(await page.locator('.import-first-rows thead th').allTextContents()).toEqual(['#', 'ФИО', 'Эл. почта', 'Телефон']);
    await expect.poll(() => page.getByLabel('Column “Эл. почта” fills').inputValue()).toBe('email');
    expect(await page.getByLabel('Column “Телефон” fills').inputValue()).toBe('phone');
    // A Russian number written the local way needs its country: this workbook's is the US.
    await expect.poll(() => counts(page, '.import-preview')).toMatchObject({ new: '1', rejected: '1' });
    expect(await page.locator('.import-preview .import-problem-list > li').allTextContents()).toEqual(['Row 2 rejected Phone: "8 (989) 877-55-44" is not a phone number']);
    await page.getByLabel('Country of phone numbers without +').fill('ru');
    await expect.poll(() => counts(page, '.import-preview')).toMatchObject({ new: '2', rejected: '0' });
    // Read as KOI8-R the same bytes are other letters: the person sees it at once, and goes back.
    await encoding.selectOption('koi8-r');
    await expect.poll(() => page.locator('.import-first-rows thead th').nth(1).textContent()).not.toBe('ФИО');
    await encoding.selectOption('');
    await expect.poll(() => page.locator('.import-first-rows thead th').nth(1).textContent()).toBe('ФИО');
  });
});
