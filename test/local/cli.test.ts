import { existsSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carnet, digest, tempDir } from '../helpers/cli.js';
import { editByHand } from '../helpers/excel-edit.js';

const tmp = tempDir();
const demo = join(tmp.dir, 'demo.xlsx');

beforeAll(async () => {
  const r = await carnet('demo', demo, '--companies', '12');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^Created demo CRM .*demo\.xlsx: \d+ cities, .*12 companies, .*sales/);
});
afterAll(() => tmp.cleanup());

function copy(name: string): string {
  const f = join(tmp.dir, name);
  copyFileSync(demo, f);
  return f;
}

describe('the carnet CLI', () => {
  describe('--set (issue 13, §4)', () => {
    it('keeps a value that starts with "=" as text, and says how to name a field whose label does', async () => {
      const f = copy('equals.xlsx');
      const added = await carnet('add', f, 'cities', '--set', 'name==Lyon', '--json');
      expect(added.code).toBe(0);
      expect(JSON.parse(added.stdout).values.name).toBe('=Lyon');
      const r = await carnet('add', f, 'cities', '--set', '=Name=Lyon');
      expect(r).toEqual({
        code: 2,
        stdout: '',
        stderr: 'carnet: --set "=Name=Lyon" starts with "=": name the field by its key (listed by `carnet schema FILE`), as in --set key=value. A value may start with "=": --set notes==total is the text "=total". [E_BAD_INPUT]\n',
      });
    });
  });

  describe('control characters (issue 13, §4)', () => {
    it('are refused in one-line text, kept in longtext, and printed as escapes, never raw', async () => {
      const f = copy('controls.xlsx');
      const refused = await carnet('add', f, 'cities', '--set', 'name=Ly\u001b[2Jon');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toBe('carnet: Cities › Name: "Ly\\u001b[2Jon" is not text: it holds the control character U+001B (character 3). [E_INVALID_VALUE]\n');
      const id = JSON.parse((await carnet('list', f, 'companies', '--json')).stdout)[0].id as string;
      expect((await carnet('add', f, 'notes', '--set', `company=${id}`, '--set', 'text=red \u001b[31malert\u0007', '--set', 'date=2026-11-30', '--json')).code).toBe(0);
      const listed = await carnet('list', f, 'notes', '--fields', 'text');
      expect(listed.stdout).toContain('red \\u001b[31malert\\u0007');
      expect(listed.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    });
  });

  describe('on a demo workbook', () => {
    it('checks clean', async () => {
      const r = await carnet('check', demo, '--json');
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.errors).toBe(0);
      expect(report.directories).toBe(13);
    });

    it('names a row typed by hand, which has no ID yet, by its row', async () => {
      const f = copy('by-hand.xlsx');
      await editByHand(f, (book) => {
        const ws = book.getWorksheet('Companies')!;
        const header = ws.getRow(1).values as unknown[];
        ws.getCell(14, header.indexOf('Name')).value = 'Typed By Hand';
      });
      expect(await carnet('update', f, 'companies', 'Typed By Hand', '--set', 'email=hand@example.com')).toEqual({ code: 0, stdout: 'Updated row 14 (Typed By Hand).\n', stderr: '' });
      expect(await carnet('delete', f, 'companies', 'Typed By Hand')).toEqual({ code: 0, stdout: 'Deleted row 14 (Typed By Hand).\n', stderr: '' });
    });

    it('lists, adds, renames with cascade and deletes', async () => {
      const f = copy('crud.xlsx');
      const add = await carnet('add', f, 'companies', '--set', 'name=Blue Harbor', '--set', 'email=HELLO@BlueHarbor.com', '--set', 'phone=(415) 555-2671', '--json');
      expect(add.code).toBe(0);
      const rec = JSON.parse(add.stdout);
      expect(rec).toMatchObject({ id: 'CO-000013', display: 'Blue Harbor', values: { email: 'hello@blueharbor.com', phone: '+14155552671' } });

      const sale = await carnet('add', f, 'sales', '--set', 'company=blue harbor', '--set', 'product=' + (await firstProduct(f)), '--set', 'quantity=3', '--set', 'date=11/27/2026');
      expect(sale.code).toBe(0);
      expect(sale.stdout).toMatch(/^Added SA-\d{6} on row \d+\.\n$/);

      const up = await carnet('update', f, 'Companies', 'Blue Harbor', '--set', 'Name=Blue Harbour');
      expect(up).toEqual({ code: 0, stdout: 'Updated CO-000013 (Blue Harbour). References renamed: 1 in sales.company.\n', stderr: '' });

      const list = await carnet('list', f, 'sales', '--where', 'company=BLUE HARBOUR', '--json');
      expect(JSON.parse(list.stdout).map((r: any) => [r.values.company, r.values.quantity, r.values.date])).toEqual([['Blue Harbour', 3, '2026-11-27']]);

      const del = await carnet('delete', f, 'companies', 'Blue Harbour');
      expect(del.code).toBe(1);
      expect(del.stderr).toMatch(/^carnet: "Blue Harbour" is still referenced 1 time \(Sales row \d+\); change or delete those first\. \[E_IN_USE\]\n/);
    });

    it("records a sale from the command line with the sales rules: the product's price, the amount", async () => {
      const f = copy('sale.xlsx');
      const products = JSON.parse((await carnet('list', f, 'products', '--json')).stdout);
      const product = products[0].values;
      const r = await carnet('add', f, 'sales', '--set', 'company=' + (await firstCompany(f)), '--set', `product=${product.name}`, '--set', 'quantity=2', '--json');
      expect(r.code).toBe(0);
      const sale = JSON.parse(r.stdout);
      expect(sale.values.unit_price).toBe(product.unit_price);
      expect(sale.values.amount).toBeCloseTo(2 * product.unit_price * (1 - (sale.values.discount ?? 0)), 2);

      const o = await carnet('update', f, 'sales', sale.id, '--set', 'unit_price=10', '--set', 'quantity=3', '--json');
      expect(JSON.parse(o.stdout).record.values).toMatchObject({ unit_price: 10, quantity: 3, amount: Number((30 * (1 - (sale.values.discount ?? 0))).toFixed(2)) });

      const typed = await carnet('add', f, 'sales', '--set', 'company=' + (await firstCompany(f)), '--set', `product=${product.name}`, '--set', 'quantity=1', '--set', 'amount=5');
      expect(typed).toEqual({ code: 1, stdout: '', stderr: 'carnet: Sales › Amount is computed: quantity × unit price, less the discount. [E_BAD_INPUT]\n' });
    });

    it('speaks French names for directories and fields', async () => {
      const f = join(tmp.dir, 'fr.xlsx');
      expect((await carnet('demo', f, '--lang', 'fr', '--companies', '5')).code).toBe(0);
      const r = await carnet('list', f, 'sociétés', '--json');
      const companies = JSON.parse(r.stdout);
      expect(companies).toHaveLength(5);
      const city = companies[0].values.city;
      const byCity = await carnet('list', f, 'SOCIÉTÉS', '--where', `ville=${city.toUpperCase()}`, '--json');
      expect(JSON.parse(byCity.stdout).length).toBeGreaterThan(0);
    });
  });

  describe('refusing bad input', () => {
    it('refuses a bad email with one clear message, exit 1, and the file untouched', async () => {
      const f = copy('bad-email.xlsx');
      const before = digest(f);
      const r = await carnet('add', f, 'companies', '--set', 'name=Broken', '--set', 'email=not-an-email');
      expect(r).toEqual({ code: 1, stdout: '', stderr: 'carnet: Companies › Email: "not-an-email" is not an email address. [E_INVALID_VALUE]\n' });
      expect(digest(f)).toBe(before);
    });

    it('gives the error as JSON on stderr with --json', async () => {
      const r = await carnet('list', demo, 'planets', '--json');
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stderr)).toEqual({
        ok: false,
        error: {
          code: 'E_UNKNOWN_DIRECTORY',
          value: 'planets',
          message: 'No directory named "planets". Directories: Companies, Contacts, Sales, Notes, Deals, Tasks, Products, Stages, Cities, Industries, Segments, Lead sources, Job titles.',
        },
      });
    });

    it('refuses an unknown field', async () => {
      const f = copy('unknown-field.xlsx');
      const before = digest(f);
      const r = await carnet('add', f, 'companies', '--set', 'name=X', '--set', 'colour=red');
      expect(r).toEqual({
        code: 1,
        stdout: '',
        stderr:
          'carnet: Companies has no field named "colour". Fields: Name, City, Industry, Segment, Lead source, Address, Phone, Email, Website, Tax ID, Individual discount, Owner, Date created, Comments. [E_UNKNOWN_FIELD]\n',
      });
      expect(digest(f)).toBe(before);
    });

    it('reports a missing file and creates nothing', async () => {
      const f = join(tmp.dir, 'missing.xlsx');
      const r = await carnet('list', f, 'companies');
      expect(r).toEqual({ code: 1, stdout: '', stderr: `carnet: No such file: ${f} [E_FILE]\n` });
      expect(existsSync(f)).toBe(false);
    });

    it('reports a file that is not a workbook and leaves it as it was', async () => {
      const f = join(tmp.dir, 'notes.xlsx');
      writeFileSync(f, 'just some text\n');
      const before = digest(f);
      const r = await carnet('add', f, 'companies', '--set', 'name=X');
      expect(r).toEqual({ code: 1, stdout: '', stderr: `carnet: ${f} is not an .xlsx workbook (not a zip archive) [E_FILE]\n` });
      expect(digest(f)).toBe(before);
      expect(existsSync(`${f}.bak`)).toBe(false);
    });

    it('reports a workbook with no CRM in it', async () => {
      const f = join(tmp.dir, 'plain.xlsx');
      const book = new ExcelJS.Workbook();
      book.addWorksheet('Clients').addRow(['Name', 'Phone']);
      await book.xlsx.writeFile(f);
      const before = digest(f);
      const r = await carnet('list', f, 'companies');
      expect(r).toEqual({
        code: 1,
        stdout: '',
        stderr: 'carnet: This workbook has no Carnet CRM in it (no _carnet sheet). Create one with `carnet init` or set it up from the menu. [E_NOT_CARNET]\n',
      });
      expect(digest(f)).toBe(before);
    });

    it('reports a damaged settings sheet', async () => {
      const f = copy('corrupt.xlsx');
      await editByHand(f, (book) => {
        book.getWorksheet('_carnet')!.getCell('C3').value = '{"directories": [';
      });
      const r = await carnet('list', f, 'companies');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^carnet: Carnet's settings sheet "_carnet" is damaged: entry "schema" is not valid JSON \(.*\)\. Restore it from the backup or version history\. \[E_CORRUPT\]\n$/);
    });

    it('exits 2 on a malformed command line', async () => {
      expect(await carnet('frob')).toEqual({ code: 2, stdout: '', stderr: 'carnet: Unknown command "frob". Run `carnet help`. [E_BAD_INPUT]\n' });
      const r = await carnet('add', demo, 'companies', '--sett', 'x');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^carnet: Unknown option '--sett'/);
    });

    it('refuses to overwrite a workbook with a demo', async () => {
      const before = digest(demo);
      expect(await carnet('demo', demo)).toEqual({
        code: 1,
        stdout: '',
        stderr: `carnet: ${demo} already exists; \`carnet demo\` makes a new workbook: pick another name. [E_FILE]\n`,
      });
      expect(digest(demo)).toBe(before);
    });
  });

  describe('check on a workbook damaged by hand', () => {
    it('reports each problem with its cell and exits 1', async () => {
      const f = copy('damaged.xlsx');
      let companyB = '';
      await editByHand(f, (book, cell) => {
        cell('Companies', 'Email', 2).value = 'bob@';
        cell('Contacts', 'Company', 3).value = 'Nobody Inc.';
        companyB = String(cell('Companies', 'Name', 3).value);
        cell('Companies', 'Name', 4).value = companyB.toUpperCase();
        cell('Products', 'Unit price', 1).value = 'Price each';
      });
      const r = await carnet('check', f);
      expect(r.code).toBe(1);
      const lines = r.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/: \d+ records in 13 directories; \d+ errors?, \d+ warnings?\.$/);
      const want = [
        /error {3}Companies!\w2: "bob@" is not an email address\. \[E_INVALID_VALUE\]/,
        /error {3}Contacts!\w3: "Nobody Inc\." is not in Companies\. \[E_REFERENCE\]/,
        new RegExp(`error {3}Companies!B4: "${escape(companyB.toUpperCase())}" is also on row 3; Name must be unique\\. \\[E_UNIQUE\\]`),
        /error {3}Products: no column for field "Unit price" — renamed by hand\? Headers that match no field: "Price each" in \w1\. \[E_SCHEMA\]/,
      ];
      for (const w of want) expect(lines.some((l) => w.test(l)), `${w} in\n${r.stdout}`).toBe(true);
    });
  });

  describe('the configurator', () => {
    it('creates a directory of your own and refuses a retype that would lose cells', async () => {
      const f = copy('books.xlsx');
      const d = await carnet('directory', 'add', f, 'Books', '--field', 'Title:text:required,unique', '--field', 'Pages:text', '--field', 'Format:choice(Hardback|Paperback)');
      expect(d).toEqual({ code: 0, stdout: 'Created directory Books (key books, ids BO-000001…).\n', stderr: '' });
      await carnet('add', f, 'books', '--set', 'title=Dune', '--set', 'pages=412', '--set', 'format=paperback');
      await carnet('add', f, 'books', '--set', 'title=Emma', '--set', 'pages=about 400');
      const before = digest(f);
      const r = await carnet('field', 'retype', f, 'books', 'pages', 'integer');
      expect(r).toEqual({
        code: 1,
        stdout: '',
        stderr:
          'carnet: "Pages" cannot become integer: 1 cell would be lost (C3 "about 400"). Fix them first; nothing was changed. [E_DATA_LOSS]\n' +
          '  - Books!C3: "about 400" is not a number.\n',
      });
      expect(digest(f)).toBe(before);
      await carnet('update', f, 'books', 'Emma', '--set', 'pages=400');
      expect((await carnet('field', 'retype', f, 'books', 'pages', 'integer')).code).toBe(0);
      const list = JSON.parse((await carnet('list', f, 'books', '--json')).stdout);
      expect(list.map((b: any) => b.values.pages)).toEqual([412, 400]);
    });
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function firstCompany(file: string): Promise<string> {
  const r = await carnet('list', file, 'companies', '--json');
  return JSON.parse(r.stdout)[0].values.name;
}

async function firstProduct(file: string): Promise<string> {
  const r = await carnet('list', file, 'products', '--json');
  return JSON.parse(r.stdout)[0].values.name;
}
