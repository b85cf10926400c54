/**
 * The `.xlsx` file host of the port, over ExcelJS.
 *
 * Every port method works on the ExcelJS workbook held in memory; the disk is touched only when the
 * outermost `transaction` returns (or by `save()`), and then atomically: temp file in the same
 * directory, fsync, previous version kept as `<path>.bak`, rename over the original. A crash at any
 * point leaves either the old or the new file, never half of one.
 *
 * Several ExcelJS 4.4 pitfalls are worked around in this folder; each is explained where it is handled:
 * shared style objects, data validations expanded per cell on load (and written back as
 * overlapping ranges), CR and control characters lost in strings, `spliceRows` leaving rows behind.
 */

import { AsyncLocalStorage } from 'node:async_hooks';
import os from 'node:os';
import nodePath from 'node:path';
import ExcelJS from 'exceljs';
import {
  checkFormulas,
  type Capabilities,
  type Cell,
  type Grid,
  type ProtectionPlan,
  type SheetInfo,
  type SheetLayout,
  type UserInfo,
  type Visibility,
  type Workbook,
  type WriteGrid,
} from '../../core/workbook.js';
import { acquireLock, type LockOptions } from '../file-lock.js';
import { checkIndex, scan, writeGrid } from './cells.js';
import { fail } from './errors.js';
import { listInWords, loadFile, parseXlsx, sameStamp, serialize, statOrUndefined, writeAtomically, type DiskStamp } from './files.js';
import { applyLayout, readStoredLayout, type StoredLayout } from './layout.js';
import { renameSheetAndReferences } from './rename.js';
import { deleteRows, rowsToDelete } from './rows.js';
import { checkSheetName, findSheet, moveSheet, needSheet, visibilityOf, VISIBILITY_TO_STATE } from './sheets.js';

export interface XlsxOptions {
  /** Who is acting; defaults to the OS user. */
  user?: UserInfo;
  /** Lock timing; tests shorten the timeout. */
  lock?: LockOptions;
  /**
   * Save even a workbook holding parts ExcelJS cannot write back (charts, pivot tables, macros…),
   * losing them. Off by default: see `wouldLose`.
   */
  allowLossySave?: boolean;
}

export class XlsxWorkbook implements Workbook {
  readonly capabilities: Capabilities = {
    veryHidden: true,
    rangeValidation: true,
    // xlsx sheet protection is one flag (and an optional password) for everybody.
    perUserProtection: false,
    deferredWrites: true,
    // ExcelJS calculates nothing: a formula's cached result is the value core gave, until Excel
    // or LibreOffice recalculates the file. deleteRows rewrites references like a spreadsheet.
    formulas: 'on-open',
  };

  /** True inside this instance's outermost transaction, across awaits (nested calls join it). */
  private readonly inTransaction = new AsyncLocalStorage<true>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly lockOptions: LockOptions;
  /** Parts of the file ExcelJS drops on load, so a save would delete them. */
  private unsupported: string[] = [];

  private constructor(
    private readonly filePath: string,
    private book: ExcelJS.Workbook,
    /** The file as last loaded or saved; undefined while it has never been on disk. */
    private stamp: DiskStamp | undefined,
    /** In-memory changes not yet on disk. */
    private dirty: boolean,
    private readonly options: XlsxOptions,
  ) {
    this.lockOptions = options.lock ?? {};
  }

  /** Opens an existing workbook. E_FILE when it is missing, unreadable or not an .xlsx. */
  static async open(path: string, options: XlsxOptions = {}): Promise<XlsxWorkbook> {
    const { book, stamp, unsupported } = await loadFile(path);
    const wb = new XlsxWorkbook(path, book, stamp, false, options);
    wb.unsupported = unsupported;
    return wb;
  }

  /**
   * A new empty workbook, on disk only at the first save or transaction.
   * E_FILE when the file already exists (never overwrite someone's workbook by accident).
   */
  static async create(path: string, options: XlsxOptions = {}): Promise<XlsxWorkbook> {
    const existing = await statOrUndefined(path);
    if (existing) fail(`${path} already exists`);
    const dir = nodePath.dirname(nodePath.resolve(path));
    const dirStat = await statOrUndefined(dir);
    if (!dirStat?.isDirectory()) fail(`No such directory: ${nodePath.dirname(path)}`);
    const book = new ExcelJS.Workbook();
    book.creator = 'Carnet';
    return new XlsxWorkbook(path, book, undefined, true, options);
  }

