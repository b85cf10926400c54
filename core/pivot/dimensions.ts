/**
 * How a report's table is laid out, the same on the sheet and on screen: row label columns,
 * then one column per column group × data field, then the row totals (when there are column
 * groups); one line per row group, then the totals line (when there are row groups).
 */

import type { PivotResult } from './types.js';

export interface Dimensions {
  /** Label columns (at least one, even with no row field). */
  L: number;
  /** Column fields, data fields, row lines, column lines. */
  CL: number;
  D: number;
  R: number;
  C: number;
  withTotalColumns: boolean;
  withTotalRow: boolean;
}

export function dimensions(result: PivotResult): Dimensions {
  const CL = result.columnFields.length;
  const R = result.rowKeys.length;
  return {
    L: Math.max(1, result.rowFields.length),
    CL,
    D: result.dataFields.length,
    R,
    C: result.columnKeys.length,
    withTotalColumns: CL > 0 && !!result.rowTotals,
    withTotalRow: result.rowFields.length > 0 && !!result.columnTotals && R > 0,
  };
}
