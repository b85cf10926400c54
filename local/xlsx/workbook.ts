/**
 * The `.xlsx` file host of the port, as a package patcher.
 *
 * A command reads only the parts it needs (the workbook, the shared strings, the sheets it reads)
 * and a save writes back only the parts it changed — the other parts of the package go out with
 * their original compressed bytes — so whatever a team keeps in its workbook (charts, pivot tables,
 * macros, drawings, their own formulas and styles) survives every save untouched. Inside a sheet,
 * only the rows holding cells Carnet writes are re-made, and in them only those cells (book.ts,
 * sheet/sheet-part.ts).
 *
 * The disk is touched only when the outermost `transaction` returns (or by `save()`), and then
 * atomically: temp file, fsync, the previous version kept as `<path>.bak`, rename over the
 * original. A crash at any point leaves either the old or the new file. A file another program
 * saved meanwhile is never overwritten (E_CONFLICT). Between transactions the parsed parts stay in
 * memory while the file on disk is the one last read or written, so a long-running server pays the
 * parsing once.
 */

import { AsyncLocalStorage } from 'node:async_hooks';
import os from 'node:os';
import nodePath from 'node:path';
import { CarnetError } from '../../core/errors.js';
import { say } from '../../core/messages/say.js';
import {
  a1,
  checkBlocks,
  checkFormulas,
  conflictError,
  isFormula,
  movedCells,
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
} from '../../core/workbook.js';
import { acquireLock, type LockOptions } from '../file-lock.js';
import { saveAtomically } from '../save/atomic.js';
import { cleanLeftovers } from '../save/leftovers.js';
import { resolveTarget } from '../save/link-target.js';
import { lockPathFor } from '../save/names.js';
import { openedBy, openedElsewhereError } from '../save/program-locks.js';
import { blankPackage } from './blank.js';
import { Book } from './book.js';
import { fail } from './errors.js';
import { openPackage, readFileWithStamp, statOrUndefined, type DiskStamp } from './files.js';
import { sameStamp } from '../save/atomic.js';
import { applyLayout, readLayout } from './layout.js';
import { readNotes } from './notes.js';
import { XlsxPackage } from './package.js';
import { protectionsOf, protectSheets } from './protection.js';
import { placeCharts } from './report-charts.js';
import { clearReport, formatReport, readReport, type StoredReport } from './report-format.js';
import { dropStaleResults } from './recalc.js';
import { renameSheet } from './rename.js';
import { deleteSheetRows } from './row-deletion.js';
import { translate } from './formula-refs.js';
import { letters } from './sheet/cell-ref.js';
import type { StoredLayout } from '../../core/stored-layout.js';
import { expandShared } from './shared-formulas.js';
import { parseRange } from './sheet/cell-ref.js';
import { extendTables } from './tables.js';
import type { SheetEntry, SheetState } from './workbook-part.js';

export interface XlsxOptions {
  /** Who is acting; defaults to the OS user. */
  user?: UserInfo;
  /** Lock timing and waiting (a terminal shows progress through `onWait`); tests shorten them. */
  lock?: LockOptions;
  /**
   * Save even while LibreOffice or Excel has the file open. Their next save then overwrites what
   * Carnet wrote, so by default Carnet refuses (the CLI's `--force` sets this).
   */
  force?: boolean;
  /** Told what a person should know after a save: the file changed owner, a leftover stayed… */
  onWarning?: (message: string) => void;
}

const STATE: Record<Visibility, SheetState> = { visible: 'visible', hidden: 'hidden', very: 'veryHidden' };
const VISIBILITY: Record<SheetState, Visibility> = { visible: 'visible', hidden: 'hidden', veryHidden: 'very' };

/** What the file holds in a cell besides its value (tests, the contract's `cellAt`). */
export interface StoredCellInfo {
  formula?: string;
  numberFormat?: string;
  note?: string;
}

export class XlsxWorkbook implements Workbook {
  readonly capabilities: Capabilities = {
    veryHidden: true,
    rangeValidation: true,
    // xlsx sheet protection is one flag (and an optional password) for everybody.
    perUserProtection: false,
    deferredWrites: true,
    // Nothing calculates here: a formula keeps the value core gave until Excel or LibreOffice opens
    // the file (results that may be stale are dropped so they do recalculate, recalc.ts).
    // deleteRows rewrites references like a spreadsheet.
    formulas: 'on-open',
    merges: true,
    // Carnet writes no pivot table parts into a package: the report sheet it builds is the table.
    pivotTables: 'none',
  };

