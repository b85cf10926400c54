/**
 * Interop: the .docx files Carnet makes itself — the built-in templates in every language, the same
 * filled by docxtemplater, and the docx writer's own text — open in LibreOffice and in
 * docxtemplater. Each goes to PDF (`soffice --headless --convert-to pdf`, one run for all) and the
 * text its pages draw (test/helpers/pdf-text.ts) is compared, spaces and line breaks aside, with
 * the text of every paragraph of the document: a part LibreOffice could not read would draw
 * nothing, or a recovery dialog's empty page.
 */

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Docxtemplater from 'docxtemplater';
import { strFromU8, unzipSync } from 'fflate';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../../core/schema/types.js';
import { builtinTemplates } from '../../core/templates/builtins.js';
import { buildDocx, heading, paragraph } from '../../core/templates/docx-writer.js';
import { sampleDocx } from '../../core/templates/sample.js';
import { tempDir } from '../helpers/cli.js';
import { pdfText } from '../helpers/pdf-text.js';
import { requireProgram } from '../helpers/programs.js';

const HAS_SOFFICE = requireProgram('soffice', 'opening Carnet’s .docx files in LibreOffice (PDF)');
const LANGS: Lang[] = ['en', 'fr', 'ru'];
const tmp = tempDir();

/** Every file converted, by its name without `.docx`: the text its PDF draws. */
const drawn = new Map<string, string>();
const files = new Map<string, Uint8Array>();

const squeeze = (s: string) => s.replace(/\s+/g, '');

/** The text of each non-empty paragraph of a .docx, in body order, with whether it is a heading. */
function paragraphs(bytes: Uint8Array): { text: string; heading: boolean }[] {
  const xml = strFromU8(unzipSync(bytes)['word/document.xml']!);
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)]
    .map((m) => ({ text: [...m[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => unescape(t[1]!)).join(''), heading: /<w:pStyle w:val="Heading\d"\/>/.test(m[1]!) }))
    .filter((p) => p.text.trim() !== '');
}

function templater(bytes: Uint8Array, paragraphLoop = true): Docxtemplater {
  return new Docxtemplater(new PizZip(bytes), { paragraphLoop, linebreaks: true, parser: (tag) => ({ get: (scope: Record<string, unknown>) => scope[tag] }) });
}

/** A company of the default English CRM, as data keyed by the invoice's tags. */
const ACME = {
  Number: 'INV-0042',
  'Today|long': 'December 1, 2026',
  Name: 'Acme & <Sons> “Ltd”',
  Address: '12 Rue de la Paix',
  City: 'Lyon',
  'Tax ID': 'FR 123 456',
  Contacts: [{ 'Full name': 'Anna Petrova', 'Job title': 'CEO' }],
  Sales: [
    { Date: '11/02/2026', Product: 'Chair', Quantity: '2', 'Unit price': '$50.00', Amount: '$100.00' },
    { Date: '11/15/2026', Product: 'Стол письменный', Quantity: '1', 'Unit price': '$200.00', Amount: '$200.00' },
  ],
  Total: '$300.00',
  'Total|words': 'three hundred dollars',
};

describe.runIf(HAS_SOFFICE)('Carnet’s .docx files in LibreOffice and docxtemplater', () => {
  beforeAll(() => {
    for (const lang of LANGS) builtinTemplates(lang).forEach((t, i) => files.set(`builtin-${lang}-${i}`, t.bytes));
    const filled = templater(builtinTemplates('en')[0]!.bytes);
    filled.render(ACME);
    files.set('filled-invoice', filled.getZip().generate({ type: 'uint8array' }));
    files.set('writer-text', buildDocx([heading('Text as written', 1), paragraph('a <b> & "quotes" \'x\' Привет 漢字\ttab\nnext line')], { lang: 'ru' }));
    files.set('sample', sampleDocx([{ tag: '{Company.City}', label: 'City of the company', example: 'Lyon' }], 'Tags for Sales', 'en'));
    for (const [name, bytes] of files) writeFileSync(join(tmp.dir, `${name}.docx`), bytes);
    const out = join(tmp.dir, 'pdf');
    // One LibreOffice run for every file; a private profile, so that parallel runs do not share one.
    execFileSync('soffice', [`-env:UserInstallation=file://${join(tmp.dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', out, ...[...files.keys()].map((n) => join(tmp.dir, `${n}.docx`))], { stdio: 'pipe', timeout: 180_000 });
    for (const name of files.keys()) drawn.set(name, pdfText(readFileSync(join(out, `${name}.pdf`))));
  }, 240_000);
  afterAll(() => tmp.cleanup());

  describe.each(LANGS)('the built-ins in %s', (lang) => {
    it.each([0, 1, 2])('template %i opens in LibreOffice with its headings and every paragraph drawn', (i) => {
      const name = `builtin-${lang}-${i}`;
      const text = squeeze(drawn.get(name)!);
      const all = paragraphs(files.get(name)!);
      expect(all.filter((p) => p.heading).length).toBeGreaterThan(0);
      for (const p of all) expect(text, p.text).toContain(squeeze(p.text));
    });

    it.each([0, 1, 2])('template %i compiles in docxtemplater, with or without paragraph loops', (i) => {
      const bytes = files.get(`builtin-${lang}-${i}`)!;
      expect(() => templater(bytes, true)).not.toThrow();
      expect(() => templater(bytes, false)).not.toThrow();
    });
  });

  it('draws an invoice filled by docxtemplater: the company, every sales line and the total', () => {
    const text = squeeze(drawn.get('filled-invoice')!);
    for (const part of ['Invoice INV-0042', 'Acme & <Sons> “Ltd”', 'Contact: Anna Petrova, CEO', '11/02/2026Chair2$50.00$100.00', '11/15/2026Стол письменный1$200.00$200.00', 'Total$300.00', 'Amount in words: three hundred dollars']) {
      expect(text).toContain(squeeze(part));
    }
    expect(text).not.toContain('{');
  });

  it('draws text as written: escaped characters, quotes, Cyrillic and CJK, a tab and a line break', () => {
    const lines = drawn.get('writer-text')!.split('\n');
    expect(lines).toContain('Text as written');
    expect(squeeze(drawn.get('writer-text')!)).toContain(squeeze('a <b> & "quotes" \'x\' Привет 漢字 tab next line'));
    expect(lines.some((l) => l.trim() === 'next line')).toBe(true);
  });

  it('draws the sample with its tags as they are written', () => {
    expect(squeeze(drawn.get('sample')!)).toContain(squeeze('Tags for Sales'));
    expect(squeeze(drawn.get('sample')!)).toContain('{Company.City}CityofthecompanyLyon');
  });
});
