/**
 * A sheet's layout in one batch: frozen rows, header weights and notes, number formats,
 * dropdowns, column widths. The count depends on the number of columns, never on rows.
 */

import { columnLetter, type ColumnLayout, type ColumnValidation, type SheetLayout } from '../core/workbook.js';
import type { DataValidationApi, SheetApi, SpreadsheetAppApi } from './apps-script-api.js';
import { PLAIN_TEXT } from './literal-text.js';
import { isAutomatic, NUMBER_AS_AUTOMATIC } from './number-formats.js';
import type { OpenSpreadsheet } from './open-spreadsheet.js';

/** Sheets measures widths in pixels; the port in characters (7 px a character plus padding, as Excel). */
const PX_PER_CHAR = 7;
const PX_PADDING = 5;

/**
 * Frozen rows; bold and notes on the header (read-modify-write over the header span, so user
 * columns keep theirs); one range list per distinct number format, none for `General` (automatic:
 * number-formats.ts), whose columns cost one read of the first data row's formats, to find one a
 * former layout left plain text; old dropdowns cleared on every laid-out column in one range list,
 * then one rule per column; widths.
 */
export function applyLayout(open: OpenSpreadsheet, app: SpreadsheetAppApi, s: SheetApi, layout: SheetLayout): void {
  s.setFrozenRows(layout.frozenRows);
  const cols = layout.columns;
  if (cols.length === 0) return;
  const dataRows = Math.max(0, Math.floor(layout.dataRows));
  const first = Math.min(...cols.map((c) => c.column));
  const last = Math.max(...cols.map((c) => c.column));
  open.ensureSize(s, dataRows + 1, last + 1);

  const header = s.getRange(1, first + 1, 1, last - first + 1);
  const weights = header.getFontWeights()[0]!;
  for (const c of cols) weights[c.column - first] = layout.boldHeader ? 'bold' : 'normal';
  header.setFontWeights([weights]);
  if (cols.some((c) => c.note !== undefined)) {
    const notes = header.getNotes()[0]!;
    for (const c of cols) if (c.note !== undefined) notes[c.column - first] = c.note;
    header.setNotes([notes]);
  }

  if (dataRows > 0) {
    const dataRange = (c: ColumnLayout) => `${columnLetter(c.column)}2:${columnLetter(c.column)}${dataRows + 1}`;
    const byFormat = new Map<string, string[]>();
    const add = (format: string, c: ColumnLayout) => byFormat.set(format, [...(byFormat.get(format) ?? []), dataRange(c)]);
    const automatic: ColumnLayout[] = [];
    for (const c of cols) {
      if (c.numberFormat === undefined) continue;
      if (isAutomatic(c.numberFormat)) automatic.push(c);
      else add(c.numberFormat, c);
    }
    // "General" is no format to set (number-formats.ts): only a column left plain text gets one.
    if (automatic.length > 0) {
      const firstRow = s.getRange(2, first + 1, 1, last - first + 1).getNumberFormats()[0]!;
      for (const c of automatic) if (firstRow[c.column - first] === PLAIN_TEXT) add(NUMBER_AS_AUTOMATIC, c);
    }
    for (const [format, ranges] of byFormat) s.getRangeList(ranges).setNumberFormat(format);

    const validated = cols.filter((c) => c.validation !== undefined);
    if (validated.length > 0) {
      // Replace, never accumulate: clear each column from row 2 to the sheet's end, then set.
      const end = open.size(s).rows;
      s.getRangeList(validated.map((c) => `${columnLetter(c.column)}2:${columnLetter(c.column)}${end}`)).clearDataValidations();
      for (const c of validated) {
        const rule = ruleFor(open, app, c.validation!);
        if (rule) s.getRange(2, c.column + 1, dataRows, 1).setDataValidation(rule);
      }
    }
  }

  setWidths(s, cols.filter((c) => c.width !== undefined).map((c) => ({ column: c.column, width: c.width! })));
}

/** Column widths in characters (0-based columns); neighbouring columns of one width in one call. */
export function setWidths(s: SheetApi, columns: { column: number; width: number }[]): void {
  const widths = columns.map((c) => ({ column: c.column, px: Math.round(c.width * PX_PER_CHAR + PX_PADDING) })).sort((a, b) => a.column - b.column);
  for (let i = 0; i < widths.length; ) {
    let j = i;
    while (j + 1 < widths.length && widths[j + 1]!.column === widths[j]!.column + 1 && widths[j + 1]!.px === widths[i]!.px) j++;
    if (j === i) s.setColumnWidth(widths[i]!.column + 1, widths[i]!.px);
    else s.setColumnWidths(widths[i]!.column + 1, j - i + 1, widths[i]!.px);
    i = j + 1;
  }
}

function ruleFor(open: OpenSpreadsheet, app: SpreadsheetAppApi, v: ColumnValidation): DataValidationApi | undefined {
  const builder = app.newDataValidation();
  if (v.kind === 'list') {
    if (v.values.length === 0) return undefined;
    // A warning rather than a refusal (allowInvalid): Carnet checks values itself, and a person
    // pasting a new value should be told, not blocked. Same choice as the xlsx host.
    return builder.requireValueInList(v.values, true).setAllowInvalid(true).build();
  }
  if (v.kind === 'range') {
    const source = open.need(v.sheet);
    open.ensureSize(source, 2, v.column + 1);
    // The whole column below the header: new records show up in the dropdown at once.
    const values = source.getRange(2, v.column + 1, open.size(source).rows - 1, 1);
    return builder.requireValueInRange(values, true).setAllowInvalid(true).build();
  }
  return undefined;
}
