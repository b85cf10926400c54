/**
 * The fake's pivot tables (test/gas/fake-spreadsheet-app.ts), as the Apps Script reference
 * describes them:
 * - `Range.createPivotTable(sourceData)` makes "an empty pivot table from the specified sourceData
 *   anchored at the first cell in this range"
 *   (https://developers.google.com/apps-script/reference/spreadsheet/range#createpivottablesourcedata);
 *   `Sheet.getPivotTables()` lists the ones anchored on the sheet, `PivotTable.remove()` deletes one
 *   (https://developers.google.com/apps-script/reference/spreadsheet/pivot-table).
 * - `addRowGroup` / `addColumnGroup` / `addPivotValue` take "the absolute number of the column in
 *   the spreadsheet; 1 means column A": a column outside the source data is refused (Sheets'
 *   wording is not known here).
 * - `PivotGroup.setDateTimeGroupingRule` (https://developers.google.com/apps-script/reference/spreadsheet/pivot-group):
 *   "Only one PivotGroup with a group rule may be added for each column in the source data"
 *   (PivotGroupRule, https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/pivot-tables#pivotgrouprule);
 *   a group without a rule may share the column.
 * - `PivotValue.setDisplayName` (https://developers.google.com/apps-script/reference/spreadsheet/pivot-value).
 * - The pessimistic readings the adapter must survive: a second pivot table anchored on the cell
 *   of another is refused (the reference does not say what Sheets does), and `Sheet.clear()`
 *   keeps pivot tables (fake-sheet.ts).
 * `pivotView` computes what a pivot table shows, coarsely (test helper, not counted): one cell per
 * row key and column key, each value summarized, dates bucketed as the rule types' examples show
 * them in an en-US spreadsheet (DateTimeGroupingRuleType: "2008-Nov", "2008 Q4", "2008-11-22").
 * Not modelled: the cells a pivot table fills (reads of the target sheet do not see them), totals,
 * sorting, anchors moving when rows are inserted.
 */

import type { DateTimeGroupingRulesApi, PivotGroupApi, PivotTableApi, PivotValueApi, SummarizeFunctionsApi } from '../../gas-addon/apps-script-api.js';
import { FakeRange } from './fake-range.js';
import type { FakeSheet } from './fake-sheet.js';
import { EPOCH_MS, MS_PER_DAY } from './fake-values.js';

type SummarizeFunction = GoogleAppsScript.Spreadsheet.PivotTableSummarizeFunction;
type DateTimeRule = GoogleAppsScript.Spreadsheet.DateTimeGroupingRuleType;

/** The real enums are numeric in the typings and strings at run time; only identity matters here. */
export const SUMMARIZE_FUNCTION: SummarizeFunctionsApi & { readonly COUNT: SummarizeFunction } = {
  SUM: 'SUM' as unknown as SummarizeFunction,
  COUNTA: 'COUNTA' as unknown as SummarizeFunction,
  COUNT: 'COUNT' as unknown as SummarizeFunction,
  COUNTUNIQUE: 'COUNTUNIQUE' as unknown as SummarizeFunction,
  AVERAGE: 'AVERAGE' as unknown as SummarizeFunction,
  MIN: 'MIN' as unknown as SummarizeFunction,
  MAX: 'MAX' as unknown as SummarizeFunction,
};

export const DATE_TIME_RULE: DateTimeGroupingRulesApi & { readonly QUARTER: DateTimeRule; readonly DAY_OF_WEEK: DateTimeRule } = {
  YEAR_MONTH_DAY: 'YEAR_MONTH_DAY' as unknown as DateTimeRule,
  YEAR_MONTH: 'YEAR_MONTH' as unknown as DateTimeRule,
  YEAR_QUARTER: 'YEAR_QUARTER' as unknown as DateTimeRule,
  YEAR: 'YEAR' as unknown as DateTimeRule,
  MONTH: 'MONTH' as unknown as DateTimeRule,
  QUARTER: 'QUARTER' as unknown as DateTimeRule,
  DAY_OF_WEEK: 'DAY_OF_WEEK' as unknown as DateTimeRule,
};

export class FakePivotGroup implements PivotGroupApi {
  rule: DateTimeRule | undefined;
  constructor(
    readonly pivot: FakePivotTable,
    readonly dimension: 'ROWS' | 'COLUMNS',
    readonly sourceDataColumn: number,
  ) {}

