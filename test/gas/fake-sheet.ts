/**
 * A sheet of the fake spreadsheet (test/gas/fake-spreadsheet-app.ts): its cells, sizes, frozen
 * rows, widths, protections and merged ranges, and what rows do when they are inserted, deleted or
 * sorted. Each cell keeps its value, formula, number format, note, weight and dropdown together,
 * so all of them travel with their row, as in Sheets.
 */

import type { SheetApi } from '../../gas-addon/apps-script-api.js';
import type { CellRange } from '../../core/workbook.js';
import { deletion, evaluate, insertion, moveRows, renameSheetIn, type Scalar } from '../helpers/fake-formulas.js';
import { PROTECTION_TYPE } from './fake-calls.js';
import { formulaInEnglish } from './fake-locale.js';
import { mergesAfterDeletion, mergesAfterInsertion, type SortKey, sortOrder } from './fake-rows.js';
import { FakeRange, FakeRangeList, parseA1 } from './fake-range.js';
import { FakeDeveloperMetadata, FakeDeveloperMetadataFinder, FakeEmbeddedChart, FakeEmbeddedChartBuilder } from './fake-charts.js';
import type { FakePivotTable } from './fake-pivots.js';
import { FakeProtection } from './fake-protection.js';
import type { FakeDataValidation } from './fake-services.js';
import type { PersonSheetApi } from './person-api.js';
import type { FakeAppsScript, FakeSpreadsheet } from './fake-spreadsheet-app.js';

type ProtectionType = GoogleAppsScript.Spreadsheet.ProtectionType;
type EmbeddedChartApiLike = Parameters<SheetApi['insertChart']>[0];

const DEFAULT_COLUMN_WIDTH = 100;

export interface FakeCell {
  /**
   * What getValues shows ('' when empty); numbers in date-formatted cells come out as Dates.
   * Unused while `formula` is set: the value is then calculated at each read (`valueAt`).
   */
  value: string | number | boolean;
  /** A formula, with its `=`, as Sheets stores it. */
  formula?: string;
  format?: string;
  validation?: FakeDataValidation;
  note?: string;
  weight?: 'normal' | 'bold';
}

export class FakeSheet implements SheetApi, PersonSheetApi {
  hidden = false;
  maxRows = 1000;
  maxColumns = 26;
  frozenRows = 0;
  frozenColumns = 0;
  /** Embedded charts, as insertChart stored them (with their ids). */
  charts: FakeEmbeddedChart[] = [];
  /** Developer metadata on the sheet. */
  metadata: FakeDeveloperMetadata[] = [];
  /** Pivot tables anchored on the sheet, in creation order (fake-pivots.ts). */
  pivots: FakePivotTable[] = [];
  /** Sparse, 0-based: rows[r][c]. */
  rows: (FakeCell | undefined)[][] = [];
  readonly widths = new Map<number, number>();
  /** The sheet's own protection: none or one (fake-protection.ts). */
  protections: FakeProtection[] = [];
  /** Protections of ranges of the sheet, in creation order. */
  rangeProtections: FakeProtection[] = [];
  /** Merged ranges, 0-based and inclusive, as `Range.merge()` made them. */
  merges: CellRange[] = [];

  constructor(
    readonly book: FakeSpreadsheet,
    public name: string,
  ) {}

  get fake(): FakeAppsScript {
    return this.book.fake;
  }

  private count(method: string): void {
    this.fake.calls.count(`Sheet.${method}`);
  }

  getName(): string {
    this.count('getName');
    return this.name;
  }

  setName(name: string): FakeSheet {
    this.count('setName');
    this.book.checkName(name, this);
    const old = this.name;
    this.name = name;
    // Sheets keeps references to a sheet, not its name: formulas naming it follow.
    this.book.rewriteFormulas((formula) => renameSheetIn(formula, old, name));
    return this;
  }

  isSheetHidden(): boolean {
    this.count('isSheetHidden');
    return this.hidden;
  }

  hideSheet(): FakeSheet {
    this.count('hideSheet');
    const othersVisible = this.book.sheetList.some((s) => s !== this && !s.hidden);
    if (!othersVisible && !this.hidden && !this.fake.allowHidingEverySheet) {
      throw new Error("Exception: You can't hide all the sheets in a document.");
    }
    this.hidden = true;
    return this;
  }

  showSheet(): FakeSheet {
    this.count('showSheet');
    this.hidden = false;
    return this;
  }

  getLastRow(): number {
    this.count('getLastRow');
    return this.usedRows();
  }

  getLastColumn(): number {
    this.count('getLastColumn');
    return this.usedColumns();
  }

  getMaxRows(): number {
    this.count('getMaxRows');
    return this.maxRows;
  }

  getMaxColumns(): number {
    this.count('getMaxColumns');
    return this.maxColumns;
  }

