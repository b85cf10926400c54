/**
 * Dropdowns: the list rule layout() puts on a column's data cells, the `_carnet_lists` helper
 * sheet for lists too long (or too odd) to write inline, and reading a rule back. A column's rule
 * replaces whatever covered that column's data cells before (never accumulates), and only there:
 * a team's rule over neighbouring columns keeps covering them.
 */

import type { CellRange, ColumnValidation } from '../../core/workbook.js';
import { quoteSheet } from '../../core/formula-references.js';
import type { Book } from './book.js';
import { formatRange, letters, parseSqref } from './sheet/cell-ref.js';
import type { SheetEntry } from './workbook-part.js';
import { escapeXml, unescapeXml } from './xml/text.js';

/**
 * Very hidden sheet holding dropdown lists that cannot be written inline: Excel limits an inline
 * list to 255 characters and cannot escape a comma inside a value. Past that, the list goes in a
 * column here and the validation reads that range, so the dropdown always works. Row 1 holds the
 * key `<sheet>!<column letter>` so that re-applying a layout reuses the same column.
 */
export const LISTS_SHEET = '_carnet_lists';

/** Excel's own limit for an inline list validation formula. */
const INLINE_LIST_MAX = 255;

const RULE = /<((?:[\w.-]+:)?)dataValidation\b([^>]*?)(\/>|>([\s\S]*?)<\/\1dataValidation>)/g;

