/**
 * Merged cells, as the port reports them (0-based, inclusive).
 *
 * `Range.getMergedRanges()` gives the "merged cells that either are fully within the current
 * range, or contain at least one cell in the current range"
 * (https://developers.google.com/apps-script/reference/spreadsheet/range#getmergedranges): asked
 * of the data range, exactly the port's "merges holding a cell of the used range". It returns
 * Range objects, and Apps Script has no call that describes many ranges at once, so each merge
 * costs one `getA1Notation()` ("A1:E2" for rows 1–2, columns 1–5; range#geta1notation): 1 call for
 * the list plus 1 per merge. The merges are the team's (a header band, a merged notes column), not
 * Carnet's, so that count follows how the team lays out its sheet. The Sheets REST API lists every
 * merge in one call, but needs the `spreadsheets` scope, wider than `spreadsheets.currentonly`.
 */

import { type CellRange } from '../core/workbook.js';
import type { RangeApi } from './apps-script-api.js';

export function mergedRanges(dataRange: RangeApi): CellRange[] {
  return dataRange.getMergedRanges().map((m) => parseRangeA1(m.getA1Notation()));
}

/** `C1:E1` (or a lone `C1`) → 0-based corners. Merges are always bounded ranges. */
export function parseRangeA1(text: string): CellRange {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(text);
  if (!m) throw new Error(`Unexpected A1 notation from Sheets for a merged range: ${text}`);
  const top = Number(m[2]) - 1;
  const left = columnIndex(m[1]!);
  const bottom = m[4] === undefined ? top : Number(m[4]) - 1;
  const right = m[3] === undefined ? left : columnIndex(m[3]);
  return { top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
}

/** `A` → 0, `AA` → 26. */
function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