  /** True inside this instance's outermost transaction, across awaits (nested calls join it). */
  private readonly inTransaction = new AsyncLocalStorage<true>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly lockOptions: LockOptions;

  private constructor(
    private readonly filePath: string,
    private book: Book,
    /** The archive as last read or written; undefined while the workbook has never been on disk. */
    private bytes: Buffer | undefined,
    /** The file as last read or written. */
    private stamp: DiskStamp | undefined,
    private readonly options: XlsxOptions,
  ) {
    this.lockOptions = options.lock ?? {};
  }

  /** Opens an existing workbook. E_FILE when it is missing, unreadable or not an .xlsx. */
  static async open(path: string, options: XlsxOptions = {}): Promise<XlsxWorkbook> {
    const { buffer, stamp } = await readFileWithStamp(path);
    return new XlsxWorkbook(path, bookOf(path, buffer), buffer, stamp, options);
  }

  /**
   * A new empty workbook, on disk only at the first save or transaction.
   * E_FILE when the file already exists (never overwrite someone's workbook by accident).
   */
  static async create(path: string, options: XlsxOptions = {}): Promise<XlsxWorkbook> {
    if (await statOrUndefined(path)) fail(say('{path} already exists', { path }));
    const dir = nodePath.dirname(nodePath.resolve(path));
    if (!(await statOrUndefined(dir))?.isDirectory()) fail(say('No such directory: {path}', { path: nodePath.dirname(path) }));
    const wb = new XlsxWorkbook(path, new Book(blankPackage()), undefined, undefined, options);
    wb.neverSaved = true;
    return wb;
  }

  private neverSaved = false;

  get path(): string {
    return this.filePath;
  }

