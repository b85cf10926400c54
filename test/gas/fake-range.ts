/**
 * Ranges and range lists of the fake sheet (test/gas/fake-spreadsheet-app.ts). Besides what the
 * adapter calls, a range does what a person does in the browser (merge, format, note, sort:
 * test/gas/person-api.ts), so that tests can set a sheet up the way a team would.
 */

import type { DataValidationApi, RangeApi, RangeListApi, SheetValue } from '../../gas-addon/apps-script-api.js';
import type { CellRange } from '../../core/workbook.js';
import type { CallLog } from './fake-calls.js';
import { FakeDataValidation } from './fake-services.js';
import { checkNumberFormat, UNFORMATTED } from './fake-locale.js';
import { createPivotTable, type FakePivotTable } from './fake-pivots.js';
import type { FakeSheet } from './fake-sheet.js';
import { EPOCH_MS, instantOfWallClock, isDateFormat, MS_PER_DAY, storeValue } from './fake-values.js';
import type { PersonRangeApi } from './person-api.js';

export class FakeRange implements RangeApi, PersonRangeApi {
  constructor(
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly column: number,
    readonly numRows: number,
    readonly numColumns: number,
  ) {}

  private count(method: string): void {
    this.sheet.fake.calls.count(`Range.${method}`);
  }

  /** A call that carries every cell of the range across (values, formats, notes, weights). */
  private countTransfer(method: string): void {
    this.count(method);
    this.sheet.fake.calls.transfer(this.numRows * this.numColumns);
  }

