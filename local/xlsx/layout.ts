/**
 * A directory sheet's layout: frozen header, bold header cells, widths, help notes, number formats
 * and dropdowns, on the columns the layout names only. Styles are derived from each cell's own
 * (styles.ts), so a team's fonts, fills and borders stay; and reading the layout back, for tests
 * and `check`.
 */

import type { SheetLayout } from '../../core/workbook.js';
import type { Book } from './book.js';
import { readNotes, setNote } from './notes.js';
import { columnStyle, columnWidth, parseCols, setColumn } from './sheet/cols.js';
import { letters } from './sheet/cell-ref.js';
import { restyleColumn, setCellStyle } from './sheet/row-edits.js';
import { applyValidation, storedValidations } from './validations.js';
import type { SheetEntry } from './workbook-part.js';
import type { StoredLayout } from '../../core/stored-layout.js';
import { attribute } from './xml/tags.js';

export function applyLayout(book: Book, entry: SheetEntry, layout: SheetLayout): void {
  const part = book.part(entry);
  const styles = book.styles();
  freeze(book, entry, layout.frozenRows);
  for (const col of layout.columns) {
    const header = part.styleAt(0, col.column);
    const bold = styles.withBold(header, layout.boldHeader);
    if (bold !== header) setCellStyle(part, 0, col.column, bold, book.context);
    if (col.width !== undefined) {
      const current = columnWidth(parseCols(part.headXml), col.column);
      if (current !== col.width) part.placeElement('cols', setColumn(parseCols(part.headXml), col.column, { width: String(col.width), customWidth: '1' }, part.prefix));
    }
    if (col.note !== undefined) {
      const ref = `${letters(col.column)}1`;
      if (readNotes(book.pkg, entry.path).get(ref) !== col.note) setNote(book.pkg, entry.path, part, 0, col.column, col.note);
    }
    if (col.numberFormat !== undefined) {
      const code = col.numberFormat;
      // The column's style makes cells typed later (by Carnet or a person) take the format too.
      const cols = parseCols(part.headXml);
      const current = columnStyle(cols, col.column) ?? 0;
      const next = styles.withNumberFormat(current, code);
      if (next !== current || columnStyle(cols, col.column) === undefined) part.placeElement('cols', setColumn(cols, col.column, { style: String(next) }, part.prefix));
      restyleColumn(part, col.column, 1, (s) => styles.withNumberFormat(s, code), book.context);
    }
    if (col.validation !== undefined) applyValidation(book, entry, col.column, col.validation, layout.dataRows);
  }
}

/** Frozen rows at the top (a pane in the first sheet view, §18.3.1.66), or none. */
function freeze(book: Book, entry: SheetEntry, rows: number): void {
  const part = book.part(entry);
  const p = part.prefix;
  const views = part.headElement('sheetViews');
  const view = views ? /<(?:[\w.-]+:)?sheetView\b[^>]*?(\/>|>[\s\S]*?<\/(?:[\w.-]+:)?sheetView>)/.exec(views) : null;
  const viewXml = view?.[0] ?? `<${p}sheetView workbookViewId="0"/>`;
  const open = /^<[^>]*?(?=\/?>)/.exec(viewXml)![0];
  let body = viewXml.endsWith('/>') ? '' : viewXml.slice(viewXml.indexOf('>') + 1, viewXml.lastIndexOf('</'));
  const pane = /<(?:[\w.-]+:)?pane\b[^>]*\/>/.exec(body)?.[0];
  const xSplit = Number((pane && attribute(pane, 'xSplit')) ?? 0);
  const currentY = pane && attribute(pane, 'state')?.startsWith('frozen') ? Number(attribute(pane, 'ySplit') ?? 0) : 0;
  if (currentY === rows && (rows > 0 || !pane)) return;
  body = body.replace(/<(?:[\w.-]+:)?pane\b[^>]*\/>/, '').replace(/<(?:[\w.-]+:)?selection\b[^>]*\spane\s*=\s*"[^"]*"[^>]*\/>/g, '');
  if (rows > 0) {
    const active = xSplit > 0 ? 'bottomRight' : 'bottomLeft';
    const topLeft = `${letters(xSplit)}${rows + 1}`;
    const paneXml = `<${p}pane${xSplit ? ` xSplit="${xSplit}"` : ''} ySplit="${rows}" topLeftCell="${topLeft}" activePane="${active}" state="frozen"/>`;
    body = `${paneXml}<${p}selection pane="${active}" activeCell="${topLeft}" sqref="${topLeft}"/>${body.replace(/^\s*<(?:[\w.-]+:)?selection\b[^>]*\/>/, '')}`;
  }
  const newView = body ? `${open}>${body}</${p}sheetView>` : `${open}/>`;
  const newViews = views && view ? views.replace(view[0], newView) : `<${p}sheetViews>${newView}</${p}sheetViews>`;
  part.placeElement('sheetViews', newViews);
}

/** What the file says about the layout of these columns (tests and `check`). */
export function readLayout(book: Book, entry: SheetEntry, columns: number[]): StoredLayout {
  const part = book.part(entry);
  const styles = book.styles();
  const views = part.headElement('sheetViews') ?? '';
  const pane = /<(?:[\w.-]+:)?pane\b[^>]*\/>/.exec(views)?.[0];
  const frozenRows = pane && attribute(pane, 'state')?.startsWith('frozen') ? Number(attribute(pane, 'ySplit') ?? 0) : 0;
  const notes = readNotes(book.pkg, entry.path);
  const cols = parseCols(part.headXml);
  return {
    frozenRows,
    columns: columns.map((c) => {
      const style = columnStyle(cols, c);
      const width = columnWidth(cols, c);
      const note = notes.get(`${letters(c)}1`);
      return {
        column: c,
        boldHeader: styles.bold(part.styleAt(0, c)),
        validations: storedValidations(book, entry, c),
        ...(style !== undefined && styles.numberFormat(style) !== 'General' ? { numberFormat: styles.numberFormat(style) } : {}),
        ...(width !== undefined ? { width } : {}),
        ...(note !== undefined ? { note } : {}),
      };
    }),
  };
}
