/**
 * Settings → Directories and fields (issue 13 §1) in real headless Chromium against `carnet serve`,
 * on a workbook made with `carnet init` by its first admin. She creates a Books directory (a Title,
 * a Genre choosing between Fiction and Essay, and a Pages text field), sees what will be written
 * before applying it, then adds a book on the Directories screen choosing its genre, its pages
 * "abc". Making Pages a whole number is refused, with the cell listed, a list she goes through
 * with the keyboard; the file is unchanged. A Year field is added, a field renamed, one hidden,
 * and a choice field's default, help and choices set, each previewed then applied.
 */

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSidebar, screenshotOf, type Sidebar } from '../helpers/browser.js';
import { carnet, tempDir } from '../helpers/cli.js';
import { requireProgram } from '../helpers/programs.js';

const HAS_CHROMIUM = requireProgram('chromium', 'browser (e2e) tests');
const ADA = 'ada@example.com';


async function schemaOf(file: string): Promise<{ directories: { key: string; display: string; idPrefix: string; fields: { key: string; type: string; labels: Record<string, string>; hidden?: boolean; choices?: string[] }[] }[] }> {
  const out = await carnet('schema', file, '--json');
  expect(out.code, out.stderr).toBe(0);
  return JSON.parse(out.stdout);
}

async function listed(file: string, dir: string): Promise<{ display: string; values: Record<string, unknown> }[]> {
  const out = await carnet('list', file, dir, '--json');
  expect(out.code).toBe(0);
  return JSON.parse(out.stdout) as { display: string; values: Record<string, unknown> }[];
}

