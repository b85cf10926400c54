/**
 * The built Sidebar.html in real headless Chromium, with `google.script.run` played by the page's
 * host (as HtmlService does) and answered by the real server path (`runCommand` over the fake
 * spreadsheet): the page loads nothing from outside and drives Carnet through `carnet(name, json)`.
 * "Open wide" goes through `showReportsDialog(json)`; the dialog's page (the HTML it was given) is
 * then opened as a page of its own, as Sheets would show it.
 */

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGas } from '../../gas-addon/build.js';
import { saveToDrive } from '../../gas-addon/drive.js';
import { runCommand } from '../../gas-addon/server.js';
import { AppsScriptWorkbook } from '../../gas-addon/sheets-workbook.js';
import { screenOutcome } from '../../gas-addon/sidebar-screens.js';
import { carnetWords } from '../../gas-addon/sidebar-words.js';
import { showWideDialog } from '../../gas-addon/wide-dialog.js';
import { CHROMIUM_ARGS } from '../helpers/browser.js';
import { requireProgram } from '../helpers/programs.js';
import { FakeAppsScript } from './fake-spreadsheet-app.js';

const HAS_CHROMIUM = requireProgram('chromium', 'the Google sidebar page test');
const ORIGIN = 'https://sidebar.carnet.test';

/**
 * `google.script.run` as the page sees it inside Google: each access gives a runner; handlers set
 * on it receive the server function's return value. Runs in the page, hence a string.
 */
const GOOGLE_SCRIPT_RUN = `
  window.google = { script: {} };
  Object.defineProperty(window.google.script, 'run', {
    get() {
      let ok = () => {}, fail = () => {};
      const runner = {
        withSuccessHandler(h) { ok = h; return runner; },
        withFailureHandler(h) { fail = h; return runner; },
        carnet(command, json) { window.__carnetServer(command, json).then(ok, fail); },
        showReportsDialog(json) { window.__carnetDialog(json).then(ok, fail); },
        carnetSaveToDrive(name, mime, base64) { window.__carnetDrive(name, mime, base64).then(ok, fail); },
        carnetWords(lang) { window.__carnetWords(lang).then(ok, fail); },
        carnetScreen(name) { window.__carnetScreen(name).then(ok, fail); },
      };
      return runner;
    },
  });
`;

