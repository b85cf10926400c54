/**
 * A typed in-memory Excel behind the Office.js subset Carnet uses (office-addin/excel-api.ts),
 * behaving like Excel where Carnet depends on it:
 *
 * - Batching: property writes and method calls are queued and run in order at `context.sync()`;
 *   a loaded property read before its sync throws, like Office.js's PropertyNotLoaded. Every sync
 *   is counted (`excel.syncs`): the tests' proof that round trips do not grow with rows.
 * - Payload: Excel on the web's 5 MB limit on a request (nothing applied) and on a response.
 * - Cells per read: "a range is limited to 5,000,000 cells for read operations" on every platform
 *   (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins):
 *   loading `values`, `formulas` or `numberFormat` of a bigger range fails the sync with
 *   RangeExceedsLimit, or reads `null` (`oversizedRead`; desktop builds have been seen doing either:
 *   office-js#4783, office-js#6781, office-js-docs-pr#5821).
 * - Cell edit mode (`startCellEdit`/`endCellEdit`): while a person edits a cell, a batch "automatically
 *   fails" (InvalidOperationInCellEditMode) unless its `Excel.run` was given `delayForCellEdit: true`,
 *   and then it waits until the edit ends
 *   (https://learn.microsoft.com/javascript/api/excel/excel.runoptions#excel-excel-runoptions-delayforcelledit-member).
 * - Input parsing: `range.values` is taken like typed input — `=…` a formula, `0042` a number,
 *   `TRUE` a boolean, `2026-11-27` a date, a leading apostrophe a quote prefix — unless the cell
 *   has the Text format `@`, which keeps text as typed. Two behaviours the evidence did not settle
 *   are options, so that the adapter is tested under both readings.
 * - `null` in a written 2-D array leaves the cell unchanged; `''` clears it. A 1×1 number-format
 *   array applies to a whole range; any other shape must match the range.
 * - Used ranges by values; entire-row deletion shifting cells (values, formats, validation, notes);
 *   sheet renames rewriting the validation formulas that name the sheet.
 * - Worksheet protection (fake-protection.ts, with the Office.js reference's words): protect,
 *   unprotect and their password, locked cells refusing changes (AccessDenied), allow-edit ranges
 *   (ExcelApiOnline 1.1), every call recorded in `protectionCalls`.
 * - Formulas, from `values` or `formulas` alike, are stored as text and calculated whenever values
 *   are loaded (test/helpers/fake-formulas.ts: arithmetic, ROUND, SUM, IF, LEN…; one it cannot
 *   parse, or an unknown function, reads `#NAME?`). Deleting or inserting rows and renaming a sheet
 *   rewrite the references of every formula, as Excel does. A formula typed into a Text cell stays
 *   text.
 * - A cell's own number format and note belong to the cell: a value written there keeps them, and
 *   they move with the cell when rows are deleted, inserted or sorted.
 * - Merged areas (ExcelApi 1.2 `merge`, 1.13 `getMergedAreasOrNullObject`, see `FakeSheet.merges`):
 *   only the top-left cell holds a value; areas are listed by their top-left cell, 512 at most.
 * - PivotTables (`worksheet.pivotTables`, ExcelApi 1.8; see `FakePivotTables`): hierarchies named
 *   by the source's headers, row and column axes, data hierarchies with their aggregation and name,
 *   Excel's refusals of names; `pivotView` computes what one shows, coarsely. Not modelled: the
 *   cells a PivotTable fills, its extent (only its anchor cell is known), refreshing.
 * - `Worksheet.onChanged` (ExcelApi 1.7, https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-onchanged-member):
 *   a handler added at a sync hears, once that sync is done and in a later task (events reach an
 *   add-in asynchronously), one WorksheetChangedEventArgs per values write, clear of contents, row
 *   insertion or deletion, with the `address`, `changeType` and `source` the reference lists
 *   (https://learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs). The
 *   add-in's own writes (every `excel.run` batch) come `Local`, with `triggerSource`
 *   "ThisLocalAddin" where ExcelApi 1.14 is on (`triggerSource` option); what a person types
 *   (`typeByHand`) comes `Local` or, from a co-author, `Remote`, with "Unknown"
 *   (https://learn.microsoft.com/javascript/api/excel/excel.eventtriggersource).
 * - What a colleague does in Excel, for the contract's `colleague`: `Range.insert` of entire rows
 *   (cells, merges and formulas' references move down) and `Range.sort.apply` (rows of the range
 *   move with their values, formulas, formats and notes; relative references in a moved formula
 *   follow it by the rows it moved, absolute ones stay, as Microsoft KB 40401 shows, "XL: Errors
 *   Sorting Cells That Contain References"; Excel's default order: numbers, text, FALSE/TRUE,
 *   errors, blanks always last).
 *
 * Why not office-addin-mock alone: its OfficeMockObject models properties that a test declares
 * up front and their load/sync state, but not ranges computed from indexes, values that depend on
 * number formats, used ranges, row deletion or a count of syncs. It is used where it fits: the
 * `Office` object (requirements, platform, settings) in the task pane tests.
 *
 * Deliberate simplifications: a fresh workbook has no sheet (Excel always has one, which would
 * break the contract's exact listings); hiding the last visible sheet is allowed; only a sliver of
 * the formula language is calculated; an inserted row is blank (the UI's "Format Same As Above"
 * is not modelled); merging a range that cuts through an existing merge is not modelled.
 */

import type {
  XlAllowEditRange,
  XlAllowEditRangeCollection,
  XlApplication,
  XlChart,
  XlChartCollection,
  XlChartSeries,
  XlChartSeriesCollection,
  XlChartTitle,
  XlContext,
  XlDataValidation,
  XlEventHandlers,
  XlFreezePanes,
  XlDataPivotHierarchy,
  XlDataPivotHierarchyCollection,
  XlNote,
  XlNoteCollection,
  XlPivotHierarchy,
  XlPivotHierarchyCollection,
  XlPivotTable,
  XlPivotTableCollection,
  XlProtectionOptions,
  XlRange,
  XlRangeAreas,
  XlRangeCollection,
  XlRangeFormat,
  XlRangeSort,
  XlRowColumnPivotHierarchy,
  XlRowColumnPivotHierarchyCollection,
  XlSortField,
  XlTable,
  XlWorkbook,
  XlWorksheet,
  XlWorksheetChangedEventArgs,
  XlWorksheetCollection,
  XlWorksheetProtection,
} from '../../office-addin/excel-api.js';
import { utf8Length } from '../../office-addin/payload.js';
import { a1, columnLetter } from '../../core/workbook.js';
import { deletion, evaluate, insertion, moveRows, renameSheetIn, type Scalar } from '../helpers/fake-formulas.js';
import {
  addAllowEditRange,
  allowEditRangeOf,
  deleteAllowEditRange,
  protectSheet,
  refuseLockedEdit,
  setLocked,
  unprotectSheet,
  type AllowEditRangeState,
  type ProtectionCall,
  type SheetProtectionState,
} from './fake-protection.js';

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export interface FakeExcelOptions {
  /** Bytes per request and per response (Excel on the web: 5 MB). Infinity models the desktop. */
  payloadLimit?: number;
  /** A leading apostrophe typed into a Text cell: kept as a character, or taken as a quote prefix. */
  apostropheInTextCells?: 'kept' | 'prefix';
  /** A number written into a Text cell: stored as text (as typing does), or as a number. */
  numbersInTextCells?: 'text' | 'number';
  /**
   * ExcelApi 1.13 present: `getMergedAreasOrNullObject` works. Without it a sync that calls it
   * fails with ApiNotFound, as an older Excel answers an API it does not know.
   */
  mergedAreas?: boolean;
  /**
   * ExcelApiOnline 1.1 present: `protection.allowEditRanges` works. Without it a sync that uses
   * them fails with ApiNotFound (fake-protection.ts).
   */
  allowEditRanges?: boolean;
  /**
   * What a read of more than READ_CELL_LIMIT cells gives: the documented RangeExceedsLimit, or the
   * `null` values some desktop builds answer instead (office-js#4783, office-js#6781).
   */
  oversizedRead?: 'RangeExceedsLimit' | 'null';
  /** ExcelApi 1.14 present: change events carry `triggerSource`; without it the field is absent. */
  triggerSource?: boolean;
}

/** Who made a change an onChanged handler hears of: this add-in, the person at this Excel, or a co-author. */
export type ChangeAuthor = 'addin' | 'person' | 'coauthor';

type ChangeHandler = (args: XlWorksheetChangedEventArgs) => Promise<unknown>;

/**
 * "A range is limited to 5,000,000 cells for read operations"
 * (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins);
 * past it "the cell count in the range has exceeded the maximum supported number" (RangeExceedsLimit,
 * https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
 */
export const READ_CELL_LIMIT = 5_000_000;

/** `Excel.RunOptions`, the part the fake models. */
export interface FakeRunOptions {
  delayForCellEdit?: boolean;
}

type Batch<T> = (context: XlContext) => Promise<T>;

/** `Excel.run`'s two forms Carnet may use: a batch alone, or RunOptions and a batch. */
export interface FakeRun {
  <T>(batch: Batch<T>): Promise<T>;
  <T>(options: FakeRunOptions, batch: Batch<T>): Promise<T>;
}

/**
 * "Note that if the merged areas count in this range is more than 512, then this method will fail
 * to return the result" (Range.getMergedAreasOrNullObject, ExcelApi 1.13). No code is documented;
 * the fake uses GeneralException.
 */
export const MERGED_AREAS_LIMIT = 512;

/** A rectangle of one sheet, 0-based: a merged area. */
export interface Area {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export class FakeExcelError extends Error {
  override readonly name = 'RichApi.Error';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Rule {
  source: string;
  inCellDropDown: boolean;
  alert?: { message: string; showAlert: boolean; style: string; title: string };
  ignoreBlanks?: boolean;
}

export interface FakeCell {
  /** Unused while `formula` is set: the value is then calculated at each load (`FakeExcel.valueAt`). */
  value: string | number | boolean;
  /** A formula, with its `=`. */
  formula?: string;
  format: string;
  quotePrefix?: boolean;
  bold?: boolean;
  rule?: Rule;
  note?: string;
  /** `format.protection.locked`: only `false` is kept; a cell is locked unless unlocked (fake-protection.ts). */
  locked?: boolean;
}

export class FakeSheet {
  visibility = 'Visible';
  readonly rows: (FakeCell | undefined)[][] = [];
  /** Column widths in points. */
  readonly widths = new Map<number, number>();
  frozenRows = 0;
  frozenColumns = 0;
  /** Charts on the sheet, in creation order (see FakeChartState). */
  charts: FakeChartState[] = [];
  /** PivotTables on the sheet, in creation order (see FakePivotState). */
  pivots: FakePivotState[] = [];
  /** Undefined while the sheet is not protected (fake-protection.ts). */
  protection: SheetProtectionState | undefined;
  /** Allow-edit ranges by title (ExcelApiOnline 1.1). */
  readonly allowEditRanges = new Map<string, AllowEditRangeState>();
  /**
   * Merged areas, as a person makes them. "The value of a merged range is specified in the cell
   * of the range's upper-left corner" (https://learn.microsoft.com/office/vba/api/excel.range.merge):
   * merging keeps that value only, the other cells read `''`, and a value written into one of them
   * is refused (InvalidOperation; what Excel answers there is not documented).
   */
  merges: Area[] = [];

