/** What `tidy.plan` and `tidy.apply` take and give (see plan.ts for the rules). */

import type { CheckProblem } from '../check/check.js';
import type { Cell } from '../workbook.js';

export interface TidyInput {
  /** Only this directory (key, label in any language, or sheet name); every directory when absent. */
  directory?: string;
  /**
   * `tidy.apply` only: the `token` of the plan the person confirmed. The plan is made again inside
   * the transaction and, when it no longer gives the same changes (a colleague typed or sorted
   * meanwhile), nothing is written: E_CONFLICT. Without it, the fresh plan is applied as it is.
   */
  confirmed?: string;
  /**
   * Only these rows of this sheet (1-based sheet rows, `from` ≤ `to`; the header row is never
   * tidied): the directory is the sheet's, and the plan's changes and problems are those rows'.
   * What Google's edit trigger asks for the rows a person just typed (gas-addon/tidy-trigger.ts),
   * so its work does not grow with the sheet.
   */
  rows?: TidyRows;
}

export interface TidyRows {
  /** The directory's sheet name (or the directory's key or label). */
  sheet: string;
  from: number;
  to: number;
}

/** `id`: an ID for a row typed by hand; `normalize`: a value rewritten in stored form; `default`: an empty cell given its field's default. */
export type TidyKind = 'id' | 'normalize' | 'default';

/** One cell tidy writes. */
export interface TidyChange {
  kind: TidyKind;
  /** A1 notation in the directory's sheet. */
  cell: string;
  /** Spreadsheet row number (1 = header row). */
  row: number;
  /** The field's key, or `id`. */
  field: string;
  /** What the cell holds (null when empty). */
  from: Cell;
  /** What tidy writes: the stored form (a date as its serial, money as a number). */
  to: Cell;
}

export interface TidyDirectory {
  directory: string;
  label: string;
  sheet: string;
  records: number;
  /** Counts by kind of change. */
  ids: number;
  normalized: number;
  defaults: number;
  /** Every cell written, in sheet order. */
  changes: TidyChange[];
  /** One sentence per kind of change, with examples (cells, old → new). */
  summary: string[];
  /** Worth knowing: cells left empty on purpose (a default naming the person who creates the record). */
  notes: string[];
}

export interface TidyPlan {
  /** The directories looked at (the one asked, or every directory whose sheet exists). */
  directories: TidyDirectory[];
  /** Cells to write, all directories together. */
  changes: number;
  /**
   * What tidy cannot fix, as `check` will still report it once the changes are made, with its
   * cell; for the directories looked at. Cells tidy leaves on purpose (a formula, a merge) say so.
   */
  problems: CheckProblem[];
  /** Fingerprint of the changes: give it back as `confirmed` to `tidy.apply`. */
  token: string;
  message: string;
}

export interface TidyResult extends TidyPlan {
  /** Cells written (equal to `changes`). */
  written: number;
}
