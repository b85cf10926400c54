import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { defaultCrmSchema } from '../../../core/schema/default-crm.js';
import type { DirectoryDef, Lang } from '../../../core/schema/types.js';
import { builtinTemplates } from '../../../core/templates/builtins.js';
import { COMPUTED_NAMES } from '../../../core/templates/computed-names.js';
import { parseTag } from '../../../core/templates/tag-parse.js';
import { FORMATTERS } from '../../../core/templates/types.js';

const LANGS: Lang[] = ['en', 'fr', 'ru'];

/** docxtemplater as Carnet fills with it, reading each tag as a key of the data (innermost loop first). */
function templater(bytes: Uint8Array): Docxtemplater {
  return new Docxtemplater(new PizZip(bytes), { paragraphLoop: true, linebreaks: true, parser: (tag) => ({ get: (scope: Record<string, unknown>) => scope[tag] }) });
}

/**
 * What each tag of a text means in the default CRM of that language, read as data.ts offers names
 * to a company's template: fields by label (the innermost loop's first), the computed values, and
 * loops over lists — the records that refer to the one in scope, or at the root a directory's whole list.
 */
function meanings(lang: Lang, text: string): string[] {
  const schema = defaultCrmSchema(lang);
  const companies = schema.directories.find((d) => d.key === 'companies')!;
  const computed = Object.values(COMPUTED_NAMES).map((n) => n[lang]);
  const stack: DirectoryDef[] = [companies];
  const out: string[] = [];
  for (const [, raw] of text.matchAll(/\{([^{}]*)\}/g)) {
    const name = raw!.replace(/^[#/]/, '');
    if (raw!.startsWith('#')) {
      const list = schema.directories.find((d) => d.labels[lang] === name);
      const scope = stack[stack.length - 1]!;
      // A condition on a field of the record in scope ({#Job title}, {Job title}{/Job title}).
      if (!list && scope.fields.some((f) => f.labels[lang] === name)) {
        out.push(`if ${scope.key}`);
        stack.push({ ...scope, labels: { ...scope.labels, [lang]: name } });
        continue;
      }
      const refers = list?.fields.some((f) => f.type === 'reference' && f.ref === scope.key);
      out.push(!list ? `unknown list ${raw}` : refers ? `${list.key} of ${scope.key}` : stack.length === 1 ? `all ${list.key}` : `not a list ${raw}`);
      if (list) stack.push(list);
    } else if (raw!.startsWith('/')) {
      const closed = stack.pop();
      if (closed?.labels[lang] !== name) out.push(`bad close ${raw}`);
    } else {
      const [field, formatter] = name.split('|');
      const found = computed.includes(field!) ? 'computed' : [...stack].reverse().find((d) => d.fields.some((f) => f.labels[lang] === field || f.key === field))?.key;
      out.push(`${found ?? 'unknown'}${formatter ? `|${formatter}` : ''}`);
      if (formatter && !(FORMATTERS as readonly string[]).includes(formatter)) out.push(`bad formatter ${raw}`);
    }
  }
  if (stack.length !== 1) out.push('unclosed loop');
  return out;
}

/** Data for a company's template, each value naming its field and record ("City 0", "Product 2"). */
function fakeData(lang: Lang): Record<string, unknown> {
  const schema = defaultCrmSchema(lang);
  const dir = (key: string) => schema.directories.find((d) => d.key === key)!;
  const record = (key: string, i: number) => Object.fromEntries(dir(key).fields.map((f) => [f.labels[lang], `${f.labels[lang]} ${i}`]));
  const list = (key: string, n: number) => ({ [dir(key).labels[lang]]: Array.from({ length: n }, (_, i) => record(key, i + 1)) });
  const { today, number, total } = COMPUTED_NAMES;
  return {
    ...record('companies', 0),
    ...list('contacts', 2),
    ...list('sales', 3),
    ...list('products', 4),
    [`${today[lang]}|long`]: 'TODAY',
    [number[lang]]: 'NUMBER',
    [total[lang]]: 'TOTAL',
    [`${total[lang]}|words`]: 'WORDS',
  };
}

describe('builtinTemplates', () => {
  it('names the three in the workbook language, on companies, with a file-name pattern each', () => {
    const listed = (lang: Lang) => builtinTemplates(lang).map(({ bytes: _bytes, ...t }) => t);
    expect(listed('en')).toEqual([
      { name: 'Invoice', directory: 'companies', fileName: 'Invoice {Number} {Name}.docx' },
      { name: 'Price list', directory: 'companies', fileName: 'Price list {Name}.docx' },
      { name: 'Contract', directory: 'companies', fileName: 'Contract {Number} {Name}.docx' },
    ]);
    expect(listed('fr')).toEqual([
      { name: 'Facture', directory: 'companies', fileName: 'Facture {Numéro} {Nom}.docx' },
      { name: 'Tarifs', directory: 'companies', fileName: 'Tarifs {Nom}.docx' },
      { name: 'Contrat', directory: 'companies', fileName: 'Contrat {Numéro} {Nom}.docx' },
    ]);
    expect(listed('ru')).toEqual([
      { name: 'Счёт', directory: 'companies', fileName: 'Счёт {Номер} {Название}.docx' },
      { name: 'Прайс-лист', directory: 'companies', fileName: 'Прайс-лист {Название}.docx' },
      { name: 'Договор', directory: 'companies', fileName: 'Договор {Номер} {Название}.docx' },
    ]);
  });

  it('writes the invoice with the company, its contacts, its sales as a table-row loop, the total and the total in words', () => {
    const [inv] = builtinTemplates('en');
    expect(templater(inv!.bytes).getFullText()).toBe(
      'Seller: [Your company] · [address] · [phone] · [tax ID]' +
        'Invoice {Number}Date: {Today|long}Bill to{Name}{Address}{City}Tax ID: {Tax ID}' +
        '{#Contacts}Contact: {Full name}{#Job title}, {Job title}{/Job title}{/Contacts}' +
        'DateProductQuantityUnit priceAmount{#Sales}{Date}{Product}{Quantity}{Unit price}{Amount}{/Sales}Total{Total}' +
        'Amount in words: {Total|words}',
    );
  });

  it('writes the price list over every product, and the contract with parties, contacts, amount in words and dates', () => {
    const [, prices, contract] = builtinTemplates('en');
    expect(templater(prices!.bytes).getFullText()).toBe(
      'Seller: [Your company] · [address] · [phone] · [tax ID]Price listFor {Name}Prices as of {Today|long}CodeNameUnit price{#Products}{Code}{Name}{Unit price}{/Products}',
    );
    const text = templater(contract!.bytes).getFullText();
    for (const part of ['Contract No. {Number}', '{#Contacts}{Full name}{#Job title}, {Job title}{/Job title}{/Contacts}', 'The amount of this contract is {Total} ({Total|words}).', 'takes effect on {Today|long}', 'Tax ID{Tax ID}', 'For the Client']) {
      expect(text).toContain(part);
    }
  });

  describe.each(LANGS)('in %s', (lang) => {
    const templates = builtinTemplates(lang);

    it('uses only names of the default CRM in that language, computed values and closed formatters', () => {
      const [inv, prices, contract] = templates.map((t) => meanings(lang, templater(t.bytes).getFullText()));
      expect(inv).toEqual([
        'computed', 'computed|long',
        'companies', 'companies', 'companies', 'companies',
        'contacts of companies', 'contacts', 'if contacts', 'contacts',
        'sales of companies', 'sales', 'sales', 'sales', 'sales', 'sales',
        'computed', 'computed|words',
      ]);
      expect(prices).toEqual(['companies', 'computed|long', 'all products', 'products', 'products', 'products']);
      expect(contract!.filter((m) => !['companies', 'computed', 'computed|long', 'computed|words', 'contacts', 'if contacts'].includes(m))).toEqual(['contacts of companies']);
      for (const t of templates) expect(meanings(lang, t.fileName).every((m) => m === 'companies' || m === 'computed')).toBe(true);
    });

    it("writes every tag, and every name of a file-name pattern, as Carnet's closed grammar reads it", () => {
      for (const t of templates) {
        const tags = [...`${templater(t.bytes).getFullText()} ${t.fileName}`.matchAll(/\{[#/^]?([^{}]*)\}/g)].map((m) => m[1]!);
        expect(tags.length).toBeGreaterThan(5);
        for (const tag of tags) expect(parseTag(tag), tag).not.toHaveProperty('error');
      }
    });

    it('fills in docxtemplater: a row per sale and per product, a paragraph per contact', () => {
      const data = fakeData(lang);
      const texts = templates.map((t) => {
        const doc = templater(t.bytes);
        doc.render(data);
        return { text: doc.getFullText(), rows: doc.getZip().file('word/document.xml')!.asText().split('<w:tr>').length - 1 };
      });
      const [inv, prices, contract] = texts;
      const sales = defaultCrmSchema(lang).directories.find((d) => d.key === 'sales')!;
      const product = sales.fields.find((f) => f.key === 'product')!.labels[lang];
      expect([...inv!.text.matchAll(new RegExp(`${product} \\d`, 'g'))].map((m) => m[0])).toEqual([1, 2, 3].map((i) => `${product} ${i}`));
      // Header, three sales, the total.
      expect(inv!.rows).toBe(5);
      expect(inv!.text).toContain('NUMBER');
      expect(inv!.text).toContain('WORDS');
      expect(inv!.text).not.toContain('{');
      expect(prices!.rows).toBe(5);
      expect(contract!.text).toContain('TOTAL (WORDS)');
      const fullName = defaultCrmSchema(lang).directories.find((d) => d.key === 'contacts')!.fields[0]!.labels[lang];
      expect(contract!.text.split(`${fullName} `).length - 1).toBe(2);
    });
  });
});
