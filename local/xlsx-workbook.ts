/**
 * The `.xlsx` file host of the port, over ExcelJS.
 *
 * Every port method works on the ExcelJS workbook held in memory; the disk is touched only when the
 * outermost `transaction` returns (or by `save()`), and then atomically: temp file in the same
 * directory, fsync, previous version kept as `<path>.bak`, rename over the original. A crash at any
 * point leaves either the old or the new file, never half of one.
 *
 * Several ExcelJS 4.4 pitfalls are worked around here; each is explained where it is handled:
 * shared style objects, data validations expanded per cell on load (and written back as
 * overlapping ranges), CR and control characters lost in strings, `spliceRows` leaving rows behind.
 */

import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { promises as fs, type Stats } from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import ExcelJS from 'exceljs';
import { serialFromUtcDate, utcDateFromSerial } from '../core/dates.js';
import { CarnetError } from '../core/errors.js';
import {
  checkFormulas,
  columnLetter,
  isFormula,
  type Capabilities,
  type Cell,
  type ColumnValidation,
  type Grid,
  type ProtectionPlan,
  type SheetInfo,
  type SheetLayout,
  type UserInfo,
  type Visibility,
  type Workbook,
  type WriteGrid,
} from '../core/workbook.js';
import { moveRows, quoteSheet, renameSheetIn } from '../core/formula-references.js';
import { acquireLock, describeFsError, errorCode, type LockOptions } from './file-lock.js';

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

/** What layout() left in the file, as far as xlsx can tell it back (tests and `check`). */
export interface StoredColumnLayout {
  column: number;
  numberFormat?: string;
  width?: number;
  note?: string;
  boldHeader: boolean;
  /** Every distinct validation rule covering the column's data cells: exactly one after layout(). */
  validations: ColumnValidation[];
}

export interface StoredLayout {
  frozenRows: number;
  columns: StoredColumnLayout[];
}

/**
 * Very hidden sheet holding dropdown lists that cannot be written inline: Excel limits an inline
 * list to 255 characters and cannot escape a comma inside a value. Past that, the list goes in a
 * column here and the validation reads that range, so the dropdown always works. Row 1 holds the
 * key `<sheet>!<column letter>` so that re-applying a layout reuses the same column.
 */
export const LISTS_SHEET = '_carnet_lists';

/** Excel's own limit for an inline list validation formula. */
const INLINE_LIST_MAX = 255;

/** ExcelJS 4.4 has `worksheet.dataValidations` at run time but not in its typings. */
interface DataValidations {
  model: Record<string, ExcelJS.DataValidation | undefined>;
}

/** The ExcelJS internals deleteRows needs (see there for why the public API does not do). */
interface InternalCell {
  _address: string;
  /** Every ExcelJS value class has an `address` setter over its own model. */
  _value: { address: string };
}
interface InternalRow {
  _number: number;
  _cells: (InternalCell | undefined)[];
}
interface InternalSheet {
  _rows: (InternalRow | undefined)[];
  _merges: Record<string, { model: { top: number; left: number; bottom: number; right: number } }>;
}

interface DiskStamp {
  ino: number;
  size: number;
  mtimeMs: number;
}

