/**
 * The Google Sheets host of the port, over Apps Script's `SpreadsheetApp`.
 *
 * Every Apps Script call is a round trip to Google's servers (tens to hundreds of milliseconds), so
 * each port method makes a fixed number of them whatever the number of rows: one `getValues` to
 * read a sheet, one `setValues` per written rectangle, one batch of formats and dropdowns per
 * sheet. The call-count test (test/gas/call-count.test.ts) holds the adapter to that.
 *
 * What Sheets cannot do is declared in `capabilities`: no "very hidden" sheets (the `_carnet` sheet
 * is hidden and protected instead), writes are immediate (nothing to roll back).
 *
 * Formulas: a `Formula` (core's own, never input) goes through the same single `setValues` as the
 * cells beside it, as its text: Apps Script documents that a value beginning with `=` is taken as
 * a formula. Every string cell keeps its literal-text protection (literal-text.ts).
 */

import { CarnetError, fail } from '../core/errors.js';
import {
  a1,
  checkFormulas,
  columnLetter,
  isFormula,
  type Capabilities,
  type Cell,
  type ColumnLayout,
  type ColumnValidation,
  type Grid,
  type ProtectionPlan,
  type SheetInfo,
  type SheetLayout,
  type UserInfo,
  type Visibility,
  type Workbook,
  type WriteCell,
  type WriteGrid,
} from '../core/workbook.js';
import type { AppsScriptServices, DataValidationApi, ProtectionApi, SheetApi, SheetValue, SpreadsheetApi } from './apps-script-api.js';
import { PLAIN_TEXT, toSheetValue } from './literal-text.js';
import { ZoneClock } from './zone.js';

export interface AppsScriptWorkbookOptions {
  /** How long a transaction waits for another person's save before giving up, in ms. Default 10 s. */
  lockTimeoutMs?: number;
  /**
   * How the `_carnet` settings sheet is protected when Carnet creates it.
   * - `warning` (default): anyone editing it by hand is warned first; Carnet itself still writes.
   * - `editors`: only the person who set Carnet up (and the owner) may edit it. Every command that
   *   saves settings (record.create saves the id counters there) then fails for everyone else, so
   *   this waits for core/access to move counters out or to hand admins a plan (see README).
   */
  settingsProtection?: 'warning' | 'editors';
}

/** Message shown when the document lock is held past the wait. */
export const LOCKED_MESSAGE = 'Someone else is saving; try again in a moment.';
const SETTINGS_DESCRIPTION = 'Carnet settings: change them through Carnet (Extensions → Carnet).';
const PLAN_DESCRIPTION = 'Protected by Carnet';
/** Sheets measures widths in pixels; the port in characters (7 px a character plus padding, as Excel). */
const PX_PER_CHAR = 7;
const PX_PADDING = 5;
/** Spare rows and columns added whenever a sheet must grow (an empty new sheet has 1,000 rows). */
const GROW_ROWS = 1000;
const GROW_COLUMNS = 10;
/** Sheets' "Automatic" number format, the one a formula's result is shown with by default. */
const AUTOMATIC_FORMAT = 'General';

export class AppsScriptWorkbook implements Workbook {
  readonly capabilities: Capabilities = {
    // Sheets has only "hidden", which any editor can undo from the View menu.
    veryHidden: false,
    rangeValidation: true,
    perUserProtection: true,
    deferredWrites: false,
    // Sheets recalculates at once and rewrites references when rows are deleted.
    formulas: 'live',
  };

  private readonly lockTimeoutMs: number;
  private readonly settingsProtection: 'warning' | 'editors';
  private depth = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private spreadsheet: SpreadsheetApi | undefined;
  private zone: ZoneClock | undefined;
  private who: UserInfo | undefined;
  /**
   * Sheets met during this server call, by lower-case name, and their row and column counts.
   * An adapter lives for one call (a few seconds, under the document lock when it writes), so a
   * sheet found once is not looked up again, and the sizes change only through this adapter.
   */
  private readonly known = new Map<string, SheetApi>();
  /** True once every sheet's name was read: a name not in `known` then does not exist. */
  private listed = false;
  private readonly sizes = new Map<SheetApi, { rows: number; columns: number }>();

  constructor(
    private readonly services: AppsScriptServices,
    options: AppsScriptWorkbookOptions = {},
  ) {
    this.lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
    this.settingsProtection = options.settingsProtection ?? 'warning';
  }

  /** The open spreadsheet: one call per adapter (one adapter per server call). */
  private get book(): SpreadsheetApi {
    return (this.spreadsheet ??= this.services.SpreadsheetApp.getActiveSpreadsheet());
  }

