import ExcelJS from 'exceljs';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import { serialFromParts } from '../../../core/dates.js';
import type { ErrorData } from '../../../core/errors.js';
import { decodeBase64, encodeBase64 } from '../../../core/export/base64.js';
import { unguardCell } from '../../../core/export/csv-guard.js';
import { writeDelimited } from '../../../core/export/csv-write.js';
import { csvCell, exportDirectory, exportText, type ExportOptions } from '../../../core/export/export.js';
import { normalizeValue } from '../../../core/fields/normalize.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';
import { Crm } from '../../../core/records/crm.js';
import { setupCrm } from '../../../core/schema/setup.js';
import { FIELD_TYPES, type FieldDef, type FieldType, type Lang, type Schema } from '../../../core/schema/types.js';
import type { Cell } from '../../../core/workbook.js';
import { ok, refused } from '../../helpers/commands.js';
import { miniSchema } from '../../helpers/schemas.js';
import { EN, FR, RU, field, type Ctx } from '../fields/helpers.js';

const TODAY = serialFromParts(2026, 11, 27);
const DEFAULTS = { today: TODAY, now: TODAY + 0.5, user: 'anna@example.com' };
const l = (en: string, fr: string, ru: string) => ({ en, fr, ru });

/** The small test CRM, in a language, its companies with a date-time, money, yes/no and a hidden long text too. */
function schema(lang: Lang): Schema {
  const s: Schema = { ...miniSchema(), lang, country: lang === 'ru' ? 'RU' : 'FR', dateOrder: lang === 'en' ? 'mdy' : 'dmy' };
  s.directories
    .find((d) => d.key === 'companies')!
    .fields.push(
      { key: 'called', type: 'datetime', labels: l('Called', 'Appelée', 'Звонок') },
      { key: 'revenue', type: 'money', labels: l('Revenue', 'CA', 'Выручка') },
      { key: 'active', type: 'boolean', labels: l('Active', 'Active', 'Активна') },
      { key: 'notes', type: 'longtext', labels: l('Notes', 'Notes', 'Заметки'), hidden: true },
    );
  return s;
}

async function crmWith(lang: Lang, companies: Record<string, Cell>[]): Promise<{ wb: MemoryWorkbook; ctx: Context }> {
  const wb = new MemoryWorkbook({ id: 'anna@example.com', name: 'Anna' });
  await setupCrm(wb, schema(lang), { cities: [{ name: 'Lyon' }, { name: 'Nantes' }], companies }, DEFAULTS);
  return { wb, ctx: { wb, now: () => TODAY + 0.5 } };
}

async function exported(wb: MemoryWorkbook, options: Partial<ExportOptions> = {}) {
  return exportDirectory(await Crm.open(wb), 'companies', { format: 'csv', today: TODAY, ...options });
}

/** Papaparse's reading of a CSV, without the empty row after the last line end. */
function parse(text: string, delimiter = ','): string[][] {
  return Papa.parse<string[]>(text, { delimiter, newline: '\r\n', skipEmptyLines: false }).data.slice(0, -1);
}
const utf8 = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

const ACME = { name: 'Acme', city: 'lyon', phone: '06 12 34 56 78', created: '2025-01-31', called: '2025-01-31 14:05:30', revenue: '1 234,5', discount: '12,5 %', active: 'oui', notes: 'Line 1\nLine "2"' };
const FORMULA = { name: '=1+1', city: 'Nantes', revenue: '-5', discount: '-15%', active: false };

