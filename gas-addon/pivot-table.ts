/**
 * Carnet's native pivot table on a sheet it owns, as a Sheets pivot table:
 * `targetCell.createPivotTable(sourceRange)` ("an empty pivot table from the specified sourceData
 * anchored at the first cell in this range",
 * https://developers.google.com/apps-script/reference/spreadsheet/range#createpivottablesourcedata),
 * then one `addRowGroup` / `addColumnGroup` per field, a date-time grouping rule on the groups
 * that group dates (`PivotGroup.setDateTimeGroupingRule`), and one `addPivotValue` per value,
 * named with `setDisplayName` (https://developers.google.com/apps-script/reference/spreadsheet/pivot-table).
 * A group's or a value's column is "the absolute number of the column in the spreadsheet; 1
 * means column A" (PivotTable#addRowGroup): the spec's 0-based column within the source range,
 * plus the range's left column, plus one.
 *
 * Which pivot tables are Carnet's: a Sheets pivot table has no name and no id, only the cell it is
 * anchored at (`getAnchorCell`). Carnet keeps the anchors of the ones it placed in one developer
 * metadata entry on the target sheet (`carnet.pivots`, as report-charts.ts keeps chart ids), and a
 * later call removes the pivot tables anchored there, and any anchored at the new target cell (a
 * pivot table is a property of its anchor cell, "A pivot table anchored at this cell": CellData,
 * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/cells#CellData; what
 * `createPivotTable` does over another one is not documented, so Carnet never relies on it). A
 * pivot table a person made elsewhere on the sheet stays; `clearSheet` removes every one
 * (report-sheet.ts), as it removes every chart. An anchor moves when a person inserts rows above
 * it: the registry then misses that pivot table, which stays (nothing is lost) until the sheet is
 * emptied, as every rebuild of the report does first.
 *
 * Refused with an Error before any call, as programming errors (core checks first,
 * core/pivot/native.ts): a column outside the source range, two groups with a grouping rule on
 * the same source column ("Only one PivotGroup with a group rule may be added for each column in
 * the source data": PivotGroupRule,
 * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/pivot-tables#pivotgrouprule),
 * a grouping or a summary Sheets has not.
 *
 * Calls, whatever the number of rows: 3 for the registry (finder, withKey, find) and 1 for its
 * value; 1 to list the sheet's pivot tables and 2 per pivot table there (its anchor cell, its A1
 * notation), 1 per one removed; 2 ranges and createPivotTable; per group 1, and 1 more for its
 * grouping rule; per value 2; 1 to save the registry; plus the sheets' lookups and the target's
 * size the first time this adapter meets them. Replacing "shipments by product per month" is 22
 * calls, with 10 shipments as with 10,000 (test/gas/call-count.test.ts).
 */

import { a1, type CellRange, type NativeDateGroup, type NativePivotField, type NativePivotSpec } from '../core/workbook.js';
import type { AppsScriptServices, DateTimeGroupingRulesApi, DeveloperMetadataApi, PivotGroupApi, SheetApi, SummarizeFunctionsApi } from './apps-script-api.js';
import type { OpenSpreadsheet } from './open-spreadsheet.js';

/** The developer metadata key of the registry of Carnet's pivot table anchors on a sheet. */
export const PIVOTS_KEY = 'carnet.pivots';

type Agg = NativePivotSpec['values'][number]['agg'];

/** Carnet's aggregations as Sheets' summarize functions: a count counts non-empty cells (COUNTA). */
const SUMMARIES: Record<Agg, keyof SummarizeFunctionsApi> = {
  sum: 'SUM',
  count: 'COUNTA',
  countDistinct: 'COUNTUNIQUE',
  average: 'AVERAGE',
  min: 'MIN',
  max: 'MAX',
};

/** Carnet's date groupings as Sheets' rule types (labels as the reference shows them in en-US). */
const GROUPINGS: Record<NativeDateGroup, keyof DateTimeGroupingRulesApi> = {
  day: 'YEAR_MONTH_DAY', // 2008-11-22
  month: 'YEAR_MONTH', // 2008-Nov
  quarter: 'YEAR_QUARTER', // 2008 Q4
  year: 'YEAR', // 2008
  monthOfYear: 'MONTH', // Nov
};

