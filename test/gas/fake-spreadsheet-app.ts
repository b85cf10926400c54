/**
 * An in-memory Apps Script for Node: SpreadsheetApp, LockService, Session, HtmlService and
 * Utilities, enough of each for Carnet's Google host, written against the interfaces in
 * gas-addon/apps-script-api.ts (which are checked against @types/google-apps-script, so the fake
 * cannot offer a method the real services lack).
 *
 * Every call is counted by `Class.method`: tests prove a command's calls do not grow with rows.
 *
 * Behaviours modelled because Carnet's correctness depends on them (each a documented or widely
 * reported Sheets behaviour; see docs/google-sheets.md for what could not be checked against Google):
 * - `setValues` parses strings as typed by a person unless the cell is plain text (`@`): `=…` is a
 *   formula, `0042` a number, `TRUE` a boolean, `2026-11-27` a date; a leading `'` keeps the rest
 *   as text and is not stored. In a plain-text cell the string is stored as is, apostrophe included
 *   (the pessimistic reading of Sheets' behaviour, which the adapter must survive).
 * - `getValues` gives date-formatted numbers as `Date`s: the instant at which the spreadsheet's
 *   time zone shows that wall clock. A wall clock inside a daylight-saving gap is shifted forward,
 *   as Java's lenient calendar does.
 * - Formulas are stored as text and calculated whenever values are read, so a formula follows the
 *   cells it reads (test/helpers/fake-formulas.ts: arithmetic, ROUND, SUM…; one it cannot parse
 *   reads `#ERROR!`, an unknown function `#NAME?`). Inserting and deleting rows, and renaming a
 *   sheet, rewrite the references of every formula, as Sheets does. A formula typed into a
 *   plain-text cell stays text.
 * - A new sheet has 1,000 rows and 26 columns; ranges outside them throw; every deletion must leave
 *   a non-frozen row; the last visible sheet cannot be hidden; protected sheets refuse `setValues`
 *   from people who are not their editors.
 * Not modelled: most of the formula language, formats inherited by inserted rows, validation ranges
 * shrinking when their rows are deleted.
 */

import type {
  AppsScriptServices,
  DataValidationApi,
  DataValidationBuilderApi,
  HtmlOutputApi,
  HtmlServiceApi,
  LockApi,
  LockServiceApi,
  MenuApi,
  ProtectionApi,
  RangeApi,
  RangeListApi,
  SessionApi,
  SheetApi,
  SheetValue,
  SpreadsheetApi,
  SpreadsheetAppApi,
  UiApi,
  UserApi,
  UtilitiesApi,
} from '../../gas-addon/apps-script-api.js';
import { deletion, evaluate, insertion, moveRows, renameSheetIn, type Scalar } from '../helpers/fake-formulas.js';

type Criteria = GoogleAppsScript.Spreadsheet.DataValidationCriteria;
type ProtectionType = GoogleAppsScript.Spreadsheet.ProtectionType;

/** The real enums are numeric in the typings and strings at run time; only identity matters here. */
export const CRITERIA = {
  VALUE_IN_LIST: 'VALUE_IN_LIST' as unknown as Criteria,
  VALUE_IN_RANGE: 'VALUE_IN_RANGE' as unknown as Criteria,
};
const PROTECTION_TYPE = {
  RANGE: 'RANGE' as unknown as ProtectionType,
  SHEET: 'SHEET' as unknown as ProtectionType,
};

const MS_PER_DAY = 86_400_000;
const EPOCH_MS = Date.UTC(1899, 11, 30);
const MAX_CELL_CHARS = 50_000;
const DEFAULT_COLUMN_WIDTH = 100;

/** Calls by `Class.method`. */
export class CallLog {
  readonly counts: Record<string, number> = {};
  /** Cells whose values, formats, notes or weights crossed between script and spreadsheet. */
  cells = 0;
  count(name: string): void {
    this.counts[name] = (this.counts[name] ?? 0) + 1;
  }
  transfer(cells: number): void {
    this.cells += cells;
  }
  total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }
  reset(): void {
    for (const k of Object.keys(this.counts)) delete this.counts[k];
    this.cells = 0;
  }
  snapshot(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.counts).sort(([a], [b]) => a.localeCompare(b)));
  }
}

