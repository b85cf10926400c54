/**
 * The part of Office.js (`Excel.*`) that Carnet uses, as plain structural types.
 *
 * Why not `Excel.Range` directly: the adapter and its tests also compile in the root project,
 * which has neither the DOM nor `@types/office-js`, and the tests drive the adapter through a fake
 * (test/office/fake-excel.ts) that implements exactly this subset. `office-addin/conformance.ts`
 * (compiled with `@types/office-js`) proves that the real `Excel.RequestContext` is assignable to
 * `XlContext`, so a name or a signature that drifts from Office.js fails `npm run typecheck`.
 *
 * Enums are written as the string literals Office.js accepts ("VeryHidden", "Up", "Warning"),
 * so nothing here needs the global `Excel` object at run time.
 */

/** Excel's grid: "Excel specifications and limits" (https://support.microsoft.com/office/1672b34d-7043-467e-8e27-269d656771c3). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** What `Excel.run` hands to a batch. */
export interface XlContext {
  readonly workbook: XlWorkbook;
  /** One round trip: runs every queued command, then fills the loaded properties. */
  sync(): Promise<unknown>;
}

/**
 * `Excel.RunOptions`, the part Carnet sets
 * (https://learn.microsoft.com/javascript/api/excel/excel.runoptions#excel-excel-runoptions-delayforcelledit-member):
 * with `delayForCellEdit`, a batch that reaches Excel while a person edits a cell waits until they
 * leave it, instead of failing with InvalidOperationInCellEditMode. No requirement set is given for
 * it (the option was documented in 2018, office-js-docs-pr#589); `mergeUndoGroup`, beside it, is
 * ExcelApi 1.20 and not used.
 */
export interface XlRunOptions {
  delayForCellEdit?: boolean;
}

/** `Excel.run(options, batch)` in production, the fake's `run` in tests. */
export type RunBatch = <T>(options: XlRunOptions, batch: (context: XlContext) => Promise<T>) => Promise<T>;

export interface XlWorkbook {
  readonly worksheets: XlWorksheetCollection;
  readonly application: XlApplication;
  /** ExcelApi 1.3: every PivotTable of the workbook, whose names are unique across it. */
  readonly pivotTables: XlPivotTableCollection;
}

export interface XlApplication {
  /** ExcelApi 1.6: no recalculation until the next sync (big writes). */
  suspendApiCalculationUntilNextSync(): void;
}

export interface XlWorksheetCollection {
  /** Filled by `load('items/name,items/visibility')` and a sync. */
  readonly items: XlWorksheet[];
  load(propertyNames?: string | string[]): XlWorksheetCollection;
  getItem(key: string): XlWorksheet;
  /** Added after the last sheet. */
  add(name?: string): XlWorksheet;
}

export interface XlWorksheet {
  name: string;
  /** "Visible" | "Hidden" | "VeryHidden" (typed wider because Office.js types it as an enum union). */
  visibility: string;
  /** Zero-based tab position, hidden sheets included. */
  position: number;
  readonly freezePanes: XlFreezePanes;
  readonly protection: XlWorksheetProtection;
  /** ExcelApi 1.18; check `features.notes` before use. */
  readonly notes: XlNoteCollection;
  /** ExcelApi 1.1: the charts on the sheet. */
  readonly charts: XlChartCollection;
  /** ExcelApi 1.3: the PivotTables on the sheet. */
  readonly pivotTables: XlPivotTableCollection;
  /**
   * ExcelApi 1.7: "Occurs when data changes in a specific worksheet"; registered at the next sync
   * (https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-onchanged-member).
   */
  readonly onChanged: XlEventHandlers<XlWorksheetChangedEventArgs>;
  load(propertyNames?: string | string[]): XlWorksheet;
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): XlRange;
  /** `valuesOnly`: the used range by values, ignoring cells that only carry formats or validation. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange;
}

/** `OfficeExtension.EventHandlers`: `add` registers at the next sync; the result's `remove` unregisters. */
export interface XlEventHandlers<T> {
  add(handler: (args: T) => Promise<unknown>): { remove(): void };
}

