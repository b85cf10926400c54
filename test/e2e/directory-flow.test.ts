/**
 * Issue 13 §1's flow end to end, in real headless Chromium against `carnet serve`: on a workbook made
 * with `carnet init`, the admin adds a product on the Directories screen, records a sale of it from a
 * company's card (the unit price comes from the product), renames the product on Directories, sees
 * the sale on the card show the new name, and is refused when deleting the product, with the sale
 * listed. The file then holds the sale under the product's new name.
 */

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSidebar, type Sidebar } from '../helpers/browser.js';
import { carnet, tempDir } from '../helpers/cli.js';
import { requireProgram } from '../helpers/programs.js';

const HAS_CHROMIUM = requireProgram('chromium', 'browser (e2e) tests');
const ADA = 'ada@example.com';

describe.skipIf(!HAS_CHROMIUM)('a product from Directories to a sale on the card and back', () => {
  const tmp = tempDir();
  const file = join(tmp.dir, 'shop.xlsx');
  let sidebar: Sidebar | undefined;
  let page: Page;

  beforeAll(async () => {
    const run = async (...args: string[]) => expect((await carnet(...args, '--as', ADA)).code).toBe(0);
    await run('init', file);
    await run('add', file, 'companies', '--set', 'name=Acme');
    sidebar = await openSidebar(file, ADA);
    page = sidebar.page;
  });

  afterAll(async () => {
    await sidebar?.close();
    tmp.cleanup();
  });

  it('adds a product, sells it from the card, renames it, sees the new name on the sale, and cannot delete it', async () => {
    const results = () => page.locator('.dir-results li').allTextContents();
    const value = (label: string) => page.locator('.dir-values > div', { has: page.locator('dt', { hasText: label }) }).locator('dd').textContent();
    const directories = async () => {
      await page.getByRole('button', { name: /Directories/ }).click();
      await page.getByRole('heading', { name: 'Directories', level: 2 }).waitFor();
      await page.getByLabel('Directory').selectOption({ label: 'Products' });
    };
    const backToCard = async () => {
      // No Refresh: what Directories added or renamed reaches the card's dropdowns by itself.
      await page.getByRole('button', { name: /Back to companies/ }).click();
      const search = page.getByRole('combobox', { name: 'Find a company' });
      await search.fill('Acme');
      await page.getByRole('option', { name: 'Acme' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe('Acme');
      await page.getByRole('tab', { name: /Sales/ }).click();
    };

    // 1. Directories: a new product with its code, name and unit price.
    await page.getByRole('combobox', { name: 'Find a company' }).waitFor();
    await directories();
    await page.getByRole('button', { name: /New record/ }).click();
    await page.getByLabel(/^Code/).fill('BT-7');
    await page.getByLabel(/^Name/).fill('Brass tap');
    await page.getByLabel(/^Unit price/).fill('20');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Brass tap', level: 3 }).waitFor();
    expect(await value('Code')).toBe('BT-7');
    await expect.poll(() => value('Unit price')).toMatch(/20[.,]00/);

    // 2. The card: a sale of 2 of it, priced from the product.
    await backToCard();
    await page.getByRole('button', { name: '+ Add sale' }).click();
    await page.getByLabel('Product').fill('Brass tap');
    await expect.poll(() => page.locator('.field-hint', { hasText: 'List price' }).textContent()).toContain('$20.00');
    await page.getByLabel('Quantity').fill('2');
    await page.getByLabel('Quantity').press('Enter');
    const sold = page.locator('.sales li', { hasText: 'Brass tap' }).first();
    await sold.waitFor();
    expect(await sold.locator('.amount').textContent()).toBe('$40.00');
    expect(await sold.textContent()).toContain('2 × $20.00');

    // 3. Directories (the card is the home screen): the product renamed.
    await directories();
    await page.getByPlaceholder('Search Products').fill('brass');
    await expect.poll(results).toEqual(['Brass tap']);
    await page.locator('.dir-results').getByRole('button', { name: 'Brass tap' }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel(/^Name/).fill('Bronze tap');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Bronze tap', level: 3 }).waitFor();

    // 4. The card again: the sale shows the new name.
    await backToCard();
    const renamed = page.locator('.sales li', { hasText: 'Bronze tap' }).first();
    await renamed.waitFor();
    expect(await renamed.locator('.amount').textContent()).toBe('$40.00');
    expect(await page.locator('.sales li', { hasText: 'Brass tap' }).count()).toBe(0);

    // 5. Directories: deleting the product is refused, the sale listed.
    await directories();
    await page.getByPlaceholder('Search Products').fill('bronze');
    await page.locator('.dir-results').getByRole('button', { name: 'Bronze tap' }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: 'Delete for good' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.locator('p').textContent()).toBe('"Bronze tap" is still referenced 1 time (Sales row 2); change or delete those first.');
    expect(await alert.locator('li').allTextContents()).toEqual(['Sales row 2 references "Bronze tap".']);

    // The file: the sale is of the product under its new name, at the product's price; the product is still there.
    const sales = JSON.parse((await carnet('list', file, 'sales', '--json')).stdout) as { values: Record<string, unknown> }[];
    expect(sales).toHaveLength(1);
    expect(sales[0]!.values).toMatchObject({ company: 'Acme', product: 'Bronze tap', quantity: 2, unit_price: 20 });
    const products = JSON.parse((await carnet('list', file, 'products', '--json')).stdout) as { display: string }[];
    expect(products.map((p) => p.display)).toEqual(['Bronze tap']);
    expect(sidebar?.takeErrors()).toEqual([]);
  }, 40_000);
});
