/**
 * THE port: what every host (in-memory, .xlsx file, Apps Script, Office.js) implements.
 *
 * Coarse-grained on purpose: each method is one host round trip (one `getValues`, one
 * `context.sync()`, one pass over the file), so a command costs a constant number of round
 * trips whatever the number of rows. Core code must never call the port inside a loop over rows.
 *
 * Coordinates are 0-based here (row 0 is the header row, column 0 is column A);
 * only messages shown to people use spreadsheet notation (A1, row numbers from 1).
 */

import { CarnetError } from './errors.js';
import { say } from './messages/say.js';

/** What crosses the port. Dates cross as spreadsheet serial numbers (days since 1899-12-30). */
export type Cell = string | number | boolean | null;
export type Grid = Cell[][];

/**
 * A formula Carnet itself writes into a computed column (a sale's amount from its quantity, unit
 * price and discount), so that the cell stays right when a person edits an input in the sheet.
 * Never built from what a person or a file gave: that is always a `string` Cell, written as
 * literal text. Core builds these from its own templates and the row's A1 references only.
 */
export interface Formula {
  /** A1 notation, starting with `=` (`=ROUND(B7*C7*(1-D7),2)`); English function names, `,` between arguments. */
  formula: string;
  /**
   * What core computed: the cached result for hosts that don't calculate (the .xlsx file keeps it
   * until a spreadsheet program recalculates), and what tests compare. Reads return the host's
   * value for the cell, never the formula (see `Capabilities.formulas`).
   */
  value: Cell;
}

/** What `write` and `append` accept: a cell, or a formula of Carnet's own. */
export type WriteCell = Cell | Formula;
export type WriteGrid = WriteCell[][];

function isCell(v: unknown): v is Cell {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** True for a `Formula`: a plain object holding a string `formula` and a cell `value`. */
export function isFormula(v: unknown): v is Formula {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const f = v as { formula?: unknown; value?: unknown };
  return typeof f.formula === 'string' && 'value' in f && isCell(f.value);
}

/**
 * Every adapter calls this on each Formula before writing anything: a formula not starting with
 * `=` would be written as text by some hosts and as a formula by others. It is a programming
 * error in core, never user input, hence a plain Error.
 */
export function checkFormula(f: Formula): void {
  if (!f.formula.startsWith('=')) {
    throw new Error(`A formula must start with "=": ${JSON.stringify(f.formula.slice(0, 80))}`);
  }
  if (typeof f.value === 'number' && !Number.isFinite(f.value)) {
    throw new Error(`A formula's value must be a finite number, not ${f.value}: ${f.formula.slice(0, 80)}`);
  }
}

/** `checkFormula` over a whole grid, before any host call; true when the grid holds a formula. */
export function checkFormulas(grid: WriteGrid): boolean {
  let any = false;
  for (const row of grid) {
    for (const v of row) {
      if (isFormula(v)) {
        checkFormula(v);
        any = true;
      }
    }
  }
  return any;
}

/** `very` is Excel's VeryHidden / Google's hidden+protected: not listed in the sheet tabs menu. */
export type Visibility = 'visible' | 'hidden' | 'very';

/** A rectangle of cells, 0-based, inclusive on every side. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** One rectangle of a `writeBlocks` call: its top-left cell and its rows (all of one length). */
export interface CellBlock {
  row: number;
  column: number;
  cells: WriteGrid;
}

/**
 * A cell a write by position relies on: core read `value` there, and the write is meant for the
 * record that value identifies (an ID, or the old value of the cell about to change). In a shared
 * sheet a colleague can sort, insert or delete rows between Carnet's read and its write, and a
 * lock only stops other Carnet commands; so a host checks every expected cell before it writes
 * and, if one differs (see `sameCell`), writes nothing and throws E_CONFLICT naming the cell.
 */
export interface ExpectedCell {
  row: number;
  column: number;
  value: Cell;
}

/**
 * How hosts compare an expected cell with what is there now: empty equals empty (null, '' or
 * blanks), numbers and booleans by value, text exactly but for surrounding spaces.
 */
export function sameCell(expected: Cell, actual: Cell | undefined): boolean {
  const blank = (v: Cell | undefined) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
  if (blank(expected) || blank(actual)) return blank(expected) && blank(actual);
  if (typeof expected === 'string' || typeof actual === 'string') return String(expected).trim() === String(actual).trim();
  return expected === actual;
}

/** The expected cells that no longer hold their value, given a reader of the cells as they are now. */
export function movedCells(expected: readonly ExpectedCell[], now: (row: number, column: number) => Cell | undefined): ExpectedCell[] {
  return expected.filter((e) => !sameCell(e.value, now(e.row, e.column)));
}

/**
 * The refusal every host throws when an expected cell moved (see ExpectedCell): one wording, so
 * that people read the same thing in Sheets, Excel and the local file.
 */
export function conflictError(sheet: string, moved: ExpectedCell): CarnetError {
  const cell = a1(moved.row, moved.column);
  return new CarnetError({
    code: 'E_CONFLICT',
    sheet,
    cell,
    row: moved.row + 1,
    value: moved.value,
    message: say('{sheet}!{cell} no longer holds {value}: rows of "{sheet}" were sorted, inserted or deleted while Carnet was writing. Nothing was written; try again.', {
      sheet,
      cell,
      value: JSON.stringify(moved.value),
    }),
  });
}

/**
 * Checks a `writeBlocks` call before any host call: 0-based integer corners, rows of one length
 * per block, and `checkFormula` on every Formula. A programming error in core, hence a plain Error.
 */
export function checkBlocks(blocks: readonly CellBlock[]): void {
  for (const b of blocks) {
    if (!Number.isInteger(b.row) || b.row < 0 || !Number.isInteger(b.column) || b.column < 0) {
      throw new Error(`A block must start at a 0-based cell, not (${b.row}, ${b.column})`);
    }
    const width = b.cells[0]?.length ?? 0;
    if (b.cells.some((r) => r.length !== width)) throw new Error(`The rows of the block at ${a1(b.row, b.column)} are not all ${width} cells long`);
    checkFormulas(b.cells);
  }
}

/** The smallest rectangle holding every expected cell, for hosts that read it back in one call. */
export function boundingRange(cells: readonly { row: number; column: number }[]): CellRange | undefined {
  if (cells.length === 0) return undefined;
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const c of cells) {
    if (c.row < top) top = c.row;
    if (c.row > bottom) bottom = c.row;
    if (c.column < left) left = c.column;
    if (c.column > right) right = c.column;
  }
  return { top, left, bottom, right };
}

