/**
 * A report's sheet (a sheet Carnet owns whole, issue 9): emptying it, formatting it in one pass,
 * and reading back what the file holds of both (tests).
 *
 * Formats are derived from each cell's own style (styles.ts `withBold`, `withNumberFormat`), so a
 * style the workbook has is never changed: the cells that take a new look get a new style.
 * Emptying replaces the sheet part's content with an empty worksheet while the part keeps its
 * name, its relationship from the workbook and its tab (so formulas, names and links to the sheet
 * still find it), and removes the parts the sheet related to: Carnet's charts (a drawing and its
 * chart parts), notes (comments and their VML), tables, printer settings.
 */

import type { CellRange, SheetFormat } from '../../core/workbook.js';
import { CarnetError } from '../../core/errors.js';
import { say } from '../../core/messages/say.js';
import type { Book } from './book.js';
import { relKind } from './package.js';
import { frozenPanes, setPanes } from './panes.js';
import { removeRelated } from './part-tree.js';
import { sheetCharts } from './report-charts.js';
import { letters } from './sheet/cell-ref.js';
import { columnStyle, parseCols, setColumn } from './sheet/cols.js';
import { joinRow, rowStyle, splitRow } from './sheet/rows.js';
import type { SheetPart } from './sheet/sheet-part.js';
import type { SheetEntry } from './workbook-part.js';

const MAX_ROW = 1_048_575;
const MAX_COLUMN = 16_383;

function checkRange(r: CellRange, what: string): void {
  const ok = [r.top, r.left, r.bottom, r.right].every((n) => Number.isInteger(n) && n >= 0) && r.top <= r.bottom && r.left <= r.right && r.bottom <= MAX_ROW && r.right <= MAX_COLUMN;
  // Core builds these ranges from the report it laid out: a bad one is a programming error.
  if (!ok) throw new Error(`A report's ${what} range must be 0-based corners inside the sheet, not ${JSON.stringify(r)}`);
}

/** What a cell of the report is to look like, on top of its own style. */
interface CellLook {
  bold: boolean;
  numberFormat?: string;
}

/** Frozen panes, bold cells, number formats (a later range wins where two overlap) and widths, in one pass over the rows concerned. */
export function formatReport(book: Book, entry: SheetEntry, format: SheetFormat): void {
  for (const r of format.bold ?? []) checkRange(r, 'bold');
  for (const n of format.numberFormats ?? []) checkRange(n.range, 'number format');
  const part = book.part(entry);
  const styles = book.styles();
  setPanes(part, format.frozenRows ?? 0, format.frozenColumns ?? 0);
  const looks = new Map<number, Map<number, CellLook>>();
  const look = (row: number, column: number): CellLook => {
    let line = looks.get(row);
    if (!line) looks.set(row, (line = new Map()));
    let l = line.get(column);
    if (!l) line.set(column, (l = { bold: false }));
    return l;
  };
  for (const r of format.bold ?? []) each(r, (row, column) => (look(row, column).bold = true));
  for (const { range, format: code } of format.numberFormats ?? []) each(range, (row, column) => (look(row, column).numberFormat = code));
  const cols = parseCols(part.headXml);
  for (const [row, line] of [...looks].sort((a, b) => a[0] - b[0])) {
    restyleRow(part, row, cols, line, (style, l) => {
      let s = l.bold ? styles.withBold(style, true) : style;
      if (l.numberFormat !== undefined) s = styles.withNumberFormat(s, l.numberFormat);
      return s;
    }, book);
  }
  for (const { column, width } of format.widths ?? []) {
    if (!Number.isInteger(column) || column < 0 || column > MAX_COLUMN || !(width > 0)) throw new Error(`A report's column width must be positive, on a 0-based column: ${JSON.stringify({ column, width })}`);
    part.placeElement('cols', setColumn(parseCols(part.headXml), column, { width: String(width), customWidth: '1' }, part.prefix));
  }
}

function each(r: CellRange, fn: (row: number, column: number) => void): void {
  for (let row = r.top; row <= r.bottom; row++) for (let column = r.left; column <= r.right; column++) fn(row, column);
}

