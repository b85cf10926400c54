/**
 * A typed in-memory Excel behind the Office.js subset Carnet uses (office-addin/excel-api.ts),
 * behaving like Excel where Carnet depends on it:
 *
 * - Batching: property writes and method calls are queued and run in order at `context.sync()`;
 *   a loaded property read before its sync throws, like Office.js's PropertyNotLoaded. Every sync
 *   is counted (`excel.syncs`): the tests' proof that round trips do not grow with rows.
 * - Payload: Excel on the web's 5 MB limit on a request (nothing applied) and on a response.
 * - Input parsing: `range.values` is taken like typed input — `=…` a formula, `0042` a number,
 *   `TRUE` a boolean, `2026-11-27` a date, a leading apostrophe a quote prefix — unless the cell
 *   has the Text format `@`, which keeps text as typed. Two behaviours the evidence did not settle
 *   are options, so that the adapter is tested under both readings.
 * - `null` in a written 2-D array leaves the cell unchanged; `''` clears it. A 1×1 number-format
 *   array applies to a whole range; any other shape must match the range.
 * - Used ranges by values; entire-row deletion shifting cells (values, formats, validation, notes);
 *   sheet renames rewriting the validation formulas that name the sheet; worksheet protection
 *   refusing writes (AccessDenied) and a second protect (InvalidOperation).
 * - Formulas, from `values` or `formulas` alike, are stored as text and calculated whenever values
 *   are loaded (test/helpers/fake-formulas.ts: arithmetic, ROUND, SUM…; one it cannot parse, or an
 *   unknown function, reads `#NAME?`). Deleting rows and renaming a sheet rewrite the references of
 *   every formula, as Excel does. A formula typed into a Text cell stays text.
 *
 * Why not office-addin-mock alone: its OfficeMockObject models properties that a test declares
 * up front and their load/sync state, but not ranges computed from indexes, values that depend on
 * number formats, used ranges, row deletion or a count of syncs. It is used where it fits: the
 * `Office` object (requirements, platform, settings) in the task pane tests.
 *
 * Deliberate simplifications: a fresh workbook has no sheet (Excel always has one, which would
 * break the contract's exact listings); hiding the last visible sheet is allowed; only a sliver of
 * the formula language is calculated.
 */

import type {
  RunBatch,
  XlAllowEditRange,
  XlAllowEditRangeCollection,
  XlApplication,
  XlContext,
  XlDataValidation,
  XlFreezePanes,
  XlNote,
  XlNoteCollection,
  XlProtectionOptions,
  XlRange,
  XlRangeFormat,
  XlWorkbook,
  XlWorksheet,
  XlWorksheetCollection,
  XlWorksheetProtection,
} from '../../office-addin/excel-api.js';
import { utf8Length } from '../../office-addin/payload.js';
import { deletion, evaluate, moveRows, renameSheetIn, type Scalar } from '../helpers/fake-formulas.js';

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export interface FakeExcelOptions {
  /** Bytes per request and per response (Excel on the web: 5 MB). Infinity models the desktop. */
  payloadLimit?: number;
  /** A leading apostrophe typed into a Text cell: kept as a character, or taken as a quote prefix. */
  apostropheInTextCells?: 'kept' | 'prefix';
  /** A number written into a Text cell: stored as text (as typing does), or as a number. */
  numbersInTextCells?: 'text' | 'number';
}

export class FakeExcelError extends Error {
  override readonly name = 'RichApi.Error';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Rule {
  source: string;
  inCellDropDown: boolean;
  alert?: { message: string; showAlert: boolean; style: string; title: string };
  ignoreBlanks?: boolean;
}

export interface FakeCell {
  /** Unused while `formula` is set: the value is then calculated at each load (`FakeExcel.valueAt`). */
  value: string | number | boolean;
  /** A formula, with its `=`. */
  formula?: string;
  format: string;
  quotePrefix?: boolean;
  bold?: boolean;
  rule?: Rule;
  note?: string;
}

export class FakeSheet {
  visibility = 'Visible';
  readonly rows: (FakeCell | undefined)[][] = [];
  /** Column widths in points. */
  readonly widths = new Map<number, number>();
  frozenRows = 0;
  protection: { password?: string; options?: XlProtectionOptions } | undefined;
  readonly allowEditRanges = new Map<string, { address: string; password?: string }>();

  constructor(public name: string) {}

  cell(r: number, c: number): FakeCell | undefined {
    return this.rows[r]?.[c];
  }

