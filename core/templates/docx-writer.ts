/**
 * A minimal .docx writer, host-free (core runs in Apps Script, the browser and Node): the
 * documents Carnet makes itself — the built-in templates and the sample of a directory's tags.
 * Paragraphs (runs of bold, italic or sized text; alignment; a heading level; a page break
 * before) and tables (a bold header row repeated on every page, cells of paragraphs, relative
 * column widths, borders or none). Nothing else: a template author styles the rest in Word.
 *
 * Parts: [Content_Types].xml, _rels/.rels, word/document.xml (+ its rels), word/styles.xml
 * (Normal, Heading1, Heading2, Table Grid), word/settings.xml, docProps/core.xml. Text is
 * XML-escaped and kept as written (`xml:space="preserve"`); a line feed becomes `<w:br/>`, a tab
 * `<w:tab/>`; characters XML 1.0 cannot carry (control characters, lone surrogates) are dropped.
 *
 * Each run is one `<w:r>`, so a tag written in one run (`{Name}`) reaches docxtemplater whole.
 * Zipped by fflate, as the .xlsx export is: pure JavaScript, synchronous, already in core's
 * bundle; pizzip (which docxtemplater needs to read a template) is only loaded where one is filled.
 */

import { zipSync, type Zippable } from 'fflate';
import { utf8Bytes } from '../export/encode.js';
import type { Lang } from '../schema/types.js';

export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** In points; absent: the style's (11 pt for Normal). */
  size?: number;
}

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface ParagraphBlock {
  kind: 'paragraph';
  runs: TextRun[];
  align?: Align;
  /** Heading1 or Heading2 style (Word's navigation pane and LibreOffice's navigator list them). */
  heading?: 1 | 2;
  pageBreakBefore?: boolean;
}

/** A table cell: its paragraphs, or a string for one plain paragraph (aligned by the column). */
export type TableCell = string | ParagraphBlock[];

export interface TableBlock {
  kind: 'table';
  /** Bold, shaded, repeated at the top of every page the table runs onto. */
  header?: string[];
  rows: TableCell[][];
  /** Relative widths (`[1, 3, 1]`), spread over the text width; absent: equal columns. */
  widths?: number[];
  /** Alignment per column, for the header and for string cells. */
  align?: (Align | undefined)[];
  /** Single lines around and between cells (Table Grid); default true. */
  borders?: boolean;
}

export type Block = ParagraphBlock | TableBlock;

export interface DocxOptions {
  /** docProps/core.xml's title (what Word shows in File › Info). */
  title?: string;
  /** The proofing language of the text, and the paper: Letter for en, A4 otherwise. Default en. */
  lang?: Lang;
}

/** A paragraph of one run, or of the runs given. */
export function paragraph(content: string | TextRun[], options: Omit<ParagraphBlock, 'kind' | 'runs'> = {}): ParagraphBlock {
  return { kind: 'paragraph', runs: typeof content === 'string' ? [{ text: content }] : content, ...options };
}

