/**
 * `carnet template …` and `carnet doc …` end to end, in-process, on a small CRM made by the CLI
 * itself (so that every value, and so every line printed, is known): what each prints, exactly
 * where it is stable, the files it writes, and its errors whole.
 */

import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinTemplates } from '../../core/templates/builtins.js';
import { carnet, tempDir } from '../helpers/cli.js';
import { docx, p, paragraphs, partOf } from '../helpers/docx-fixtures.js';
import { pdfText } from '../helpers/pdf-text.js';
import { requireProgram } from '../helpers/programs.js';

const HAS_SOFFICE = requireProgram('soffice', 'carnet doc --pdf (LibreOffice converts the .docx)');
const tmp = tempDir();
const base = join(tmp.dir, 'base.xlsx');
const at = (name: string) => join(tmp.dir, name);
/** The document number's year: the year of the day the document is filled. */
const YEAR = new Date().getFullYear();
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const LETTER = docx(p('Dear {Name}'));

/** Who the local mode says made a change: the account running the tests. */
function localUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'local';
  }
}

async function ok(...args: string[]): Promise<string> {
  const r = await carnet(...args);
  expect(r, args.join(' ')).toMatchObject({ code: 0, stderr: '' });
  return r.stdout;
}

/**
 * Acme & Sons has every value the invoice shows (no blank left) and two sales, $400.30 in all;
 * Bolt, in the same city, has neither address nor tax ID; Cobalt is elsewhere.
 */
beforeAll(async () => {
  await ok('init', base);
  await ok('add', base, 'cities', '--set', 'name=Lyon');
  await ok('add', base, 'cities', '--set', 'name=Nantes');
  await ok('add', base, 'positions', '--set', 'name=CEO');
  await ok('add', base, 'companies', '--set', 'name=Acme & Sons', '--set', 'city=Lyon', '--set', 'address=1 Rue de la Paix', '--set', 'tax_id=FR 123');
  await ok('add', base, 'companies', '--set', 'name=Bolt', '--set', 'city=Lyon');
  await ok('add', base, 'companies', '--set', 'name=Cobalt', '--set', 'city=Nantes');
  await ok('add', base, 'contacts', '--set', 'name=Anna Petrova', '--set', 'company=Acme & Sons', '--set', 'position=CEO');
  await ok('add', base, 'products', '--set', 'code=D1', '--set', 'name=Desk', '--set', 'unit_price=200');
  await ok('add', base, 'products', '--set', 'code=C1', '--set', 'name=Стул', '--set', 'unit_price=0.1');
  await ok('add', base, 'sales', '--set', 'company=Acme & Sons', '--set', 'product=Desk', '--set', 'quantity=2', '--set', 'date=2026-03-04');
  await ok('add', base, 'sales', '--set', 'company=Acme & Sons', '--set', 'product=Стул', '--set', 'quantity=3', '--set', 'date=2026-03-05');
  writeFileSync(at('letter.docx'), LETTER);
  writeFileSync(at('bad.docx'), docx(p('Client: {Ctiy}')));
});
afterAll(() => tmp.cleanup());

let n = 0;
/** A fresh copy of the CRM: fills advance the document counter, templates are stored in it. */
function copy(): string {
  const file = at(`crm-${++n}.xlsx`);
  copyFileSync(base, file);
  return file;
}

const size = (bytes: Uint8Array) => bytes.length.toLocaleString('en');
const [invoice, priceList, contract] = builtinTemplates('en').map((t) => size(t.bytes));