  touch(r: number, c: number): FakeCell {
    const row = (this.rows[r] ??= []);
    return (row[c] ??= { value: '', format: 'General' });
  }

  /** The bounding box of cells holding a value (Excel's used range with valuesOnly). */
  used(): Rect | undefined {
    let top = -1;
    let bottom = -1;
    let left = Infinity;
    let right = -1;
    this.rows.forEach((row, r) => {
      if (!row) return;
      row.forEach((cell, c) => {
        if (!cell || (cell.value === '' && cell.formula === undefined)) return;
        if (top < 0) top = r;
        bottom = r;
        if (c < left) left = c;
        if (c > right) right = c;
      });
    });
    if (top < 0) return undefined;
    return { sheet: this, row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
  }
}

export interface Rect {
  sheet: FakeSheet;
  row: number;
  column: number;
  rows: number;
  columns: number;
}

type Op = { bytes: number; run: () => void };

/** Bytes of a value as JSON (no Buffer: the fake also runs in the browser smoke test). */
function jsonBytes(v: unknown): number {
  return utf8Length(JSON.stringify(v) ?? '');
}

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  /** `context.sync()` calls: the round trips a command costs. */
  syncs = 0;
  /** `Excel.run` batches. */
  runs = 0;
  /** `suspendApiCalculationUntilNextSync()` calls. */
  suspensions = 0;
  /** Largest request seen, in bytes. */
  largestRequest = 0;
  readonly options: Required<FakeExcelOptions>;

  constructor(options: FakeExcelOptions = {}) {
    this.options = { payloadLimit: 5_000_000, apostropheInTextCells: 'kept', numbersInTextCells: 'text', ...options };
  }

  /** Drop-in for `Excel.run`: a fresh context per batch, queued work synced at the end. */
  readonly run: RunBatch = async (batch) => {
    this.runs++;
    const ctx = new FakeContext(this);
    const result = await batch(ctx);
    if (ctx.pending > 0) await ctx.sync();
    return result;
  };

  find(name: string): FakeSheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheet(name: string): FakeSheet {
    const s = this.find(name);
    if (!s) throw new FakeExcelError('ItemNotFound', `The requested resource doesn't exist: sheet "${name}".`);
    return s;
  }

  /** Raw values as Excel would give them (`''` for empty), for assertions. */
  values(name: string): (string | number | boolean)[][] {
    const s = this.sheet(name);
    const u = s.used();
    if (!u) return [];
    const out: (string | number | boolean)[][] = [];
    for (let r = 0; r < u.row + u.rows; r++) {
      const row: (string | number | boolean)[] = [];
      for (let c = 0; c < u.column + u.columns; c++) row.push(this.valueAt(s, r, c));
      out.push(row);
    }
    return out;
  }

  /** Every cell holding a formula, as `Sheet!A1`. */
  formulas(): string[] {
    const out: string[] = [];
    for (const s of this.sheets) {
      s.rows.forEach((row, r) => row?.forEach((cell, c) => cell?.formula !== undefined && out.push(`${s.name}!${r},${c}`)));
    }
    return out;
  }

  /** A cell's value as Excel shows it, formulas calculated now (0-based). */
  valueAt(sheet: FakeSheet, r: number, c: number, visiting = new Set<FakeCell>()): Scalar {
    const cell = sheet.cell(r, c);
    if (!cell) return '';
    if (cell.formula === undefined) return cell.value;
    if (visiting.has(cell)) return 0; // Excel shows 0 for a circular reference
    visiting.add(cell);
    try {
      return evaluate(
        cell.formula,
        (name, row, column) => {
          const target = name === undefined ? sheet : this.find(name);
          return target ? this.valueAt(target, row, column, visiting) : undefined;
        },
        '#NAME?',
      );
    } finally {
      visiting.delete(cell);
    }
  }

  /** Applies `rewrite` to every formula of every sheet (row deletions, renames). */
  rewriteFormulas(rewrite: (formula: string, sheet: FakeSheet) => string): void {
    for (const sheet of this.sheets) {
      for (const row of sheet.rows) for (const cell of row ?? []) if (cell?.formula !== undefined) cell.formula = rewrite(cell.formula, sheet);
    }
  }

  resetCounts(): void {
    this.syncs = 0;
    this.runs = 0;
    this.suspensions = 0;
    this.largestRequest = 0;
  }

