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
import { requireProgram } from '../helpers/programs.js';
import { FakeAppsScript } from './fake-spreadsheet-app.js';

const HAS_CHROMIUM = requireProgram('chromium', 'the Google sidebar page test');
const ORIGIN = 'https://sidebar.carnet.test';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

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

  /** A sidebar over a fresh spreadsheet; `screen` is what a menu item appends (main.ts). */
  async function open(screen?: string): Promise<{ page: Page; fake: FakeAppsScript; commands: string[]; answers: string[]; requests: string[] }> {
    const fake = new FakeAppsScript();
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
});