  private each<T>(fn: (r: number, c: number) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const row: T[] = new Array(this.numColumns);
      for (let c = 0; c < this.numColumns; c++) row[c] = fn(this.row - 1 + r, this.column - 1 + c);
      out.push(row);
    }
    return out;
  }

  private checkShape(values: unknown[][], what: string): void {
    if (values.length !== this.numRows) {
      throw new Error(`Exception: The number of rows in the ${what} does not match the number of rows in the range. The data has ${values.length} but the range has ${this.numRows}.`);
    }
    for (const row of values) {
      if (row.length !== this.numColumns) {
        throw new Error(`Exception: The number of columns in the ${what} does not match the number of columns in the range. The data has ${row.length} but the range has ${this.numColumns}.`);
      }
    }
  }

  getSheet(): FakeSheet {
    this.count('getSheet');
    return this.sheet;
  }

  getRow(): number {
    this.count('getRow');
    return this.row;
  }
  getColumn(): number {
    this.count('getColumn');
    return this.column;
  }
  getNumRows(): number {
    this.count('getNumRows');
    return this.numRows;
  }
  getNumColumns(): number {
    this.count('getNumColumns');
    return this.numColumns;
  }

  getA1Notation(): string {
    this.count('getA1Notation');
    return rangeA1(this.box);
  }

  /** Not counted: what getA1Notation gives (a chart builder compares its ranges). */
  getA1NotationUncounted(): string {
    return rangeA1(this.box);
  }

  /** 0-based corners. */
  get box(): CellRange {
    return { top: this.row - 1, left: this.column - 1, bottom: this.row + this.numRows - 2, right: this.column + this.numColumns - 2 };
  }

  getValues(): SheetValue[][] {
    this.countTransfer('getValues');
    const tz = this.sheet.book.timeZone;
    return this.each((r, c) => {
      const cell = this.sheet.cell(r, c);
      // A merge shows its top-left cell only: the others read empty, as a person sees them.
      if (!cell || this.sheet.hiddenByMerge(r, c)) return '';
      const value = this.sheet.valueAt(r, c);
      if (typeof value === 'number' && isDateFormat(cell.format)) return new Date(instantOfWallClock(value * MS_PER_DAY + EPOCH_MS, tz));
      return value;
    });
  }

  /**
   * Each cell's formula, `=` included, '' for a cell without one whatever it shows: text in a
   * plain-text cell, or kept as text by a leading `'`, is no formula (Range reference, #getformulas).
   * One call carrying every cell of the range, as getValues.
   */
  getFormulas(): string[][] {
    this.countTransfer('getFormulas');
    return this.each((r, c) => this.sheet.cell(r, c)?.formula ?? '');
  }

  setValues(values: (string | number | boolean)[][]): FakeRange {
    this.countTransfer('setValues');
    this.checkShape(values, 'data');
    this.checkEditable();
    values.forEach((row, i) =>
      row.forEach((v, j) => {
        const [r, c] = [this.row - 1 + i, this.column - 1 + j];
        // The fake's reading: a merge holds one value, its top-left cell's; the others keep none.
        if (this.sheet.hiddenByMerge(r, c)) return;
        storeValue(this.sheet.cellForWrite(r, c), v as unknown, this.sheet.book);
      }),
    );
    return this;
  }

  /** Every cell of the range gets the value (what `RangeList.setValue` does to each of its ranges). */
  setValueUncounted(value: unknown): void {
    this.checkEditable();
    this.each((r, c) => {
      if (!this.sheet.hiddenByMerge(r, c)) storeValue(this.sheet.cellForWrite(r, c), value, this.sheet.book);
    });
  }

  private checkEditable(): void {
    const fake = this.sheet.fake;
    if (!fake.canEdit(this.sheet, fake.activeUser)) {
      throw new Error('Exception: You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.');
    }
  }

  /** A cell never formatted reports `0.###############` (fake-locale.ts), not `General`. */
  getNumberFormats(): string[][] {
    this.countTransfer('getNumberFormats');
    return this.each((r, c) => this.sheet.cell(r, c)?.format ?? UNFORMATTED);
  }

  getFontWeights(): ('normal' | 'bold')[][] {
    this.countTransfer('getFontWeights');
    return this.each((r, c) => this.sheet.cell(r, c)?.weight ?? 'normal');
  }

  setFontWeights(fontWeights: ('normal' | 'bold' | null)[][]): FakeRange {
    this.countTransfer('setFontWeights');
    this.checkShape(fontWeights, 'font weights');
    fontWeights.forEach((row, i) => row.forEach((w, j) => (this.sheet.cellForWrite(this.row - 1 + i, this.column - 1 + j).weight = w ?? 'normal')));
    return this;
  }

  getNotes(): string[][] {
    this.countTransfer('getNotes');
    return this.each((r, c) => this.sheet.cell(r, c)?.note ?? '');
  }

  setNotes(notes: (string | null)[][]): FakeRange {
    this.countTransfer('setNotes');
    this.checkShape(notes, 'notes');
    notes.forEach((row, i) =>
      row.forEach((n, j) => {
        const cell = this.sheet.cellForWrite(this.row - 1 + i, this.column - 1 + j);
        if (n === null || n === '') delete cell.note;
        else cell.note = n;
      }),
    );
    return this;
  }

  setDataValidation(rule: DataValidationApi | null): FakeRange {
    this.count('setDataValidation');
    if (rule !== null && !(rule instanceof FakeDataValidation)) throw new Error('Exception: Invalid argument: rule');
    this.each((r, c) => {
      const cell = this.sheet.cellForWrite(r, c);
      if (rule) cell.validation = rule;
      else delete cell.validation;
    });
    return this;
  }

  clearDataValidations(): FakeRange {
    this.count('clearDataValidations');
    this.clearValidationsUncounted();
    return this;
  }

  clearValidationsUncounted(): void {
    this.each((r, c) => {
      const cell = this.sheet.cell(r, c);
      if (cell) delete cell.validation;
    });
  }

  setWeightUncounted(weight: 'normal' | 'bold'): void {
    this.each((r, c) => (this.sheet.cellForWrite(r, c).weight = weight));
  }

  setFormatUncounted(format: string): void {
    this.each((r, c) => (this.sheet.cellForWrite(r, c).format = format));
  }

  getDataValidations(): (FakeDataValidation | null)[][] {
    this.countTransfer('getDataValidations');
    return this.each((r, c) => this.sheet.cell(r, c)?.validation ?? null);
  }

  /** The merges that "either are fully within the current range, or contain at least one cell in" it, each whole. */
  getMergedRanges(): FakeRange[] {
    this.count('getMergedRanges');
    const b = this.box;
    return this.sheet.merges
      .filter((m) => m.bottom >= b.top && m.top <= b.bottom && m.right >= b.left && m.left <= b.right)
      .map((m) => new FakeRange(this.sheet, m.top + 1, m.left + 1, m.bottom - m.top + 1, m.right - m.left + 1));
  }

  /**
   * "Break any multi-column cells in the range into individual cells again" (Range reference,
   * #breakapart): the merges inside the range go. One that lies partly outside is refused, as
   * Sheets refuses to unmerge part of a merge (the fake's wording).
   */
  breakApart(): FakeRange {
    this.count('breakApart');
    const b = this.box;
    const touching = this.sheet.merges.filter((m) => m.bottom >= b.top && m.top <= b.bottom && m.right >= b.left && m.left <= b.right);
    if (touching.some((m) => m.top < b.top || m.bottom > b.bottom || m.left < b.left || m.right > b.right)) {
      throw new Error('Exception: fake Range.breakApart: the range holds part of a merged range only.');
    }
    this.sheet.merges = this.sheet.merges.filter((m) => !touching.includes(m));
    return this;
  }

  clearNote(): FakeRange {
    this.count('clearNote');
    this.each((r, c) => {
      const cell = this.sheet.cell(r, c);
      if (cell) delete cell.note;
    });
    return this;
  }

  /** A pivot table anchored at this range's first cell (fake-pivots.ts). */
  createPivotTable(sourceData: RangeApi): FakePivotTable {
    this.count('createPivotTable');
    return createPivotTable(this, sourceData);
  }

  // -- what a person does in the browser (person-api.ts) --

  /**
   * Format → Merge cells → Merge all. The browser warns that merging keeps the top-left value only,
   * and the fake does so: the others' values and formulas go, their formats and notes stay (the
   * Range reference, #merge, says only "merges the cells in the range together into a single
   * block"). A merge overlapping another is refused, with the fake's own wording.
   */
  merge(): FakeRange {
    this.count('merge');
    const b = this.box;
    if (this.numRows * this.numColumns < 2) return this;
    if (this.sheet.merges.some((m) => m.bottom >= b.top && m.top <= b.bottom && m.right >= b.left && m.left <= b.right)) {
      throw new Error('Exception: fake Range.merge: this range overlaps a merged range (break it apart first).');
    }
    this.each((r, c) => {
      const cell = this.sheet.cell(r, c);
      if (cell && (r !== b.top || c !== b.left)) {
        cell.value = '';
        delete cell.formula;
      }
    });
    this.sheet.merges.push(b);
    return this;
  }

  /** A pattern of the reference's number formats guide; `General` is refused (fake-locale.ts). */
  setNumberFormat(numberFormat: string): FakeRange {
    this.count('setNumberFormat');
    checkNumberFormat(numberFormat);
    this.setFormatUncounted(numberFormat);
    return this;
  }

  setNote(note: string | null): FakeRange {
    this.count('setNote');
    this.each((r, c) => {
      const cell = this.sheet.cellForWrite(r, c);
      if (note === null || note === '') delete cell.note;
      else cell.note = note;
    });
    return this;
  }

  /** "Sorts the cells in the given range, by column and order specified" (Range reference, #sortsortspecobj). */
  sort(sortSpecObj: number | { column: number; ascending?: boolean }): FakeRange {
    this.count('sort');
    const spec = typeof sortSpecObj === 'number' ? { column: sortSpecObj, ascending: true } : sortSpecObj;
    if (spec.column < this.column || spec.column >= this.column + this.numColumns) {
      throw new Error(`Exception: fake Range.sort: column ${spec.column} is outside the range ${this.getA1Notation()}.`);
    }
    this.sheet.sortRows(this.box, spec.column - 1, spec.ascending ?? true);
    return this;
  }
}