  /** True when there are changes in memory that are not on disk yet. */
  get unsaved(): boolean {
    return this.neverSaved || this.restored || this.book.changed;
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  async sheets(): Promise<SheetInfo[]> {
    return this.book.worksheets().map((s) => {
      const { rows, columns } = this.book.part(s).usedSize(this.book.context);
      return { name: s.name, visibility: VISIBILITY[s.state], rows, columns };
    });
  }

  async read(sheet: string): Promise<Grid> {
    const entry = this.book.find(sheet);
    return entry ? this.book.grid(entry) : [];
  }

  async formulaCells(sheet: string, range: CellRange): Promise<{ row: number; column: number }[]> {
    const entry = this.book.find(sheet);
    if (!entry) return [];
    const { formulas } = this.book.part(entry).decode(this.book.context);
    const out: { row: number; column: number }[] = [];
    for (const [row, cells] of formulas) {
      if (row < range.top || row > range.bottom) continue;
      for (const c of cells) if (c.column >= range.left && c.column <= range.right) out.push({ row, column: c.column });
    }
    return out.sort((a, b) => a.row - b.row || a.column - b.column);
  }

  async merges(sheet: string): Promise<CellRange[]> {
    const entry = this.book.find(sheet);
    return entry ? this.book.merges(entry) : [];
  }

  // ---------------------------------------------------------------------------------------------
  // Writing (in memory; made durable by the outermost transaction)

  async write(sheet: string, row: number, column: number, grid: WriteGrid): Promise<void> {
    const entry = this.need(sheet);
    checkIndex(row, 'row');
    checkIndex(column, 'column');
    checkFormulas(grid);
    this.put(entry, [{ row, column, cells: grid }]);
  }

  async writeBlocks(sheet: string, blocks: CellBlock[], expect: ExpectedCell[] = []): Promise<void> {
    const entry = this.need(sheet);
    checkBlocks(blocks);
    this.verify(entry, expect);
    this.put(entry, blocks);
  }

  async append(sheet: string, rows: WriteGrid): Promise<void> {
    const entry = this.need(sheet);
    checkFormulas(rows);
    const start = this.book.part(entry).usedSize(this.book.context).rows;
    this.put(entry, [{ row: start, column: 0, cells: rows }]);
  }

  private put(entry: SheetEntry, blocks: { row: number; column: number; cells: WriteGrid }[]): void {
    const cells: { row: number; column: number; value: WriteCell }[] = [];
    for (const b of blocks) b.cells.forEach((line, r) => line.forEach((value, c) => cells.push({ row: b.row + r, column: b.column + c, value })));
    if (cells.length === 0) return;
    const part = this.book.part(entry);
    this.beforeWriting(entry, cells);
    part.write(cells, this.book.context, entry.name);
    const filled = cells.filter((c) => c.value !== null && c.value !== '');
    extendTables(this.book.pkg, entry.path, [...new Set(filled.map((c) => c.row))], [...new Set(filled.map((c) => c.column))]);
  }

  /**
   * A cell about to be written that holds the first formula of a shared group (Excel's fill-down)
   * would take the group's formula with it: the group is written out in full first. A cell inside
   * an array formula's range cannot be written alone (Excel refuses it too): refused, nothing written.
   */
  private beforeWriting(entry: SheetEntry, cells: readonly { row: number; column: number }[]): void {
    const part = this.book.part(entry);
    const { formulas } = part.decode(this.book.context);
    if (formulas.size === 0) return;
    const masters = new Set<string>();
    const arrays: { range: CellRange; ref: string }[] = [];
    for (const [row, list] of formulas) {
      for (const f of list) {
        if (f.shared?.ref !== undefined && f.formula !== undefined) masters.add(`${row}:${f.column}:${f.shared.si}`);
        if (f.arrayRef) {
          const range = parseRange(f.arrayRef);
          if (range && (range.bottom > range.top || range.right > range.left)) arrays.push({ range, ref: f.arrayRef });
        }
      }
    }
    for (const c of cells) {
      const a = arrays.find((x) => c.row >= x.range.top && c.row <= x.range.bottom && c.column >= x.range.left && c.column <= x.range.right);
      if (a) {
        throw new CarnetError({
          code: 'E_FILE',
          sheet: entry.name,
          cell: a1(c.row, c.column),
          message: say('{cell} is part of the array formula in {range}, which cannot be changed one cell at a time; nothing was written. Clear or move the array formula first.', {
            cell: `${entry.name}!${a1(c.row, c.column)}`,
            range: a.ref,
          }),
        });
      }
    }
    if (masters.size === 0) return;
    const targets = new Set(cells.map((c) => `${c.row}:${c.column}`));
    const hit = new Set([...masters].filter((m) => targets.has(m.split(':').slice(0, 2).join(':'))).map((m) => m.split(':')[2]!));
    if (hit.size) expandShared(part, () => true, hit);
  }

  /** E_CONFLICT, before anything is written, when an expected cell no longer holds what core read. */
  private verify(entry: SheetEntry, expect: readonly ExpectedCell[]): void {
    if (expect.length === 0) return;
    const { values } = this.book.part(entry).decode(this.book.context);
    const moved = movedCells(expect, (r, c) => values[r]?.[c] ?? null);
    if (moved.length) throw conflictError(entry.name, moved[0]!);
  }

  async deleteRows(sheet: string, rows: number[], expect: ExpectedCell[] = []): Promise<void> {
    const entry = this.need(sheet);
    this.verify(entry, expect);
    const last = this.book.part(entry).lastRowNumber();
    const doomed = rows.filter((r) => Number.isInteger(r) && r >= 0 && r < last);
    if (doomed.length === 0) return;
    deleteSheetRows(this.book, entry, doomed);
  }

  async ensureSheet(name: string, options: { visibility?: Visibility; index?: number } = {}): Promise<boolean> {
    const existing = this.book.find(name);
    if (existing) {
      const state = options.visibility ? STATE[options.visibility] : undefined;
      if (state && existing.state !== state) this.book.workbook.setState(existing.index, state);
      return false;
    }
    checkSheetName(name);
    const tab = this.book.findTab(name);
    if (tab) fail(tab.kind === 'chartsheet' ? say('A chart sheet named "{name}" already exists', { name: tab.name }) : say('A sheet named "{name}" already exists', { name: tab.name }), 'E_BAD_INPUT');
    this.book.addWorksheet(name, STATE[options.visibility ?? 'visible'], options.index);
    return true;
  }

  async renameSheet(from: string, to: string): Promise<void> {
    const entry = this.need(from);
    if (entry.name === to) return;
    checkSheetName(to);
    const clash = this.book.findTab(to);
    if (clash && clash.index !== entry.index) fail(say('A sheet named "{name}" already exists', { name: clash.name }), 'E_BAD_INPUT');
    renameSheet(this.book, entry, to);
  }

  async layout(sheet: string, layout: SheetLayout): Promise<void> {
    applyLayout(this.book, this.need(sheet), layout);
  }

  /** A report's sheet emptied, its part, tab and relationship kept (report-format.ts). */
  async clearSheet(sheet: string): Promise<void> {
    clearReport(this.book, this.need(sheet));
  }

  async formatSheet(sheet: string, format: SheetFormat): Promise<void> {
    formatReport(this.book, this.need(sheet), format);
  }

  /** DrawingML charts over the sheet's cells, in place of Carnet's earlier ones (report-charts.ts). */
  async charts(sheet: string, charts: ChartSpec[]): Promise<void> {
    const entry = this.need(sheet);
    const grid = this.book.grid(entry);
    const part = this.book.part(entry);
    placeCharts(this.book, entry, charts, {
      sheet: entry.name,
      value: (row, column) => grid[row]?.[column] ?? null,
      numberFormat: (row, column) => this.book.styles().numberFormat(part.styleAt(row, column)),
    });
  }

  /** Core checks `capabilities.pivotTables` first: reaching this is a programming error. */
  async pivotTable(spec: NativePivotSpec): Promise<void> {
    throw new Error(`The .xlsx host has no native pivot tables (capabilities.pivotTables is 'none'): "${spec.name}" was not placed on ${spec.target.sheet}.`);
  }

  /** `<sheetProtection>` per sheet; a team's password is refused, never replaced (protection.ts). */
  async protect(plan: ProtectionPlan): Promise<void> {
    protectSheets(this.book, plan.sheets.map((p) => ({ entry: this.need(p.name), locked: p.locked })));
  }

  async protections(sheets: string[]): Promise<ProtectionState[]> {
    return protectionsOf(this.book, sheets);
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
      this.forced = true;
      return;
    }
    const run = () => this.outermost(async () => undefined, true);
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private forced = false;

  private async outermost<T>(fn: () => Promise<T>, forceSave: boolean): Promise<T> {
    // One lock per file, whichever link it is opened through.
    const lockPath = lockPathFor(await resolveTarget(this.filePath));
    const lock = await acquireLock(lockPath, nodePath.basename(this.filePath), this.lockOptions);
    try {
      // A crashed save's temp files are full copies of the CRM: gone before anything else.
      await cleanLeftovers(this.filePath, { lockPath, ...(this.options.onWarning ? { onWarning: this.options.onWarning } : {}) });
      await this.catchUpWithDisk();
      // Changes made outside any transaction are not on disk, so a failure could not get them back
      // from there: keep them in a snapshot. Otherwise the archive last read is the snapshot.
      const snapshot = this.book.changed ? Buffer.concat(await this.book.serialize()) : undefined;
      this.forced = forceSave;
      try {
        const result = await this.inTransaction.run(true, fn);
        if (this.book.changed || this.forced || this.neverSaved || this.restored) await this.writeToDisk();
        return result;
      } catch (error) {
        this.rollback(snapshot);
        throw error;
      }
    } finally {
      this.forced = false;
      await lock.release();
    }
  }

  /** Another process may have saved since we loaded: take its version, never overwrite it. */
  private async catchUpWithDisk(): Promise<void> {
    const onDisk = await statOrUndefined(this.filePath);
    if (!onDisk) return; // never saved, or deleted: the save will (re)create it
    if (this.stamp && sameStamp(this.stamp, onDisk)) return;
    if (this.book.changed || this.neverSaved || this.restored) {
      fail(
        this.stamp
          ? say('{path} was changed by someone else while Carnet had unsaved changes; open it again and redo them', { path: this.filePath })
          : say('{path} was created by someone else in the meantime', { path: this.filePath }),
      );
    }
    const { buffer, stamp } = await readFileWithStamp(this.filePath);
    this.book = bookOf(this.filePath, buffer);
    this.bytes = buffer;
    this.stamp = stamp;
  }

  /** The book was restored from a snapshot holding changes not on disk: the next transaction saves them. */
  private restored = false;

  private rollback(snapshot: Buffer | undefined): void {
    if (snapshot) {
      this.book = new Book(XlsxPackage.open(snapshot));
      this.restored = true;
    }
    else if (this.bytes) this.book = bookOf(this.filePath, this.bytes);
    else this.book = new Book(blankPackage());
  }

  private async writeToDisk(): Promise<void> {
    if (!this.options.force) {
      const opened = await openedBy(this.filePath);
      if (opened) throw openedElsewhereError(this.filePath, opened);
    }
    dropStaleResults(this.book);
    const chunks = await this.book.serialize();
    this.stamp = await saveAtomically(this.filePath, chunks, { expect: this.stamp ?? null, ...(this.options.onWarning ? { onWarning: this.options.onWarning } : {}) });
    const buffer = Buffer.concat(chunks);
    this.book.saved(buffer);
    this.bytes = buffer;
    this.neverSaved = false;
    this.restored = false;
  }

  // ---------------------------------------------------------------------------------------------
  // Introspection (tests, `check`)

  /** What the file says about the layout of these columns; see StoredLayout. */
  async storedLayout(sheet: string, columns: number[]): Promise<StoredLayout> {
    return readLayout(this.book, this.need(sheet), columns);
  }

  /** What the file holds of a report's sheet: panes, which of `cells` are bold, their number formats, its charts. */
  async storedReport(sheet: string, cells: { row: number; column: number }[]): Promise<StoredReport> {
    return readReport(this.book, this.need(sheet), cells);
  }

  /** What a cell holds besides its value: its formula (with `=`), number format and note. */
  async cellInfo(sheet: string, row: number, column: number): Promise<StoredCellInfo> {
    const entry = this.need(sheet);
    const part = this.book.part(entry);
    const { formulas } = part.decode(this.book.context);
    const out: StoredCellInfo = {};
    const cell = formulas.get(row)?.find((c) => c.column === column);
    if (cell?.formula !== undefined) out.formula = `=${cell.formula}`;
    else if (cell?.shared) {
      for (const [r, cells] of formulas) {
        const master = cells.find((c) => c.shared?.si === cell.shared!.si && c.formula !== undefined);
        if (master) out.formula = `=${translate(master.formula!, row - r, column - master.column)}`;
      }
    }
    const fmt = this.book.styles().numberFormat(part.styleAt(row, column));
    if (fmt !== 'General') out.numberFormat = fmt;
    const note = readNotes(this.book.pkg, entry.path).get(`${letters(column)}${row + 1}`);
    if (note !== undefined) out.note = note;
    return out;
  }

  /** The package (tests and local tooling only, never core: it is not the port). */
  get packageForTests(): XlsxPackage {
    return this.book.pkg;
  }

  // ---------------------------------------------------------------------------------------------

  private need(name: string): SheetEntry {
    const entry = this.book.find(name);
    if (!entry) throw new CarnetError({ code: 'E_NOT_FOUND', message: say('No sheet named "{name}"', { name }), sheet: name });
    return entry;
  }
}

function bookOf(path: string, buffer: Buffer): Book {
  const pkg = openPackage(path, buffer);
  try {
    return new Book(pkg);
  } catch (error) {
    fail(say('{path} is not an .xlsx workbook (damaged: {reason})', { path, reason: error instanceof Error ? error.message : String(error) }));
  }
}

function checkIndex(n: number, what: 'row' | 'column'): void {
  if (!Number.isInteger(n) || n < 0) fail(what === 'row' ? say('Bad row index: {n}', { n }) : say('Bad column index: {n}', { n }), 'E_BAD_INPUT');
}

export function checkSheetName(name: string): void {
  // A name Excel would reject or truncate is a sheet Carnet cannot find again.
  let why: string | undefined;
  if (name.trim() === '') why = say('it is empty');
  else if (name.length > 31) why = say('it is longer than 31 characters');
  else if (/[*?:/\\[\]]/.test(name)) why = say('it contains one of * ? : / \\ [ ]');
  else if (/^'|'$/.test(name)) why = say('it starts or ends with an apostrophe');
  else if (name.toLowerCase() === 'history') why = say('"History" is reserved by Excel');
  if (why) fail(say('"{name}" cannot be a sheet name: {why}', { name, why }), 'E_BAD_INPUT');
}

export { a1, isFormula };