export interface SheetInfo {
  name: string;
  visibility: Visibility;
  /** Rows and columns of the used range, counted from A1. */
  rows: number;
  columns: number;
}

/** Dropdown validation on a column's data cells. */
export type ColumnValidation =
  | { kind: 'list'; values: string[] }
  /** Values come from another sheet's column (data rows only), so the dropdown follows that sheet. */
  | { kind: 'range'; sheet: string; column: number }
  | { kind: 'none' };

export interface ColumnLayout {
  column: number;
  /** Excel-style number format (`0.00`, `yyyy-mm-dd`, `0%`, `@` for text). */
  numberFormat?: string;
  validation?: ColumnValidation;
  /** Width in characters. */
  width?: number;
  /** Shown as a note on the header cell. */
  note?: string;
}

/** Applied in one batch per sheet. */
export interface SheetLayout {
  /** Rows frozen at the top (the header). */
  frozenRows: number;
  /** Header row drawn bold. */
  boldHeader: boolean;
  columns: ColumnLayout[];
  /** Validation and formats are applied to data rows 1..dataRows (0-based, header excluded). */
  dataRows: number;
}

/**
 * Formats of a sheet Carnet owns whole (a report's sheet): bold cells, number formats, frozen
 * rows and columns, widths. Applied in one batch.
 */
export interface SheetFormat {
  frozenRows?: number;
  frozenColumns?: number;
  bold?: CellRange[];
  numberFormats?: { range: CellRange; format: string }[];
  /** Widths in characters, by 0-based column. */
  widths?: { column: number; width: number }[];
}

/**
 * A chart Carnet places on a sheet it owns (a report's), over ranges of that same sheet.
 * Hosts draw it natively: an embedded chart in Sheets, `worksheet.charts` in Excel, a DrawingML
 * chart part in the file (which LibreOffice and Excel show).
 */
export interface ChartSpec {
  /** Carnet's name for it: a later `charts()` call on the sheet replaces the charts it placed. */
  name: string;
  kind: 'bar' | 'line';
  title: string;
  /** Top-left cell (0-based) and size in pixels. */
  anchor: { row: number; column: number; width: number; height: number };
  /** The category labels: a one-column (or one-row) range of the sheet. */
  categories: CellRange;
  /** One series per range of values (parallel to the categories), named by `name`. */
  series: { name: string; values: CellRange }[];
}

/** Date groupings a host's native pivot table can apply itself (ISO weeks are Carnet's only). */
export type NativeDateGroup = 'day' | 'month' | 'quarter' | 'year' | 'monthOfYear';

export interface NativePivotField {
  /** 0-based column within the source range. */
  column: number;
  /** Only for hosts whose `pivotTables` is `grouping`. */
  by?: NativeDateGroup;
}

/**
 * A native pivot table over a range, placed on a sheet Carnet owns (a report's). Its fields are
 * columns of the source range, whose first row is the header.
 */
