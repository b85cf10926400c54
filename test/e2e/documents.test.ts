/**
 * The Documents action and the Templates screen in real headless Chromium against `carnet serve`
 * on a demo workbook made by the CLI (issue 11): a company's card, Documents, the built-in
 * invoice filled, the download caught and rendered by LibreOffice, which must show the company's
 * name, every one of its sales lines and the total; then a template with a typo tag uploaded and
 * its problem shown with "did you mean", the tag catalogue with its examples and the sample
 * document. Expected values are read from the workbook through the CLI, not taken from the core.
 */

import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSidebar, type Sidebar } from '../helpers/browser.js';
import { carnet, tempDir } from '../helpers/cli.js';
import { hasProgram, requireProgram } from '../helpers/programs.js';

const HAS_PROGRAMS = requireProgram('chromium', 'browser (e2e) tests') && requireProgram('soffice', 'browser (e2e) tests of filled documents');
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = join(ROOT, 'test-output/e2e');

/** A README picture: written when missing, or refreshed with CARNET_UPDATE_SCREENSHOTS=1. */
function keepShot(made: string, name: string): void {
  const shot = join(ROOT, 'docs/screenshots', name);
  if (!existsSync(shot) || process.env.CARNET_UPDATE_SCREENSHOTS === '1') {
    mkdirSync(dirname(shot), { recursive: true });
    copyFileSync(made, shot);
  }
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
  keepShot(join(ARTIFACTS, name), name);
}

/** `file` converted by headless LibreOffice (`txt:Text`, `pdf`, `png`), with a private profile in `dir`; the path of the result. */
function convert(file: string, to: string, dir: string): string {
  const out = join(dir, to.replace(/\W.*$/, ''));
  execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--convert-to', to, '--outdir', out, file], { stdio: 'pipe', timeout: 120_000 });
  const made = readdirSync(out).find((f) => basename(f, extname(f)) === basename(file, extname(file)));
  if (!made) throw new Error(`LibreOffice made no ${to} of ${file}`);
  return join(out, made);
}

/**
 * The document's first PDF page as a PNG, for the README, by poppler's `pdftoppm` (LibreOffice
 * without Draw has no PNG export). The picture is not what the test checks: without poppler it
 * is not made, and the test says so.
 */
function firstPagePng(docx: string, dir: string): string | undefined {
  if (!hasProgram('pdftoppm')) {
    console.warn('\n!!! The README picture of the invoice is not made: `pdftoppm` (poppler-utils) is not installed !!!\n');
    return undefined;
  }
  const pdf = convert(docx, 'pdf', dir);
  const stem = join(dir, 'invoice-page');
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, stem], { stdio: 'pipe', timeout: 60_000 });
  return `${stem}.png`;
}

