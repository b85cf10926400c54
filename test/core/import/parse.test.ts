import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../../core/import/encoding.js';
import { readSource } from '../../../core/import/parse.js';
import { MAX_SOURCE_CHARS, MAX_SOURCE_ROWS, type ParseOptions, type SourceTable } from '../../../core/import/source-types.js';
import type { Cell } from '../../../core/workbook.js';
import { thrownData } from '../../helpers/error-data.js';

const file = (text: string, options?: ParseOptions, encoding?: string): SourceTable => readSource({ kind: 'text', text, name: 'clients.csv', ...(encoding ? { encoding } : {}) }, options);
const pasted = (text: string, options?: ParseOptions): SourceTable => readSource({ kind: 'text', text }, options);
const refused = (text: string, options?: ParseOptions, encoding?: string) => thrownData(() => file(text, options, encoding));
const detectedAll = { delimiter: true, quote: true, header: true };

describe('reading delimited text', () => {
  it.each([
    [',', 'comma'],
    [';', 'semicolon'],
    ['\t', 'tab'],
    ['|', 'pipe'],
  ])('detects a %j (%s) delimiter', (d) => {
    const text = ['Name', 'Phone', 'City'].join(d) + '\n' + ['Anna Petrova', '+7 916 123-45-67', 'Moscow'].join(d) + '\n' + ['Boris', '+7 921 555-01-02', 'Kazan'].join(d) + '\n';
    expect(file(text)).toEqual({
      header: ['Name', 'Phone', 'City'],
      rows: [
        ['Anna Petrova', '+7 916 123-45-67', 'Moscow'],
        ['Boris', '+7 921 555-01-02', 'Kazan'],
      ],
      firstRow: 2,
      delimiter: d,
      quote: '"',
      hasHeader: true,
      detected: detectedAll,
    });
  });

  it("reads a Russian Excel's semicolons, though values hold commas", () => {
    const t = file('Имя;Адрес;Сумма\r\nАнна;Москва, ул. Ленина, 5;1 250,50\r\nБорис;Казань;300\r\n');
    expect([t.delimiter, t.header, t.rows]).toEqual([';', ['Имя', 'Адрес', 'Сумма'], [['Анна', 'Москва, ул. Ленина, 5', '1 250,50'], ['Борис', 'Казань', '300']]]);
  });

  it('takes the delimiter, quote and header given', () => {
    const t = file("a|b\n'x|y'|z\n", { delimiter: '|', quote: "'", header: false });
    expect(t).toEqual({
      header: ['Column 1', 'Column 2'],
      rows: [
        ['a', 'b'],
        ['x|y', 'z'],
      ],
      firstRow: 1,
      delimiter: '|',
      quote: "'",
      hasHeader: false,
      detected: { delimiter: false, quote: false, header: false },
    });
  });

  it('reads quoted fields: the delimiter and doubled quotes inside, line breaks inside', () => {
    const t = file('Company,Note,City\n"Acme, Inc.","He said ""yes""\nthen left",Paris\nGlobex,,Lyon\n');
    expect(t.rows).toEqual([
      ['Acme, Inc.', 'He said "yes"\nthen left', 'Paris'],
      ['Globex', '', 'Lyon'],
    ]);
    expect(t.firstRow).toBe(2);
  });

  it("detects ' as the quote when fields are quoted with it and never with \"", () => {
    const t = file("Company,City\n'Acme, Inc.',Paris\nL'Oréal,Clichy\n");
    expect([t.quote, t.rows]).toEqual(["'", [['Acme, Inc.', 'Paris'], ["L'Oréal", 'Clichy']]]);
  });

  it('numbers rows as a spreadsheet does: a multi-line cell is one row, a blank line is a row', () => {
    const t = file('Name,Note\n"Anna","two\nlines"\n\nBoris,x\n');
    expect(t.rows).toEqual([
      ['Anna', 'two\nlines'],
      ['', ''],
      ['Boris', 'x'],
    ]);
    expect(t.firstRow).toBe(2);
    // Boris is record 4 of the file: header, Anna, the blank line, Boris.
    expect(t.firstRow + t.rows.findIndex((r) => r[0] === 'Boris')).toBe(4);
  });

  it('pads rows that end early (spreadsheets drop trailing empty cells) and drops empty columns at the end', () => {
    const t = file('A;B;C;;\n1;2\n4;5;6;;\n');
    expect([t.header, t.rows]).toEqual([['A', 'B', 'C'], [['1', '2', ''], ['4', '5', '6']]]);
  });

  it('keeps cells as text: the plan normalises them', () => {
    expect(file('Amount,Date\n0012,01.02.2025\n').rows).toEqual([['0012', '01.02.2025']]);
  });

  it('drops a byte order mark left in the text', () => {
    expect(file('\uFEFFName,City\nAnna,Paris\n').header).toEqual(['Name', 'City']);
  });
});