  insertRowsAfter(afterPosition: number, howMany: number): FakeSheet {
    this.count('insertRowsAfter');
    positive(howMany, 'howMany');
    if (!Number.isInteger(afterPosition) || afterPosition < 1 || afterPosition > this.maxRows) {
      throw new Error('Exception: Those rows are out of bounds.');
    }
    this.insertRows(afterPosition, howMany);
    return this;
  }

  /**
   * "Inserts a row before the given row position" (Sheet reference, #insertrowbeforebeforeposition):
   * what a person's "Insert 1 row above" does. The new row is empty; the formats Sheets copies
   * into it from a neighbour are not modelled.
   */
  insertRowBefore(beforePosition: number): FakeSheet {
    this.count('insertRowBefore');
    if (!Number.isInteger(beforePosition) || beforePosition < 1 || beforePosition > this.maxRows) {
      throw new Error('Exception: Those rows are out of bounds.');
    }
    this.insertRows(beforePosition - 1, 1);
    return this;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): FakeSheet {
    this.count('insertColumnsAfter');
    positive(howMany, 'howMany');
    if (!Number.isInteger(afterPosition) || afterPosition < 1 || afterPosition > this.maxColumns) {
      throw new Error('Exception: Those columns are out of bounds.');
    }
    for (const row of this.rows) if (row && afterPosition < row.length) row.splice(afterPosition, 0, ...new Array<undefined>(howMany));
    this.maxColumns += howMany;
    // Merges right of the new columns move right; one they cut through grows.
    this.merges = this.merges.map((m) =>
      m.left >= afterPosition ? { ...m, left: m.left + howMany, right: m.right + howMany } : m.right >= afterPosition ? { ...m, right: m.right + howMany } : m,
    );
    return this;
  }

  deleteRows(rowPosition: number, howMany: number): void {
    this.count('deleteRows');
    positive(howMany, 'howMany');
    if (!Number.isInteger(rowPosition) || rowPosition < 1 || rowPosition + howMany - 1 > this.maxRows) {
      throw new Error('Exception: Those rows are out of bounds.');
    }
    const frozenLeft = this.frozenRows - Math.max(0, Math.min(this.frozenRows, rowPosition + howMany - 1) - rowPosition + 1);
    if (this.maxRows - howMany <= frozenLeft) throw new Error('Exception: Sorry, it is not possible to delete all non-frozen rows.');
    this.rows.splice(rowPosition - 1, howMany);
    this.maxRows -= howMany;
    this.frozenRows = frozenLeft;
    this.merges = mergesAfterDeletion(this.merges, rowPosition - 1, howMany);
    // References to the deleted rows become #REF!, those below them move up, in every sheet.
    this.book.rewriteFormulas((formula, onSheet) => moveRows(formula, this.name, onSheet === this, deletion(rowPosition, howMany)));
  }

  getDataRange(): FakeRange {
    this.count('getDataRange');
    return new FakeRange(this, 1, 1, Math.max(this.usedRows(), 1), Math.max(this.usedColumns(), 1));
  }

  getRange(row: number, column: number, numRows: number, numColumns: number): FakeRange {
    this.count('getRange');
    return this.rangeAt(row, column, numRows, numColumns);
  }

  /** The ranges "specified by a non-empty list of A1 notations" (getRangeList's reference): [] is refused. */
  getRangeList(a1Notations: string[]): FakeRangeList {
    this.count('getRangeList');
    if (a1Notations.length === 0) throw new Error('Exception: fake getRangeList: the list of A1 notations is empty (Sheets refuses it; its wording is not known here).');
    return new FakeRangeList(
      a1Notations.map((a1) => {
        const r = parseA1(a1);
        return this.rangeAt(r.top + 1, r.left + 1, r.bottom - r.top + 1, r.right - r.left + 1);
      }),
      this.fake.calls,
    );
  }

  getFrozenRows(): number {
    this.count('getFrozenRows');
    return this.frozenRows;
  }

  setFrozenRows(rows: number): void {
    this.count('setFrozenRows');
    if (!Number.isInteger(rows) || rows < 0 || rows >= this.maxRows) throw new Error('Exception: Frozen rows out of bounds.');
    this.frozenRows = rows;
  }

  setFrozenColumns(columns: number): void {
    this.count('setFrozenColumns');
    if (!Number.isInteger(columns) || columns < 0 || columns >= this.maxColumns) throw new Error('Exception: Frozen columns out of bounds.');
    this.frozenColumns = columns;
  }

