import type { ColumnValidation } from './workbook.js';

/**
 * What `layout()` left in a host, as far as it can tell it back: the xlsx host and the fakes of
 * Sheets and Excel report it, the contract suite compares it with what was asked.
 */
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
