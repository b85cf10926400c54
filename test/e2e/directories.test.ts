/**
 * The Directories screen (issue 13 §1) in real headless Chromium against `carnet serve`: a workbook
 * made with `carnet init`, an admin-made directory (Books, with a genre choice) and a sale of a
 * product, both from the CLI. The admin picks Products, adds one (the core's message beside the
 * missing price), finds it by typing, edits its price; deleting the product a sale references is
 * refused with the core's message listing that sale; a city and a book are added; the file holds
 * all of it.
 */

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSidebar, screenshotOf, type Sidebar } from '../helpers/browser.js';
import { carnet, tempDir } from '../helpers/cli.js';
import { requireProgram } from '../helpers/programs.js';

const HAS_CHROMIUM = requireProgram('chromium', 'browser (e2e) tests');
const ADA = 'ada@example.com';
/** A clerk who may see products, add cities, and not see Books. */
const CLEO = 'cleo@example.com';

/**
 * The records of a directory as the CLI lists them — once the sidebar has settled: a record saved
 * there makes it fetch the index again (for the card's dropdowns), and the file is read after that.
 */
async function listed(file: string, dir: string, page?: Page): Promise<{ display: string; values: Record<string, unknown> }[]> {
  if (page) await expect.poll(() => page.locator('main.carnet').getAttribute('aria-busy')).toBe('false');
  const out = await carnet('list', file, dir, '--json');
  expect([out.code, out.stderr]).toEqual([0, '']);
  return JSON.parse(out.stdout) as { display: string; values: Record<string, unknown> }[];
}

