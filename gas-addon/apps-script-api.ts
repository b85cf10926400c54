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
  /** The sheet the range is on: how the onEdit handler learns which sheet was edited. */
  getSheet(): SheetApi;
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
  /** "Sets the note to the given value" (range#setnotenote); null or '' removes it. */
  setNote(note: string | null): RangeApi;
  setDataValidation(rule: DataValidationApi | null): RangeApi;
  clearDataValidations(): RangeApi;
  getDataValidations(): (DataValidationApi | null)[][];
  /**
   * "Merged cells that either are fully within the current range, or contain at least one cell in
   * the current range" (the Range reference): each whole, whatever part of it lies outside.
   */
  getMergedRanges(): RangeApi[];
  /** "Break any multi-column cells in the range into individual cells again" (range#breakapart). */
  breakApart(): RangeApi;
  clearNote(): RangeApi;
  /**
   * An empty pivot table over `sourceData` (its first row the header), anchored at this range's
   * first cell (https://developers.google.com/apps-script/reference/spreadsheet/range#createpivottablesourcedata).
   */
  createPivotTable(sourceData: RangeApi): PivotTableApi;
  /**
   * "Creates an object that can protect the range from being edited except by users who have
   * permission" (https://developers.google.com/apps-script/reference/spreadsheet/range#protect).
   * Read here as sheet#protect says of a sheet: until its editors are changed it mirrors the
   * spreadsheet's; and, unlike a sheet's, a new one each call (a range may carry several).
   */
  protect(): ProtectionApi;
}

export interface RangeListApi {
  setNumberFormat(numberFormat: string): RangeListApi;
  clearDataValidations(): RangeListApi;
  /** Every cell of every range gets the value, parsed as `setValues` parses it (`=…` is a formula). */
  setValue(value: string | number | boolean): RangeListApi;
  setFontWeight(fontWeight: 'normal' | 'bold' | null): RangeListApi;
}

/** A chart's options as Sheets keeps them (`title`, `width`…): read-only (Charts.ChartOptions). */
export interface ChartOptionsApi {
  get(option: string): unknown;
}

/** A chart placed on a sheet (https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart). */
export interface EmbeddedChartApi {
  /** "A stable identifier for the chart that is unique across the spreadsheet … or null if the chart is not in a spreadsheet." */
  getChartId(): number | null;
  getOptions(): ChartOptionsApi;
  getRanges(): RangeApi[];
}

/** https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder */
export interface EmbeddedChartBuilderApi {
  addRange(range: RangeApi): EmbeddedChartBuilderApi;
  setChartType(type: GoogleAppsScript.Charts.ChartType): EmbeddedChartBuilderApi;
  /** Rows or columns of the ranges taken as headers; 0: none, the first range is the categories. */
  setNumHeaders(headers: number): EmbeddedChartBuilderApi;
  /** True: the ranges' rows are series (a report's row of months), not their columns. */
  setTransposeRowsAndColumns(transpose: boolean): EmbeddedChartBuilderApi;
  /** 1-based anchor row and column, then offsets in pixels. */
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): EmbeddedChartBuilderApi;
  setOption(option: string, value: unknown): EmbeddedChartBuilderApi;
  /** The chart, which "must be added to the spreadsheet" with Sheet.insertChart. */
  build(): EmbeddedChartApi;
}

/** https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata */
export interface DeveloperMetadataApi {
  getValue(): string | null;
  setValue(value: string): DeveloperMetadataApi;
  remove(): void;
}

export interface DeveloperMetadataFinderApi {
  withKey(key: string): DeveloperMetadataFinderApi;
  find(): DeveloperMetadataApi[];
}

/**
 * A pivot table on a sheet (https://developers.google.com/apps-script/reference/spreadsheet/pivot-table).
 * `sourceDataColumn` is "the absolute number of the column in the spreadsheet; 1 means column
 * A, 2 means column B, and so on" — not a position within the source range.
 */
export interface PivotTableApi {
  addRowGroup(sourceDataColumn: number): PivotGroupApi;
  addColumnGroup(sourceDataColumn: number): PivotGroupApi;
  addPivotValue(sourceDataColumn: number, summarizeFunction: GoogleAppsScript.Spreadsheet.PivotTableSummarizeFunction): PivotValueApi;
  /** The cell the pivot table is anchored at, its definition's home. */
  getAnchorCell(): RangeApi;
  /** Deletes the pivot table. */
  remove(): void;
}