/** A Word document of plain paragraphs, as small as Word accepts, made here so the test does not rely on Carnet's own writer. */
async function docx(paragraphs: string[]): Promise<Buffer> {
  const zip = new JSZip();
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${esc(p)}</w:t></w:r></w:p>`).join('')}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

interface Listed {
  id: string;
  display: string;
  values: Record<string, unknown>;
}

async function list(file: string, dir: string): Promise<Listed[]> {
  const out = await carnet('list', file, dir, '--json');
  expect(out.code).toBe(0);
  return JSON.parse(out.stdout) as Listed[];
}

describe.skipIf(!HAS_PROGRAMS)('the Documents action and the Templates screen in a real browser', () => {
  const tmp = tempDir();
  const file = join(tmp.dir, 'demo.xlsx');
  let sidebar: Sidebar | undefined;
  let page: Page;
  let company: Listed;
  let sales: Listed[] = [];

  beforeAll(async () => {
    expect((await carnet('demo', file, '--companies', '5')).code).toBe(0);
    const allSales = await list(file, 'sales');
    const companies = await list(file, 'companies');
    const salesOf = (c: Listed) => allSales.filter((s) => s.values.company === c.display);
    // The company with the most sales lines, so the invoice's table has rows to repeat.
    company = companies.reduce((a, b) => (salesOf(b).length > salesOf(a).length ? b : a));
    sales = salesOf(company);
    expect(sales.length).toBeGreaterThan(1);
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

  it("fills the built-in invoice from a company's card: the download arrives, and LibreOffice shows the company, every sales line and the total", async () => {
    const search = page.getByRole('combobox', { name: 'Find a company' });
    await search.fill(company.display);
    await page.getByRole('option', { name: company.display }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe(company.display);

    await page.getByRole('button', { name: 'Documents' }).click();
    const panel = page.getByRole('region', { name: `Documents for ${company.display}` });
    await panel.getByLabel(/^Invoice/).check();
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Fill' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    // The link stays shown for a frame that blocks downloads.
    expect(await panel.locator('.document-done a').textContent()).toBe(download.suggestedFilename());
    // The local server keeps no files in a cloud: no Save to Drive (the Google sidebar's alone).
    expect(await panel.getByRole('button', { name: 'Save to Drive' }).count()).toBe(0);

    const saved = join(tmp.dir, 'invoice.docx');
    await download.saveAs(saved);
    const text = readFileSync(convert(saved, 'txt:Text', tmp.dir), 'utf8');
    expect(text).toContain(company.display);
    for (const sale of sales) expect(text).toContain(String(sale.values.product));
    const total = sales.reduce((sum, s) => sum + Number(s.values.amount), 0);
    expect(text).toContain(total.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

    await page.evaluate('scrollTo(0, 0)');
    await screenshot(page, 'documents.png');
    const invoicePage = firstPagePng(saved, tmp.dir);
    if (invoicePage) keepShot(invoicePage, 'invoice.png');
  });

  it('uploads a template with a typo in a tag, and shows the problem where it is, with "did you mean"', async () => {
    await page.getByRole('button', { name: /Templates/ }).click();
    await page.getByRole('heading', { name: 'Templates', level: 2 }).waitFor();
    await expect.poll(() => page.locator('.template-list > li strong').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^Invoice/), expect.stringMatching(/^Price list/), expect.stringMatching(/^Contract/)]));

    const upload = page.locator('form.template-upload');
    await upload.getByLabel('Template (.docx)').setInputFiles({
      name: 'Letter.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: await docx(['Dear {Name},', 'We look forward to seeing you in {Ctiy}.']),
    });
    expect(await upload.getByLabel('Name', { exact: true }).inputValue()).toBe('Letter');
    await upload.getByLabel('Fills from').selectOption({ label: 'Companies' });
    await upload.getByLabel(/File name of the documents/).fill('Letter {Name}.docx');
    await upload.getByRole('button', { name: 'Upload' }).click();
    const problem = upload.locator('.template-problems > li');
    await problem.first().waitFor();
    expect(await problem.count()).toBe(1);
    expect(await problem.locator('code').textContent()).toBe('{Ctiy}');
    expect(await problem.textContent()).toMatch(/did you mean \{City\}/);
    expect(await problem.locator('.template-around').textContent()).toContain('We look forward to seeing you in');
    await expect.poll(() => page.locator('.template-list > li strong').allTextContents()).toContain('Letter');

    // The template back with the problem as a Word comment.
    const [annotated] = await Promise.all([page.waitForEvent('download'), upload.getByRole('button', { name: /Word comments/ }).click()]);
    expect(annotated.suggestedFilename()).toMatch(/\.docx$/);
    const comments = await (await JSZip.loadAsync(readFileSync(await annotated.path()))).file('word/comments.xml')?.async('string');
    expect(comments).toContain('Ctiy');

    await page.evaluate('scrollTo(0, 0)');
    await screenshot(page, 'templates.png');
  });

  it('lists the tags of companies with an example from a real record, each copied with one click, and hands out the sample document', async () => {
    await page.locator('summary', { hasText: 'Tags' }).click();
    const tags = page.locator('.template-tags');
    await tags.getByLabel('Tags of').selectOption({ label: 'Companies' });
    const name = tags.locator('.template-tag-table').first().locator('tbody tr', { has: page.locator('code', { hasText: /^\{Name\}$/ }) });
    await name.waitFor();
    const names = (await list(file, 'companies')).map((c) => c.display);
    expect(names).toContain(await name.locator('.template-example').textContent());

    await name.getByRole('button', { name: 'Copy {Name}' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^\{Name\} (copied\.|is selected)/);

    const [sample] = await Promise.all([page.waitForEvent('download'), tags.getByRole('button', { name: 'Download the sample document' }).click()]);
    expect(sample.suggestedFilename()).toMatch(/\.docx$/);
    const saved = join(tmp.dir, 'sample.docx');
    await sample.saveAs(saved);
    expect(readFileSync(convert(saved, 'txt:Text', tmp.dir), 'utf8')).toContain('{Name}');
  });

  it('refuses to fill the template whose tag is wrong, saying which; fills a built-in from the Templates screen for a record named there', async () => {
    const item = (name: RegExp) => page.locator('.template-list > li', { has: page.locator('strong', { hasText: name }) });
    const letter = item(/^Letter$/);
    await letter.locator('.row-actions').getByRole('button', { name: 'Fill' }).click();
    await letter.getByLabel(/^Fill for/).fill(company.display);
    await letter.locator('.document-fill').getByRole('button', { name: 'Fill' }).click();
    const refusal = letter.locator('.document-fill [role="alert"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Ctiy');

    const contract = item(/^Contract/);
    await contract.locator('.row-actions').getByRole('button', { name: 'Fill' }).click();
    await contract.getByLabel(/^Fill for/).fill(company.display);
    const [download] = await Promise.all([page.waitForEvent('download'), contract.locator('.document-fill').getByRole('button', { name: 'Fill' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const saved = join(tmp.dir, 'contract.docx');
    await download.saveAs(saved);
    expect(readFileSync(convert(saved, 'txt:Text', tmp.dir), 'utf8')).toContain(company.display);
  });
});
