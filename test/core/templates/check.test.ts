import { describe, expect, it } from 'vitest';
import { annotateTemplate } from '../../../core/templates/annotate.js';
import { checkTemplate, problemLine } from '../../../core/templates/check.js';
import type { TemplateProblem } from '../../../core/templates/types.js';
import { docx, fixture, p, table } from '../../helpers/docx-fixtures.js';
import { companySchema, scope } from '../../helpers/template-scopes.js';

const check = (body: string, headers?: string[]) => checkTemplate(docx(body, { headers }), companySchema());
const problem = (tag: string, where: string, around: string, kind: TemplateProblem['kind'], message: string): TemplateProblem => ({ tag, place: { where, around }, kind, message });

describe('checkTemplate', () => {
  it('finds nothing wrong in a template whose tags all exist', () => {
    const body = p('{Name}, {City} {Date|long} {Total|words}') + table([['{#Sales}{Product}', '{Quantity} {Company.City} {Name}', '{Price}{/Sales}']]) + p('{#Overdue}Late!{/Overdue}{^Email}no e-mail{/Email}') + p('{#Contacts}') + p('{Name} {Email}') + p('{/Contacts}') + p('{#Contact}{Phone}{/Contact} {Contact}');
    expect(check(body)).toEqual([]);
  });

  it('finds nothing wrong in the word processors’ fixtures', () => {
    const schema = scope({ Name: null, "Client's name": null, Company: { City: null }, Email: null, Total: null, Sales: [{ Product: null, Quantity: null, Price: null }] });
    expect([checkTemplate(fixture('libreoffice.docx'), schema), checkTemplate(fixture('word-shaped.docx'), schema)]).toEqual([[], []]);
  });

  describe('the template’s structure, as docxtemplater compiles it', () => {
    it('an unclosed loop, at its opening tag', () => {
      expect(check(p('Lines:') + p('{#Sales}') + p('{Product}'))).toEqual([problem('{#Sales}', 'paragraph 2', '{#Sales}', 'unclosed-loop', 'never closed: add {/Sales} where it ends')]);
    });

    it('an unopened loop, at its closing tag', () => {
      expect(check(p('{Name}{/Sales}'))).toEqual([problem('{/Sales}', 'paragraph 1', '{Name}{/Sales}', 'unopened-loop', 'closes nothing: add {#Sales} where it starts, or delete it')]);
    });

    it('a loop closed by another name', () => {
      expect(check(table([['{#Sales}{Product}', '{/Sale}']]))).toEqual([problem('{#Sales}', 'table 1, row 1, column 1', '{#Sales}{Product}', 'unclosed-loop', 'closed by {/Sale}, which does not match: end it with {/Sales}')]);
    });

    it('an unclosed and an unopened brace, and doubled braces', () => {
      expect(check(p('{City} and Town}') + p('{{City}} {Name}}') + p('Dear {Name'))).toEqual([
        problem('and Town}', 'paragraph 1', '{City} and Town}', 'syntax', 'has no opening "{"'),
        problem('{{City}}', 'paragraph 2', '{{City}} {Name}}', 'syntax', 'has doubled braces: a tag is a name between single braces, like {City}'),
        problem('Name}}', 'paragraph 2', '{{City}} {Name}}', 'syntax', 'has doubled braces: a tag is a name between single braces, like {City}'),
        problem('{Name', 'paragraph 3', 'Dear {Name', 'syntax', 'has no closing "}"'),
      ]);
    });

    it('a tag that runs on into the next paragraph, read as docxtemplater reads it', () => {
      expect(check(p('Dear {Name,') + p('see City}'))).toEqual([problem('{Name,see City}', 'paragraph 1', 'Dear {Name,', 'syntax', 'not a field name: "," cannot be part of a name')]);
    });

    it('still checks the names of a template that does not compile', () => {
      expect(check(p('{Ctiy}') + p('{#Sales}{Prodct}') + p('{#Contacts}{Emial}{/Contacts}'))).toEqual([
        problem('{Ctiy}', 'paragraph 1', '{Ctiy}', 'unknown-name', 'unknown field "Ctiy" — did you mean {City}?'),
        problem('{#Sales}', 'paragraph 2', '{#Sales}{Prodct}', 'unclosed-loop', 'never closed: add {/Sales} where it ends'),
        problem('{Prodct}', 'paragraph 2', '{#Sales}{Prodct}', 'unknown-name', 'unknown field "Prodct" — did you mean {Product}?'),
        problem('{Emial}', 'paragraph 3', '{#Contacts}{Emial}{/Contacts}', 'unknown-name', 'unknown field "Emial" — did you mean {Email}?'),
      ]);
    });
  });

  describe('names, against the directory', () => {
    it('an unknown field, with the nearest name (a swap of two letters is one edit)', () => {
      expect(check(p('Client: {Ctiy}, 12 rue de la Paix, 75002 Paris, France, to the attention of {Contact.Name}'))).toEqual([
        problem('{Ctiy}', 'paragraph 1', 'Client: {Ctiy}, 12 rue de la Paix, 75002 Paris, France, to …', 'unknown-name', 'unknown field "Ctiy" — did you mean {City}?'),
      ]);
    });

    it('an unknown field of a referenced record, and a field taken for a reference', () => {
      expect(check(p('{Contact.Phnoe} {Contact.Mobile} {City.Name}'))).toEqual([
        problem('{Contact.Phnoe}', 'paragraph 1', '{Contact.Phnoe} {Contact.Mobile} {City.Name}', 'unknown-name', '"Contact" has no field "Phnoe" — did you mean {Contact.Phone}?'),
        problem('{Contact.Mobile}', 'paragraph 1', '{Contact.Phnoe} {Contact.Mobile} {City.Name}', 'unknown-name', '"Contact" has no field "Mobile"'),
        problem('{City.Name}', 'paragraph 1', '{Contact.Phnoe} {Contact.Mobile} {City.Name}', 'unknown-name', '"City" is a field, not a reference: nothing can follow it after "."'),
      ]);
    });

    it('inside a loop, the item’s names first, then the record’s', () => {
      expect(check(table([['{#Sales}{Prodct}', '{Nmae} {Company.Ctiy}{/Sales}']]))).toEqual([
        problem('{Prodct}', 'table 1, row 1, column 1', '{#Sales}{Prodct}', 'unknown-name', 'unknown field "Prodct" — did you mean {Product}?'),
        problem('{Nmae}', 'table 1, row 1, column 2', '{Nmae} {Company.Ctiy}{/Sales}', 'unknown-name', 'unknown field "Nmae" — did you mean {Name}?'),
        problem('{Company.Ctiy}', 'table 1, row 1, column 2', '{Nmae} {Company.Ctiy}{/Sales}', 'unknown-name', '"Company" has no field "Ctiy" — did you mean {Company.City}?'),
      ]);
    });

    it('a field of a list’s items written outside the loop', () => {
      expect(check(p('{Quantity}'))).toEqual([problem('{Quantity}', 'paragraph 1', '{Quantity}', 'unknown-name', 'unknown field "Quantity" here: it is a field of each of Sales, so write it between {#Sales} and {/Sales}')]);
    });

    it('an unknown loop, with the nearest name, once (its inner tags are not judged against the wrong scope)', () => {
      expect(check(p('{#Sale}{Product}{/Sale} {^Contcts}none{/Contcts}'))).toEqual([
        problem('{#Sale}', 'paragraph 1', '{#Sale}{Product}{/Sale} {^Contcts}none{/Contcts}', 'unknown-name', 'unknown name "Sale" — did you mean {#Sales}?'),
        problem('{^Contcts}', 'paragraph 1', '{#Sale}{Product}{/Sale} {^Contcts}none{/Contcts}', 'unknown-name', 'unknown name "Contcts" — did you mean {^Contacts}?'),
      ]);
    });

    it('a table row repeated over something that is not a list', () => {
      expect(check(table([['{#Total}{Name}', '{/Total}'], ['{#Contact}{Name}', '{/Contact}']]))).toEqual([
        problem('{#Total}', 'table 1, row 1, column 1', '{#Total}{Name}', 'not-a-list', '"Total" is a field, not a list, so this table row cannot repeat — lists here: {#Sales}, {#Contacts}'),
        problem('{#Contact}', 'table 1, row 2, column 1', '{#Contact}{Name}', 'not-a-list', '"Contact" is one record, not a list, so this table row cannot repeat — lists here: {#Sales}, {#Contacts}'),
      ]);
    });

    it('takes names under a list with no item to read them from on trust', () => {
      const schema = scope({ Name: null, Contacts: [] });
      expect(checkTemplate(docx(table([['{#Contacts}{Anything}', '{Name}{/Contacts}']]) + p('{Nmae}')), schema)).toEqual([problem('{Nmae}', 'paragraph 1', '{Nmae}', 'unknown-name', 'unknown field "Nmae" — did you mean {Name}?')]);
    });

    it('a list printed as a value', () => {
      expect(check(p('{Sales} {Sales.Product}'))).toEqual([
        problem('{Sales}', 'paragraph 1', '{Sales} {Sales.Product}', 'syntax', '"Sales" is a list: repeat it with {#Sales}…{/Sales} and name its fields inside'),
        problem('{Sales.Product}', 'paragraph 1', '{Sales} {Sales.Product}', 'syntax', '"Sales" is a list: repeat it with {#Sales}…{/Sales} and name its fields inside'),
      ]);
    });
  });

  describe('formatters', () => {
    it('an unknown one, one that does not apply to the field, one on a section', () => {
      expect(check(p('{Date|lnog} {Name|words} {#Overdue|upper}x{/Overdue}'))).toEqual([
        problem('{Date|lnog}', 'paragraph 1', '{Date|lnog} {Name|words} {#Overdue|upper}x{/Overdue}', 'bad-formatter', 'unknown formatter "lnog" — did you mean |long? (formatters: long, short, words, number, upper, lower, year, month)'),
        problem('{Name|words}', 'paragraph 1', '{Date|lnog} {Name|words} {#Overdue|upper}x{/Overdue}', 'bad-formatter', '|words does not apply to "Name": it applies to numbers and money'),
        problem('{#Overdue|upper}', 'paragraph 1', '{Date|lnog} {Name|words} {#Overdue|upper}x{/Overdue}', 'syntax', 'a |formatter has no effect on a section: write {#Overdue}'),
      ]);
    });
  });

  describe('places', () => {
    it('finds a tag split across runs, proofing marks and bookmarks, and names it whole', () => {
      const split = '<w:p><w:r><w:t>Hello {Na</w:t></w:r><w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="x"/><w:r><w:rPr><w:b/></w:rPr><w:t>nme}</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>';
      expect(check(p('First') + split)).toEqual([problem('{Nanme}', 'paragraph 2', 'Hello {Nanme}', 'unknown-name', 'unknown field "Nanme" — did you mean {Name}?')]);
    });

    it('counts paragraphs outside tables, tables, rows and columns as Word shows them', () => {
      const body = p('one') + table([['a', 'b'], ['c', '{X}']]) + p('two') + `<w:p/>` + table([['{Y}']]) + p('{Z} & <co>');
      expect(check(body).map((x) => [x.tag, x.place])).toEqual([
        ['{X}', { where: 'table 1, row 2, column 2', around: '{X}' }],
        ['{Y}', { where: 'table 2, row 1, column 1', around: '{Y}' }],
        ['{Z}', { where: 'paragraph 4', around: '{Z} & <co>' }],
      ]);
    });

    it('names the header a tag is in', () => {
      expect(check(p('{Name}'), [p('Invoice {Nmuber}')])).toEqual([problem('{Nmuber}', 'header 1, paragraph 1', 'Invoice {Nmuber}', 'unknown-name', 'unknown field "Nmuber"')]);
    });
  });

  it('reads a template annotated by an earlier check as the template itself', () => {
    const template = docx(p('Client: {Ctiy}') + p('{#Sales}'));
    const problems = checkTemplate(template, companySchema());
    expect(checkTemplate(annotateTemplate(template, problems), companySchema())).toEqual(problems);
  });
});

describe('problemLine', () => {
  it('says the tag, its place with the text around it, and the problem', () => {
    expect(problemLine(problem('{Ctiy}', 'paragraph 3', 'Client: {Ctiy}, …', 'unknown-name', 'unknown field "Ctiy" — did you mean {City}?'))).toBe('{Ctiy} in paragraph 3 ("Client: {Ctiy}, …"): unknown field "Ctiy" — did you mean {City}?');
  });
});