  /** Excel's reading of a value arriving in a cell, after the cell's number format. */
  input(cell: FakeCell, v: unknown): void {
    cell.formula = undefined;
    cell.quotePrefix = undefined;
    if (typeof v === 'number' || typeof v === 'boolean') {
      const text = cell.format === '@' && this.options.numbersInTextCells === 'text';
      cell.value = text ? (typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v)) : v;
      return;
    }
    if (typeof v !== 'string') throw new FakeExcelError('InvalidArgument', `Unsupported cell value ${String(v)}`);
    if (v === '') {
      cell.value = '';
      return;
    }
    if (cell.format === '@') {
      if (v.startsWith("'") && this.options.apostropheInTextCells === 'prefix') {
        cell.value = v.slice(1);
        cell.quotePrefix = true;
      } else cell.value = v;
      return;
    }
    if (v.startsWith("'")) {
      cell.value = v.slice(1);
      cell.quotePrefix = true;
      return;
    }
    const number = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(v.trim()) ? Number(v) : undefined;
    if (number !== undefined) {
      cell.value = number;
      return;
    }
    if (/^[=+\-@]./s.test(v)) {
      cell.formula = v.startsWith('=') ? v : `=${v}`;
      cell.value = '';
      return;
    }
    const percent = /^([+-]?\d+(\.\d+)?)%$/.exec(v);
    if (percent) {
      cell.value = Number(percent[1]) / 100;
      return;
    }
    if (/^(true|false)$/i.test(v)) {
      cell.value = v.toLowerCase() === 'true';
      return;
    }
    const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    if (date) {
      cell.value = (Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!) - Date.UTC(1899, 11, 30)) / 86_400_000;
      if (cell.format === 'General') cell.format = 'yyyy-mm-dd';
      return;
    }
    cell.value = v;
  }
}

class FakeContext implements XlContext {
  readonly workbook: XlWorkbook;
  private ops: Op[] = [];
  /** Loads staged by the running sync, committed only when the response fits. */
  private staged: (() => void)[] = [];
  private responseBytes = 0;

  constructor(readonly excel: FakeExcel) {
    this.workbook = { worksheets: new FakeWorksheets(this), application: new FakeApplication(this) };
  }

  get pending(): number {
    return this.ops.length;
  }

  queue(run: () => void, bytes = 100): void {
    this.ops.push({ bytes, run });
  }

  /** Called by a load op: `commit` makes the snapshot visible once the response is known to fit. */
  respond(bytes: number, commit: () => void): void {
    this.responseBytes += bytes;
    this.staged.push(commit);
  }

  async sync(): Promise<unknown> {
    this.excel.syncs++;
    const ops = this.ops;
    this.ops = [];
    this.staged = [];
    this.responseBytes = 0;
    const request = ops.reduce((n, op) => n + op.bytes, 0);
    this.excel.largestRequest = Math.max(this.excel.largestRequest, request);
    if (request > this.excel.options.payloadLimit) {
      throw new FakeExcelError('RequestPayloadSizeLimitExceeded', `The request payload size (${request} bytes) has exceeded the limit.`);
    }
    for (const op of ops) op.run(); // an error stops the batch; what ran before stays done
    if (this.responseBytes > this.excel.options.payloadLimit) {
      throw new FakeExcelError('ResponsePayloadSizeLimitExceeded', `The response payload size (${this.responseBytes} bytes) has exceeded the limit.`);
    }
    for (const commit of this.staged) commit();
    return undefined;
  }
}

/** Shared by every proxy: values readable only after load + sync. */
abstract class Proxy {
  protected readonly loaded = new Map<string, unknown>();

  constructor(protected readonly ctx: FakeContext) {}

  protected get<T>(name: string): T {
    if (!this.loaded.has(name)) {
      throw new FakeExcelError('PropertyNotLoaded', `The property '${name}' is not available. Call load() and context.sync() before reading it.`);
    }
    return this.loaded.get(name) as T;
  }

  /** Queues a snapshot of the named properties, read from the host state when the op runs. */
  protected loadProps(names: string | string[] | undefined, read: (name: string) => unknown): void {
    const list = (Array.isArray(names) ? names : (names ?? '').split(',')).map((n) => n.trim()).filter(Boolean);
    this.ctx.queue(() => {
      const snapshot = new Map<string, unknown>();
      for (const n of list) snapshot.set(n, read(n));
      let bytes = 0;
      for (const v of snapshot.values()) bytes += jsonBytes(v);
      this.ctx.respond(bytes, () => {
        for (const [k, v] of snapshot) this.loaded.set(k, v);
      });
    });
  }
}

