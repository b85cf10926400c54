/**
 * `carnet import`'s file reading: a text file decoded in the encoding detected (or given), an
 * .xlsx read through ExcelJS, and the files refused before they are read.
 */

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serialFromParts } from '../../core/dates.js';
import { readSource } from '../../core/import/parse.js';
import { readImportFile } from '../../local/import/read-file.js';
import { rejectedData } from '../helpers/error-data.js';
import { encodeText } from '../helpers/iconv.js';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carnet-import-read-'));
});
afterEach(async () => fs.rm(dir, { recursive: true, force: true }));

const RUSSIAN = 'Имя;Телефон;Город\r\nАнна Петрова;+7 916 123-45-67;Москва\r\nБорис Иванов;+7 921 555-01-02;Казань\r\n';

describe('reading a file to import', () => {
  it('decodes a windows-1251 CSV, as a Russian Excel saves it', async () => {
    const file = path.join(dir, 'clients.csv');
    await fs.writeFile(file, encodeText(RUSSIAN, 'windows-1251'));
    const read = await readImportFile(file);
    expect(read.source).toEqual({ kind: 'text', text: RUSSIAN, name: 'clients.csv', encoding: 'windows-1251' });
    expect([read.encoding?.encoding, read.encoding?.used, read.encoding?.confidence, read.sheets]).toEqual(['windows-1251', 'windows-1251', 'likely', undefined]);
    expect(readSource(read.source).rows).toEqual([
      ['Анна Петрова', '+7 916 123-45-67', 'Москва'],
      ['Борис Иванов', '+7 921 555-01-02', 'Казань'],
    ]);
  });

  it('decodes in the encoding given, keeping what was detected', async () => {
    const file = path.join(dir, 'clients.txt');
    await fs.writeFile(file, encodeText(RUSSIAN, 'windows-1251'));
    const read = await readImportFile(file, { encoding: 'koi8-r' });
    expect(read.source).toMatchObject({ kind: 'text', encoding: 'koi8-r' });
    expect((read.source as { text: string }).text.slice(0, 3)).toBe('хЛЪ');
    expect([read.encoding?.encoding, read.encoding?.used]).toEqual(['windows-1251', 'koi8-r']);
  });

  it('reads an .xlsx: its first visible sheet, dates as serials, rich text, formula results, link texts; merged cells once', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Notes').state = 'hidden';
    const sheet = book.addWorksheet('Contacts');
    sheet.addRow(['Name', 'Since', 'Company', 'Total', 'Site', 'Active']);
    sheet.addRow([
      'Анна',
      new Date(Date.UTC(2025, 2, 14)),
      { richText: [{ text: 'ООО ' }, { text: 'Ромашка', font: { italic: true } }] },
      { formula: '2*3', result: 6 },
      { text: 'example.com', hyperlink: 'https://example.com' },
      true,
    ]);
    sheet.getCell('B2').numFmt = 'dd.mm.yyyy';
    sheet.addRow(['Merged over two cells']);
    sheet.mergeCells('A3:B3');
    sheet.addRow([null, null, { formula: 'NA()', result: { error: '#N/A' } }]);
    book.addWorksheet('Deals').addRow(['Deal']);
    const file = path.join(dir, 'clients.xlsx');
    await book.xlsx.writeFile(file);

    expect(await readImportFile(file)).toEqual({
      source: {
        kind: 'rows',
        name: 'clients.xlsx',
        sheet: 'Contacts',
        rows: [
          ['Name', 'Since', 'Company', 'Total', 'Site', 'Active'],
          ['Анна', serialFromParts(2025, 3, 14), 'ООО Ромашка', 6, 'example.com', true],
          ['Merged over two cells'],
          [null, null, '#N/A'],
        ],
      },
      sheets: ['Notes', 'Contacts', 'Deals'],
    });
    expect((await readImportFile(file, { sheet: 'deals' })).source).toMatchObject({ sheet: 'Deals', rows: [['Deal']] });
  });

  it('refuses a sheet the workbook does not have, listing those it has', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Contacts');
    const file = path.join(dir, 'clients.xlsx');
    await book.xlsx.writeFile(file);
    expect(await rejectedData(readImportFile(file, { sheet: 'Leads' }))).toEqual({ code: 'E_SOURCE', sheet: 'Leads', message: 'clients.xlsx has no sheet named "Leads". Its sheets: "Contacts".' });
  });

  it('refuses a file over the limit from its size, without reading it', async () => {
    const file = path.join(dir, 'huge.csv');
    // A sparse file: 200 MB long, nothing written.
    await fs.writeFile(file, '');
    await fs.truncate(file, 200 * 2 ** 20);
    expect(await rejectedData(readImportFile(file))).toEqual({
      code: 'E_SOURCE',
      value: 209_715_200,
      message: 'huge.csv is 200 MB (209,715,200 bytes); an import reads files of at most 100 MB (104,857,600 bytes). Split it into smaller files.',
    });
  });

  it('refuses a file that is not there, or a folder', async () => {
    const missing = path.join(dir, 'nowhere.csv');
    expect(await rejectedData(readImportFile(missing))).toEqual({ code: 'E_FILE', value: missing, message: `No such file: ${missing}` });
    expect(await rejectedData(readImportFile(dir))).toEqual({ code: 'E_FILE', value: dir, message: `${dir} is a folder, not a file to import.` });
  });

  it('refuses an old .xls workbook, whatever its name', async () => {
    const file = path.join(dir, 'clients.csv');
    await fs.writeFile(file, new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    expect(await rejectedData(readImportFile(file))).toEqual({
      code: 'E_SOURCE',
      message: 'clients.csv is an old .xls workbook (or one protected by a password), which Carnet cannot read: save it as .xlsx or .csv first.',
    });
  });

  it('refuses a zip archive with no workbook in it (which ExcelJS would read as an empty one)', async () => {
    const zip = new JSZip();
    zip.file('notes.txt', 'hello');
    const file = path.join(dir, 'clients.xlsx');
    await fs.writeFile(file, await zip.generateAsync({ type: 'uint8array' }));
    expect(await rejectedData(readImportFile(file))).toEqual({ code: 'E_SOURCE', message: 'clients.xlsx is not an .xlsx workbook (it is a zip archive with no workbook in it).' });
  });

  it('reads tab-separated text a web app saved as ".xls" as the text it is', async () => {
    const file = path.join(dir, 'export.xls');
    await fs.writeFile(file, 'Name\tCity\r\nAnna\tParis\r\n');
    expect((await readImportFile(file)).source).toEqual({ kind: 'text', text: 'Name\tCity\r\nAnna\tParis\r\n', name: 'export.xls', encoding: 'utf-8' });
  });
});
