/**
 * The Google Sheets host of the port, over Apps Script's `SpreadsheetApp`.
 *
 * Every Apps Script call is a round trip to Google's servers (tens to hundreds of milliseconds), so
 * each port method makes a fixed number of them whatever the number of rows: one `getValues` to
 * read a sheet, one `setValues` per written rectangle, one `RangeList.setValue` per value a
 * cascade spreads over many cells, one batch of formats and dropdowns per sheet. The call-count
 * test (test/gas/call-count.test.ts) holds the adapter to that.
 *
 * This class is the facade; the work is in one module per concept: open-spreadsheet.ts (sheets met
 * in this call, sizes, dates), cell-writing.ts (literal text, formulas, rectangles and runs),
 * write-guard.ts (writes by position that a colleague's sort would misplace), merges.ts,
 * formula-cells.ts (which cells hold a formula), sheet-layout.ts, sheet-protection.ts, report-sheet.ts,
 * report-charts.ts and pivot-table.ts (a report's sheet: emptied, formatted, its charts, its native
 * pivot table).
 *
 * What Sheets cannot do is declared in `capabilities`: no "very hidden" sheets (the `_carnet` sheet
 * is hidden and protected instead), writes are immediate (nothing to roll back).
 */

import { fail } from '../core/errors.js';
import { say } from '../core/messages/say.js';
import {
  checkBlocks,
  checkFormulas,
  type Capabilities,
  type CellBlock,
  type CellRange,
  type ChartSpec,
  type ExpectedCell,
  type Grid,
  type NativePivotSpec,
  type ProtectionPlan,
  type ProtectionState,
  type SheetFormat,
  type SheetInfo,
  type SheetLayout,
  type UserInfo,
  type Visibility,
  type Workbook,
  type WriteCell,
  type WriteGrid,
} from '../core/workbook.js';
import type { AppsScriptServices } from './apps-script-api.js';
import { checkValues, planBlocks, runsOfEqualWidth, writeRectangle, writeRuns } from './cell-writing.js';
import { formulaCellsIn } from './formula-cells.js';
import { mergedRanges } from './merges.js';
import { OpenSpreadsheet } from './open-spreadsheet.js';
import { placePivotTable } from './pivot-table.js';
import { placeCharts } from './report-charts.js';
import { clearReport, formatReport } from './report-sheet.js';
import { applyLayout } from './sheet-layout.js';
import { applyPlan, applyVisibility, readProtections, type SettingsProtection } from './sheet-protection.js';
import { checkExpected } from './write-guard.js';
import type { ZoneClock } from './zone.js';

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
  settingsProtection?: SettingsProtection;
}


export class AppsScriptWorkbook implements Workbook {
  readonly capabilities: Capabilities = {
    // Sheets has only "hidden", which any editor can undo from the View menu.
    veryHidden: false,
    rangeValidation: true,
    perUserProtection: true,
    deferredWrites: false,
    // Sheets recalculates at once and rewrites references when rows are deleted.
    formulas: 'live',
    // Range.getMergedRanges() reports them (merges.ts).
    merges: true,
    // PivotGroup.setDateTimeGroupingRule buckets dates by day, month, quarter, year (pivot-table.ts).
    pivotTables: 'grouping',
  };

  private readonly lockTimeoutMs: number;
  private readonly settingsProtection: SettingsProtection;
  private depth = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private who: UserInfo | undefined;
  private readonly open: OpenSpreadsheet;

  constructor(
    private readonly services: AppsScriptServices,
    options: AppsScriptWorkbookOptions = {},
  ) {
    this.lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
    this.settingsProtection = options.settingsProtection ?? 'warning';
    this.open = new OpenSpreadsheet(services);
  }

  /** The spreadsheet's time zone, read once. */
  get clock(): ZoneClock {
    return this.open.clock;
  }