class FakeApplication implements XlApplication {
  constructor(private readonly ctx: FakeContext) {}
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.queue(() => this.ctx.excel.suspensions++);
  }
}

class FakeWorksheets extends Proxy implements XlWorksheetCollection {
  get items(): XlWorksheet[] {
    return this.get<XlWorksheet[]>('items');
  }

  load(propertyNames?: string | string[]): XlWorksheetCollection {
    const props = (Array.isArray(propertyNames) ? propertyNames : (propertyNames ?? '').split(','))
      .map((p) => p.trim().replace(/^items\//, ''))
      .filter(Boolean);
    this.ctx.queue(() => {
      const items = this.ctx.excel.sheets.map((s) => FakeWorksheet.bound(this.ctx, s, props));
      this.ctx.respond(jsonBytes(this.ctx.excel.sheets.map((s) => s.name)), () => this.loaded.set('items', items));
    });
    return this;
  }

  getItem(key: string): XlWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.excel.sheet(key));
  }

  add(name?: string): XlWorksheet {
    return new FakeWorksheet(this.ctx, () => {
      const excel = this.ctx.excel;
      const n = name ?? `Sheet${excel.sheets.length + 1}`;
      if (excel.find(n)) throw new FakeExcelError('ItemAlreadyExists', `A sheet named "${n}" already exists.`);
      if (n.length > 31 || /[\\/?*[\]:]/.test(n)) throw new FakeExcelError('InvalidArgument', `Invalid sheet name "${n}".`);
      const sheet = new FakeSheet(n);
      excel.sheets.push(sheet);
      return sheet;
    });
  }
}

class FakeWorksheet extends Proxy implements XlWorksheet {
  private target: FakeSheet | undefined;
  readonly freezePanes: XlFreezePanes;
  readonly protection: XlWorksheetProtection;
  readonly notes: XlNoteCollection;

  /** `resolve` runs in queue order, like the host creating the object when the call arrives. */
  constructor(ctx: FakeContext, resolve: (() => FakeSheet) | FakeSheet) {
    super(ctx);
    if (typeof resolve === 'function') ctx.queue(() => (this.target = resolve()));
    else this.target = resolve;
    const sheet = () => this.sheet;
    this.freezePanes = {
      freezeRows: (count = 1) => ctx.queue(() => (sheet().frozenRows = count)),
      unfreeze: () => ctx.queue(() => (sheet().frozenRows = 0)),
    };
    this.protection = new FakeProtection(ctx, sheet);
    this.notes = new FakeNotes(ctx, sheet);
  }

  /** An item of a loaded collection: already bound, its properties already loaded. */
  static bound(ctx: FakeContext, sheet: FakeSheet, props: string[]): FakeWorksheet {
    const ws = new FakeWorksheet(ctx, sheet);
    for (const p of props) ws.loaded.set(p, ws.read(p));
    return ws;
  }

  get sheet(): FakeSheet {
    if (!this.target) throw new FakeExcelError('GeneralException', 'Worksheet used before it was resolved.');
    return this.target;
  }

  private read(name: string): unknown {
    const s = this.sheet;
    if (name === 'name') return s.name;
    if (name === 'visibility') return s.visibility;
    if (name === 'position') return this.ctx.excel.sheets.indexOf(s);
    throw new FakeExcelError('InvalidArgument', `Unknown worksheet property ${name}`);
  }

  get name(): string {
    return this.get('name');
  }
  set name(to: string) {
    this.ctx.queue(() => {
      const s = this.sheet;
      const clash = this.ctx.excel.find(to);
      if (clash && clash !== s) throw new FakeExcelError('ItemAlreadyExists', `A sheet named "${to}" already exists.`);
      const from = s.name;
      s.name = to;
      // Excel rewrites every formula naming the sheet, validation sources included.
      for (const other of this.ctx.excel.sheets) {
        for (const row of other.rows) for (const cell of row ?? []) if (cell?.rule) cell.rule.source = renameInFormula(cell.rule.source, from, to);
      }
      this.ctx.excel.rewriteFormulas((formula) => renameSheetIn(formula, from, to));
    });
  }

  get visibility(): string {
    return this.get('visibility');
  }
  set visibility(v: string) {
    this.ctx.queue(() => {
      if (!['Visible', 'Hidden', 'VeryHidden'].includes(v)) throw new FakeExcelError('InvalidArgument', `Invalid visibility ${v}`);
      this.sheet.visibility = v;
    });
  }