/** https://developers.google.com/apps-script/reference/spreadsheet/pivot-group */
export interface PivotGroupApi {
  /**
   * Buckets the group's dates (`YEAR_MONTH`: 2008-Nov). Only one group with a grouping rule per
   * source column ("Only one PivotGroup with a group rule may be added for each column in the
   * source data": PivotGroupRule, https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/pivot-tables#pivotgrouprule).
   */
  setDateTimeGroupingRule(dateTimeGroupingRuleType: GoogleAppsScript.Spreadsheet.DateTimeGroupingRuleType): PivotGroupApi;
}

/** https://developers.google.com/apps-script/reference/spreadsheet/pivot-value */
export interface PivotValueApi {
  setDisplayName(name: string): PivotValueApi;
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

/** A sheet's or a range's protection (https://developers.google.com/apps-script/reference/spreadsheet/protection). */
export interface ProtectionApi {
  setDescription(description: string): ProtectionApi;
  /** '' when none was set. */
  getDescription(): string;
  /** "Throws an exception if the user does not have permission to edit the protected range or sheet." */
  getEditors(): UserApi[];
  /** Editors of the protection only: it gives nobody the right to edit the spreadsheet itself. */
  addEditors(emailAddresses: string[]): ProtectionApi;
  /**
   * "Neither the owner of the spreadsheet nor the current user can be removed": they stay, without
   * an error. The reference's own sample adds the current user before removing the others, or a
   * user whose right comes from a group would be refused the removal of that group.
   */
  removeEditors(emailAddresses: string[]): ProtectionApi;
  /** Whether the user may edit the protected cells: "The spreadsheet owner is always able to". */
  canEdit(): boolean;
  /** Whether everyone in the spreadsheet's Workspace domain may edit; throws like getEditors. */
  canDomainEdit(): boolean;
  /** Throws when the spreadsheet belongs to no Workspace domain (a gmail.com owner). */
  setDomainEdit(editable: boolean): ProtectionApi;
  /** Warning-only: "every user can edit data in the area, except editing prompts a warning". */
  setWarningOnly(warningOnly: boolean): ProtectionApi;
  isWarningOnly(): boolean;
  /** The protected range; a sheet's protection gives "a range that spans the entire sheet". */
  getRange(): RangeApi;
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
  setFrozenColumns(columns: number): void;
  /** "Clears the sheet of content and formatting information." */
  clear(): SheetApi;
  getCharts(): EmbeddedChartApi[];
  newChart(): EmbeddedChartBuilderApi;
  insertChart(chart: EmbeddedChartApi): void;
  removeChart(chart: EmbeddedChartApi): void;
  /** Every pivot table anchored on this sheet (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getpivottables). */
  getPivotTables(): PivotTableApi[];
  /** Metadata "within the scope of this sheet": where Carnet keeps the ids of the charts it placed. */
  createDeveloperMetadataFinder(): DeveloperMetadataFinderApi;
  addDeveloperMetadata(key: string, value: string): SheetApi;
  setColumnWidth(columnPosition: number, width: number): SheetApi;
  setColumnWidths(startColumn: number, numColumns: number, width: number): SheetApi;
  getColumnWidth(columnPosition: number): number;
  /**
   * The sheet's protection: "If the sheet is already protected, this method returns an object
   * representing its existing protection settings"; a new one mirrors the spreadsheet's editors
   * until they are changed (https://developers.google.com/apps-script/reference/spreadsheet/sheet#protect).
   */
  protect(): ProtectionApi;
  /**
   * RANGE: every range protection of the sheet; SHEET: "a single-element array representing the
   * protection on the sheet itself", or [] (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getprotectionstype).
   */
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): ProtectionApi[];
}

