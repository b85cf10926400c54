/**
 * The Reports screen in real headless Chromium against `carnet serve` on a demo workbook made by
 * the CLI: a built-in report's table and chart, regrouped in the editor, built into its sheet (read
 * back from the .xlsx with ExcelJS), saved under a new name, opened wide in a tab of its own, and
 * refusals shown with the core's whole message. Expected numbers come from the Sales sheet itself,
 * not from the core, so a wrong pivot fails here too.
 */

import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSidebar, type Sidebar } from '../helpers/browser.js';
import { carnet, digest, tempDir } from '../helpers/cli.js';
import { requireProgram } from '../helpers/programs.js';

const HAS_CHROMIUM = requireProgram('chromium', 'browser (e2e) tests');
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = join(ROOT, 'test-output/e2e');
/** The README's screenshot: written when missing, or refreshed with CARNET_UPDATE_SCREENSHOTS=1. */
const README_SHOT = join(ROOT, 'docs/screenshots/reports.png');

/** The report's table (an ABC analysis also has its ranking, in a table under it). */
const TABLE = '.report-result > .pivot-scroll > table.pivot';
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

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

/** A report sheet as a grid of plain values (row 1 first), formulas by their results. */
async function sheetGrid(file: string, sheet: string): Promise<unknown[][] | undefined> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const ws = book.getWorksheet(sheet);
  if (!ws) return undefined;
  const grid: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    grid[n - 1] = (row.values as unknown[]).slice(1).map((v) => (v && typeof v === 'object' && 'result' in v ? (v as { result: unknown }).result : (v ?? null)));
  });
  return grid;
}

