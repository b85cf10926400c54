/** Column layout: frozen header, bold header, widths, notes, number formats, and reading them back. */

import ExcelJS from 'exceljs';
import { columnLetter, type ColumnValidation, type SheetLayout } from '../../core/workbook.js';
import { applyValidation, columnsOfRange, decodeRule, validationsOf } from './validations.js';

/** What layout() left in the file, as far as xlsx can tell it back (tests and `check`). */
export interface StoredColumnLayout {
  column: number;
  numberFormat?: string;
  width?: number;
  note?: string;
  boldHeader: boolean;
  /** Every distinct validation rule covering the column's data cells: exactly one after layout(). */
  validations: ColumnValidation[];
}

export interface StoredLayout {
  frozenRows: number;
  columns: StoredColumnLayout[];
}

/** Applies `layout` to the sheet; columns it does not name are left as they are. */
export function applyLayout(book: ExcelJS.Workbook, ws: ExcelJS.Worksheet, layout: SheetLayout): void {
  const view = { ...(ws.views?.[0] ?? {}) } as Partial<ExcelJS.WorksheetViewFrozen>;
  if (layout.frozenRows > 0) {
    ws.views = [
      { ...view, state: 'frozen', xSplit: view.xSplit ?? 0, ySplit: layout.frozenRows, topLeftCell: `${columnLetter(view.xSplit ?? 0)}${layout.frozenRows + 1}` },
    ];
  } else {
    const { xSplit: _x, ySplit: _y, topLeftCell: _t, ...rest } = view;
    ws.views = [{ ...rest, state: 'normal' } as Partial<ExcelJS.WorksheetView>];
  }
  for (const col of layout.columns) {
    const header = ws.getCell(1, col.column + 1);
    setStyle(header, { font: { ...(header.style.font ?? {}), bold: layout.boldHeader } });
    if (col.width !== undefined) ws.getColumn(col.column + 1).width = col.width;
    if (col.note !== undefined) header.note = col.note;
    if (col.numberFormat !== undefined) applyNumberFormat(ws, col.column, col.numberFormat);
    if (col.validation !== undefined) applyValidation(book, ws, col.column, col.validation, layout.dataRows);
  }
}

function setStyle(cell: ExcelJS.Cell, patch: Partial<ExcelJS.Style>): void {
  // See applyNumberFormat: style objects are shared, so replace rather than mutate.
  cell.style = { ...cell.style, ...patch };
}

function applyNumberFormat(ws: ExcelJS.Worksheet, column: number, numFmt: string): void {
  const col = ws.getColumn(column + 1);
  // The column style makes cells created later (by Carnet or by a person) take the format too.
  // Style objects are replaced, never mutated: ExcelJS shares one object between all the cells
  // loaded with the same style, so `cell.numFmt = x` would reformat cells all over the workbook.
  col.style = { ...col.style, numFmt };
  col.eachCell((cell, rowNumber) => {
    if (rowNumber > 1) setStyle(cell, { numFmt });
  });
}

/** What the file says about the layout of these columns; see StoredLayout. */
export function readStoredLayout(book: ExcelJS.Workbook, ws: ExcelJS.Worksheet, columns: number[]): StoredLayout {
  const view = ws.views?.[0] as Partial<ExcelJS.WorksheetViewFrozen> | undefined;
  const frozenRows = view?.state === 'frozen' ? (view.ySplit ?? 0) : 0;
  const model = validationsOf(ws).model;
  const rulesByColumn = new Map<number, Set<ExcelJS.DataValidation>>();
  for (const [address, rule] of Object.entries(model)) {
    if (!rule) continue;
    for (const col of columnsOfRange(address, 2)) {
      let set = rulesByColumn.get(col);
      if (!set) rulesByColumn.set(col, (set = new Set()));
      set.add(rule);
    }
  }
  return {
    frozenRows,
    columns: columns.map((c) => {
      const header = ws.getCell(1, c + 1);
      const note = header.note;
      const out: StoredColumnLayout = {
        column: c,
        boldHeader: header.style.font?.bold === true,
        validations: [...(rulesByColumn.get(c) ?? [])].map((rule) => decodeRule(book, rule)),
      };
      const numFmt = ws.getColumn(c + 1).style?.numFmt;
      if (numFmt !== undefined) out.numberFormat = numFmt;
      const width = ws.getColumn(c + 1).width;
      if (width !== undefined) out.width = width;
      if (note !== undefined) out.note = typeof note === 'string' ? note : note.texts?.map((t) => t.text).join('') ?? '';
      return out;
    }),
  };
}