export interface SpreadsheetApi {
  getSheets(): SheetApi[];
  /** May or may not match case-insensitively: the adapter does not rely on either. */
  getSheetByName(name: string): SheetApi | null;
  /** `sheetIndex` is 0-based ("to insert a sheet as the first one, set it to 0"). */
  insertSheet(sheetName: string, sheetIndex: number): SheetApi;
  getSpreadsheetTimeZone(): string;
  /**
   * `en_US`, `fr_FR`, `de_CH`… (File → Settings → Locale): the syntax `setValues` parses a formula
   * in (formula-locale.ts), https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getspreadsheetlocale.
   */
  getSpreadsheetLocale(): string;
  /**
   * The owner, whom no protection can lose (Protection#removeEditors); null for a file in a shared
   * drive (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getowner).
   */
  getOwner(): UserApi | null;
}

export interface MenuApi {
  addItem(caption: string, functionName: string): MenuApi;
  addSeparator(): MenuApi;
  addToUi(): void;
}

export interface HtmlOutputApi {
  setTitle(title: string): HtmlOutputApi;
  append(addedContent: string): HtmlOutputApi;
  /**
   * "Sets the initial width of a custom dialog in Google Docs, Sheets, or Forms", in pixels; a
   * sidebar ignores it (https://developers.google.com/apps-script/reference/html/html-output#setwidthwidth).
   */
  setWidth(width: number): HtmlOutputApi;
  /** The dialog's initial height, in pixels (https://developers.google.com/apps-script/reference/html/html-output#setheightheight). */
  setHeight(height: number): HtmlOutputApi;
}

export interface UiApi {
  createAddonMenu(): MenuApi;
  showSidebar(userInterface: HtmlOutputApi): void;
  /**
   * "Opens a modal dialog box in the user's editor with custom client-side content", titled
   * `title`; the script does not wait for it to close, and the page talks to the server through
   * `google.script.run` like a sidebar (https://developers.google.com/apps-script/reference/base/ui#showmodaldialoguserinterface,-title).
   */
  showModalDialog(userInterface: HtmlOutputApi, title: string): void;
  alert(prompt: string): unknown;
}

/** The summarize functions Carnet's pivot values use (https://developers.google.com/apps-script/reference/spreadsheet/pivot-table-summarize-function). */
export interface SummarizeFunctionsApi {
  readonly SUM: GoogleAppsScript.Spreadsheet.PivotTableSummarizeFunction;
  /** Counts the non-empty cells (COUNTA); COUNT counts numbers only. */
  readonly COUNTA: GoogleAppsScript.Spreadsheet.PivotTableSummarizeFunction;
  readonly COUNTUNIQUE: GoogleAppsScript.Spreadsheet.PivotTableSummarizeFunction;
  readonly AVERAGE: GoogleAppsScript.Spreadsheet.PivotTableSummarizeFunction;
  readonly MIN: GoogleAppsScript.Spreadsheet.PivotTableSummarizeFunction;
  readonly MAX: GoogleAppsScript.Spreadsheet.PivotTableSummarizeFunction;
}

/** The date groupings Carnet's pivot groups use (https://developers.google.com/apps-script/reference/spreadsheet/date-time-grouping-rule-type). */
export interface DateTimeGroupingRulesApi {
  /** "2008-11-22" */
  readonly YEAR_MONTH_DAY: GoogleAppsScript.Spreadsheet.DateTimeGroupingRuleType;
  /** "2008-Nov" */
  readonly YEAR_MONTH: GoogleAppsScript.Spreadsheet.DateTimeGroupingRuleType;
  /** "2008 Q4" */
  readonly YEAR_QUARTER: GoogleAppsScript.Spreadsheet.DateTimeGroupingRuleType;
  /** "2008" */
  readonly YEAR: GoogleAppsScript.Spreadsheet.DateTimeGroupingRuleType;
  /** "Nov": the month whatever the year. */
  readonly MONTH: GoogleAppsScript.Spreadsheet.DateTimeGroupingRuleType;
}

export interface SpreadsheetAppApi {
  readonly ProtectionType: { readonly SHEET: GoogleAppsScript.Spreadsheet.ProtectionType; readonly RANGE: GoogleAppsScript.Spreadsheet.ProtectionType };
  readonly PivotTableSummarizeFunction: SummarizeFunctionsApi;
  readonly DateTimeGroupingRuleType: DateTimeGroupingRulesApi;
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
  /**
   * "Decodes a base-64 encoded string into a UTF-8 byte array": Apps Script's bytes are signed,
   * -128 to 127 (https://developers.google.com/apps-script/reference/utilities/utilities#base64decodeencoded).
   */
  base64Decode(encoded: string): number[];
  /** "Create a new Blob object from a byte array, content type, and name" (https://developers.google.com/apps-script/reference/utilities/utilities#newblobdata,-contenttype,-name). */
  newBlob(data: number[], contentType: string, name: string): BlobApi;
}