describe('carnet template', () => {
  it('list shows Carnet’s built-ins; --json gives them as data', async () => {
    const f = copy();
    expect(await ok('template', 'list', f)).toBe(
      [
        'Template    Directory  File name                      Size   By',
        '----------  ---------  -----------------------------  -----  -----------------',
        `Invoice     companies  Invoice {Number} {Name}.docx   ${invoice}  Carnet (built-in)`,
        `Price list  companies  Price list {Name}.docx         ${priceList}  Carnet (built-in)`,
        `Contract    companies  Contract {Number} {Name}.docx  ${contract}  Carnet (built-in)`,
        '',
      ].join('\n'),
    );
    const listed = JSON.parse(await ok('template', 'list', f, '--json'));
    expect(listed.map((t: { name: string; builtin: boolean }) => [t.name, t.builtin])).toEqual([['Invoice', true], ['Price list', true], ['Contract', true]]);
  });

  it('add stores a template for the whole team, with its file-name pattern; doc fills it; remove takes it away', async () => {
    const f = copy();
    expect(await ok('template', 'add', f, 'Letter', at('letter.docx'), '--directory', 'companies', '--filename', 'Letter {Name}.docx')).toBe(
      `Stored template "Letter" for companies (${size(LETTER)} bytes; files named "Letter {Name}.docx").\n`,
    );
    expect((await ok('template', 'list', f)).split('\n')[2]).toBe(`Letter      companies  Letter {Name}.docx             ${size(LETTER)}  ${localUser()}`);
    const filled = JSON.parse(await ok('doc', f, '--template', 'letter', '--record', 'Bolt', '-o', at('letter-bolt.docx'), '--json'));
    expect(filled).toEqual({ template: 'Letter', documents: 1, fileName: 'Letter Bolt.docx', mime: DOCX, missing: [], file: at('letter-bolt.docx') });
    expect(paragraphs(readFileSync(at('letter-bolt.docx')))).toEqual(['Dear Bolt']);
    expect(await ok('template', 'remove', f, 'Letter')).toBe('Removed template "Letter".\n');
    expect(JSON.parse(await ok('template', 'list', f, '--json')).map((t: { name: string }) => t.name)).toEqual(['Invoice', 'Price list', 'Contract']);
    expect(await carnet('template', 'remove', f, 'Letter')).toEqual({ code: 1, stdout: '', stderr: 'carnet: No template named "Letter": this workbook has no templates yet. [E_NOT_FOUND]\n' });
  });

  it('add without --directory prints its usage and exits 2', async () => {
    expect(await carnet('template', 'add', copy(), 'Letter', at('letter.docx'))).toEqual({
      code: 2,
      stdout: '',
      stderr: 'carnet: Usage: carnet template add <file.xlsx> <name> <template.docx> --directory companies [--filename "Invoice {Number} {Name}.docx"] [E_BAD_INPUT]\n',
    });
  });

  it('tags lists every tag with an example from a record, and --sample writes a document holding them', async () => {
    const sample = at('sample.docx');
    const out = await ok('template', 'tags', copy(), 'companies', '--sample', sample);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^Tag +What it is +Example \(CO-000001\)$/);
    expect(lines[2]).toMatch(/^\{ID\} +ID +CO-000001$/);
    expect(lines[3]).toMatch(/^\{Name\} +Name +Acme & Sons$/);
    expect(lines[4]).toMatch(/^\{City\} +City +Lyon$/);
    expect(lines).toContainEqual(expect.stringMatching(/^\{Total\} +Total +\$400\.30$/));
    expect(lines).toContainEqual(expect.stringMatching(/^\{#Sales\}…\{\/Sales\} +Sales \(2\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}\{Amount\} +Sales › Amount +\$400\.00$/));
    expect(out.endsWith(`\nSample document with every tag: ${sample}\n`)).toBe(true);
    const tags = paragraphs(readFileSync(sample)).join('\n');
    for (const tag of ['{Name}', '{City.Country}', '{#Sales}…{/Sales}', '{Total}']) expect(tags).toContain(tag);
  });

  it('tags --json gives the catalogue as data', async () => {
    const catalogue = JSON.parse(await ok('template', 'tags', copy(), 'companies', '--json'));
    expect(catalogue.example).toBe('CO-000001');
    expect(catalogue.entries).toContainEqual({ tag: '{Name}', label: 'Name', example: 'Acme & Sons' });
    expect(catalogue.entries).toContainEqual({ tag: '{Total}', label: 'Total', example: '$400.30' });
  });

  it('check points at a wrong tag with "did you mean", exits 1, and --annotate writes the problems as Word comments in a copy', async () => {
    const annotated = at('annotated.docx');
    const r = await carnet('template', 'check', copy(), at('bad.docx'), '--directory', 'companies', '--annotate', annotated);
    expect(r).toEqual({
      code: 1,
      stdout: `Template "template": 1 problem. The problems are comments in ${annotated}.\n  {Ctiy} in paragraph 1 ("Client: {Ctiy}"): unknown field "Ctiy" — did you mean {City}?\n`,
      stderr: '',
    });
    const comments = partOf(readFileSync(annotated), 'word/comments.xml');
    expect(comments).toContain('did you mean {City}?');
    expect(paragraphs(readFileSync(annotated))).toEqual(['Client: {Ctiy}']);
  });

  it('check --json gives each problem with its tag and place; a good template has none and exits 0', async () => {
    const f = copy();
    const r = await carnet('template', 'check', f, at('bad.docx'), '--directory', 'companies', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      template: 'template',
      directory: 'companies',
      problems: [{ tag: '{Ctiy}', place: { where: 'paragraph 1', around: 'Client: {Ctiy}' }, kind: 'unknown-name', message: 'unknown field "Ctiy" — did you mean {City}?' }],
    });
    expect(await ok('template', 'check', f, 'Invoice')).toBe('Template "Invoice": no problems.\n');
  });
});

describe('carnet doc', () => {
  it('fills one record into -o out.docx and says so in one line', async () => {
    const out = at('acme.docx');
    expect(await ok('doc', copy(), '--template', 'Invoice', '--record', 'CO-000001', '-o', out)).toBe(`Wrote ${out}.\n`);
    const shown = paragraphs(readFileSync(out));
    expect(shown).toContain(`Invoice ${YEAR}-0001`);
    expect(shown).toContain('Acme & Sons');
    expect(shown).toContain('Contact: Anna Petrova, CEO');
    expect(shown.join('|')).toContain('03/04/2026|Desk|2|$200.00|$400.00|03/05/2026|Стул|3|$0.10|$0.30');
    expect(shown.join('|')).toContain('Total|$400.30');
    expect(shown).toContain('Amount in words: four hundred dollars and 30 cents');
  });

  it('names the tags left blank by the record, and numbers documents one after the other', async () => {
    const f = copy();
    expect(await ok('doc', f, '--template', 'Invoice', '--record', 'Bolt', '-o', at('bolt.docx'))).toBe(`Wrote ${at('bolt.docx')}.\nEmpty in the data (left blank): {Address}, {Tax ID}.\n`);
    const second = JSON.parse(await ok('doc', f, '--template', 'Invoice', '--record', 'Bolt', '-o', at('bolt-2.docx'), '--json'));
    expect(second).toMatchObject({ template: 'Invoice', documents: 1, fileName: `Invoice ${YEAR}-0002 Bolt.docx`, file: at('bolt-2.docx') });
    expect(second.missing.map((m: { tag: string; place: { where: string } }) => [m.tag, m.place.where])).toEqual([['{Address}', 'paragraph 6'], ['{Tax ID}', 'paragraph 8']]);
  });

  it('--json prints the result without the document’s bytes, and where it was written', async () => {
    const out = at('acme-json.docx');
    expect(JSON.parse(await ok('doc', copy(), '--template', 'Invoice', '--record', 'Acme & Sons', '-o', out, '--json'))).toEqual({
      template: 'Invoice',
      documents: 1,
      fileName: `Invoice ${YEAR}-0001 Acme & Sons.docx`,
      mime: DOCX,
      missing: [],
      file: out,
    });
    expect(existsSync(out)).toBe(true);
  });

  it('--where … --zip writes one document per record in a zip', async () => {
    const zip = at('lyon.zip');
    expect(await ok('doc', copy(), '--template', 'Invoice', '--where', 'city=Lyon', '--zip', zip)).toBe(`Wrote ${zip} (2 documents).\nEmpty in the data (left blank): {Address}, {Tax ID}.\n`);
    const files = unzipSync(readFileSync(zip));
    expect(Object.keys(files)).toEqual([`Invoice ${YEAR}-0001 Acme & Sons.docx`, `Invoice ${YEAR}-0002 Bolt.docx`]);
    expect(paragraphs(files[`Invoice ${YEAR}-0001 Acme & Sons.docx`]!)).toContain('Acme & Sons');
    expect(paragraphs(files[`Invoice ${YEAR}-0002 Bolt.docx`]!)).toContain('Bolt');
  });

  it('--where … --zip --json gives the zip’s name and count', async () => {
    const zip = at('lyon-json.zip');
    expect(JSON.parse(await ok('doc', copy(), '--template', 'Invoice', '--where', 'city=Lyon', '--zip', zip, '--json'))).toMatchObject({
      template: 'Invoice',
      documents: 2,
      fileName: 'Invoice.zip',
      mime: 'application/zip',
      file: zip,
    });
  });

  it('--where … --merged -o writes one document, each record from a new page', async () => {
    const out = at('lyon-merged.docx');
    expect(await ok('doc', copy(), '--template', 'Invoice', '--where', 'city=Lyon', '--merged', '-o', out)).toBe(`Wrote ${out}.\nEmpty in the data (left blank): {Address}, {Tax ID}.\n`);
    const shown = paragraphs(readFileSync(out));
    expect(shown.filter((x) => /^Invoice \d{4}-\d{4}$/.test(x))).toEqual([`Invoice ${YEAR}-0001`, `Invoice ${YEAR}-0002`]);
    const pageBreak = shown.indexOf('\f');
    expect(shown.indexOf('Acme & Sons')).toBeLessThan(pageBreak);
    expect(shown.indexOf('Bolt')).toBeGreaterThan(pageBreak);
  });

  it.runIf(HAS_SOFFICE)('--pdf writes a PDF beside the .docx, converted by LibreOffice', async () => {
    const out = at('acme-pdf.docx');
    const pdf = at('acme-pdf.pdf');
    expect(await ok('doc', copy(), '--template', 'Invoice', '--record', 'CO-000001', '-o', out, '--pdf')).toBe(`Wrote ${out} and ${pdf}.\n`);
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfText(bytes).split('\n')).toContain('Acme & Sons');
  }, 120_000);

  describe('errors, whole', () => {
    it('an unknown template: E_NOT_FOUND with the names of the templates there are', async () => {
      expect(await carnet('doc', copy(), '--template', 'Invoce', '--record', 'Bolt')).toEqual({
        code: 1,
        stdout: '',
        stderr: 'carnet: There is no template "Invoce" (templates: "Invoice", "Price list", "Contract"). [E_NOT_FOUND]\n',
      });
    });

    it('no --template: the usage, exit 2', async () => {
      expect(await carnet('doc', copy(), '--record', 'Bolt')).toEqual({
        code: 2,
        stdout: '',
        stderr: 'carnet: Usage: carnet doc <file.xlsx> --template <name|file.docx> --record <ID or name> [-o out.docx] [--pdf], or --where field=value… --zip out.zip [--merged] [E_BAD_INPUT]\n',
      });
    });

    it('a record that is not there, a filter that matches nothing, a template file without its directory', async () => {
      const f = copy();
      expect(await carnet('doc', f, '--template', 'Invoice', '--record', 'Nobody')).toEqual({ code: 1, stdout: '', stderr: 'carnet: Companies has no record "Nobody". [E_NOT_FOUND]\n' });
      expect(await carnet('doc', f, '--template', 'Invoice', '--where', 'city=Paris', '--zip', at('none.zip'))).toEqual({ code: 1, stdout: '', stderr: 'carnet: No record of Companies matches; no document was made. [E_NOT_FOUND]\n' });
      expect(existsSync(at('none.zip'))).toBe(false);
      expect(await carnet('doc', f, '--template', at('letter.docx'), '--record', 'Bolt')).toEqual({ code: 1, stdout: '', stderr: 'carnet: A template given as a file needs the directory it fills from. [E_BAD_INPUT]\n' });
    });

    it('a template with a wrong tag: E_TEMPLATE at the tag, and no document', async () => {
      const out = at('bad-out.docx');
      const r = await carnet('doc', copy(), '--template', at('bad.docx'), '--directory', 'companies', '--record', 'Bolt', '-o', out, '--json');
      expect(r).toMatchObject({ code: 1, stdout: '' });
      const problem = '{Ctiy} in paragraph 1 ("Client: {Ctiy}"): unknown field "Ctiy" — did you mean {City}?';
      const { error } = JSON.parse(r.stderr);
      expect(error).toMatchObject({ code: 'E_TEMPLATE', field: 'template', value: '{Ctiy}', problems: [{ code: 'E_TEMPLATE', value: '{Ctiy}', message: problem }] });
      expect(error.message.startsWith(`Template "template" has a problem: ${problem}`)).toBe(true);
      expect(existsSync(out)).toBe(false);
    });
  });
});