  get position(): number {
    return this.get('position');
  }
  set position(p: number) {
    this.ctx.queue(() => {
      const list = this.ctx.excel.sheets;
      if (p < 0 || p >= list.length) throw new FakeExcelError('InvalidArgument', `Position ${p} is out of range.`);
      list.splice(list.indexOf(this.sheet), 1);
      list.splice(p, 0, this.sheet);
    });
  }

  load(propertyNames?: string | string[]): XlWorksheet {
    this.loadProps(propertyNames, (n) => this.read(n));
    return this;
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): XlRange {
    return new FakeRange(this.ctx, () => {
      if (startRow < 0 || startColumn < 0 || rowCount < 1 || columnCount < 1 || startRow + rowCount > MAX_ROWS || startColumn + columnCount > MAX_COLUMNS) {
        throw new FakeExcelError('InvalidArgument', `Invalid range (${startRow}, ${startColumn}, ${rowCount}, ${columnCount}).`);
      }
      return { sheet: this.sheet, row: startRow, column: startColumn, rows: rowCount, columns: columnCount };
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange {
    if (!valuesOnly) throw new FakeExcelError('NotImplemented', 'The fake models used ranges by values only (Carnet never asks for more).');
    return new FakeRange(this.ctx, () => this.sheet.used() ?? null);
  }
}

class FakeProtection extends Proxy implements XlWorksheetProtection {
  readonly allowEditRanges: XlAllowEditRangeCollection;

  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx);
    this.allowEditRanges = {
      add: (title, rangeAddress, options) =>
        ctx.queue(() => {
          const s = sheet();
          if (s.protection) throw new FakeExcelError('AccessDenied', 'Unprotect the sheet before adding an allow-edit range.');
          if (s.allowEditRanges.has(title)) throw new FakeExcelError('ItemAlreadyExists', `An allow-edit range "${title}" already exists.`);
          s.allowEditRanges.set(title, { address: rangeAddress, password: options?.password });
        }),
      getItemOrNullObject: (key) => new FakeAllowEditRange(ctx, sheet, key),
    };
  }

  get protected(): boolean {
    return this.get('protected');
  }

  protect(options?: XlProtectionOptions, password?: string): void {
    this.ctx.queue(() => {
      const s = this.sheet();
      if (s.protection) throw new FakeExcelError('InvalidOperation', 'The worksheet is already protected.');
      s.protection = { password, options };
    });
  }

  unprotect(password?: string): void {
    this.ctx.queue(() => {
      const s = this.sheet();
      if (!s.protection) return;
      if (s.protection.password !== undefined && s.protection.password !== password) {
        throw new FakeExcelError('InvalidArgument', 'The password is incorrect.');
      }
      s.protection = undefined;
    });
  }

  load(propertyNames?: string | string[]): XlWorksheetProtection {
    this.loadProps(propertyNames, (n) => {
      if (n === 'protected') return this.sheet().protection !== undefined;
      throw new FakeExcelError('InvalidArgument', `Unknown protection property ${n}`);
    });
    return this;
  }
}

class FakeAllowEditRange extends Proxy implements XlAllowEditRange {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
    private readonly title: string,
  ) {
    super(ctx);
  }
  get isNullObject(): boolean {
    return this.get('isNullObject');
  }
  delete(): void {
    this.ctx.queue(() => {
      const s = this.sheet();
      if (s.protection) throw new FakeExcelError('AccessDenied', 'Unprotect the sheet before deleting an allow-edit range.');
      s.allowEditRanges.delete(this.title);
    });
  }
  load(propertyNames?: string | string[]): XlAllowEditRange {
    const exists = () => this.sheet().allowEditRanges.has(this.title);
    this.loadProps(['isNullObject', ...(Array.isArray(propertyNames) ? propertyNames : (propertyNames ?? '').split(','))], (n) =>
      n === 'isNullObject' ? !exists() : exists() ? this.title : null,
    );
    return this;
  }
}

class FakeNotes implements XlNoteCollection {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {}

  add(cellAddress: string, content: string): XlNote {
    this.ctx.queue(() => {
      const { row, column } = parseA1(cellAddress);
      const cell = this.sheet().touch(row, column);
      if (cell.note !== undefined) throw new FakeExcelError('InvalidArgument', `The cell ${cellAddress} already has a note.`);
      cell.note = content;
    });
    return new FakeNote(this.ctx, this.sheet, cellAddress);
  }

