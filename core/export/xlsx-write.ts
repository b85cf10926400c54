/**
 * A minimal .xlsx writer, host-free (core runs in Apps Script and in the browser too): sheets of
 * typed cells, a bold, frozen header row with an autofilter, and a number format per column.
 *
 * Text is written as inline strings (`t="inlineStr"`), never as a formula cell: a spreadsheet
 * program shows `=1+1` from an inline string as those four characters, so an .xlsx export needs
 * no CSV-injection guard. Characters XML 1.0 cannot carry (control characters) and a carriage
 * return (which XML reads back as a line feed) are written in OOXML's own escape, `_x000D_`, and
 * text that looks like that escape gets its underscore escaped (`_x005F_x0041_`), so that Excel,
 * LibreOffice and Carnet's import read every cell back as it was (ECMA-376 Part 1, 22.9.2.19 —
 * as local/xlsx/xml/text.ts writes the workbook itself). Lone surrogates, which no file can
 * carry, are dropped.
 *
 * Parts: [Content_Types].xml, _rels/.rels, xl/workbook.xml (+ its rels, and the
 * `_xlnm._FilterDatabase` name Excel expects beside an autofilter), xl/styles.xml,
 * xl/worksheets/sheetN.xml; zipped with deflate by fflate (pure JavaScript, so it runs in
 * Apps Script, the browser and Node alike): 100,000 rows are a few MB, not the 50 MB of stored entries.
 */

import type { Cell } from '../workbook.js';
import { columnLetter } from '../workbook.js';
import { utf8Bytes } from './encode.js';
import { zipSync, type Zippable } from 'fflate';

export interface XlsxSheet {
  /** Cut to 31 characters; `[]:*?/\` become `-` (Excel's rules for sheet names). */
  name: string;
  /** The first row is the header (when `header` is not false). */
  rows: readonly (readonly Cell[])[];
  /** Excel number format per column (`yyyy-mm-dd`, `0.##%`, `@`); absent or `General`: none. */
  formats?: readonly (string | undefined)[];
  /** Column widths in characters; absent: from the header and the first rows. */
  widths?: readonly number[];
  /** First row bold, frozen, with an autofilter; default true. */
  header?: boolean;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Formats every spreadsheet program knows by number (ECMA-376 Part 1, 18.8.30). */
const BUILT_IN_FORMATS: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10, '@': 49 };
const FIRST_CUSTOM_FORMAT = 164;

/** Not XML at all: lone surrogates (no UTF-8 can carry them). Dropped. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** XML 1.0 cannot hold these (control characters but tab and line feed, U+FFFE, U+FFFF); a CR it would read back as LF. */
const X_ESCAPED = /[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]/g;
/** What escaping would change: most cells have none of it and are written as they are. */
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000B-\u001F\uD800-\uDFFF\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;

