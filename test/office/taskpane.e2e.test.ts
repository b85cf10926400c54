/**
 * The built task pane in real Chromium: Microsoft's CDN answered by a stub Office.js whose
 * `Excel.run` is the fake Excel. It proves the bundle runs in a browser, asks who is acting, and
 * sets a CRM up in "Excel" through the shared sidebar (whose creator goes on as its first admin), opens Reports wide in an Office dialog (an
 * iframe here, as Excel on the web shows one) whose commands the task pane runs, opens on the view
 * a ribbon button asked for (`?view=`), tells the person what Excel waits for while they edit a
 * cell — and that the page fetches nothing but its own files and Office.js.
 */

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildOffice } from '../../office-addin/build.js';
import { requireProgram } from '../helpers/programs.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SITE = 'https://carnet.test';
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const run = requireProgram('chromium', 'the Excel task pane browser test');

describe.runIf(run)('The Excel task pane in Chromium', () => {
  let dir: string;
  let stub: string;
  let browser: Browser;
  const elsewhere: string[] = [];

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carnet-taskpane-'));
    await buildOffice(ROOT, { baseUrl: SITE, outDir: dir });
    const result = await build({
      entryPoints: [path.join(ROOT, 'test/office/browser-office-stub.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      logLevel: 'silent',
    });
    stub = result.outputFiles[0]!.text;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** Uncaught errors of the pages opened, checked after each test. */
  const errors: string[] = [];

  afterEach(() => {
    expect(errors.splice(0)).toEqual([]);
  });

  /** A page of the built site, with the host described by `config`. */
  async function open(config: { excelApi?: number; dialogApi?: string | null } = {}, address = 'taskpane.html'): Promise<Page> {
    const page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript((c) => ((globalThis as Record<string, unknown>).__carnetStub = c), config);
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (url === OFFICE_JS) return route.fulfill({ body: stub, contentType: 'text/javascript' });
      if (url.startsWith(`${SITE}/`)) {
        const file = path.join(dir, new URL(url).pathname);
        // Module scripts (taskpane.js and its chunks) run only when served as JavaScript.
        return route.fulfill({ path: file, ...(file.endsWith('.js') ? { contentType: 'text/javascript' } : {}) });
      }
      elsewhere.push(url);
      return route.abort();
    });
    await page.goto(`${SITE}/${address}`);
    return page;
  }

  it('asks who is acting, then sets up a CRM in the workbook from the sidebar', async () => {
    const page = await open();
    await page.getByLabel('Name').fill('Ada Lovelace');
    await page.getByLabel('Email (optional)').fill('ada@example.com');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('#profile').innerText()).toContain('Acting as Ada Lovelace <ada@example.com>');

    await page.getByText('This spreadsheet has no CRM yet.').waitFor();
    await page.getByRole('button', { name: 'Set up CRM in this spreadsheet' }).click();

    // The CRM is in "Excel": directories as sheets, the schema in a very hidden one.
    const sheets = () =>
      page.evaluate(() =>
        ((globalThis as Record<string, unknown>).__fakeExcel as { sheets: { name: string; visibility: string }[] }).sheets.map((s) => `${s.name}:${s.visibility}`),
      );
    await expect.poll(sheets, { timeout: 30_000 }).toContain('_carnet:VeryHidden');
    expect(await sheets()).toContain('Companies:Visible');
    // Seed rows and headers went in as text: Excel was left no formula to evaluate.
    expect(await page.evaluate(() => ((globalThis as Record<string, unknown>).__fakeExcel as { formulas(): string[] }).formulas())).toEqual([]);
    await expect.poll(() => page.locator('#app').innerText()).not.toContain('no CRM yet');
    expect(await page.locator('#app [role="alert"]').allInnerTexts()).toEqual([]);
    // Setting the CRM up made Ada its first admin (rights on): she goes on as her profile, warned that it has no password yet.
    await expect
      .poll(() => page.locator('#profile').innerText())
      .toContain('Ada Lovelace can change rights and has no password: anyone who opens this workbook can act as Ada Lovelace through Carnet.');
    expect(await page.locator('#app').innerText()).not.toContain('Loading Carnet…');
    await fs.mkdir(path.join(ROOT, 'test-output'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'test-output', 'office-taskpane.png'), fullPage: true });

    // Reloaded (a new stub workbook, the same browser storage), the pane remembers the person.
    await page.reload();
    await expect.poll(() => page.locator('#profile').innerText()).toContain('Acting as Ada Lovelace <ada@example.com>');
    await page.close();
  }, 60_000);

  /** A task pane with a CRM set up, on the Reports screen, "Shipments by product" picked. */
  async function onReports(config: { dialogApi?: string | null } = {}): Promise<Page> {
    const page = await open(config);
    await page.getByRole('button', { name: 'Set up CRM in this spreadsheet' }).click();
    await page.getByRole('button', { name: /Reports/ }).click({ timeout: 30_000 });
    await page.getByLabel('Report', { exact: true }).selectOption({ label: 'Shipments by product' });
    return page;
  }

  it('opens Reports wide in an Office dialog, which runs every command through the task pane, refusals included', async () => {
    const page = await onReports();
    // A new CRM has no sales: the core says so, whole, in the task pane…
    const refusal = 'Sales has no records yet: there is nothing to report. Add or import some, then build the report again.';
    await page.locator('#app [role="alert"]').filter({ hasText: refusal }).waitFor();
    await page.getByRole('button', { name: /Open wide/ }).click();
    expect(await page.evaluate(() => (globalThis as Record<string, unknown>).__dialogs)).toEqual([
      { url: `${SITE}/taskpane.html?screen=reports&wide=1`, options: { width: 80, height: 80, displayInIframe: true } },
    ]);
    // …and in the dialog, whose pivot.run went to the task pane and came back.
    const dialog = page.frameLocator('#office-dialog');
    await dialog.locator('main.carnet.wide').waitFor();
    await dialog.locator('[role="alert"]').filter({ hasText: refusal }).waitFor();
    expect(await dialog.getByLabel('Report', { exact: true }).inputValue()).toBe('report:Shipments by product');
    expect(await dialog.getByLabel('Also make a native pivot table').count()).toBe(1);
    expect(await dialog.getByRole('button', { name: /Open wide/ }).count()).toBe(0);
    expect(await dialog.locator('#profile').getAttribute('hidden')).toBe('');
    await page.close();
  }, 60_000);

  it('does not offer "Open wide" on an Excel without DialogApi 1.2, and still offers a native pivot table', async () => {
    const page = await onReports({ dialogApi: '1.1' });
    await page.getByRole('button', { name: 'Build into sheet' }).waitFor();
    expect(await page.getByLabel('Also make a native pivot table').count()).toBe(1);
    expect(await page.getByRole('button', { name: /Open wide/ }).count()).toBe(0);
    await page.close();
  }, 60_000);

  it('opens on the view a ribbon button asked for: taskpane.html?view=reports', async () => {
    const page = await open({}, 'taskpane.html?view=reports');
    await page.getByRole('button', { name: 'Set up CRM in this spreadsheet' }).click();
    await page.getByLabel('Report', { exact: true }).waitFor({ timeout: 30_000 });
    await page.close();
  }, 60_000);

  it('says what Excel waits for while a person edits a cell, and goes on when they leave it', async () => {
    const page = await open();
    const setUp = page.getByRole('button', { name: 'Set up CRM in this spreadsheet' });
    await setUp.waitFor();
    const fake = (call: 'startCellEdit' | 'endCellEdit') =>
      page.evaluate((c) => ((globalThis as Record<string, unknown>).__fakeExcel as Record<string, () => void>)[c]!(), call);
    await fake('startCellEdit');
    await setUp.click();
    await expect.poll(() => page.locator('#profile').innerText(), { timeout: 10_000 }).toContain('press Enter or click another cell');
    await fake('endCellEdit');
    await expect.poll(() => page.locator('#app').innerText(), { timeout: 30_000 }).not.toContain('no CRM yet');
    await expect.poll(() => page.locator('#profile').innerText()).not.toContain('press Enter or click another cell');
    await page.close();
  }, 60_000);

  it('tells the person when their Excel is too old, instead of failing', async () => {
    const page = await open({ excelApi: 7 });
    await expect.poll(() => page.locator('#app').innerText()).toContain('This version of Excel is too old for Carnet');
    await page.close();
  });

  it('fetched nothing but its own files and Office.js', () => {
    expect(elsewhere).toEqual([]);
  });
});