  /**
   * "Clears the sheet of content and formatting information" (Sheet reference, #clear): values,
   * formulas, number formats and weights go. What the reference does not name stays — dropdowns,
   * notes, merges, frozen rows, charts, pivot tables —, the pessimistic reading the adapter must survive.
   */
  clear(): FakeSheet {
    this.count('clear');
    for (const row of this.rows) {
      for (const cell of row ?? []) {
        if (!cell) continue;
        cell.value = '';
        delete cell.formula;
        delete cell.format;
        delete cell.weight;
      }
    }
    return this;
  }

  newChart(): FakeEmbeddedChartBuilder {
    this.count('newChart');
    return new FakeEmbeddedChartBuilder(this.fake.calls);
  }

  insertChart(chart: EmbeddedChartApiLike): void {
    this.count('insertChart');
    if (!(chart instanceof FakeEmbeddedChart)) throw new Error('Exception: Invalid argument: chart');
    const { type, position } = chart.state;
    if (type === undefined) throw new Error('Exception: fake insertChart: the chart has no chart type.');
    if (position && (position.row > this.maxRows || position.column > this.maxColumns)) throw new Error('Exception: The coordinates of the range are outside the dimensions of the sheet.');
    this.charts.push(new FakeEmbeddedChart(chart.state, this.book.nextChartId++, this.fake.calls));
  }

  removeChart(chart: EmbeddedChartApiLike): void {
    this.count('removeChart');
    const id = chart instanceof FakeEmbeddedChart ? chart.id : null;
    if (id === null || !this.charts.some((c) => c.id === id)) throw new Error('Exception: fake removeChart: that chart is not on this sheet.');
    this.charts = this.charts.filter((c) => c.id !== id);
  }

  getCharts(): FakeEmbeddedChart[] {
    this.count('getCharts');
    return [...this.charts];
  }

  /** The pivot tables anchored on this sheet, whatever sheet their data is on. */
  getPivotTables(): FakePivotTable[] {
    this.count('getPivotTables');
    return [...this.pivots];
  }

  createDeveloperMetadataFinder(): FakeDeveloperMetadataFinder {
    this.count('createDeveloperMetadataFinder');
    return new FakeDeveloperMetadataFinder(this, this.fake.calls);
  }

  addDeveloperMetadata(key: string, value: string): FakeSheet {
    this.count('addDeveloperMetadata');
    this.metadata.push(new FakeDeveloperMetadata(key, value, this, this.fake.calls));
    return this;
  }

  setColumnWidth(columnPosition: number, width: number): FakeSheet {
    this.count('setColumnWidth');
    if (columnPosition < 1 || columnPosition > this.maxColumns) throw new Error('Exception: Those columns are out of bounds.');
    this.widths.set(columnPosition, width);
    return this;
  }

  setColumnWidths(startColumn: number, numColumns: number, width: number): FakeSheet {
    this.count('setColumnWidths');
    positive(numColumns, 'numColumns');
    if (startColumn < 1 || startColumn + numColumns - 1 > this.maxColumns) throw new Error('Exception: Those columns are out of bounds.');
    for (let c = startColumn; c < startColumn + numColumns; c++) this.widths.set(c, width);
    return this;
  }

  getColumnWidth(columnPosition: number): number {
    this.count('getColumnWidth');
    return this.widths.get(columnPosition) ?? DEFAULT_COLUMN_WIDTH;
  }

  /** The sheet's protection, made now or the one it has (sheet#protect; fake-protection.ts). */
  protect(): FakeProtection {
    this.count('protect');
    const existing = this.protections[0];
    if (existing) return existing;
    const p = new FakeProtection(this, undefined);
    this.protections.push(p);
    this.book.protectionLog.push({ on: p.where, call: 'protect', args: [] });
    return p;
  }

  getProtections(type: ProtectionType): FakeProtection[] {
    this.count('getProtections');
    if (type === PROTECTION_TYPE.SHEET) return [...this.protections];
    if (type === PROTECTION_TYPE.RANGE) return [...this.rangeProtections];
    throw new Error('Exception: Invalid argument: type');
  }

  // -- internals (not counted) --

  /** `howMany` empty rows before 0-based row `at`: cells, formulas everywhere, merges follow. */
  private insertRows(at: number, howMany: number): void {
    if (at < this.rows.length) this.rows.splice(at, 0, ...Array.from({ length: howMany }, () => []));
    this.maxRows += howMany;
    this.book.rewriteFormulas((formula, onSheet) => moveRows(formula, this.name, onSheet === this, insertion(at, howMany)));
    this.merges = mergesAfterInsertion(this.merges, at, howMany);
  }