  constructor(public name: string) {}

  /** The merged area holding the cell, if any. */
  mergeAt(r: number, c: number): Area | undefined {
    return this.merges.find((m) => r >= m.row && r < m.row + m.rows && c >= m.column && c < m.column + m.columns);
  }

  /** A cell inside a merged area but not its top-left one: hidden under the merge. */
  hidden(r: number, c: number): boolean {
    const m = this.mergeAt(r, c);
    return m !== undefined && (m.row !== r || m.column !== c);
  }

  /** Merged areas after `count` rows were inserted above row `at`: below it they move, across it they grow. */
  insertRows(at: number, count: number): void {
    for (const m of this.merges) {
      if (m.row >= at) m.row += count;
      else if (at < m.row + m.rows) m.rows += count;
    }
  }

  /** Merged areas after rows at…at+count-1 were deleted: below they move up, across they shrink, a single cell is no merge. */
  deleteRows(at: number, count: number): void {
    const kept: Area[] = [];
    for (const m of this.merges) {
      const bottom = m.row + m.rows - 1;
      if (bottom < at) kept.push(m);
      else if (m.row >= at + count) kept.push({ ...m, row: m.row - count });
      else {
        const lost = Math.min(bottom, at + count - 1) - Math.max(m.row, at) + 1;
        const area = { ...m, row: Math.min(m.row, at), rows: m.rows - lost };
        if (area.rows > 0 && area.rows * area.columns > 1) kept.push(area);
      }
    }
    this.merges = kept;
  }

  cell(r: number, c: number): FakeCell | undefined {
    return this.rows[r]?.[c];
  }

  touch(r: number, c: number): FakeCell {
    const row = (this.rows[r] ??= []);
    return (row[c] ??= { value: '', format: 'General' });
  }

  /** The bounding box of cells holding a value (Excel's used range with valuesOnly). */
  used(): Rect | undefined {
    let top = -1;
    let bottom = -1;
    let left = Infinity;
    let right = -1;
    this.rows.forEach((row, r) => {
      if (!row) return;
      row.forEach((cell, c) => {
        if (!cell || (cell.value === '' && cell.formula === undefined)) return;
        if (top < 0) top = r;
        bottom = r;
        if (c < left) left = c;
        if (c > right) right = c;
      });
    });
    if (top < 0) return undefined;
    return { sheet: this, row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
  }
}

/** A chart as the fake keeps it: what Carnet sets, in Excel's own terms (points, series ranges). */
export interface FakeChartState {
  name: string;
  /** `ColumnClustered`, `Line`… as given to `charts.add`. */
  type: string;
  title: string;
  /** The cell `setPosition` put its top-left corner on, if it was placed. */
  anchor?: { row: number; column: number };
  top: number;
  left: number;
  width: number;
  height: number;
  series: { name: string; values?: Rect; xValues?: Rect }[];
}

/** The chart types the fake accepts (a sample of Excel.ChartType). */
const CHART_TYPES = new Set(['ColumnClustered', 'ColumnStacked', 'BarClustered', 'BarStacked', 'Line', 'LineMarkers', 'Pie', 'Area', 'XYScatter', 'Doughnut']);

export interface Rect {
  sheet: FakeSheet;
  row: number;
  column: number;
  rows: number;
  columns: number;
}

type Op = { bytes: number; run: () => void };

/** Bytes of a value as JSON (no Buffer: the fake also runs in the browser smoke test). */
function jsonBytes(v: unknown): number {
  return utf8Length(JSON.stringify(v) ?? '');
}

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  /** `context.sync()` calls: the round trips a command costs. */
  syncs = 0;
  /** `Excel.run` batches. */
  runs = 0;
  /** `suspendApiCalculationUntilNextSync()` calls. */
  suspensions = 0;
  /** Largest request seen, in bytes. */
  largestRequest = 0;
  /** Syncs that waited for a person to finish editing a cell (`delayForCellEdit`). */
  delayedSyncs = 0;
  /** Set while a person edits a cell: resolves when they press Enter (endCellEdit). */
  private cellEdit: { done: Promise<void>; end: () => void } | undefined;
  /** Every protect, unprotect and allow-edit range add or delete that reached Excel, in order, refused or not. */
  readonly protectionCalls: ProtectionCall[] = [];
  readonly options: Required<FakeExcelOptions>;

  constructor(options: FakeExcelOptions = {}) {
    this.options = {
      payloadLimit: 5_000_000,
      apostropheInTextCells: 'kept',
      numbersInTextCells: 'text',
      mergedAreas: true,
      allowEditRanges: true,
      oversizedRead: 'RangeExceedsLimit',
      triggerSource: true,
      ...options,
    };
  }

  /** onChanged handlers, by sheet (registered at a sync, as Office.js does). */
  private readonly changeHandlers = new Map<FakeSheet, Set<ChangeHandler>>();
  /** Change events delivered to a handler. */
  changeEvents = 0;

  listen(sheet: FakeSheet, handler: ChangeHandler): void {
    const set = this.changeHandlers.get(sheet) ?? new Set();
    set.add(handler);
    this.changeHandlers.set(sheet, set);
  }

  unlisten(sheet: FakeSheet, handler: ChangeHandler): void {
    this.changeHandlers.get(sheet)?.delete(handler);
  }

  /** Tells the sheet's onChanged handlers, in a later task, that `address` changed. */
  changed(sheet: FakeSheet, address: string, changeType: string, by: ChangeAuthor): void {
    const handlers = [...(this.changeHandlers.get(sheet) ?? [])];
    if (handlers.length === 0) return;
    const args: XlWorksheetChangedEventArgs = {
      address,
      changeType,
      source: by === 'coauthor' ? 'Remote' : 'Local',
      worksheetId: `{${sheet.name}}`,
      ...(this.options.triggerSource ? { triggerSource: by === 'addin' ? 'ThisLocalAddin' : 'Unknown' } : {}),
    };
    setTimeout(() => {
      for (const h of handlers) {
        this.changeEvents++;
        void h({ ...args });
      }
    }, 0);
  }

  /**
   * What a person (or, `coauthor`, a colleague editing the same file) types into `sheet` from
   * `address` (its top-left cell) on, outside any add-in: taken like typed input, heard by onChanged.
   */
  typeByHand(sheet: string, address: string, rows: unknown[][], by: 'person' | 'coauthor' = 'person'): void {
    const s = this.sheet(sheet);
    const at = parseA1(address);
    rows.forEach((row, i) => row.forEach((v, j) => this.input(s.touch(at.row + i, at.column + j), v)));
    this.changed(s, rangeAddress({ sheet: s, row: at.row, column: at.column, rows: rows.length, columns: Math.max(...rows.map((r) => r.length)) }), 'RangeEdited', by);
  }

  /** A person starts typing in a cell (edit mode), and stays there until endCellEdit. */
  startCellEdit(): void {
    if (this.cellEdit) return;
    let end!: () => void;
    const done = new Promise<void>((resolve) => (end = resolve));
    this.cellEdit = { done, end };
  }

  /** They press Enter (or Tab, or pick another cell): the batches that waited go on. */
  endCellEdit(): void {
    const edit = this.cellEdit;
    this.cellEdit = undefined;
    edit?.end();
  }

  get editingCell(): boolean {
    return this.cellEdit !== undefined;
  }

  /**
   * Where a sync meets cell edit mode: without `delayForCellEdit` the batch "automatically fails";
   * with it the request "is delayed until the user exits cell edit mode"
   * (https://learn.microsoft.com/javascript/api/excel/excel.runoptions). The error's code and
   * message are Excel's (Excel.ErrorCodes.invalidOperationInCellEditMode, office-js#625).
   */
  async meetCellEdit(delay: boolean): Promise<void> {
    while (this.cellEdit) {
      if (!delay) {
        throw new FakeExcelError(
          'InvalidOperationInCellEditMode',
          'Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.',
        );
      }
      this.delayedSyncs++;
      await this.cellEdit.done;
    }
  }

  /**
   * `RangeAreas.address`: "Sheet1!A1:B4, Sheet1!D1:D4" in the reference's example; whole rows as
   * `2:3`, whole columns as `C:D`, as Excel writes addresses. A method, so that a test can stand
   * in an Excel whose address reads otherwise.
   */
  areasAddress(sheet: FakeSheet, areas: readonly Area[]): string {
    const name = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet.name) ? sheet.name : `'${sheet.name.replace(/'/g, "''")}'`;
    const one = (a: Area): string => {
      if (a.column === 0 && a.columns === MAX_COLUMNS) return `${a.row + 1}:${a.row + a.rows}`;
      if (a.row === 0 && a.rows === MAX_ROWS) return `${columnLetter(a.column)}:${columnLetter(a.column + a.columns - 1)}`;
      return `${a1(a.row, a.column)}:${a1(a.row + a.rows - 1, a.column + a.columns - 1)}`;
    };
    return areas.map((a) => `${name}!${one(a)}`).join(', ');
  }

  /** Entire rows inserted above row `at` (0-based), as Insert › Insert Sheet Rows does. */
  insertRows(sheet: FakeSheet, at: number, count: number): void {
    if (sheet.protection) throw new FakeExcelError('AccessDenied', 'Rows cannot be inserted on a protected sheet.');
    if (at < sheet.rows.length) sheet.rows.splice(at, 0, ...Array.from({ length: count }, (): (FakeCell | undefined)[] => []));
    sheet.insertRows(at, count);
    this.rewriteFormulas((formula, s) => moveRows(formula, sheet.name, s === sheet, insertion(at, count)));
  }

  /**
   * Sorts the rows of `rect` (after its first row with `hasHeaders`) by `fields`, moving each row's
   * cells within the rectangle's columns. Excel refuses to sort across merged cells ("To do this,
   * all the merged cells need to be the same size"; the API's code is not documented).
   */
  sortRows(rect: Rect, fields: readonly XlSortField[], matchCase: boolean, hasHeaders: boolean): void {
    const s = rect.sheet;
    if (s.protection) throw new FakeExcelError('AccessDenied', 'Rows cannot be sorted on a protected sheet.');
    const first = rect.row + (hasHeaders ? 1 : 0);
    // Rows past the last one that exists are blank, and blanks sort last: they stay where they are.
    const last = Math.min(rect.row + rect.rows, s.rows.length) - 1;
    if (s.merges.some((m) => m.row <= last && m.row + m.rows - 1 >= first && m.column < rect.column + rect.columns && m.column + m.columns > rect.column)) {
      throw new FakeExcelError('InvalidOperation', 'To do this, all the merged cells need to be the same size.');
    }
    const lines: { from: number; cells: (FakeCell | undefined)[]; keys: Scalar[] }[] = [];
    for (let r = first; r <= last; r++) {
      lines.push({
        from: r,
        cells: Array.from({ length: rect.columns }, (_, j) => s.cell(r, rect.column + j)),
        keys: fields.map((f) => this.valueAt(s, r, rect.column + f.key)),
      });
    }
    lines.sort((a, b) => {
      for (let i = 0; i < fields.length; i++) {
        const order = excelOrder(a.keys[i]!, b.keys[i]!, fields[i]!.ascending !== false, matchCase);
        if (order !== 0) return order;
      }
      return 0; // Excel's sort is stable
    });
    lines.forEach((line, i) => {
      const to = first + i;
      const row = (s.rows[to] ??= []);
      line.cells.forEach((cell, j) => {
        if (cell?.formula !== undefined) cell.formula = offsetRelativeRows(cell.formula, to - line.from);
        row[rect.column + j] = cell;
      });
    });
  }