/** The registry's entry on the sheet, if any, and the anchors (A1) it lists. */
export function pivotRegistry(s: SheetApi): { entry: DeveloperMetadataApi | undefined; anchors: Set<string> } {
  const entry = s.createDeveloperMetadataFinder().withKey(PIVOTS_KEY).find()[0];
  const anchors = new Set<string>();
  if (entry) {
    try {
      const parsed: unknown = JSON.parse(entry.getValue() ?? '[]');
      if (Array.isArray(parsed)) for (const at of parsed) if (typeof at === 'string') anchors.add(at);
    } catch {
      // A registry someone edited into something else lists nothing: no pivot table is taken for Carnet's.
    }
  }
  return { entry, anchors };
}

/** The anchors of the pivot tables Carnet placed; an empty list removes the entry. */
export function savePivotRegistry(s: SheetApi, entry: DeveloperMetadataApi | undefined, anchors: string[]): void {
  if (anchors.length === 0) {
    entry?.remove();
    return;
  }
  const value = JSON.stringify(anchors);
  if (entry) entry.setValue(value);
  else s.addDeveloperMetadata(PIVOTS_KEY, value);
}

export function placePivotTable(open: OpenSpreadsheet, services: AppsScriptServices, spec: NativePivotSpec): void {
  checkSheetsPivot(spec);
  const app = services.SpreadsheetApp;
  const target = open.need(spec.target.sheet);
  const source = open.need(spec.source.sheet);
  const anchor = a1(spec.target.row, spec.target.column);
  const registry = pivotRegistry(target);
  for (const pivot of target.getPivotTables()) {
    const at = pivot.getAnchorCell().getA1Notation();
    if (registry.anchors.has(at) || at === anchor) pivot.remove();
  }
  open.ensureSize(target, spec.target.row + 1, spec.target.column + 1);
  const r = spec.source.range;
  const pivot = target
    .getRange(spec.target.row + 1, spec.target.column + 1, 1, 1)
    .createPivotTable(source.getRange(r.top + 1, r.left + 1, r.bottom - r.top + 1, r.right - r.left + 1));
  const column = (c: number) => r.left + c + 1;
  const grouped = (group: PivotGroupApi, f: NativePivotField) => {
    if (f.by) group.setDateTimeGroupingRule(app.DateTimeGroupingRuleType[GROUPINGS[f.by]]);
  };
  for (const f of spec.rows) grouped(pivot.addRowGroup(column(f.column)), f);
  for (const f of spec.columns) grouped(pivot.addColumnGroup(column(f.column)), f);
  for (const v of spec.values) pivot.addPivotValue(column(v.column), app.PivotTableSummarizeFunction[SUMMARIES[v.agg]]).setDisplayName(v.label);
  savePivotRegistry(target, registry.entry, [anchor]);
  open.changed(target);
}

/** `Object.hasOwn`, which Apps Script's V8 may predate. */
const own = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** What Sheets cannot be given, refused before the first call. */
export function checkSheetsPivot(spec: NativePivotSpec): void {
  const bad = (why: string): never => {
    throw new Error(`Not a pivot table Sheets can place (${why}): ${JSON.stringify(spec).slice(0, 200)}`);
  };
  const index = (n: number) => Number.isInteger(n) && n >= 0;
  const r: CellRange = spec.source.range;
  if (!spec.name.trim()) bad('no name');
  if (![r.top, r.left, r.bottom, r.right].every(index) || r.top > r.bottom || r.left > r.right) bad('the source range must have 0-based corners');
  if (!index(spec.target.row) || !index(spec.target.column)) bad('the target must be a 0-based cell');
  const width = r.right - r.left + 1;
  const fields = [...spec.rows, ...spec.columns];
  for (const c of [...fields.map((f) => f.column), ...spec.values.map((v) => v.column)]) {
    if (!index(c) || c >= width) bad(`column ${c} is not in the source range, ${width} columns wide`);
  }
  for (const f of fields) if (f.by !== undefined && !own(GROUPINGS, f.by)) bad(`Sheets has no date grouping "${String(f.by)}"`);
  for (const v of spec.values) if (!own(SUMMARIES, v.agg)) bad(`Sheets has no summary "${String(v.agg)}"`);
  const ruled = fields.filter((f) => f.by !== undefined).map((f) => f.column);
  const twice = ruled.find((c, i) => ruled.indexOf(c) !== i);
  if (twice !== undefined) bad(`column ${twice} is grouped by date twice: only one PivotGroup with a group rule may be added for each column in the source data`);
}
