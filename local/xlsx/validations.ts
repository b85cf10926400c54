/**
 * Dropdowns: the list rules layout() puts on a column, the `_carnet_lists` helper sheet for lists
 * too long (or too odd) to write inline, reading a rule back, and repairing the rules ExcelJS
 * expands on load.
 */

import ExcelJS from 'exceljs';
import { quoteSheet } from '../../core/formula-references.js';
import { columnLetter, type ColumnValidation } from '../../core/workbook.js';
import { scan, toCell } from './cells.js';
import { findSheet, needSheet } from './sheets.js';

/**
 * Very hidden sheet holding dropdown lists that cannot be written inline: Excel limits an inline
 * list to 255 characters and cannot escape a comma inside a value. Past that, the list goes in a
 * column here and the validation reads that range, so the dropdown always works. Row 1 holds the
 * key `<sheet>!<column letter>` so that re-applying a layout reuses the same column.
 */
export const LISTS_SHEET = '_carnet_lists';

/** Excel's own limit for an inline list validation formula. */
const INLINE_LIST_MAX = 255;

/** ExcelJS 4.4 has `worksheet.dataValidations` at run time but not in its typings. */
interface DataValidations {
  model: Record<string, ExcelJS.DataValidation | undefined>;
}

export function validationsOf(ws: ExcelJS.Worksheet): DataValidations {
  return (ws as unknown as { dataValidations: DataValidations }).dataValidations;
}

