/**
 * A directory, or the records a filter keeps, as a file: CSV or TSV in a chosen encoding, or XLSX.
 * An export is a full copy that re-imports exactly (issue 10): the `ID` column, then every field
 * (hidden ones too) under its label in the workbook's language, the rows in sheet order, and
 * references as the display keys they hold, so the file reads naturally and keeps its relations.
 *
 * CSV/TSV cells are text that `normalizeValue` reads back as the stored value, in every workbook
 * language and date order (proved per type in test/core/export/export.test.ts):
 * - dates ISO `2025-01-31`, date-times `2025-01-31 14:05` (`:ss` when there are seconds), the
 *   shapes every date order reads the same;
 * - numbers as plain decimals with a dot, never an exponent or a thousands separator (a dot is
 *   decimal in every language, a comma is not); money at its currency's minor unit (`1234.50`);
 *   percentages in points, `15%`, `12.5%` (exact: a decimal shift, no ×100 float noise);
 * - booleans as the workbook's words (yes/no, oui/non, да/нет), which the import reads in any
 *   language, as it reads TRUE/FALSE;
 * - phones in E.164, emails, links, choices and text as stored.
 * A cell that does not hold its field's kind of value (text typed over a date) is written as it
 * is, and a number is never rounded on the way out: a hand-typed 1.2345 in a money column stays
 * 1.2345. Text cells go through the CSV-injection guard (csv-guard.ts); numbers are Carnet's own
 * spelling and are not guarded.
 *
 * XLSX cells are typed (numbers, dates as serials under the directory's number formats,
 * booleans), and text is an inline string, which no spreadsheet program reads as a formula: so
 * the guard, which would add a quote to the value, is not applied there.
 */

import { isoDate } from '../dates.js';
import { fail } from '../errors.js';
import { say } from '../messages/say.js';
import { formatDateTime } from '../fields/date.js';
import { plainDecimal } from '../fields/decimal.js';
import { formatMoney } from '../fields/money.js';
import { formatValue, numberFormatFor } from '../fields/normalize.js';
import type { Crm } from '../records/crm.js';
import type { StoredRecord } from '../records/directory-table.js';
import { listRecords } from '../records/list.js';
import { ID_HEADER, type FieldDef, type Schema } from '../schema/types.js';
import { a1, type Cell } from '../workbook.js';
import { guardCell } from './csv-guard.js';
import { writeDelimited } from './csv-write.js';
import { encodeText, ENCODING_NAMES, hasBom, type CharPlace, type ExportEncoding } from './encode.js';
import { CSV_DELIMITERS, type ExportFormat } from './formats.js';
import { writeXlsx } from './xlsx-write.js';

export { CSV_DELIMITERS, EXPORT_FORMATS, type ExportFormat } from './formats.js';

export interface ExportOptions {
  format: ExportFormat;
  /** Field → value, every one must match (as `record.list` filters); absent: every record. */
  where?: Record<string, Cell>;
  /** CSV/TSV; default UTF-8. */
  encoding?: ExportEncoding;
  /** CSV; default `,`. TSV is tab-separated. */
  delimiter?: string;
  /** UTF-8/UTF-16: start with a byte-order mark; default true, so that Excel reads UTF-8. */
  bom?: boolean;
  /** Today as a workbook serial, for the file name. */
  today: number;
}

export interface ExportFile {
  /** `<Directory label> <yyyy-mm-dd>.<csv|tsv|xlsx>`. */
  fileName: string;
  mime: string;
  bytes: Uint8Array;
  /** Records exported (the header not counted). */
  rows: number;
  /** CSV/TSV: what was used. */
  encoding?: ExportEncoding;
  delimiter?: string;
  bom?: boolean;
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A stored cell as CSV text that normalises back to it. Mostly formatValue's spelling (what the
 * CLI shows); but a number is never rounded and a date column's time of day is kept, so that a
 * cell typed by hand is exported as it is.
 */
export function exportText(field: FieldDef, stored: Cell, schema: Pick<Schema, 'currency' | 'lang'>): string {
  if (typeof stored === 'number' && Number.isFinite(stored)) {
    if (field.type === 'date' && !Number.isInteger(stored)) return formatDateTime(stored);
    if (field.type === 'money') {
      const fixed = formatMoney(stored, field.currency ?? schema.currency);
      return Number(fixed) === stored ? fixed : plainDecimal(stored);
    }
  }
  return formatValue(field, stored, schema);
}

/** What the CSV holds for a stored cell: its text, guarded when the cell is text. */
export function csvCell(field: FieldDef, stored: Cell, schema: Pick<Schema, 'currency' | 'lang'>): string {
  const text = exportText(field, stored, schema);
  return typeof stored === 'string' ? guardCell(text) : text;
}