describe('text pasted from a spreadsheet, a web page or Word', () => {
  it('is tab-separated, with CRLF and a trailing line break', () => {
    expect(pasted('Name\tEmail\r\nAnna\tanna@example.com\r\nBoris\tboris@example.com\r\n')).toEqual({
      header: ['Name', 'Email'],
      rows: [
        ['Anna', 'anna@example.com'],
        ['Boris', 'boris@example.com'],
      ],
      firstRow: 2,
      delimiter: '\t',
      quote: '"',
      hasHeader: true,
      detected: detectedAll,
    });
  });

  it('drops the trailing empty line and the empty cells a selection carries', () => {
    const t = pasted('Name\tCity\t\r\nAnna\tParis\t\r\n\t\t\r\n\r\n');
    expect([t.header, t.rows]).toEqual([['Name', 'City'], [['Anna', 'Paris']]]);
  });

  it('reads values with commas inside as one cell', () => {
    expect(pasted('Company\tAddress\nAcme, Inc.\t5, rue de la Paix, Paris\n').rows).toEqual([['Acme, Inc.', '5, rue de la Paix, Paris']]);
  });
});

describe('the header row', () => {
  it('is data when the first row holds values: emails, phones, numbers, dates', () => {
    const t = file('Anna,anna@example.com,+7 916 123-45-67\nBoris,boris@example.com,+7 921 555-01-02\n');
    expect([t.hasHeader, t.header, t.firstRow, t.rows.length]).toEqual([false, ['Column 1', 'Column 2', 'Column 3'], 1, 2]);
    expect(file('Acme,2024-01-15,1200\nGlobex,2024-02-01,300\n').hasHeader).toBe(false);
  });

  it('is data when a name repeats in its column below, or names repeat', () => {
    expect(file('Moscow,Retail\nKazan,Retail\nMoscow,Banks\n').hasHeader).toBe(false);
    expect(file('Phone,Phone\n1,2\n').hasHeader).toBe(false);
  });

  it('is taken when the table is words only, as most files have one', () => {
    expect(file('Company,City\nAcme,Paris\n').hasHeader).toBe(true);
  });

  it('can be forced either way; a blank header cell is named by its column', () => {
    expect(file('Anna,anna@example.com\n', { header: true })).toMatchObject({ header: ['Anna', 'anna@example.com'], rows: [], hasHeader: true, detected: { header: false } });
    expect(file('Name,,City\nAnna,x,Paris\n', { header: true }).header).toEqual(['Name', 'Column 2', 'City']);
  });

  it('may stand alone: a file with a header and no rows', () => {
    expect(file('Name;Phone;City\r\n')).toMatchObject({ header: ['Name', 'Phone', 'City'], rows: [], delimiter: ';' });
  });
});

describe('a one-column table', () => {
  it('is read when its first row names one column: a list of company names', () => {
    expect(file('Company\nAcme\n"Globex, Inc."\n')).toEqual({
      header: ['Company'],
      rows: [['Acme'], ['Globex, Inc.']],
      firstRow: 2,
      quote: '"',
      hasHeader: true,
      detected: detectedAll,
    });
  });

  it('is read with the delimiter given', () => {
    expect(file('Name,Phone\nAcme\nGlobex\n', { delimiter: ';' }).header).toEqual(['Name,Phone']);
  });

  it('is refused when its first row holds a delimiter the rows below do not', () => {
    expect(refused('Name;Phone\nAcme\nGlobex\n')).toEqual({
      code: 'E_SOURCE',
      row: 1,
      message: 'clients.csv: no delimiter splits its rows into columns (tried comma, semicolon, tab, pipe); its first row holds a semicolon but the rows below do not. Choose the delimiter, or check that the file is a table.',
    });
  });
});