describe.skipIf(!HAS_CHROMIUM)('the Directories screen', () => {
  const tmp = tempDir();
  const file = join(tmp.dir, 'shop.xlsx');
  let sidebar: Sidebar | undefined;
  let page: Page;
  const results = () => page.locator('.dir-results li').allTextContents();
  const value = (label: string) => page.locator('.dir-values > div', { has: page.locator('dt', { hasText: label }) }).locator('dd').textContent();

  beforeAll(async () => {
    const run = async (...args: string[]) => expect((await carnet(...args, '--as', ADA)).code).toBe(0);
    // Ada sets Carnet up: she is its first admin. A company buys a sail; she adds a directory of her own.
    await run('init', file);
    await run('add', file, 'companies', '--set', 'name=Acme');
    await run('add', file, 'products', '--set', 'code=SL-1', '--set', 'name=Sail', '--set', 'unit_price=80');
    await run('add', file, 'sales', '--set', 'company=Acme', '--set', 'product=Sail', '--set', 'quantity=2');
    await run('directory', 'add', file, 'Books', '--field', 'Title:text:required,unique', '--field', 'Genre:choice(Novel|Poetry|Essay)');
    await run('role', 'add', file, 'Clerk', '--from', 'Viewer');
    await run('role', 'grant', file, 'Clerk', 'books', 'none');
    await run('role', 'grant', file, 'Clerk', 'cities', 'add');
    await run('user', 'add', file, CLEO, '--name', 'Cleo', '--role', 'Clerk');
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

  it('lists every directory, the admin-made one too, and adds a product with the core’s message beside the missing price', async () => {
    await page.getByRole('button', { name: /Directories/ }).click();
    await page.getByRole('heading', { name: 'Directories', level: 2 }).waitFor();
    const options = await page.locator('#dir-pick option').allTextContents();
    expect(options).toEqual(expect.arrayContaining(['Companies', 'Products', 'Cities', 'Books']));
    await page.getByLabel('Directory').selectOption({ label: 'Products' });
    await expect.poll(results).toEqual(['Sail']);
    await page.getByRole('button', { name: /New record/ }).click();
    await page.getByLabel(/^Code/).fill('TW-1');
    await page.getByLabel(/^Name/).fill('Test widget');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.field.invalid .field-error').allTextContents()).toEqual(['Products › Unit price: a value is required.']);
    await page.getByLabel(/^Unit price/).fill('12.50');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Test widget', level: 3 }).waitFor();
    expect(await value('Code')).toBe('TW-1');
    expect((await listed(file, 'products', page)).map((p) => p.display)).toEqual(['Sail', 'Test widget']);
  });

  it('finds it by typing, with no call per keystroke, and edits its price', async () => {
    await page.getByRole('button', { name: 'Close' }).click();
    let calls = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST') calls++;
    });
    await page.getByPlaceholder('Search Products').pressSequentially('widg');
    await expect.poll(results).toEqual(['Test widget']);
    expect(calls).toBe(0);
    await page.locator('.dir-results').getByRole('button', { name: 'Test widget' }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel(/^Unit price/).fill('14');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Test widget', level: 3 }).waitFor();
    await expect.poll(() => value('Unit price')).toMatch(/14[.,]00/);
    expect((await listed(file, 'products', page)).find((p) => p.display === 'Test widget')?.values.unit_price).toBe(14);
    await screenshotOf(page, 'directories.png', 'article.directories-screen');
  });

  it('refuses to delete a product a sale references, with the core’s message listing the sale', async () => {
    await page.getByPlaceholder('Search Products').fill('sail');
    await page.locator('.dir-results').getByRole('button', { name: 'Sail' }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: 'Delete for good' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.locator('p').textContent()).toBe('"Sail" is still referenced 1 time (Sales row 2); change or delete those first.');
    expect(await alert.locator('li').allTextContents()).toEqual(['Sales row 2 references "Sail".']);
    expect((await listed(file, 'products', page)).map((p) => p.display)).toEqual(['Sail', 'Test widget']);
  });

  it('adds a city, and a book with its genre', async () => {
    await page.getByLabel('Directory').selectOption({ label: 'Cities' });
    await page.getByRole('button', { name: /New record/ }).click();
    await page.getByLabel(/^Name/).fill('Lyon');
    await page.getByLabel(/^Country/).fill('France');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Lyon', level: 3 }).waitFor();
    await page.getByLabel('Directory').selectOption({ label: 'Books' });
    await page.getByRole('button', { name: /New record/ }).click();
    await page.getByLabel(/^Title/).fill('Les Fleurs du mal');
    await page.getByLabel(/^Genre/).selectOption('Poetry');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Les Fleurs du mal', level: 3 }).waitFor();
    expect(await value('Genre')).toBe('Poetry');
    expect((await listed(file, 'cities', page)).map((c) => [c.display, c.values.country])).toEqual([['Lyon', 'France']]);
    expect((await listed(file, 'books', page)).map((b) => [b.display, b.values.genre])).toEqual([['Les Fleurs du mal', 'Poetry']]);
  });

  it('offers a reference’s values in its dropdown: a new sale’s product lists the products', async () => {
    await page.getByLabel('Directory').selectOption({ label: 'Sales' });
    await page.getByRole('button', { name: /New record/ }).click();
    const product = page.getByLabel(/^Product/);
    const list = await product.getAttribute('list');
    await expect.poll(() => page.locator(`datalist[id="${list}"] option`).evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value))).toEqual(expect.arrayContaining(['Sail']));
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('offers each person only what their role allows: no Books for the clerk, no writes on products, adding a city but not editing Ada’s', async () => {
    const clerk = await openSidebar(file, CLEO);
    try {
      const p = clerk.page;
      await p.getByRole('button', { name: /Directories/ }).click();
      const options = await p.locator('#dir-pick option').allTextContents();
      expect(options).toEqual(expect.arrayContaining(['Products', 'Cities']));
      expect(options).not.toContain('Books');
      await p.getByLabel('Directory').selectOption({ label: 'Products' });
      await p.locator('.dir-results').getByRole('button', { name: 'Sail' }).click();
      await p.getByRole('heading', { name: 'Sail', level: 3 }).waitFor();
      expect(await p.locator('.dir-record .row-actions button').allTextContents()).toEqual(['Close']);
      expect(await p.getByRole('button', { name: /New record/ }).count()).toBe(0);
      await p.getByLabel('Directory').selectOption({ label: 'Cities' });
      await p.getByRole('button', { name: /New record/ }).waitFor();
      await p.locator('.dir-results').getByRole('button', { name: 'Lyon' }).click();
      await p.getByRole('heading', { name: 'Lyon', level: 3 }).waitFor();
      expect(await p.locator('.dir-record .row-actions button').allTextContents()).toEqual(['Close']);
      expect(clerk.takeErrors()).toEqual([]);
    } finally {
      await clerk.close();
    }
  });
});

