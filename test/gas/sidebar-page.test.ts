/**
 * The built Sidebar.html in real headless Chromium, with `google.script.run` played by the page's
 * host (as HtmlService does) and answered by the real server path (`runCommand` over the fake
 * spreadsheet): the page loads nothing from outside and drives Carnet through `carnet(name, json)`.
 */

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGas } from '../../gas-addon/build.js';
import { runCommand } from '../../gas-addon/server.js';
import { AppsScriptWorkbook } from '../../gas-addon/sheets-workbook.js';
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
      };
      return runner;
    },
  });
`;

describe.skipIf(!HAS_CHROMIUM)('The Google sidebar page', () => {
  let dir: string;
  let html: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carnet-sidebar-'));
    await buildGas(path.resolve(import.meta.dirname, '../..'), dir);
    html = await fs.readFile(path.join(dir, 'Sidebar.html'), 'utf8');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** A sidebar over a fresh spreadsheet (or one `prepare` filled); `screen` is what a menu item appends (main.ts). */
  async function open(screen?: string, prepare?: (fake: FakeAppsScript) => Promise<void>): Promise<{ page: Page; fake: FakeAppsScript; commands: string[]; answers: string[]; requests: string[] }> {
    const fake = new FakeAppsScript();
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
    await page.addInitScript(GOOGLE_SCRIPT_RUN);
    const body = screen ? `${html}<script>window.CARNET_SCREEN=${JSON.stringify(screen)}</script>` : html;
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
    await expect.poll(() => answers.length).toBeGreaterThanOrEqual(3);
    expect(answers[0]).toMatch(/ E_NOT_CARNET$/);
    expect(answers.slice(1)).toEqual(answers.slice(1).map((a) => a.replace(/ \S+$/, ' ok')));
    await expect.poll(() => page.locator('#setup-lang').count()).toBe(0);
    expect(requests.every((u) => u.startsWith(ORIGIN))).toBe(true);
    await page.close();
  });

  it('opens a menu item whose screen is not built yet on a page saying so, with a way back', async () => {
    const { page, commands } = await open('reports');
    await page.getByRole('heading', { name: 'Reports' }).waitFor();
    expect(await page.getByText('not available yet').count()).toBe(1);
    expect(commands).toEqual([]);
    await page.getByRole('button', { name: 'Back to Carnet' }).click();
    await page.getByRole('button', { name: 'Set up CRM in this spreadsheet' }).waitFor();
    await page.close();
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
});