/** The fields Carnet reads of Excel.WorksheetChangedEventArgs (ExcelApi 1.7; https://learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs). */
export interface XlWorksheetChangedEventArgs {
  /** "A1:B2": the changed area of the sheet. */
  address: string;
  /** Excel.DataChangeType: "RangeEdited", "RowInserted", "RowDeleted", … */
  changeType: string;
  /** Excel.EventSource: "Local" (this person's session, this add-in included) or "Remote" (a co-author). */
  source: string;
  /**
   * ExcelApi 1.14, Excel.EventTriggerSource: "ThisLocalAddin" when this add-in's own Office.js
   * calls made the change, else "Unknown"; absent on an older Excel.
   */
  triggerSource?: string;
  worksheetId: string;
}

export interface XlRange {
  /**
   * 2-D; on write, `null` leaves a cell unchanged and `''` clears it. On read, past 5,000,000 cells
   * the sync fails with RangeExceedsLimit or, on some desktop builds, this is `null` (payload.ts).
   */
  values: unknown[][];
  /**
   * 2-D, A1 notation. On read, a formula cell's formula and any other cell's value ("If a cell has
   * no formula, its value is returned instead": formula-cells.ts). On write, a string starting with
   * `=` is a formula and anything else a constant, parsed as `values` would be; `null` leaves a
   * cell unchanged, `''` clears it.
   */
  formulas: unknown[][];
  /** 2-D; a 1×1 array is applied to every cell of the range. `null` leaves a cell unchanged. */
  numberFormat: unknown[][];
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly isNullObject: boolean;
  readonly format: XlRangeFormat;
  readonly dataValidation: XlDataValidation;
  load(propertyNames?: string | string[]): XlRange;
  getEntireRow(): XlRange;
  getEntireColumn(): XlRange;
  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange;
  delete(shift: 'Up' | 'Left'): void;
  clear(applyTo?: 'All' | 'Formats' | 'Contents'): void;
  /** ExcelApi 1.2: "Unmerge the range cells into separate cells." */
  unmerge(): void;
  /**
   * ExcelApi 1.13; check `features.merges` before use. The merged areas whose top-left cell lies in
   * this range (office-js#3611: an area starting above or left of the range is not listed), and a
   * failure past 512 areas (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getmergedareasornullobject-member(1)).
   */
  getMergedAreasOrNullObject(): XlRangeAreas;
  /*
   * What a person does in Excel, never Carnet: the test fake models them so that the contract's
   * colleague can act "in Excel" (test/office/fake-excel.ts), and they are declared here so that
   * conformance.ts holds the fake to Office.js's own signatures.
   */
  /** ExcelApi 1.2: one merged cell, or one per row with `across`. */
  merge(across?: boolean): void;
  /** ExcelApi 1.1: empty cells in place of this range, the others shifted down or right. */
  insert(shift: 'Down' | 'Right'): XlRange;
  /** ExcelApi 1.2. */
  readonly sort: XlRangeSort;
}

/** ExcelApi 1.9: rectangles of one sheet (here: merged areas). */
export interface XlRangeAreas {
  readonly isNullObject: boolean;
  /** `Sheet1!A1:B4, Sheet1!D1:D4` (https://learn.microsoft.com/javascript/api/excel/excel.rangeareas#excel-excel-rangeareas-address-member). */
  readonly address: string;
  readonly areaCount: number;
  readonly areas: XlRangeCollection;
  load(propertyNames?: string | string[]): XlRangeAreas;
}

export interface XlRangeCollection {
  /** Filled by `load('items/rowIndex,…')` and a sync. */
  readonly items: XlRange[];
  load(propertyNames?: string | string[]): XlRangeCollection;
}

export interface XlRangeSort {
  /** `key`: the column's offset in the range; `hasHeaders`: the first row stays where it is. */
  apply(fields: XlSortField[], matchCase?: boolean, hasHeaders?: boolean): void;
}

export interface XlSortField {
  key: number;
  /** True when omitted. */
  ascending?: boolean;
}

export interface XlRangeFormat {
  readonly font: { bold: boolean };
  /** Points. */
  columnWidth: number;
  /** ExcelApi 1.2 (https://learn.microsoft.com/javascript/api/excel/excel.formatprotection). */
  readonly protection: XlFormatProtection;
}