describe('exportDirectory', () => {
  it('writes a CSV in UTF-8 with a BOM: ID, every field (hidden too) under its label in the workbook language, guarded text', async () => {
    const { wb } = await crmWith('fr', [ACME, FORMULA]);
    const file = await exported(wb);
    expect(file.fileName).toBe('Sociétés 2026-11-27.csv');
    expect(file.mime).toBe('text/csv; charset=utf-8; header=present');
    expect([file.rows, file.encoding, file.delimiter, file.bom]).toEqual([2, 'utf-8', ',', true]);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(utf8(file.bytes.subarray(3))).toBe(
      'ID,Nom,Ville,Courriel,Téléphone,SIRET,Remise,Créée,Responsable,Appelée,CA,Active,Notes\r\n' +
        'CO-000001,Acme,Lyon,,"\'+33612345678",,12.5%,2025-01-31,anna@example.com,2025-01-31 14:05:30,1234.50,oui,"Line 1\nLine ""2"""\r\n' +
        'CO-000002,"\'=1+1",Nantes,,,,-15%,2026-11-27,anna@example.com,,-5.00,non,\r\n',
    );
  });

  it('keeps the records a filter keeps, as record.list does (any case, values read like input)', async () => {
    const { wb } = await crmWith('en', [ACME, FORMULA, { name: 'Bolt', city: 'Lyon' }]);
    const file = await exported(wb, { where: { City: 'LYON' } });
    expect(parse(utf8(file.bytes.subarray(3))).map((r) => r[1])).toEqual(['Name', 'Acme', 'Bolt']);
    expect(file.rows).toBe(2);
    expect((await exported(wb, { where: { active: 'no' } })).rows).toBe(1);
  });

  it('writes TSV, and CSV with another delimiter, encoding and no BOM', async () => {
    const { wb } = await crmWith('ru', [{ name: 'Ромашка; ООО', city: 'Lyon' }]);
    const tsv = await exported(wb, { format: 'tsv' });
    expect(tsv.fileName).toBe('Компании 2026-11-27.tsv');
    expect(tsv.mime).toBe('text/tab-separated-values; charset=utf-8; header=present');
    expect(parse(utf8(tsv.bytes.subarray(3)), '\t')[1]!.slice(0, 3)).toEqual(['CO-000001', 'Ромашка; ООО', 'Lyon']);
    const cp1251 = await exported(wb, { delimiter: ';', encoding: 'windows-1251', bom: false });
    expect([cp1251.encoding, cp1251.bom]).toEqual(['windows-1251', false]);
    expect(new TextDecoder('windows-1251').decode(cp1251.bytes)).toMatch(/^ID;Название;Город;.*\r\nCO-000001;"Ромашка; ООО";Lyon;/);
  });

  it('refuses a character the encoding cannot hold, naming the cell, and writes nothing', async () => {
    const { wb } = await crmWith('en', [ACME, { name: 'Café €', city: 'Lyon' }]);
    const crm = await Crm.open(wb);
    await expect(exportDirectory(crm, 'companies', { format: 'csv', encoding: 'windows-1251', today: TODAY })).rejects.toMatchObject({
      data: {
        code: 'E_INVALID_VALUE',
        row: 3,
        field: 'Name',
        sheet: 'Companies',
        cell: 'B3',
        value: 'Café €',
        message: 'Companies!B3 (Name of CO-000002, "Café €") holds "é" (U+00E9), which Windows-1251 cannot hold. Nothing was exported: export in UTF-8, which holds every character, or change the cell.',
      } satisfies ErrorData,
    });
  });

  it('refuses options that do not go with the format', async () => {
    const { wb } = await crmWith('en', []);
    const crm = await Crm.open(wb);
    const refusal = (o: Partial<ExportOptions>) => exportDirectory(crm, 'companies', { format: 'csv', today: TODAY, ...o }).catch((e) => e.data);
    expect(await refusal({ format: 'xlsx', encoding: 'utf-8' })).toEqual({ code: 'E_BAD_INPUT', field: 'encoding', message: 'An .xlsx export has no encoding to choose (the format is always Unicode); leave the encoding out.' });
    expect(await refusal({ format: 'tsv', delimiter: ';' })).toEqual({ code: 'E_BAD_INPUT', field: 'delimiter', message: 'A TSV export is tab-separated; for another delimiter, export CSV.' });
    expect(await refusal({ delimiter: '#' })).toEqual({ code: 'E_BAD_INPUT', field: 'delimiter', message: 'The delimiter must be one of comma, semicolon, tab or pipe, not "#".' });
    expect(await refusal({ encoding: 'koi8-r', bom: true })).toEqual({ code: 'E_BAD_INPUT', field: 'bom', message: 'KOI8-R has no byte-order mark; only UTF-8 and UTF-16 do.' });
  });

  it('exports a cell as it is when it does not hold its field’s kind of value, and an empty cell for a missing column', async () => {
    const { wb } = await crmWith('en', [ACME]);
    // By hand: a time in a date column, text over a date-time, more digits than the currency keeps; Notes renamed.
    await wb.write('Companies', 1, 7, [[45000.75, 'anna@example.com', '=HYPERLINK("x")', 1.2345]]);
    await wb.write('Companies', 0, 12, [['Remarks']]);
    const [, row] = parse(utf8((await exported(wb)).bytes.subarray(3)));
    expect(row!.slice(7)).toEqual(['2023-03-15 18:00', 'anna@example.com', '\'=HYPERLINK("x")', '1.2345', 'yes', '']);
  });

  it('writes an .xlsx of typed cells under the directory’s number formats, formula-looking text as text', async () => {
    const { wb } = await crmWith('en', [ACME, FORMULA]);
    const file = await exported(wb, { format: 'xlsx' });
    expect([file.fileName, file.mime, file.rows]).toEqual(['Companies 2026-11-27.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 2]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.bytes) as unknown as ExcelJS.Buffer);
    const ws = book.getWorksheet('Companies')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['ID', 'Name', 'City', 'Email', 'Phone', 'Tax ID', 'Discount', 'Created', 'Owner', 'Called', 'Revenue', 'Active', 'Notes']);
    const cells = (refs: string) => refs.split(' ').map((ref) => ws.getCell(ref).value);
    expect(cells('A2 B2 C2 D2 E2 G2 H2 J2 K2 L2 M2')).toEqual(['CO-000001', 'Acme', 'Lyon', null, '+33612345678', 0.125, new Date(Date.UTC(2025, 0, 31)), new Date(Date.UTC(2025, 0, 31, 14, 5, 30)), 1234.5, true, 'Line 1\nLine "2"']);
    expect(cells('A3 B3 K3 L3')).toEqual(['CO-000002', '=1+1', -5, false]);
    expect('E2 G2 H2 J2 K2'.split(' ').map((ref) => ws.getCell(ref).numFmt)).toEqual(['@', '0.##%', 'yyyy-mm-dd', 'yyyy-mm-dd hh:mm', '#,##0.00']);
  });
});

describe('export.file', () => {
  it('returns the file in base64, with what was used', async () => {
    const { wb, ctx } = await crmWith('en', [ACME]);
    const r = await ok(ctx, 'export.file', { directory: 'Companies', format: 'csv', delimiter: ';', where: { name: 'acme' } });
    const file = await exported(wb, { delimiter: ';', where: { name: 'acme' } });
    expect(r).toEqual({ directory: 'companies', fileName: 'Companies 2026-11-27.csv', mime: file.mime, rows: 1, encoding: 'utf-8', delimiter: ';', bom: true, base64: expect.any(String) });
    expect(decodeBase64(r.base64)).toEqual(file.bytes);
  });

  it('writes base64 as RFC 4648 does (Node’s Buffer agrees), and reads it back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40_000 }), (bytes) => {
        const text = encodeBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(decodeBase64(text)).toEqual(bytes);
      }),
      { numRuns: 200 },
    );
    expect(() => decodeBase64('abc')).toThrow('Not base64 text.');
  });

  it('checks its input at the boundary', async () => {
    const { ctx } = await crmWith('en', []);
    expect(await refused(ctx, 'export.file', { directory: 'companies', format: 'pdf' })).toEqual({ code: 'E_BAD_INPUT', field: 'format', value: 'pdf', message: 'format: expected one of csv, tsv, xlsx, got "pdf".' });
    expect((await refused(ctx, 'export.file', { directory: 'nope', format: 'csv' })).code).toBe('E_UNKNOWN_DIRECTORY');
    expect((await refused(ctx, 'export.file', { directory: 'companies', format: 'csv', where: { colour: 'red' } })).code).toBe('E_UNKNOWN_FIELD');
  });
});

