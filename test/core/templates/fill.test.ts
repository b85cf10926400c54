import { describe, expect, it } from 'vitest';
import { fillMany, fillTemplate } from '../../../core/templates/fill.js';
import { docx, fixture, p, paragraphs, partOf, table } from '../../helpers/docx-fixtures.js';
import { thrownData } from '../../helpers/error-data.js';
import { acme, EN, field, NO_RECORD, scope } from '../../helpers/template-scopes.js';

const filled = (body: string, root = acme(), headers?: string[]) => fillTemplate(docx(body, { headers }), root, EN);
const text = (body: string, root = acme()) => paragraphs(filled(body, root).bytes);

describe('fillTemplate', () => {
  describe('fields', () => {
    it('writes a record’s fields, formatted by their type, and the fields of the records it references', () => {
      expect(text(p('{Name}, {City}: {Total}') + p('Contact: {Contact.Name}') + p('{Date|long}'))).toEqual(['Acme & Sons <Ltd>, Paris: €1,234.50', 'Contact: Zoé "Zo" O’Brien', '9 December 2025']);
    });

    it('matches names as the author writes them: any case, any spaces', () => {
      expect(text(p('{name} {CITY} {con tact . name}'))).toEqual(['Acme & Sons <Ltd> Paris Zoé "Zo" O’Brien']);
    });

    it('writes a reference alone as the text its cell holds', () => {
      const root = scope({ Company: { Name: 'Acme', City: 'Paris' } });
      expect(text(p('{Company}, {Company|upper}'), root)).toEqual(['Acme, ACME']);
    });

    it('writes <, &, quotes, non-Latin scripts exactly, newlines as line breaks and tabs as tabs', () => {
      const root = scope({ Note: 'a < b & "c" \'d\'\nЖёлтый 東京\tend' });
      const out = filled(p('{Note}'), root).bytes;
      expect(paragraphs(out)).toEqual(['a < b & "c" \'d\'\nЖёлтый 東京\tend']);
      expect(partOf(out, 'word/document.xml')).toContain('<w:t xml:space="preserve">Ж');
      expect(partOf(out, 'word/document.xml')).toContain('東京</w:t><w:tab/><w:t xml:space="preserve">end');
    });

    it('fills headers from the same record', () => {
      expect(paragraphs(filled(p('{Name}'), acme(), [p('Invoice — {City}')]).bytes, 'word/header1.xml')).toEqual(['Invoice — Paris']);
    });
  });

  describe('lists and conditions', () => {
    it('repeats a table row per related record, each row reading its record first and the company still', () => {
      const out = text(table([['Product', 'Qty', 'Price'], ['{#Sales}{Product}', '{Quantity}', '{Price} ({Name}){/Sales}']]) + p('Total: {Total}'));
      expect(out).toEqual(['Product', 'Qty', 'Price', 'Widget', '2', '€10.00 (Acme & Sons <Ltd>)', 'Гаджет', '1', '€1,214.50 (Acme & Sons <Ltd>)', 'Total: €1,234.50']);
    });

    it('repeats paragraphs, dropping the paragraphs that hold only the loop’s tags', () => {
      expect(text(p('Lines:') + p('{#Sales}') + p('- {Product} × {Quantity}') + p('{/Sales}') + p('End'))).toEqual(['Lines:', '- Widget × 2', '- Гаджет × 1', 'End']);
    });

    it('shows a section by the value’s truth: booleans by value, text when filled, lists when not empty', () => {
      const root = scope({ Overdue: field('boolean', true), Paid: field('boolean', false), Email: '', Phone: '+33 1', Count: 0, Sales: [], Contact: NO_RECORD });
      const body = p('{#Overdue}late{/Overdue}{#Paid}paid{/Paid}|{^Email}no e-mail{/Email}{#Email}mail{/Email}|{#Phone}phone{/Phone}|{#Count}n{/Count}{^Count}zero{/Count}|{^Sales}no sales{/Sales}|{^Contact}nobody{/Contact}');
      expect(text(body, root)).toEqual(['late|no e-mail|phone|zero|no sales|nobody']);
    });

    it('nests loops, each tag reading the innermost record that has its name', () => {
      const root = scope({ Name: 'Acme', Orders: [{ Number: 'A1', Lines: [{ Product: 'Widget' }, { Product: 'Bolt' }] }, { Number: 'A2', Lines: [] }] });
      expect(text(p('{#Orders}') + p('{Number}: {#Lines}{Product} ({Number}, {Name}) {/Lines}{^Lines}none{/Lines}') + p('{/Orders}'), root)).toEqual(['A1: Widget (A1, Acme) Bolt (A1, Acme) ', 'A2: none']);
    });

    it('enters a referenced record as a section', () => {
      expect(text(p('{#Contact}{Name}{/Contact}'))).toEqual(['Zoé "Zo" O’Brien']);
    });
  });

  describe('missing values', () => {
    it('writes nothing for an empty value and lists it, once per tag, with its place', () => {
      const root = scope({ Name: 'Acme', Email: null, Contact: NO_RECORD, Sales: [{ Product: '' }, { Product: null }] });
      const out = filled(p('Hi {Name}, {Email}') + table([['{#Sales}{Product}{/Sales}']]) + p('{Contact.Name}'), root);
      expect(paragraphs(out.bytes)).toEqual(['Hi Acme, ', '', '']);
      expect(out.missing).toEqual([
        { tag: '{Email}', place: { where: 'paragraph 1', around: 'Hi {Name}, {Email}' }, kind: 'missing-value', message: 'no value: the cell is empty' },
        { tag: '{Product}', place: { where: 'table 1, row 1, column 1', around: '{#Sales}{Product}{/Sales}' }, kind: 'missing-value', message: 'no value: the cell is empty' },
        { tag: '{Contact.Name}', place: { where: 'paragraph 2', around: '{Contact.Name}' }, kind: 'missing-value', message: 'no value: "Contact" is empty' },
      ]);
    });

    it('does not count false or 0 as missing', () => {
      const out = filled(p('{Paid} {Count}'), scope({ Paid: field('boolean', false), Count: 0 }));
      expect([paragraphs(out.bytes), out.missing]).toEqual([['No 0'], []]);
    });
  });

  describe('templates saved by word processors, with tags split across formatting runs', () => {
    const root = () =>
      scope({
        Name: 'Acme',
        "Client's name": 'Zoé',
        Company: { Name: 'Acme', City: 'Lyon' },
        Email: '',
        Total: field('computed-money', 25, 'EUR'),
        Sales: [
          { Product: 'Widget', Quantity: field('integer', 2), Price: field('money', 10, 'EUR') },
          { Product: 'Гаджет', Quantity: field('integer', 1), Price: field('money', 5, 'EUR') },
        ],
      });

    it('fills the one LibreOffice saved ({Com normal, pany.City} bold; {Prod italic, uct})', () => {
      const out = fillTemplate(fixture('libreoffice.docx'), root(), EN);
      expect(partOf(fixture('libreoffice.docx'), 'word/document.xml')).toContain('<w:t>City: {Com</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>pany.City}</w:t>');
      expect([paragraphs(out.bytes), out.missing]).toEqual([['Invoice for Acme', 'City: Lyon', 'Product', 'Qty', 'Price', 'Widget', '2', '€10.00', 'Гаджет', '1', '€5.00', 'No e-mail on file', 'Total: €25.00'], []]);
    });

    it('fills the one shaped like Word’s (rsid runs, proofing marks and a bookmark inside tags, a smart apostrophe and a no-break space)', () => {
      const out = fillTemplate(fixture('word-shaped.docx'), root(), EN);
      expect(paragraphs(out.bytes)).toEqual(['Invoice for Acme', 'Attention: Zoé', 'City: Lyon', 'Product', 'Qty', 'Price', 'Widget', '2', '€10.00', 'Гаджет', '1', '€5.00', 'No e-mail on file', 'Total: €25.00']);
    });

    it('leaves the template’s bytes as they were', () => {
      const template = fixture('word-shaped.docx');
      const copy = template.slice();
      fillTemplate(template, root(), EN);
      expect(template).toEqual(copy);
    });
  });

  describe('a template with problems', () => {
    it('is refused with E_TEMPLATE, each problem with its tag and place', () => {
      expect(thrownData(() => filled(p('Client: {Ctiy}') + p('{#Sales}{Product}')))).toEqual({
        code: 'E_TEMPLATE',
        message: 'The template cannot be filled: {Ctiy} in paragraph 1 ("Client: {Ctiy}"): unknown field "Ctiy" — did you mean {City}? (and 1 more problem)',
        problems: [
          { code: 'E_TEMPLATE', message: '{Ctiy} in paragraph 1 ("Client: {Ctiy}"): unknown field "Ctiy" — did you mean {City}?', value: '{Ctiy}' },
          { code: 'E_TEMPLATE', message: '{#Sales} in paragraph 2 ("{#Sales}{Product}"): never closed: add {/Sales} where it ends', value: '{#Sales}' },
        ],
      });
    });
  });
});