  /**
   * Drop-in for `Excel.run`, with or without RunOptions: a fresh context per batch, queued work
   * synced at the end.
   */
  readonly run: FakeRun = async <T>(first: FakeRunOptions | Batch<T>, second?: Batch<T>): Promise<T> => {
    const [options, batch] = typeof first === 'function' ? [{}, first] : [first, second!];
    this.runs++;
    const ctx = new FakeContext(this, options.delayForCellEdit === true);
    const result = await batch(ctx);
    if (ctx.pending > 0) await ctx.sync();
    return result;
  };

  find(name: string): FakeSheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheet(name: string): FakeSheet {
    const s = this.find(name);
    if (!s) throw new FakeExcelError('ItemNotFound', `The requested resource doesn't exist: sheet "${name}".`);
    return s;
  }

  /** Raw values as Excel would give them (`''` for empty), for assertions. */
  values(name: string): (string | number | boolean)[][] {
    const s = this.sheet(name);
    const u = s.used();
    if (!u) return [];
    const out: (string | number | boolean)[][] = [];
    for (let r = 0; r < u.row + u.rows; r++) {
      const row: (string | number | boolean)[] = [];
      for (let c = 0; c < u.column + u.columns; c++) row.push(this.valueAt(s, r, c));
      out.push(row);
    }
    return out;
  }

  /** Every cell holding a formula, as `Sheet!A1`. */
  formulas(): string[] {
    const out: string[] = [];
    for (const s of this.sheets) {
      s.rows.forEach((row, r) => row?.forEach((cell, c) => cell?.formula !== undefined && out.push(`${s.name}!${r},${c}`)));
    }
    return out;
  }

  /** A cell's value as Excel shows it, formulas calculated now (0-based). */
  valueAt(sheet: FakeSheet, r: number, c: number, visiting = new Set<FakeCell>()): Scalar {
    const cell = sheet.cell(r, c);
    if (!cell || sheet.hidden(r, c)) return '';
    if (cell.formula === undefined) return cell.value;
    if (visiting.has(cell)) return 0; // Excel shows 0 for a circular reference
    visiting.add(cell);
    try {
      return evaluate(
        cell.formula,
        (name, row, column) => {
          const target = name === undefined ? sheet : this.find(name);
          return target ? this.valueAt(target, row, column, visiting) : undefined;
        },
        '#NAME?',
      );
    } finally {
      visiting.delete(cell);
    }
  }

  /** Applies `rewrite` to every formula of every sheet (row deletions, renames). */
  rewriteFormulas(rewrite: (formula: string, sheet: FakeSheet) => string): void {
    for (const sheet of this.sheets) {
      for (const row of sheet.rows) for (const cell of row ?? []) if (cell?.formula !== undefined) cell.formula = rewrite(cell.formula, sheet);
    }
  }

  resetCounts(): void {
    this.syncs = 0;
    this.runs = 0;
    this.suspensions = 0;
    this.largestRequest = 0;
    this.delayedSyncs = 0;
    this.protectionCalls.length = 0;
  }

  /** Excel's reading of a value arriving in a cell, after the cell's number format. */
  input(cell: FakeCell, v: unknown): void {
    cell.formula = undefined;
    cell.quotePrefix = undefined;
    if (typeof v === 'number' || typeof v === 'boolean') {
      const text = cell.format === '@' && this.options.numbersInTextCells === 'text';
      cell.value = text ? (typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v)) : v;
      return;
    }
    if (typeof v !== 'string') throw new FakeExcelError('InvalidArgument', `Unsupported cell value ${String(v)}`);
    if (v === '') {
      cell.value = '';
      return;
    }
    if (cell.format === '@') {
      if (v.startsWith("'") && this.options.apostropheInTextCells === 'prefix') {
        cell.value = v.slice(1);
        cell.quotePrefix = true;
      } else cell.value = v;
      return;
    }
    if (v.startsWith("'")) {
      cell.value = v.slice(1);
      cell.quotePrefix = true;
      return;
    }
    const number = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(v.trim()) ? Number(v) : undefined;
    if (number !== undefined) {
      cell.value = number;
      return;
    }
    if (/^[=+\-@]./s.test(v)) {
      cell.formula = v.startsWith('=') ? v : `=${v}`;
      cell.value = '';
      return;
    }
    const percent = /^([+-]?\d+(\.\d+)?)%$/.exec(v);
    if (percent) {
      cell.value = Number(percent[1]) / 100;
      return;
    }
    if (/^(true|false)$/i.test(v)) {
      cell.value = v.toLowerCase() === 'true';
      return;
    }
    const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    if (date) {
      cell.value = (Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!) - Date.UTC(1899, 11, 30)) / 86_400_000;
      if (cell.format === 'General') cell.format = 'yyyy-mm-dd';
      return;
    }
    cell.value = v;
  }
}

class FakeContext implements XlContext {
  readonly workbook: XlWorkbook;
  private ops: Op[] = [];
  /** Loads staged by the running sync, committed only when the response fits. */
  private staged: (() => void)[] = [];
  private responseBytes = 0;

  constructor(
    readonly excel: FakeExcel,
    /** `Excel.run({ delayForCellEdit: true }, …)`. */
    private readonly delayForCellEdit = false,
  ) {
    this.workbook = {
      worksheets: new FakeWorksheets(this),
      application: new FakeApplication(this),
      pivotTables: new FakePivotTables(this, () => this.excel.sheets, undefined),
    };
  }

  get pending(): number {
    return this.ops.length;
  }

  queue(run: () => void, bytes = 100): void {
    this.ops.push({ bytes, run });
  }

  /** Called by a load op: `commit` makes the snapshot visible once the response is known to fit. */
  respond(bytes: number, commit: () => void): void {
    this.responseBytes += bytes;
    this.staged.push(commit);
  }

  async sync(): Promise<unknown> {
    this.excel.syncs++;
    // Only while a cell is edited: otherwise a sync takes no extra turn, as before.
    if (this.excel.editingCell) await this.excel.meetCellEdit(this.delayForCellEdit);
    const ops = this.ops;
    this.ops = [];
    this.staged = [];
    this.responseBytes = 0;
    const request = ops.reduce((n, op) => n + op.bytes, 0);
    this.excel.largestRequest = Math.max(this.excel.largestRequest, request);
    if (request > this.excel.options.payloadLimit) {
      throw new FakeExcelError('RequestPayloadSizeLimitExceeded', `The request payload size (${request} bytes) has exceeded the limit.`);
    }
    for (const op of ops) op.run(); // an error stops the batch; what ran before stays done
    if (this.responseBytes > this.excel.options.payloadLimit) {
      throw new FakeExcelError('ResponsePayloadSizeLimitExceeded', `The response payload size (${this.responseBytes} bytes) has exceeded the limit.`);
    }
    for (const commit of this.staged) commit();
    return undefined;
  }
}

/** Shared by every proxy: values readable only after load + sync. */
abstract class Proxy {
  protected readonly loaded = new Map<string, unknown>();

  constructor(protected readonly ctx: FakeContext) {}

  protected get<T>(name: string): T {
    if (!this.loaded.has(name)) {
      throw new FakeExcelError('PropertyNotLoaded', `The property '${name}' is not available. Call load() and context.sync() before reading it.`);
    }
    return this.loaded.get(name) as T;
  }

  /** Queues a snapshot of the named properties, read from the host state when the op runs. */
  protected loadProps(names: string | string[] | undefined, read: (name: string) => unknown): void {
    const list = (Array.isArray(names) ? names : (names ?? '').split(',')).map((n) => n.trim()).filter(Boolean);
    this.ctx.queue(() => {
      const snapshot = new Map<string, unknown>();
      for (const n of list) snapshot.set(n, read(n));
      let bytes = 0;
      for (const v of snapshot.values()) bytes += jsonBytes(v);
      this.ctx.respond(bytes, () => {
        for (const [k, v] of snapshot) this.loaded.set(k, v);
      });
    });
  }
}

class FakeApplication implements XlApplication {
  constructor(private readonly ctx: FakeContext) {}
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.queue(() => this.ctx.excel.suspensions++);
  }
}

class FakeWorksheets extends Proxy implements XlWorksheetCollection {
  get items(): XlWorksheet[] {
    return this.get<XlWorksheet[]>('items');
  }

  load(propertyNames?: string | string[]): XlWorksheetCollection {
    const props = (Array.isArray(propertyNames) ? propertyNames : (propertyNames ?? '').split(','))
      .map((p) => p.trim().replace(/^items\//, ''))
      .filter(Boolean);
    this.ctx.queue(() => {
      const items = this.ctx.excel.sheets.map((s) => FakeWorksheet.bound(this.ctx, s, props));
      this.ctx.respond(jsonBytes(this.ctx.excel.sheets.map((s) => s.name)), () => this.loaded.set('items', items));
    });
    return this;
  }

  getItem(key: string): XlWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.excel.sheet(key));
  }

  add(name?: string): XlWorksheet {
    return new FakeWorksheet(this.ctx, () => {
      const excel = this.ctx.excel;
      const n = name ?? `Sheet${excel.sheets.length + 1}`;
      if (excel.find(n)) throw new FakeExcelError('ItemAlreadyExists', `A sheet named "${n}" already exists.`);
      if (n.length > 31 || /[\\/?*[\]:]/.test(n)) throw new FakeExcelError('InvalidArgument', `Invalid sheet name "${n}".`);
      const sheet = new FakeSheet(n);
      excel.sheets.push(sheet);
      return sheet;
    });
  }
}

class FakeWorksheet extends Proxy implements XlWorksheet {
  private target: FakeSheet | undefined;
  readonly freezePanes: XlFreezePanes;
  readonly protection: XlWorksheetProtection;
  readonly notes: XlNoteCollection;
  readonly charts: XlChartCollection;
  readonly pivotTables: XlPivotTableCollection;
  readonly onChanged: XlEventHandlers<XlWorksheetChangedEventArgs>;

  /** `resolve` runs in queue order, like the host creating the object when the call arrives. */
  constructor(ctx: FakeContext, resolve: (() => FakeSheet) | FakeSheet) {
    super(ctx);
    if (typeof resolve === 'function') ctx.queue(() => (this.target = resolve()));
    else this.target = resolve;
    const sheet = () => this.sheet;
    this.freezePanes = {
      freezeRows: (count = 1) => ctx.queue(() => (sheet().frozenRows = count)),
      freezeColumns: (count = 1) => ctx.queue(() => (sheet().frozenColumns = count)),
      // "The range provided corresponds to cells that will be frozen in the top- and left-most pane."
      freezeAt: (frozenRange: XlRange | string) =>
        ctx.queue(() => {
          const r = typeof frozenRange === 'string' ? rectOfAddress(sheet(), frozenRange) : asFakeRange(frozenRange).need();
          sheet().frozenRows = r.row + r.rows;
          sheet().frozenColumns = r.column + r.columns;
        }),
      unfreeze: () =>
        ctx.queue(() => {
          sheet().frozenRows = 0;
          sheet().frozenColumns = 0;
        }),
    };
    this.protection = new FakeProtection(ctx, sheet);
    this.notes = new FakeNotes(ctx, sheet);
    this.charts = new FakeCharts(ctx, sheet);
    this.pivotTables = new FakePivotTables(ctx, () => [sheet()], sheet);
    this.onChanged = {
      add: (handler) => {
        ctx.queue(() => ctx.excel.listen(sheet(), handler));
        return { remove: () => ctx.queue(() => ctx.excel.unlisten(sheet(), handler)) };
      },
    };
  }