describe('every exported cell reads back as the stored value', () => {
  const contexts: Ctx[] = [EN, FR, RU, { ...FR, dateOrder: 'ymd' }];
  const currency = fc.constantFrom('EUR', 'USD', 'JPY', 'KWD', 'RUB');
  const guardedText = fc
    .tuple(fc.stringMatching(/^'{0,2}$/), fc.constantFrom('', '=', '+', '-', '@', '"', ','), fc.string({ unit: 'grapheme' }))
    .map(([q, t, rest]) => `${q}${t}${rest}`);
  /** Raw inputs per type; the stored value is what normalizeValue makes of them. */
  const raw: Record<FieldType, fc.Arbitrary<Cell>> = {
    text: fc.oneof(fc.string(), guardedText),
    longtext: fc.array(guardedText, { maxLength: 4 }).map((lines) => lines.join('\n')),
    user: fc.oneof(fc.emailAddress(), guardedText),
    reference: guardedText,
    choice: fc.constantFrom('Lead', 'Won', 'Élevé', '=Odd', '-1'),
    integer: fc.maxSafeInteger(),
    number: fc.double({ noNaN: true, noDefaultInfinity: true }),
    money: fc.double({ min: -1e12, max: 1e12, noNaN: true }),
    percent: fc.double({ noNaN: true, noDefaultInfinity: true }),
    date: fc.integer({ min: 1, max: 2958465 }),
    datetime: fc.integer({ min: 86_400, max: 2958465 * 86_400 }).map((s) => s / 86_400),
    boolean: fc.boolean(),
    email: fc.emailAddress(),
    phone: fc.constantFrom('+79898775544', '8 (989) 877-55-44', '+33612345678', '06 12 34 56 78', '+14155552671;ext=123', '+442079460958', '+4915123456789'),
    url: fc.webUrl({ withQueryParameters: true, withFragments: true }),
  };
  const fieldOf = (type: FieldType, code: string): FieldDef => field(type, type === 'choice' ? { choices: ['Lead', 'Won', 'Élevé', '=Odd', '-1'] } : type === 'money' ? { currency: code } : {});

  it.each(FIELD_TYPES)('%s, through the guard, the CSV writer, papaparse and the import’s unguard, in en, fr and ru', (type) => {
    fc.assert(
      fc.property(raw[type], fc.constantFrom(...contexts), currency, fc.constantFrom(',', ';', '\t'), (input, ctx, code, delimiter) => {
        const f = fieldOf(type, code);
        const stored = normalizeValue(f, input, ctx);
        if (!stored.ok || stored.value === null) return;
        const text = parse(writeDelimited([[csvCell(f, stored.value, ctx), 'x']], { delimiter }), delimiter)[0]![0]!;
        expect(normalizeValue(f, unguardCell(text), ctx)).toEqual(stored);
      }),
      { numRuns: 400 },
    );
  });

  it('spells each type as documented', () => {
    const text = (type: FieldType, stored: Cell, extra: Partial<FieldDef> = {}, ctx: Ctx = EN) => exportText(field(type, extra), stored, ctx);
    expect(text('date', serialFromParts(2025, 1, 31))).toBe('2025-01-31');
    expect(text('datetime', serialFromParts(2025, 1, 31, 14, 5))).toBe('2025-01-31 14:05');
    expect(text('datetime', serialFromParts(2025, 1, 31, 14, 5, 9))).toBe('2025-01-31 14:05:09');
    expect(text('money', 1234.5, { currency: 'EUR' })).toBe('1234.50');
    expect(text('money', 1234, { currency: 'JPY' })).toBe('1234');
    expect(text('money', 1.2345, { currency: 'USD' })).toBe('1.2345');
    expect(text('number', 1e21)).toBe('1000000000000000000000');
    expect(text('number', -0.000001)).toBe('-0.000001');
    expect(text('percent', 0.125)).toBe('12.5%');
    expect([true, false].map((b) => [EN, FR, RU].map((ctx) => text('boolean', b, {}, ctx)))).toEqual([
      ['yes', 'oui', 'да'],
      ['no', 'non', 'нет'],
    ]);
  });

  it('for whole directories: any company names come back from the CSV exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(guardedText.map((s) => s.trim()).filter((s) => s !== ''), { minLength: 1, maxLength: 6, selector: (s) => s.replace(/\s+/g, ' ').toLocaleLowerCase() }), async (names) => {
        const { wb } = await crmWith('en', names.map((name) => ({ name })));
        const rows = parse(utf8((await exported(wb)).bytes.subarray(3)));
        expect(rows.slice(1).map((r) => unguardCell(r[1]!))).toEqual(names);
      }),
      { numRuns: 30 },
    );
  });
});
