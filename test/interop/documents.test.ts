/**
 * Interop: every document `carnet doc` makes opens in LibreOffice with the CRM's values in it
 * (issue 11, "Done means"). A demo workbook's companies are filled into the three built-ins, a
 * merged document and a zip of one document each; the two word-processor fixtures of
 * test/fixtures/templates/ are filled from a record; a company whose name and address hold `<`,
 * `&`, quotes, a newline, a tab and three scripts is filled too. Every .docx goes to PDF in one
 * LibreOffice run, and the text its pages draw (test/helpers/pdf-text.ts) is compared with what
 * `carnet list` says is in the sheet, formatted as an English invoice writes it ("$1,234.50",
 * "03/04/2026"), computed here and not by Carnet's formatters.
 */

import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carnet, tempDir } from '../helpers/cli.js';
import { FIXTURES, paragraphs } from '../helpers/docx-fixtures.js';
import { pdfText } from '../helpers/pdf-text.js';
import { requireProgram } from '../helpers/programs.js';

const HAS_SOFFICE = requireProgram('soffice', 'opening the documents Carnet fills in LibreOffice (PDF)');
const tmp = tempDir();
const demo = join(tmp.dir, 'demo.xlsx');

/** Text a sheet may hold that XML, a zip and a PDF must all carry through unchanged. */
const TRICKY_NAME = 'Müller & Söhne <GmbH> "Восток" 東京';
const TRICKY_ADDRESS = 'Hauptstraße 1\nHof 2\tLinks';
const TRICKY_PRODUCT = { code: 'T&<1>', name: 'Tisch "Groß" <A&B> Стол 机', unit_price: 1234.5 };

interface Listed {
  id: string;
  display: string;
  values: Record<string, string | number | boolean | null>;
}

interface Sale {
  date: string;
  product: string;
  quantity: number;
  unit_price: number;
  amount: number;
}

/** Every .docx made, by its name without `.docx`: its bytes, then what its PDF draws. */
const made = new Map<string, Uint8Array>();
const drawn = new Map<string, { text: string; pages: number }>();

let companies: Listed[] = [];
/** The demo's companies that have sales, with their sales as `carnet list` gives them. */
let withSales: { company: Listed; sales: Sale[] }[] = [];
let products: Listed[] = [];
/** The three companies of the merged document and of the zip, in ID order. */
let batch: Listed[] = [];
/** The zip's entry names, in the zip's order. */
let zipped: string[] = [];