/** Makes `validation` the one rule on the column's `dataRows` data cells (below the header). */
export function applyValidation(book: Book, entry: SheetEntry, column: number, validation: ColumnValidation, dataRows: number): void {
  const part = book.part(entry);
  const prefix = part.prefix;
  const data: CellRange = { top: 1, bottom: 1_048_575, left: column, right: column };
  const existing = part.tailElement('dataValidations');
  const rules: string[] = [];
  if (existing) {
    for (const m of existing.matchAll(RULE)) {
      const sqref = /\ssqref\s*=\s*"([^"]*)"/.exec(m[2]!)?.[1] ?? '';
      const left = subtract(parseSqref(sqref), data);
      if (left.length === 0) continue;
      rules.push(m[0].replace(/(\ssqref\s*=\s*")[^"]*(")/, `$1${left.map(formatRange).join(' ')}$2`));
    }
  }
  const key = `${entry.name}!${letters(column)}`;
  if (validation.kind !== 'list') freeListColumn(book, key);
  let formula: string | undefined;
  if (validation.kind === 'range') {
    const source = book.find(validation.sheet);
    const sourceRows = source ? book.part(source).usedSize(book.context).rows : 0;
    const last = Math.max(dataRows + 1, sourceRows, 2);
    const l = letters(validation.column);
    formula = `${quoteSheet(source?.name ?? validation.sheet)}!$${l}$2:$${l}$${last}`;
  } else if (validation.kind === 'list' && validation.values.length) {
    const inline = `"${validation.values.join(',')}"`;
    if (inline.length <= INLINE_LIST_MAX && validation.values.every((v) => !/[,"]/.test(v) && v !== '')) {
      freeListColumn(book, key);
      formula = inline;
    } else {
      formula = listRange(book, key, validation.values);
    }
  }
  if (formula !== undefined && dataRows >= 1) {
    // A warning rather than a refusal: Carnet checks values itself, and a person pasting a new
    // value should be told, not blocked.
    rules.push(
      `<${prefix}dataValidation type="list" errorStyle="warning" allowBlank="1" showErrorMessage="1" sqref="${letters(column)}2:${letters(column)}${dataRows + 1}">` +
        `<${prefix}formula1>${escapeXml(formula)}</${prefix}formula1></${prefix}dataValidation>`,
    );
  }
  const open = existing ? (/^<[^>]*?(?=\/?>)/.exec(existing)![0].replace(/\scount\s*=\s*"\d*"/, '') + '>') : `<${prefix}dataValidations>`;
  const block = rules.length ? `${open.replace(/>$/, ` count="${rules.length}">`)}${rules.join('')}</${prefix}dataValidations>` : '';
  part.placeElement('dataValidations', block);
}

/** Parts of `ranges` outside `cut`. */
function subtract(ranges: CellRange[], cut: CellRange): CellRange[] {
  const out: CellRange[] = [];
  for (const r of ranges) {
    if (r.bottom < cut.top || r.top > cut.bottom || r.right < cut.left || r.left > cut.right) {
      out.push(r);
      continue;
    }
    if (r.top < cut.top) out.push({ ...r, bottom: cut.top - 1 });
    if (r.bottom > cut.bottom) out.push({ ...r, top: cut.bottom + 1 });
    const top = Math.max(r.top, cut.top);
    const bottom = Math.min(r.bottom, cut.bottom);
    if (r.left < cut.left) out.push({ top, bottom, left: r.left, right: cut.left - 1 });
    if (r.right > cut.right) out.push({ top, bottom, left: cut.right + 1, right: r.right });
  }
  return out;
}

/** Writes a long list into the helper sheet; returns the range formula reading it. */
function listRange(book: Book, key: string, values: string[]): string {
  if (!book.find(LISTS_SHEET)) book.addWorksheet(LISTS_SHEET, 'veryHidden');
  const entry = book.find(LISTS_SHEET)!;
  const grid = book.grid(entry);
  const header = grid[0] ?? [];
  let target = header.findIndex((v) => typeof v === 'string' && v.toLowerCase() === key.toLowerCase());
  if (target < 0) target = header.findIndex((v) => v === null);
  if (target < 0) target = header.length;
  clearListColumn(book, entry, target, grid.length);
  const part = book.part(entry);
  part.write(
    [{ row: 0, column: target, value: key }, ...values.map((v, i) => ({ row: i + 1, column: target, value: v === '' ? null : v }))],
    book.context,
    LISTS_SHEET,
  );
  const l = letters(target);
  return `${quoteSheet(LISTS_SHEET)}!$${l}$2:$${l}$${values.length + 1}`;
}

function freeListColumn(book: Book, key: string): void {
  const entry = book.find(LISTS_SHEET);
  if (!entry) return;
  const grid = book.grid(entry);
  (grid[0] ?? []).forEach((v, c) => {
    if (typeof v === 'string' && v.toLowerCase() === key.toLowerCase()) clearListColumn(book, entry, c, grid.length, true);
  });
}

function clearListColumn(book: Book, entry: SheetEntry, column: number, rows: number, withKey = false): void {
  const cells: { row: number; column: number; value: null }[] = [];
  for (let r = withKey ? 0 : 1; r < rows; r++) cells.push({ row: r, column, value: null });
  if (cells.length) book.part(entry).write(cells, book.context, LISTS_SHEET);
}

/** Every distinct rule covering a column's data cells, as the port describes validations. */
export function storedValidations(book: Book, entry: SheetEntry, column: number): ColumnValidation[] {
  const xml = book.part(entry).tailElement('dataValidations');
  if (!xml) return [];
  const out: ColumnValidation[] = [];
  for (const m of xml.matchAll(RULE)) {
    const sqref = /\ssqref\s*=\s*"([^"]*)"/.exec(m[2]!)?.[1] ?? '';
    if (!parseSqref(sqref).some((r) => r.left <= column && column <= r.right && r.bottom >= 1)) continue;
    const type = /\stype\s*=\s*"([^"]*)"/.exec(m[2]!)?.[1];
    const f = /<((?:[\w.-]+:)?)formula1>([\s\S]*?)<\/\1formula1>/.exec(m[4] ?? '');
    const formula = f ? unescapeXml(f[2]!).trim() : '';
    out.push(decodeRule(book, type, formula));
  }
  return out;
}

function decodeRule(book: Book, type: string | undefined, formula: string): ColumnValidation {
  if (type !== 'list') return { kind: 'none' };
  if (/^".*"$/s.test(formula)) return { kind: 'list', values: formula.slice(1, -1).split(',') };
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(formula);
  if (!m) return { kind: 'none' };
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!;
  const column = letterIndex(m[3]!);
  if (sheet.toLowerCase() === LISTS_SHEET) {
    const entry = book.find(LISTS_SHEET);
    const grid = entry ? book.grid(entry) : [];
    const last = Number(m[6] ?? m[4]);
    const values: string[] = [];
    for (let r = 1; r < last; r++) {
      const v = grid[r]?.[column] ?? null;
      values.push(v === null ? '' : String(v));
    }
    return { kind: 'list', values };
  }
  return { kind: 'range', sheet, column };
}

function letterIndex(s: string): number {
  let n = 0;
  for (const ch of s) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