export interface NativePivotSpec {
  /** Carnet's name for it: a later `pivotTable()` on the same target sheet replaces it. */
  name: string;
  source: { sheet: string; range: CellRange };
  target: { sheet: string; row: number; column: number };
  rows: NativePivotField[];
  columns: NativePivotField[];
  values: { column: number; agg: 'sum' | 'count' | 'countDistinct' | 'average' | 'min' | 'max'; label: string }[];
}

/** Core builds chart specs from the report it laid out: a bad one is a programming error, refused by every host before any call. */
export function checkChartSpec(spec: ChartSpec): void {
  const range = (r: CellRange) => [r.top, r.left, r.bottom, r.right].every((n) => Number.isInteger(n) && n >= 0) && r.top <= r.bottom && r.left <= r.right;
  const { row, column, width, height } = spec.anchor;
  const ok =
    (spec.kind === 'bar' || spec.kind === 'line') &&
    Number.isInteger(row) && row >= 0 && Number.isInteger(column) && column >= 0 && width > 0 && height > 0 &&
    range(spec.categories) && spec.series.length > 0 && spec.series.every((x) => range(x.values));
  if (!ok) throw new Error(`Not a chart Carnet can place: ${JSON.stringify(spec).slice(0, 200)}`);
}

/**
 * One sheet of a protection plan computed by core/access (protection-plan.ts). Hosts map it:
 * - Google Sheets: one sheet protection whose editors are exactly `editors` (plus the owner and
 *   the person applying, whom Sheets always keeps), domain edit off; each `warnColumns` run gets a
 *   warning-only range protection (an add-on acts as the person using it, so a hard lock there
 *   would stop Carnet writing their IDs too);
 * - Excel: worksheet protection for everybody (Excel cannot name editors), an editors' allow-edit
 *   range where ExcelApiOnline 1.1 exists; Carnet unprotects to write and re-protects;
 * - the .xlsx file: `<sheetProtection>`; LibreOffice and Excel show the sheet protected.
 */
export interface SheetProtection {
  name: string;
  /** Who may edit the sheet by hand: user ids (emails on Google). Ignored when not locked. */
  editors: string[];
  locked: boolean;
  /** Columns (0-based) nobody should type into by hand: IDs, computed columns (a sale's amount). */
  warnColumns?: { column: number; label: string }[];
  /** Why, in plain words, for `carnet protect --dry-run` and the rights screen. */
  reason?: string;
}

/** What `protect` applies: the sheets it names; a sheet it does not name is left as it is. */
export interface ProtectionPlan {
  sheets: SheetProtection[];
}

/**
 * How a sheet is protected now, as far as the host can tell (`protections()`), for the drift check.
 * `editors` is null where the host has no per-person editors (Excel, the file) or cannot list them
 * (Google refuses `getEditors()` to someone who cannot edit the protection).
 */
export interface ProtectionState {
  name: string;
  locked: boolean;
  editors: string[] | null;
  /** The columns (0-based) under a warning-only protection of Carnet's (Google); [] elsewhere. */
  warnColumns: number[];
  /** Editors the host always keeps whatever the plan says (Google: the spreadsheet's owner); not drift. */
  keeps?: string[];
}

export interface UserInfo {
  /** Email on Google, SSO or chosen profile on Excel, `--as` or OS user locally. */
  id: string;
  name: string;
}

/** What a host can or cannot do, declared rather than silently skipped. */
export interface Capabilities {
  /** The host can hide a sheet from the tabs menu entirely (`very` visibility). */
  veryHidden: boolean;
  /** Dropdowns that read another sheet's range. */
  rangeValidation: boolean;
  /** Per-user protected ranges (Google); Excel and xlsx only have whole-sheet passwords. */
  perUserProtection: boolean;
  /** Writes are made durable only when the outermost transaction ends (xlsx file). */
  deferredWrites: boolean;
  /**
   * What becomes of a `Formula` once written:
   * - `live`: the spreadsheet owns it (Google Sheets, Excel): deleting rows above it rewrites its
   *   references, and reads give what it computes from the cells as they are now.
   * - `on-open`: references follow deleted rows, but nothing calculates until a spreadsheet program
   *   opens the file (the .xlsx host); reads give the value written.
   * - `stored`: formula text and value are kept as written; references do not follow deleted rows
   *   and nothing calculates (the in-memory host, which evaluates nothing).
   */
  formulas: 'live' | 'on-open' | 'stored';
  /**
   * `merges()` reports merged cells. False only where the host's API cannot tell (Excel before
   * ExcelApi 1.13): `merges()` then returns [] and core cannot steer around merges it is not told of.
   */
  merges: boolean;
  /**
   * Native pivot tables (`pivotTable()`): `grouping` the host groups dates itself (Google Sheets:
   * one date-time grouping rule per source column); `plain` it cannot (Office.js): core gives it
   * period columns to group by instead; `none` the host has none (the .xlsx file).
   */
  pivotTables: 'grouping' | 'plain' | 'none';
}