const monthLabel = (d: Date) => `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
const quarterLabel = (d: Date) => `Q${Math.floor(d.getUTCMonth() / 3) + 1} ${d.getUTCFullYear()}`;

/** The texts of the header cells of the table's first row: the column groups, then "Total". */
function firstHeaderRow(page: Page): Promise<string[]> {
  return page.locator(`${TABLE} thead tr`).first().locator('th').allTextContents();
}

describe.skipIf(!HAS_CHROMIUM)('the Reports screen in a real browser', () => {
  const tmp = tempDir();
  const file = join(tmp.dir, 'demo.xlsx');
  let sidebar: Sidebar | undefined;
  let page: Page;
  /** What the Sales sheet says the reports must show. */
  let quantity = 0;
  let months: string[] = [];
  let quarters: string[] = [];
  let cities: string[] = [];
  let products = 0;

  beforeAll(async () => {
    expect((await carnet('demo', file, '--companies', '20')).code).toBe(0);
    // Somewhere for the ABC analysis to write each customer's class.
    expect((await carnet('field', 'add', file, 'companies', 'ABC class:choice(A|B|C)')).code).toBe(0);
    const sales = await sheetRows(file, 'Sales');
    const companies = await sheetRows(file, 'Companies');
    const cityOf = new Map(companies.map((c) => [String(c.Name), c.City === null ? '(blank)' : String(c.City)]));
    const dates = sales.map((s) => s.Date as Date).sort((a, b) => a.getTime() - b.getTime());
    quantity = sales.reduce((sum, s) => sum + Number(s.Quantity), 0);
    // The months and quarters that have sales, in time order.
    months = [...new Set(dates.map(monthLabel))];
    quarters = [...new Set(dates.map(quarterLabel))];
    products = new Set(sales.map((s) => s.Product)).size;
    cities = [...new Set(sales.map((s) => cityOf.get(String(s.Company))!))].sort();
    sidebar = await openSidebar(file, 'e2e@example.com');
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

  it('shows "Shipments by product": months across, a bold Total row, and an SVG chart', async () => {
    await page.getByRole('button', { name: /Reports/ }).click();
    await page.getByRole('heading', { name: 'Reports' }).waitFor();
    const picker = page.getByLabel('Report', { exact: true });
    await picker.selectOption({ label: 'Shipments by product' });
    await expect.poll(() => firstHeaderRow(page)).toEqual(['Date (month)', ...months, 'Total']);
    expect(await page.locator('.report-caption').textContent()).toMatch(/^Shipments by product — Sales — all records — \d+ records — built /);

    const totalRow = page.locator(`${TABLE} tfoot tr`);
    expect(await totalRow.locator('th').textContent()).toBe('Total');
    const totals = await totalRow.locator('td').allTextContents();
    expect(totals).toHaveLength(months.length + 1);
    expect(totals.at(-1)).toBe(quantity.toLocaleString('en-US'));
    // Through the element: this file is type-checked without the DOM library's globals.
    expect(await totalRow.locator('td').last().evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).fontWeight)).toBe('700');
    // Row groups are row headers, the column groups column headers: a real table.
    expect(await page.locator(`${TABLE} tbody th[scope=row]`).count()).toBe(products);

    const chart = page.locator('.report-chart svg[role=img]');
    expect(await chart.getAttribute('aria-label')).toBe('Shipments by product');
    expect(await chart.locator('rect[fill]').count()).toBeGreaterThan(20);
  });

  it('regroups the rows by Company › City and the months into quarters', async () => {
    await page.getByText('Edit the report').click();
    await page.getByLabel('Row 1', { exact: true }).selectOption({ label: 'Company › City' });
    await page.getByLabel('Column 1: group dates by').selectOption('quarter');
    await expect.poll(() => firstHeaderRow(page)).toEqual(['Date (quarter)', ...quarters, 'Total']);
    expect(await page.locator(`${TABLE} thead tr`).last().locator('th').first().textContent()).toBe('Company › City');
    expect((await page.locator(`${TABLE} tbody th.first`).allTextContents()).sort()).toEqual(cities);
    expect(await page.locator(`${TABLE} tfoot td`).last().textContent()).toBe(quantity.toLocaleString('en-US'));

    // The README's picture: the table and its chart, at the sidebar's 300 px.
    await page.getByText('Edit the report').click();
    await page.locator('.report-chart svg').waitFor();
    await page.evaluate('scrollTo(0, 0)');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'reports.png'), fullPage: true });
    if (!existsSync(README_SHOT) || process.env.CARNET_UPDATE_SCREENSHOTS === '1') {
      mkdirSync(dirname(README_SHOT), { recursive: true });
      copyFileSync(join(ARTIFACTS, 'reports.png'), README_SHOT);
    }
  });

  it('builds the edited report into its sheet, with the caption and the totals', async () => {
    await page.getByRole('button', { name: 'Build into sheet' }).click();
    await expect.poll(() => page.locator('.report-built').textContent()).toBe('Built into sheet “Shipments by product”.');
    const caption = await page.locator('.report-caption').textContent();
    const grid = await sheetGrid(file, 'Shipments by product');
    expect(grid).toBeDefined();
    expect(grid![0]![0]).toBe(caption);
    const header = grid!.find((row) => row[0] === 'Date (quarter)')!;
    expect(header.filter((v) => v !== null)).toEqual(['Date (quarter)', ...quarters, 'Total']);
    const total = grid!.at(-1)!;
    expect(total[0]).toBe('Total');
    expect(total.at(-1)).toBe(quantity);
  });

  it('opens the table wide in a tab of its own, with the edits and without the token in its address', async () => {
    const [wide] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('button', { name: /Open wide/ }).click()]);
    try {
      await expect.poll(() => wide.locator(`${TABLE} thead tr`).first().locator('th').allTextContents(), { timeout: 10_000 }).toEqual(['Date (quarter)', ...quarters, 'Total']);
      expect(wide.url()).toMatch(/[?&]screen=reports&wide=1&report=Shipments\+by\+product$/);
      expect(wide.url()).not.toContain('token=');
      expect(await wide.locator('main.carnet.wide').count()).toBe(1);
      // At full size: wider than the sidebar, with nothing to scroll sideways in a 1280 px window.
      const box = await wide.locator(TABLE).boundingBox();
      expect(box!.width).toBeGreaterThan(300);
    } finally {
      await wide.close();
    }
  });

  it('saves the edited report under a new name, which the picker then offers', async () => {
    await page.getByRole('button', { name: 'Save as new report' }).click();
    await page.getByLabel('Name of the new report').fill('Quantity by city and quarter');
    await page.getByLabel('Name of the new report').press('Enter');
    const mine = page.locator('optgroup[label="Your reports"] option');
    await expect.poll(() => mine.allTextContents()).toEqual(['Quantity by city and quarter']);
    expect(await page.getByLabel('Report', { exact: true }).inputValue()).toBe('report:Quantity by city and quarter');
    // Saved in the workbook: a fresh page lists it too, and runs it as saved.
    await page.goto(sidebar!.url.replace(/\?token=.*/, '?screen=reports'));
    await page.getByLabel('Report', { exact: true }).selectOption({ label: 'Quantity by city and quarter' });
    await expect.poll(() => firstHeaderRow(page)).toEqual(['Date (quarter)', ...quarters, 'Total']);
  });

  it("shows the core's whole message when a build is refused, and writes nothing", async () => {
    const before = digest(file);
    await page.getByLabel('Sheet').fill('Companies');
    await page.getByRole('button', { name: 'Build into sheet' }).click();
    await expect
      .poll(() => page.locator('.report-actions [role=alert]').textContent())
      .toBe('"Companies" is the sheet of the directory Companies; a report is never built into it. Choose another sheet name for the report.');
    expect(digest(file)).toBe(before);
    await page.getByLabel('Sheet').fill('');
  });

  it('deletes a saved report once confirmed, and offers no Delete for Carnet’s own', async () => {
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: 'Really delete “Quantity by city and quarter”?' }).click();
    await expect.poll(() => page.locator('optgroup[label="Your reports"] option').count()).toBe(0);
    expect(await page.getByLabel('Report', { exact: true }).inputValue()).toBe('');
    await page.getByLabel('Report', { exact: true }).selectOption({ label: 'Shipments by product' });
    await page.locator(TABLE).waitFor();
    expect(await page.getByRole('button', { name: 'Delete', exact: true }).count()).toBe(0);
  });

  it('runs the ABC analysis with its thresholds, refusing bad ones, and writes the class back on build', async () => {
    await page.getByLabel('Report', { exact: true }).selectOption({ label: 'ABC analysis of customers' });
    await expect.poll(() => page.locator(`${TABLE} tbody th.first`).allTextContents()).toEqual(['A', 'B', 'C']);
    await page.getByLabel('A: first % of revenue').fill('90');
    await expect
      .poll(() => page.locator('.report-result [role=alert]').textContent())
      .toBe('ABC thresholds must be shares between 0 and 1 with A + B under 1 (C takes the rest), e.g. A 0.8 and B 0.15; got A 0.9 and B 0.15.');
    await page.getByLabel('A: first % of revenue').fill('70');
    await expect.poll(() => page.locator(`${TABLE} tbody th.first`).allTextContents()).toEqual(['A', 'B', 'C']);

    await page.getByLabel('On build, write each customer’s class to').selectOption({ label: 'Companies › ABC class' });
    await page.getByRole('button', { name: 'Build into sheet' }).click();
    await page.locator('.report-built').waitFor();
    const classes = (await sheetRows(file, 'Companies')).map((c) => c['ABC class'] ?? null);
    const written = classes.filter((c) => c !== null);
    expect(new Set(written).size).toBeGreaterThan(1);
    expect(written.every((c) => c === 'A' || c === 'B' || c === 'C')).toBe(true);
    expect(await page.locator('.report-built').textContent()).toBe(`Built into sheet “ABC analysis of customers”. Class written for ${written.length} record(s).`);
    // The class table counts the same customers the sheet now marks.
    const counts = await page.locator(`${TABLE} tbody tr`).evaluateAll((rows) => rows.map((r) => r.querySelector('td')?.textContent));
    expect(counts).toEqual(['A', 'B', 'C'].map((k) => String(written.filter((c) => c === k).length)));
  });
});