/** Makes `validation` the one rule on the column's `dataRows` data cells (below the header). */
export function applyValidation(book: ExcelJS.Workbook, ws: ExcelJS.Worksheet, column: number, validation: ColumnValidation, dataRows: number): void {
  const model = validationsOf(ws).model;
  // Replace, never accumulate: drop every rule touching this column's data cells.
  for (const address of Object.keys(model)) {
    if (columnsOfRange(address, 2).includes(column)) delete model[address];
  }
  const letter = columnLetter(column);
  if (validation.kind !== 'list') freeListColumn(book, `${ws.name}!${letter}`);
  if (validation.kind === 'none' || dataRows < 1) return;
  let formula: string;
  if (validation.kind === 'range') {
    const source = findSheet(book, validation.sheet);
    const sourceRows = source ? scan(source, false).rows : 0;
    const last = Math.max(dataRows + 1, sourceRows, 2);
    const l = columnLetter(validation.column);
    formula = `${quoteSheet(source?.name ?? validation.sheet)}!$${l}$2:$${l}$${last}`;
  } else {
    if (validation.values.length === 0) return;
    const inline = `"${validation.values.join(',')}"`;
    const fitsInline = inline.length <= INLINE_LIST_MAX && validation.values.every((v) => !/[,"]/.test(v) && v !== '');
    if (fitsInline) {
      freeListColumn(book, `${ws.name}!${letter}`);
      formula = inline;
    } else {
      formula = listRange(book, `${ws.name}!${letter}`, validation.values);
    }
  }
  const rule: ExcelJS.DataValidation = {
    type: 'list',
    allowBlank: true,
    formulae: [formula],
    // A warning rather than a refusal: Carnet checks values itself, and a person pasting a new
    // value should be told, not blocked.
    showErrorMessage: true,
    errorStyle: 'warning',
  };
  // One range rule for the whole column, not one per cell.
  model[`${letter}2:${letter}${dataRows + 1}`] = rule;
}

/** Writes a long list into the helper sheet; returns the range formula reading it. */
function listRange(book: ExcelJS.Workbook, key: string, values: string[]): string {
  const existed = !!findSheet(book, LISTS_SHEET);
  if (!existed) book.addWorksheet(LISTS_SHEET, { state: 'veryHidden' });
  const lists = needSheet(book, LISTS_SHEET);
  const header = lists.getRow(1);
  let target = 0;
  let free = 0;
  for (let c = 1; c <= Math.max(lists.columnCount, 1) + 1; c++) {
    const v = header.getCell(c).value;
    if (typeof v === 'string' && sameListKey(v, key)) {
      target = c;
      break;
    }
    if ((v === null || v === undefined) && !free) free = c;
  }
  if (!target) target = free || lists.columnCount + 1;
  clearListColumn(lists, target);
  header.getCell(target).value = key;
  values.forEach((v, i) => (lists.getCell(i + 2, target).value = v === '' ? null : v));
  const l = columnLetter(target - 1);
  return `${quoteSheet(LISTS_SHEET)}!$${l}$2:$${l}$${values.length + 1}`;
}

function freeListColumn(book: ExcelJS.Workbook, key: string): void {
  const lists = findSheet(book, LISTS_SHEET);
  if (!lists) return;
  lists.getRow(1).eachCell((cell, c) => {
    if (typeof cell.value === 'string' && sameListKey(cell.value, key)) {
      clearListColumn(lists, c);
      cell.value = null;
    }
  });
}

function clearListColumn(lists: ExcelJS.Worksheet, column: number): void {
  lists.getColumn(column).eachCell((cell, rowNumber) => {
    if (rowNumber > 1) cell.value = null;
  });
}

/** What a stored rule means, in the port's terms (the helper sheet's lists read back as values). */
export function decodeRule(book: ExcelJS.Workbook, rule: ExcelJS.DataValidation): ColumnValidation {
  const formula = String(rule.formulae?.[0] ?? '');
  if (rule.type === 'list' && /^".*"$/s.test(formula)) return { kind: 'list', values: formula.slice(1, -1).split(',') };
  const ref = parseReference(formula);
  if (rule.type === 'list' && ref) {
    if (ref.sheet.toLowerCase() === LISTS_SHEET) {
      const lists = needSheet(book, LISTS_SHEET);
      const values: string[] = [];
      for (let r = 2; r <= ref.lastRow; r++) {
        const v = toCell(lists.getCell(r, ref.column + 1).value);
        values.push(v === null ? '' : String(v));
      }
      return { kind: 'list', values };
    }
    return { kind: 'range', sheet: ref.sheet, column: ref.column };
  }
  return { kind: 'none' };
}

/**
 * ExcelJS expands every loaded validation range into one entry per cell, and its writer merges them
 * back into *overlapping* ranges (B10:C1001 and B2:C1001 for two column rules): Excel then reports
 * the file as damaged. Rebuild one range per column run for each loaded rule.
 */
export function compactValidations(ws: ExcelJS.Worksheet): void {
  const model = validationsOf(ws).model;
  const byRule = new Map<ExcelJS.DataValidation, Map<number, number[]>>();
  for (const [address, rule] of Object.entries(model)) {
    if (!rule) continue;
    const m = /^([A-Z]+)(\d+)$/.exec(address);
    if (!m) continue; // already a range
    const col = letterToColumn(m[1]!);
    let cols = byRule.get(rule);
    if (!cols) byRule.set(rule, (cols = new Map()));
    let rows = cols.get(col);
    if (!rows) cols.set(col, (rows = []));
    rows.push(Number(m[2]));
    delete model[address];
  }
  for (const [rule, cols] of byRule) {
    for (const [col, rows] of cols) {
      rows.sort((a, b) => a - b);
      const l = columnLetter(col);
      for (let i = 0; i < rows.length; ) {
        let j = i;
        while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
        model[`${l}${rows[i]}:${l}${rows[j]}`] = rule;
        i = j + 1;
      }
    }
  }
}

/** A range a dropdown reads (`'Sheet'!$B$2:$B$99`): its sheet, column and last row. */
interface Reference {
  sheet: string;
  column: number;
  lastRow: number;
}

function parseReference(formula: string): Reference | undefined {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(formula.trim());
  if (!m) return undefined;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!;
  return { sheet, column: letterToColumn(m[3]!), lastRow: Number(m[6] ?? m[4]) };
}

export function parseListKey(key: string): { sheet: string; letter: string } | undefined {
  const i = key.lastIndexOf('!');
  return i > 0 ? { sheet: key.slice(0, i), letter: key.slice(i + 1) } : undefined;
}

function sameListKey(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** 0-based columns a validation address (`B7`, `B2:B100`, `B2:C9 E4`) covers from row `fromRow` down. */
export function columnsOfRange(address: string, fromRow: number): number[] {
  const out: number[] = [];
  for (const part of address.split(/\s+/)) {
    const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(part);
    if (!m) continue;
    const c1 = letterToColumn(m[1]!);
    const c2 = letterToColumn(m[3] ?? m[1]!);
    const bottom = Number(m[4] ?? m[2]);
    if (bottom < fromRow) continue;
    for (let c = Math.min(c1, c2); c <= Math.max(c1, c2); c++) out.push(c);
  }
  return out;
}

function letterToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