export interface Workbook {
  readonly capabilities: Capabilities;
  /** All sheets, in tab order. */
  sheets(): Promise<SheetInfo[]>;
  /**
   * The whole used range from A1, rows padded to the same width; [] for an empty or missing sheet.
   * The grid is the caller's to read, not to change: a host may hand the same grid again while
   * the sheet is unchanged.
   */
  read(sheet: string): Promise<Grid>;
  /**
   * Writes a rectangle whose top-left is (row, column). Strings are always literal text, never
   * formulas, whatever their first character (formula injection). Only a `Formula` — built by core,
   * never from input — is written as a formula; a cell holding one reads back as its value.
   * A Formula whose text does not start with `=` is refused with an Error before anything is written.
   */
  write(sheet: string, row: number, column: number, grid: WriteGrid): Promise<void>;
  /**
   * Writes many rectangles of one sheet in one host round trip (Google: one `setValues` per block
   * but a `RangeList` for blocks that are one cell of one same value; Office.js: one sync), cells
   * as in `write`. Cells outside the blocks are never written, not even with their own value: a
   * formula, format or note there stays. Blocks must not overlap.
   *
   * With `expect`, the host first checks those cells (one more read where it cannot check inside
   * the same batch) and, if any no longer holds its value, writes nothing and throws E_CONFLICT
   * naming the first such cell (`sheet`, `cell`, `row`). Core then reads again and re-locates.
   */
  writeBlocks(sheet: string, blocks: CellBlock[], expect?: ExpectedCell[]): Promise<void>;
  /** Appends rows after the last used row; cells as in `write`. */
  append(sheet: string, rows: WriteGrid): Promise<void>;
  /**
   * Deletes whole rows (0-based indexes, any order); rows below move up. With `expect`, as in
   * `writeBlocks`: nothing is deleted, and E_CONFLICT is thrown, when a row moved meanwhile.
   */
  deleteRows(sheet: string, rows: number[], expect?: ExpectedCell[]): Promise<void>;
  /**
   * The sheet's merged ranges (0-based) that hold a cell of its used range; [] for a missing
   * sheet. One host round trip (none more right after `read` where the host can reuse it). A
   * merge shows only its top-left cell: core never writes a header, an ID or a value into the
   * others, where it would be hidden (or dropped) by the spreadsheet.
   */
  merges(sheet: string): Promise<CellRange[]>;
  /**
   * The cells of `range` (0-based) that hold a formula — Carnet's own or a team's — in one host
   * round trip; [] for a missing sheet. The port's reads carry values only, and a formula that
   * shows a value reads like typed text: core asks this before it rewrites cells a person did not
   * name (a rename's cascade, normalising cells), and leaves formulas as they are.
   */
  formulaCells(sheet: string, range: CellRange): Promise<{ row: number; column: number }[]>;
  /** Creates the sheet when missing; returns true when it was created. Visibility is applied either way. */
  ensureSheet(name: string, options?: { visibility?: Visibility; index?: number }): Promise<boolean>;
  renameSheet(from: string, to: string): Promise<void>;
  /**
   * Empties a sheet Carnet owns (a report's, before it is built again): values, formats, merges,
   * validations, and the charts and pivot tables on it. Never called on a directory's or a team's sheet.
   */
  clearSheet(sheet: string): Promise<void>;
  /** Applies formats to a sheet Carnet owns (see SheetFormat), in one batch. */
  formatSheet(sheet: string, format: SheetFormat): Promise<void>;
  /** Puts these charts on a sheet Carnet owns, replacing the ones Carnet put there before; one batch. */
  charts(sheet: string, charts: ChartSpec[]): Promise<void>;
  /**
   * Places a native pivot table on a sheet Carnet owns, replacing the pivot tables Carnet put on
   * that sheet before; one batch. Only on hosts whose `pivotTables` is not `none` (core checks).
   */
  pivotTable(spec: NativePivotSpec): Promise<void>;
  layout(sheet: string, layout: SheetLayout): Promise<void>;
  /**
   * Applies a protection plan: the sheets it names get exactly the protection it says (Carnet's own
   * protections on them are replaced; a team's password-protected sheet is refused, never unlocked).
   * Applying the same plan twice changes nothing. One batch.
   */
  protect(plan: ProtectionPlan): Promise<void>;
  /** The protection of these sheets as it is now (missing sheets are left out); one batch. */
  protections(sheets: string[]): Promise<ProtectionState[]>;
  /**
   * Exclusive section (id allocation, appends). Nested calls join the outer one.
   * Hosts with deferred writes persist everything when the outermost call returns,
   * and persist nothing when it throws.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  user(): Promise<UserInfo>;
}

/** Spreadsheet column letters for a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(column: number): string {
  let n = column + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1 notation for 0-based coordinates. */
export function a1(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}