  setDateTimeGroupingRule(dateTimeGroupingRuleType: DateTimeRule): FakePivotGroup {
    this.pivot.count('PivotGroup.setDateTimeGroupingRule');
    this.pivot.checkLive();
    if (!Object.values(DATE_TIME_RULE).includes(dateTimeGroupingRuleType)) throw new Error('Exception: Invalid argument: dateTimeGroupingRuleType');
    const clash = this.pivot.groups.some((g) => g !== this && g.sourceDataColumn === this.sourceDataColumn && g.rule !== undefined);
    if (clash) throw new Error('Exception: Only one PivotGroup with a group rule may be added for each column in the source data.');
    this.rule = dateTimeGroupingRuleType;
    return this;
  }
}

export class FakePivotValue implements PivotValueApi {
  displayName: string | undefined;
  constructor(
    readonly pivot: FakePivotTable,
    readonly sourceDataColumn: number,
    readonly summarizeFunction: SummarizeFunction,
  ) {}

  setDisplayName(name: string): FakePivotValue {
    this.pivot.count('PivotValue.setDisplayName');
    this.pivot.checkLive();
    this.displayName = name;
    return this;
  }
}

export class FakePivotTable implements PivotTableApi {
  readonly groups: FakePivotGroup[] = [];
  readonly values: FakePivotValue[] = [];
  removed = false;

  constructor(
    /** The anchor cell (1×1). */
    readonly anchor: FakeRange,
    readonly source: FakeRange,
  ) {}

  count(method: string): void {
    this.anchor.sheet.fake.calls.count(method);
  }

  checkLive(): void {
    if (this.removed) throw new Error('Exception: fake: this pivot table was removed.');
  }

  private checkColumn(sourceDataColumn: number): void {
    const first = this.source.column;
    const last = first + this.source.numColumns - 1;
    if (!Number.isInteger(sourceDataColumn) || sourceDataColumn < first || sourceDataColumn > last) {
      throw new Error(`Exception: fake: column ${sourceDataColumn} is not in the pivot table's source data (columns ${first} to ${last}; Sheets' wording is not known here).`);
    }
  }

  private group(dimension: 'ROWS' | 'COLUMNS', sourceDataColumn: number): FakePivotGroup {
    this.checkLive();
    this.checkColumn(sourceDataColumn);
    const g = new FakePivotGroup(this, dimension, sourceDataColumn);
    this.groups.push(g);
    return g;
  }

  addRowGroup(sourceDataColumn: number): FakePivotGroup {
    this.count('PivotTable.addRowGroup');
    return this.group('ROWS', sourceDataColumn);
  }

  addColumnGroup(sourceDataColumn: number): FakePivotGroup {
    this.count('PivotTable.addColumnGroup');
    return this.group('COLUMNS', sourceDataColumn);
  }

  addPivotValue(sourceDataColumn: number, summarizeFunction: SummarizeFunction): FakePivotValue {
    this.count('PivotTable.addPivotValue');
    this.checkLive();
    this.checkColumn(sourceDataColumn);
    if (!Object.values(SUMMARIZE_FUNCTION).includes(summarizeFunction)) throw new Error('Exception: Invalid argument: summarizeFunction');
    const v = new FakePivotValue(this, sourceDataColumn, summarizeFunction);
    this.values.push(v);
    return v;
  }

  getAnchorCell(): FakeRange {
    this.count('PivotTable.getAnchorCell');
    this.checkLive();
    return new FakeRange(this.anchor.sheet, this.anchor.row, this.anchor.column, 1, 1);
  }

  remove(): void {
    this.count('PivotTable.remove');
    this.checkLive();
    const sheet = this.anchor.sheet;
    sheet.pivots = sheet.pivots.filter((p) => p !== this);
    this.removed = true;
  }

  /** Test helper (not counted): what the tests compare. */
  describe() {
    const groups = (d: 'ROWS' | 'COLUMNS') => this.groups.filter((g) => g.dimension === d).map((g) => ({ column: g.sourceDataColumn, ...(g.rule !== undefined ? { rule: g.rule } : {}) }));
    return {
      anchor: `${this.anchor.sheet.name}!${this.anchor.getA1NotationUncounted()}`,
      source: `${this.source.sheet.name}!${this.source.getA1NotationUncounted()}`,
      rows: groups('ROWS'),
      columns: groups('COLUMNS'),
      values: this.values.map((v) => ({ column: v.sourceDataColumn, summarize: v.summarizeFunction, name: v.displayName })),
    };
  }
}