export interface FakeOptions {
  /** The spreadsheet's time zone (File → Settings). Default Europe/Paris. */
  timeZone?: string;
  /** Sheets the spreadsheet starts with. Default ['Sheet1'], as a new spreadsheet; [] is allowed here only. */
  sheets?: string[];
  owner?: string;
  /** Who runs the script; '' models a context where Google withholds the email. */
  activeUser?: string;
  /** Under whose authority it runs; defaults to the active user. */
  effectiveUser?: string;
  /** Editors of the spreadsheet (new protections start with them). Default: owner and active user. */
  editors?: string[];
  /** Lift Sheets' "you can't hide all the sheets" rule (the shared contract hides a lone sheet). */
  allowHidingEverySheet?: boolean;
  /** LockService.getDocumentLock() returns null, as in a standalone script. */
  noDocumentLock?: boolean;
  /** Project files for HtmlService, by name (`Sidebar` or `Sidebar.html`). */
  files?: Record<string, string>;
}

/** The whole fake: hand `services` to the adapter; inspect the rest in tests. */
export class FakeAppsScript {
  readonly calls = new CallLog();
  readonly spreadsheet: FakeSpreadsheet;
  readonly lock = new FakeLockState();
  readonly ui: FakeUi;
  readonly SpreadsheetApp: FakeSpreadsheetApp;
  readonly LockService: LockServiceApi;
  readonly Session: SessionApi;
  readonly HtmlService: HtmlServiceApi;
  readonly Utilities: UtilitiesApi;
  owner: string;
  activeUser: string;
  effectiveUser: string;
  readonly allowHidingEverySheet: boolean;

  constructor(readonly options: FakeOptions = {}) {
    this.owner = options.owner ?? 'owner@example.com';
    this.activeUser = options.activeUser ?? this.owner;
    this.effectiveUser = options.effectiveUser ?? this.activeUser;
    this.allowHidingEverySheet = options.allowHidingEverySheet ?? false;
    this.spreadsheet = new FakeSpreadsheet(this, options.timeZone ?? 'Europe/Paris', options.sheets ?? ['Sheet1']);
    this.ui = new FakeUi(this.calls);
    this.SpreadsheetApp = new FakeSpreadsheetApp(this);
    const log = this.calls;
    const lock = this.lock;
    this.LockService = {
      getDocumentLock: () => {
        log.count('LockService.getDocumentLock');
        return options.noDocumentLock ? null : new FakeLock(lock, log);
      },
    };
    this.Session = {
      getActiveUser: () => {
        log.count('Session.getActiveUser');
        return new FakeUser(this.activeUser, log);
      },
      getEffectiveUser: () => {
        log.count('Session.getEffectiveUser');
        return new FakeUser(this.effectiveUser, log);
      },
    };
    const files = options.files ?? {};
    this.HtmlService = {
      createHtmlOutputFromFile: (filename: string) => {
        log.count('HtmlService.createHtmlOutputFromFile');
        const content = files[filename] ?? files[`${filename}.html`];
        if (content === undefined) throw new Error(`Exception: No HTML file named ${filename} was found.`);
        return new FakeHtmlOutput(content, log);
      },
    };
    this.Utilities = {
      formatDate: (date: Date, timeZone: string, format: string) => {
        log.count('Utilities.formatDate');
        if (format !== 'yyyy-MM-dd HH:mm:ss') throw new Error(`fake Utilities.formatDate: unsupported format ${format}`);
        const w = wallClockMs(date.getTime(), timeZone);
        return new Date(w).toISOString().replace('T', ' ').slice(0, 19);
      },
    };
  }

  /** What the adapter and the entry points are given. */
  get services(): AppsScriptServices {
    return { SpreadsheetApp: this.SpreadsheetApp, LockService: this.LockService, Session: this.Session, HtmlService: this.HtmlService, Utilities: this.Utilities };
  }

