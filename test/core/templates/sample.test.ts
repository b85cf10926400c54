import Docxtemplater from 'docxtemplater';
import { strFromU8, unzipSync } from 'fflate';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { sampleDocx, type SampleEntry } from '../../../core/templates/sample.js';

const ENTRIES: SampleEntry[] = [
  { tag: '{Name}', label: 'Name', example: 'Acme & <Sons>' },
  { tag: '{Company.City}', label: 'City of the company', example: 'Lyon' },
  { tag: '{#Sales}…{/Sales}', label: 'Sales of the company (a list)', example: '3 records' },
  { tag: '{Телефон}', label: 'Телефон', example: '' },
];

const documentXml = (bytes: Uint8Array) => strFromU8(unzipSync(bytes)['word/document.xml']!);
const fullText = (bytes: Uint8Array) => new Docxtemplater(new PizZip(bytes), { paragraphLoop: true, parser: () => ({ get: () => '' }) }).getFullText();

describe('sampleDocx', () => {
  it('lists every tag with what it is and an example, in a table under the title and a short how-to', () => {
    const bytes = sampleDocx(ENTRIES, 'Tags for Companies', 'en');
    const text = fullText(bytes);
    expect(text.startsWith('Tags for CompaniesCopy a tag into your template in Word or LibreOffice, braces included.')).toBe(true);
    expect(text).toContain('Formatters: long, short, words, number, upper, lower, year, month.');
    expect(text.endsWith(
      'TagWhat it isExample{Name}NameAcme & <Sons>{Company.City}City of the companyLyon{#Sales}…{/Sales}Sales of the company (a list)3 records{Телефон}Телефон',
    )).toBe(true);
    const xml = documentXml(bytes);
    expect(xml.split('<w:tr>').length - 1).toBe(ENTRIES.length + 1);
    expect(xml).toContain('<w:tblHeader/>');
    expect(strFromU8(unzipSync(bytes)['docProps/core.xml']!)).toContain('<dc:title>Tags for Companies</dc:title>');
  });

  it('writes each tag whole in one bold run, so that a tag copied from it is the tag', () => {
    const xml = documentXml(sampleDocx(ENTRIES, 'Tags', 'en'));
    for (const e of ENTRIES) expect(xml).toContain(`<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">${e.tag}</w:t></w:r>`);
    expect(xml).toContain('Acme &amp; &lt;Sons&gt;');
  });

  it('speaks the workbook language', () => {
    expect(fullText(sampleDocx(ENTRIES, 'Balises', 'fr'))).toContain('BaliseSignificationExemple{Name}');
    expect(fullText(sampleDocx(ENTRIES, 'Теги', 'ru'))).toContain('ТегЧто этоПример{Name}');
    expect(fullText(sampleDocx([], 'Теги', 'ru')).startsWith('ТегиСкопируйте тег')).toBe(true);
  });
});