describe('rows of a sheet', () => {
  const sheet = (rows: Cell[][], options?: ParseOptions) => readSource({ kind: 'rows', rows, name: 'clients.xlsx', sheet: 'Contacts' }, options);

  it('keeps cell values, and drops the empty rows and columns around the table', () => {
    const rows: Cell[][] = [[], [null, null, null], [null, 'Name', 'Amount', 'Active', null], [null, 'Anna', 1250.5, true], [null, 'Boris', 45678, false, null], [null, null], []];
    expect(sheet(rows)).toEqual({
      header: ['Name', 'Amount', 'Active'],
      rows: [
        ['Anna', 1250.5, true],
        ['Boris', 45678, false],
      ],
      firstRow: 4,
      hasHeader: true,
      detected: { header: true },
    });
  });

  it('names the columns past the header, and takes a first row of numbers for data', () => {
    expect(sheet([['Name'], ['Anna', 'note']]).header).toEqual(['Name', 'Column 2']);
    expect(sheet([[2024, 2025], [1, 2]])).toMatchObject({ header: ['Column 1', 'Column 2'], hasHeader: false, firstRow: 1 });
  });

  it('leaves out a title above the table, alone on its row with a blank row under it', () => {
    const rows: Cell[][] = [['Liste des clients 2024'], [], ['Société', 'Ville'], ['Acme', 'Lyon']];
    expect(sheet(rows)).toMatchObject({ header: ['Société', 'Ville'], rows: [['Acme', 'Lyon']], firstRow: 4, hasHeader: true });
    // Without the blank row, a first row holding one value is the table's own.
    expect(sheet([['Société'], ['Acme', 'Lyon']]).header).toEqual(['Société', 'Column 2']);
  });

  it('refuses an empty sheet', () => {
    expect(thrownData(() => sheet([[], [null, '  ']]))).toEqual({ code: 'E_SOURCE', sheet: 'Contacts', message: 'Sheet "Contacts" of clients.xlsx is empty: there is nothing to import.' });
  });

  it('refuses more rows than an import reads', () => {
    const rows: Cell[][] = Array.from({ length: MAX_SOURCE_ROWS + 2 }, (_, i) => [i]);
    expect(thrownData(() => sheet(rows, { header: true }))).toEqual({ code: 'E_SOURCE', message: 'Sheet "Contacts" of clients.xlsx holds more than 1,000,000 rows, the most an import reads. Split it into smaller files.' });
  });
});

