/**
 * The charts the hosts' report tests place: a two-series bar chart over a small shipments table
 * (categories down column A), and a one-series line chart whose categories run along a row.
 */

import type { ChartSpec } from '../../core/workbook.js';

export const barChart = (name = 'Carnet: Shipments', title = 'Shipments by product', column = 5): ChartSpec => ({
  name,
  kind: 'bar',
  title,
  anchor: { row: 0, column, width: 480, height: 288 },
  categories: { top: 2, left: 0, bottom: 3, right: 0 },
  series: [
    { name: '2026-01', values: { top: 2, left: 1, bottom: 3, right: 1 } },
    { name: '2026-02', values: { top: 2, left: 2, bottom: 3, right: 2 } },
  ],
});

export const lineChart = (name = 'Carnet: Sales'): ChartSpec => ({
  name,
  kind: 'line',
  title: 'Sales this year',
  anchor: { row: 6, column: 0, width: 400, height: 240 },
  categories: { top: 1, left: 1, bottom: 1, right: 2 },
  series: [{ name: 'Chair', values: { top: 2, left: 1, bottom: 2, right: 2 } }],
});

/** A two-series bar chart over `rows` rows under a header: what the call-count tests place at 10 and 10,000 rows. */
export const quarterChart = (rows: number, name: string): ChartSpec => ({
  name,
  kind: 'bar',
  title: 'Units per quarter',
  anchor: { row: 0, column: 4, width: 480, height: 288 },
  categories: { top: 1, left: 0, bottom: rows, right: 0 },
  series: [1, 2].map((c) => ({ name: `Q${c}`, values: { top: 1, left: c, bottom: rows, right: c } })),
});