describe('carnet doc: a dry run, and one document for several records', () => {
  it('--dry-run writes nothing and does not count a document', async () => {
    const file = copy();
    const out = await ok('doc', file, '--template', 'Invoice', '--record', 'Bolt', '--dry-run', '-o', at('dry.docx'));
    expect(out).toBe('Dry run: 1 document would be made; nothing was written. Empty in the data (would be left blank): {Address}, {Tax ID}.\n');
    expect(existsSync(at('dry.docx'))).toBe(false);
    expect(await ok('doc', file, '--template', 'Invoice', '--record', 'Bolt', '-o', at('bolt.docx'))).toMatch(new RegExp(`^Wrote ${at('bolt.docx').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.\\n`));
    expect(paragraphs(readFileSync(at('bolt.docx'))).join('\n')).toContain(`Invoice ${YEAR}-0001`);
  });

  it('-o out.docx with a filter matching several records writes them as one merged document', async () => {
    const file = copy();
    await ok('doc', file, '--template', 'Invoice', '--where', 'city=Lyon', '-o', at('lyon.docx'));
    const body = paragraphs(readFileSync(at('lyon.docx'))).join('\n');
    expect(body).toContain('Acme & Sons');
    expect(body).toContain('Bolt');
  });

  it('refuses --zip with --merged, and --pdf with --zip', async () => {
    const file = copy();
    expect(await carnet('doc', file, '--template', 'Invoice', '--where', 'city=Lyon', '--zip', at('z.zip'), '--merged')).toEqual({ code: 2, stdout: '', stderr: 'carnet: --zip makes one document per record; --merged makes one document of them all: give one of them. [E_BAD_INPUT]\n' });
    expect(await carnet('doc', file, '--template', 'Invoice', '--where', 'city=Lyon', '--zip', at('z.zip'), '--pdf')).toEqual({ code: 2, stdout: '', stderr: 'carnet: --pdf converts one .docx; it does not apply to a --zip of documents. [E_BAD_INPUT]\n' });
  });

  it('names a company’s notes list by its label: a field key ("notes") never hides it', async () => {
    const out = await ok('template', 'tags', copy(), 'companies');
    expect(out).toMatch(/^\{#Notes\}…\{\/Notes\} +Notes \(0\)$/m);
  });
});