  /**
   * An item of a loaded collection: already bound, its properties already loaded, the protection's
   * too (`items/protection/protected`: Office.js loads a navigation property's path, as the
   * reference's own sample does with `load("protection/protected")`,
   * https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotection).
   */
  static bound(ctx: FakeContext, sheet: FakeSheet, props: string[]): FakeWorksheet {
    const ws = new FakeWorksheet(ctx, sheet);
    for (const p of props) {
      if (p.startsWith('protection/')) (ws.protection as FakeProtection).preload(p.slice('protection/'.length));
      else ws.loaded.set(p, ws.read(p));
    }
    return ws;
  }

  get sheet(): FakeSheet {
    if (!this.target) throw new FakeExcelError('GeneralException', 'Worksheet used before it was resolved.');
    return this.target;
  }

  private read(name: string): unknown {
    const s = this.sheet;
    if (name === 'name') return s.name;
    if (name === 'visibility') return s.visibility;
    if (name === 'position') return this.ctx.excel.sheets.indexOf(s);
    throw new FakeExcelError('InvalidArgument', `Unknown worksheet property ${name}`);
  }

  get name(): string {
    return this.get('name');
  }
  set name(to: string) {
    this.ctx.queue(() => {
      const s = this.sheet;
      const clash = this.ctx.excel.find(to);
      if (clash && clash !== s) throw new FakeExcelError('ItemAlreadyExists', `A sheet named "${to}" already exists.`);
      const from = s.name;
      s.name = to;
      // Excel rewrites every formula naming the sheet, validation sources included.
      for (const other of this.ctx.excel.sheets) {
        for (const row of other.rows) for (const cell of row ?? []) if (cell?.rule) cell.rule.source = renameInFormula(cell.rule.source, from, to);
      }
      this.ctx.excel.rewriteFormulas((formula) => renameSheetIn(formula, from, to));
    });
  }

  get visibility(): string {
    return this.get('visibility');
  }
  set visibility(v: string) {
    this.ctx.queue(() => {
      if (!['Visible', 'Hidden', 'VeryHidden'].includes(v)) throw new FakeExcelError('InvalidArgument', `Invalid visibility ${v}`);
      this.sheet.visibility = v;
    });
  }

  get position(): number {
    return this.get('position');
  }
  set position(p: number) {
    this.ctx.queue(() => {
      const list = this.ctx.excel.sheets;
      if (p < 0 || p >= list.length) throw new FakeExcelError('InvalidArgument', `Position ${p} is out of range.`);
      list.splice(list.indexOf(this.sheet), 1);
      list.splice(p, 0, this.sheet);
    });
  }

  load(propertyNames?: string | string[]): XlWorksheet {
    this.loadProps(propertyNames, (n) => this.read(n));
    return this;
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): XlRange {
    return new FakeRange(this.ctx, () => {
      if (startRow < 0 || startColumn < 0 || rowCount < 1 || columnCount < 1 || startRow + rowCount > MAX_ROWS || startColumn + columnCount > MAX_COLUMNS) {
        throw new FakeExcelError('InvalidArgument', `Invalid range (${startRow}, ${startColumn}, ${rowCount}, ${columnCount}).`);
      }
      return { sheet: this.sheet, row: startRow, column: startColumn, rows: rowCount, columns: columnCount };
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange {
    if (!valuesOnly) throw new FakeExcelError('NotImplemented', 'The fake models used ranges by values only (Carnet never asks for more).');
    return new FakeRange(this.ctx, () => this.sheet.used() ?? null);
  }
}

/** `worksheet.protection`; the rules are in fake-protection.ts. */
class FakeProtection extends Proxy implements XlWorksheetProtection {
  readonly allowEditRanges: XlAllowEditRangeCollection;

  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx);
    this.allowEditRanges = {
      add: (title, rangeAddress, options) => ctx.queue(() => addAllowEditRange(ctx.excel, sheet(), title, rangeAddress, options?.password)),
      getItemOrNullObject: (key) => new FakeAllowEditRange(ctx, sheet, key),
    };
  }

  get protected(): boolean {
    return this.get('protected');
  }

  get options(): XlProtectionOptions {
    return this.get('options');
  }

  protect(options?: XlProtectionOptions, password?: string): void {
    this.ctx.queue(() => protectSheet(this.ctx.excel, this.sheet(), options, password));
  }

  unprotect(password?: string): void {
    this.ctx.queue(() => unprotectSheet(this.ctx.excel, this.sheet(), password));
  }

  private read(name: string): unknown {
    if (name === 'protected') return this.sheet().protection !== undefined;
    if (name === 'options') return { ...this.sheet().protection?.options };
    throw new FakeExcelError('InvalidArgument', `Unknown protection property ${name}`);
  }

  /** Loaded with its worksheet, an item of a loaded collection (FakeWorksheet.bound). */
  preload(name: string): void {
    this.loaded.set(name, this.read(name));
  }

  load(propertyNames?: string | string[]): XlWorksheetProtection {
    this.loadProps(propertyNames, (n) => this.read(n));
    return this;
  }
}

/** `protection.allowEditRanges.getItemOrNullObject(title)` (ExcelApiOnline 1.1). */
class FakeAllowEditRange extends Proxy implements XlAllowEditRange {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
    private readonly title: string,
  ) {
    super(ctx);
  }
  get isNullObject(): boolean {
    return this.get('isNullObject');
  }
  delete(): void {
    this.ctx.queue(() => {
      const found = allowEditRangeOf(this.ctx.excel, this.sheet(), this.title);
      if (!found) throw new FakeExcelError('ItemNotFound', `No allow-edit range "${this.title}" (a null object).`);
      deleteAllowEditRange(this.ctx.excel, this.sheet(), found.title);
    });
  }
  load(propertyNames?: string | string[]): XlAllowEditRange {
    const list = Array.isArray(propertyNames) ? propertyNames : (propertyNames ?? '').split(',');
    this.loadProps(['isNullObject', ...list], (n) => {
      const found = allowEditRangeOf(this.ctx.excel, this.sheet(), this.title);
      if (n === 'isNullObject') return found === undefined;
      if (!found) return null;
      if (n === 'title') return found.title;
      if (n === 'address') return found.address;
      if (n === 'isPasswordProtected') return found.password !== undefined;
      throw new FakeExcelError('InvalidArgument', `Unknown allow-edit range property ${n}`);
    });
    return this;
  }
}

class FakeNotes implements XlNoteCollection {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {}

  add(cellAddress: string, content: string): XlNote {
    this.ctx.queue(() => {
      const { row, column } = parseA1(cellAddress);
      const cell = this.sheet().touch(row, column);
      if (cell.note !== undefined) throw new FakeExcelError('InvalidArgument', `The cell ${cellAddress} already has a note.`);
      cell.note = content;
    });
    return new FakeNote(this.ctx, this.sheet, cellAddress);
  }

  getItemOrNullObject(key: string): XlNote {
    return new FakeNote(this.ctx, this.sheet, key);
  }
}

class FakeNote extends Proxy implements XlNote {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
    private readonly address: string,
  ) {
    super(ctx);
  }
  private cell(): FakeCell | undefined {
    const { row, column } = parseA1(this.address);
    return this.sheet().cell(row, column);
  }
  get isNullObject(): boolean {
    return this.get('isNullObject');
  }
  get content(): string {
    return this.get('content');
  }
  set content(text: string) {
    this.ctx.queue(() => {
      const cell = this.cell();
      if (cell?.note === undefined) throw new FakeExcelError('ItemNotFound', `No note at ${this.address}.`);
      cell.note = text;
    });
  }
  load(propertyNames?: string | string[]): XlNote {
    this.loadProps(['isNullObject', ...(Array.isArray(propertyNames) ? propertyNames : (propertyNames ?? '').split(','))], (n) => {
      const note = this.cell()?.note;
      return n === 'isNullObject' ? note === undefined : (note ?? null);
    });
    return this;
  }
}

/** A range handed back to the fake: only its own ranges, as Office.js accepts only its own proxies. */
function asFakeRange(range: XlRange): FakeRange {
  if (!(range instanceof FakeRange)) throw new FakeExcelError('InvalidArgument', 'The argument is not a range of this request context.');
  return range;
}

/** `B3`, `B3:D9` or `Sheet!B3` → a rectangle of `sheet`. */
function rectOfAddress(sheet: FakeSheet, address: string): Rect {
  const [a, b = a] = address.replace(/^.*!/, '').split(':') as [string, string?];
  const from = parseA1(a);
  const to = parseA1(b!);
  return { sheet, row: from.row, column: from.column, rows: to.row - from.row + 1, columns: to.column - from.column + 1 };
}

/** Default size of a new chart (Excel's: 360 × 216 points), and where it goes before it is placed. */
const NEW_CHART = { top: 0, left: 0, width: 360, height: 216 };

/**
 * `worksheet.charts`: `add` makes a chart of a known type over a range, one series per column
 * (`Columns`), per row (`Rows`), or by the range's shape (`Auto`: columns when it is at least as
 * tall as wide), named "Chart N" as Excel names them; refused on a protected sheet (AccessDenied).
 */