/**
 * "A data interchange object for Apps Script services" (https://developers.google.com/apps-script/reference/base/blob),
 * as DriveApp.createFile takes it: a BlobSource, anything that gives a Blob. Carnet only hands it on.
 */
export interface BlobApi {
  getBlob(): BlobApi;
  getAs(contentType: string): BlobApi;
}

/** A file in Drive (https://developers.google.com/apps-script/reference/drive/file). */
export interface DriveFileApi {
  getId(): string;
  getName(): string;
  /** "Gets the URL that can be used to open the File in a Google App like Drive or Docs." */
  getUrl(): string;
}

/**
 * The one Drive call Carnet makes: "Creates a file in the root of the user's Drive from a given
 * Blob of arbitrary data" (https://developers.google.com/apps-script/reference/drive/drive-app#createfileblob).
 * Under the `drive.file` scope the script sees only the files it created.
 */
export interface DriveAppApi {
  createFile(blob: BlobApi): DriveFileApi;
}

/**
 * `requireScopes` "validates if the user has granted consent for the requested scopes" and, if
 * not, triggers the authorization flow for them: with granular consent a user may leave a declared
 * scope unticked, and a script asks for it again when it is used
 * (https://developers.google.com/apps-script/concepts/scopes, "Granular OAuth permissions";
 * https://developers.google.com/apps-script/reference/script/script-app#requirescopesauthmode,-oauthscopes).
 *
 * The trigger methods (the recording of hand edits, audit-trigger.ts) all require the
 * `script.scriptapp` scope (https://developers.google.com/apps-script/reference/script/script-app).
 */
export interface ScriptAppApi {
  readonly AuthMode: { readonly FULL: GoogleAppsScript.Script.AuthMode };
  readonly EventType: { readonly ON_EDIT: GoogleAppsScript.Script.EventType };
  requireScopes(authMode: GoogleAppsScript.Script.AuthMode, oAuthScopes: string[]): void;
  /** "Begins the process of creating an installable trigger that, when fired, calls a given function." */
  newTrigger(functionName: string): TriggerBuilderApi;
  /**
   * "Gets all installable triggers owned by this user in the given spreadsheet, for this script or
   * add-on only": another person's triggers are not listed.
   */
  getUserTriggers(spreadsheet: SpreadsheetApi): TriggerApi[];
  /** "Gets all installable triggers associated with the current project and current user": every document's. */
  getProjectTriggers(): TriggerApi[];
  /** "Removes the given trigger so it no longer runs." */
  deleteTrigger(trigger: TriggerApi): void;
}

/** https://developers.google.com/apps-script/reference/script/trigger-builder */
export interface TriggerBuilderApi {
  forSpreadsheet(sheet: SpreadsheetApi): SpreadsheetTriggerBuilderApi;
}

/** https://developers.google.com/apps-script/reference/script/spreadsheet-trigger-builder */
export interface SpreadsheetTriggerBuilderApi {
  onEdit(): SpreadsheetTriggerBuilderApi;
  create(): TriggerApi;
}

/** An installable trigger (https://developers.google.com/apps-script/reference/script/trigger). */
export interface TriggerApi {
  getHandlerFunction(): string;
  getEventType(): GoogleAppsScript.Script.EventType;
  /** What an event's `triggerUid` names. */
  getUniqueId(): string;
}

/**
 * The Sheets edit event an installable onEdit trigger hands its function
 * (https://developers.google.com/apps-script/guides/triggers/events#edit): `oldValue` and `value`
 * are "Only available if the edited range is a single cell" (`oldValue` "undefined if the cell had
 * no previous content"); `user` is "the active user, if available (depending on a complex set of
 * security restrictions)". The typings give both values as strings; Carnet takes whatever comes.
 */
export interface EditEventApi {
  range: RangeApi;
  user?: UserApi | string;
  oldValue?: SheetValue;
  value?: SheetValue;
  triggerUid?: string;
}

