/**
 * What adoption takes and gives: the confirmations an admin ticks, the plan (columns, cells,
 * changes, confirmations, blockers) and the result. See adopt.ts.
 */

import type { ErrorData } from '../errors.js';
import type { Cell } from '../workbook.js';

/** The writes an admin confirms, one flag each; without them adoption changes no cell. */
export interface AdoptOptions {
  /** Add an ID column (or fill the empty cells of the existing one) with new ids. */
  addIds?: boolean;
  /** Add headers, right of the team's columns, for the fields mapped to no column. */
  addColumns?: boolean;
  /** Rewrite cells that are valid but not in stored form (`06 12 34 56 78` → `+33612345678`). */
  normalize?: boolean;
  /** Create the referenced records that are missing (a city named in the sheet, not yet in Cities). */
  addReferenced?: boolean;
}

/** The flags in the order the plan lists them. */
export const FLAGS: AdoptFlag[] = ['addIds', 'addColumns', 'normalize', 'addReferenced'];

export interface AdoptInput extends AdoptOptions {
  /** The team's sheet, by name (any case). */
  sheet: string;
  /** The directory that will live in it, by key or label. */
  directory: string;
  /**
   * Field (key or label) → header of its column; null leaves the field without a column.
   * For the plan, entries replace the proposal for the fields they name. For adoption, this is
   * exactly the mapping applied: nothing is guessed.
   */
  mapping?: Record<string, string | null>;
}

/** A cell that would be rewritten in stored form. */
export interface CellChange {
  cell: string;
  from: Cell;
  to: Cell;
}

export interface ColumnPlan {
  /** Column letter. */
  column: string;
  /** The header as the team typed it ('' when the column has data but no header). */
  header: string;
  /** The field it would hold (`id` for the sheet's own ID column); null: the team's own column, which Carnet never reads or writes. */
  field: string | null;
  /** That field's label now, in the workbook's language. */
  label?: string;
  /** How the field was found: its name, a synonym (accents and punctuation aside), or given by the admin. */
  match?: 'name' | 'synonym' | 'given';
  /**
   * Unmapped columns: a field whose words the header contains ("Notes perso" holds "notes"). Only
   * a suggestion: it takes the admin's mapping to use it, since a team's column may be private.
   */
  guess?: string;
  /** Up to three distinct values from non-empty cells. */
  samples: Cell[];
  /** Mapped columns: cells already in stored form. */
  fine?: number;
  /** Mapped columns: valid cells whose stored form differs (rewritten only with `normalize`). */
  normalize?: CellChange[];
  /** Mapped columns: cells left as they are, each as `check` will report it after adoption. */
  invalid?: ErrorData[];
  /** Reference columns: values not in the referenced directory, with their cells. */
  missing?: { value: string; cells: string[] }[];
}

export type AdoptFlag = keyof AdoptOptions;

/** A write this plan has something for, which takes its flag to happen. */
export interface AdoptConfirmation {
  flag: AdoptFlag;
  /** Adoption is refused without it (ids, and a column for every field). */
  needed: boolean;
  /** The plan was made with it: what it writes is in `changes`. */
  ticked: boolean;
  /** What ticking it writes, in plain words (the same whether ticked or not). */
  message: string;
}

export interface AdoptChange {
  kind: 'sheet' | 'label' | 'records' | 'ids' | 'columns' | 'normalize' | 'layout';
  message: string;
  /** Cells of the adopted sheet written, in A1 notation. */
  range?: string;
  count?: number;
}

export interface AdoptPlan {
  sheet: string;
  directory: string;
  /** The directory's name in the workbook's language. */
  label: string;
  /** The sheet the directory uses now; left in place after adoption. */
  previousSheet: string;
  /** Rows holding something in a mapped column (or an id): the records after adoption. */
  records: number;
  columns: ColumnPlan[];
  /** Fields mapped to no column, and where `addColumns` would put their header. */
  fieldsWithoutColumn: { field: string; label: string; required: boolean; column?: string }[];
  /** The sheet's own ID column, if it has one. */
  idColumn: { column: string; filled: number; empty: number } | null;
  /** Cells repeating an earlier row's display key; adoption is refused while there are any. */
  duplicates: ErrorData[];
  /** What applying with these options would write, in order. */
  changes: AdoptChange[];
  /** What stays exactly as it is. */
  untouched: string;
  /**
   * The writes this sheet calls for, in flag order (addIds, addColumns, normalize, addReferenced);
   * a flag with nothing to write has no entry.
   */
  confirmations: AdoptConfirmation[];
  /** Why adoption would be refused, each with what to do, besides the needed confirmations not ticked. */
  blockers: ErrorData[];
  /** Things worth knowing that no confirmation covers (a column that might hold a field, rows that are not records). */
  hints: string[];
  /** The `directory.adopt` input that makes exactly `changes`. */
  apply: Required<AdoptOptions> & { sheet: string; directory: string; mapping: Record<string, string> };
}

export interface AdoptResult {
  directory: string;
  sheet: string;
  /** The sheet the directory used before; null when it no longer exists. */
  previousSheet: string | null;
  records: number;
  mapping: Record<string, string>;
  changes: AdoptChange[];
  /** Cells left as they were that `check` reports as errors. */
  invalid: number;
  message: string;
}