/** Refuses options that do not go with the format, rather than ignoring them. */
function checkOptions(o: ExportOptions): void {
  const refuse = (field: string, message: string): never => fail({ code: 'E_BAD_INPUT', field, message });
  if (o.format === 'xlsx') {
    if (o.encoding !== undefined) refuse('encoding', say('An .xlsx export has no encoding to choose (the format is always Unicode); leave the encoding out.'));
    if (o.delimiter !== undefined) refuse('delimiter', say('An .xlsx export has no delimiter; leave it out, or export CSV.'));
    if (o.bom !== undefined) refuse('bom', say('An .xlsx export has no byte-order mark; leave the option out.'));
  }
  if (o.format === 'tsv' && o.delimiter !== undefined && o.delimiter !== '\t') {
    refuse('delimiter', say('A TSV export is tab-separated; for another delimiter, export CSV.'));
  }
  if (o.delimiter !== undefined && !(CSV_DELIMITERS as readonly string[]).includes(o.delimiter)) {
    refuse('delimiter', say('The delimiter must be one of comma, semicolon, tab or pipe, not {delimiter}.', { delimiter: JSON.stringify(o.delimiter) }));
  }
  if (o.bom === true && o.encoding !== undefined && !o.encoding.startsWith('utf-')) {
    refuse('bom', say('{encoding} has no byte-order mark; only UTF-8 and UTF-16 do.', { encoding: ENCODING_NAMES[o.encoding] }));
  }
}

/** The records of the directory that `where` keeps, in sheet order, as stored. */
async function exportedRecords(crm: Crm, dirKey: string, where: Record<string, Cell> | undefined): Promise<StoredRecord[]> {
  const table = await crm.table(dirKey);
  if (!where || Object.keys(where).length === 0) return table.records;
  // record.list's own filter, so that an export keeps exactly what the list shows.
  const kept = new Set((await listRecords(crm, dirKey, where)).map((r) => r.row - 1));
  return table.records.filter((r) => kept.has(r.row));
}

/** A name every file system accepts: no path separators, no characters Windows forbids. */
function fileNameOf(label: string, today: number, extension: string): string {
  const safe = label.replace(/[\\/:*?"<>|\u0000-\u001F]/g, '-').trim() || 'Export';
  return `${safe} ${isoDate(Math.floor(today))}.${extension}`;
}

export async function exportDirectory(crm: Crm, dirKey: string, options: ExportOptions): Promise<ExportFile> {
  checkOptions(options);
  const schema = crm.schema;
  const dir = crm.directory(dirKey);
  const table = await crm.table(dirKey);
  const records = await exportedRecords(crm, dirKey, options.where);
  const label = dir.labels[schema.lang];
  const header = [ID_HEADER, ...dir.fields.map((f) => f.labels[schema.lang])];

  if (options.format === 'xlsx') {
    const rows: Cell[][] = [header];
    for (const r of records) rows.push([r.id || null, ...dir.fields.map((f) => r.values[f.key] ?? null)]);
    const formats = ['@', ...dir.fields.map((f) => numberFormatFor(f, schema))];
    const bytes = writeXlsx([{ name: label, rows, formats }]);
    return { fileName: fileNameOf(label, options.today, 'xlsx'), mime: XLSX_MIME, bytes, rows: records.length };
  }

  const encoding = options.encoding ?? 'utf-8';
  const delimiter = options.format === 'tsv' ? '\t' : (options.delimiter ?? ',');
  const rows: string[][] = [header.map(guardCell)];
  for (const r of records) rows.push([guardCell(r.id), ...dir.fields.map((f) => csvCell(f, r.values[f.key] ?? null, schema))]);
  const text = writeDelimited(rows, { delimiter });

  /** The first cell holding a character the encoding refused (the first in the text holds it). */
  const locate = (char: string): CharPlace | undefined => {
    for (let i = 0; i < rows.length; i++) {
      const c = rows[i]!.findIndex((cell) => cell.includes(char));
      if (c < 0) continue;
      const column = header[c]!;
      if (i === 0) return { where: say('The header "{header}"', { header: column }), row: 1, field: column, value: column };
      const rec = records[i - 1]!;
      const sheetColumn = c === 0 ? table.idColumn : (table.columns.get(dir.fields[c - 1]!.key) ?? -1);
      const cell = sheetColumn >= 0 ? a1(rec.row, sheetColumn) : undefined;
      const value = c === 0 ? rec.id : String(rec.values[dir.fields[c - 1]!.key] ?? '');
      const place = cell ? `${dir.sheet}!${cell}` : `${dir.sheet}!${say('row {row}', { row: rec.row + 1 })}`;
      const params = { place, column, id: rec.id, value: JSON.stringify(value) };
      return {
        where: rec.id ? say('{place} ({column} of {id}, {value})', params) : say('{place} ({column}, {value})', params),
        row: rec.row + 1,
        field: column,
        sheet: dir.sheet,
        ...(cell ? { cell } : {}),
        value,
      };
    }
    return undefined;
  };
  const bytes = encodeText(text, encoding, { bom: options.bom, locate });
  const extension = options.format;
  const mime = `${options.format === 'tsv' ? 'text/tab-separated-values' : 'text/csv'}; charset=${encoding}; header=present`;
  return { fileName: fileNameOf(label, options.today, extension), mime, bytes, rows: records.length, encoding, delimiter, bom: hasBom(encoding, options) };
}