  getItemOrNullObject(key: string): XlNote {
    return new FakeNote(this.ctx, this.sheet, key);
  }
}

class FakeNote extends Proxy implements XlNote {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
    private readonly address: string,
  ) {
    super(ctx);
  }
  private cell(): FakeCell | undefined {
    const { row, column } = parseA1(this.address);
    return this.sheet().cell(row, column);
  }
  get isNullObject(): boolean {
    return this.get('isNullObject');
  }
  get content(): string {
    return this.get('content');
  }
  set content(text: string) {
    this.ctx.queue(() => {
      const cell = this.cell();
      if (cell?.note === undefined) throw new FakeExcelError('ItemNotFound', `No note at ${this.address}.`);
      cell.note = text;
    });
  }
  load(propertyNames?: string | string[]): XlNote {
    this.loadProps(['isNullObject', ...(Array.isArray(propertyNames) ? propertyNames : (propertyNames ?? '').split(','))], (n) => {
      const note = this.cell()?.note;
      return n === 'isNullObject' ? note === undefined : (note ?? null);
    });
    return this;
  }
}

class FakeRange extends Proxy implements XlRange {
  private rect: Rect | null | undefined;
  readonly format: XlRangeFormat;
  readonly dataValidation: XlDataValidation;

  constructor(ctx: FakeContext, resolve: () => Rect | null) {
    super(ctx);
    ctx.queue(() => (this.rect = resolve()));
    const range = this;
    const font = {
      get bold(): boolean {
        throw new FakeExcelError('PropertyNotLoaded', 'format/font/bold is not loaded (the fake does not load formats).');
      },
      set bold(b: boolean) {
        range.edit('format', (cell) => (cell.bold = b));
      },
    };
    this.format = {
      font,
      get columnWidth(): number {
        throw new FakeExcelError('PropertyNotLoaded', 'format/columnWidth is not loaded (the fake does not load formats).');
      },
      set columnWidth(points: number) {
        ctx.queue(() => {
          const r = range.need();
          for (let c = r.column; c < r.column + r.columns; c++) r.sheet.widths.set(c, points);
        });
      },
    };
    this.dataValidation = new FakeDataValidation(ctx, () => range.need(), (what, fn, bytes, touch) => range.edit(what, fn, bytes, touch));
  }

  /** The resolved rectangle; a method called on a null object fails like Office.js. */
  need(): Rect {
    if (this.rect === undefined) throw new FakeExcelError('GeneralException', 'Range used before it was resolved.');
    if (this.rect === null) throw new FakeExcelError('ItemNotFound', 'The range is a null object.');
    return this.rect;
  }

  /** Queues a change to every existing or touched cell of the range; refused on a protected sheet. */
  edit(what: 'values' | 'format', fn: (cell: FakeCell, r: number, c: number) => void, bytes = 100, touch = true): void {
    this.ctx.queue(() => {
      const r = this.need();
      if (r.sheet.protection && !(what === 'format' && r.sheet.protection.options?.allowFormatCells)) {
        throw new FakeExcelError('AccessDenied', 'The cell or chart you are trying to change is on a protected sheet.');
      }
      // Only rows that exist (or the range's own rows when touching): a whole column stays cheap.
      const last = touch ? r.row + r.rows : Math.min(r.row + r.rows, r.sheet.rows.length);
      for (let i = r.row; i < last; i++) {
        for (let j = r.column; j < r.column + r.columns; j++) {
          const cell = touch ? r.sheet.touch(i, j) : r.sheet.cell(i, j);
          if (cell) fn(cell, i - r.row, j - r.column);
        }
      }
    }, bytes);
  }

  private read(name: string): unknown {
    const r = this.rect;
    if (name === 'isNullObject') return r === null;
    if (r === null || r === undefined) return null;
    switch (name) {
      case 'rowIndex':
        return r.row;
      case 'columnIndex':
        return r.column;
      case 'rowCount':
        return r.rows;
      case 'columnCount':
        return r.columns;
      case 'values':
      case 'formulas':
      case 'numberFormat': {
        const out: unknown[][] = [];
        for (let i = 0; i < r.rows; i++) {
          const row: unknown[] = [];
          for (let j = 0; j < r.columns; j++) {
            const cell = r.sheet.cell(r.row + i, r.column + j);
            if (name === 'numberFormat') row.push(cell?.format ?? 'General');
            // `formulas` gives a formula's text, and a constant's value where there is none.
            else if (name === 'formulas' && cell?.formula !== undefined) row.push(cell.formula);
            else row.push(this.ctx.excel.valueAt(r.sheet, r.row + i, r.column + j));
          }
          out.push(row);
        }
        return out;
      }
      default:
        throw new FakeExcelError('InvalidArgument', `The fake does not load range property ${name}.`);
    }
  }

