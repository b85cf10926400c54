/**
 * An in-memory Apps Script for Node: SpreadsheetApp, LockService, Session, HtmlService and
 * Utilities, enough of each for Carnet's Google host, written against the interfaces in
 * gas-addon/apps-script-api.ts (which are checked against @types/google-apps-script, so the fake
 * cannot offer a method the real services lack), plus what a person does in the browser
 * (person-api.ts, checked the same way), so that tests can play a colleague.
 *
 * Every call is counted by `Class.method`: tests prove a command's calls do not grow with rows.
 *
 * Behaviours modelled because Carnet's correctness depends on them (each a documented or widely
 * reported Sheets behaviour; see docs/google-sheets.md for what could not be checked against Google):
 * - `setValues` parses strings as typed by a person unless the cell is plain text (`@`): `=…` is a
 *   formula, `0042` a number, `TRUE` a boolean, `2026-11-27` a date; a leading `'` keeps the rest
 *   as text and is not stored. In a plain-text cell the string is stored as is, apostrophe included
 *   (the pessimistic reading of Sheets' behaviour, which the adapter must survive).
 *   `RangeList.setValue` does the same to every cell of every range in the list.
 * - `getValues` gives date-formatted numbers as `Date`s: the instant at which the spreadsheet's
 *   time zone shows that wall clock. A wall clock inside a daylight-saving gap is shifted forward,
 *   as Java's lenient calendar does.
 * - Formulas are stored as typed and calculated whenever values are read, so a formula follows the
 *   cells it reads (test/helpers/fake-formulas.ts: arithmetic, ROUND, SUM, IF, LEN…; one it cannot
 *   parse reads `#ERROR!`, an unknown function `#NAME?`). They are parsed in the syntax of the
 *   spreadsheet's locale (fake-locale.ts): `;` between arguments and `,` in numbers in fr_FR, de_DE,
 *   ru_RU…, where `=ROUND(B2*C2,2)` is a parse error; `,` (or `;`) in en_US. Inserting and deleting
 *   rows, and renaming a sheet, rewrite the references of every formula, as Sheets does. A formula
 *   typed into a plain-text cell stays text. `getFormulas` gives each cell's formula text, '' where
 *   there is none.
 * - Number formats: `setNumberFormat` takes the reference's patterns and refuses `General`, which it
 *   does not document; `getNumberFormats` reports `0.###############` for a cell never formatted.
 *   Words a test names (`booleanWords`) are read as booleans when typed, as a locale's own words may be.
 * - A cell's number format and note are not its value: writing the value keeps them, and they move
 *   with their row when rows are inserted, deleted or sorted.
 * - Merged ranges (`Range.merge()`, `getMergedRanges()`): a merge keeps its top-left cell's value
 *   only, the other cells read '' and keep nothing written to them; merges move with their rows
 *   and shrink or grow when rows inside them are deleted or inserted.
 * - A colleague's `Range.sort` moves whole rows of the range (values, formulas, formats, notes); a
 *   moved formula keeps reading its own row. `insertRowBefore` inserts an empty row.
 * - A new sheet has 1,000 rows and 26 columns; ranges outside them throw; every deletion must leave
 *   a non-frozen row; the last visible sheet cannot be hidden.
 * - Protections (fake-protection.ts): a sheet's one protection and any number of range ones; a new
 *   one mirrors the spreadsheet's editors until changed; removeEditors keeps the owner and the
 *   effective user; getEditors throws for someone who may not edit the protection; domain editing
 *   only in a Workspace domain; warning-only protections stop nobody; a strict sheet protection
 *   refuses `setValues` from people who may not edit it. Every change is also logged in order
 *   (`spreadsheet.protectionLog`).
 * Not modelled: most of the formula language, formats inherited by inserted rows, validation ranges
 * shrinking when their rows are deleted, sorting a range that holds a merge across rows (refused),
 * unmerging.
 *
 * The fake is split by concept: fake-sheet.ts (a sheet and its rows), fake-range.ts (ranges and
 * range lists), fake-rows.ts (merges moving, sort order), fake-values.ts (what setValues stores,
 * dates), fake-services.ts (validation, users, lock, UI), fake-protection.ts (protections),
 * fake-charts.ts (embedded charts, developer metadata), fake-pivots.ts (pivot tables),
 * fake-drive.ts (blobs, Drive files, granular consent), fake-triggers.ts (installable triggers and
 * a person's edit firing them), fake-calls.ts (the call log).
 */