/** An attribute value or a name: XML-escaped; what XML cannot hold is dropped. */
function escapeXml(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s
    .replace(LONE_SURROGATE, '')
    .replace(X_ESCAPED, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Cell text, ST_Xstring-escaped (a control character as `_x0001_`, a literal `_x0041_` as `_x005F_x0041_`), then XML-escaped. */
function textXml(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  const x = s
    .replace(LONE_SURROGATE, '')
    .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_')
    .replace(X_ESCAPED, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
  return escapeXml(x);
}

export function sheetName(name: string): string {
  const clean = name.replace(/[[\]:*?/\\]/g, '-').replace(LONE_SURROGATE, '').replace(X_ESCAPED, '').trim().replace(/^'|'$/g, '');
  return ([...clean].slice(0, 31).join('') || 'Sheet').trim();
}

/** The styles every sheet uses: cell format 0 plain, 1 bold header, then one per number format. */
class Styles {
  private readonly formats = new Map<string, number>();
  private readonly xfs: number[] = [];

  /** The cell style index for a number format (0 for none). */
  xfFor(format: string | undefined): number {
    if (format === undefined || format === 'General') return 0;
    let id = BUILT_IN_FORMATS[format] ?? this.formats.get(format);
    if (id === undefined) {
      id = FIRST_CUSTOM_FORMAT + this.formats.size;
      this.formats.set(format, id);
    }
    let xf = this.xfs.indexOf(id);
    if (xf < 0) xf = this.xfs.push(id) - 1;
    return xf + 2;
  }

  xml(): string {
    const custom = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    const font = (bold: boolean) => `<font>${bold ? '<b/>' : ''}<sz val="11"/><name val="Calibri"/><family val="2"/></font>`;
    const xf = (numFmt: number, font: number) =>
      `<xf numFmtId="${numFmt}" fontId="${font}" fillId="0" borderId="0" xfId="0"${numFmt ? ' applyNumberFormat="1"' : ''}${font ? ' applyFont="1"' : ''}/>`;
    const cellXfs = [xf(0, 0), xf(0, 1), ...this.xfs.map((id) => xf(id, 0))];
    return (
      `${XML_HEAD}<styleSheet xmlns="${MAIN}">` +
      (custom.length ? `<numFmts count="${custom.length}">${custom.join('')}</numFmts>` : '') +
      `<fonts count="2">${font(false)}${font(true)}</fonts>` +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${cellXfs.length}">${cellXfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }
}

const HEADER_XF = 1;

function cellXml(ref: string, value: Cell, style: number): string {
  const s = style ? ` s="${style}"` : '';
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : '';
  if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  if (value === null || value === '') return '';
  const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${textXml(value)}</t></is></c>`;
}

/** Widths from the header and the first 200 rows: the longest text, within 8 to 50 characters. */
function guessWidths(rows: readonly (readonly Cell[])[], columns: number): number[] {
  const widths = new Array<number>(columns).fill(8);
  for (const row of rows.slice(0, 201)) {
    row.forEach((v, c) => {
      const length = v === null ? 0 : String(v).split('\n')[0]!.length + 2;
      if (length > widths[c]!) widths[c] = Math.min(50, length);
    });
  }
  return widths;
}

/** Rows encoded at a time: a 100,000-row sheet is never one 50 MB string. */
const ROWS_PER_CHUNK = 5_000;

function sheetXml(sheet: XlsxSheet, styles: Styles, selected: boolean): { chunks: Uint8Array[]; range: string | undefined } {
  const rows = sheet.rows;
  const header = sheet.header !== false && rows.length > 0;
  const columns = rows.reduce((n, r) => Math.max(n, r.length), 0);
  const letters = Array.from({ length: columns }, (_, c) => columnLetter(c));
  const xfs = letters.map((_, c) => styles.xfFor(sheet.formats?.[c]));
  const range = columns ? `A1:${letters[columns - 1]}${Math.max(rows.length, 1)}` : undefined;
  const pane = header ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>' : '';
  let head = `${XML_HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="${range ?? 'A1'}"/>`;
  head += `<sheetViews><sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0">${pane}</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>`;
  if (columns) {
    const widths = sheet.widths ?? guessWidths(rows, columns);
    head += `<cols>${letters.map((_, c) => `<col min="${c + 1}" max="${c + 1}" width="${widths[c] ?? 10}" customWidth="1"/>`).join('')}</cols>`;
  }
  const chunks = [utf8Bytes(`${head}<sheetData>`)];
  for (let from = 0; from < rows.length; from += ROWS_PER_CHUNK) {
    const out: string[] = [];
    for (let r = from; r < Math.min(rows.length, from + ROWS_PER_CHUNK); r++) {
      const row = rows[r]!;
      const n = r + 1;
      let cells = '';
      for (let c = 0; c < row.length; c++) cells += cellXml(`${letters[c]}${n}`, row[c] ?? null, header && r === 0 ? HEADER_XF : xfs[c]!);
      out.push(`<row r="${n}">${cells}</row>`);
    }
    chunks.push(utf8Bytes(out.join('')));
  }
  chunks.push(utf8Bytes(`</sheetData>${header && range ? `<autoFilter ref="${range}"/>` : ''}</worksheet>`));
  return { chunks, range: header ? range : undefined };
}

/** `'Name'!$A$1:$J$101`, as a defined name refers to a range of a sheet. */
function absolute(name: string, range: string): string {
  const [from, to] = range.split(':').map((ref) => ref.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2'));
  return `'${name.replace(/'/g, "''")}'!${from}:${to}`;
}

export function writeXlsx(sheets: readonly XlsxSheet[]): Uint8Array {
  if (sheets.length === 0) throw new Error('An .xlsx needs at least one sheet.');
  const styles = new Styles();
  const names: string[] = [];
  for (const s of sheets) {
    let name = sheetName(s.name);
    for (let i = 2; names.some((n) => n.toLowerCase() === name.toLowerCase()); i++) name = `${sheetName(s.name).slice(0, 31 - ` (${i})`.length)} (${i})`;
    names.push(name);
  }
  const built = sheets.map((s, i) => sheetXml(s, styles, i === 0));
  const filters = built
    .map((b, i) => (b.range ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(absolute(names[i]!, b.range))}</definedName>` : ''))
    .join('');
  const workbook =
    `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>` +
    names.map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    `</sheets>${filters ? `<definedNames>${filters}</definedNames>` : ''}</workbook>`;
  const workbookRels =
    `${XML_HEAD}<Relationships xmlns="${PKG_REL}">` +
    names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
    `<Relationship Id="rId${names.length + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;
  const contentTypes =
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    names.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>';
  const rootRels = `${XML_HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const parts: { name: string; data: Uint8Array | readonly Uint8Array[] }[] = [
    { name: '[Content_Types].xml', data: utf8Bytes(contentTypes) },
    { name: '_rels/.rels', data: utf8Bytes(rootRels) },
    { name: 'xl/workbook.xml', data: utf8Bytes(workbook) },
    { name: 'xl/_rels/workbook.xml.rels', data: utf8Bytes(workbookRels) },
    { name: 'xl/styles.xml', data: utf8Bytes(styles.xml()) },
    ...built.map((b, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: b.chunks })),
  ];
  // A fixed time, so that the same rows give the same bytes.
  const files: Zippable = {};
  for (const p of parts) files[p.name] = [joined(p.data), { level: 6 }];
  return zipSync(files, { mtime: new Date(Date.UTC(1980, 0, 1)) });
}

function joined(data: Uint8Array | readonly Uint8Array[]): Uint8Array {
  if (data instanceof Uint8Array) return data;
  const out = new Uint8Array(data.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of data) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