  get path(): string {
    return this.filePath;
  }

  /** The ExcelJS workbook: for tests and local tooling only, never for core (it is not the port). */
  get excel(): ExcelJS.Workbook {
    return this.book;
  }

  /**
   * What saving would delete from the file, because ExcelJS does not read it (charts, pivot
   * tables, macros…). Saving such a workbook fails with E_FILE unless `allowLossySave` is set.
   */
  get wouldLose(): readonly string[] {
    return this.unsupported;
  }

  /** True when there are changes in memory that are not on disk yet. */
  get unsaved(): boolean {
    return this.dirty;
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  async sheets(): Promise<SheetInfo[]> {
    return this.book.worksheets.map((ws) => {
      const { rows, columns } = scan(ws, false);
      return { name: ws.name, visibility: visibilityOf(ws), rows, columns };
    });
  }

  async read(sheet: string): Promise<Grid> {
    const ws = this.find(sheet);
    if (!ws) return [];
    const { cells, rows, columns } = scan(ws, true);
    const out: Grid = new Array(rows);
    for (let r = 0; r < rows; r++) {
      const src = cells[r];
      const row: Cell[] = new Array(columns).fill(null);
      if (src) for (let c = 0; c < src.length; c++) if (src[c] !== undefined) row[c] = src[c]!;
      out[r] = row;
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Writing (in memory; made durable by the outermost transaction)

  async write(sheet: string, row: number, column: number, grid: WriteGrid): Promise<void> {
    const ws = this.need(sheet);
    checkIndex(row, 'row');
    checkIndex(column, 'column');
    checkFormulas(grid);
    this.dirty = true;
    writeGrid(this.book, ws, row, column, grid);
  }

  async append(sheet: string, rows: WriteGrid): Promise<void> {
    const ws = this.need(sheet);
    checkFormulas(rows);
    this.dirty = true;
    writeGrid(this.book, ws, scan(ws, false).rows, 0, rows);
  }

  async deleteRows(sheet: string, rows: number[]): Promise<void> {
    const ws = this.need(sheet);
    const doomed = rowsToDelete(ws, rows);
    if (doomed.size === 0) return;
    this.dirty = true;
    deleteRows(this.book, ws, doomed);
  }

  async ensureSheet(name: string, options: { visibility?: Visibility; index?: number } = {}): Promise<boolean> {
    const existing = this.find(name);
    if (existing) {
      if (options.visibility && visibilityOf(existing) !== options.visibility) {
        existing.state = VISIBILITY_TO_STATE[options.visibility];
        this.dirty = true;
      }
      return false;
    }
    checkSheetName(name);
    this.dirty = true;
    const ws = this.book.addWorksheet(name, { state: VISIBILITY_TO_STATE[options.visibility ?? 'visible'] });
    if (options.index !== undefined) moveSheet(this.book, ws, options.index);
    return true;
  }

  async renameSheet(from: string, to: string): Promise<void> {
    const ws = this.need(from);
    if (ws.name === to) return;
    checkSheetName(to);
    const clash = this.find(to);
    if (clash && clash !== ws) fail(`A sheet named "${clash.name}" already exists`, 'E_BAD_INPUT');
    this.dirty = true;
    renameSheetAndReferences(this.book, ws, to, clash === ws);
  }

  async layout(sheet: string, layout: SheetLayout): Promise<void> {
    const ws = this.need(sheet);
    this.dirty = true;
    applyLayout(this.book, ws, layout);
  }

  async protect(plan: ProtectionPlan): Promise<void> {
    const targets = plan.sheets.map((p) => ({ ws: this.need(p.name), locked: p.locked }));
    this.dirty = true;
    for (const { ws, locked } of targets) {
      // No password: an xlsx password is a speed bump anyone can remove, and one Carnet would have
      // to store somewhere readable. Editors cannot be expressed: `perUserProtection` is false.
      if (locked) await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true });
      else ws.unprotect();
    }
  }

  async user(): Promise<UserInfo> {
    if (this.options.user) return this.options.user;
    let name: string;
    try {
      name = os.userInfo().username;
    } catch {
      // Containers without a passwd entry for the uid.
      name = process.env.USER ?? process.env.USERNAME ?? 'local';
    }
    return { id: name, name };
  }

  // ---------------------------------------------------------------------------------------------
  // Transactions and saving

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction.getStore()) return fn();
    const run = () => this.outermost(fn, false);
    // Serialise outermost transactions of this instance; the lock file does it across processes.
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Saves now, atomically, under the lock: for a new workbook or changes made outside any
   * transaction. Inside a transaction it only makes sure the outermost one saves.
   */
  async save(): Promise<void> {
    if (this.inTransaction.getStore()) {
      this.dirty = true;
      return;
    }
    await this.transactionForcingSave();
  }