/** The chart types of the Charts service (Charts.ChartType), for EmbeddedChartBuilder.setChartType. */
export interface ChartsApi {
  readonly ChartType: { readonly COLUMN: GoogleAppsScript.Charts.ChartType; readonly LINE: GoogleAppsScript.Charts.ChartType };
}

/** Everything the Google host touches, injected so tests can hand in the fake. */
export interface AppsScriptServices {
  SpreadsheetApp: SpreadsheetAppApi;
  /** Only for report charts (the enum setChartType takes). */
  Charts?: ChartsApi;
  LockService: LockServiceApi;
  Session: SessionApi;
  HtmlService: HtmlServiceApi;
  /** For the date fallback when the runtime has no usable `Intl` time zones, and for Save to Drive's blob. */
  Utilities?: UtilitiesApi;
  /** Only for Save to Drive (drive.ts). */
  DriveApp?: DriveAppApi;
  /** Save to Drive's `requireScopes`, and the trigger that records hand edits (audit-trigger.ts). */
  ScriptApp?: ScriptAppApi;
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
  Fits<GoogleAppsScript.Spreadsheet.EmbeddedChart, EmbeddedChartApi>,
  Fits<GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder, EmbeddedChartBuilderApi>,
  Fits<GoogleAppsScript.Charts.ChartOptions, ChartOptionsApi>,
  Fits<GoogleAppsScript.Spreadsheet.DeveloperMetadata, DeveloperMetadataApi>,
  Fits<GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder, DeveloperMetadataFinderApi>,
  Fits<GoogleAppsScript.Spreadsheet.PivotTable, PivotTableApi>,
  Fits<GoogleAppsScript.Spreadsheet.PivotGroup, PivotGroupApi>,
  Fits<GoogleAppsScript.Spreadsheet.PivotValue, PivotValueApi>,
  Fits<GoogleAppsScript.Charts.Charts, ChartsApi>,
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
  Fits<GoogleAppsScript.Base.Blob, BlobApi>,
  Fits<GoogleAppsScript.Drive.File, DriveFileApi>,
  Fits<GoogleAppsScript.Drive.DriveApp, DriveAppApi>,
  Fits<GoogleAppsScript.Script.ScriptApp, ScriptAppApi>,
  Fits<GoogleAppsScript.Script.TriggerBuilder, TriggerBuilderApi>,
  Fits<GoogleAppsScript.Script.SpreadsheetTriggerBuilder, SpreadsheetTriggerBuilderApi>,
  Fits<GoogleAppsScript.Script.Trigger, TriggerApi>,
  Fits<GoogleAppsScript.Events.SheetsOnEdit, EditEventApi>,
];

// ------------------------------------------------------------------------------------------------
// What the Apps Script reference documents and @types/google-apps-script (2.0.13, the latest on
// npm) lacks: PivotGroup.setDateTimeGroupingRule and the DateTimeGroupingRuleType enum
// (https://developers.google.com/apps-script/reference/spreadsheet/pivot-group#setdatetimegroupingrule(DateTimeGroupingRuleType),
// https://developers.google.com/apps-script/reference/spreadsheet/date-time-grouping-rule-type).
// Declared here, from the reference, so that the checks above still hold the rest of the real
// services to these interfaces. Types only: nothing of this exists at run time.

declare global {
  namespace GoogleAppsScript {
    namespace Spreadsheet {
      enum DateTimeGroupingRuleType {
        UNSUPPORTED,
        SECOND,
        MINUTE,
        HOUR,
        HOUR_MINUTE,
        HOUR_MINUTE_AMPM,
        DAY_OF_WEEK,
        DAY_OF_YEAR,
        DAY_OF_MONTH,
        DAY_MONTH,
        MONTH,
        QUARTER,
        YEAR,
        YEAR_MONTH,
        YEAR_QUARTER,
        YEAR_MONTH_DAY,
      }
      interface PivotGroup {
        setDateTimeGroupingRule(dateTimeGroupingRuleType: DateTimeGroupingRuleType): PivotGroup;
      }
      interface SpreadsheetApp {
        DateTimeGroupingRuleType: typeof DateTimeGroupingRuleType;
      }
    }
  }
}