  /** The spreadsheet's wall clock now, as a serial: what `Context.now()` gives commands. */
  now(): number {
    return this.clock.serialOf(new Date());
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  /** 1 call, then 4 per sheet (constant in rows). */
  async sheets(): Promise<SheetInfo[]> {
    return this.open.listSheets().map(([name, s]) => ({
      name,
      visibility: s.isSheetHidden() ? 'hidden' : 'visible',
      rows: s.getLastRow(),
      columns: s.getLastColumn(),
    }));
  }

  /** 2 calls (3 the first time a sheet is met): its data range, its values. */
  async read(sheet: string): Promise<Grid> {
    const s = this.open.find(sheet);
    if (!s) return [];
    const values = this.open.readDataRange(s).getValues();
    // An empty sheet's data range is A1 alone, holding ''.
    if (values.length === 1 && values[0]!.length === 1 && values[0]![0] === '') return [];
    return values.map((row) => row.map((v) => this.open.toCell(v)));
  }

  /**
   * 1 call plus 1 per merge (merges.ts), and 1 more unless a `read` of the sheet came first (its
   * data range is reused). `getValues` gives '' for every cell of a merge but its top-left one, as
   * a person sees it (widely reported; the Range reference does not say), which is why core must
   * know where merges are before it writes.
   */
  async merges(sheet: string): Promise<CellRange[]> {
    const s = this.open.find(sheet);
    if (!s) return [];
    return mergedRanges(this.open.dataRange(s));
  }

  /**
   * 2 calls (the rectangle clipped to the sheet, its `getFormulas`), plus the sheet's lookup and
   * size (2) the first time it is met: formula-cells.ts. [] for a missing sheet.
   */
  async formulaCells(sheet: string, range: CellRange): Promise<{ row: number; column: number }[]> {
    const s = this.open.find(sheet);
    if (!s) return [];
    return formulaCellsIn(this.open, s, range);
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  /**
   * 3 calls per rectangle (range, its formats, setValues), plus the sheet's lookup and size the
   * first time, plus 1 when the sheet must grow, plus the read-back of a rectangle holding a
   * formula or text Sheets may parse (1, and 1 more to repair: cell-writing.ts). A ragged grid is written as one rectangle per run of equally long rows, so
   * cells right of a short row stay untouched (core writes rectangles).
   */
  async write(sheet: string, row: number, column: number, grid: WriteGrid): Promise<void> {
    checkIndex(row, 'row');
    checkIndex(column, 'column');
    checkFormulas(grid);
    if (grid.length === 0) return;
    const s = this.open.need(sheet);
    const width = Math.max(...grid.map((r) => r.length));
    if (width === 0) return;
    this.open.ensureSize(s, row + grid.length, column + width);
    for (const run of runsOfEqualWidth(grid)) {
      if (run.width > 0) writeRectangle(this.open, s, this.open.nameOf(s), row + run.start, column, grid.slice(run.start, run.start + run.length));
    }
    this.open.changed(s);
  }

  /**
   * Rectangles as in `write` (3 calls each); cells of one same plain value, wherever they are, in
   * one `RangeList.setValue` (2 calls per value, plus 2 per column to read formats when the value
   * is text Sheets would parse). With `expect`, 2 calls first (write-guard.ts), and E_CONFLICT
   * with nothing written when a colleague moved the rows. Every check that can refuse (corners,
   * formulas, numbers) runs before the first write.
   */
  async writeBlocks(sheet: string, blocks: CellBlock[], expect: ExpectedCell[] = []): Promise<void> {
    checkBlocks(blocks);
    const live = blocks.filter((b) => b.cells.length > 0 && b.cells[0]!.length > 0);
    if (live.length === 0 && expect.length === 0) return;
    const s = this.open.need(sheet);
    const name = this.open.nameOf(s);
    checkValues(name, live);
    checkExpected(this.open, s, expect);
    if (live.length === 0) return;
    const bottom = Math.max(...live.map((b) => b.row + b.cells.length));
    const right = Math.max(...live.map((b) => b.column + b.cells[0]!.length));
    this.open.ensureSize(s, bottom, right);
    const { rectangles, runs } = planBlocks(live);
    for (const b of rectangles) writeRectangle(this.open, s, name, b.row, b.column, b.cells);
    writeRuns(s, name, runs);
    this.open.changed(s);
  }

  /** As `write`, plus the last used row. */
  async append(sheet: string, rows: WriteGrid): Promise<void> {
    checkFormulas(rows);
    if (rows.length === 0) return;
    const s = this.open.need(sheet);
    const width = Math.max(...rows.map((r) => r.length));
    if (width === 0) return;
    const start = s.getLastRow();
    this.open.ensureSize(s, start + rows.length, width);
    const padded = rows.map((r) => (r.length === width ? r : [...r, ...new Array<WriteCell>(width - r.length).fill(null)]));
    writeRectangle(this.open, s, this.open.nameOf(s), start, 0, padded);
    this.open.changed(s);
  }

  /**
   * 2 calls (last row, frozen rows), plus one `deleteRows` per run of consecutive rows, bottom-up so
   * indexes stay valid: deleting rows 3, 4, 5 and 9 is two calls. The count follows runs, not rows.
   * With `expect`, 2 calls first, and nothing deleted when a colleague moved the rows (write-guard.ts).
   */
  async deleteRows(sheet: string, rows: number[], expect: ExpectedCell[] = []): Promise<void> {
    const s = this.open.need(sheet);
    checkExpected(this.open, s, expect);
    const last = s.getLastRow();
    const doomed = [...new Set(rows.filter((r) => Number.isInteger(r) && r >= 0 && r < last))].sort((a, b) => b - a);
    if (doomed.length === 0) return;
    // Sheets refuses to delete every non-frozen row of a sheet; keep a spare empty row below.
    const size = this.open.size(s);
    if (size.rows - doomed.length <= s.getFrozenRows()) {
      s.insertRowsAfter(size.rows, 1);
      size.rows += 1;
    }
    for (const run of descendingRuns(doomed)) {
      s.deleteRows(run.first + 1, run.count);
      size.rows -= run.count;
    }
    this.open.changed(s);
  }

  /**
   * Creating is one `insertSheet` at the end (or the index asked). Hiding is `hideSheet()`; `very`
   * adds a protection (sheet-protection.ts), since Sheets has no sheet hidden from its View menu.
   */
  async ensureSheet(name: string, options: { visibility?: Visibility; index?: number } = {}): Promise<boolean> {
    const existing = this.open.find(name);
    if (existing) {
      if (options.visibility) applyVisibility(this.services, this.settingsProtection, existing, options.visibility);
      return false;
    }
    // find() missed, so every sheet is listed now.
    const count = this.open.count;
    // Without an index Apps Script inserts after the *active* sheet: always say where.
    const at = options.index === undefined ? count : Math.max(0, Math.min(options.index, count));
    const created = this.open.book.insertSheet(name, at);
    this.open.remember(name, created);
    applyVisibility(this.services, this.settingsProtection, created, options.visibility ?? 'visible');
    return true;
  }

  /** Dropdowns reading the sheet follow the rename: Sheets keeps range references by sheet, not name. */
  async renameSheet(from: string, to: string): Promise<void> {
    const s = this.open.need(from);
    const current = s.getName();
    if (current === to) return;
    const clash = this.open.find(to);
    if (clash && clash.getName().toLowerCase() !== current.toLowerCase()) {
      fail({ code: 'E_BAD_INPUT', sheet: to, message: say('A sheet named "{name}" already exists.', { name: clash.getName() }) });
    }
    s.setName(to);
    this.open.forget(current);
    this.open.remember(to, s);
  }

  /** One batch per sheet (sheet-layout.ts): the count depends on the number of columns, never on rows. */
  async layout(sheet: string, layout: SheetLayout): Promise<void> {
    applyLayout(this.open, this.services.SpreadsheetApp, this.open.need(sheet), layout);
  }

  /** A report's sheet emptied, its charts and pivot tables removed (report-sheet.ts): a fixed number of calls. */
  async clearSheet(sheet: string): Promise<void> {
    clearReport(this.open, this.open.need(sheet));
  }

  /** Panes, one RangeList of bold cells, one per number format, widths (report-sheet.ts). */
  async formatSheet(sheet: string, format: SheetFormat): Promise<void> {
    formatReport(this.open, this.open.need(sheet), format);
  }

  /** Embedded charts in place of the ones Carnet placed before, known by their ids (report-charts.ts). */
  async charts(sheet: string, charts: ChartSpec[]): Promise<void> {
    placeCharts(this.open, this.services, this.open.need(sheet), charts);
  }

  /**
   * A Sheets pivot table in place of the ones Carnet anchored on the target sheet before, known by
   * their anchor cells (pivot-table.ts): a fixed number of calls whatever the source's rows.
   */
  async pivotTable(spec: NativePivotSpec): Promise<void> {
    placePivotTable(this.open, this.services, spec);
  }

  /**
   * Carnet's sheet protections with exactly the plan's editors and warning-only protections on its
   * columns; a team's own protections are left alone (sheet-protection.ts). Calls per sheet are
   * constant, and none changes anything when the plan is already applied.
   */
  async protect(plan: ProtectionPlan): Promise<void> {
    applyPlan(this.open, this.services, plan);
  }

  /** As Sheets has them; editors null where Sheets will not list them to this user (sheet-protection.ts). */
  async protections(sheets: string[]): Promise<ProtectionState[]> {
    return readProtections(this.open, this.services, sheets);
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
      if (!lock) fail({ code: 'E_INTERNAL', message: say('Carnet must run from inside a spreadsheet (no document lock here).') });
      // The document lock held past the wait.
      if (!lock.tryLock(this.lockTimeoutMs)) fail({ code: 'E_LOCKED', message: say('Someone else is saving; try again in a moment.') });
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
   * The signed-in person's email, read once; `{ id: '' }` when Google gives none. The reference:
   * `getEmail()` returns "a blank string if security policies do not allow access to the user's
   * email address" (https://developers.google.com/apps-script/reference/base/user#getemail). Carnet
   * does not then take the effective user: that is "the user under whose authority the script is
   * running" — under an installable trigger the one who created it, and the same as the active user
   * only "in most other scenarios" (https://developers.google.com/apps-script/reference/base/session#geteffectiveuser)
   * — nor any stand-in id, which rights would treat as a newcomer. Core refuses a blank id where
   * rights are on (core/access/enforce.ts).
   */
  async user(): Promise<UserInfo> {
    if (this.who) return this.who;
    const email = this.services.Session.getActiveUser().getEmail() ?? '';
    this.who = email ? { id: email, name: email.split('@')[0]! } : { id: '', name: '' };
    return this.who;
  }
}

function checkIndex(n: number, what: 'row' | 'column'): void {
  if (!Number.isInteger(n) || n < 0) fail({ code: 'E_BAD_INPUT', value: n, message: what === 'row' ? say('Bad row index: {n}', { n }) : say('Bad column index: {n}', { n }) });
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