  /** The spreadsheet's time zone, read once. */
  get clock(): ZoneClock {
    return (this.zone ??= new ZoneClock(this.book.getSpreadsheetTimeZone(), this.services.Utilities));
  }

  /** The spreadsheet's wall clock now, as a serial: what `Context.now()` gives commands. */
  now(): number {
    return this.clock.serialOf(new Date());
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  /** 1 call, then 4 per sheet (constant in rows). */
  async sheets(): Promise<SheetInfo[]> {
    return this.listSheets().map(([name, s]) => ({
      name,
      visibility: s.isSheetHidden() ? 'hidden' : 'visible',
      rows: s.getLastRow(),
      columns: s.getLastColumn(),
    }));
  }

  /** 2 calls (3 the first time a sheet is met): its data range, its values. */
  async read(sheet: string): Promise<Grid> {
    const s = this.find(sheet);
    if (!s) return [];
    const values = s.getDataRange().getValues();
    // An empty sheet's data range is A1 alone, holding ''.
    if (values.length === 1 && values[0]!.length === 1 && values[0]![0] === '') return [];
    return values.map((row) => row.map((v) => this.toCell(v)));
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  /**
   * 3 calls per rectangle (range, its formats, setValues), plus the sheet's lookup and size the
   * first time, plus 1 when the sheet must grow, plus 2 when a Formula lands in a plain-text cell
   * (see setCells). A ragged grid is written as one rectangle per run of equally long rows, so
   * cells right of a short row stay untouched (core writes rectangles).
   */
  async write(sheet: string, row: number, column: number, grid: WriteGrid): Promise<void> {
    checkIndex(row, 'row');
    checkIndex(column, 'column');
    checkFormulas(grid);
    if (grid.length === 0) return;
    const s = this.need(sheet);
    const width = Math.max(...grid.map((r) => r.length));
    if (width === 0) return;
    this.ensureSize(s, row + grid.length, column + width);
    for (const run of runsOfEqualWidth(grid)) {
      if (run.width > 0) this.setCells(s, row + run.start, column, grid.slice(run.start, run.start + run.length));
    }
  }

  /** As `write`, plus the last used row. */
  async append(sheet: string, rows: WriteGrid): Promise<void> {
    checkFormulas(rows);
    if (rows.length === 0) return;
    const s = this.need(sheet);
    const width = Math.max(...rows.map((r) => r.length));
    if (width === 0) return;
    const start = s.getLastRow();
    this.ensureSize(s, start + rows.length, width);
    const padded = rows.map((r) => (r.length === width ? r : [...r, ...new Array<WriteCell>(width - r.length).fill(null)]));
    this.setCells(s, start, 0, padded);
  }

  /**
   * 2 calls (last row, frozen rows), plus one `deleteRows` per run of consecutive rows, bottom-up so
   * indexes stay valid: deleting rows 3, 4, 5 and 9 is two calls. The count follows runs, not rows.
   */
  async deleteRows(sheet: string, rows: number[]): Promise<void> {
    const s = this.need(sheet);
    const last = s.getLastRow();
    const doomed = [...new Set(rows.filter((r) => Number.isInteger(r) && r >= 0 && r < last))].sort((a, b) => b - a);
    if (doomed.length === 0) return;
    // Sheets refuses to delete every non-frozen row of a sheet; keep a spare empty row below.
    const size = this.size(s);
    if (size.rows - doomed.length <= s.getFrozenRows()) {
      s.insertRowsAfter(size.rows, 1);
      size.rows += 1;
    }
    for (const run of descendingRuns(doomed)) {
      s.deleteRows(run.first + 1, run.count);
      size.rows -= run.count;
    }
  }

  /**
   * Creating is one `insertSheet` at the end (or the index asked). Hiding is `hideSheet()`; `very`
   * adds a protection (see `protectSettings`), since Sheets has no sheet hidden from its View menu.
   */
  async ensureSheet(name: string, options: { visibility?: Visibility; index?: number } = {}): Promise<boolean> {
    const existing = this.find(name);
    if (existing) {
      if (options.visibility) this.applyVisibility(existing, options.visibility);
      return false;
    }
    // find() missed, so every sheet is listed now.
    const count = this.known.size;
    // Without an index Apps Script inserts after the *active* sheet: always say where.
    const at = options.index === undefined ? count : Math.max(0, Math.min(options.index, count));
    const created = this.book.insertSheet(name, at);
    this.known.set(name.toLowerCase(), created);
    this.applyVisibility(created, options.visibility ?? 'visible');
    return true;
  }

  /** Dropdowns reading the sheet follow the rename: Sheets keeps range references by sheet, not name. */
  async renameSheet(from: string, to: string): Promise<void> {
    const s = this.need(from);
    const current = s.getName();
    if (current === to) return;
    const clash = this.find(to);
    if (clash && clash.getName().toLowerCase() !== current.toLowerCase()) {
      fail({ code: 'E_BAD_INPUT', sheet: to, message: `A sheet named "${clash.getName()}" already exists.` });
    }
    s.setName(to);
    this.known.delete(current.toLowerCase());
    this.known.set(to.toLowerCase(), s);
  }

  /**
   * One batch per sheet: frozen rows; bold and notes on the header (read-modify-write over the
   * header span, so user columns keep theirs); one range list per distinct number format; old
   * dropdowns cleared on every laid-out column in one range list, then one rule per column; widths.
   * The count depends on the number of columns, never on rows.
   */
  async layout(sheet: string, layout: SheetLayout): Promise<void> {
    const s = this.need(sheet);
    s.setFrozenRows(layout.frozenRows);
    const cols = layout.columns;
    if (cols.length === 0) return;
    const dataRows = Math.max(0, Math.floor(layout.dataRows));
    const first = Math.min(...cols.map((c) => c.column));
    const last = Math.max(...cols.map((c) => c.column));
    this.ensureSize(s, dataRows + 1, last + 1);

    const header = s.getRange(1, first + 1, 1, last - first + 1);
    const weights = header.getFontWeights()[0]!;
    for (const c of cols) weights[c.column - first] = layout.boldHeader ? 'bold' : 'normal';
    header.setFontWeights([weights]);
    if (cols.some((c) => c.note !== undefined)) {
      const notes = header.getNotes()[0]!;
      for (const c of cols) if (c.note !== undefined) notes[c.column - first] = c.note;
      header.setNotes([notes]);
    }

    if (dataRows > 0) {
      const dataRange = (c: ColumnLayout) => `${columnLetter(c.column)}2:${columnLetter(c.column)}${dataRows + 1}`;
      const byFormat = new Map<string, string[]>();
      for (const c of cols) {
        if (c.numberFormat === undefined) continue;
        const list = byFormat.get(c.numberFormat) ?? [];
        list.push(dataRange(c));
        byFormat.set(c.numberFormat, list);
      }
      for (const [format, ranges] of byFormat) s.getRangeList(ranges).setNumberFormat(format);

      const validated = cols.filter((c) => c.validation !== undefined);
      if (validated.length > 0) {
        // Replace, never accumulate: clear each column from row 2 to the sheet's end, then set.
        const end = this.size(s).rows;
        s.getRangeList(validated.map((c) => `${columnLetter(c.column)}2:${columnLetter(c.column)}${end}`)).clearDataValidations();
        for (const c of validated) {
          const rule = this.rule(c.validation!);
          if (rule) s.getRange(2, c.column + 1, dataRows, 1).setDataValidation(rule);
        }
      }
    }

    // Neighbouring columns of one width in one call.
    const widths = cols
      .filter((c) => c.width !== undefined)
      .map((c) => ({ column: c.column, px: Math.round(c.width! * PX_PER_CHAR + PX_PADDING) }))
      .sort((a, b) => a.column - b.column);
    for (let i = 0; i < widths.length; ) {
      let j = i;
      while (j + 1 < widths.length && widths[j + 1]!.column === widths[j]!.column + 1 && widths[j + 1]!.px === widths[i]!.px) j++;
      if (j === i) s.setColumnWidth(widths[i]!.column + 1, widths[i]!.px);
      else s.setColumnWidths(widths[i]!.column + 1, j - i + 1, widths[i]!.px);
      i = j + 1;
    }
  }

  /**
   * Locked sheets get one sheet protection whose editors are exactly the plan's (Sheets always
   * keeps the owner and the person running Carnet: they cannot be removed). Unlocked sheets lose
   * their sheet protections.
   */
  async protect(plan: ProtectionPlan): Promise<void> {
    const type = this.services.SpreadsheetApp.ProtectionType.SHEET;
    const targets = plan.sheets.map((p) => ({ plan: p, sheet: this.need(p.name) }));
    for (const { plan: p, sheet } of targets) {
      const existing = sheet.getProtections(type);
      if (!p.locked) {
        for (const x of existing) x.remove();
        continue;
      }
      for (const x of existing.slice(1)) x.remove();
      const protection = (existing[0] ?? sheet.protect()).setDescription(PLAN_DESCRIPTION).setWarningOnly(false);
      this.setEditors(protection, p.editors);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Transactions and the user

  /**
   * The outermost call takes the document lock (`tryLock`, bounded wait), so two people saving at
   * once take turns; nested calls join it. Pending writes are flushed before the lock goes, or the
   * next person could read the sheet without them.
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.depth > 0) return fn();
    const run = async (): Promise<T> => {
      const lock = this.services.LockService.getDocumentLock();
      if (!lock) fail({ code: 'E_INTERNAL', message: 'Carnet must run from inside a spreadsheet (no document lock here).' });
      if (!lock.tryLock(this.lockTimeoutMs)) fail({ code: 'E_LOCKED', message: LOCKED_MESSAGE });
      this.depth++;
      try {
        return await fn();
      } finally {
        this.depth--;
        try {
          this.services.SpreadsheetApp.flush();
        } finally {
          lock.releaseLock();
        }
      }
    };
    // Outermost transactions of this instance run one after the other, as the lock would make them.
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * The signed-in person's email, read once. The active user's email can be blank (the docs: when
   * "security policies do not allow access", e.g. some consumer-account contexts); the effective
   * user is the next best, and an anonymous id the last resort so commands still run.
   */
  async user(): Promise<UserInfo> {
    if (this.who) return this.who;
    const email = this.services.Session.getActiveUser().getEmail() || this.services.Session.getEffectiveUser().getEmail();
    this.who = email ? { id: email, name: email.split('@')[0]! } : { id: 'anonymous', name: 'Anonymous' };
    return this.who;
  }

  // ---------------------------------------------------------------------------------------------
  // Internals

  /**
   * A sheet by name, whatever its case: from this call's registry, else `getSheetByName` (1 call),
   * else, once per call, every tab's name (Sheets may match names exactly or not: either works).
   */
  private find(name: string): SheetApi | undefined {
    const key = name.toLowerCase();
    const met = this.known.get(key);
    if (met || this.listed) return met;
    const exact = this.book.getSheetByName(name);
    if (exact) {
      this.known.set(key, exact);
      return exact;
    }
    this.listSheets();
    return this.known.get(key);
  }

  /** Every sheet in tab order with its name (1 + 1 per sheet calls); refreshes the registry. */
  private listSheets(): [string, SheetApi][] {
    const list = this.book.getSheets().map((s): [string, SheetApi] => [s.getName(), s]);
    // Keep the objects already met: the size cache is keyed by them.
    const previous = new Map(this.known);
    this.known.clear();
    for (const [name, s] of list) {
      const key = name.toLowerCase();
      this.known.set(key, previous.get(key) ?? s);
    }
    this.listed = true;
    return list.map(([name]) => [name, this.known.get(name.toLowerCase())!]);
  }

  private size(s: SheetApi): { rows: number; columns: number } {
    let size = this.sizes.get(s);
    if (!size) this.sizes.set(s, (size = { rows: s.getMaxRows(), columns: s.getMaxColumns() }));
    return size;
  }

  private need(name: string): SheetApi {
    const s = this.find(name);
    if (!s) throw new CarnetError({ code: 'E_NOT_FOUND', sheet: name, message: `No sheet named "${name}".` });
    return s;
  }

  /**
   * A new sheet has 1,000 rows and 26 columns; ranges past them do not exist until inserted. A
   * sheet that must grow gets room for the next appends too, so growing costs one call per
   * thousand new rows, not one per command.
   */
  private ensureSize(s: SheetApi, rows: number, columns: number): void {
    const size = this.size(s);
    if (rows > size.rows) {
      const more = rows - size.rows + GROW_ROWS;
      s.insertRowsAfter(size.rows, more);
      size.rows += more;
    }
    if (columns > size.columns) {
      const more = columns - size.columns + GROW_COLUMNS;
      s.insertColumnsAfter(size.columns, more);
      size.columns += more;
    }
  }

  /**
   * One rectangle, one `setValues`: its number formats decide which strings need the literal-text
   * apostrophe. A Formula goes in as its text, which `setValues` takes as a formula — except in a
   * plain-text cell, which would keep it as text: such cells (a column a person formatted as text)
   * get the automatic format first, in one more call that only that case costs.
   */
  private setCells(s: SheetApi, row: number, column: number, grid: WriteGrid): void {
    const width = grid[0]!.length;
    const range = s.getRange(row + 1, column + 1, grid.length, width);
    const formats = range.getNumberFormats();
    const textFormulas: string[] = [];
    const values = grid.map((src, r) =>
      src.map((v, c) => {
        if (!isFormula(v)) return toSheetValue(v, formats[r]![c]!, () => `${s.getName()}!${a1(row + r, column + c)}`);
        if (formats[r]![c] === PLAIN_TEXT) textFormulas.push(`${a1(row + r, column + c)}:${a1(row + r, column + c)}`);
        return v.formula;
      }),
    );
    if (textFormulas.length > 0) s.getRangeList(textFormulas).setNumberFormat(AUTOMATIC_FORMAT);
    range.setValues(values);
  }

  private toCell(v: SheetValue): Cell {
    if (v === '' || v === null || v === undefined) return null;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    // `instanceof Date` fails across realms (the vm smoke test); the tag does not.
    if (Object.prototype.toString.call(v) === '[object Date]') return this.clock.serialOf(v);
    return String(v);
  }

  private rule(v: ColumnValidation): DataValidationApi | undefined {
    const builder = this.services.SpreadsheetApp.newDataValidation();
    if (v.kind === 'list') {
      if (v.values.length === 0) return undefined;
      // A warning rather than a refusal (allowInvalid): Carnet checks values itself, and a person
      // pasting a new value should be told, not blocked. Same choice as the xlsx host.
      return builder.requireValueInList(v.values, true).setAllowInvalid(true).build();
    }
    if (v.kind === 'range') {
      const source = this.need(v.sheet);
      this.ensureSize(source, 2, v.column + 1);
      // The whole column below the header: new records show up in the dropdown at once.
      const values = source.getRange(2, v.column + 1, this.size(source).rows - 1, 1);
      return builder.requireValueInRange(values, true).setAllowInvalid(true).build();
    }
    return undefined;
  }

  private applyVisibility(s: SheetApi, visibility: Visibility): void {
    const hidden = s.isSheetHidden();
    if (visibility === 'visible') {
      if (hidden) s.showSheet();
      return;
    }
    if (!hidden) {
      try {
        s.hideSheet();
      } catch (e) {
        fail({
          code: 'E_BAD_INPUT',
          sheet: s.getName(),
          message: `Google Sheets could not hide "${s.getName()}" (a spreadsheet needs at least one visible sheet): ${(e as Error).message}`,
        });
      }
    }
    if (visibility === 'very') this.protectSettings(s);
  }

  /** Hidden is not enough for `_carnet`: any editor can unhide it. Protect it once; never override a plan. */
  private protectSettings(s: SheetApi): void {
    if (s.getProtections(this.services.SpreadsheetApp.ProtectionType.SHEET).length > 0) return;
    const protection = s.protect().setDescription(SETTINGS_DESCRIPTION);
    if (this.settingsProtection === 'warning') {
      protection.setWarningOnly(true);
      return;
    }
    const me = this.services.Session.getEffectiveUser().getEmail();
    this.setEditors(protection, me ? [me] : []);
  }

  private setEditors(protection: ProtectionApi, editors: string[]): void {
    const keep = new Set(editors.map((e) => e.toLowerCase()));
    const others = protection
      .getEditors()
      .map((u) => u.getEmail())
      .filter((e) => e && !keep.has(e.toLowerCase()));
    if (others.length > 0) protection.removeEditors(others);
    if (editors.length > 0) protection.addEditors(editors);
    // Otherwise "anyone in the domain" would still edit it in a Workspace domain.
    if (protection.canDomainEdit()) protection.setDomainEdit(false);
  }
}

function checkIndex(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) fail({ code: 'E_BAD_INPUT', value: n, message: `Bad ${what} index: ${n}` });
}

function runsOfEqualWidth(grid: WriteGrid): { start: number; length: number; width: number }[] {
  const runs: { start: number; length: number; width: number }[] = [];
  grid.forEach((row, i) => {
    const last = runs[runs.length - 1];
    if (last && last.width === row.length) last.length++;
    else runs.push({ start: i, length: 1, width: row.length });
  });
  return runs;
}

/** `[9, 5, 4, 3]` → `[{first: 9, count: 1}, {first: 3, count: 3}]`. */
function descendingRuns(sortedDescending: number[]): { first: number; count: number }[] {
  const runs: { first: number; count: number }[] = [];
  for (const r of sortedDescending) {
    const last = runs[runs.length - 1];
    if (last && last.first === r + 1) {
      last.first = r;
      last.count++;
    } else runs.push({ first: r, count: 1 });
  }
  return runs;
}