export function heading(text: string, level: 1 | 2, options: Omit<ParagraphBlock, 'kind' | 'runs' | 'heading'> = {}): ParagraphBlock {
  return paragraph(text, { ...options, heading: level });
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** BCP 47 tags Word and LibreOffice pick a spelling dictionary by. */
const LANG_TAG: Record<Lang, string> = { en: 'en-US', fr: 'fr-FR', ru: 'ru-RU' };

/** Page sizes and margins in twentieths of a point (dxa): Letter in the US, A4 elsewhere; 2 cm margins. */
const PAGE: Record<'letter' | 'a4', { w: number; h: number }> = { letter: { w: 12240, h: 15840 }, a4: { w: 11906, h: 16838 } };
const MARGIN = 1134;

/** Not XML at all: lone surrogates, control characters but tab and line feed, U+FFFE, U+FFFF. */
const NOT_XML = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function escapeXml(s: string): string {
  return s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A run's text as `<w:t>` pieces between `<w:br/>` and `<w:tab/>`. */
function textXml(text: string): string {
  const out: string[] = [];
  for (const piece of text.replace(/\r\n?/g, '\n').split(/([\n\t])/)) {
    if (piece === '\n') out.push('<w:br/>');
    else if (piece === '\t') out.push('<w:tab/>');
    else if (piece !== '') out.push(`<w:t xml:space="preserve">${escapeXml(piece)}</w:t>`);
  }
  return out.join('');
}

function runXml(run: TextRun, bold: boolean): string {
  if (run.text === '') return '';
  const props =
    (run.bold || bold ? '<w:b/><w:bCs/>' : '') +
    (run.italic ? '<w:i/><w:iCs/>' : '') +
    (run.size ? `<w:sz w:val="${Math.round(run.size * 2)}"/><w:szCs w:val="${Math.round(run.size * 2)}"/>` : '');
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}${textXml(run.text)}</w:r>`;
}

const JC: Record<Align, string> = { left: 'left', center: 'center', right: 'right', justify: 'both' };

function paragraphXml(p: ParagraphBlock, bold = false): string {
  // Children of w:pPr in the order ECMA-376 Part 1, 17.3.1.26 requires.
  const props = (p.heading ? `<w:pStyle w:val="Heading${p.heading}"/>` : '') + (p.pageBreakBefore ? '<w:pageBreakBefore/>' : '') + (p.align ? `<w:jc w:val="${JC[p.align]}"/>` : '');
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${p.runs.map((r) => runXml(r, bold)).join('')}</w:p>`;
}

function tableXml(t: TableBlock, textWidth: number): string {
  const columns = Math.max(t.widths?.length ?? 0, t.header?.length ?? 0, ...t.rows.map((r) => r.length), 1);
  const weights = Array.from({ length: columns }, (_, i) => (t.widths?.[i] && t.widths[i]! > 0 ? t.widths[i]! : 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((textWidth * w) / sum));
  const cellXml = (content: TableCell | undefined, column: number, header: boolean): string => {
    const paragraphs = typeof content === 'string' || content === undefined ? [paragraph(content ?? '', { ...(t.align?.[column] ? { align: t.align[column] } : {}) })] : content;
    const shade = header ? '<w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/>' : '';
    // A cell holds at least one paragraph (17.4.66), or Word calls the file damaged.
    const body = paragraphs.length ? paragraphs.map((p) => paragraphXml(p, header)).join('') : '<w:p/>';
    return `<w:tc><w:tcPr><w:tcW w:w="${widths[column]}" w:type="dxa"/>${shade}</w:tcPr>${body}</w:tc>`;
  };
  const rowXml = (cells: (TableCell | undefined)[], header: boolean) =>
    `<w:tr>${header ? '<w:trPr><w:tblHeader/></w:trPr>' : ''}${widths.map((_, c) => cellXml(cells[c], c, header)).join('')}</w:tr>`;
  const borders = t.borders !== false;
  return (
    '<w:tbl><w:tblPr>' +
    `<w:tblStyle w:val="${borders ? 'TableGrid' : 'TableNormal'}"/>` +
    `<w:tblW w:w="${textWidth}" w:type="dxa"/><w:tblLayout w:type="fixed"/>` +
    '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>' +
    '</w:tblPr>' +
    `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>` +
    (t.header ? rowXml(t.header, true) : '') +
    t.rows.map((r) => rowXml(r, false)).join('') +
    '</w:tbl>'
  );
}

function documentXml(blocks: Block[], page: { w: number; h: number }): string {
  const textWidth = page.w - 2 * MARGIN;
  const body: string[] = [];
  blocks.forEach((b, i) => {
    if (b.kind === 'paragraph') body.push(paragraphXml(b));
    else {
      // Two tables in a row would be joined into one by Word: an empty paragraph keeps them apart.
      if (blocks[i - 1]?.kind === 'table') body.push('<w:p/>');
      body.push(tableXml(b, textWidth));
    }
  });
  // Word ends a body with a paragraph, and adds one to a document that ends with a table.
  if (blocks[blocks.length - 1]?.kind !== 'paragraph') body.push('<w:p/>');
  return (
    `${XML_HEAD}<w:document xmlns:w="${W}" xmlns:r="${REL}"><w:body>${body.join('')}` +
    `<w:sectPr><w:pgSz w:w="${page.w}" w:h="${page.h}"/>` +
    `<w:pgMar w:top="${MARGIN}" w:right="${MARGIN}" w:bottom="${MARGIN}" w:left="${MARGIN}" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>` +
    '</w:body></w:document>'
  );
}

function stylesXml(lang: Lang): string {
  const heading = (level: 1 | 2, halfPoints: number) =>
    `<w:style w:type="paragraph" w:styleId="Heading${level}"><w:name w:val="heading ${level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
    `<w:pPr><w:keepNext/><w:spacing w:before="${level === 1 ? 240 : 200}" w:after="120"/><w:outlineLvl w:val="${level - 1}"/></w:pPr>` +
    `<w:rPr><w:b/><w:bCs/><w:sz w:val="${halfPoints}"/><w:szCs w:val="${halfPoints}"/></w:rPr></w:style>`;
  const line = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>`;
  return (
    `${XML_HEAD}<w:styles xmlns:w="${W}">` +
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/>' +
    `<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="${LANG_TAG[lang]}" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
    '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
    heading(1, 32) +
    heading(2, 26) +
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>' +
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>' +
    '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
    '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>' +
    '<w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr>' +
    `<w:tblPr><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(line).join('')}</w:tblBorders></w:tblPr></w:style>` +
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/></w:style>' +
    '</w:styles>'
  );
}

function settingsXml(lang: Lang): string {
  return (
    `${XML_HEAD}<w:settings xmlns:w="${W}"><w:defaultTabStop w:val="708"/><w:characterSpacingControl w:val="doNotCompress"/>` +
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
    `<w:themeFontLang w:val="${LANG_TAG[lang]}"/></w:settings>`
  );
}

function coreXml(title: string | undefined, lang: Lang): string {
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    (title ? `<dc:title>${escapeXml(title)}</dc:title>` : '') +
    `<dc:creator>Carnet</dc:creator><dc:language>${LANG_TAG[lang]}</dc:language></cp:coreProperties>`
  );
}

const CONTENT_TYPES =
  `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>';

const ROOT_RELS =
  `${XML_HEAD}<Relationships xmlns="${PKG_REL}">` +
  `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/>` +
  `<Relationship Id="rId2" Type="${PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;

const DOCUMENT_RELS =
  `${XML_HEAD}<Relationships xmlns="${PKG_REL}">` +
  `<Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/>` +
  `<Relationship Id="rId2" Type="${REL}/settings" Target="settings.xml"/></Relationships>`;

export function buildDocx(blocks: Block[], options: DocxOptions = {}): Uint8Array {
  const lang = options.lang ?? 'en';
  const page = PAGE[lang === 'en' ? 'letter' : 'a4'];
  const parts: [string, string][] = [
    ['[Content_Types].xml', CONTENT_TYPES],
    ['_rels/.rels', ROOT_RELS],
    ['word/document.xml', documentXml(blocks, page)],
    ['word/_rels/document.xml.rels', DOCUMENT_RELS],
    ['word/styles.xml', stylesXml(lang)],
    ['word/settings.xml', settingsXml(lang)],
    ['docProps/core.xml', coreXml(options.title, lang)],
  ];
  const files: Zippable = {};
  for (const [name, xml] of parts) files[name] = [utf8Bytes(xml), { level: 6 }];
  // A fixed time, so that the same blocks give the same bytes.
  return zipSync(files, { mtime: new Date(Date.UTC(1980, 0, 1)) });
}
