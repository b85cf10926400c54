/**
 * The slice of Apps Script that Carnet's Google host uses, as interfaces: the adapter is handed the
 * real services inside Apps Script and the counting fake (test/gas/) in Node.
 *
 * Each interface is checked against @types/google-apps-script at the bottom of this file: the real
 * service must be assignable to it, so a method the real API lacks, or declares with other
 * parameters or results, fails to compile here and not in front of a user.
 */


/** Values as `getValues` gives them: Apps Script turns date-formatted numbers into `Date`s. */
export type SheetValue = string | number | boolean | Date;

export interface RangeApi {
  getRow(): number;
  getColumn(): number;
  getNumRows(): number;
  getNumColumns(): number;
  /** "A1:E2" for `getRange(1, 1, 2, 5)`: no sheet name. */
  getA1Notation(): string;
  getValues(): SheetValue[][];
  /**
   * The formula of each cell, `=` included, and '' for a cell without one, whatever it shows
   * (https://developers.google.com/apps-script/reference/spreadsheet/range#getformulas).
   */
  getFormulas(): string[][];
  /** Strings are parsed as if typed by a person (formulas, numbers, dates) unless the cell is plain text. */
  setValues(values: (string | number | boolean)[][]): RangeApi;
  getNumberFormats(): string[][];
  getFontWeights(): ('normal' | 'bold')[][];
  setFontWeights(fontWeights: ('normal' | 'bold' | null)[][]): RangeApi;
  getNotes(): string[][];
  setNotes(notes: (string | null)[][]): RangeApi;
  setDataValidation(rule: DataValidationApi | null): RangeApi;
  clearDataValidations(): RangeApi;
  getDataValidations(): (DataValidationApi | null)[][];
  /**
   * "Merged cells that either are fully within the current range, or contain at least one cell in
   * the current range" (the Range reference): each whole, whatever part of it lies outside.
   */
  getMergedRanges(): RangeApi[];
}

export interface RangeListApi {
  setNumberFormat(numberFormat: string): RangeListApi;
  clearDataValidations(): RangeListApi;
  /** Every cell of every range gets the value, parsed as `setValues` parses it (`=…` is a formula). */
  setValue(value: string | number | boolean): RangeListApi;
}

export interface DataValidationApi {
  getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria;
  getCriteriaValues(): unknown[];
  getAllowInvalid(): boolean;
}

export interface DataValidationBuilderApi {
  requireValueInList(values: string[], showDropdown: boolean): DataValidationBuilderApi;
  requireValueInRange(range: RangeApi, showDropdown: boolean): DataValidationBuilderApi;
  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilderApi;
  build(): DataValidationApi;
}

export interface UserApi {
  getEmail(): string;
}

export interface ProtectionApi {
  setDescription(description: string): ProtectionApi;
  getDescription(): string;
  getEditors(): UserApi[];
  addEditors(emailAddresses: string[]): ProtectionApi;
  removeEditors(emailAddresses: string[]): ProtectionApi;
  canDomainEdit(): boolean;
  setDomainEdit(editable: boolean): ProtectionApi;
  setWarningOnly(warningOnly: boolean): ProtectionApi;
  isWarningOnly(): boolean;
  remove(): void;
}

export interface SheetApi {
  getName(): string;
  setName(name: string): SheetApi;
  isSheetHidden(): boolean;
  hideSheet(): SheetApi;
  showSheet(): SheetApi;
  getLastRow(): number;
  getLastColumn(): number;
  getMaxRows(): number;
  getMaxColumns(): number;
  insertRowsAfter(afterPosition: number, howMany: number): SheetApi;
  insertColumnsAfter(afterPosition: number, howMany: number): SheetApi;
  deleteRows(rowPosition: number, howMany: number): void;
  getDataRange(): RangeApi;
  getRange(row: number, column: number, numRows: number, numColumns: number): RangeApi;
  getRangeList(a1Notations: string[]): RangeListApi;
  getFrozenRows(): number;
  setFrozenRows(rows: number): void;
  setColumnWidth(columnPosition: number, width: number): SheetApi;
  setColumnWidths(startColumn: number, numColumns: number, width: number): SheetApi;
  getColumnWidth(columnPosition: number): number;
  protect(): ProtectionApi;
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): ProtectionApi[];
}

