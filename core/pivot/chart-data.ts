/**
 * What a report's chart shows, the same in the UI's SVG and in the sheet's native chart: the row
 * groups as categories (the first 50), and as series either each data field (no column groups),
 * each column group (up to 12), or the row totals. Bars for categories, lines for time.
 */

import type { Lang } from '../schema/types.js';
import { TOTAL } from './labels.js';
import type { PivotResult } from './types.js';

export const CHART_CATEGORIES = 50;
export const CHART_SERIES = 12;

export interface ChartData {
  kind: 'bar' | 'line';
  title: string;
  categories: string[];
  /** `column`: the series' column among the table's value columns (column group × data field, then the totals). */
  series: { name: string; column: number; values: (number | null)[]; percent: boolean }[];
}

export function chartData(result: PivotResult, lang: Lang): ChartData | undefined {
  if (result.chart === 'none' || result.rowKeys.length === 0 || result.rowFields.length === 0) return undefined;
  const D = result.dataFields.length;
  const C = result.columnKeys.length;
  const CL = result.columnFields.length;
  const shown = result.rowKeys.slice(0, CHART_CATEGORIES);
  const categories = shown.map((keys) => keys.map((k) => k.label).join(' › '));
  const at = (r: number, column: number) => (column < C * D ? (result.cells[r]![Math.floor(column / D)]![column % D] ?? null) : (result.rowTotals?.[r]?.[column - C * D] ?? null));
  const make = (name: string, column: number) => ({
    name,
    column,
    values: shown.map((_, r) => at(r, column)),
    percent: result.dataFields[column % D]!.numberFormat.includes('%'),
  });
  let series: ChartData['series'];
  if (result.abc) {
    series = [1, 3].map((d) => make(result.dataFields[d]!.label, d));
  } else if (CL === 0) {
    const first = result.dataFields[0]!.numberFormat;
    series = result.dataFields.flatMap((d, i) => (i === 0 || (d.show === 'value' && d.numberFormat === first) ? [make(d.label, i)] : []));
  } else if (C <= CHART_SERIES) {
    series = result.columnKeys.map((keys, c) => make(keys.map((k) => k.label).join(' › '), c * D));
  } else if (result.rowTotals) {
    series = [make(`${TOTAL[lang]} — ${result.dataFields[0]!.label}`, C * D)];
  } else {
    series = [make(result.columnKeys[0]!.map((k) => k.label).join(' › '), 0)];
  }
  return { kind: result.chart === 'line' ? 'line' : 'bar', title: String(result.name ?? result.dataFields[0]!.label), categories, series };
}
