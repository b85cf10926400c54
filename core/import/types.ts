/**
 * An import's vocabulary: what the user chooses (mapping, mode, match keys, options), what the
 * dry run says of every row, and what an applied batch keeps so that it can be undone.
 * `import.plan` and `import.apply` take the same `ImportRequest`: apply plans again inside its
 * transaction, so it never writes from a plan the sheet has moved away from.
 */

import type { Cell } from '../workbook.js';
import type { ImportSource, ParseOptions } from './source-types.js';

export type ImportMode = 'create' | 'update' | 'upsert';
export type NameSplit = 'first-last' | 'last-first';
export type DateOrder = 'dmy' | 'mdy' | 'ymd';

/** Where one column of the file goes. */
export interface ColumnMap {
  /** 0-based column of the source table. */
  column: number;
  /**
   * A field key of the target directory; `company.city` for a field of the record a reference
   * names (filled when that record is created by the import); null: the column is ignored.
   */
  field: string | null;
  /** A full-name column ("Anna Petrova", or "Петрова Анна Сергеевна" last-first): also fills first and last name. */
  split?: NameSplit;
  /** A date column's order, when the user overrides what was detected. */
  dateOrder?: DateOrder;
}

export interface ImportRequest {
  directory: string;
  source: ImportSource;
  parse?: ParseOptions;
  /** Absent: suggested (the mapping saved for these headers, then header names, then sample values). */
  mapping?: ColumnMap[];
  /** Default upsert. */
  mode?: ImportMode;
  /** Field keys (or `id`) that together identify a record; default the directory's display field. */
  match?: string[];
  /** Country for phone numbers written without +: default the workbook's. */
  country?: string;
  /** A value for every row that leaves the field empty (owner, city, segment), by field key or label. */
  defaults?: Record<string, Cell>;
  /** Reference fields whose missing records are created (`company`), rather than rejecting the row. */
  createMissing?: string[];
  /** A deal for every created record, at this stage. */
  dealStage?: string;
  /** Every imported record gets this segment (created when new). */
  segment?: string;
  /** plan: rows listed in full. 'problems' (default): every skip and reject, and the first 20 of the others. */
  detail?: 'problems' | 'all';
  /** apply, in chunks (Google's 6-minute limit, Excel's 5 MB payloads): the batch the chunk adds to. */
  batch?: string;
  /** apply, in chunks: the file row number of `source`'s first data row, and the file's total data rows. */
  chunk?: { firstRow: number; totalRows: number };
}

export type Outcome = 'create' | 'update' | 'unchanged' | 'skip' | 'reject';

export interface RowProblem {
  field: string;
  /** 0-based source column, when the value came from one. */
  column?: number;
  value?: Cell;
  message: string;
}

export interface RowPlan {
  /** The file's row number (the header is row 1). */
  row: number;
  outcome: Outcome;
  /** Why a row is skipped or rejected, in one sentence; for an update, which record it matched. */
  reason?: string;
  problems?: RowProblem[];
  /** The matched record (update, unchanged, skip as already there). */
  id?: string;
  /** Normalised values by field key: what would be written. */
  values: Record<string, Cell>;
  /** update: the fields whose value changes. */
  changes?: string[];
}

export type Suggestion = 'saved' | 'given' | 'header' | 'samples' | 'none';

export interface ColumnReport {
  column: number;
  header: string;
  field: string | null;
  from: Suggestion;
  split?: NameSplit;
  /** Up to 3 non-empty values, as in the file. */
  samples: Cell[];
  /** Date columns: the order used, and whether the file's values could not tell (all ≤ 12). */
  dates?: { order: DateOrder; ambiguous: boolean; note: string };
}

export interface LinkPlan {
  /** The reference field (`company`) and the directory it names. */
  field: string;
  directory: string;
  /** Display keys of the records the import creates there. */
  create: string[];
}

export interface ImportPlan {
  directory: string;
  source: { name?: string; encoding?: string; sheet?: string; delimiter?: string; quote?: string; hasHeader: boolean; detected: { delimiter?: boolean; quote?: boolean; header: boolean }; rows: number };
  columns: ColumnReport[];
  /** What a column can map to: the directory's fields, then `ref.field` of the records its references name. */
  fields: { key: string; label: string; type: string; required: boolean }[];
  mapping: ColumnMap[];
  mode: ImportMode;
  match: string[];
  counts: Record<Outcome, number>;
  rows: RowPlan[];
  links: LinkPlan[];
  /** Deals the apply creates, and the segment it sets. */
  deals: number;
  segment?: { name: string; create: boolean };
  warnings: string[];
}

export interface ImportResult {
  batch: string;
  counts: Record<Outcome, number>;
  /** Rows not imported, with their reasons (every one). */
  rows: RowPlan[];
  created: Record<string, number>;
  updated: Record<string, number>;
  /** The batch holds every row of the file (a chunked import is complete after its last chunk). */
  complete: boolean;
  appliedRows: number;
  totalRows: number;
}

/** One batch as `imports` lists it. */
export interface BatchSummary {
  batch: string;
  directory: string;
  name?: string;
  user: string;
  /** Workbook serial of the start. */
  started: number;
  status: 'complete' | 'incomplete' | 'undone';
  appliedRows: number;
  totalRows: number;
  /** The file row after the last one applied: where a resumed import goes on. */
  nextRow: number;
  created: Record<string, number>;
  updated: Record<string, number>;
}

/** A record the import touched that someone has edited since: undo asks before touching it. */
export interface EditedRecord {
  directory: string;
  id: string;
  /** created: undo would delete it; updated: undo would put back values over someone's edits. */
  kind: 'created' | 'updated';
  /** updated: the fields someone changed since (empty for a created record: only a fingerprint of it is kept). */
  fields: string[];
}

export interface UndoResult {
  batch: string;
  /** false: nothing was done, `edited` lists what someone changed since; call again with `edited`. */
  done: boolean;
  edited: EditedRecord[];
  deleted: Record<string, number>;
  restored: Record<string, number>;
  /** Created records left in place because other records now reference them. */
  kept: { directory: string; id: string; reason: string }[];
}