  /** Who may edit a protected sheet right now. */
  canEdit(sheet: FakeSheet, email: string): boolean {
    return sheet.protections.every((p) => p.allows(email, this.owner));
  }
}

// -------------------------------------------------------------------------------------------------
// SpreadsheetApp and the spreadsheet

export class FakeSpreadsheetApp implements SpreadsheetAppApi {
  readonly ProtectionType = PROTECTION_TYPE;
  readonly DataValidationCriteria = CRITERIA;
  flushes = 0;
  constructor(private readonly fake: FakeAppsScript) {}
  getActiveSpreadsheet(): FakeSpreadsheet {
    this.fake.calls.count('SpreadsheetApp.getActiveSpreadsheet');
    return this.fake.spreadsheet;
  }
  newDataValidation(): DataValidationBuilderApi {
    this.fake.calls.count('SpreadsheetApp.newDataValidation');
    return new FakeDataValidationBuilder(this.fake.calls);
  }
  flush(): void {
    this.fake.calls.count('SpreadsheetApp.flush');
    this.flushes++;
  }
  getUi(): UiApi {
    this.fake.calls.count('SpreadsheetApp.getUi');
    return this.fake.ui;
  }
}

export class FakeSpreadsheet implements SpreadsheetApi {
  readonly sheetList: FakeSheet[] = [];
  active: FakeSheet | undefined;

  constructor(
    readonly fake: FakeAppsScript,
    readonly timeZone: string,
    names: string[],
  ) {
    for (const n of names) this.sheetList.push(new FakeSheet(this, n));
    this.active = this.sheetList[0];
  }

  private count(method: string): void {
    this.fake.calls.count(`Spreadsheet.${method}`);
  }

  getSheets(): FakeSheet[] {
    this.count('getSheets');
    return [...this.sheetList];
  }

  /** Exact match: the adapter must not depend on Sheets matching names without case. */
  getSheetByName(name: string): FakeSheet | null {
    this.count('getSheetByName');
    return this.sheetList.find((s) => s.name === name) ?? null;
  }

  insertSheet(sheetName: string, sheetIndex: number): FakeSheet {
    this.count('insertSheet');
    this.checkName(sheetName, undefined);
    if (!Number.isInteger(sheetIndex) || sheetIndex < 0 || sheetIndex > this.sheetList.length) {
      throw new Error(`Exception: The sheet index ${sheetIndex} is out of range.`);
    }
    const sheet = new FakeSheet(this, sheetName);
    this.sheetList.splice(sheetIndex, 0, sheet);
    this.active = sheet; // as in Sheets: the new sheet becomes the active one
    return sheet;
  }

  getSpreadsheetTimeZone(): string {
    this.count('getSpreadsheetTimeZone');
    return this.timeZone;
  }

  checkName(name: string, self: FakeSheet | undefined): void {
    if (name.trim() === '') throw new Error('Exception: Sheet names cannot be empty.');
    if (name.length > 100) throw new Error('Exception: Sheet names cannot be longer than 100 characters.');
    const clash = this.sheetList.find((s) => s !== self && s.name.toLowerCase() === name.toLowerCase());
    if (clash) throw new Error(`Exception: A sheet with the name "${name}" already exists. Please enter another name.`);
  }

  /** Not counted: applies `rewrite` to every formula of every sheet (row moves, renames). */
  rewriteFormulas(rewrite: (formula: string, sheet: FakeSheet) => string): void {
    for (const sheet of this.sheetList) {
      for (const row of sheet.rows) for (const cell of row ?? []) if (cell?.formula !== undefined) cell.formula = rewrite(cell.formula, sheet);
    }
  }

  /** Test helper (not counted): the sheet with that exact name. */
  sheet(name: string): FakeSheet {
    const s = this.sheetList.find((x) => x.name === name);
    if (!s) throw new Error(`fake: no sheet ${name}`);
    return s;
  }
}

// -------------------------------------------------------------------------------------------------
// Sheets and cells

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

