/**
 * Small .docx files for template tests, and the two fixtures in test/fixtures/templates/:
 * - word-shaped.docx: document.xml as Word writes it, tags split by rsid runs, proofing marks,
 *   a bookmark and smart quotes, zipped with PizZip;
 * - libreoffice.docx: saved by LibreOffice itself (a flat ODT converted by `soffice`), with a tag
 *   split across a normal and a bold run.
 * `npx tsx test/helpers/docx-fixtures.ts` writes both again.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PizZip from 'pizzip';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
/** Fixed, so that a zip built twice is the same bytes. */
const DATE = new Date(Date.UTC(2026, 0, 1));
const HEADER_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/templates');

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A paragraph of plain runs, one per string (so a tag can be split: p('{Na', 'me}')). */
export function p(...runs: string[]): string {
  return `<w:p>${runs.map((r) => `<w:r><w:t xml:space="preserve">${escapeXml(r)}</w:t></w:r>`).join('')}</w:p>`;
}

/** A table, one paragraph per cell. */
export function table(rows: string[][]): string {
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>${rows.map((r) => `<w:tr>${r.map((c) => `<w:tc>${p(c)}</w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>`;
}

export interface DocxParts {
  /** Each header's body XML (word/header1.xml…), linked from the section. */
  headers?: string[];
  /** A comments part's content (the `<w:comment>` elements). */
  comments?: string;
}

/** A minimal .docx whose body is `body` (paragraphs and tables), closed by a section. */
export function docx(body: string, parts: DocxParts = {}): Uint8Array {
  const zip = new PizZip();
  const headers = parts.headers ?? [];
  const overrides = [
    `<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>`,
    ...headers.map((_, i) => `<Override PartName="/word/header${i + 1}.xml" ContentType="${HEADER_TYPE}"/>`),
    ...(parts.comments ? [`<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>`] : []),
  ];
  const rels = [
    ...headers.map((_, i) => `<Relationship Id="rIdH${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header${i + 1}.xml"/>`),
    ...(parts.comments ? [`<Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>`] : []),
  ];
  const add = (name: string, text: string) => zip.file(name, text, { date: DATE });
  add('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join('')}</Types>`);
  add('_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`);
  add('word/_rels/document.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`);
  headers.forEach((h, i) => add(`word/header${i + 1}.xml`, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr xmlns:w="${W}">${h}</w:hdr>`));
  if (parts.comments) add('word/comments.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="${W}">${parts.comments}</w:comments>`);
  const headerRefs = headers.map((_, i) => `<w:headerReference w:type="default" r:id="rIdH${i + 1}"/>`).join('');
  add('word/document.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>${body}<w:sectPr>${headerRefs}<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr></w:body></w:document>`);
  return zip.generate({ type: 'uint8array', compression: 'DEFLATE' });
}

/** A part of a .docx as text. */
export function partOf(bytes: Uint8Array, name: string): string {
  return new PizZip(bytes).file(name)?.asText() ?? '';
}

/**
 * The paragraphs of a part as a reader sees them: text elements joined, `<w:tab/>` as a tab,
 * `<w:br/>` as a newline, a page break as "\f".
 */
export function paragraphs(bytes: Uint8Array, name = 'word/document.xml'): string[] {
  const xml = partOf(bytes, name);
  return [...xml.matchAll(/<w:p\b[^>]*?(?:\/>|>[\s\S]*?<\/w:p>)/g)].map((m) =>
    [...m[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br w:type="page"\/>|<w:br\/>/g)]
      .map((t) => (t[1] !== undefined ? decode(t[1]) : t[0] === '<w:tab/>' ? '\t' : t[0] === '<w:br/>' ? '\n' : '\f'))
      .join(''),
  );
}

function decode(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!);
}

/**
 * An invoice template shaped like Word's output: runs split by revision ids (`w:rsidR`), a
 * spelling mark and a bookmark inside `{Name}`, a smart apostrophe in `{Client’s name}`, a table
 * row loop whose tags are split mid-name.
 */
export function wordShaped(): Uint8Array {
  const zip = new PizZip(docx(''));
  const run = (text: string, rsid: string, bold = false) =>
    `<w:r w:rsidR="${rsid}"><w:rPr>${bold ? '<w:b/><w:bCs/>' : ''}<w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/><w:lang w:val="fr-FR"/></w:rPr><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
  const para = (rsid: string, content: string) => `<w:p w:rsidR="${rsid}" w:rsidRDefault="${rsid}" w:rsidP="00C41D2A"><w:pPr><w:spacing w:after="120"/></w:pPr>${content}</w:p>`;
  const cell = (width: number, content: string) => `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/></w:tcPr>${para('00B1F3E4', content)}</w:tc>`;
  const body = [
    para('00A77C21', `${run('Invoice for ', '00A77C21')}${run('{Na', '00A77C21')}<w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="_GoBack"/>${run('me}', '00D3E9F0', true)}<w:bookmarkEnd w:id="0"/><w:proofErr w:type="spellEnd"/>`),
    para('00A77C21', `${run('Attention: ', '00A77C21')}${run('{Client’s', '00F2B7A1')}${run('\u00A0name}', '00F2B7A1', true)}`),
    para('00C41D2A', `${run('City: {Compa', '00C41D2A')}<w:proofErr w:type="gramStart"/>${run('ny.Ci', '00E5A0B3')}<w:proofErr w:type="gramEnd"/>${run('ty}', '00E5A0B3')}`),
    `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>`,
    `<w:tr w:rsidR="00B1F3E4">${cell(4000, run('Product', '00B1F3E4', true))}${cell(2000, run('Qty', '00B1F3E4', true))}${cell(2000, run('Price', '00B1F3E4', true))}</w:tr>`,
    `<w:tr w:rsidR="00B1F3E4">${cell(4000, `${run('{#Sa', '00B1F3E4')}${run('les}{Prod', '00AB12CD')}<w:proofErr w:type="spellStart"/>${run('uct}', '00AB12CD')}<w:proofErr w:type="spellEnd"/>`)}${cell(2000, run('{Quantity}', '00B1F3E4'))}${cell(2000, `${run('{Price}', '00B1F3E4')}${run('{/Sales}', '00CD34EF')}`)}</w:tr>`,
    '</w:tbl>',
    para('00A77C21', `${run('{^Email}', '00A77C21')}${run('No e-mail on file', '00A77C21')}${run('{/Email}', '00A77C21')}`),
    para('00A77C21', `${run('Total: ', '00A77C21', true)}${run('{Total}', '00A77C21')}`),
  ].join('');
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:document xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="${W}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" mc:Ignorable="w14"><w:body>${body}<w:sectPr w:rsidR="00A77C21"><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/><w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr></w:body></w:document>`;
  zip.file('word/document.xml', document, { date: DATE });
  zip.file('word/settings.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:settings xmlns:w="${W}"><w:proofState w:spelling="clean" w:grammar="clean"/><w:defaultTabStop w:val="708"/><w:rsids><w:rsidRoot w:val="00A77C21"/><w:rsid w:val="00A77C21"/><w:rsid w:val="00AB12CD"/><w:rsid w:val="00B1F3E4"/><w:rsid w:val="00C41D2A"/><w:rsid w:val="00CD34EF"/><w:rsid w:val="00D3E9F0"/><w:rsid w:val="00E5A0B3"/><w:rsid w:val="00F2B7A1"/></w:rsids></w:settings>`, { date: DATE });
  return zip.generate({ type: 'uint8array', compression: 'DEFLATE' });
}

/** The LibreOffice document the libreoffice.docx fixture is converted from (flat ODT). */
const FODT = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:automatic-styles>
  <style:style style:name="Bold" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
  <style:style style:name="Italic" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
 </office:automatic-styles>
 <office:body>
  <office:text>
   <text:p>Invoice for {Name}</text:p>
   <text:p>City: {Com<text:span text:style-name="Bold">pany.City}</text:span></text:p>
   <table:table table:name="Lines">
    <table:table-column table:number-columns-repeated="3"/>
    <table:table-row><table:table-cell><text:p>Product</text:p></table:table-cell><table:table-cell><text:p>Qty</text:p></table:table-cell><table:table-cell><text:p>Price</text:p></table:table-cell></table:table-row>
    <table:table-row><table:table-cell><text:p>{#Sales}{<text:span text:style-name="Italic">Prod</text:span>uct}</text:p></table:table-cell><table:table-cell><text:p>{Quantity}</text:p></table:table-cell><table:table-cell><text:p>{Price}{/Sales}</text:p></table:table-cell></table:table-row>
   </table:table>
   <text:p>{^Email}No e-mail on file{/Email}</text:p>
   <text:p><text:span text:style-name="Bold">Total: </text:span>{Total}</text:p>
  </office:text>
 </office:body>
</office:document>
`;

/** The LibreOffice fixture made again by `soffice --headless --convert-to docx` (needs LibreOffice). */
export function libreOfficeSaved(): Uint8Array {
  const dir = mkdtempSync(path.join(tmpdir(), 'carnet-fodt-'));
  try {
    writeFileSync(path.join(dir, 'libreoffice.fodt'), FODT);
    execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', dir, path.join(dir, 'libreoffice.fodt')], { stdio: 'pipe', timeout: 120_000 });
    return readFileSync(path.join(dir, 'libreoffice.docx'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function fixture(name: 'word-shaped.docx' | 'libreoffice.docx'): Uint8Array {
  return readFileSync(path.join(FIXTURES, name));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(path.join(FIXTURES, 'word-shaped.docx'), wordShaped());
  writeFileSync(path.join(FIXTURES, 'libreoffice.docx'), libreOfficeSaved());
  console.log(`wrote ${FIXTURES}/word-shaped.docx and libreoffice.docx`);
}
