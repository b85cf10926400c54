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

/** Computed by core/access (later issue); here only the shape the hosts accept. */
export interface ProtectionPlan {
  sheets: { name: string; editors: string[]; locked: boolean }[];
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
}

export interface Workbook {
  readonly capabilities: Capabilities;
  /** All sheets, in tab order. */
  sheets(): Promise<SheetInfo[]>;
  /** The whole used range from A1, rows padded to the same width; [] for an empty or missing sheet. */
  read(sheet: string): Promise<Grid>;
  /**
   * Writes a rectangle whose top-left is (row, column). Strings are always literal text, never
   * formulas, whatever their first character (formula injection). Only a `Formula` — built by core,
   * never from input — is written as a formula; a cell holding one reads back as its value.
   * A Formula whose text does not start with `=` is refused with an Error before anything is written.
   */
  write(sheet: string, row: number, column: number, grid: WriteGrid): Promise<void>;
  /** Appends rows after the last used row; cells as in `write`. */
  append(sheet: string, rows: WriteGrid): Promise<void>;
  /** Deletes whole rows (0-based indexes, any order); rows below move up. */
  deleteRows(sheet: string, rows: number[]): Promise<void>;
  /** Creates the sheet when missing; returns true when it was created. Visibility is applied either way. */
  ensureSheet(name: string, options?: { visibility?: Visibility; index?: number }): Promise<boolean>;
  renameSheet(from: string, to: string): Promise<void>;
  layout(sheet: string, layout: SheetLayout): Promise<void>;
  protect(plan: ProtectionPlan): Promise<void>;
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