/**
 * "Specifies if Excel locks the cells in the object": every cell starts locked, and a locked cell
 * of a protected sheet cannot be changed, not even by an add-in.
 */
export interface XlFormatProtection {
  locked: boolean;
}

export interface XlDataValidation {
  clear(): void;
  rule: { list?: { inCellDropDown: boolean; source: unknown } };
  errorAlert: { message: string; showAlert: boolean; style: string; title: string };
  ignoreBlanks: boolean;
}

export interface XlFreezePanes {
  freezeRows(count?: number): void;
  /** ExcelApi 1.7. */
  freezeColumns(count?: number): void;
  /** ExcelApi 1.7: "the range provided corresponds to cells that will be frozen in the top- and left-most pane". */
  freezeAt(frozenRange: XlRange | string): void;
  unfreeze(): void;
}

/**
 * ExcelApi 1.1 (https://learn.microsoft.com/javascript/api/excel/excel.chartcollection): `add`
 * "Creates a new chart" of a type (`ColumnClustered`, `Line`…) over a range, its series by
 * `Auto`, `Columns` or `Rows`.
 */
export interface XlChartCollection {
  /** Filled by `load('items/name')` and a sync. */
  readonly items: XlChart[];
  load(propertyNames?: string | string[]): XlChartCollection;
  add(type: string, sourceData: XlRange, seriesBy?: string): XlChart;
}

/** https://learn.microsoft.com/javascript/api/excel/excel.chart */
export interface XlChart {
  /** "Specifies the name of a chart object." */
  name: string;
  /** Points, as every position of the Excel API. */
  top: number;
  left: number;
  width: number;
  height: number;
  readonly title: XlChartTitle;
  readonly series: XlChartSeriesCollection;
  /** "Positions the chart relative to cells on the worksheet": its top-left corner at `startCell`. */
  setPosition(startCell: XlRange | string, endCell?: XlRange | string): void;
  delete(): void;
  load(propertyNames?: string | string[]): XlChart;
}

export interface XlChartTitle {
  text: string;
}

/** https://learn.microsoft.com/javascript/api/excel/excel.chartseriescollection */
export interface XlChartSeriesCollection {
  readonly items: XlChartSeries[];
  /** ExcelApi 1.7: "Add a new series to the collection." */
  add(name?: string, index?: number): XlChartSeries;
  getItemAt(index: number): XlChartSeries;
  load(propertyNames?: string | string[]): XlChartSeriesCollection;
}

/** https://learn.microsoft.com/javascript/api/excel/excel.chartseries */
export interface XlChartSeries {
  name: string;
  /** ExcelApi 1.7: the series' values. */
  setValues(sourceData: XlRange): void;
  /** ExcelApi 1.7: the category labels. */
  setXAxisValues(sourceData: XlRange): void;
}

/**
 * ExcelApi 1.3 (https://learn.microsoft.com/javascript/api/excel/excel.pivottablecollection):
 * `add` (ExcelApi 1.8) makes a PivotTable "based on the specified source data and insert[s] it at
 * the top-left cell of the destination range". Each column of the source, named by its header
 * cell, is a PivotHierarchy ("Each column, such as Types, is a PivotHierarchy":
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-pivottables).
 */
export interface XlPivotTableCollection {
  /** Filled by `load('items/name')` and a sync. */
  readonly items: XlPivotTable[];
  load(propertyNames?: string | string[]): XlPivotTableCollection;
  add(name: string, source: XlRange | string | XlTable, destination: XlRange | string): XlPivotTable;
}

/** An Excel table, the third kind of PivotTable source Office.js accepts: Carnet never passes one. */
export interface XlTable {
  readonly name: string;
}

/** https://learn.microsoft.com/javascript/api/excel/excel.pivottable */
export interface XlPivotTable {
  name: string;
  /** The source's columns, by header text (`getItem`). */
  readonly hierarchies: XlPivotHierarchyCollection;
  readonly rowHierarchies: XlRowColumnPivotHierarchyCollection;
  readonly columnHierarchies: XlRowColumnPivotHierarchyCollection;
  readonly dataHierarchies: XlDataPivotHierarchyCollection;
  /** ExcelApi 1.8: "Deletes the PivotTable." */
  delete(): void;
  load(propertyNames?: string | string[]): XlPivotTable;
}