class FakeCharts extends Proxy implements XlChartCollection {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx);
  }

  get items(): XlChart[] {
    return this.get<XlChart[]>('items');
  }

  load(propertyNames?: string | string[]): XlChartCollection {
    const props = (Array.isArray(propertyNames) ? propertyNames : (propertyNames ?? '').split(','))
      .map((p) => p.trim().replace(/^items\//, ''))
      .filter(Boolean);
    this.ctx.queue(() => {
      const s = this.sheet();
      const items = s.charts.map((c) => FakeChart.bound(this.ctx, s, c, props));
      this.ctx.respond(jsonBytes(s.charts.map((c) => c.name)), () => this.loaded.set('items', items));
    });
    return this;
  }

  add(type: string, sourceData: XlRange, seriesBy: string = 'Auto'): XlChart {
    const source = asFakeRange(sourceData);
    return new FakeChart(this.ctx, () => {
      const s = this.sheet();
      if (s.protection) throw new FakeExcelError('AccessDenied', 'Charts cannot be added to a protected sheet.');
      if (!CHART_TYPES.has(type)) throw new FakeExcelError('InvalidArgument', `The fake does not know the chart type ${type}.`);
      if (!['Auto', 'Columns', 'Rows'].includes(seriesBy)) throw new FakeExcelError('InvalidArgument', `Invalid seriesBy ${seriesBy}.`);
      const r = source.need();
      const byColumns = seriesBy === 'Columns' || (seriesBy === 'Auto' && r.rows >= r.columns);
      const series = byColumns
        ? Array.from({ length: r.columns }, (_, i) => ({ name: `Series${i + 1}`, values: { ...r, column: r.column + i, columns: 1 } }))
        : Array.from({ length: r.rows }, (_, i) => ({ name: `Series${i + 1}`, values: { ...r, row: r.row + i, rows: 1 } }));
      const chart: FakeChartState = { name: `Chart ${s.charts.length + 1}`, type, title: '', ...NEW_CHART, series };
      s.charts.push(chart);
      return { sheet: s, chart };
    });
  }
}

class FakeChart extends Proxy implements XlChart {
  private target: { sheet: FakeSheet; chart: FakeChartState } | undefined;
  readonly title: XlChartTitle;
  readonly series: XlChartSeriesCollection;

  constructor(ctx: FakeContext, resolve: (() => { sheet: FakeSheet; chart: FakeChartState }) | { sheet: FakeSheet; chart: FakeChartState }) {
    super(ctx);
    if (typeof resolve === 'function') ctx.queue(() => (this.target = resolve()));
    else this.target = resolve;
    const chart = () => this.need().chart;
    this.title = {
      get text(): string {
        throw new FakeExcelError('PropertyNotLoaded', 'title/text is not loaded (tests read the fake state instead).');
      },
      set text(text: string) {
        ctx.queue(() => (chart().title = text));
      },
    };
    this.series = new FakeChartSeriesCollection(ctx, chart);
  }

  static bound(ctx: FakeContext, sheet: FakeSheet, chart: FakeChartState, props: string[]): FakeChart {
    const c = new FakeChart(ctx, { sheet, chart });
    for (const p of props) c.loaded.set(p, c.read(p));
    return c;
  }

  need(): { sheet: FakeSheet; chart: FakeChartState } {
    if (!this.target) throw new FakeExcelError('GeneralException', 'Chart used before it was resolved.');
    if (!this.target.sheet.charts.includes(this.target.chart)) throw new FakeExcelError('ItemNotFound', 'The chart was deleted.');
    return this.target;
  }

  private read(name: string): unknown {
    const c = this.need().chart;
    if (name === 'name' || name === 'top' || name === 'left' || name === 'width' || name === 'height') return c[name];
    throw new FakeExcelError('InvalidArgument', `The fake does not load chart property ${name}.`);
  }

  private set(name: 'name' | 'top' | 'left' | 'width' | 'height', value: string | number): void {
    this.ctx.queue(() => {
      const { sheet, chart } = this.need();
      if (sheet.protection) throw new FakeExcelError('AccessDenied', 'The chart you are trying to change is on a protected sheet.');
      if (name === 'name') chart.name = String(value);
      else {
        if (typeof value !== 'number' || !Number.isFinite(value) || ((name === 'width' || name === 'height') && value <= 0)) throw new FakeExcelError('InvalidArgument', `Invalid chart ${name} ${value}.`);
        chart[name] = value;
      }
    });
  }

  get name(): string {
    return this.get('name');
  }
  set name(v: string) {
    this.set('name', v);
  }
  get top(): number {
    return this.get('top');
  }
  set top(v: number) {
    this.set('top', v);
  }
  get left(): number {
    return this.get('left');
  }
  set left(v: number) {
    this.set('left', v);
  }
  get width(): number {
    return this.get('width');
  }
  set width(v: number) {
    this.set('width', v);
  }
  get height(): number {
    return this.get('height');
  }
  set height(v: number) {
    this.set('height', v);
  }

  /** The top-left corner on `startCell` (the fake keeps the cell, not the points it lands at). */
  setPosition(startCell: XlRange | string, endCell?: XlRange | string): void {
    this.ctx.queue(() => {
      const { sheet, chart } = this.need();
      const from = typeof startCell === 'string' ? rectOfAddress(sheet, startCell) : asFakeRange(startCell).need();
      if (endCell !== undefined) throw new FakeExcelError('NotImplemented', 'The fake places charts by their top-left cell only.');
      chart.anchor = { row: from.row, column: from.column };
    });
  }

  delete(): void {
    this.ctx.queue(() => {
      const { sheet, chart } = this.need();
      if (sheet.protection) throw new FakeExcelError('AccessDenied', 'Charts cannot be deleted on a protected sheet.');
      sheet.charts = sheet.charts.filter((c) => c !== chart);
    });
  }

  load(propertyNames?: string | string[]): XlChart {
    this.loadProps(propertyNames, (n) => this.read(n));
    return this;
  }
}

class FakeChartSeriesCollection extends Proxy implements XlChartSeriesCollection {
  constructor(
    ctx: FakeContext,
    private readonly chart: () => FakeChartState,
  ) {
    super(ctx);
  }

  get items(): XlChartSeries[] {
    return this.get<XlChartSeries[]>('items');
  }

  load(propertyNames?: string | string[]): XlChartSeriesCollection {
    const props = (Array.isArray(propertyNames) ? propertyNames : (propertyNames ?? '').split(','))
      .map((p) => p.trim().replace(/^items\//, ''))
      .filter(Boolean);
    this.ctx.queue(() => {
      const c = this.chart();
      const items = c.series.map((x) => FakeChartSeries.bound(this.ctx, x, props));
      this.ctx.respond(jsonBytes(c.series.map((x) => x.name)), () => this.loaded.set('items', items));
    });
    return this;
  }

  add(name?: string, index?: number): XlChartSeries {
    return new FakeChartSeries(this.ctx, () => {
      const c = this.chart();
      const series = { name: name ?? `Series${c.series.length + 1}` };
      if (index === undefined) c.series.push(series);
      else c.series.splice(index, 0, series);
      return series;
    });
  }

  getItemAt(index: number): XlChartSeries {
    return new FakeChartSeries(this.ctx, () => {
      const x = this.chart().series[index];
      if (!x) throw new FakeExcelError('ItemNotFound', `The chart has no series ${index}.`);
      return x;
    });
  }
}

class FakeChartSeries extends Proxy implements XlChartSeries {
  private target: FakeChartState['series'][number] | undefined;

  constructor(ctx: FakeContext, resolve: (() => FakeChartState['series'][number]) | FakeChartState['series'][number]) {
    super(ctx);
    if (typeof resolve === 'function') ctx.queue(() => (this.target = resolve()));
    else this.target = resolve;
  }

  static bound(ctx: FakeContext, series: FakeChartState['series'][number], props: string[]): FakeChartSeries {
    const x = new FakeChartSeries(ctx, series);
    for (const p of props) {
      if (p !== 'name') throw new FakeExcelError('InvalidArgument', `The fake does not load series property ${p}.`);
      x.loaded.set(p, series.name);
    }
    return x;
  }

  private need(): FakeChartState['series'][number] {
    if (!this.target) throw new FakeExcelError('GeneralException', 'Series used before it was resolved.');
    return this.target;
  }

  get name(): string {
    return this.get('name');
  }
  set name(v: string) {
    this.ctx.queue(() => (this.need().name = v));
  }

  setValues(sourceData: XlRange): void {
    const range = asFakeRange(sourceData);
    this.ctx.queue(() => (this.need().values = range.need()));
  }

  setXAxisValues(sourceData: XlRange): void {
    const range = asFakeRange(sourceData);
    this.ctx.queue(() => (this.need().xValues = range.need()));
  }
}

/**
 * A PivotTable as the fake keeps it, in Excel's terms: the source's hierarchies by name, those on
 * the row and column axes, and the data hierarchies with their aggregation and name.
 */
export interface FakePivotState {
  name: string;
  source: Rect;
  /** The destination's top-left cell. */
  anchor: { row: number; column: number };
  /** One per source column, named by its header cell; a repeated header is numbered ("Name2"). */
  hierarchies: string[];
  rows: string[];
  columns: string[];
  data: { hierarchy: string; name: string; summarizeBy: string }[];
}

/** Excel.AggregationFunction, and the word Excel's default value names start with ("Sum of Quantity"). */
const AGGREGATIONS: Record<string, string> = {
  Automatic: 'Sum',
  Sum: 'Sum',
  Count: 'Count',
  Average: 'Average',
  Max: 'Max',
  Min: 'Min',
  Product: 'Product',
  CountNumbers: 'Count',
  StandardDeviation: 'StdDev',
  StandardDeviationP: 'StdDevp',
  Variance: 'Var',
  VarianceP: 'Varp',
};

const defaultValueName = (summarizeBy: string, hierarchy: string) => `${AGGREGATIONS[summarizeBy]} of ${hierarchy}`;

/** `base`, or `base2`, `base3`… (how Excel numbers a repeated header or value name), not in `taken` (lower-case). */
function numbered(base: string, taken: (lower: string) => boolean): string {
  if (!taken(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!taken(`${base}${n}`.toLowerCase())) return `${base}${n}`;
}

/**
 * `worksheet.pivotTables` and `workbook.pivotTables` (ExcelApi 1.3; `add` 1.8,
 * https://learn.microsoft.com/javascript/api/excel/excel.pivottablecollection): `add` makes a
 * PivotTable over a source range at "the top-left cell of the destination range", which must be
 * on the worksheet whose collection it is; each source column is a hierarchy named by its header
 * ("Each column, such as Types, is a PivotHierarchy":
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-pivottables). Refused, with
 * codes the reference does not document: a name another PivotTable of the workbook has (names
 * are unique in it: `workbook.pivotTables.getItem(name)`), a blank header ("The PivotTable field
 * name is not valid", Excel's UI), a destination on another PivotTable's anchor (Excel's UI: a
 * PivotTable cannot overlap another), anything on a protected sheet (AccessDenied). Only ranges
 * as sources, and adding through a worksheet: all Carnet does.
 */
class FakePivotTables extends Proxy implements XlPivotTableCollection {
  constructor(
    ctx: FakeContext,
    private readonly scope: () => FakeSheet[],
    private readonly sheet: (() => FakeSheet) | undefined,
  ) {
    super(ctx);
  }

  get items(): XlPivotTable[] {
    return this.get<XlPivotTable[]>('items');
  }

  load(propertyNames?: string | string[]): XlPivotTableCollection {
    const props = (Array.isArray(propertyNames) ? propertyNames : (propertyNames ?? '').split(','))
      .map((p) => p.trim().replace(/^items\//, ''))
      .filter(Boolean);
    this.ctx.queue(() => {
      const all = this.scope().flatMap((sheet) => sheet.pivots.map((pivot) => ({ sheet, pivot })));
      const items = all.map((t) => FakePivotTable.bound(this.ctx, t, props));
      this.ctx.respond(jsonBytes(all.map((t) => t.pivot.name)), () => this.loaded.set('items', items));
    });
    return this;
  }

  add(name: string, source: XlRange | string | XlTable, destination: XlRange | string): XlPivotTable {
    const sheet = this.sheet;
    if (!sheet) throw new FakeExcelError('NotImplemented', 'The fake adds PivotTables through a worksheet only (all Carnet does).');
    if (!(source instanceof FakeRange)) throw new FakeExcelError('NotImplemented', 'The fake makes PivotTables over ranges only (all Carnet does).');
    const to = typeof destination === 'string' ? undefined : asFakeRange(destination);
    const excel = this.ctx.excel;
    return new FakePivotTable(this.ctx, () => {
      const s = sheet();
      if (s.protection) throw new FakeExcelError('AccessDenied', 'A PivotTable cannot be added to a protected sheet.');
      const src = source.need();
      const dest = to ? to.need() : rectOfAddress(s, destination as string);
      if (dest.sheet !== s) throw new FakeExcelError('InvalidArgument', 'The destination of a PivotTable must be on the worksheet it is added to.');
      if (name.trim() === '') throw new FakeExcelError('InvalidArgument', 'A PivotTable needs a name.');
      if (excel.sheets.some((x) => x.pivots.some((p) => p.name.toLowerCase() === name.toLowerCase()))) {
        throw new FakeExcelError('InvalidArgument', `A PivotTable named "${name}" already exists in the workbook (the code Excel answers with is not documented).`);
      }
      if (s.pivots.some((p) => p.anchor.row === dest.row && p.anchor.column === dest.column)) {
        throw new FakeExcelError('InvalidOperation', 'A PivotTable report cannot overlap another PivotTable report.');
      }
      const hierarchies: string[] = [];
      for (let j = 0; j < src.columns; j++) {
        const header = excel.valueAt(src.sheet, src.row, src.column + j);
        if (header === '') throw new FakeExcelError('InvalidArgument', 'The PivotTable field name is not valid.');
        hierarchies.push(numbered(String(header), (lower) => hierarchies.some((h) => h.toLowerCase() === lower)));
      }
      const pivot: FakePivotState = { name, source: src, anchor: { row: dest.row, column: dest.column }, hierarchies, rows: [], columns: [], data: [] };
      s.pivots.push(pivot);
      return { sheet: s, pivot };
    });
  }
}

type PivotTarget = { sheet: FakeSheet; pivot: FakePivotState };

/** https://learn.microsoft.com/javascript/api/excel/excel.pivottable */
class FakePivotTable extends Proxy implements XlPivotTable {
  private target: PivotTarget | undefined;
  readonly hierarchies: XlPivotHierarchyCollection;
  readonly rowHierarchies: XlRowColumnPivotHierarchyCollection;
  readonly columnHierarchies: XlRowColumnPivotHierarchyCollection;
  readonly dataHierarchies: XlDataPivotHierarchyCollection;

  constructor(ctx: FakeContext, resolve: (() => PivotTarget) | PivotTarget) {
    super(ctx);
    if (typeof resolve === 'function') ctx.queue(() => (this.target = resolve()));
    else this.target = resolve;
    const table = () => this.need();
    this.hierarchies = {
      // "Gets a PivotHierarchy by its name or ID": by name here, whatever its case.
      getItem: (name: string) =>
        new FakePivotHierarchy(ctx, () => {
          const h = table().pivot.hierarchies.find((x) => x.toLowerCase() === name.toLowerCase());
          if (h === undefined) throw new FakeExcelError('ItemNotFound', `The PivotTable has no hierarchy "${name}".`);
          return h;
        }),
    };
    this.rowHierarchies = new FakePivotAxis(ctx, table, 'rows');
    this.columnHierarchies = new FakePivotAxis(ctx, table, 'columns');
    this.dataHierarchies = { add: (h: XlPivotHierarchy) => new FakeDataPivotHierarchy(ctx, table, asHierarchy(h)) };
  }

  static bound(ctx: FakeContext, target: PivotTarget, props: string[]): FakePivotTable {
    const p = new FakePivotTable(ctx, target);
    for (const name of props) p.loaded.set(name, p.read(name));
    return p;
  }

  need(): PivotTarget {
    if (!this.target) throw new FakeExcelError('GeneralException', 'PivotTable used before it was resolved.');
    if (!this.target.sheet.pivots.includes(this.target.pivot)) throw new FakeExcelError('ItemNotFound', 'The PivotTable was deleted.');
    return this.target;
  }

  private read(name: string): unknown {
    if (name === 'name') return this.need().pivot.name;
    throw new FakeExcelError('InvalidArgument', `The fake does not load PivotTable property ${name}.`);
  }

  get name(): string {
    return this.get('name');
  }
  set name(to: string) {
    this.ctx.queue(() => {
      const { sheet, pivot } = this.need();
      if (sheet.protection) throw new FakeExcelError('AccessDenied', 'The PivotTable is on a protected sheet.');
      if (this.ctx.excel.sheets.some((x) => x.pivots.some((p) => p !== pivot && p.name.toLowerCase() === to.toLowerCase()))) {
        throw new FakeExcelError('InvalidArgument', `A PivotTable named "${to}" already exists in the workbook.`);
      }
      pivot.name = to;
    });
  }

  /** "Deletes the PivotTable" (ExcelApi 1.8). */
  delete(): void {
    this.ctx.queue(() => {
      const { sheet, pivot } = this.need();
      if (sheet.protection) throw new FakeExcelError('AccessDenied', 'A PivotTable cannot be deleted on a protected sheet.');
      sheet.pivots = sheet.pivots.filter((p) => p !== pivot);
    });
  }

  load(propertyNames?: string | string[]): XlPivotTable {
    this.loadProps(propertyNames, (n) => this.read(n));
    return this;
  }
}

class FakePivotHierarchy extends Proxy implements XlPivotHierarchy {
  private value: string | undefined;
  constructor(ctx: FakeContext, resolve: () => string) {
    super(ctx);
    ctx.queue(() => (this.value = resolve()));
  }
  need(): string {
    if (this.value === undefined) throw new FakeExcelError('GeneralException', 'PivotHierarchy used before it was resolved.');
    return this.value;
  }
  get name(): string {
    return this.get('name');
  }
}

function asHierarchy(h: XlPivotHierarchy): FakePivotHierarchy {
  if (!(h instanceof FakePivotHierarchy)) throw new FakeExcelError('InvalidArgument', 'The argument is not a PivotHierarchy of this request context.');
  return h;
}

/**
 * `rowHierarchies` / `columnHierarchies`: "If the hierarchy is present elsewhere on the row,
 * column, or filter axis, it will be removed from that location" (RowColumnPivotHierarchyCollection.add).
 */
class FakePivotAxis implements XlRowColumnPivotHierarchyCollection {
  constructor(
    private readonly ctx: FakeContext,
    private readonly table: () => PivotTarget,
    private readonly axis: 'rows' | 'columns',
  ) {}

  add(pivotHierarchy: XlPivotHierarchy): XlRowColumnPivotHierarchy {
    const h = asHierarchy(pivotHierarchy);
    this.ctx.queue(() => {
      const { sheet, pivot } = this.table();
      if (sheet.protection) throw new FakeExcelError('AccessDenied', 'The PivotTable is on a protected sheet.');
      const name = h.need();
      pivot.rows = pivot.rows.filter((x) => x !== name);
      pivot.columns = pivot.columns.filter((x) => x !== name);
      pivot[this.axis].push(name);
    });
    return new FakePivotHierarchy(this.ctx, () => h.need());
  }
}

/**
 * `dataHierarchies.add`: a value named "Sum of <header>" (numbered when that name is taken), summed
 * (https://learn.microsoft.com/javascript/api/excel/excel.datapivothierarchy). A value still under
 * its default name is renamed when its aggregation changes ("Count of …"), as Excel does. A name
 * that is a source column's or another value's is refused: "PivotTable field name already exists"
 * in Excel's UI (the API's code is not documented); a trailing space makes it another name.
 */
class FakeDataPivotHierarchy extends Proxy implements XlDataPivotHierarchy {
  private target: { sheet: FakeSheet; pivot: FakePivotState; entry: FakePivotState['data'][number] } | undefined;

  constructor(ctx: FakeContext, table: () => PivotTarget, h: FakePivotHierarchy) {
    super(ctx);
    ctx.queue(() => {
      const { sheet, pivot } = table();
      if (sheet.protection) throw new FakeExcelError('AccessDenied', 'The PivotTable is on a protected sheet.');
      const hierarchy = h.need();
      const name = numbered(defaultValueName('Sum', hierarchy), (lower) => taken(pivot, undefined, lower));
      const entry = { hierarchy, name, summarizeBy: 'Sum' };
      pivot.data.push(entry);
      this.target = { sheet, pivot, entry };
    });
  }

  private need(): { sheet: FakeSheet; pivot: FakePivotState; entry: FakePivotState['data'][number] } {
    if (!this.target) throw new FakeExcelError('GeneralException', 'DataPivotHierarchy used before it was resolved.');
    if (!this.target.sheet.pivots.includes(this.target.pivot)) throw new FakeExcelError('ItemNotFound', 'The PivotTable was deleted.');
    if (this.target.sheet.protection) throw new FakeExcelError('AccessDenied', 'The PivotTable is on a protected sheet.');
    return this.target;
  }

  get name(): string {
    return this.get('name');
  }
  set name(to: string) {
    this.ctx.queue(() => {
      const { pivot, entry } = this.need();
      if (to === '' || taken(pivot, entry, to.toLowerCase())) throw new FakeExcelError('InvalidArgument', 'PivotTable field name already exists.');
      entry.name = to;
    });
  }

  get summarizeBy(): string {
    return this.get('summarizeBy');
  }
  set summarizeBy(to: string) {
    this.ctx.queue(() => {
      const { pivot, entry } = this.need();
      if (!Object.hasOwn(AGGREGATIONS, to) || to === 'Automatic') throw new FakeExcelError('InvalidArgument', `Invalid aggregation function ${to}.`);
      if (entry.name === defaultValueName(entry.summarizeBy, entry.hierarchy)) {
        entry.name = numbered(defaultValueName(to, entry.hierarchy), (lower) => taken(pivot, entry, lower));
      }
      entry.summarizeBy = to;
    });
  }
}

/** A name (lower-case) a value cannot take: a hierarchy's, or another value's. */
function taken(pivot: FakePivotState, self: FakePivotState['data'][number] | undefined, lower: string): boolean {
  return pivot.hierarchies.some((h) => h.toLowerCase() === lower) || pivot.data.some((d) => d !== self && d.name.toLowerCase() === lower);
}

/**
 * What the PivotTable shows, coarsely (test helper): by row key (its hierarchies' values joined by
 * " / "), then by column key ('' without column hierarchies), each value aggregated, in the order
 * of the data hierarchies. Values are grouped as they are: Excel groups no dates here.
 */
export function pivotView(excel: FakeExcel, pivot: FakePivotState): Record<string, Record<string, number[]>> {
  const src = pivot.source;
  const at = (r: number, hierarchy: string) => excel.valueAt(src.sheet, r, src.column + pivot.hierarchies.indexOf(hierarchy));
  const key = (axis: string[], r: number) => axis.map((h) => String(at(r, h))).join(' / ');
  const cells = new Map<string, Map<string, Scalar[][]>>();
  for (let r = src.row + 1; r < src.row + src.rows; r++) {
    const rk = key(pivot.rows, r);
    const ck = key(pivot.columns, r);
    const byColumn = cells.get(rk) ?? cells.set(rk, new Map()).get(rk)!;
    const lists = byColumn.get(ck) ?? byColumn.set(ck, pivot.data.map(() => [])).get(ck)!;
    pivot.data.forEach((d, i) => lists[i]!.push(at(r, d.hierarchy)));
  }
  const aggregate = (how: string, list: Scalar[]): number => {
    const present = list.filter((v) => v !== '');
    const numbers = present.filter((v): v is number => typeof v === 'number');
    if (how === 'Count') return present.length;
    if (how === 'Average') return numbers.reduce((a, b) => a + b, 0) / numbers.length;
    if (how === 'Max') return Math.max(...numbers);
    if (how === 'Min') return Math.min(...numbers);
    if (how === 'Sum') return numbers.reduce((a, b) => a + b, 0);
    throw new Error(`fake pivotView: ${how} is not modelled`);
  };
  const out: Record<string, Record<string, number[]>> = {};
  for (const [rk, byColumn] of cells) {
    out[rk] = {};
    for (const [ck, lists] of byColumn) out[rk][ck] = pivot.data.map((d, i) => aggregate(d.summarizeBy, lists[i]!));
  }
  return out;
}

class FakeRange extends Proxy implements XlRange {
  private rect: Rect | null | undefined;
  readonly format: XlRangeFormat;
  readonly dataValidation: XlDataValidation;

  readonly sort: XlRangeSort;

  /** `resolve` runs in queue order; a Rect is an item of a loaded collection, already resolved. */
  constructor(ctx: FakeContext, resolve: (() => Rect | null) | Rect) {
    super(ctx);
    if (typeof resolve === 'function') ctx.queue(() => (this.rect = resolve()));
    else this.rect = resolve;
    const range = this;
    this.sort = {
      apply: (fields, matchCase = false, hasHeaders = false) => ctx.queue(() => ctx.excel.sortRows(range.need(), fields, matchCase, hasHeaders)),
    };
    const font = {
      get bold(): boolean {
        throw new FakeExcelError('PropertyNotLoaded', 'format/font/bold is not loaded (the fake does not load formats).');
      },
      set bold(b: boolean) {
        range.edit('format', (cell) => (cell.bold = b));
      },
    };
    this.format = {
      font,
      get columnWidth(): number {
        throw new FakeExcelError('PropertyNotLoaded', 'format/columnWidth is not loaded (the fake does not load formats).');
      },
      set columnWidth(points: number) {
        ctx.queue(() => {
          const r = range.need();
          for (let c = r.column; c < r.column + r.columns; c++) r.sheet.widths.set(c, points);
        });
      },
      protection: {
        get locked(): boolean {
          throw new FakeExcelError('PropertyNotLoaded', 'format/protection/locked is not loaded (the fake does not load formats).');
        },
        set locked(locked: boolean) {
          ctx.queue(() => setLocked(range.need(), locked));
        },
      },
    };
    this.dataValidation = new FakeDataValidation(ctx, () => range.need(), (what, fn, bytes, touch) => range.edit(what, fn, bytes, touch));
  }

  /** An item of a loaded collection: bound, its properties loaded. */
  static bound(ctx: FakeContext, rect: Rect, props: string[]): FakeRange {
    const range = new FakeRange(ctx, rect);
    for (const p of props) range.loaded.set(p, range.read(p));
    return range;
  }

  /** The resolved rectangle; a method called on a null object fails like Office.js. */
  need(): Rect {
    if (this.rect === undefined) throw new FakeExcelError('GeneralException', 'Range used before it was resolved.');
    if (this.rect === null) throw new FakeExcelError('ItemNotFound', 'The range is a null object.');
    return this.rect;
  }

  /** Queues a change to every existing or touched cell of the range; refused on a locked cell of a protected sheet. */
  edit(what: 'values' | 'format', fn: (cell: FakeCell, r: number, c: number) => void, bytes = 100, touch = true): void {
    this.ctx.queue(() => {
      const r = this.need();
      refuseLockedEdit(r, what);
      // Only rows that exist (or the range's own rows when touching): a whole column stays cheap.
      const last = touch ? r.row + r.rows : Math.min(r.row + r.rows, r.sheet.rows.length);
      for (let i = r.row; i < last; i++) {
        // Likewise only the cells of the row that exist: a whole row stays cheap.
        const right = touch ? r.column + r.columns : Math.min(r.column + r.columns, r.sheet.rows[i]?.length ?? 0);
        for (let j = r.column; j < right; j++) {
          const cell = touch ? r.sheet.touch(i, j) : r.sheet.cell(i, j);
          if (cell) fn(cell, i - r.row, j - r.column);
        }
      }
    }, bytes);
  }

  private read(name: string): unknown {
    const r = this.rect;
    if (name === 'isNullObject') return r === null;
    if (r === null || r === undefined) return null;
    switch (name) {
      case 'rowIndex':
        return r.row;
      case 'columnIndex':
        return r.column;
      case 'rowCount':
        return r.rows;
      case 'columnCount':
        return r.columns;
      case 'values':
      case 'formulas':
      case 'numberFormat': {
        if (r.rows * r.columns > READ_CELL_LIMIT) {
          if (this.ctx.excel.options.oversizedRead === 'null') return null;
          throw new FakeExcelError('RangeExceedsLimit', 'The cell count in the range has exceeded the maximum supported number.');
        }
        const out: unknown[][] = [];
        for (let i = 0; i < r.rows; i++) {
          const row: unknown[] = [];
          for (let j = 0; j < r.columns; j++) {
            const cell = r.sheet.cell(r.row + i, r.column + j);
            if (name === 'numberFormat') row.push(cell?.format ?? 'General');
            // `formulas` gives a formula's text, and a constant's value where there is none.
            else if (name === 'formulas' && cell?.formula !== undefined) row.push(cell.formula);
            else row.push(this.ctx.excel.valueAt(r.sheet, r.row + i, r.column + j));
          }
          out.push(row);
        }
        return out;
      }
      default:
        throw new FakeExcelError('InvalidArgument', `The fake does not load range property ${name}.`);
    }
  }

  get values(): unknown[][] {
    return this.get('values');
  }
  set values(grid: unknown[][]) {
    this.setMatrix('values', grid, (cell, v) => this.ctx.excel.input(cell, v));
  }

  get formulas(): unknown[][] {
    return this.get('formulas');
  }
  /** Constants are taken as `values` takes them; `=…` is a formula, except in a Text cell. */
  set formulas(grid: unknown[][]) {
    this.setMatrix('values', grid, (cell, v) => this.ctx.excel.input(cell, v));
  }

  get numberFormat(): unknown[][] {
    return this.get('numberFormat');
  }
  set numberFormat(grid: unknown[][]) {
    this.setMatrix('numberFormat', grid, (cell, v) => {
      if (typeof v !== 'string') throw new FakeExcelError('InvalidArgument', `Invalid number format ${String(v)}`);
      cell.format = v === '' ? 'General' : v;
    });
  }

  private setMatrix(what: 'values' | 'numberFormat', grid: unknown[][], put: (cell: FakeCell, v: unknown) => void): void {
    const bytes = jsonBytes(grid);
    // A 1×1 number format applies to every cell; values must match the range's shape.
    const broadcast = what === 'numberFormat' && grid.length === 1 && grid[0]!.length === 1;
    this.ctx.queue(() => {
      const r = this.need();
      if (!broadcast && (grid.length !== r.rows || grid.some((row) => row.length !== r.columns))) {
        throw new FakeExcelError('InvalidArgument', "The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
      }
      // Clearing a hidden cell ('') changes nothing visible; a value there would be lost under the merge.
      if (what === 'values' && r.sheet.merges.length > 0) {
        grid.forEach((row, i) =>
          row.forEach((v, j) => {
            if (v !== null && v !== '' && r.sheet.hidden(r.row + i, r.column + j)) {
              throw new FakeExcelError('InvalidOperation', `Cannot change part of a merged cell (${a1(r.row + i, r.column + j)}).`);
            }
          }),
        );
      }
    }, 0);
    this.edit(
      what === 'values' ? 'values' : 'format',
      (cell, i, j) => {
        const v = broadcast ? grid[0]![0] : grid[i]![j];
        if (v !== null) put(cell, v);
      },
      bytes,
    );
    if (what === 'values') this.announce('RangeEdited');
  }

  /** Queues the change event the edit queued just before raises (this add-in's own). */
  private announce(changeType: string): void {
    this.ctx.queue(() => {
      const r = this.need();
      this.ctx.excel.changed(r.sheet, rangeAddress(r), changeType, 'addin');
    }, 0);
  }

  get rowIndex(): number {
    return this.get('rowIndex');
  }
  get columnIndex(): number {
    return this.get('columnIndex');
  }
  get rowCount(): number {
    return this.get('rowCount');
  }
  get columnCount(): number {
    return this.get('columnCount');
  }
  get isNullObject(): boolean {
    return this.get('isNullObject');
  }

  load(propertyNames?: string | string[]): XlRange {
    const list = Array.isArray(propertyNames) ? propertyNames : (propertyNames ?? '').split(',');
    this.loadProps(['isNullObject', ...list], (n) => this.read(n));
    return this;
  }

  getEntireRow(): XlRange {
    return new FakeRange(this.ctx, () => ({ ...this.need(), column: 0, columns: MAX_COLUMNS }));
  }

  getEntireColumn(): XlRange {
    return new FakeRange(this.ctx, () => ({ ...this.need(), row: 0, rows: MAX_ROWS }));
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange {
    if (!valuesOnly) throw new FakeExcelError('NotImplemented', 'The fake models used ranges by values only.');
    return new FakeRange(this.ctx, () => {
      const r = this.need();
      const u = r.sheet.used();
      if (!u) return null;
      const row = Math.max(r.row, u.row);
      const column = Math.max(r.column, u.column);
      const bottom = Math.min(r.row + r.rows, u.row + u.rows);
      const right = Math.min(r.column + r.columns, u.column + u.columns);
      if (bottom <= row || right <= column) return null;
      // Tighten to the cells that hold values inside the intersection.
      let top = -1;
      let last = -1;
      let left = Infinity;
      let end = -1;
      for (let i = row; i < bottom; i++) {
        for (let j = column; j < right; j++) {
          const cell = r.sheet.cell(i, j);
          if (!cell || (cell.value === '' && cell.formula === undefined)) continue;
          if (top < 0) top = i;
          last = i;
          left = Math.min(left, j);
          end = Math.max(end, j);
        }
      }
      if (top < 0) return null;
      return { sheet: r.sheet, row: top, column: left, rows: last - top + 1, columns: end - left + 1 };
    });
  }

  delete(shift: 'Up' | 'Left'): void {
    this.ctx.queue(() => {
      const r = this.need();
      if (shift !== 'Up' || r.column !== 0 || r.columns !== MAX_COLUMNS) {
        throw new FakeExcelError('NotImplemented', 'The fake deletes entire rows only (all Carnet does).');
      }
      if (r.sheet.protection) throw new FakeExcelError('AccessDenied', 'Rows cannot be deleted on a protected sheet.');
      r.sheet.rows.splice(r.row, r.rows);
      r.sheet.deleteRows(r.row, r.rows);
      // References to the deleted rows become #REF!, those below them move up, in every sheet.
      this.ctx.excel.rewriteFormulas((formula, sheet) => moveRows(formula, r.sheet.name, sheet === r.sheet, deletion(r.row + 1, r.rows)));
    });
    this.announce('RowDeleted');
  }

  clear(applyTo: 'All' | 'Formats' | 'Contents' = 'All'): void {
    // Excel's UI refuses to change a part of a PivotTable; the fake refuses a clear over one's anchor cell.
    this.ctx.queue(() => {
      const r = this.need();
      const hit = r.sheet.pivots.find((p) => p.anchor.row >= r.row && p.anchor.row < r.row + r.rows && p.anchor.column >= r.column && p.anchor.column < r.column + r.columns);
      if (hit) throw new FakeExcelError('InvalidOperation', `The range holds the PivotTable "${hit.name}": delete it first (the code Excel answers with is not documented).`);
    }, 0);
    this.edit(
      applyTo === 'Formats' ? 'format' : 'values',
      (cell) => {
        if (applyTo !== 'Formats') {
          cell.value = '';
          cell.formula = undefined;
          cell.quotePrefix = undefined;
        }
        if (applyTo !== 'Contents') {
          cell.format = 'General';
          cell.bold = undefined;
          cell.rule = undefined;
          cell.locked = undefined;
        }
      },
      100,
      false,
    );
    if (applyTo !== 'Formats') this.announce('RangeEdited');
  }

  /** "Unmerge the range cells into separate cells": every merged area the range touches. */
  unmerge(): void {
    this.ctx.queue(() => {
      const r = this.need();
      if (r.sheet.protection) throw new FakeExcelError('AccessDenied', 'Cells cannot be unmerged on a protected sheet.');
      r.sheet.merges = r.sheet.merges.filter((m) => m.row >= r.row + r.rows || m.row + m.rows <= r.row || m.column >= r.column + r.columns || m.column + m.columns <= r.column);
    });
  }

  /** Keeps the upper-left value only, as Excel does (see FakeSheet.merges). */
  merge(across = false): void {
    this.ctx.queue(() => {
      const r = this.need();
      const s = r.sheet;
      if (s.protection) throw new FakeExcelError('AccessDenied', 'Cells cannot be merged on a protected sheet.');
      const areas: Area[] = across
        ? Array.from({ length: r.rows }, (_, i) => ({ row: r.row + i, column: r.column, rows: 1, columns: r.columns }))
        : [{ row: r.row, column: r.column, rows: r.rows, columns: r.columns }];
      for (const area of areas) {
        if (area.rows * area.columns < 2) continue;
        const inside = (m: Area) => m.row >= area.row && m.column >= area.column && m.row + m.rows <= area.row + area.rows && m.column + m.columns <= area.column + area.columns;
        const touches = (m: Area) => m.row < area.row + area.rows && m.row + m.rows > area.row && m.column < area.column + area.columns && m.column + m.columns > area.column;
        if (s.merges.some((m) => touches(m) && !inside(m))) throw new FakeExcelError('NotImplemented', 'The fake merges only ranges that hold whole merged areas.');
        s.merges = s.merges.filter((m) => !inside(m));
        s.merges.push(area);
        for (let i = area.row; i < area.row + area.rows; i++) {
          for (let j = area.column; j < area.column + area.columns; j++) {
            const cell = s.cell(i, j);
            if ((i === area.row && j === area.column) || !cell) continue;
            cell.value = '';
            cell.formula = undefined;
            cell.quotePrefix = undefined;
          }
        }
      }
    });
  }

  getMergedAreasOrNullObject(): XlRangeAreas {
    return new FakeRangeAreas(this.ctx, () => {
      if (!this.ctx.excel.options.mergedAreas) {
        throw new FakeExcelError('ApiNotFound', 'The API you are trying to use could not be found. It may be available in a newer version of Excel.');
      }
      const r = this.need();
      // Only areas whose top-left cell is in the range (office-js#3611).
      const areas = r.sheet.merges.filter((m) => m.row >= r.row && m.row < r.row + r.rows && m.column >= r.column && m.column < r.column + r.columns);
      if (areas.length > MERGED_AREAS_LIMIT) throw new FakeExcelError('GeneralException', 'There was an internal error while processing the request.');
      return { sheet: r.sheet, areas: areas.map((a) => ({ ...a })) };
    });
  }

  /** Entire rows only, shifted down (what the contract's colleague does). */
  insert(shift: 'Down' | 'Right'): XlRange {
    this.ctx.queue(() => {
      const r = this.need();
      if (shift !== 'Down' || r.column !== 0 || r.columns !== MAX_COLUMNS) {
        throw new FakeExcelError('NotImplemented', 'The fake inserts entire rows only.');
      }
      this.ctx.excel.insertRows(r.sheet, r.row, r.rows);
    });
    this.announce('RowInserted');
    // The new, empty rows: the range's own address after the insertion.
    return new FakeRange(this.ctx, () => this.need());
  }
}

class FakeRangeAreas extends Proxy implements XlRangeAreas {
  private target: { sheet: FakeSheet; areas: Area[] } | undefined;
  readonly areas: XlRangeCollection;

  constructor(ctx: FakeContext, resolve: () => { sheet: FakeSheet; areas: Area[] }) {
    super(ctx);
    ctx.queue(() => (this.target = resolve()));
    const self = this;
    const items = new (class extends Proxy implements XlRangeCollection {
      get items(): XlRange[] {
        return this.get<XlRange[]>('items');
      }
      load(propertyNames?: string | string[]): XlRangeCollection {
        const props = (Array.isArray(propertyNames) ? propertyNames : (propertyNames ?? '').split(','))
          .map((p) => p.trim().replace(/^items\//, ''))
          .filter(Boolean);
        this.ctx.queue(() => {
          const t = self.need();
          if (t.areas.length === 0) throw new FakeExcelError('ItemNotFound', 'The RangeAreas is a null object.');
          const list = t.areas.map((a) => FakeRange.bound(this.ctx, { sheet: t.sheet, ...a }, props));
          this.ctx.respond(jsonBytes(t.areas), () => this.loaded.set('items', list));
        });
        return this;
      }
    })(ctx);
    this.areas = items;
  }

  need(): { sheet: FakeSheet; areas: Area[] } {
    if (!this.target) throw new FakeExcelError('GeneralException', 'RangeAreas used before it was resolved.');
    return this.target;
  }

  get isNullObject(): boolean {
    return this.get('isNullObject');
  }
  get address(): string {
    return this.get('address');
  }
  get areaCount(): number {
    return this.get('areaCount');
  }

  load(propertyNames?: string | string[]): XlRangeAreas {
    const list = Array.isArray(propertyNames) ? propertyNames : (propertyNames ?? '').split(',');
    this.loadProps(['isNullObject', ...list], (n) => {
      const t = this.need();
      if (n === 'isNullObject') return t.areas.length === 0;
      // A null object's properties load as null (application-specific API model, *OrNullObject).
      if (t.areas.length === 0) return null;
      if (n === 'address') return this.ctx.excel.areasAddress(t.sheet, t.areas);
      if (n === 'areaCount') return t.areas.length;
      throw new FakeExcelError('InvalidArgument', `The fake does not load RangeAreas property ${n}.`);
    });
    return this;
  }
}

class FakeDataValidation implements XlDataValidation {
  constructor(
    private readonly ctx: FakeContext,
    private readonly rect: () => Rect,
    private readonly edit: (what: 'values' | 'format', fn: (cell: FakeCell) => void, bytes?: number, touch?: boolean) => void,
  ) {}

  clear(): void {
    this.edit('format', (cell) => (cell.rule = undefined), 100, false);
  }

  get rule(): { list?: { inCellDropDown: boolean; source: unknown } } {
    throw new FakeExcelError('PropertyNotLoaded', 'dataValidation/rule is not loaded (tests read the fake state instead).');
  }
  set rule(rule: { list?: { inCellDropDown: boolean; source: unknown } }) {
    const list = rule.list;
    if (!list || typeof list.source !== 'string') throw new FakeExcelError('NotImplemented', 'The fake models list rules with a string source only.');
    // One rule object for the whole range, as Excel stores one rule for an area.
    const shared: Rule = { source: list.source, inCellDropDown: list.inCellDropDown };
    this.ctx.queue(() => {
      const r = this.rect();
      for (let i = r.row; i < r.row + r.rows; i++) {
        for (let j = r.column; j < r.column + r.columns; j++) {
          const cell = r.sheet.touch(i, j);
          if (cell.rule && cell.rule.source !== shared.source) {
            throw new FakeExcelError('InvalidOperation', 'The range already has a different validation rule: clear it first.');
          }
        }
      }
    }, 0);
    this.edit('format', (cell) => (cell.rule = shared), jsonBytes(rule));
  }

  get errorAlert(): { message: string; showAlert: boolean; style: string; title: string } {
    throw new FakeExcelError('PropertyNotLoaded', 'dataValidation/errorAlert is not loaded.');
  }
  set errorAlert(alert: { message: string; showAlert: boolean; style: string; title: string }) {
    this.edit('format', (cell) => cell.rule && (cell.rule.alert = alert), 100, false);
  }

  get ignoreBlanks(): boolean {
    throw new FakeExcelError('PropertyNotLoaded', 'dataValidation/ignoreBlanks is not loaded.');
  }
  set ignoreBlanks(b: boolean) {
    this.edit('format', (cell) => cell.rule && (cell.rule.ignoreBlanks = b), 100, false);
  }
}

/** `B12` → 0-based row and column. */
/** A rectangle's address as change events give it: `A2:C3`, `B4` for one cell, `3:4` for entire rows. */
export function rangeAddress(r: Rect): string {
  if (r.column === 0 && r.columns === MAX_COLUMNS) return `${r.row + 1}:${r.row + r.rows}`;
  const first = a1(r.row, r.column);
  return r.rows === 1 && r.columns === 1 ? first : `${first}:${a1(r.row + r.rows - 1, r.column + r.columns - 1)}`;
}

export function parseA1(address: string): { row: number; column: number } {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(address.replace(/^.*!/, ''));
  if (!m) throw new FakeExcelError('InvalidArgument', `Invalid cell address ${address}`);
  let column = 0;
  for (const ch of m[1]!) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, column: column - 1 };
}

/** Rewrites `'Old'!` / `Old!` references to a renamed sheet, as Excel does in formulas. */
export function renameInFormula(formula: string, from: string, to: string): string {
  const quoted = (n: string) => `'${n.replace(/'/g, "''")}'`;
  return formula.replace(/('(?:[^']|'')+'|[A-Za-z0-9_.]+)!/g, (whole, ref: string) => {
    const name = ref.startsWith("'") ? ref.slice(1, -1).replace(/''/g, "'") : ref;
    return name.toLowerCase() === from.toLowerCase() ? `${quoted(to)}!` : whole;
  });
}

/** Excel's default sort order: numbers, text, FALSE before TRUE, errors; blanks last either way. */
function excelOrder(a: Scalar, b: Scalar, ascending: boolean, matchCase: boolean): number {
  const blank = (v: Scalar) => v === '';
  if (blank(a) || blank(b)) return blank(a) === blank(b) ? 0 : blank(a) ? 1 : -1;
  const rank = (v: Scalar) => (typeof v === 'number' ? 0 : typeof v === 'boolean' ? 2 : ERROR_VALUE.test(v) ? 3 : 1);
  let order = rank(a) - rank(b);
  if (order === 0 && typeof a === 'number' && typeof b === 'number') order = a - b;
  else if (order === 0 && typeof a === 'boolean' && typeof b === 'boolean') order = Number(a) - Number(b);
  else if (order === 0 && rank(a) === 1) {
    const [x, y] = matchCase ? [String(a), String(b)] : [String(a).toLowerCase(), String(b).toLowerCase()];
    order = x < y ? -1 : x > y ? 1 : 0;
  }
  return ascending ? order : -order;
}

const ERROR_VALUE = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A)$/;

/** An A1 reference (not a function name, not inside a string literal), with its optional sheet. */
const A1_REFERENCE = /("(?:[^"]|"")*")|(?<![\w.$!\]])((?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?(\$?[A-Za-z]{1,3})(\$?)(\d+)(?![\w(!])/g;

/**
 * A formula moved by a sort from one row to another, `delta` rows away: its relative row
 * references move with it, absolute ones (`$7`) stay, and one moved above row 1 is #REF!
 * (Microsoft KB 40401, "XL: Errors Sorting Cells That Contain References").
 */
export function offsetRelativeRows(formula: string, delta: number): string {
  if (delta === 0) return formula;
  return formula.replace(A1_REFERENCE, (match, literal: string | undefined, sheet: string | undefined, column: string, absolute: string, row: string) => {
    if (literal !== undefined || absolute === '$') return match;
    const moved = Number(row) + delta;
    return moved < 1 ? '#REF!' : `${sheet ?? ''}${column}${moved}`;
  });
}