  private transactionForcingSave(): Promise<void> {
    const run = () => this.outermost(async () => undefined, true);
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async outermost<T>(fn: () => Promise<T>, forceSave: boolean): Promise<T> {
    const lock = await acquireLock(`${this.filePath}.lock`, nodePath.basename(this.filePath), this.lockOptions);
    try {
      await this.catchUpWithDisk();
      // Changes made outside any transaction are not on disk, so a failure could not get them back
      // from there: keep them in a snapshot. Otherwise the file itself is the snapshot.
      const snapshot = this.dirty ? await serialize(this.book) : undefined;
      try {
        const result = await this.inTransaction.run(true, fn);
        if (this.dirty || forceSave) await this.writeAtomically();
        return result;
      } catch (error) {
        await this.rollback(snapshot);
        throw error;
      }
    } finally {
      await lock.release();
    }
  }

  /** Another process may have saved since we loaded: take its version, never overwrite it. */
  private async catchUpWithDisk(): Promise<void> {
    const onDisk = await statOrUndefined(this.filePath);
    if (!onDisk) return; // never saved, or deleted: the save will (re)create it
    if (this.stamp && sameStamp(this.stamp, onDisk)) return;
    if (this.dirty) {
      fail(
        this.stamp
          ? `${this.filePath} was changed by someone else while Carnet had unsaved changes; open it again and redo them`
          : `${this.filePath} was created by someone else in the meantime`,
      );
    }
    const { book, stamp, unsupported } = await loadFile(this.filePath);
    this.book = book;
    this.stamp = stamp;
    this.unsupported = unsupported;
  }

  private async rollback(snapshot: Buffer | undefined): Promise<void> {
    if (snapshot) {
      // `unsupported` stays: it describes the file, which the snapshot (written by ExcelJS) cannot.
      this.book = (await parseXlsx(this.filePath, snapshot)).book;
      this.dirty = true;
    } else if (this.stamp) {
      const { book, stamp, unsupported } = await loadFile(this.filePath);
      this.book = book;
      this.stamp = stamp;
      this.unsupported = unsupported;
      this.dirty = false;
    }
  }

  private async writeAtomically(): Promise<void> {
    if (this.unsupported.length && !this.options.allowLossySave) {
      fail(
        `${this.filePath} contains ${listInWords(this.unsupported)}, which Carnet cannot keep when it saves an .xlsx file; ` +
          'nothing was saved. Use Carnet on a copy without them, or in Excel or Google Sheets.',
      );
    }
    this.stamp = await writeAtomically(this.filePath, this.book);
    this.dirty = false;
  }

  // ---------------------------------------------------------------------------------------------
  // Introspection (tests, `check`)

  /** What the file says about the layout of these columns; see StoredLayout. */
  async storedLayout(sheet: string, columns: number[]): Promise<StoredLayout> {
    return readStoredLayout(this.book, this.need(sheet), columns);
  }

  // ---------------------------------------------------------------------------------------------
  // Internals

  private find(name: string): ExcelJS.Worksheet | undefined {
    return findSheet(this.book, name);
  }

  private need(name: string): ExcelJS.Worksheet {
    return needSheet(this.book, name);
  }
}
