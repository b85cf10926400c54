/**
 * The host-free .xlsx reader the add-ins use for a picked file: workbooks made by ExcelJS, by
 * LibreOffice, and by hand (for what those two never write: inline strings, ISO date cells, the
 * 1904 date system, phonetic runs, prefixed element names, stored parts).
 */

import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serialFromParts } from '../../../core/dates.js';
import { isDateFormat, readXlsxRows } from '../../../core/import/xlsx-rows.js';
import { rejectedData } from '../../helpers/error-data.js';
import { requireProgram } from '../../helpers/programs.js';

const inflateRaw = async (data: Uint8Array) => new Uint8Array(inflateRawSync(data));
const read = (bytes: Uint8Array, sheet?: string) => readXlsxRows(bytes, inflateRaw, sheet, 'clients.xlsx');

async function excelJsBook(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const hidden = book.addWorksheet('Settings');
  hidden.state = 'hidden';
  hidden.getCell('A1').value = 'not this one';
  const contacts = book.addWorksheet('Contacts');
  contacts.addRow(['Name', 'Company', 'Since', 'Birthday', 'Active', 'Revenue', 'Double', 'Site', 'Check']);
  contacts.addRow([
    'Анна Петрова',
    { richText: [{ text: 'ООО ' }, { text: 'Ромашка', font: { bold: true } }] },
    new Date(Date.UTC(2025, 2, 14)),
    new Date(Date.UTC(1990, 6, 1)),
    true,
    1250.5,
    { formula: 'F2*2', result: 2501 },
    { text: 'example.com', hyperlink: 'https://example.com' },
    { formula: 'NA()', result: { error: '#N/A' } },
  ]);
  contacts.getCell('C2').numFmt = 'dd.mm.yyyy';
  contacts.getCell('D2').numFmt = 'mm-dd-yy';
  contacts.addRow(['Boris', 'Globex', null, null, false, 0, { formula: 'A3&"!"', result: 'Boris!' }]);
  contacts.getCell('A5').value = 'after a blank row';
  const deals = book.addWorksheet('Deals');
  deals.addRow(['Deal', 'Amount']);
  deals.addRow(['Chairs', 300]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('reading an .xlsx made by ExcelJS', () => {
  it('reads the first visible sheet: shared and rich strings, dates as serials, booleans, numbers, cached formula values', async () => {
    const got = await read(await excelJsBook());
    expect(got).toEqual({
      sheets: ['Settings', 'Contacts', 'Deals'],
      sheet: 'Contacts',
      rows: [
        ['Name', 'Company', 'Since', 'Birthday', 'Active', 'Revenue', 'Double', 'Site', 'Check'],
        ['Анна Петрова', 'ООО Ромашка', serialFromParts(2025, 3, 14), serialFromParts(1990, 7, 1), true, 1250.5, 2501, 'example.com', '#N/A'],
        ['Boris', 'Globex', null, null, false, 0, 'Boris!'],
        [],
        ['after a blank row'],
      ],
    });
  });

  it('reads the sheet asked for, by its name (case aside)', async () => {
    const bytes = await excelJsBook();
    expect((await read(bytes, 'Deals')).rows).toEqual([
      ['Deal', 'Amount'],
      ['Chairs', 300],
    ]);
    expect((await read(bytes, 'settings')).sheet).toBe('Settings');
  });

  it('refuses a sheet it does not have, listing those it has', async () => {
    expect(await rejectedData(read(await excelJsBook(), 'Leads'))).toEqual({
      code: 'E_SOURCE',
      sheet: 'Leads',
      message: 'clients.xlsx has no sheet named "Leads". Its sheets: "Settings", "Contacts", "Deals".',
    });
  });
});

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook written by hand, in the 1904 date system, with what other producers write. */
async function handMadeBook(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('_rels/.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="${MAIN}" xmlns:r="${RELS}"><x:workbookPr date1904="1"/><x:sheets>` +
      `<x:sheet name="R&amp;D &gt; 2024" sheetId="1" r:id="rId1"/><x:sheet name="Chart" sheetId="2" r:id="rId9"/></x:sheets></x:workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${RELS}/worksheet" Target="/xl/worksheets/data.xml"/>` +
      `<Relationship Id="rId9" Type="${RELS}/chartsheet" Target="chartsheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${RELS}/sharedStrings" Target="strings.xml"/>` +
      `<Relationship Id="rId3" Type="${RELS}/styles" Target="styles.xml"/></Relationships>`,
  );
  zip.file(
    'xl/strings.xml',
    `<sst xmlns="${MAIN}"><si><t>Name</t></si><si><r><t xml:space="preserve">Ямада </t></r><r><rPr><b/></rPr><t>Таро</t></r><rPh sb="0" eb="1"><t>ヤマダ</t></rPh></si>` +
      `<si><t>line_x000D_break &amp; &#1071;</t></si><si><t><![CDATA[<b>raw</b>]]></t></si></sst>`,
  );
  zip.file(
    'xl/styles.xml',
    `<styleSheet xmlns="${MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="[$-419]d\\ mmmm\\ yyyy;@"/><numFmt numFmtId="165" formatCode="&quot;d&quot;0.00"/></numFmts>` +
      `<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="20"/></cellXfs></styleSheet>`,
    { compression: 'STORE' },
  );
  zip.file(
    'xl/worksheets/data.xml',
    `<worksheet xmlns="${MAIN}"><sheetData>` +
      `<row r="1"><c t="s"><v>0</v></c><c t="inlineStr"><is><t>Born</t></is></c><c t="inlineStr"><is><r><t>Sig</t></r><r><t>ned</t></r></is></c><c t="inlineStr"><is><t>Fee</t></is></c><c t="inlineStr"><is><t>Note</t></is></c></row>` +
      `<row><c t="s"><v>1</v></c><c s="1"><v>0</v></c><c t="d"><v>2025-03-14T12:00:00</v></c><c s="3"><v>5</v></c><c t="s"><v>2</v></c></row>` +
      `<row r="4"><c r="A4" t="s"><v>3</v></c><c r="B4" s="2"><v>45000</v></c><c r="E4" t="str"><f>A4&amp;"!"</f><v>x!</v></c><c r="F4"><f>1/0</f></c><c r="G4" t="e"><v>#DIV/0!</v></c><c r="H4" s="4"><v>0.5</v></c></row>` +
      `</sheetData></worksheet>`,
  );
  return new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
}

describe('reading an .xlsx written by other producers', () => {
  it('reads inline strings, ISO dates, 1904 dates moved to the 1900 system (times not), phonetic runs left out, stored parts', async () => {
    const got = await read(await handMadeBook());
    expect(got).toEqual({
      sheets: ['R&D > 2024'],
      sheet: 'R&D > 2024',
      rows: [
        ['Name', 'Born', 'Signed', 'Fee', 'Note'],
        ['Ямада Таро', serialFromParts(1904, 1, 1), serialFromParts(2025, 3, 14, 12), 5, 'line\rbreak & Я'],
        [],
        ['<b>raw</b>', 45000 + 1462, null, null, 'x!', null, '#DIV/0!', 0.5],
      ],
    });
  });

  it('tells date formats from times and numbers', () => {
    const dates = ['dd.mm.yyyy', 'yyyy\\-mm\\-dd', '[$-419]d\\ mmmm\\ yyyy;@', 'mmm-yy', 'mmmm', 'dd/mm/yyyy hh:mm'];
    const others = ['General', '0.00', '#,##0 [$руб.-419]', '"TRUE";"TRUE";"FALSE"', '"d"0.00', '0.00E+00', '[Red]#,##0', 'h:mm AM/PM', '[h]:mm:ss;@', 'mm:ss'];
    expect(dates.filter((f) => !isDateFormat(f))).toEqual([]);
    expect(others.filter(isDateFormat)).toEqual([]);
  });
});

describe('what is not an .xlsx workbook', () => {
  it('bytes that are not a zip archive', async () => {
    expect(await rejectedData(read(new TextEncoder().encode('Name,City\nAnna,Paris\n')))).toEqual({
      code: 'E_SOURCE',
      message: 'clients.xlsx is not an .xlsx workbook (not a zip archive, or one cut short).',
    });
  });

  it('an old .xls workbook', async () => {
    expect(await rejectedData(read(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])))).toEqual({
      code: 'E_SOURCE',
      message: 'clients.xlsx is an old .xls workbook (or one protected by a password), which Carnet cannot read: save it as .xlsx or .csv first.',
    });
  });

  it('a binary .xlsb workbook, and a workbook cut short', async () => {
    const zip = new JSZip();
    zip.file('_rels/.rels', `<Relationships><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.bin"/></Relationships>`);
    zip.file('xl/workbook.bin', new Uint8Array([1, 2, 3]));
    expect(await rejectedData(read(await zip.generateAsync({ type: 'uint8array' })))).toEqual({
      code: 'E_SOURCE',
      message: 'clients.xlsx is not an .xlsx workbook (it is a binary .xlsb workbook: save it as .xlsx first).',
    });
    const whole = await excelJsBook();
    const cut = whole.subarray(0, whole.length - 30);
    expect((await rejectedData(read(cut))).message).toMatch(/^clients\.xlsx is not an \.xlsx workbook \(/);
  });
});

describe('an .xlsx and an .ods made by LibreOffice', () => {
  const hasSoffice = requireProgram('soffice', 'reading workbooks LibreOffice wrote');
  let dir = '';
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carnet-xlsx-rows-'));
  });
  afterAll(async () => fs.rm(dir, { recursive: true, force: true }));

  async function convert(csv: string, to: 'xlsx' | 'ods'): Promise<Uint8Array> {
    const source = path.join(dir, `clients-${to}.csv`);
    await fs.writeFile(source, csv, 'utf8');
    // CSV:44,34,76,1 = comma, double quote, UTF-8, from row 1.
    execFileSync('soffice', ['--headless', '--infilter=CSV:44,34,76,1', '--convert-to', to, '--outdir', dir, source], { stdio: 'ignore', env: { ...process.env, HOME: dir } });
    return new Uint8Array(await fs.readFile(source.replace(/\.csv$/, `.${to}`)));
  }

  it.skipIf(!hasSoffice)('reads its strings, numbers, dates and booleans', async () => {
    const bytes = await convert('Name,Amount,Date,Active,Phone\nАнна Петрова,1250.5,2025-03-14,TRUE,+7 916 123-45-67\nBoris,42,14.03.2025,FALSE,0012\n', 'xlsx');
    expect(await read(bytes)).toEqual({
      sheets: ['clients-xlsx'],
      sheet: 'clients-xlsx',
      rows: [
        ['Name', 'Amount', 'Date', 'Active', 'Phone'],
        ['Анна Петрова', 1250.5, serialFromParts(2025, 3, 14), true, '+7 916 123-45-67'],
        ['Boris', 42, '14.03.2025', false, 12],
      ],
    });
  });

  it.skipIf(!hasSoffice)('refuses an OpenDocument spreadsheet, saying what it is', async () => {
    expect(await rejectedData(read(await convert('Name\nAnna\n', 'ods')))).toEqual({
      code: 'E_SOURCE',
      message: 'clients.xlsx is not an .xlsx workbook (it is an OpenDocument spreadsheet: save it as .xlsx or .csv first).',
    });
  });
});