const STYLE = /\ss\s*=\s*["'](\d+)["']/;

/** Restyles cells of one row (0-based), creating empty styled cells where there are none; the row is rewritten once. */
function restyleRow(part: SheetPart, row: number, cols: ReturnType<typeof parseCols>, line: Map<number, CellLook>, restyle: (style: number, look: CellLook) => number, book: Book): void {
  const r = row + 1;
  const split = splitRow(part.rowXml(r) ?? `<${part.prefix}row r="${r}"/>`, part.prefix);
  const inherited = rowStyle(split.tag);
  let changed = false;
  for (const [column, l] of line) {
    const cell = split.cells.find((c) => c.column === column);
    const style = cell ? Number(STYLE.exec(cell.tag)?.[1] ?? 0) : (inherited ?? columnStyle(cols, column) ?? 0);
    const next = restyle(style, l);
    if (cell) {
      if (next === style) continue;
      const tag = STYLE.test(cell.tag) ? cell.tag.replace(STYLE, next ? ` s="${next}"` : '') : cell.tag.replace(/^(<[\w.:-]+)/, `$1 s="${next}"`);
      cell.xml = tag + cell.xml.slice(cell.tag.length);
    } else {
      // A cell not written yet takes the look now; a value written later keeps it (sheet-part.ts).
      if (next === style && next === 0) continue;
      split.cells.push({ column, xml: `<${part.prefix}c r="${letters(column)}${r}" s="${next}"/>`, tag: '', body: '' });
    }
    changed = true;
  }
  if (changed) part.replaceRow(r, joinRow(split, part.prefix), book.context);
}

/** Relationships a report's sheet may have that emptying it removes with their parts. */
const CLEARED_RELS = new Set(['drawing', 'comments', 'vmlDrawing', 'threadedComment', 'hyperlink', 'printerSettings', 'table', 'image']);

/**
 * Empties the sheet: no cells, merges, validations, conditional formats, column formats or panes,
 * no charts, notes or tables. Kept: the part, its tab and relationship, the sheet's properties
 * (`sheetPr`, a tab colour), its view's own settings (zoom, tab selected) and its protection.
 * Refused (E_FILE, nothing changed) when the sheet relates to something Carnet would not know
 * how to remove cleanly (a pivot table, a control): a report's sheet never has those.
 */
export function clearReport(book: Book, entry: SheetEntry): void {
  const pkg = book.pkg;
  const rels = pkg.rels(entry.path);
  const unknown = rels.find((r) => !CLEARED_RELS.has(relKind(r.type)));
  if (unknown) {
    throw new CarnetError({
      code: 'E_FILE',
      sheet: entry.name,
      message: say('The sheet "{sheet}" holds a {kind} part, which Carnet does not remove: nothing was cleared. Delete the sheet in Excel or LibreOffice and build the report again.', { sheet: entry.name, kind: relKind(unknown.type) }),
    });
  }
  const part = book.part(entry);
  const used = part.usedSize(book.context);
  const head = part.headXml;
  const declaration = /^\s*<\?xml[^>]*\?>\s*/.exec(head)?.[0] ?? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const root = /<((?:[\w.-]+:)?)worksheet\b[^>]*>/.exec(head)![0];
  const p = part.prefix;
  const view = /<(?:[\w.-]+:)?sheetView\b[^>]*?(?=\/?>)/.exec(part.headElement('sheetViews') ?? '')?.[0];
  const xml =
    declaration.trimEnd() +
    '\n' +
    root +
    (part.headElement('sheetPr') ?? '') +
    `<${p}sheetViews>${view ? `${view.replace(/\stopLeftCell\s*=\s*"[^"]*"/, '')}/>` : `<${p}sheetView workbookViewId="0"/>`}</${p}sheetViews>` +
    (part.headElement('sheetFormatPr') ?? `<${p}sheetFormatPr defaultRowHeight="15"/>`) +
    `<${p}sheetData/>` +
    (part.tailElement('sheetProtection') ?? '') +
    `<${p}pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    `</${root.slice(1, root.search(/[\s>]/))}>`;
  for (const rel of rels) removeRelated(pkg, entry.path, rel.id);
  const fresh = book.replacePart(entry, xml);
  // Formulas elsewhere that read the report's cells now read empty cells: recalc.ts drops their results.
  if (used.rows > 0 && used.columns > 0) fresh.touched.push({ top: 0, left: 0, bottom: used.rows - 1, right: used.columns - 1 });
}

/** What the file holds of a report's sheet (the contract's StoredReportSheet). */
export interface StoredReport {
  frozenRows: number;
  frozenColumns: number;
  bold: { row: number; column: number }[];
  numberFormats: Record<string, string>;
  charts: { kind: 'bar' | 'line'; title: string; series: number }[];
}

export function readReport(book: Book, entry: SheetEntry, cells: { row: number; column: number }[]): StoredReport {
  const part = book.part(entry);
  const styles = book.styles();
  const panes = frozenPanes(part);
  return {
    frozenRows: panes.rows,
    frozenColumns: panes.columns,
    bold: cells.filter((c) => styles.bold(part.styleAt(c.row, c.column))),
    numberFormats: Object.fromEntries(cells.map((c) => [`${letters(c.column)}${c.row + 1}`, styles.numberFormat(part.styleAt(c.row, c.column))])),
    charts: sheetCharts(book, entry).flatMap((c) => (c.kind === 'other' ? [] : [{ kind: c.kind, title: c.title, series: c.series }])),
  };
}