describe('fillMany, merged', () => {
  const roots = () => [scope({ Name: 'Acme', Note: 'a\tb' }), scope({ Name: 'Борей <&>', Note: null }), scope({ Name: 'Cobalt', Note: 'c' })];

  it('repeats the body once per record, with a page break between records and none after the last', () => {
    const out = fillMany(docx(p('Dear {Name},') + table([['{Note}']]) + p('Bye')), roots(), EN, 'merged');
    expect(paragraphs(out.bytes)).toEqual(['Dear Acme,', 'a\tb', 'Bye', '\f', 'Dear Борей <&>,', '', 'Bye', '\f', 'Dear Cobalt,', 'c', 'Bye']);
    expect(out.missing).toEqual([{ tag: '{Note}', place: { where: 'table 1, row 1, column 1', around: '{Note}' }, kind: 'missing-value', message: 'no value: the cell is empty' }]);
  });

  it('fills headers from the first record', () => {
    expect(paragraphs(fillMany(docx(p('{Name}'), { headers: [p('From {Name}')] }), roots(), EN, 'merged').bytes, 'word/header1.xml')).toEqual(['From Acme']);
  });

  it('keeps the section properties once, at the end of the body', () => {
    const xml = partOf(fillMany(docx(p('{Name}')), roots(), EN, 'merged').bytes, 'word/document.xml');
    expect(xml.match(/<w:sectPr/g)).toHaveLength(1);
    expect(xml).toMatch(/<w:sectPr>.*<\/w:sectPr><\/w:body>/);
  });

  it('places a problem in the template as written, not in Carnet’s wrapping', () => {
    expect(thrownData(() => fillMany(docx(p('Hi') + p('{Nmae}')), roots(), EN, 'merged')).problems).toEqual([
      { code: 'E_TEMPLATE', message: '{Nmae} in paragraph 2 ("{Nmae}"): unknown field "Nmae" — did you mean {Name}?', value: '{Nmae}' },
    ]);
  });

  it('needs a record', () => {
    expect(thrownData(() => fillMany(docx(p('{Name}')), [], EN, 'merged'))).toEqual({ code: 'E_BAD_INPUT', message: 'A merged document needs at least one record.' });
  });
});
