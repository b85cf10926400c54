/**
 * Which cells of a rectangle hold a formula, Carnet's own or a team's (`Workbook.formulaCells`).
 *
 * `getValues` gives what a formula shows, so a formula cell reads like typed text; `Range.getFormulas()`
 * gives, for the whole rectangle in one call, each cell's formula text (`=` included) and '' for a
 * cell without one (https://developers.google.com/apps-script/reference/spreadsheet/range#getformulas).
 * Text that merely starts with `=` (Carnet writes such strings as literal text: literal-text.ts) is
 * not a formula and gives ''.
 *
 * Cost: 2 calls (`getRange` of the rectangle clipped to the sheet, `getFormulas`), plus the sheet's
 * lookup and its size (2 calls) the first time this adapter meets them; never more with more rows.
 * The cells carried are the rectangle's, so core asks for the columns it means to rewrite only.
 */

import type { CellRange } from '../core/workbook.js';
import type { SheetApi } from './apps-script-api.js';
import type { OpenSpreadsheet } from './open-spreadsheet.js';

export function formulaCellsIn(open: OpenSpreadsheet, s: SheetApi, range: CellRange): { row: number; column: number }[] {
  // Rows and columns before A1 do not exist: what is left of the rectangle starts at A1.
  const box = { top: Math.max(0, range.top), left: Math.max(0, range.left), bottom: range.bottom, right: range.right };
  if (box.bottom < box.top || box.right < box.left) return [];
  const formulas = open.readClipped(s, box, (r) => r.getFormulas());
  const out: { row: number; column: number }[] = [];
  // Row by row, left to right: sorted by row, then column, as the port promises.
  formulas.forEach((line, i) =>
    line.forEach((f, j) => {
      if (typeof f === 'string' && f !== '') out.push({ row: box.top + i, column: box.left + j });
    }),
  );
  return out;
}