export interface SpreadsheetApi {
  getSheets(): SheetApi[];
  /** May or may not match case-insensitively: the adapter does not rely on either. */
  getSheetByName(name: string): SheetApi | null;
  /** `sheetIndex` is 0-based ("to insert a sheet as the first one, set it to 0"). */
  insertSheet(sheetName: string, sheetIndex: number): SheetApi;
  getSpreadsheetTimeZone(): string;
}

export interface MenuApi {
  addItem(caption: string, functionName: string): MenuApi;
  addSeparator(): MenuApi;
  addToUi(): void;
}

export interface HtmlOutputApi {
  setTitle(title: string): HtmlOutputApi;
  append(addedContent: string): HtmlOutputApi;
}

export interface UiApi {
  createAddonMenu(): MenuApi;
  showSidebar(userInterface: HtmlOutputApi): void;
  alert(prompt: string): unknown;
}

export interface SpreadsheetAppApi {
  readonly ProtectionType: { readonly SHEET: GoogleAppsScript.Spreadsheet.ProtectionType };
  getActiveSpreadsheet(): SpreadsheetApi;
  newDataValidation(): DataValidationBuilderApi;
  /** Applies pending changes: Apps Script batches writes and may otherwise apply them after the lock is gone. */
  flush(): void;
  getUi(): UiApi;
}

export interface LockApi {
  tryLock(timeoutInMillis: number): boolean;
  releaseLock(): void;
  hasLock(): boolean;
}

export interface LockServiceApi {
  /** Null outside a document (standalone script, web app), as documented. */
  getDocumentLock(): LockApi | null;
}

export interface SessionApi {
  getActiveUser(): UserApi;
  getEffectiveUser(): UserApi;
}

export interface HtmlServiceApi {
  createHtmlOutputFromFile(filename: string): HtmlOutputApi;
}

export interface UtilitiesApi {
  formatDate(date: Date, timeZone: string, format: string): string;
}

/** Everything the Google host touches, injected so tests can hand in the fake. */
export interface AppsScriptServices {
  SpreadsheetApp: SpreadsheetAppApi;
  LockService: LockServiceApi;
  Session: SessionApi;
  HtmlService: HtmlServiceApi;
  /** Only for the date fallback when the runtime has no usable `Intl` time zones. */
  Utilities?: UtilitiesApi;
}

// ------------------------------------------------------------------------------------------------
// Compile-time proof that the real services fit these interfaces.

type Fits<Real extends Subset, Subset> = Real;
export type RealServicesFit = [
  Fits<GoogleAppsScript.Spreadsheet.Range, RangeApi>,
  Fits<GoogleAppsScript.Spreadsheet.RangeList, RangeListApi>,
  Fits<GoogleAppsScript.Spreadsheet.DataValidation, DataValidationApi>,
  Fits<GoogleAppsScript.Spreadsheet.DataValidationBuilder, DataValidationBuilderApi>,
  Fits<GoogleAppsScript.Spreadsheet.Protection, ProtectionApi>,
  Fits<GoogleAppsScript.Spreadsheet.Sheet, SheetApi>,
  Fits<GoogleAppsScript.Spreadsheet.Spreadsheet, SpreadsheetApi>,
  Fits<GoogleAppsScript.Spreadsheet.SpreadsheetApp, SpreadsheetAppApi>,
  Fits<GoogleAppsScript.Base.Menu, MenuApi>,
  Fits<GoogleAppsScript.Base.Ui, UiApi>,
  Fits<GoogleAppsScript.HTML.HtmlOutput, HtmlOutputApi>,
  Fits<GoogleAppsScript.HTML.HtmlService, HtmlServiceApi>,
  Fits<GoogleAppsScript.Lock.Lock, LockApi>,
  Fits<GoogleAppsScript.Lock.LockService, LockServiceApi>,
  Fits<GoogleAppsScript.Base.Session, SessionApi>,
  Fits<GoogleAppsScript.Base.User, UserApi>,
  Fits<GoogleAppsScript.Utilities.Utilities, UtilitiesApi>,
];