describe('what cannot be read as a table gets one clear error', () => {
  it('a binary file', () => {
    const message = 'clients.csv does not look like text: it holds NUL characters, which text never holds (a binary file? an .xls/.xlsx saved with a .csv name?).';
    expect(refused('PK\u0003\u0004\u0014\u0000\u0006\u0000[Content_Types].xml')).toEqual({ code: 'E_SOURCE', message });
    expect(refused('\u0001\u0002\u0003\u0004\u0005\u0006abc')).toEqual({
      code: 'E_SOURCE',
      message: 'clients.csv does not look like text: it holds 6 control characters in its first 9 characters (a binary file? an .xls/.xlsx saved with a .csv name?).',
    });
  });

  it('an empty file, or only blank lines', () => {
    expect(refused('')).toEqual({ code: 'E_SOURCE', message: 'clients.csv is empty: there is nothing to import.' });
    expect(refused('\r\n  \r\n\t\n')).toEqual({ code: 'E_SOURCE', message: 'clients.csv holds only blank lines: there is nothing to import.' });
    expect(thrownData(() => pasted('\n\n'))).toEqual({ code: 'E_SOURCE', message: 'The pasted text holds only blank lines: there is nothing to import.' });
    expect(refused(';;\n;;\n')).toEqual({ code: 'E_SOURCE', message: 'clients.csv holds only blank lines: there is nothing to import.' });
  });

  it('rows with more fields than the header, by their row numbers', () => {
    expect(refused('Name,City\nAnna,Paris\n"Boris\nIvanov",Kazan,Tatarstan\nOlga,Perm,,\n')).toEqual({
      code: 'E_SOURCE',
      row: 3,
      message: "clients.csv: row 3 (3 fields) has more fields than the first row, which has 2: a value that holds a comma needs quotes, or the file's delimiter is not a comma.",
    });
    const many = ['A;B', ...Array.from({ length: 14 }, (_, i) => (i % 2 ? 'x;y' : 'x;y;z'))].join('\n');
    expect(refused(many)).toEqual({
      code: 'E_SOURCE',
      row: 2,
      message: "clients.csv: rows 2 (3 fields), 4 (3 fields), 6 (3 fields), 8 (3 fields), 10 (3 fields), 12 (3 fields), 14 (3 fields) have more fields than the first row, which has 2: a value that holds a semicolon needs quotes, or the file's delimiter is not a semicolon.",
    });
    const more = ['A,B', ...Array.from({ length: 12 }, () => 'x,y,z')].join('\n');
    expect(refused(more, { delimiter: ',' })?.message).toBe(
      "clients.csv: rows 2 (3 fields), 3 (3 fields), 4 (3 fields), 5 (3 fields), 6 (3 fields), 7 (3 fields), 8 (3 fields), 9 (3 fields), 10 (3 fields), 11 (3 fields) and 2 more have more fields than the first row, which has 2: a value that holds a comma needs quotes, or the file's delimiter is not a comma.",
    );
  });

  it('a quote never closed, at the row where it opens', () => {
    expect(refused('Name,Note\nAnna,"two\nlines"\nBoris,"open\nOlga,x\n')).toEqual({
      code: 'E_SOURCE',
      row: 3,
      message: 'clients.csv, row 3: a quote (") opens a field and is never closed, so the rest of the file would be one cell. Close the quote, or double it ("") where it is part of the text.',
    });
  });

  it('a quote never closed early in the file, which leaves no delimiter to detect', () => {
    expect(refused('name,city\n"Acme,Lyon\nBolt,Paris\nCo,Nantes\n')).toEqual({
      code: 'E_SOURCE',
      row: 2,
      message: 'clients.csv, row 2: a quote (") opens a field and is never closed, so the rest of the file would be one cell. Close the quote, or double it ("") where it is part of the text.',
    });
  });

  it('text after a closing quote', () => {
    expect(refused('Name,Note\n"Acme" Inc,x\nGlobex,y\n', { delimiter: ',' })).toEqual({
      code: 'E_SOURCE',
      row: 2,
      message: 'clients.csv, row 2: text follows the closing quote (") of a field. A quote inside a quoted field is written twice ("").',
    });
  });

  it('too much text, or too many rows', () => {
    expect(refused('a'.repeat(MAX_SOURCE_CHARS + 1))).toEqual({
      code: 'E_SOURCE',
      message: 'clients.csv holds 104,857,601 characters; an import reads at most 104,857,600 (100 MB). Split it into smaller files.',
    });
    expect(refused(`Name\n${'a\n'.repeat(MAX_SOURCE_ROWS + 1)}`)).toEqual({
      code: 'E_SOURCE',
      message: 'clients.csv holds more than 1,000,000 rows, the most an import reads. Split it into smaller files.',
    });
    expect(file(`Name\n${'a\n'.repeat(MAX_SOURCE_ROWS)}`).rows.length).toBe(MAX_SOURCE_ROWS);
  });

  it('text decoded in the wrong encoding: replacement characters', () => {
    const cp1251ReadAsUtf8 = decodeBytes(new Uint8Array([0xc8, 0xec, 0xff, 0x3b, 0xc3, 0xee, 0xf0, 0xee, 0xe4, 0x0a]), 'utf-8');
    expect(refused(cp1251ReadAsUtf8, {}, 'utf-8')).toEqual({
      code: 'E_SOURCE',
      value: 'utf-8',
      message: 'clients.csv does not look like utf-8 text: 8 characters (shown as \uFFFD) cannot be read in that encoding. Pick another encoding.',
    });
    expect(thrownData(() => pasted('Name\n\uFFFD\uFFFD\uFFFD\n'))).toEqual({
      code: 'E_SOURCE',
      message: 'The pasted text holds 3 characters (shown as \uFFFD) that were lost when it was copied: copy it again from a program that shows it right, or import the file itself.',
    });
  });

  it('text decoded in the wrong encoding: UTF-8 read as a single-byte one', () => {
    const utf8 = new TextEncoder().encode('Имя;Город\nАнна;Москва\n');
    expect(refused(decodeBytes(utf8, 'windows-1252'), {}, 'windows-1252')).toEqual({
      code: 'E_SOURCE',
      value: 'windows-1252',
      message: 'clients.csv does not look like windows-1252 text: it reads as UTF-8 ("Ð˜Ð¼Ñ\u008F;Ð“Ð¾Ñ€Ð¾Ð´" is "Имя;Город" in UTF-8). Pick utf-8.',
    });
    expect(thrownData(() => pasted(decodeBytes(utf8, 'windows-1251')))).toEqual({
      code: 'E_SOURCE',
      message: 'The pasted text looks garbled: it is UTF-8 text shown in another encoding ("Р\u0098РјСЏ;Р“РѕСЂРѕРґ" is "Имя;Город" in UTF-8). Copy it again from a program that shows it right.',
    });
  });

  it('but not accented text in its own single-byte encoding', () => {
    expect(file('Société;Ville\nÉlise Dupré;Besançon\n', {}, 'windows-1252').rows).toEqual([['Élise Dupré', 'Besançon']]);
    expect(pasted('Société\tVille\nÉlise Dupré\tBesançon\n').rows).toEqual([['Élise Dupré', 'Besançon']]);
  });

  it('options that are not a delimiter or a quote', () => {
    expect(refused('a,b', { delimiter: '::' })).toEqual({
      code: 'E_BAD_INPUT',
      field: 'delimiter',
      value: '::',
      message: 'The delimiter must be one character other than a quote or a line end (comma, semicolon, tab, pipe…), not "::".',
    });
    expect(refused('a,b', { quote: '`' })).toEqual({ code: 'E_BAD_INPUT', field: 'quote', value: '`', message: 'The quote character must be " or \', not "`".' });
  });
});