  get values(): unknown[][] {
    return this.get('values');
  }
  set values(grid: unknown[][]) {
    this.setMatrix('values', grid, (cell, v) => this.ctx.excel.input(cell, v));
  }

  get formulas(): unknown[][] {
    return this.get('formulas');
  }
  /** Constants are taken as `values` takes them; `=…` is a formula, except in a Text cell. */
  set formulas(grid: unknown[][]) {
    this.setMatrix('values', grid, (cell, v) => this.ctx.excel.input(cell, v));
  }

  get numberFormat(): unknown[][] {
    return this.get('numberFormat');
  }
  set numberFormat(grid: unknown[][]) {
    this.setMatrix('numberFormat', grid, (cell, v) => {
      if (typeof v !== 'string') throw new FakeExcelError('InvalidArgument', `Invalid number format ${String(v)}`);
      cell.format = v === '' ? 'General' : v;
    });
  }

  private setMatrix(what: 'values' | 'numberFormat', grid: unknown[][], put: (cell: FakeCell, v: unknown) => void): void {
    const bytes = jsonBytes(grid);
    // A 1×1 number format applies to every cell; values must match the range's shape.
    const broadcast = what === 'numberFormat' && grid.length === 1 && grid[0]!.length === 1;
    this.ctx.queue(() => {
      const r = this.need();
      if (!broadcast && (grid.length !== r.rows || grid.some((row) => row.length !== r.columns))) {
        throw new FakeExcelError('InvalidArgument', "The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
      }
    }, 0);
    this.edit(
      what === 'values' ? 'values' : 'format',
      (cell, i, j) => {
        const v = broadcast ? grid[0]![0] : grid[i]![j];
        if (v !== null) put(cell, v);
      },
      bytes,
    );
  }

  get rowIndex(): number {
    return this.get('rowIndex');
  }
  get columnIndex(): number {
    return this.get('columnIndex');
  }
  get rowCount(): number {
    return this.get('rowCount');
  }
  get columnCount(): number {
    return this.get('columnCount');
  }
  get isNullObject(): boolean {
    return this.get('isNullObject');
  }

  load(propertyNames?: string | string[]): XlRange {
    const list = Array.isArray(propertyNames) ? propertyNames : (propertyNames ?? '').split(',');
    this.loadProps(['isNullObject', ...list], (n) => this.read(n));
    return this;
  }

  getEntireRow(): XlRange {
    return new FakeRange(this.ctx, () => ({ ...this.need(), column: 0, columns: MAX_COLUMNS }));
  }

  getEntireColumn(): XlRange {
    return new FakeRange(this.ctx, () => ({ ...this.need(), row: 0, rows: MAX_ROWS }));
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange {
    if (!valuesOnly) throw new FakeExcelError('NotImplemented', 'The fake models used ranges by values only.');
    return new FakeRange(this.ctx, () => {
      const r = this.need();
      const u = r.sheet.used();
      if (!u) return null;
      const row = Math.max(r.row, u.row);
      const column = Math.max(r.column, u.column);
      const bottom = Math.min(r.row + r.rows, u.row + u.rows);
      const right = Math.min(r.column + r.columns, u.column + u.columns);
      if (bottom <= row || right <= column) return null;
      // Tighten to the cells that hold values inside the intersection.
      let top = -1;
      let last = -1;
      let left = Infinity;
      let end = -1;
      for (let i = row; i < bottom; i++) {
        for (let j = column; j < right; j++) {
          const cell = r.sheet.cell(i, j);
          if (!cell || (cell.value === '' && cell.formula === undefined)) continue;
          if (top < 0) top = i;
          last = i;
          left = Math.min(left, j);
          end = Math.max(end, j);
        }
      }
      if (top < 0) return null;
      return { sheet: r.sheet, row: top, column: left, rows: last - top + 1, columns: end - left + 1 };
    });
  }

  delete(shift: 'Up' | 'Left'): void {
    this.ctx.queue(() => {
      const r = this.need();
      if (shift !== 'Up' || r.column !== 0 || r.columns !== MAX_COLUMNS) {
        throw new FakeExcelError('NotImplemented', 'The fake deletes entire rows only (all Carnet does).');
      }
      if (r.sheet.protection) throw new FakeExcelError('AccessDenied', 'Rows cannot be deleted on a protected sheet.');
      r.sheet.rows.splice(r.row, r.rows);
      // References to the deleted rows become #REF!, those below them move up, in every sheet.
      this.ctx.excel.rewriteFormulas((formula, sheet) => moveRows(formula, r.sheet.name, sheet === r.sheet, deletion(r.row + 1, r.rows)));
    });
  }

  clear(applyTo: 'All' | 'Formats' | 'Contents' = 'All'): void {
    this.edit(
      applyTo === 'Formats' ? 'format' : 'values',
      (cell) => {
        if (applyTo !== 'Formats') {
          cell.value = '';
          cell.formula = undefined;
          cell.quotePrefix = undefined;
        }
        if (applyTo !== 'Contents') {
          cell.format = 'General';
          cell.bold = undefined;
          cell.rule = undefined;
        }
      },
      100,
      false,
    );
  }
}

class FakeDataValidation implements XlDataValidation {
  constructor(
    private readonly ctx: FakeContext,
    private readonly rect: () => Rect,
    private readonly edit: (what: 'values' | 'format', fn: (cell: FakeCell) => void, bytes?: number, touch?: boolean) => void,
  ) {}

  clear(): void {
    this.edit('format', (cell) => (cell.rule = undefined), 100, false);
  }

  get rule(): { list?: { inCellDropDown: boolean; source: unknown } } {
    throw new FakeExcelError('PropertyNotLoaded', 'dataValidation/rule is not loaded (tests read the fake state instead).');
  }
  set rule(rule: { list?: { inCellDropDown: boolean; source: unknown } }) {
    const list = rule.list;
    if (!list || typeof list.source !== 'string') throw new FakeExcelError('NotImplemented', 'The fake models list rules with a string source only.');
    // One rule object for the whole range, as Excel stores one rule for an area.
    const shared: Rule = { source: list.source, inCellDropDown: list.inCellDropDown };
    this.ctx.queue(() => {
      const r = this.rect();
      for (let i = r.row; i < r.row + r.rows; i++) {
        for (let j = r.column; j < r.column + r.columns; j++) {
          const cell = r.sheet.touch(i, j);
          if (cell.rule && cell.rule.source !== shared.source) {
            throw new FakeExcelError('InvalidOperation', 'The range already has a different validation rule: clear it first.');
          }
        }
      }
    }, 0);
    this.edit('format', (cell) => (cell.rule = shared), jsonBytes(rule));
  }

  get errorAlert(): { message: string; showAlert: boolean; style: string; title: string } {
    throw new FakeExcelError('PropertyNotLoaded', 'dataValidation/errorAlert is not loaded.');
  }
  set errorAlert(alert: { message: string; showAlert: boolean; style: string; title: string }) {
    this.edit('format', (cell) => cell.rule && (cell.rule.alert = alert), 100, false);
  }

  get ignoreBlanks(): boolean {
    throw new FakeExcelError('PropertyNotLoaded', 'dataValidation/ignoreBlanks is not loaded.');
  }
  set ignoreBlanks(b: boolean) {
    this.edit('format', (cell) => cell.rule && (cell.rule.ignoreBlanks = b), 100, false);
  }
}

/** `B12` → 0-based row and column. */
export function parseA1(address: string): { row: number; column: number } {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(address.replace(/^.*!/, ''));
  if (!m) throw new FakeExcelError('InvalidArgument', `Invalid cell address ${address}`);
  let column = 0;
  for (const ch of m[1]!) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, column: column - 1 };
}

/** Rewrites `'Old'!` / `Old!` references to a renamed sheet, as Excel does in formulas. */
export function renameInFormula(formula: string, from: string, to: string): string {
  const quoted = (n: string) => `'${n.replace(/'/g, "''")}'`;
  return formula.replace(/('(?:[^']|'')+'|[A-Za-z0-9_.]+)!/g, (whole, ref: string) => {
    const name = ref.startsWith("'") ? ref.slice(1, -1).replace(/''/g, "'") : ref;
    return name.toLowerCase() === from.toLowerCase() ? `${quoted(to)}!` : whole;
  });
}