describe.skipIf(!HAS_CHROMIUM)('The Google sidebar page', () => {
  let dir: string;
  let html: string;
  /** Screens.js's scripts, which Code.js serves (carnetScreen). */
  let screens: Record<string, string>;
  let browser: Browser;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carnet-sidebar-'));
    await buildGas(path.resolve(import.meta.dirname, '../..'), dir);
    html = await fs.readFile(path.join(dir, 'Sidebar.html'), 'utf8');
    const scope = vm.createContext({});
    vm.runInContext(await fs.readFile(path.join(dir, 'Screens.js'), 'utf8'), scope);
    screens = (scope as { CARNET_SCREENS: Record<string, string> }).CARNET_SCREENS;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** A sidebar over a fresh spreadsheet (or one `prepare` filled); `screen` is what a menu item appends (main.ts). */
  async function open(
    screen?: string,
    prepare?: (fake: FakeAppsScript) => Promise<void>,
    given?: { fake: FakeAppsScript; html: string },
  ): Promise<{ page: Page; fake: FakeAppsScript; commands: string[]; answers: string[]; requests: string[] }> {
    const fake = given?.fake ?? new FakeAppsScript({ files: { 'Sidebar.html': html } });
    await prepare?.(fake);
    const commands: string[] = [];
    const answers: string[] = [];
    const requests: string[] = [];
    const page = await browser.newPage();
    page.on('request', (r) => requests.push(r.url()));
    await page.exposeFunction('__carnetServer', async (command: string, json: string) => {
      commands.push(`${command} ${json}`);
      const answer = await runCommand(fake.services, command, json);
      answers.push(`${command} ${JSON.parse(answer).ok ? 'ok' : JSON.parse(answer).error.code}`);
      return answer;
    });
    await page.exposeFunction('__carnetDialog', async (json: string) => {
      commands.push(`showReportsDialog ${json}`);
      return showWideDialog(fake.services, json);
    });
    await page.exposeFunction('__carnetDrive', async (name: string, mime: string, base64: string) => {
      commands.push(`carnetSaveToDrive ${name} ${mime}`);
      return saveToDrive(fake.services, name, mime, base64);
    });
    await page.exposeFunction('__carnetWords', async (lang: string) => {
      commands.push(`carnetWords ${lang}`);
      return carnetWords(lang);
    });
    await page.exposeFunction('__carnetScreen', async (name: string) => {
      commands.push(`carnetScreen ${name}`);
      return screenOutcome(screens, name);
    });
    await page.addInitScript(GOOGLE_SCRIPT_RUN);
    const body = given?.html ?? (screen ? `${html}<script>window.CARNET_SCREEN=${JSON.stringify(screen)}</script>` : html);
    await page.route(`${ORIGIN}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }));
    await page.goto(`${ORIGIN}/sidebar`);
    return { page, fake, commands, answers, requests };
  }

  it('offers to set up a CRM, sets it up in the language chosen, and loads nothing from elsewhere', async () => {
    const { page, fake, commands, answers, requests } = await open();
    await page.getByRole('button', { name: 'Set up CRM in this spreadsheet' }).waitFor();
    await page.selectOption('#setup-lang', 'fr');
    // The screen speaks the language picked, so the button is found by its place, not its words.
    await page.locator('section button.primary').click();
    await expect.poll(() => commands.some((c) => c === 'crm.setup {"lang":"fr"}')).toBe(true);
    await expect.poll(() => fake.spreadsheet.sheetList.map((s) => s.name)).toContain('Sociétés');
    // Then the sidebar loads what it shows from the new CRM, successfully this time.
    await expect.poll(() => answers.length).toBeGreaterThanOrEqual(5);
    // Before set-up the index and `me`, asked at once, find no CRM; everything after succeeds.
    expect(answers.slice(0, 2).sort()).toEqual(['card.index E_NOT_CARNET', 'me E_NOT_CARNET']);
    expect(answers.slice(2)).toEqual(answers.slice(2).map((a) => a.replace(/ \S+$/, ' ok')));
    await expect.poll(() => page.locator('#setup-lang').count()).toBe(0);
    // French words are not in the page: Code.js served them, once.
    await page.getByRole('combobox', { name: 'Trouver une société' }).waitFor();
    expect(commands.filter((c) => c.startsWith('carnetWords '))).toEqual(['carnetWords fr']);
    expect(requests.every((u) => u.startsWith(ORIGIN))).toBe(true);
    await page.close();
  });

  it('opens Directories, whose script Code.js serves (carnetScreen) once, and adds a product there', async () => {
    const { page, commands } = await open(undefined, async (f) => {
      expect(JSON.parse(await runCommand(f.services, 'crm.setup', '{"lang":"en"}')).ok).toBe(true);
    });
    await page.getByRole('button', { name: /Directories/ }).click();
    await page.getByRole('heading', { name: 'Directories', level: 2 }).waitFor();
    await page.getByLabel('Directory').selectOption('products');
    await page.getByRole('button', { name: /New record/ }).click();
    await page.getByLabel(/^Code/).fill('P-9');
    await page.getByLabel(/^Name/).fill('Pocket sail');
    await page.getByRole('button', { name: 'Save' }).click();
    // The core's message beside the field it is about, in a screen built apart.
    await expect.poll(() => page.locator('.field.invalid .field-error').allTextContents()).toEqual(['Products › Unit price: a value is required.']);
    await page.getByLabel(/^Unit price/).fill('12.50');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Pocket sail', level: 3 }).waitFor();
    // Back and again: the script was fetched and run once, the page's own Preact drives it.
    await page.getByRole('button', { name: /Back/ }).click();
    await page.getByRole('button', { name: /Directories/ }).click();
    await page.getByLabel('Directory').selectOption('products');
    await page.getByPlaceholder(/Search/).fill('pocket');
    await expect.poll(() => page.locator('.dir-results li').allTextContents()).toEqual(['Pocket sail']);
    expect(commands.filter((c) => c.startsWith('carnetScreen '))).toEqual(['carnetScreen directories']);
    await page.close();
  });

  it('opens the audit log, the other screen Code.js serves, from its script', async () => {
    const { page, commands } = await open('audit', async (f) => {
      expect(JSON.parse(await runCommand(f.services, 'crm.setup', '{"lang":"en"}')).ok).toBe(true);
    });
    await page.getByRole('heading', { name: 'Audit log', level: 2 }).waitFor();
    expect(commands.filter((c) => c.startsWith('carnetScreen '))).toEqual(['carnetScreen audit']);
    await page.close();
  });

  it("opens the Templates screen from the Documents menu item, with Carnet's built-in templates listed", async () => {
    const { page, commands } = await open('documents', async (f) => {
      expect(JSON.parse(await runCommand(f.services, 'crm.setup', '{"lang":"en"}')).ok).toBe(true);
    });
    await page.getByRole('heading', { name: 'Templates', level: 2 }).waitFor();
    await expect.poll(() => page.locator('.template-list > li strong').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^Invoice/)]));
    expect(commands.map((c) => c.split(' ')[0])).toEqual(expect.arrayContaining(['card.index', 'template.list']));
    await page.close();
  });

  it('fills a template and saves the document into Drive, asking for drive.file, then shows its link; a declined scope shows the error', async () => {
    const setUp = async (f: FakeAppsScript) => {
      expect(JSON.parse(await runCommand(f.services, 'crm.setup', '{"lang":"en"}')).ok).toBe(true);
      expect(JSON.parse(await runCommand(f.services, 'record.create', '{"directory":"companies","values":{"name":"Dupont SA"}}')).ok).toBe(true);
    };
    const fillInvoice = async (page: Page) => {
      await page.getByRole('heading', { name: 'Templates', level: 2 }).waitFor();
      const invoice = page.locator('.template-list > li', { has: page.locator('strong', { hasText: /^Invoice/ }) });
      await invoice.locator('.row-actions').getByRole('button', { name: 'Fill' }).click();
      await invoice.getByLabel(/^Fill for/).fill('Dupont SA');
      await invoice.locator('.document-fill').getByRole('button', { name: 'Fill' }).click();
      await invoice.locator('.document-done a').waitFor();
      await invoice.getByRole('button', { name: 'Save to Drive' }).click();
      return invoice;
    };

    const { page, fake, commands } = await open('documents', setUp);
    const invoice = await fillInvoice(page);
    const link = invoice.locator('.document-drive-done a');
    await link.waitFor();
    const fileName = (await invoice.locator('.document-done a').textContent())!;
    expect(await link.textContent()).toBe(fileName);
    expect(await link.getAttribute('href')).toBe('https://drive.google.com/file/d/fake-drive-1/view?usp=drivesdk');
    expect(fake.consent.requests.map((r) => r.scopes)).toEqual([['https://www.googleapis.com/auth/drive.file']]);
    expect(fake.DriveApp.files.map((f) => [f.name, f.mime])).toEqual([[fileName, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']]);
    expect(commands.filter((c) => c.startsWith('carnetSaveToDrive '))).toHaveLength(1);
    await page.close();

    const declined = await open('documents', undefined, { fake: new FakeAppsScript({ declinedScopes: ['https://www.googleapis.com/auth/drive.file'] }), html: `${html}<script>window.CARNET_SCREEN="documents"</script>` });
    await setUp(declined.fake);
    await declined.page.reload();
    const refused = await fillInvoice(declined.page);
    const alert = refused.locator('.document-drive [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/could not be saved to Google Drive: Exception: Authorization is required/);
    expect(declined.fake.DriveApp.files).toEqual([]);
    await declined.page.close();
  });

  it("opens Settings from its menu item and adopts the team's sheet through google.script.run", async () => {
    const { page, fake, commands } = await open('settings', async (f) => {
      expect(JSON.parse(await runCommand(f.services, 'crm.setup', '{"lang":"en"}')).ok).toBe(true);
      const wb = new AppsScriptWorkbook(f.services);
      await wb.ensureSheet('Clients');
      await wb.write('Clients', 0, 0, [
        ['Company', 'E-mail', 'My notes'],
        ['Dupont SA', 'contact@dupont.fr', 'since 2019'],
      ]);
    });
    await page.getByRole('heading', { name: 'Settings', level: 2 }).waitFor();
    await page.getByLabel('The team’s sheet').selectOption('Clients');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('heading', { name: 'Sheet “Clients” as Companies' }).waitFor();
    expect(await page.getByLabel('Column C “My notes” holds').inputValue()).toBe('');
    for (const box of ['Add IDs', 'Add the missing columns']) {
      await page.getByLabel(box).check();
      await expect.poll(() => page.locator('.adopt').getAttribute('aria-busy')).toBe('false');
    }
    await page.getByRole('button', { name: 'Adopt “Clients” as Companies' }).click();
    await page.getByRole('status').filter({ hasText: 'Companies now live in sheet "Clients" (1 record).' }).waitFor();
    const clients = fake.spreadsheet.sheetList.find((s) => s.name === 'Clients')!;
    const row = (r: number) => [0, 1, 2, 3].map((c) => clients.valueAt(r, c));
    expect(row(0)).toEqual(['Company', 'E-mail', 'My notes', 'ID']);
    expect(row(1)).toEqual(['Dupont SA', 'contact@dupont.fr', 'since 2019', 'CO-000001']);
    expect(commands.map((c) => c.split(' ')[0])).toEqual(expect.arrayContaining(['workbook.sheets', 'directory.adopt.plan', 'directory.adopt']));
    await page.close();
  });

  /** A CRM with two products and three sales over two months, and a saved report sorted by value (which a native pivot cannot do). */
  async function withSales(f: FakeAppsScript): Promise<void> {
    const run = async (command: string, input: unknown) => {
      const out = JSON.parse(await runCommand(f.services, command, JSON.stringify(input)));
      expect(out.ok, `${command}: ${JSON.stringify(out.error)}`).toBe(true);
    };
    await run('crm.setup', { lang: 'en' });
    await run('record.create', { directory: 'companies', values: { name: 'Dupont SA' } });
    for (const [code, name] of [['CH-1', 'Chair'], ['DE-1', 'Desk']]) await run('record.create', { directory: 'products', values: { code, name, unit_price: 100 } });
    for (const [product, date, quantity] of [['Chair', '2026-01-15', 3], ['Desk', '2026-01-20', 1], ['Chair', '2026-02-03', 5]] as const) {
      await run('record.create', { directory: 'sales', values: { company: 'Dupont SA', product, date, quantity } });
    }
    await run('report.save', { name: 'Units by product', definition: { object: 'sales', rows: [{ field: 'product', sort: 'value', order: 'desc' }], columns: [{ field: 'date', by: 'month' }], data: [{ field: 'quantity', agg: 'sum' }] } });
  }

  const TABLE = '.report-result > .pivot-scroll > table.pivot';

  it('opens Reports from its menu item, and builds a report with a native pivot table beside it, saying what that table does not show', async () => {
    const { page, fake, commands } = await open('reports', withSales);
    await page.getByRole('heading', { name: 'Reports', level: 2 }).waitFor();
    await page.getByLabel('Report', { exact: true }).selectOption({ label: 'Units by product' });
    await expect.poll(() => page.locator(`${TABLE} tbody th`).allTextContents()).toEqual(['Chair', 'Desk']);
    await page.getByLabel('Also make a native pivot table').check();
    await page.getByRole('button', { name: 'Build into sheet' }).click();
    await expect.poll(() => page.locator('.report-built').textContent()).toBe('Built into sheet “Units by product”.');
    expect(await page.locator('.report-native').textContent()).toBe('Native pivot table on sheet “Units by product pivot”. It does not show, as Carnet does: sorting by value.');
    expect(commands.filter((c) => c.startsWith('pivot.build ')).map((c) => JSON.parse(c.slice('pivot.build '.length)).native)).toEqual([true]);
    expect(fake.spreadsheet.sheet('Units by product pivot').getPivotTables()).toHaveLength(1);
    await page.close();
  });

  it('does not offer a native pivot table for an ABC analysis, which has none', async () => {
    const { page } = await open('reports', withSales);
    const picker = page.getByLabel('Report', { exact: true });
    await picker.selectOption({ label: 'Shipments by product' });
    await page.getByLabel('Also make a native pivot table').waitFor();
    await picker.selectOption({ label: 'ABC analysis of customers' });
    await page.locator('legend', { hasText: 'ABC classes' }).waitFor();
    expect(await page.getByLabel('Also make a native pivot table').count()).toBe(0);
    await page.close();
  });

  it('opens a report wide in a 1000 × 700 dialog, with the edits not saved, and runs its commands from there', async () => {
    const { page, fake, commands } = await open('reports', withSales);
    await page.getByLabel('Report', { exact: true }).selectOption({ label: 'Shipments by product' });
    await page.locator('summary', { hasText: 'Edit the report' }).click();
    await page.getByLabel('Column 1: group dates by').selectOption('quarter');
    await expect.poll(() => page.locator(`${TABLE} thead tr`).first().locator('th').allTextContents()).toEqual(['Date (quarter)', 'Q1 2026', 'Total']);
    await page.getByRole('button', { name: /Open wide/ }).click();
    await expect.poll(() => fake.ui.dialogs.length).toBe(1);
    const [dialog] = fake.ui.dialogs;
    expect({ title: dialog!.title, width: dialog!.html.width, height: dialog!.html.height }).toEqual({ title: 'Carnet — Shipments by product', width: 1000, height: 700 });
    const sent = JSON.parse(commands.find((c) => c.startsWith('showReportsDialog '))!.slice('showReportsDialog '.length));
    expect(sent).toMatchObject({ screen: 'reports', report: 'Shipments by product', definition: { columns: [{ field: 'date', by: 'quarter' }] } });
    await page.close();

    // The dialog: the page Sheets was handed, its google.script.run answered by the same spreadsheet.
    const wide = await open(undefined, undefined, { fake, html: dialog!.html.content });
    await expect.poll(() => wide.page.locator(`${TABLE} thead tr`).first().locator('th').allTextContents()).toEqual(['Date (quarter)', 'Q1 2026', 'Total']);
    expect(await wide.page.locator('main.carnet.wide').count()).toBe(1);
    expect(await wide.page.getByRole('button', { name: /Open wide/ }).count()).toBe(0);
    expect(wide.commands.map((c) => c.split(' ')[0])).toEqual(expect.arrayContaining(['card.index', 'report.list', 'pivot.run']));
    await wide.page.close();
  });
});
