/** Renaming a sheet as a spreadsheet does: every reference to it, in any sheet, follows. */

import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { renameSheetIn } from '../../core/formula-references.js';
import { findSheet } from './sheets.js';
import { LISTS_SHEET, parseListKey, validationsOf } from './validations.js';

/**
 * Gives `ws` the (checked, free) name `to` and rewrites the dropdowns, formulas and helper-sheet
 * keys that refer to it; `caseOnly` when `to` differs from its name only in case.
 */
export function renameSheetAndReferences(book: ExcelJS.Workbook, ws: ExcelJS.Worksheet, to: string, caseOnly: boolean): void {
  const old = ws.name;
  // ExcelJS compares new names case-insensitively with every sheet, this one included, so a
  // change of case only goes through a temporary name.
  if (caseOnly) ws.name = `~carnet-${randomBytes(6).toString('hex')}`;
  ws.name = to;
  // A spreadsheet rewrites references to a renamed sheet: dropdowns and formulas must follow.
  for (const other of book.worksheets) {
    for (const rule of new Set(Object.values(validationsOf(other).model))) {
      if (!rule?.formulae) continue;
      rule.formulae = rule.formulae.map((f: unknown) => (typeof f === 'string' ? renameSheetIn(f, old, to) : f));
    }
    other.eachRow((row) =>
      row.eachCell((cell) => {
        const value = cell.value;
        // A shared formula's other cells derive from its first one, which is rewritten here.
        if (cell.type !== ExcelJS.ValueType.Formula || typeof value !== 'object' || value === null || !('formula' in value) || typeof value.formula !== 'string') return;
        const after = renameSheetIn(value.formula, old, to);
        if (after !== value.formula) cell.value = { ...value, formula: after };
      }),
    );
  }
  const lists = findSheet(book, LISTS_SHEET);
  if (lists) {
    lists.getRow(1).eachCell((cell) => {
      const key = typeof cell.value === 'string' ? parseListKey(cell.value) : undefined;
      if (key && key.sheet.toLowerCase() === old.toLowerCase()) cell.value = `${to}!${key.letter}`;
    });
  }
}
