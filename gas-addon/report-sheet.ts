/**
 * A report's sheet (a sheet Carnet owns whole): emptied, then formatted, each in a fixed number
 * of Apps Script calls whatever its rows.
 *
 * Emptying: `Sheet.clear()` ("Clears the sheet of content and formatting information",
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#clear) says nothing of
 * dropdowns, merges or notes, so the whole grid's range clears those too (clearDataValidations,
 * breakApart, clearNote); frozen rows and columns go; every chart and every pivot table on the
 * sheet goes (a report's sheet is Carnet's whole: a chart or a pivot table left there would point
 * at cells about to hold another report, or sit where the next one goes), and with them the
 * registries of Carnet's charts (report-charts.ts) and pivot tables (pivot-table.ts). The pivot
 * tables go first, by `PivotTable.remove()`: the reference does not say whether `clear()` removes
 * them. 19 calls at most (15 without registries), plus 1 per chart or pivot table removed, plus
 * the sheet's lookup and size the first time this adapter meets it (test/gas/call-count.test.ts).
 *
 * Formatting: frozen rows and columns (2), bold cells in one RangeList (2), number formats one
 * RangeList per distinct format but `General`, which an emptied sheet has already (2 each), widths as layouts set them (1 per run of neighbouring
 * columns of one width): 12 for a report with one number format and two runs of widths.
 */

import { columnLetter, type CellRange, type SheetFormat } from '../core/workbook.js';
import type { SheetApi } from './apps-script-api.js';
import { isAutomatic } from './number-formats.js';
import type { OpenSpreadsheet } from './open-spreadsheet.js';
import { pivotRegistry, savePivotRegistry } from './pivot-table.js';
import { chartRegistry, saveRegistry } from './report-charts.js';
import { setWidths } from './sheet-layout.js';

export function clearReport(open: OpenSpreadsheet, s: SheetApi): void {
  const size = open.size(s);
  for (const pivot of s.getPivotTables()) pivot.remove();
  const pivots = pivotRegistry(s);
  savePivotRegistry(s, pivots.entry, []);
  s.clear();
  const grid = s.getRange(1, 1, size.rows, size.columns);
  grid.clearDataValidations();
  grid.breakApart();
  grid.clearNote();
  s.setFrozenRows(0);
  s.setFrozenColumns(0);
  for (const chart of s.getCharts()) s.removeChart(chart);
  const registry = chartRegistry(s);
  saveRegistry(s, registry.entry, []);
  open.changed(s);
}

/** `B3:D5` (a lone `B3` for one cell). */
function a1(r: CellRange): string {
  const corner = `${columnLetter(r.left)}${r.top + 1}`;
  return r.top === r.bottom && r.left === r.right ? corner : `${corner}:${columnLetter(r.right)}${r.bottom + 1}`;
}

const overlap = (a: CellRange, b: CellRange) => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

export function formatReport(open: OpenSpreadsheet, s: SheetApi, format: SheetFormat): void {
  const ranges = [...(format.bold ?? []), ...(format.numberFormats ?? []).map((n) => n.range)];
  for (const r of ranges) checkRange(r);
  const widths = format.widths ?? [];
  const bottom = Math.max(format.frozenRows ?? 0, ...ranges.map((r) => r.bottom + 1));
  const right = Math.max(format.frozenColumns ?? 0, ...ranges.map((r) => r.right + 1), ...widths.map((w) => w.column + 1));
  if (bottom > 0 || right > 0) open.ensureSize(s, Math.max(bottom, 1), Math.max(right, 1));
  s.setFrozenRows(format.frozenRows ?? 0);
  s.setFrozenColumns(format.frozenColumns ?? 0);
  if (format.bold?.length) s.getRangeList(format.bold.map(a1)).setFontWeight('bold');
  // A report's sheet was emptied of formats (clearReport): "General" is what its cells have already.
  for (const [code, list] of formatGroups(format.numberFormats ?? [])) if (!isAutomatic(code)) s.getRangeList(list.map(a1)).setNumberFormat(code);
  setWidths(s, widths);
}

/**
 * Number formats as range lists, in the order that keeps "a later range wins where two overlap":
 * one list per distinct format when ranges of different formats never overlap (the usual report:
 * counts in one format, amounts in another), else one per run of consecutive ranges of one format.
 */
function formatGroups(formats: readonly { range: CellRange; format: string }[]): [string, CellRange[]][] {
  const clash = formats.some((a, i) => formats.some((b, j) => j > i && a.format !== b.format && overlap(a.range, b.range)));
  const groups: [string, CellRange[]][] = [];
  for (const { range, format } of formats) {
    const last = groups[groups.length - 1];
    const same = clash ? (last && last[0] === format ? last : undefined) : groups.find((g) => g[0] === format);
    if (same) same[1].push(range);
    else groups.push([format, [range]]);
  }
  return groups;
}

function checkRange(r: CellRange): void {
  const ok = [r.top, r.left, r.bottom, r.right].every((n) => Number.isInteger(n) && n >= 0) && r.top <= r.bottom && r.left <= r.right;
  // Core builds these ranges from the report it laid out: a bad one is a programming error.
  if (!ok) throw new Error(`A report's range must have 0-based corners, not ${JSON.stringify(r)}`);
}