export class FakeSheet implements SheetApi {
  hidden = false;
  maxRows = 1000;
  maxColumns = 26;
  frozenRows = 0;
  /** Sparse, 0-based: rows[r][c]. */
  rows: (FakeCell | undefined)[][] = [];
  readonly widths = new Map<number, number>();
  protections: FakeProtection[] = [];

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
    if (afterPosition < this.rows.length) this.rows.splice(afterPosition, 0, ...new Array<FakeCell[]>(howMany).fill([]).map(() => []));
    this.maxRows += howMany;
    this.book.rewriteFormulas((formula, onSheet) => moveRows(formula, this.name, onSheet === this, insertion(afterPosition, howMany)));
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

  getRangeList(a1Notations: string[]): FakeRangeList {
    this.count('getRangeList');
    return new FakeRangeList(
      a1Notations.map((a1) => {
        const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(a1);
        if (!m) throw new Error(`fake getRangeList: unsupported A1 notation ${a1}`);
        const c1 = letterToColumn(m[1]!);
        const r1 = Number(m[2]);
        return this.rangeAt(r1, c1, Number(m[4]) - r1 + 1, letterToColumn(m[3]!) - c1 + 1);
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

  protect(): FakeProtection {
    this.count('protect');
    const p = new FakeProtection(this, this.fake.options.editors ?? [this.fake.owner, this.fake.activeUser]);
    this.protections.push(p);
    return p;
  }

  getProtections(type: ProtectionType): FakeProtection[] {
    this.count('getProtections');
    return type === PROTECTION_TYPE.SHEET ? [...this.protections] : [];
  }

  // -- internals (not counted) --

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
    visiting.add(cell);
    try {
      return evaluate(
        cell.formula,
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

export class FakeRange implements RangeApi {
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

  getValues(): SheetValue[][] {
    this.countTransfer('getValues');
    const tz = this.sheet.book.timeZone;
    return this.each((r, c) => {
      const cell = this.sheet.cell(r, c);
      if (!cell) return '';
      const value = this.sheet.valueAt(r, c);
      if (typeof value === 'number' && isDateFormat(cell.format)) return new Date(instantOfWallClock(value * MS_PER_DAY + EPOCH_MS, tz));
      return value;
    });
  }

  setValues(values: (string | number | boolean)[][]): FakeRange {
    this.countTransfer('setValues');
    this.checkShape(values, 'data');
    const fake = this.sheet.fake;
    if (!fake.canEdit(this.sheet, fake.activeUser)) {
      throw new Error('Exception: You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.');
    }
    values.forEach((row, i) =>
      row.forEach((v, j) => {
        const cell = this.sheet.cellForWrite(this.row - 1 + i, this.column - 1 + j);
        storeValue(cell, v as unknown, this.sheet.book.timeZone);
      }),
    );
    return this;
  }

  getNumberFormats(): string[][] {
    this.countTransfer('getNumberFormats');
    return this.each((r, c) => this.sheet.cell(r, c)?.format ?? 'General');
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

  setFormatUncounted(format: string): void {
    this.each((r, c) => (this.sheet.cellForWrite(r, c).format = format));
  }

  getDataValidations(): (FakeDataValidation | null)[][] {
    this.countTransfer('getDataValidations');
    return this.each((r, c) => this.sheet.cell(r, c)?.validation ?? null);
  }
}

export class FakeRangeList implements RangeListApi {
  constructor(
    readonly ranges: FakeRange[],
    private readonly log: CallLog,
  ) {}
  setNumberFormat(numberFormat: string): FakeRangeList {
    this.log.count('RangeList.setNumberFormat');
    for (const r of this.ranges) r.setFormatUncounted(numberFormat);
    return this;
  }
  clearDataValidations(): FakeRangeList {
    this.log.count('RangeList.clearDataValidations');
    for (const r of this.ranges) r.clearValidationsUncounted();
    return this;
  }
}

// -------------------------------------------------------------------------------------------------
// What setValues stores

const ERROR_LITERAL = /^#(N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!|ERROR!)$/i;
const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

function storeValue(cell: FakeCell, v: unknown, timeZone: string): void {
  delete cell.formula;
  if (v === null || v === undefined || v === '') {
    cell.value = '';
    return;
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`Exception: Invalid value ${v}`);
    cell.value = v;
    return;
  }
  if (typeof v === 'boolean') {
    cell.value = v;
    return;
  }
  if (v instanceof Date) {
    cell.value = (wallClockMs(v.getTime(), timeZone) - EPOCH_MS) / MS_PER_DAY;
    if (!isDateFormat(cell.format)) cell.format = 'yyyy-mm-dd hh:mm:ss';
    return;
  }
  if (typeof v !== 'string') throw new Error(`fake setValues: unsupported value ${String(v)}`);
  if (v.length > MAX_CELL_CHARS) throw new Error(`Exception: Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
  if (cell.format === '@') {
    cell.value = v; // plain text: stored as typed, a leading apostrophe included
    return;
  }
  Object.assign(cell, userEntered(v, cell.format));
}

/** How Sheets reads a string typed into a cell that is not plain text (the subset that matters here). */
function userEntered(text: string, format: string | undefined): Pick<FakeCell, 'value' | 'formula' | 'format'> {
  const keep = format === undefined ? {} : { format };
  if (text.startsWith("'")) return { ...keep, value: text.slice(1) };
  if (text.startsWith('=')) return { ...keep, value: '', formula: text };
  if (/^[+-]/.test(text)) return NUMBER.test(text) ? { ...keep, value: Number(text) } : { ...keep, value: '', formula: `=${text}` };
  if (ERROR_LITERAL.test(text)) return { ...keep, value: text.toUpperCase() };
  if (NUMBER.test(text)) return { ...keep, value: Number(text) };
  const percent = /^\s*(\d+\.?\d*)\s*%\s*$/.exec(text);
  if (percent) return { format: format ?? '0.00%', value: Number(percent[1]) / 100 };
  if (/^(true|false)$/i.test(text.trim())) return { ...keep, value: text.trim().toLowerCase() === 'true' };
  const date = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (date) return { format: isDateFormat(format) ? format : 'yyyy-mm-dd', value: (Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!) - EPOCH_MS) / MS_PER_DAY };
  return { ...keep, value: text };
}

export function isDateFormat(format: string | undefined): boolean {
  if (!format || format === '@' || format === 'General') return false;
  return /[ymdhs]/i.test(format.replace(/"[^"]*"/g, '').replace(/\[[^\]]*]/g, ''));
}

// -------------------------------------------------------------------------------------------------
// Time zones, computed from the zone's UTC offset (independently of the adapter's wall-clock code)

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset at an instant, in ms, from Intl's "GMT+05:53:28" form. */
function offsetMs(instant: number, timeZone: string): number {
  let f = offsetFormats.get(timeZone);
  if (!f) offsetFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })));
  const name = f.formatToParts(new Date(instant)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT(?:([+-])(\d\d):(\d\d)(?::(\d\d))?)?$/.exec(name);
  if (!m) throw new Error(`fake: cannot read offset ${name}`);
  if (!m[1]) return 0;
  return (m[1] === '-' ? -1 : 1) * ((+m[2]! * 60 + +m[3]!) * 60 + +(m[4] ?? 0)) * 1000;
}

export function wallClockMs(instant: number, timeZone: string): number {
  return instant + offsetMs(instant, timeZone);
}

/** The instant showing `wall` in the zone; inside a DST gap, shifted forward (lenient calendar). */
export function instantOfWallClock(wall: number, timeZone: string): number {
  const wallMs = Math.round(wall);
  const o1 = offsetMs(wallMs, timeZone);
  const t1 = wallMs - o1;
  if (wallClockMs(t1, timeZone) === wallMs) return t1;
  const o2 = offsetMs(t1, timeZone);
  const t2 = wallMs - o2;
  if (wallClockMs(t2, timeZone) === wallMs) return t2;
  // No instant shows this wall clock: read it with the offset before the gap (the smaller one).
  return wallMs - Math.min(o1, o2);
}

// -------------------------------------------------------------------------------------------------
// Data validation

export class FakeDataValidation implements DataValidationApi {
  constructor(
    readonly criteria: Criteria,
    readonly values: unknown[],
    readonly allowInvalid: boolean,
    private readonly log: CallLog,
  ) {}
  getCriteriaType(): Criteria {
    this.log.count('DataValidation.getCriteriaType');
    return this.criteria;
  }
  getCriteriaValues(): unknown[] {
    this.log.count('DataValidation.getCriteriaValues');
    return [...this.values];
  }
  getAllowInvalid(): boolean {
    this.log.count('DataValidation.getAllowInvalid');
    return this.allowInvalid;
  }
}

class FakeDataValidationBuilder implements DataValidationBuilderApi {
  private criteria: Criteria | undefined;
  private values: unknown[] = [];
  private allowInvalid = true;
  constructor(private readonly log: CallLog) {}
  requireValueInList(values: string[], showDropdown = true): FakeDataValidationBuilder {
    this.log.count('DataValidationBuilder.requireValueInList');
    if (!Array.isArray(values) || values.length === 0) throw new Error('Exception: The parameters (number[]) don\'t match the method signature.');
    if (values.length > 500) throw new Error('Exception: Data validation list cannot have more than 500 items.');
    this.criteria = CRITERIA.VALUE_IN_LIST;
    this.values = [[...values], showDropdown];
    return this;
  }
  requireValueInRange(range: RangeApi, showDropdown = true): FakeDataValidationBuilder {
    this.log.count('DataValidationBuilder.requireValueInRange');
    if (!(range instanceof FakeRange)) throw new Error('Exception: Invalid argument: range');
    this.criteria = CRITERIA.VALUE_IN_RANGE;
    this.values = [range, showDropdown];
    return this;
  }
  setAllowInvalid(allowInvalidData: boolean): FakeDataValidationBuilder {
    this.log.count('DataValidationBuilder.setAllowInvalid');
    this.allowInvalid = allowInvalidData;
    return this;
  }
  build(): FakeDataValidation {
    this.log.count('DataValidationBuilder.build');
    if (this.criteria === undefined) throw new Error('Exception: A data validation rule needs a criterion.');
    return new FakeDataValidation(this.criteria, this.values, this.allowInvalid, this.log);
  }
}

// -------------------------------------------------------------------------------------------------
// Protection, users, lock

export class FakeProtection implements ProtectionApi {
  description = '';
  editors: string[];
  domainEdit = true;
  warningOnly = false;

  constructor(
    readonly sheet: FakeSheet,
    editors: string[],
  ) {
    this.editors = [...new Set(editors)];
  }

  private count(method: string): void {
    this.sheet.fake.calls.count(`Protection.${method}`);
  }

  setDescription(description: string): FakeProtection {
    this.count('setDescription');
    this.description = description;
    return this;
  }
  getDescription(): string {
    this.count('getDescription');
    return this.description;
  }
  getEditors(): UserApi[] {
    this.count('getEditors');
    return this.editors.map((e) => new FakeUser(e, this.sheet.fake.calls));
  }
  addEditors(emailAddresses: string[]): FakeProtection {
    this.count('addEditors');
    for (const e of emailAddresses) if (!this.editors.includes(e)) this.editors.push(e);
    return this;
  }
  /** As documented: neither the owner nor the current user can be removed. */
  removeEditors(emailAddresses: string[]): FakeProtection {
    this.count('removeEditors');
    const fake = this.sheet.fake;
    const kept = new Set([fake.owner, fake.effectiveUser].map((e) => e.toLowerCase()));
    const gone = new Set(emailAddresses.map((e) => e.toLowerCase()).filter((e) => !kept.has(e)));
    this.editors = this.editors.filter((e) => !gone.has(e.toLowerCase()));
    return this;
  }
  canDomainEdit(): boolean {
    this.count('canDomainEdit');
    return this.domainEdit;
  }
  setDomainEdit(editable: boolean): FakeProtection {
    this.count('setDomainEdit');
    this.domainEdit = editable;
    return this;
  }
  setWarningOnly(warningOnly: boolean): FakeProtection {
    this.count('setWarningOnly');
    this.warningOnly = warningOnly;
    return this;
  }
  isWarningOnly(): boolean {
    this.count('isWarningOnly');
    return this.warningOnly;
  }
  remove(): void {
    this.count('remove');
    this.sheet.protections = this.sheet.protections.filter((p) => p !== this);
  }

  /** Not counted: may this person change the protected cells? */
  allows(email: string, owner: string): boolean {
    if (this.warningOnly) return true;
    const lower = email.toLowerCase();
    return lower === owner.toLowerCase() || this.editors.some((e) => e.toLowerCase() === lower);
  }
}

class FakeUser implements UserApi {
  constructor(
    private readonly email: string,
    private readonly log: CallLog,
  ) {}
  getEmail(): string {
    this.log.count('User.getEmail');
    return this.email;
  }
}

/** The document lock as seen by every execution: held by us, by someone else, or free. */
export class FakeLockState {
  holder: FakeLock | 'someone else' | undefined;
  /** Every tryLock timeout asked for, to check waits are bounded. */
  readonly waits: number[] = [];
  /** Simulates another person's execution holding the lock. */
  holdElsewhere(): void {
    this.holder = 'someone else';
  }
  free(): void {
    this.holder = undefined;
  }
}

class FakeLock implements LockApi {
  constructor(
    private readonly state: FakeLockState,
    private readonly log: CallLog,
  ) {}
  tryLock(timeoutInMillis: number): boolean {
    this.log.count('Lock.tryLock');
    this.state.waits.push(timeoutInMillis);
    if (this.state.holder === undefined || this.state.holder === this) {
      this.state.holder = this;
      return true;
    }
    return false;
  }
  releaseLock(): void {
    this.log.count('Lock.releaseLock');
    if (this.state.holder === this) this.state.holder = undefined;
  }
  hasLock(): boolean {
    this.log.count('Lock.hasLock');
    return this.state.holder === this;
  }
}

// -------------------------------------------------------------------------------------------------
// UI and HTML

export interface RecordedMenu {
  items: { caption: string; functionName: string }[];
}

export class FakeUi implements UiApi {
  readonly menus: RecordedMenu[] = [];
  readonly sidebars: FakeHtmlOutput[] = [];
  readonly alerts: string[] = [];
  constructor(private readonly log: CallLog) {}
  createAddonMenu(): MenuApi {
    this.log.count('Ui.createAddonMenu');
    return new FakeMenu(this, this.log);
  }
  showSidebar(userInterface: HtmlOutputApi): void {
    this.log.count('Ui.showSidebar');
    if (!(userInterface instanceof FakeHtmlOutput)) throw new Error('Exception: Invalid argument: userInterface');
    this.sidebars.push(userInterface);
  }
  alert(prompt: string): string {
    this.log.count('Ui.alert');
    this.alerts.push(prompt);
    return 'OK';
  }
}

class FakeMenu implements MenuApi {
  private readonly items: { caption: string; functionName: string }[] = [];
  constructor(
    private readonly ui: FakeUi,
    private readonly log: CallLog,
  ) {}
  addItem(caption: string, functionName: string): FakeMenu {
    this.log.count('Menu.addItem');
    this.items.push({ caption, functionName });
    return this;
  }
  addSeparator(): FakeMenu {
    this.log.count('Menu.addSeparator');
    this.items.push({ caption: '—', functionName: '' });
    return this;
  }
  addToUi(): void {
    this.log.count('Menu.addToUi');
    this.ui.menus.push({ items: [...this.items] });
  }
}

export class FakeHtmlOutput implements HtmlOutputApi {
  title = '';
  constructor(
    public content: string,
    private readonly log: CallLog,
  ) {}
  setTitle(title: string): FakeHtmlOutput {
    this.log.count('HtmlOutput.setTitle');
    this.title = title;
    return this;
  }
  append(addedContent: string): FakeHtmlOutput {
    this.log.count('HtmlOutput.append');
    this.content += addedContent;
    return this;
  }
}

function letterToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
