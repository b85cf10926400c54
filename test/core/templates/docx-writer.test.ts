import Docxtemplater from 'docxtemplater';
import { strFromU8, unzipSync } from 'fflate';
import PizZip from 'pizzip';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { buildDocx, heading, paragraph, type Block } from '../../../core/templates/docx-writer.js';

function parts(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) out[name] = strFromU8(data);
  return out;
}

/** Throws when the text is not well-formed XML with namespaces. */
function wellFormed(xml: string): void {
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
}

/** docxtemplater over the bytes, with the options Carnet fills with, and a parser that reads names as they are. */
function templater(bytes: Uint8Array): Docxtemplater {
  return new Docxtemplater(new PizZip(bytes), { paragraphLoop: true, linebreaks: true, parser: (tag) => ({ get: (scope: Record<string, unknown>) => scope[tag] }) });
}

const count = (text: string, what: string) => text.split(what).length - 1;

describe('buildDocx', () => {
  it('writes the parts of a WordprocessingML package, each well-formed XML', () => {
    const p = parts(buildDocx([paragraph('Hello')], { title: 'Hello' }));
    expect(Object.keys(p)).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'word/document.xml',
      'word/_rels/document.xml.rels',
      'word/styles.xml',
      'word/settings.xml',
      'docProps/core.xml',
    ]);
    for (const xml of Object.values(p)) wellFormed(xml);
    expect(p['[Content_Types].xml']).toContain('PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"');
    expect(p['word/_rels/document.xml.rels']).toContain('Target="styles.xml"');
    expect(p['word/_rels/document.xml.rels']).toContain('Target="settings.xml"');
    for (const style of ['Normal', 'Heading1', 'Heading2', 'TableGrid']) expect(p['word/styles.xml']).toContain(`w:styleId="${style}"`);
    expect(p['word/styles.xml']).toContain('<w:name w:val="Table Grid"/>');
  });

  it('keeps text as written: escaped, spaces preserved, line feeds and tabs as breaks and tabs, what XML cannot hold dropped', () => {
    const text = '  <b> & "quotes" \'a\' Привет 漢字 😀  \tnext\nline\r\nthird\u0001\uD800';
    const p = parts(buildDocx([paragraph(text)]));
    wellFormed(p['word/document.xml']!);
    expect(p['word/document.xml']).toContain(
      '<w:r><w:t xml:space="preserve">  &lt;b&gt; &amp; &quot;quotes&quot; \'a\' Привет 漢字 😀  </w:t><w:tab/><w:t xml:space="preserve">next</w:t><w:br/><w:t xml:space="preserve">line</w:t><w:br/><w:t xml:space="preserve">third</w:t></w:r>',
    );
    expect(templater(buildDocx([paragraph(text)])).getFullText()).toBe('  <b> & "quotes" \'a\' Привет 漢字 😀  nextlinethird');
  });

  it('writes runs bold, italic and sized; paragraphs aligned, as headings, after a page break', () => {
    const doc = parts(buildDocx([
      heading('Title', 1),
      heading('Part', 2, { pageBreakBefore: true }),
      paragraph([{ text: 'bold', bold: true }, { text: 'italic', italic: true }, { text: 'big', size: 14.5 }], { align: 'justify' }),
      paragraph('right', { align: 'right' }),
    ]))['word/document.xml']!;
    expect(doc).toContain('<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">Title</w:t></w:r></w:p>');
    expect(doc).toContain('<w:pPr><w:pStyle w:val="Heading2"/><w:pageBreakBefore/></w:pPr>');
    expect(doc).toContain(
      '<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">bold</w:t></w:r>' +
        '<w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space="preserve">italic</w:t></w:r><w:r><w:rPr><w:sz w:val="29"/><w:szCs w:val="29"/></w:rPr><w:t xml:space="preserve">big</w:t></w:r></w:p>',
    );
    expect(doc).toContain('<w:jc w:val="right"/>');
  });

  it('writes tables: a bold, repeated header row, cells of paragraphs, relative widths over the text width, borders or none', () => {
    const blocks: Block[] = [
      { kind: 'table', header: ['A', 'B'], rows: [['one', [paragraph('two'), paragraph('2b')]], ['three']], widths: [1, 3], align: [undefined, 'right'] },
      { kind: 'table', rows: [[[], 'x']], borders: false },
    ];
    const doc = parts(buildDocx(blocks, { lang: 'fr' }))['word/document.xml']!;
    wellFormed(doc);
    // A4 less 2 cm margins: 9,638 dxa.
    expect(doc).toContain('<w:tblStyle w:val="TableGrid"/><w:tblW w:w="9638" w:type="dxa"/>');
    expect(doc).toContain('<w:tblGrid><w:gridCol w:w="2409"/><w:gridCol w:w="7228"/></w:tblGrid>');
    expect(doc).toContain(
      '<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:tcPr><w:tcW w:w="2409" w:type="dxa"/><w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/></w:tcPr>' +
        '<w:p><w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">A</w:t></w:r></w:p></w:tc>',
    );
    expect(doc).toContain('<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">B</w:t></w:r></w:p>');
    expect(doc).toContain('<w:p><w:r><w:t xml:space="preserve">two</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">2b</w:t></w:r></w:p>');
    // A short row is padded; an empty cell still holds a paragraph.
    expect(doc).toContain('<w:tc><w:tcPr><w:tcW w:w="7228" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:jc w:val="right"/></w:pPr></w:p></w:tc></w:tr></w:tbl>');
    expect(doc).toContain('<w:tblStyle w:val="TableNormal"/>');
    expect(doc).toContain('<w:tcW w:w="4819" w:type="dxa"/></w:tcPr><w:p/></w:tc>');
    // Two tables are kept apart by a paragraph, and the body ends with one.
    expect(count(doc, '</w:tbl><w:p/><w:tbl>')).toBe(1);
    expect(doc).toMatch(/<\/w:tbl><w:p\/><w:sectPr>/);
  });

  it('sets the proofing language and the paper by language: Letter in English, A4 in French and Russian', () => {
    const of = (lang: 'en' | 'fr' | 'ru') => parts(buildDocx([paragraph('x')], { lang, title: 'Счёт & <co>' }));
    expect(of('en')['word/document.xml']).toContain('<w:pgSz w:w="12240" w:h="15840"/>');
    expect(of('fr')['word/document.xml']).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
    expect(of('ru')['word/styles.xml']).toContain('<w:lang w:val="ru-RU"');
    expect(of('fr')['word/settings.xml']).toContain('<w:themeFontLang w:val="fr-FR"/>');
    expect(of('ru')['docProps/core.xml']).toContain('<dc:title>Счёт &amp; &lt;co&gt;</dc:title><dc:creator>Carnet</dc:creator><dc:language>ru-RU</dc:language>');
    expect(parts(buildDocx([]))['docProps/core.xml']).not.toContain('dc:title');
  });

  it('gives the same bytes for the same blocks', () => {
    const blocks = [heading('T', 1), { kind: 'table', rows: [['a']] } as Block];
    expect(buildDocx(blocks, { title: 't' })).toEqual(buildDocx(blocks, { title: 't' }));
  });

  describe('in docxtemplater', () => {
    const template = buildDocx([
      heading('Invoice {Number}', 1),
      paragraph([{ text: 'Dear ' }, { text: '{Name}', bold: true }, { text: ',' }]),
      { kind: 'table', header: ['Product', 'Quantity'], rows: [['{#Sales}{Product}', '{Quantity}{/Sales}'], ['Total', '{Total}']] },
    ]);

    it('compiles with tags and a table-row loop, and reports the tags it found', () => {
      const tags: string[] = [];
      new Docxtemplater(new PizZip(template), { paragraphLoop: true, parser: (tag) => (tags.push(tag), { get: () => '' }) });
      expect(tags.sort()).toEqual(['Name', 'Number', 'Product', 'Quantity', 'Sales', 'Total']);
    });

    it('repeats the whole table row for each record of the loop', () => {
      const doc = templater(template);
      doc.render({ Number: 'F-7', Name: 'Acme & <Sons>', Sales: [{ Product: 'Chair', Quantity: 2 }, { Product: 'Desk', Quantity: 1 }], Total: '300' });
      expect(doc.getFullText()).toBe('Invoice F-7Dear Acme & <Sons>,ProductQuantityChair2Desk1Total300');
      const xml = doc.getZip().file('word/document.xml')!.asText();
      wellFormed(xml);
      expect(count(xml, '<w:tr>')).toBe(4);
    });
  });
});