import type { AppsScriptServices, DataValidationBuilderApi, HtmlServiceApi, LockServiceApi, SessionApi, SpreadsheetApi, SpreadsheetAppApi, UiApi, UtilitiesApi } from '../../gas-addon/apps-script-api.js';
import { CallLog, CRITERIA, PROTECTION_TYPE } from './fake-calls.js';
import { FAKE_CHARTS } from './fake-charts.js';
import { FakeBlob, FakeConsent, FakeDriveApp, FakeScriptApp, signedBytes } from './fake-drive.js';
import { DATE_TIME_RULE, SUMMARIZE_FUNCTION } from './fake-pivots.js';
import type { ProtectionChange } from './fake-protection.js';
import { checkLocale } from './fake-locale.js';
import { FakeSheet } from './fake-sheet.js';
import { FakeTriggers } from './fake-triggers.js';
import { FakeDataValidationBuilder, FakeHtmlOutput, FakeLock, FakeLockState, FakeUi, FakeUser } from './fake-services.js';
import { wallClockMs } from './fake-values.js';

export { CallLog, CRITERIA } from './fake-calls.js';
export { CHART_TYPE, FakeEmbeddedChart } from './fake-charts.js';
export { AUTH_MODE, FakeBlob, FakeConsent, FakeDriveApp, FakeDriveFile, FakeScriptApp } from './fake-drive.js';
export { DATE_TIME_RULE, FakePivotTable, pivotView, SUMMARIZE_FUNCTION } from './fake-pivots.js';
export { FakeRange, FakeRangeList } from './fake-range.js';
export { FakeSheet, type FakeCell } from './fake-sheet.js';
export { FakeProtection, type ProtectionChange } from './fake-protection.js';
export { EVENT_TYPE, FakeTrigger, FakeTriggers, SCRIPTAPP_SCOPE, type Handlers, type PersonEdit } from './fake-triggers.js';
export { FakeDataValidation, FakeHtmlOutput, FakeLockState, FakeUi, type RecordedMenu } from './fake-services.js';
export { instantOfWallClock, isDateFormat, wallClockMs } from './fake-values.js';

export interface FakeOptions {
  /** The spreadsheet's time zone (File → Settings). Default Europe/Paris. */
  timeZone?: string;
  /** The spreadsheet's locale (File → Settings): the syntax formulas are parsed in (fake-locale.ts). Default en_US. */
  locale?: string;
  /**
   * Words the locale reads as TRUE or FALSE when typed, beyond those two (`{ SAND: true }`): which
   * words each locale takes is documented nowhere, so a test names the ones it plays.
   */
  booleanWords?: Record<string, boolean>;
  /** Sheets the spreadsheet starts with. Default ['Sheet1'], as a new spreadsheet; [] is allowed here only. */
  sheets?: string[];
  owner?: string;
  /** Who runs the script; '' models a context where Google withholds the email. */
  activeUser?: string;
  /** Under whose authority it runs; defaults to the active user. */
  effectiveUser?: string;
  /** Editors of the spreadsheet (new protections mirror them). Default: owner and active user. */
  editors?: string[];
  /**
   * The Google Workspace domain that owns the spreadsheet (`example.com`): its people may edit it,
   * and new protections, until `setDomainEdit(false)`. None: a gmail.com spreadsheet, without
   * domain editing (`setDomainEdit` throws).
   */
  workspaceDomain?: string;
  /** Lift Sheets' "you can't hide all the sheets" rule (the shared contract hides a lone sheet). */
  allowHidingEverySheet?: boolean;
  /** LockService.getDocumentLock() returns null, as in a standalone script. */
  noDocumentLock?: boolean;
  /** Project files for HtmlService, by name (`Sidebar` or `Sidebar.html`). */
  files?: Record<string, string>;
  /** OAuth scopes the user has already granted beyond the spreadsheet's; default none (`drive.file` left unticked). */
  grantedScopes?: string[];
  /** Scopes the user declines when `ScriptApp.requireScopes` asks for them. */
  declinedScopes?: string[];
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
  readonly consent: FakeConsent;
  readonly DriveApp: FakeDriveApp;
  readonly ScriptApp: FakeScriptApp;
  /** Installable triggers, everyone's (fake-triggers.ts); `triggers.edit(…)` plays a person's edit. */
  readonly triggers: FakeTriggers;
  owner: string;
  activeUser: string;
  effectiveUser: string;
  readonly allowHidingEverySheet: boolean;

