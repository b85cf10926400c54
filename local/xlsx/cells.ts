/**
 * Cells: ExcelJS values read as the port's `Cell`s and written from its grids, the used size of a
 * sheet, and the string escaping that lets text survive a save.
 */

import ExcelJS from 'exceljs';
import { serialFromUtcDate, utcDateFromSerial } from '../../core/dates.js';
import { CarnetError } from '../../core/errors.js';
import { columnLetter, isFormula, type Cell, type WriteGrid } from '../../core/workbook.js';
import { fail } from './errors.js';

/** The port's view of a cell value: dates as serials, formulas as their cached result, text as text. */
export function toCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  // ExcelJS builds Dates as UTC wall clock, so this is time-zone free.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : serialFromUtcDate(value);
  if ('error' in value) return value.error;
  if ('richText' in value) return toCell(value.richText.map((r) => r.text).join(''));
  if ('formula' in value || 'sharedFormula' in value) {
    if (value.result !== undefined) return toCell(value.result);
    // LibreOffice saves booleans as the formulas TRUE()/FALSE() with a cached 1/0 that ExcelJS
    // drops; read them back as the booleans they are.
    const f = 'formula' in value ? value.formula : undefined;
    if (typeof f === 'string' && /^(TRUE|FALSE)\(\)$/i.test(f.trim())) return f.trim().toUpperCase() === 'TRUE()';
    return null;
  }
  if ('text' in value) {
    // A hyperlink's text may itself be rich text.
    const text: unknown = value.text;
    if (typeof text === 'string') return toCell(text);
    if (text && typeof text === 'object' && 'richText' in text) return toCell(text as ExcelJS.CellRichTextValue);
  }
  return null;
}

/** Values (sparse, 0-based) and the used size; the values are skipped when only the size matters. */
export function scan(ws: ExcelJS.Worksheet, withValues: boolean): { cells: Cell[][]; rows: number; columns: number } {
  const cells: Cell[][] = [];
  let rows = 0;
  let columns = 0;
  ws.eachRow((row, rowNumber) => {
    row.eachCell((cell, colNumber) => {
      // A merged cell's other cells echo the top-left value in ExcelJS; spreadsheets show them empty.
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const v = toCell(cell.value);
      if (v === null) return;
      if (rowNumber > rows) rows = rowNumber;
      if (colNumber > columns) columns = colNumber;
      if (withValues) (cells[rowNumber - 1] ??= [])[colNumber - 1] = v;
    });
  });
  return { cells, rows, columns };
}

/** Writes `grid` with its top-left cell at 0-based (`row`, `column`). */
export function writeGrid(book: ExcelJS.Workbook, ws: ExcelJS.Worksheet, row: number, column: number, grid: WriteGrid): void {
  const date1904 = book.properties.date1904 === true;
  const where = (r: number, c: number) => `${columnLetter(column + c)}${row + r + 1}`;
  /** A number as ExcelJS must be handed it for this cell (see below). */
  const number = (v: number, cell: ExcelJS.Cell, r: number, c: number): number | Date => {
    if (!Number.isFinite(v)) {
      throw new CarnetError({
        code: 'E_INVALID_VALUE',
        message: `A spreadsheet cannot hold ${v} (${ws.name}!${where(r, c)})`,
        sheet: ws.name,
        cell: where(r, c),
        value: String(v),
      });
    }
    // In a 1904-based workbook a date cell's number means another day; ExcelJS converts a
    // Date with the workbook's base, so hand it the day rather than the raw serial.
    return date1904 && isDateFormat(cell.numFmt) ? utcDateFromSerial(v) : v;
  };
  let formulas = false;
  for (let r = 0; r < grid.length; r++) {
    const src = grid[r] ?? [];
    const target = ws.getRow(row + r + 1);
    for (let c = 0; c < src.length; c++) {
      const v = src[c];
      const cell = target.getCell(column + c + 1);
      if (isFormula(v)) {
        // Carnet's own formula (checked by checkFormulas): ExcelJS takes the text without its
        // `=`, and the value core computed as the cached result that readers show until they
        // recalculate. A null value leaves no cached result: the cell reads empty until then.
        const result = v.value === null || v.value === '' ? undefined : typeof v.value === 'number' ? number(v.value, cell, r, c) : v.value;
        cell.value = result === undefined ? { formula: v.formula.slice(1) } : { formula: v.formula.slice(1), result };
        formulas = true;
      } else if (v === null || v === undefined || v === '') {
        cell.value = null; // keeps the cell's style
      } else if (typeof v === 'number') {
        cell.value = number(v, cell, r, c);
      } else {
        // Strings are stored as (shared) strings: literal text in every reader, whatever their
        // first character. ExcelJS cannot write `quotePrefix`, so nothing more is possible here.
        cell.value = v;
      }
    }
  }
  // Excel recalculates the whole workbook when it opens it, so a cached result can never stay
  // stale there. (LibreOffice's default for .xlsx files is to trust cached results instead.)
  if (formulas) book.calcProperties = { ...book.calcProperties, fullCalcOnLoad: true };
}

export function checkIndex(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) fail(`Bad ${what} index: ${n}`, 'E_BAD_INPUT');
}

/** ExcelJS's own rule (utils.isDateFmt) for which formats make a number a date on load. */
function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

// eslint-disable-next-line no-control-regex
export const NEEDS_ESCAPE = /[\x00-\x08\x0B\x0C\x0D\x0E-\x1F\x7F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;

/** OOXML ST_Xstring escaping. */
export function escapeXString(s: string): string {
  return s
    .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_')
    .replace(/[\x00-\x08\x0B\x0C\x0D\x0E-\x1F\x7F\uFFFE\uFFFF]/g, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}