export class FakeRangeList implements RangeListApi {
  constructor(
    readonly ranges: FakeRange[],
    private readonly log: CallLog,
  ) {}
  setNumberFormat(numberFormat: string): FakeRangeList {
    this.log.count('RangeList.setNumberFormat');
    checkNumberFormat(numberFormat);
    for (const r of this.ranges) r.setFormatUncounted(numberFormat);
    return this;
  }
  clearDataValidations(): FakeRangeList {
    this.log.count('RangeList.clearDataValidations');
    for (const r of this.ranges) r.clearValidationsUncounted();
    return this;
  }
  setFontWeight(fontWeight: 'normal' | 'bold' | null): FakeRangeList {
    this.log.count('RangeList.setFontWeight');
    for (const r of this.ranges) r.setWeightUncounted(fontWeight ?? 'normal');
    return this;
  }
  /**
   * RangeList.setValue (RangeList reference, #setvaluevalue) sets each range of the list as
   * Range.setValue sets one: every cell, parsed as setValues parses it. One value crosses; the
   * cells it lands in are counted as carried, pessimistically, as the bench's per-cell cost assumes.
   */
  setValue(value: string | number | boolean): FakeRangeList {
    this.log.count('RangeList.setValue');
    this.log.transfer(this.ranges.reduce((n, r) => n + r.numRows * r.numColumns, 0));
    for (const r of this.ranges) r.setValueUncounted(value);
    return this;
  }
}

/** `C5:C9`, or a lone `C5`, with or without `$` → 0-based corners. */
export function parseA1(a1: string): CellRange {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(a1);
  if (!m) throw new Error(`fake: unsupported A1 notation ${a1}`);
  const top = Number(m[2]) - 1;
  const left = letterToColumn(m[1]!) - 1;
  return { top, left, bottom: m[4] === undefined ? top : Number(m[4]) - 1, right: m[3] === undefined ? left : letterToColumn(m[3]) - 1 };
}

/** 0-based corners → `A1:E2`, the form Sheets' getA1Notation gives; a single cell is `C5`. */
export function rangeA1(b: CellRange): string {
  const cell = (r: number, c: number) => `${columnLetters(c)}${r + 1}`;
  return b.top === b.bottom && b.left === b.right ? cell(b.top, b.left) : `${cell(b.top, b.left)}:${cell(b.bottom, b.right)}`;
}

function letterToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function columnLetters(column: number): string {
  let n = column + 1;
  let out = '';
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