  constructor(readonly options: FakeOptions = {}) {
    this.owner = options.owner ?? 'owner@example.com';
    this.activeUser = options.activeUser ?? this.owner;
    this.effectiveUser = options.effectiveUser ?? this.activeUser;
    this.allowHidingEverySheet = options.allowHidingEverySheet ?? false;
    this.spreadsheet = new FakeSpreadsheet(this, options.timeZone ?? 'Europe/Paris', options.sheets ?? ['Sheet1'], options.locale ?? 'en_US');
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
      base64Decode: (encoded: string) => {
        log.count('Utilities.base64Decode');
        if (typeof encoded !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 === 1) throw new Error('Exception: Could not decode string.');
        return signedBytes(Buffer.from(encoded, 'base64'));
      },
      newBlob: (data: number[], contentType: string, name: string) => {
        log.count('Utilities.newBlob');
        if (!Array.isArray(data)) throw new Error('Exception: Invalid argument: data');
        return new FakeBlob(Uint8Array.from(data, (b) => b & 0xff), contentType, name, log);
      },
    };
    this.consent = new FakeConsent(options.grantedScopes ?? [], options.declinedScopes ?? []);
    this.DriveApp = new FakeDriveApp(this.consent, log);
    this.triggers = new FakeTriggers(this);
    this.ScriptApp = new FakeScriptApp(this.consent, log, this.triggers);
  }

  /** What the adapter and the entry points are given. */
  get services(): AppsScriptServices {
    return { SpreadsheetApp: this.SpreadsheetApp, LockService: this.LockService, Session: this.Session, HtmlService: this.HtmlService, Utilities: this.Utilities, Charts: FAKE_CHARTS, DriveApp: this.DriveApp, ScriptApp: this.ScriptApp };
  }

  /** Who may write into a sheet right now: its strict protection's editors (range protections are not checked). */
  canEdit(sheet: FakeSheet, email: string): boolean {
    return sheet.protections.every((p) => p.allows(email));
  }
}

// -------------------------------------------------------------------------------------------------
// SpreadsheetApp and the spreadsheet

export class FakeSpreadsheetApp implements SpreadsheetAppApi {
  readonly ProtectionType = PROTECTION_TYPE;
  readonly DataValidationCriteria = CRITERIA;
  readonly PivotTableSummarizeFunction = SUMMARIZE_FUNCTION;
  readonly DateTimeGroupingRuleType = DATE_TIME_RULE;
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
  /** Chart ids are unique across the spreadsheet (EmbeddedChart#getChartId). */
  nextChartId = 1001;
  /** Who may edit the spreadsheet (Share), besides the owner; tests may change it. */
  editors: string[];
  readonly workspaceDomain: string | undefined;
  /** Every change to a protection, in order (fake-protection.ts). */
  readonly protectionLog: ProtectionChange[] = [];
  /** Upper-case words the locale reads as booleans besides TRUE and FALSE. */
  readonly booleanWords: ReadonlyMap<string, boolean>;

  constructor(
    readonly fake: FakeAppsScript,
    readonly timeZone: string,
    names: string[],
    readonly locale: string,
  ) {
    checkLocale(locale);
    this.booleanWords = new Map(Object.entries(fake.options.booleanWords ?? {}).map(([w, b]) => [w.toUpperCase(), b]));
    this.editors = [...(fake.options.editors ?? [fake.owner, fake.activeUser])];
    this.workspaceDomain = fake.options.workspaceDomain;
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

  getSpreadsheetLocale(): string {
    this.count('getSpreadsheetLocale');
    return this.locale;
  }

  getOwner(): FakeUser {
    this.count('getOwner');
    return new FakeUser(this.fake.owner, this.fake.calls);
  }

  /** "Gets the list of editors for this Spreadsheet": the owner among them (listed first by the fake). */
  getEditors(): FakeUser[] {
    this.count('getEditors');
    return this.editorsWithOwner().map((e) => new FakeUser(e, this.fake.calls));
  }

  /** Not counted: what getEditors lists, and what a new protection mirrors. */
  editorsWithOwner(): string[] {
    const owner = this.fake.owner;
    return [...new Map([owner, ...this.editors].filter((e) => e !== '').map((e) => [e.toLowerCase(), e])).values()];
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