describe.skipIf(!HAS_CHROMIUM)('Settings → Directories and fields', () => {
  const tmp = tempDir();
  const file = join(tmp.dir, 'library.xlsx');
  let sidebar: Sidebar | undefined;
  let page: Page;

  /** Previews the change; a core without the dry run says so, and Apply is offered either way. */
  async function previewThen(apply: boolean) {
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('heading', { name: 'What will be written', level: 3 }).or(page.locator('.cfg-problems')).first().waitFor();
    if (apply && (await page.locator('.cfg-preview').count())) await page.locator('.cfg-preview').getByRole('button', { name: 'Apply' }).click();
  }

  beforeAll(async () => {
    expect((await carnet('init', file, '--as', ADA)).code).toBe(0);
    sidebar = await openSidebar(file, ADA, 900);
    page = sidebar.page;
  });

  afterEach(() => {
    expect(sidebar?.takeErrors()).toEqual([]);
  });

  afterAll(async () => {
    await sidebar?.close();
    tmp.cleanup();
  });

  it('creates a Books directory with a title and a genre choice, showing what will be written first', async () => {
    await page.getByRole('button', { name: /Settings/ }).click();
    await page.getByRole('button', { name: 'Directories and fields' }).click();
    await page.getByRole('heading', { name: 'Directories and fields', level: 2 }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Books');
    await page.getByLabel('ID prefix').fill('BK');
    await page.getByLabel('Field name').nth(0).fill('Title');
    await page.getByRole('button', { name: '+ Another field' }).click();
    await page.getByLabel('Field name').nth(1).fill('Genre');
    await page.locator('#cfg-row1-type').selectOption('choice');
    await page.getByLabel('Choices, separated by |').fill('Fiction|Essay');
    await page.getByRole('button', { name: '+ Another field' }).click();
    await page.getByLabel('Field name').nth(2).fill('Pages');
    await page.getByLabel('Field that names a record').selectOption('Title');
    await page.getByRole('button', { name: 'Preview' }).click();
    const panel = page.locator('.cfg-preview');
    await panel.getByRole('heading', { name: 'What will be written' }).waitFor();
    // Nothing written before Apply.
    expect((await schemaOf(file)).directories.map((d) => d.key)).not.toContain('books');
    const text = (await panel.textContent()) ?? '';
    expect(text).toMatch(/Sheets to create: Books|not available/);
    await screenshotOf(page, 'configurator.png', 'article.configurator');
    await panel.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.locator('#cfg-dir option:checked').textContent()).toBe('Books');
    const books = (await schemaOf(file)).directories.find((d) => d.key === 'books');
    expect(books?.idPrefix).toBe('BK');
    expect(books?.display).toBe('title');
    expect(books?.fields.map((f) => [f.key, f.type, f.choices ?? null])).toEqual([
      ['title', 'text', null],
      ['genre', 'choice', ['Fiction', 'Essay']],
      ['pages', 'text', null],
    ]);
  });

  it('adds a book on the Directories screen, choosing its genre', async () => {
    await page.getByRole('button', { name: /Back to Settings/ }).click();
    await page.getByRole('button', { name: /Back to companies/ }).click();
    await page.getByRole('button', { name: /Directories/ }).click();
    await page.getByLabel('Directory').selectOption({ label: 'Books' });
    await page.getByRole('button', { name: /New record/ }).click();
    await page.getByLabel(/^Title/).fill('Candide');
    await page.getByLabel(/^Genre/).selectOption('Fiction');
    await page.getByLabel(/^Pages/).fill('abc');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Candide', level: 3 }).waitFor();
    expect((await listed(file, 'books')).map((b) => [b.display, b.values.genre])).toEqual([['Candide', 'Fiction']]);
    expect((await listed(file, 'books'))[0]?.values.pages).toBe('abc');
  });

  it('refuses to make a text field whose cells do not convert a whole number, listing the cell', async () => {
    await page.getByRole('button', { name: /Back to companies/ }).click();
    await page.getByRole('button', { name: /Settings/ }).click();
    await page.getByRole('button', { name: 'Directories and fields' }).click();
    await page.getByLabel('Directory').selectOption({ label: 'Books' });
    await page.getByLabel('Change', { exact: true }).selectOption('retype');
    await page.getByLabel('Field', { exact: true }).selectOption('pages');
    await page.locator('#cfg-retype-type').selectOption('integer');
    await previewThen(true);
    const problems = page.locator('.cfg-problems li');
    await problems.first().waitFor();
    expect(await problems.allTextContents()).toEqual([expect.stringMatching(/^Books!D2.*"abc"/)]);
    // The list is the keyboard's: its first cell has the focus.
    expect(await page.evaluate(() => document.activeElement?.closest('.cfg-problems') !== null)).toBe(true);
    expect((await schemaOf(file)).directories.find((d) => d.key === 'books')?.fields.find((f) => f.key === 'pages')?.type).toBe('text');
    expect((await listed(file, 'books'))[0]?.values.pages).toBe('abc');
  });

  it('adds a field to the directory, previewed then applied', async () => {
    await page.getByLabel('Change', { exact: true }).selectOption('add');
    await page.getByLabel('Field name').fill('Year');
    await page.locator('#cfg-add-type').selectOption('integer');
    await previewThen(true);
    await expect.poll(async () => (await schemaOf(file)).directories.find((d) => d.key === 'books')?.fields.map((f) => [f.key, f.type])).toEqual([
      ['title', 'text'],
      ['genre', 'choice'],
      ['pages', 'text'],
      ['year', 'integer'],
    ]);
    await page.getByLabel('Change', { exact: true }).selectOption('retype');
    await expect.poll(() => page.locator('#cfg-field option').allTextContents()).toContain('Year (whole number)');
  });

  it('renames a field, hides one and sets a field’s rules, each previewed then applied', async () => {
    const fields = async () => (await schemaOf(file)).directories.find((d) => d.key === 'books')!.fields;
    await page.getByLabel('Change', { exact: true }).selectOption('rename');
    await page.getByLabel('Field', { exact: true }).selectOption('genre');
    await page.getByLabel('New name').fill('Kind');
    await previewThen(true);
    await expect.poll(async () => (await fields()).find((f) => f.key === 'genre')?.labels.en).toBe('Kind');
    await page.getByLabel('Change', { exact: true }).selectOption('hide');
    await page.getByLabel('Field', { exact: true }).selectOption('year');
    await previewThen(true);
    await expect.poll(async () => (await fields()).find((f) => f.key === 'year')?.hidden).toBe(true);
    await page.getByLabel('Change', { exact: true }).selectOption('rules');
    await page.getByLabel('Field', { exact: true }).selectOption('genre');
    await page.getByLabel('Default value').fill('Essay');
    await page.getByLabel('Help text').fill('What kind of book');
    await page.getByLabel('Choices, separated by |').fill('Fiction|Essay|Poetry');
    await previewThen(true);
    await expect.poll(async () => (await fields()).find((f) => f.key === 'genre')).toMatchObject({ default: 'Essay', help: { en: 'What kind of book' }, choices: ['Fiction', 'Essay', 'Poetry'] });
  });
});