export interface XlPivotHierarchyCollection {
  /** "Gets a PivotHierarchy by its name or ID." */
  getItem(name: string): XlPivotHierarchy;
}

export interface XlPivotHierarchy {
  readonly name: string;
}

/** Rows or columns: "If the hierarchy is present elsewhere on the row, column, or filter axis, it will be removed from that location." */
export interface XlRowColumnPivotHierarchyCollection {
  add(pivotHierarchy: XlPivotHierarchy): XlRowColumnPivotHierarchy;
}

export interface XlRowColumnPivotHierarchy {
  readonly name: string;
}

export interface XlDataPivotHierarchyCollection {
  add(pivotHierarchy: XlPivotHierarchy): XlDataPivotHierarchy;
}

/** https://learn.microsoft.com/javascript/api/excel/excel.datapivothierarchy */
export interface XlDataPivotHierarchy {
  /** The value's name in the PivotTable ("Sum of Quantity" until renamed). */
  name: string;
  /** Excel.AggregationFunction: `Sum`, `Count` (COUNTA), `Average`, `Max`, `Min`… (no distinct count). */
  summarizeBy: string;
}

export interface XlWorksheetProtection {
  /** Loaded with `load('protected')`. */
  readonly protected: boolean;
  /**
   * ExcelApi 1.2, loaded with `load('options')`: what the person who protected the sheet allowed
   * (https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotection).
   */
  readonly options: XlProtectionOptions;
  /** ExcelApi 1.2 for options, 1.7 for the password. Fails when the sheet is already protected. */
  protect(options?: XlProtectionOptions, password?: string): void;
  unprotect(password?: string): void;
  /** ExcelApiOnline 1.1; check `features.allowEditRanges` before use. */
  readonly allowEditRanges: XlAllowEditRangeCollection;
  load(propertyNames?: string | string[]): XlWorksheetProtection;
}

/**
 * What people may still do on a protected sheet (ExcelApi 1.2,
 * https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotectionoptions);
 * `selectionMode` is `Normal`, `Unlocked` or `None`. What Excel takes for an option not given is
 * not documented: protection.ts reads a missing one as not allowed.
 */
export interface XlProtectionOptions {
  allowAutoFilter?: boolean;
  allowDeleteColumns?: boolean;
  allowDeleteRows?: boolean;
  allowEditObjects?: boolean;
  allowEditScenarios?: boolean;
  allowFormatCells?: boolean;
  allowFormatColumns?: boolean;
  allowFormatRows?: boolean;
  allowInsertColumns?: boolean;
  allowInsertHyperlinks?: boolean;
  allowInsertRows?: boolean;
  allowPivotTables?: boolean;
  allowSort?: boolean;
  selectionMode?: string;
}

/**
 * ExcelApiOnline 1.1 (https://learn.microsoft.com/javascript/api/excel/excel.alloweditrangecollection):
 * `add` and an item's `delete` throw AccessDenied while the sheet is protected.
 */
export interface XlAllowEditRangeCollection {
  add(title: string, rangeAddress: string, options?: { password?: string }): void;
  getItemOrNullObject(key: string): XlAllowEditRange;
}

export interface XlAllowEditRange {
  readonly isNullObject: boolean;
  delete(): void;
  load(propertyNames?: string | string[]): XlAllowEditRange;
}

export interface XlNoteCollection {
  add(cellAddress: string, content: string): XlNote;
  getItemOrNullObject(key: string): XlNote;
}

export interface XlNote {
  readonly isNullObject: boolean;
  content: string;
  load(propertyNames?: string | string[]): XlNote;
}

/** The error Office.js rejects a sync with (`OfficeExtension.Error`): only what Carnet reads. */
export interface XlError {
  code?: string;
  message?: string;
  debugInfo?: { errorLocation?: string; message?: string };
}

export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as XlError).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