/** `Sheet.getPivotTables()` and `Range.createPivotTable()`, for fake-sheet.ts and fake-range.ts. */
export function createPivotTable(anchor: FakeRange, sourceData: unknown): FakePivotTable {
  if (!(sourceData instanceof FakeRange)) throw new Error('Exception: Invalid argument: sourceData');
  const sheet = anchor.sheet;
  const at = new FakeRange(sheet, anchor.row, anchor.column, 1, 1);
  if (sheet.pivots.some((p) => p.anchor.row === at.row && p.anchor.column === at.column)) {
    throw new Error(`Exception: fake: a pivot table is already anchored at ${at.getA1NotationUncounted()} (what Sheets does then is not documented).`);
  }
  const pivot = new FakePivotTable(at, sourceData);
  sheet.pivots.push(pivot);
  return pivot;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A date serial's bucket, as an en-US spreadsheet labels it. */
function bucket(value: string | number | boolean, rule: DateTimeRule | undefined): string {
  if (rule === undefined || typeof value !== 'number') return String(value);
  const d = new Date(EPOCH_MS + Math.floor(value) * MS_PER_DAY);
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
  const two = (n: number) => String(n).padStart(2, '0');
  switch (rule) {
    case DATE_TIME_RULE.YEAR_MONTH_DAY:
      return `${y}-${two(m + 1)}-${two(day)}`;
    case DATE_TIME_RULE.YEAR_MONTH:
      return `${y}-${MONTHS[m]}`;
    case DATE_TIME_RULE.YEAR_QUARTER:
      return `${y} Q${Math.floor(m / 3) + 1}`;
    case DATE_TIME_RULE.YEAR:
      return String(y);
    case DATE_TIME_RULE.MONTH:
      return MONTHS[m]!;
    case DATE_TIME_RULE.QUARTER:
      return `Q${Math.floor(m / 3) + 1}`;
    default:
      throw new Error(`fake pivotView: rule ${String(rule)} is not modelled`);
  }
}

function summarize(fn: SummarizeFunction, cells: (string | number | boolean)[]): number {
  const present = cells.filter((v) => v !== '');
  const numbers = present.filter((v): v is number => typeof v === 'number');
  switch (fn) {
    case SUMMARIZE_FUNCTION.SUM:
      return numbers.reduce((a, b) => a + b, 0);
    case SUMMARIZE_FUNCTION.COUNTA:
      return present.length;
    case SUMMARIZE_FUNCTION.COUNT:
      return numbers.length;
    case SUMMARIZE_FUNCTION.COUNTUNIQUE:
      return new Set(present.map((v) => (typeof v === 'string' ? `s:${v}` : `v:${String(v)}`))).size;
    case SUMMARIZE_FUNCTION.AVERAGE:
      return numbers.reduce((a, b) => a + b, 0) / numbers.length;
    case SUMMARIZE_FUNCTION.MIN:
      return Math.min(...numbers);
    case SUMMARIZE_FUNCTION.MAX:
      return Math.max(...numbers);
    default:
      throw new Error(`fake pivotView: summarize function ${String(fn)} is not modelled`);
  }
}

/**
 * What the pivot table shows, coarsely: by row key (its groups' labels joined by " / "), then by
 * column key ('' without column groups), each value's summary in the order of the values.
 */
export function pivotView(pivot: FakePivotTable): Record<string, Record<string, number[]>> {
  const src = pivot.source;
  const sheet: FakeSheet = src.sheet;
  const at = (r: number, column: number) => sheet.valueAt(r, column - 1);
  const key = (groups: FakePivotGroup[], r: number) => groups.map((g) => bucket(at(r, g.sourceDataColumn), g.rule)).join(' / ');
  const rows = pivot.groups.filter((g) => g.dimension === 'ROWS');
  const columns = pivot.groups.filter((g) => g.dimension === 'COLUMNS');
  const cells = new Map<string, Map<string, (string | number | boolean)[][]>>();
  // Row 1 of the source is its header; data from the next row on (0-based rows of the sheet).
  for (let r = src.row; r < src.row - 1 + src.numRows; r++) {
    const rk = key(rows, r);
    const ck = key(columns, r);
    const byColumn = cells.get(rk) ?? cells.set(rk, new Map()).get(rk)!;
    const lists = byColumn.get(ck) ?? byColumn.set(ck, pivot.values.map(() => [])).get(ck)!;
    pivot.values.forEach((v, i) => lists[i]!.push(at(r, v.sourceDataColumn)));
  }
  const out: Record<string, Record<string, number[]>> = {};
  for (const [rk, byColumn] of cells) {
    out[rk] = {};
    for (const [ck, lists] of byColumn) out[rk][ck] = pivot.values.map((v, i) => summarize(v.summarizeFunction, lists[i]!));
  }
  return out;
}
