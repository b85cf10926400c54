/**
 * The guard of writes by position (see `ExpectedCell` in core/workbook.ts). A colleague may sort,
 * insert or delete rows in the browser between Carnet's read and its write, and the document lock
 * stops only other Carnet commands; so before writing or deleting, the adapter reads the expected
 * cells back and refuses with E_CONFLICT, writing nothing, if one no longer holds its value.
 *
 * Cost: 2 calls (`getRange` of the cells' bounding rectangle, `getValues`), whatever their number;
 * the cells carried are that rectangle's (an ID column and the cells about to change). Apps Script
 * has no conditional write, so a colleague acting between this read and the write that follows in
 * the same server call is not caught: the guard narrows that window from the seconds a command
 * takes to the time between two calls.
 */

import { boundingRange, conflictError, movedCells, type ExpectedCell } from '../core/workbook.js';
import type { SheetApi } from './apps-script-api.js';
import type { OpenSpreadsheet } from './open-spreadsheet.js';

export function checkExpected(open: OpenSpreadsheet, s: SheetApi, expect: readonly ExpectedCell[]): void {
  const box = boundingRange(expect);
  if (!box) return;
  const moved = movedCells(expect, open.valuesIn(s, box));
  if (moved.length > 0) throw conflictError(open.nameOf(s), moved[0]!);
}
