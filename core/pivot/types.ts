/**
 * Pivot reports: what a report asks (a definition, saved by name in `_carnet`) and what building
 * it gives (a table every host shows the same way). The engine that turns one into the other is
 * Carnet's own (engine.ts), so that Sheets, Excel and the local file group dates, filter and total
 * identically.
 */

import type { Cell } from '../workbook.js';

export const AGGREGATIONS = ['sum', 'count', 'countDistinct', 'average', 'min', 'max'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** Date groupings: ISO weeks (Monday first, `2026-W09`), and month of year across years (seasonality). */
export const DATE_GROUPINGS = ['day', 'week', 'month', 'quarter', 'year', 'monthOfYear'] as const;
export type DateGrouping = (typeof DATE_GROUPINGS)[number];

/**
 * A field of the report's object, by key or label, or reached through references with dots:
 * `product`, `company.city`, `company.industry`, `product.category`, `deal.owner`.
 */
export type FieldPath = string;

export interface GroupField {
  field: FieldPath;
  /** Date fields only: how dates are grouped (default `day`). */
  by?: DateGrouping;
  /** Order of the groups: by their label (dates in time order), or by the first data field's value. */
  sort?: 'label' | 'value';
  order?: 'asc' | 'desc';
  /** Keep the first N groups in that order; the rest are summed into one "Other" group. */
  top?: number;
}

export interface DataField {
  /** Ignored for `count` (records are counted); any field for `countDistinct`. */
  field: FieldPath;
  agg: Aggregation;
  /** How values are shown: as they are, or as a share of their row, column or the grand total. */
  show?: 'value' | 'percentOfRow' | 'percentOfColumn' | 'percentOfTotal';
  /** The column's title; defaults to "Sum of Quantity" in the workbook's language. */
  label?: string;
}

export const RELATIVE_RANGES = ['today', 'thisWeek', 'thisMonth', 'lastMonth', 'thisQuarter', 'lastQuarter', 'thisYear', 'lastYear', 'yearToDate', 'lastDays', 'lastMonths'] as const;
export type RelativeRange = (typeof RELATIVE_RANGES)[number];

export type Filter =
  | { field: FieldPath; op: 'equals'; value: Cell }
  | { field: FieldPath; op: 'in'; values: Cell[] }
  /** Inclusive; either end may be null (open). Dates as serials or text the field's type reads. */
  | { field: FieldPath; op: 'between'; from: Cell; to: Cell }
  | { field: FieldPath; op: 'empty' | 'notEmpty' }
  /** Evaluated at build time in the workbook's time zone; `n` for lastDays / lastMonths. */
  | { field: FieldPath; op: 'relative'; range: RelativeRange; n?: number };

export interface PivotDefinition {
  /** A directory, by key or label (any language): `sales`, `Ventes`, an admin's `Books`. */
  object: string;
  rows: GroupField[];
  columns: GroupField[];
  data: DataField[];
  filters?: Filter[];
  /** Row totals (a last column), column totals (a last row), the grand total; all on by default. */
  totals?: { rows?: boolean; columns?: boolean };
  chart?: 'bar' | 'line' | 'none';
  /**
   * An ABC analysis instead of a pivot: the first row field's groups (customers) ranked by the first
   * data field (revenue); A holds the first `a` of the total, B the next `b`, C the rest.
   */
  abc?: { a: number; b: number };
}

export interface SavedReport {
  name: string;
  definition: PivotDefinition;
  /** Set on the reports Carnet ships (`shipments-by-product`…): their names follow the workbook's language. */
  builtIn?: string;
  /** The sheet the report was last built into. */
  sheet?: string;
}

/** A group's key: its label as shown, and a value that sorts and round-trips (ISO for dates). */
export interface GroupKey {
  /** `2026-03` for a month, `2026-Q1`, `2026-W09`, `2026`, `2026-03-04`, `03` for month of year; the value otherwise. */
  key: string | number | boolean | null;
  label: string;
  /** The "(blank)" group, and the "Other" group of a top N. */
  blank?: true;
  other?: true;
}

/** What a build gives, the same in every host, and in `carnet pivot --json`. */
export interface PivotResult {
  name?: string;
  object: string;
  /** One list per row: its key for each row field. */
  rowKeys: GroupKey[][];
  columnKeys: GroupKey[][];
  /** Headers, in the workbook's language. */
  rowFields: string[];
  columnFields: string[];
  dataFields: { label: string; agg: Aggregation; show: NonNullable<DataField['show']>; numberFormat: string; currency?: string }[];
  /** [row][column][data field]; null where no record falls. */
  cells: (number | null)[][][];
  /** Per row, over all columns; per column, over all rows; and overall. Absent when turned off. */
  rowTotals?: (number | null)[][];
  columnTotals?: (number | null)[][];
  grandTotals?: (number | null)[];
  /** Records that passed the filters. */
  records: number;
  /** What was built and when, for the report sheet's caption. */
  caption: string;
  /** Cells whose text could not be read as a number, left out (the first 20), and how many in all. */
  skipped: { sheet: string; cell: string; value: Cell }[];
  skippedCount: number;
  chart: 'bar' | 'line' | 'none';
  /** An ABC analysis: the ranking the classes come from. */
  abc?: AbcRanking;
}

export interface AbcCustomer {
  key: string | number | boolean | null;
  label: string;
  revenue: number;
  /** Share of the total, and the cumulative share up to and including this customer. */
  share: number;
  cumulative: number;
  class: 'A' | 'B' | 'C';
}

export interface AbcRanking {
  /** The customers' field, as the report names it ("Company"). */
  customer: string;
  a: number;
  b: number;
  customers: AbcCustomer[];
  /** Set when the classes were written back to a field of the customers' directory. */
  written?: { directory: string; field: string; records: number };
}