async function ok(...args: string[]): Promise<string> {
  const r = await carnet(...args);
  expect(r.stderr, args.join(' ')).not.toMatch(/^carnet:/m);
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

async function listed(file: string, directory: string, ...where: string[]): Promise<Listed[]> {
  return JSON.parse(await ok('list', file, directory, ...where.flatMap((w) => ['--where', w]), '--json')) as Listed[];
}

function copy(name: string): string {
  const file = join(tmp.dir, name);
  copyFileSync(demo, file);
  return file;
}

/** `carnet doc … -o <name>.docx`, kept for the conversion. */
async function fill(name: string, file: string, ...args: string[]): Promise<void> {
  const out = join(tmp.dir, `${name}.docx`);
  await ok('doc', file, ...args, '-o', out);
  made.set(name, readFileSync(out));
}

/** "$1,234.50", "-$5.00": an amount as the English invoice writes it. */
function money(amount: number): string {
  const text = Math.abs(amount).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${amount < 0 ? '-' : ''}$${text}`;
}

/** The sum of amounts of at most 2 decimals, exactly, in cents. */
function total(amounts: number[]): number {
  return amounts.reduce((cents, a) => cents + Math.round(a * 100), 0) / 100;
}

/** "2026-03-04" → "03/04/2026": the demo is American, month first. */
function usDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${m}/${d}/${y}`;
}

const quantity = (q: number) => q.toLocaleString('en-US', { maximumFractionDigits: 10 });

/** A sales line as the invoice's row draws it: date, product, quantity, unit price, amount. */
const invoiceLine = (s: Sale) => `${usDate(s.date)}${s.product}${quantity(s.quantity)}${money(s.unit_price)}${money(s.amount)}`;

/** Spaces and line breaks aside: a table cell wraps where its column ends. */
const squeeze = (s: string) => s.replace(/\s+/g, '');

function text(name: string): string {
  const d = drawn.get(name);
  if (!d) throw new Error(`no PDF for ${name}`);
  return d.text;
}

/** Every file in one LibreOffice run, with a private profile (parallel runs must not share one). */
function convertAll(): void {
  const out = join(tmp.dir, 'pdf');
  const files = [...made.keys()].map((n) => join(tmp.dir, `${n}.docx`));
  execFileSync('soffice', [`-env:UserInstallation=file://${join(tmp.dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', out, ...files], { stdio: 'pipe', timeout: 240_000 });
  for (const name of made.keys()) {
    const pdf = readFileSync(join(out, `${name}.pdf`));
    drawn.set(name, { text: pdfText(pdf), pages: pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)\b/g)?.length ?? 0 });
  }
}

async function fillDemo(): Promise<void> {
  companies = await listed(demo, 'companies');
  products = await listed(demo, 'products');
  for (const company of companies) {
    const sales = (await listed(demo, 'sales', `company=${company.display}`)).map((s) => s.values as unknown as Sale);
    if (sales.length > 0) withSales.push({ company, sales });
  }
  expect(withSales.length).toBeGreaterThanOrEqual(3);
  // Fills change the workbook (the document counter): each batch works on its own copy.
  const invoices = copy('invoices.xlsx');
  for (const { company } of withSales) await fill(`invoice-${company.id}`, invoices, '--template', 'Invoice', '--record', company.id);
  const first = withSales[0]!.company.id;
  await fill('price-list', invoices, '--template', 'Price list', '--record', first);
  await fill('contract', invoices, '--template', 'Contract', '--record', first);
}

async function fillBatch(): Promise<void> {
  const file = copy('batch.xlsx');
  batch = withSales.slice(0, 3).map((w) => w.company);
  for (const c of batch) await ok('update', file, 'companies', c.id, '--set', 'notes=in the batch');
  await fill('merged', file, '--template', 'Invoice', '--where', 'notes=in the batch', '--merged');
  const zip = join(tmp.dir, 'batch.zip');
  await ok('doc', file, '--template', 'Invoice', '--where', 'notes=in the batch', '--zip', zip);
  const entries = unzipSync(readFileSync(zip));
  zipped = Object.keys(entries);
  zipped.forEach((entry, i) => {
    made.set(`zipped-${i}`, entries[entry]!);
    writeFileSync(join(tmp.dir, `zipped-${i}.docx`), entries[entry]!);
  });
}

/**
 * The fixtures' tags on a company: {Name}, {Client’s name}, {Company.City}, {#Sales}{Product}
 * {Quantity}{Price}{/Sales}, {^Email}…{/Email}, {Total}. The demo's companies get the two fields
 * the fixtures name, and the sales' "Unit price" is called "Price".
 */
async function fillFixtures(): Promise<void> {
  const file = copy('fixtures.xlsx');
  await ok('field', 'rename', file, 'sales', 'unit_price', 'Price');
  await ok('field', 'add', file, 'companies', "Client's name:text");
  await ok('field', 'add', file, 'companies', 'Company:reference(Companies)');
  const [client, parent] = [withSales[0]!.company, withSales[1]!.company];
  await ok('update', file, 'companies', client.id, '--set', "Client's name=Zoé O’Brien", '--set', `company=${parent.display}`, '--set', 'email=');
  for (const fixture of ['libreoffice', 'word-shaped']) {
    await fill(`fixture-${fixture}`, file, '--template', join(FIXTURES, `${fixture}.docx`), '--directory', 'companies', '--record', client.id);
  }
}

async function fillTricky(): Promise<void> {
  const file = copy('tricky.xlsx');
  const city = String(companies[0]!.values.city);
  await ok('add', file, 'products', '--set', `code=${TRICKY_PRODUCT.code}`, '--set', `name=${TRICKY_PRODUCT.name}`, '--set', `unit_price=${TRICKY_PRODUCT.unit_price}`);
  await ok('add', file, 'companies', '--set', `name=${TRICKY_NAME}`, '--set', `address=${TRICKY_ADDRESS}`, '--set', `city=${city}`);
  await ok('add', file, 'sales', '--set', `company=${TRICKY_NAME}`, '--set', `product=${TRICKY_PRODUCT.name}`, '--set', 'quantity=2', '--set', 'date=2026-03-04');
  await fill('tricky', file, '--template', 'Invoice', '--record', TRICKY_NAME);
}

describe.runIf(HAS_SOFFICE)('documents filled from a demo workbook, in LibreOffice', () => {
  beforeAll(async () => {
    expect((await carnet('demo', demo, '--companies', '6')).code).toBe(0);
    await fillDemo();
    await fillBatch();
    await fillFixtures();
    await fillTricky();
    convertAll();
  }, 300_000);
  afterAll(() => tmp.cleanup());

  it('the invoice of every company with sales names it and draws each of its sales lines and its total', () => {
    for (const { company, sales } of withSales) {
      const page = squeeze(text(`invoice-${company.id}`));
      expect(page, company.id).toContain(squeeze(company.display));
      for (const s of sales) expect(page, `${company.id}: ${invoiceLine(s)}`).toContain(squeeze(invoiceLine(s)));
      expect(page, company.id).toContain(squeeze(`Total${money(total(sales.map((s) => s.amount)))}Amount in words:`));
      expect(page, company.id).not.toContain('{');
    }
  });

  it('the price list draws every product with its code and price', () => {
    const page = squeeze(text('price-list'));
    expect(page).toContain(squeeze(`For ${withSales[0]!.company.display}`));
    expect(products.length).toBeGreaterThan(0);
    for (const p of products) expect(page, p.display).toContain(squeeze(`${p.values.code}${p.values.name}${money(Number(p.values.unit_price))}`));
  });

  it('the contract names the company and the amount, the total of its sales', () => {
    const { company, sales } = withSales[0]!;
    const page = squeeze(text('contract'));
    expect(page).toContain(squeeze(`and ${company.display}, ${company.values.address ?? ''}, ${company.values.city ?? ''}`));
    expect(page).toContain(squeeze(`The amount of this contract is ${money(total(sales.map((s) => s.amount)))} (`));
    expect(page).not.toContain('{');
  });

  it('a merged document of three companies is three pages or more, each invoice naming its own company', () => {
    expect(drawn.get('merged')!.pages).toBeGreaterThanOrEqual(3);
    // Each invoice starts with its heading "Invoice 2026-0001"; what follows, up to the next, is its own.
    const invoices = text('merged').split(/^Invoice \d{4}-\d{4}$/m).slice(1);
    expect(invoices).toHaveLength(3);
    invoices.forEach((invoice, i) => {
      const { company, sales } = withSales.find((w) => w.company.id === batch[i]!.id)!;
      expect(squeeze(invoice), company.id).toContain(squeeze(`Bill to${company.display}`));
      expect(squeeze(invoice), company.id).toContain(squeeze(`Total${money(total(sales.map((s) => s.amount)))}`));
      for (const other of batch.filter((c) => c.id !== company.id)) expect(invoice).not.toContain(other.display);
    });
  });

  it('a zip of one document each holds a valid .docx per company, each drawn by LibreOffice', () => {
    expect(zipped).toHaveLength(3);
    zipped.forEach((entry, i) => {
      const company = batch[i]!;
      expect(entry).toMatch(new RegExp(`^Invoice \\d{4}-\\d{4} .*\\.docx$`));
      const parts = Object.keys(unzipSync(made.get(`zipped-${i}`)!));
      expect(parts).toEqual(expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']));
      expect(drawn.get(`zipped-${i}`)!.pages, entry).toBeGreaterThanOrEqual(1);
      expect(squeeze(text(`zipped-${i}`)), entry).toContain(squeeze(`Bill to${company.display}`));
    });
  });

  describe('the fixtures saved by word processors, tags split across runs', () => {
    const expected = (attention: boolean) => {
      const { company, sales } = withSales[0]!;
      const parent = withSales[1]!.company;
      return [
        `Invoice for ${company.display}`,
        ...(attention ? ['Attention: Zoé O’Brien'] : []),
        `City: ${parent.values.city}`,
        'Product', 'Qty', 'Price',
        ...sales.map((s) => `${s.product}${quantity(s.quantity)}${money(s.unit_price)}`),
        'No e-mail on file',
        `Total: ${money(total(sales.map((s) => s.amount)))}`,
      ].join('');
    };

    it('the one LibreOffice saved draws every value and nothing else', () => {
      expect(squeeze(text('fixture-libreoffice'))).toBe(squeeze(expected(false)));
    });

    it('the one shaped like Word’s draws every value and nothing else', () => {
      expect(squeeze(text('fixture-word-shaped'))).toBe(squeeze(expected(true)));
    });
  });

  describe('values with <, &, quotes, a newline, a tab and non-Latin scripts', () => {
    it('are in the document exactly as in the sheet: the newline a line break, the tab a tab', () => {
      const shown = paragraphs(made.get('tricky')!);
      expect(shown).toContain(TRICKY_NAME);
      expect(shown).toContain(TRICKY_ADDRESS);
      expect(shown).toContain(TRICKY_PRODUCT.name);
      expect(shown).toContain('$2,469.00');
    });

    it('are drawn by LibreOffice exactly, spaces included: the address on two lines, the tab between two pieces of text', () => {
      const lines = text('tricky');
      // A line LibreOffice wraps, or a font change (CJK), splits a drawn string; no character is lost.
      const joined = lines.replace(/\n/g, '');
      expect(joined).toContain(TRICKY_NAME);
      expect(joined).toContain(`03/04/2026${TRICKY_PRODUCT.name}2$1,234.50$2,469.00`);
      expect(lines).toContain('\nHauptstraße 1\nHof 2\nLinks\n');
      expect(lines).not.toContain('{');
    });
  });
});