  /** The merge holding a 0-based cell, if any. */
  mergeAt(r: number, c: number): CellRange | undefined {
    return this.merges.find((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right);
  }

  /** A cell of a merge other than its top-left one: it shows nothing and keeps nothing written to it. */
  hiddenByMerge(r: number, c: number): boolean {
    const m = this.mergeAt(r, c);
    return m !== undefined && (r !== m.top || c !== m.left);
  }

  /**
   * Sorts the rows of a 0-based rectangle by one of its columns, as `Range.sort` does: each row of
   * the rectangle moves whole (values, formulas, formats, notes, dropdowns), cells outside it stay.
   * In a formula that moves, references to rows of the range follow those rows, so one reading its
   * own row still does (`=B2` moved to row 4 reads `=B4`), as after a person's sort; formulas
   * elsewhere keep their references. A merge spanning rows cannot be sorted; one within a row
   * moves with it.
   */
  sortRows(box: CellRange, column: number, ascending: boolean): void {
    const crossing = this.merges.filter((m) => m.bottom >= box.top && m.top <= box.bottom && m.right >= box.left && m.left <= box.right);
    if (crossing.some((m) => m.top !== m.bottom || m.left < box.left || m.right > box.right)) {
      throw new Error('Exception: fake Range.sort: a merged range crosses the rows or the edge of the sorted range (Sheets refuses; its wording is not known here).');
    }
    const keys: SortKey[] = [];
    for (let r = box.top; r <= box.bottom; r++) keys.push(this.valueAt(r, column));
    const order = sortOrder(keys, ascending);
    const moved = order.map((from) => {
      const row = this.rows[box.top + from] ?? [];
      return Array.from({ length: box.right - box.left + 1 }, (_, i) => row[box.left + i]);
    });
    // 1-based rows of this sheet: where each sorted row went.
    const to = new Map(order.map((from, i) => [box.top + from + 1, box.top + i + 1]));
    moved.forEach((cells, i) => {
      const row = (this.rows[box.top + i] ??= []);
      cells.forEach((cell, j) => {
        if (cell?.formula !== undefined) cell.formula = moveRows(cell.formula, this.name, true, (r) => to.get(r) ?? r);
        row[box.left + j] = cell;
      });
    });
    this.merges = this.merges.map((m) => (crossing.includes(m) ? { ...m, top: to.get(m.top + 1)! - 1, bottom: to.get(m.top + 1)! - 1 } : m));
  }

  rangeAt(row: number, column: number, numRows: number, numColumns: number): FakeRange {
    for (const [v, what] of [
      [row, 'row'],
      [column, 'column'],
      [numRows, 'number of rows'],
      [numColumns, 'number of columns'],
    ] as const) {
      if (!Number.isInteger(v) || v < 1) throw new Error(`Exception: The ${what} in the range must be at least 1.`);
    }
    if (row + numRows - 1 > this.maxRows || column + numColumns - 1 > this.maxColumns) {
      throw new Error('Exception: The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new FakeRange(this, row, column, numRows, numColumns);
  }

  cell(r: number, c: number): FakeCell | undefined {
    return this.rows[r]?.[c];
  }

  cellForWrite(r: number, c: number): FakeCell {
    const row = (this.rows[r] ??= []);
    return (row[c] ??= { value: '' });
  }

  usedRows(): number {
    for (let r = this.rows.length - 1; r >= 0; r--) if (this.rows[r]?.some(hasContent)) return r + 1;
    return 0;
  }

  usedColumns(): number {
    let n = 0;
    for (const row of this.rows) {
      if (!row) continue;
      for (let c = row.length - 1; c >= n; c--) {
        if (hasContent(row[c])) {
          n = c + 1;
          break;
        }
      }
    }
    return n;
  }

  /** Test helper (not counted): the stored value, formula or text, as Sheets holds it. */
  stored(r: number, c: number): FakeCell | undefined {
    return this.cell(r, c);
  }

  /** Not counted: the cell's value as Sheets shows it, formulas calculated now (0-based). */
  valueAt(r: number, c: number, visiting = new Set<FakeCell>()): Scalar {
    const cell = this.cell(r, c);
    if (!cell) return '';
    if (cell.formula === undefined) return cell.value;
    if (visiting.has(cell)) return '#REF!'; // circular dependency
    // The locale's parser refused it as typed: "Formula parse error", the cell shows #ERROR!.
    const english = formulaInEnglish(cell.formula, this.book.locale);
    if (english === undefined) return '#ERROR!';
    visiting.add(cell);
    try {
      return evaluate(
        english,
        (sheet, row, column) => {
          const target = sheet === undefined ? this : this.book.sheetList.find((s) => s.name.toLowerCase() === sheet.toLowerCase());
          return target?.valueAt(row, column, visiting);
        },
        '#ERROR!',
      );
    } finally {
      visiting.delete(cell);
    }
  }
}

function hasContent(cell: FakeCell | undefined): boolean {
  return cell !== undefined && (cell.value !== '' || cell.formula !== undefined);
}

function positive(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 1) throw new Error(`Exception: ${what} must be at least 1.`);
}