const VISIBILITY_TO_STATE: Record<Visibility, ExcelJS.WorksheetState> = {
  visible: 'visible',
  hidden: 'hidden',
  very: 'veryHidden',
};

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
    this.writeGrid(ws, row, column, grid);
  }

  async append(sheet: string, rows: WriteGrid): Promise<void> {
    const ws = this.need(sheet);
    checkFormulas(rows);
    this.dirty = true;
    this.writeGrid(ws, scan(ws, false).rows, 0, rows);
  }

  async deleteRows(sheet: string, rows: number[]): Promise<void> {
    const ws = this.need(sheet);
    const internal = ws as unknown as InternalSheet;
    const doomed = new Set(rows.filter((r) => Number.isInteger(r) && r >= 0 && r < internal._rows.length));
    if (doomed.size === 0) return;
    this.dirty = true;
    const sorted = [...doomed].sort((a, b) => a - b);
    // Formulas (a user's `=D2*E2` column, a total elsewhere) must keep pointing at the same data,
    // as they would if a person deleted the rows in a spreadsheet.
    this.rewriteFormulasForDeletion(ws, sorted.map((r) => r + 1));
    // Why not `spliceRows`: it copies every row below once per call (O(n·k) for k scattered rows),
    // drops cell notes, and leaves the last rows in place when nothing lies below them (ExcelJS
    // 4.4). Moving the row objects keeps each cell whole (value, style, note) in one O(n) pass.
    const merges = Object.values(internal._merges).map((m) => ({ ...m.model }));
    for (const m of merges) ws.unMergeCells(m.top, m.left, m.bottom, m.right);
    const kept: (InternalRow | undefined)[] = [];
    for (let i = 0; i < internal._rows.length; i++) if (!doomed.has(i)) kept.push(internal._rows[i]);
    for (let i = sorted[0]!; i < kept.length; i++) {
      const r = kept[i];
      if (!r || r._number === i + 1) continue;
      r._number = i + 1;
      r._cells.forEach((cell, c) => {
        if (!cell) return;
        const address = `${columnLetter(c)}${i + 1}`;
        // The value keeps its own copy of the address, and that copy is what the writer puts in
        // `<c r="…">`: a stale one puts the cell in another row for Excel and LibreOffice.
        cell._address = address;
        cell._value.address = address;
      });
    }
    internal._rows = kept;
    // A merge moves up with its rows and shrinks by the deleted rows it spanned, as in a spreadsheet.
    const removedBefore = (row1: number) => countBelow(sorted, row1 - 1);
    for (const m of merges) {
      const top = m.top - removedBefore(m.top);
      const bottom = m.bottom - removedBefore(m.bottom + 1);
      if (bottom > top || (bottom === top && m.right > m.left)) ws.mergeCells(top, m.left, bottom, m.right);
    }
  }

  /** Rewrites every formula referring to rows of `home` for the deletion of `deleted` (1-based, sorted). */
  private rewriteFormulasForDeletion(home: ExcelJS.Worksheet, deleted: number[]): void {
    const gone = new Set(deleted);
    for (const ws of this.book.worksheets) {
      const isHome = ws === home;
      const found: { cell: ExcelJS.Cell; before: string; after: string }[] = [];
      let changed = false;
      let shared = false;
      ws.eachRow((row, rowNumber) => {
        if (isHome && gone.has(rowNumber)) return;
        row.eachCell((cell) => {
          if (cell.type !== ExcelJS.ValueType.Formula) return;
          // For a shared formula's other cells, `formula` is already translated to their position.
          const before = cell.formula;
          const after = shiftRowReferences(before, home.name, isHome, deleted, gone);
          if (after !== before) changed = true;
          if (isShared(cell.value)) shared = true;
          found.push({ cell, before, after });
        });
      });
      // Shared formulas are stored once and derived by position: once rows move or some of them
      // change, they would derive wrong ones (or ExcelJS refuses to write them), so every formula
      // of such a sheet is written out in full.
      if (!changed && !(isHome && shared)) continue;
      // Cached results of rewritten formulas may be stale (ROW(), a shrunk SUM): recalculate on open.
      this.book.calcProperties = { ...this.book.calcProperties, fullCalcOnLoad: true };
      for (const { cell, before, after } of found) {
        const value = cell.value as ExcelJS.CellFormulaValue;
        if (isShared(value)) cell.value = { formula: after, result: value.result };
        else if (after !== before) cell.value = { ...value, formula: after };
      }
    }
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
    if (options.index !== undefined) {
      const order = this.book.worksheets.filter((s) => s !== ws);
      order.splice(Math.max(0, Math.min(options.index, order.length)), 0, ws);
      // Tab order is ExcelJS's `orderNo`, present at run time but missing from its typings.
      order.forEach((s, i) => ((s as unknown as { orderNo: number }).orderNo = i + 1));
    }
    return true;
  }

  async renameSheet(from: string, to: string): Promise<void> {
    const ws = this.need(from);
    if (ws.name === to) return;
    checkSheetName(to);
    const clash = this.find(to);
    if (clash && clash !== ws) fail(`A sheet named "${clash.name}" already exists`, 'E_BAD_INPUT');
    this.dirty = true;
    const old = ws.name;
    // ExcelJS compares new names case-insensitively with every sheet, this one included, so a
    // change of case only goes through a temporary name.
    if (clash === ws) ws.name = `~carnet-${randomBytes(6).toString('hex')}`;
    ws.name = to;
    // A spreadsheet rewrites references to a renamed sheet: dropdowns and formulas must follow.
    for (const other of this.book.worksheets) {
      for (const rule of new Set(Object.values(validationsOf(other).model))) {
        if (!rule?.formulae) continue;
        rule.formulae = rule.formulae.map((f: unknown) => (typeof f === 'string' ? renameSheetIn(f, old, to) : f));
      }
      other.eachRow((row) =>
        row.eachCell((cell) => {
          const value = cell.value;
          // A shared formula's other cells derive from its first one, which is rewritten here.
          if (cell.type !== ExcelJS.ValueType.Formula || typeof value !== 'object' || value === null || !('formula' in value) || typeof value.formula !== 'string') return;
          const after = renameSheetIn(value.formula, old, to);
          if (after !== value.formula) cell.value = { ...value, formula: after };
        }),
      );
    }
    const lists = this.find(LISTS_SHEET);
    if (lists) {
      lists.getRow(1).eachCell((cell) => {
        const key = typeof cell.value === 'string' ? parseListKey(cell.value) : undefined;
        if (key && key.sheet.toLowerCase() === old.toLowerCase()) cell.value = `${to}!${key.letter}`;
      });
    }
  }

  async layout(sheet: string, layout: SheetLayout): Promise<void> {
    const ws = this.need(sheet);
    this.dirty = true;
    const view = { ...(ws.views?.[0] ?? {}) } as Partial<ExcelJS.WorksheetViewFrozen>;
    if (layout.frozenRows > 0) {
      ws.views = [
        { ...view, state: 'frozen', xSplit: view.xSplit ?? 0, ySplit: layout.frozenRows, topLeftCell: `${columnLetter(view.xSplit ?? 0)}${layout.frozenRows + 1}` },
      ];
    } else {
      const { xSplit: _x, ySplit: _y, topLeftCell: _t, ...rest } = view;
      ws.views = [{ ...rest, state: 'normal' } as Partial<ExcelJS.WorksheetView>];
    }
    for (const col of layout.columns) {
      const header = ws.getCell(1, col.column + 1);
      setStyle(header, { font: { ...(header.style.font ?? {}), bold: layout.boldHeader } });
      if (col.width !== undefined) ws.getColumn(col.column + 1).width = col.width;
      if (col.note !== undefined) header.note = col.note;
      if (col.numberFormat !== undefined) this.applyNumberFormat(ws, col.column, col.numberFormat);
      if (col.validation !== undefined) this.applyValidation(ws, col.column, col.validation, layout.dataRows);
    }
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
      const snapshot = this.dirty ? await this.serialize() : undefined;
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
    const target = nodePath.resolve(this.filePath);
    const dir = nodePath.dirname(target);
    const base = nodePath.basename(target);
    const tag = `${process.pid}.${randomBytes(4).toString('hex')}`;
    const temp = nodePath.join(dir, `.${base}.${tag}.tmp`);
    const bak = `${target}.bak`;
    const bakTemp = nodePath.join(dir, `.${base}.${tag}.bak.tmp`);
    try {
      const buffer = await this.serialize();
      const previous = await statOrUndefined(target);
      const handle = await fs.open(temp, 'wx', previous ? previous.mode & 0o777 : 0o666);
      try {
        await handle.writeFile(buffer);
        await handle.sync();
      } finally {
        await handle.close();
      }
      if (previous) {
        // A hard link keeps the previous version for free, since the rename below gives the path a
        // new inode; file systems without links (FAT, some shares) get a copy.
        await fs.link(target, bakTemp).catch(() => fs.copyFile(target, bakTemp));
        await fs.rename(bakTemp, bak);
      }
      await renameWithRetry(temp, target);
      await syncDirectory(dir);
    } catch (error) {
      await fs.rm(temp, { force: true });
      await fs.rm(bakTemp, { force: true });
      // Name the file at fault when it is not the workbook itself (a `.bak` turned into a folder…).
      const culprit = [errorField(error, 'dest'), errorField(error, 'path')].find(
        (p) => p !== undefined && p !== temp && p !== bakTemp && p !== target,
      );
      fail(`Could not save ${this.filePath}: ${describeFsError(error)}${culprit ? ` (${culprit})` : ''}`);
    }
    const saved = await fs.stat(target);
    this.stamp = stampOf(saved);
    this.dirty = false;
  }

  /** The workbook as .xlsx bytes, with strings escaped so that they come back identical. */
  private async serialize(): Promise<Buffer> {
    // ExcelJS writes strings raw into XML: a CR comes back as LF (XML end-of-line normalisation),
    // other control characters are dropped, and a literal `_x000D_` is decoded as CR on load.
    // OOXML's escape (`_xHHHH_`, `_x005F_` for the underscore) fixes all three; it is applied only
    // for the write and undone after, so reads in memory keep seeing the original text.
    const restore: [ExcelJS.Cell, string][] = [];
    for (const ws of this.book.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value;
          if (typeof v === 'string' && NEEDS_ESCAPE.test(v)) {
            restore.push([cell, v]);
            cell.value = escapeXString(v);
          }
        }),
      );
    }
    this.keepActiveTabVisible();
    try {
      return Buffer.from(await this.book.xlsx.writeBuffer());
    } finally {
      for (const [cell, v] of restore) cell.value = v;
    }
  }

  /** Excel refuses to open a workbook whose active tab is hidden. */
  private keepActiveTabVisible(): void {
    const sheets = this.book.worksheets;
    const firstVisible = sheets.findIndex((s) => s.state === 'visible' || s.state === undefined);
    if (firstVisible < 0) return;
    const views = this.book.views?.length ? this.book.views : [{ x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
    for (const view of views) {
      const active = sheets[view.activeTab ?? 0];
      if (!active || active.state !== 'visible') view.activeTab = firstVisible;
      if ((view.firstSheet ?? 0) > firstVisible) view.firstSheet = firstVisible;
    }
    this.book.views = views;
    // A hidden sheet still marked as selected makes Excel open with grouped, half-visible tabs.
    for (const s of sheets) {
      // `views` is null on sheets loaded from files without <sheetViews>, whatever the typings say.
      const view = s.views?.[0] as { tabSelected?: boolean } | undefined;
      if (view && s.state !== 'visible') view.tabSelected = false;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Introspection (tests, `check`)

  /** What the file says about the layout of these columns; see StoredLayout. */
  async storedLayout(sheet: string, columns: number[]): Promise<StoredLayout> {
    const ws = this.need(sheet);
    const view = ws.views?.[0] as Partial<ExcelJS.WorksheetViewFrozen> | undefined;
    const frozenRows = view?.state === 'frozen' ? (view.ySplit ?? 0) : 0;
    const model = validationsOf(ws).model;
    const rulesByColumn = new Map<number, Set<ExcelJS.DataValidation>>();
    for (const [address, rule] of Object.entries(model)) {
      if (!rule) continue;
      for (const col of columnsOfRange(address, 2)) {
        let set = rulesByColumn.get(col);
        if (!set) rulesByColumn.set(col, (set = new Set()));
        set.add(rule);
      }
    }
    return {
      frozenRows,
      columns: columns.map((c) => {
        const header = ws.getCell(1, c + 1);
        const note = header.note;
        const out: StoredColumnLayout = {
          column: c,
          boldHeader: header.style.font?.bold === true,
          validations: [...(rulesByColumn.get(c) ?? [])].map((rule) => this.decodeRule(rule)),
        };
        const numFmt = ws.getColumn(c + 1).style?.numFmt;
        if (numFmt !== undefined) out.numberFormat = numFmt;
        const width = ws.getColumn(c + 1).width;
        if (width !== undefined) out.width = width;
        if (note !== undefined) out.note = typeof note === 'string' ? note : note.texts?.map((t) => t.text).join('') ?? '';
        return out;
      }),
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Internals

  private find(name: string): ExcelJS.Worksheet | undefined {
    const lower = name.toLowerCase();
    return this.book.worksheets.find((ws) => ws.name.toLowerCase() === lower);
  }

  private need(name: string): ExcelJS.Worksheet {
    const ws = this.find(name);
    if (!ws) throw new CarnetError({ code: 'E_NOT_FOUND', message: `No sheet named "${name}"`, sheet: name });
    return ws;
  }

  private writeGrid(ws: ExcelJS.Worksheet, row: number, column: number, grid: WriteGrid): void {
    const date1904 = this.book.properties.date1904 === true;
    const where = (r: number, c: number) => `${columnLetter(column + c)}${row + r + 1}`;
    /** A number as ExcelJS must be handed it for this cell (see below). */
    const number = (v: number, cell: ExcelJS.Cell, r: number, c: number): number | Date => {
      if (!Number.isFinite(v)) {
        throw new CarnetError({
          code: 'E_INVALID_VALUE',
          message: `A spreadsheet cannot hold ${v} (${ws.name}!${where(r, c)})`,
          sheet: ws.name,
          cell: where(r, c),
          value: String(v),
        });
      }
      // In a 1904-based workbook a date cell's number means another day; ExcelJS converts a
      // Date with the workbook's base, so hand it the day rather than the raw serial.
      return date1904 && isDateFormat(cell.numFmt) ? utcDateFromSerial(v) : v;
    };
    let formulas = false;
    for (let r = 0; r < grid.length; r++) {
      const src = grid[r] ?? [];
      const target = ws.getRow(row + r + 1);
      for (let c = 0; c < src.length; c++) {
        const v = src[c];
        const cell = target.getCell(column + c + 1);
        if (isFormula(v)) {
          // Carnet's own formula (checked by checkFormulas): ExcelJS takes the text without its
          // `=`, and the value core computed as the cached result that readers show until they
          // recalculate. A null value leaves no cached result: the cell reads empty until then.
          const result = v.value === null || v.value === '' ? undefined : typeof v.value === 'number' ? number(v.value, cell, r, c) : v.value;
          cell.value = result === undefined ? { formula: v.formula.slice(1) } : { formula: v.formula.slice(1), result };
          formulas = true;
        } else if (v === null || v === undefined || v === '') {
          cell.value = null; // keeps the cell's style
        } else if (typeof v === 'number') {
          cell.value = number(v, cell, r, c);
        } else {
          // Strings are stored as (shared) strings: literal text in every reader, whatever their
          // first character. ExcelJS cannot write `quotePrefix`, so nothing more is possible here.
          cell.value = v;
        }
      }
    }
    // Excel recalculates the whole workbook when it opens it, so a cached result can never stay
    // stale there. (LibreOffice's default for .xlsx files is to trust cached results instead.)
    if (formulas) this.book.calcProperties = { ...this.book.calcProperties, fullCalcOnLoad: true };
  }

  private applyNumberFormat(ws: ExcelJS.Worksheet, column: number, numFmt: string): void {
    const col = ws.getColumn(column + 1);
    // The column style makes cells created later (by Carnet or by a person) take the format too.
    // Style objects are replaced, never mutated: ExcelJS shares one object between all the cells
    // loaded with the same style, so `cell.numFmt = x` would reformat cells all over the workbook.
    col.style = { ...col.style, numFmt };
    col.eachCell((cell, rowNumber) => {
      if (rowNumber > 1) setStyle(cell, { numFmt });
    });
  }

  private applyValidation(ws: ExcelJS.Worksheet, column: number, validation: ColumnValidation, dataRows: number): void {
    const model = validationsOf(ws).model;
    // Replace, never accumulate: drop every rule touching this column's data cells.
    for (const address of Object.keys(model)) {
      if (columnsOfRange(address, 2).includes(column)) delete model[address];
    }
    const letter = columnLetter(column);
    if (validation.kind !== 'list') this.freeListColumn(`${ws.name}!${letter}`);
    if (validation.kind === 'none' || dataRows < 1) return;
    let formula: string;
    if (validation.kind === 'range') {
      const source = this.find(validation.sheet);
      const sourceRows = source ? scan(source, false).rows : 0;
      const last = Math.max(dataRows + 1, sourceRows, 2);
      const l = columnLetter(validation.column);
      formula = `${quoteSheet(source?.name ?? validation.sheet)}!$${l}$2:$${l}$${last}`;
    } else {
      if (validation.values.length === 0) return;
      const inline = `"${validation.values.join(',')}"`;
      const fitsInline = inline.length <= INLINE_LIST_MAX && validation.values.every((v) => !/[,"]/.test(v) && v !== '');
      if (fitsInline) {
        this.freeListColumn(`${ws.name}!${letter}`);
        formula = inline;
      } else {
        formula = this.listRange(`${ws.name}!${letter}`, validation.values);
      }
    }
    const rule: ExcelJS.DataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      // A warning rather than a refusal: Carnet checks values itself, and a person pasting a new
      // value should be told, not blocked.
      showErrorMessage: true,
      errorStyle: 'warning',
    };
    // One range rule for the whole column, not one per cell.
    model[`${letter}2:${letter}${dataRows + 1}`] = rule;
  }

  /** Writes a long list into the helper sheet; returns the range formula reading it. */
  private listRange(key: string, values: string[]): string {
    const existed = !!this.find(LISTS_SHEET);
    if (!existed) this.book.addWorksheet(LISTS_SHEET, { state: 'veryHidden' });
    const lists = this.need(LISTS_SHEET);
    const header = lists.getRow(1);
    let target = 0;
    let free = 0;
    for (let c = 1; c <= Math.max(lists.columnCount, 1) + 1; c++) {
      const v = header.getCell(c).value;
      if (typeof v === 'string' && sameListKey(v, key)) {
        target = c;
        break;
      }
      if ((v === null || v === undefined) && !free) free = c;
    }
    if (!target) target = free || lists.columnCount + 1;
    this.clearListColumn(lists, target);
    header.getCell(target).value = key;
    values.forEach((v, i) => (lists.getCell(i + 2, target).value = v === '' ? null : v));
    const l = columnLetter(target - 1);
    return `${quoteSheet(LISTS_SHEET)}!$${l}$2:$${l}$${values.length + 1}`;
  }

  private freeListColumn(key: string): void {
    const lists = this.find(LISTS_SHEET);
    if (!lists) return;
    lists.getRow(1).eachCell((cell, c) => {
      if (typeof cell.value === 'string' && sameListKey(cell.value, key)) {
        this.clearListColumn(lists, c);
        cell.value = null;
      }
    });
  }

  private clearListColumn(lists: ExcelJS.Worksheet, column: number): void {
    lists.getColumn(column).eachCell((cell, rowNumber) => {
      if (rowNumber > 1) cell.value = null;
    });
  }

  private decodeRule(rule: ExcelJS.DataValidation): ColumnValidation {
    const formula = String(rule.formulae?.[0] ?? '');
    if (rule.type === 'list' && /^".*"$/s.test(formula)) return { kind: 'list', values: formula.slice(1, -1).split(',') };
    const ref = parseReference(formula);
    if (rule.type === 'list' && ref) {
      if (ref.sheet.toLowerCase() === LISTS_SHEET) {
        const lists = this.need(LISTS_SHEET);
        const values: string[] = [];
        for (let r = 2; r <= ref.lastRow; r++) {
          const v = toCell(lists.getCell(r, ref.column + 1).value);
          values.push(v === null ? '' : String(v));
        }
        return { kind: 'list', values };
      }
      return { kind: 'range', sheet: ref.sheet, column: ref.column };
    }
    return { kind: 'none' };
  }
}

// -----------------------------------------------------------------------------------------------
// Loading

interface Loaded {
  book: ExcelJS.Workbook;
  /** See XlsxWorkbook.wouldLose. */
  unsupported: string[];
}

async function loadFile(path: string): Promise<Loaded & { stamp: DiskStamp }> {
  let buffer: Buffer;
  let stats: Stats;
  try {
    // Stat and read through one handle: the stamp then describes exactly the bytes we parsed, even
    // if another process renames a new version in between.
    const handle = await fs.open(path, 'r');
    try {
      stats = await handle.stat();
      if (stats.isDirectory()) fail(`${path} is a directory, not an .xlsx workbook`);
      buffer = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof CarnetError) throw error;
    if (errorCode(error) === 'ENOENT') fail(`No such file: ${path}`);
    if (errorCode(error) === 'EISDIR') fail(`${path} is a directory, not an .xlsx workbook`);
    fail(`Cannot read ${path}: ${describeFsError(error)}`);
  }
  return { ...(await parseXlsx(path, buffer)), stamp: stampOf(stats) };
}

async function parseXlsx(path: string, buffer: Buffer): Promise<Loaded> {
  const notXlsx = (why: string): never => fail(`${path} is not an .xlsx workbook (${why})`);
  if (buffer.length === 0) notXlsx('the file is empty');
  // OLE2 compound file: a legacy .xls, or an .xlsx encrypted with a password (Excel wraps those).
  if (buffer.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    notXlsx('it is an old .xls file or a password-protected workbook');
  }
  const magic = buffer.subarray(0, 4).toString('latin1');
  if (magic !== 'PK\x03\x04' && magic !== 'PK\x05\x06') notXlsx('not a zip archive');
  // ExcelJS loads any zip without complaint (and finds no sheets): look for the part it needs.
  // Entry names are stored uncompressed, so the bytes contain the name when the entry exists.
  if (!buffer.includes('xl/workbook.xml')) notXlsx('a zip archive without xl/workbook.xml');
  const book = new ExcelJS.Workbook();
  try {
    // ExcelJS's typings want its own Buffer declaration (an ArrayBuffer); a Node Buffer is what it reads.
    await book.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch (error) {
    notXlsx(`damaged: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const ws of book.worksheets) compactValidations(ws);
  const unsupported = UNSUPPORTED_PARTS.filter(([part]) => buffer.includes(part)).map(([, what]) => what);
  return { book, unsupported };
}

/**
 * Zip entries ExcelJS 4.4 does not read, so that writing the workbook back deletes them. Entry
 * names are stored uncompressed, so looking for them in the bytes is enough.
 */
const UNSUPPORTED_PARTS: [string, string][] = [
  ['xl/charts/', 'charts'],
  ['xl/chartsheets/', 'chart sheets'],
  ['xl/pivotTables/', 'pivot tables'],
  ['xl/slicers/', 'slicers'],
  ['xl/timelines/', 'timelines'],
  ['xl/vbaProject.bin', 'macros'],
  ['xl/externalLinks/', 'links to other workbooks'],
  ['xl/threadedComments/', 'threaded comments'],
];

function listInWords(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * ExcelJS expands every loaded validation range into one entry per cell, and its writer merges them
 * back into *overlapping* ranges (B10:C1001 and B2:C1001 for two column rules): Excel then reports
 * the file as damaged. Rebuild one range per column run for each loaded rule.
 */
function compactValidations(ws: ExcelJS.Worksheet): void {
  const model = validationsOf(ws).model;
  const byRule = new Map<ExcelJS.DataValidation, Map<number, number[]>>();
  for (const [address, rule] of Object.entries(model)) {
    if (!rule) continue;
    const m = /^([A-Z]+)(\d+)$/.exec(address);
    if (!m) continue; // already a range
    const col = letterToColumn(m[1]!);
    let cols = byRule.get(rule);
    if (!cols) byRule.set(rule, (cols = new Map()));
    let rows = cols.get(col);
    if (!rows) cols.set(col, (rows = []));
    rows.push(Number(m[2]));
    delete model[address];
  }
  for (const [rule, cols] of byRule) {
    for (const [col, rows] of cols) {
      rows.sort((a, b) => a - b);
      const l = columnLetter(col);
      for (let i = 0; i < rows.length; ) {
        let j = i;
        while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
        model[`${l}${rows[i]}:${l}${rows[j]}`] = rule;
        i = j + 1;
      }
    }
  }
}

// -----------------------------------------------------------------------------------------------
// Cells

/** The port's view of a cell value: dates as serials, formulas as their cached result, text as text. */
function toCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  // ExcelJS builds Dates as UTC wall clock, so this is time-zone free.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : serialFromUtcDate(value);
  if ('error' in value) return value.error;
  if ('richText' in value) return toCell(value.richText.map((r) => r.text).join(''));
  if ('formula' in value || 'sharedFormula' in value) {
    if (value.result !== undefined) return toCell(value.result);
    // LibreOffice saves booleans as the formulas TRUE()/FALSE() with a cached 1/0 that ExcelJS
    // drops; read them back as the booleans they are.
    const f = 'formula' in value ? value.formula : undefined;
    if (typeof f === 'string' && /^(TRUE|FALSE)\(\)$/i.test(f.trim())) return f.trim().toUpperCase() === 'TRUE()';
    return null;
  }
  if ('text' in value) {
    // A hyperlink's text may itself be rich text.
    const text: unknown = value.text;
    if (typeof text === 'string') return toCell(text);
    if (text && typeof text === 'object' && 'richText' in text) return toCell(text as ExcelJS.CellRichTextValue);
  }
  return null;
}

/** Values (sparse, 0-based) and the used size; the values are skipped when only the size matters. */
function scan(ws: ExcelJS.Worksheet, withValues: boolean): { cells: Cell[][]; rows: number; columns: number } {
  const cells: Cell[][] = [];
  let rows = 0;
  let columns = 0;
  ws.eachRow((row, rowNumber) => {
    row.eachCell((cell, colNumber) => {
      // A merged cell's other cells echo the top-left value in ExcelJS; spreadsheets show them empty.
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const v = toCell(cell.value);
      if (v === null) return;
      if (rowNumber > rows) rows = rowNumber;
      if (colNumber > columns) columns = colNumber;
      if (withValues) (cells[rowNumber - 1] ??= [])[colNumber - 1] = v;
    });
  });
  return { cells, rows, columns };
}

function setStyle(cell: ExcelJS.Cell, patch: Partial<ExcelJS.Style>): void {
  // See applyNumberFormat: style objects are shared, so replace rather than mutate.
  cell.style = { ...cell.style, ...patch };
}

/** ExcelJS's own rule (utils.isDateFmt) for which formats make a number a date on load. */
function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\x00-\x08\x0B\x0C\x0D\x0E-\x1F\x7F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;

/** OOXML ST_Xstring escaping. */
function escapeXString(s: string): string {
  return s
    .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_')
    .replace(/[\x00-\x08\x0B\x0C\x0D\x0E-\x1F\x7F\uFFFE\uFFFF]/g, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

// -----------------------------------------------------------------------------------------------
// Sheets, ranges, references

function validationsOf(ws: ExcelJS.Worksheet): DataValidations {
  return (ws as unknown as { dataValidations: DataValidations }).dataValidations;
}

function visibilityOf(ws: ExcelJS.Worksheet): Visibility {
  return ws.state === 'veryHidden' ? 'very' : ws.state === 'hidden' ? 'hidden' : 'visible';
}

function checkSheetName(name: string): void {
  // ExcelJS would silently truncate a long name; a sheet Carnet cannot find again is worse.
  let why: string | undefined;
  if (name.trim() === '') why = 'it is empty';
  else if (name.length > 31) why = 'it is longer than 31 characters';
  else if (/[*?:/\\[\]]/.test(name)) why = 'it contains one of * ? : / \\ [ ]';
  else if (/^'|'$/.test(name)) why = 'it starts or ends with an apostrophe';
  else if (name.toLowerCase() === 'history') why = '"History" is reserved by Excel';
  if (why) fail(`"${name}" cannot be a sheet name: ${why}`, 'E_BAD_INPUT');
}

function checkIndex(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) fail(`Bad ${what} index: ${n}`, 'E_BAD_INPUT');
}

/** `'Sheet Name'!`-style quoting; always quoting is valid and spares deciding when it is needed. */
interface Reference {
  sheet: string;
  column: number;
  lastRow: number;
}

function parseReference(formula: string): Reference | undefined {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(formula.trim());
  if (!m) return undefined;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!;
  return { sheet, column: letterToColumn(m[3]!), lastRow: Number(m[6] ?? m[4]) };
}

function parseListKey(key: string): { sheet: string; letter: string } | undefined {
  const i = key.lastIndexOf('!');
  return i > 0 ? { sheet: key.slice(0, i), letter: key.slice(i + 1) } : undefined;
}

function sameListKey(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** 0-based columns a validation address (`B7`, `B2:B100`, `B2:C9 E4`) covers from row `fromRow` down. */
function columnsOfRange(address: string, fromRow: number): number[] {
  const out: number[] = [];
  for (const part of address.split(/\s+/)) {
    const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(part);
    if (!m) continue;
    const c1 = letterToColumn(m[1]!);
    const c2 = letterToColumn(m[3] ?? m[1]!);
    const bottom = Number(m[4] ?? m[2]);
    if (bottom < fromRow) continue;
    for (let c = Math.min(c1, c2); c <= Math.max(c1, c2); c++) out.push(c);
  }
  return out;
}

function letterToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A formula after deleting rows of one sheet (`deleted` ascending, `gone` the same as a set, 1-based). */
export function shiftRowReferences(formula: string, sheet: string, onSheet: boolean, deleted: number[], gone: Set<number>): string {
  return moveRows(formula, sheet, onSheet, (row) => (gone.has(row) ? undefined : row - countBelow(deleted, row)));
}

function isShared(value: ExcelJS.CellValue): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return 'sharedFormula' in value || (value as { shareType?: string }).shareType === 'shared';
}

/** How many values of the ascending list are less than `row0`. */
function countBelow(sorted: number[], row0: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < row0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// -----------------------------------------------------------------------------------------------
// Files

function stampOf(s: Stats): DiskStamp {
  return { ino: s.ino, size: s.size, mtimeMs: s.mtimeMs };
}

function sameStamp(a: DiskStamp, s: Stats): boolean {
  return a.ino === s.ino && a.size === s.size && a.mtimeMs === s.mtimeMs;
}

async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await fs.stat(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return undefined;
    fail(`Cannot read ${path}: ${describeFsError(error)}`);
  }
}

/** Windows refuses to replace a file another program holds open for a moment (antivirus, indexer). */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      const code = errorCode(error);
      if (attempt >= 10 || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * (attempt + 1)));
    }
  }
}

/** Makes the rename itself durable; not possible (nor needed) on Windows. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // best effort
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function errorField(error: unknown, field: 'path' | 'dest'): string | undefined {
  const v = typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[field] : undefined;
  return typeof v === 'string' ? v : undefined;
}

function fail(message: string, code: 'E_FILE' | 'E_BAD_INPUT' = 'E_FILE'): never {
  throw new CarnetError({ code, message });
}
