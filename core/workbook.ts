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
}

export interface Workbook {
  readonly capabilities: Capabilities;
  /** All sheets, in tab order. */
  sheets(): Promise<SheetInfo[]>;
  /** The whole used range from A1, rows padded to the same width; [] for an empty or missing sheet. */
  read(sheet: string): Promise<Grid>;
  /**
   * Writes a rectangle whose top-left is (row, column). Strings are always literal text, never
   * formulas, whatever their first character (formula injection).
   */
  write(sheet: string, row: number, column: number, grid: Grid): Promise<void>;
  /** Appends rows after the last used row. */
  append(sheet: string, rows: Grid): Promise<void>;
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

/** True when a string would be taken as a formula by a spreadsheet if typed in a cell. */
export function looksLikeFormula(value: string): boolean {
  return /^[=+\-@\t\r]/.test(value);
}
