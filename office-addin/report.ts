/**
 * A report's sheet (a sheet Carnet owns whole) in Excel: emptied, formatted, and its charts — each
 * one `Excel.run` batch with a fixed number of syncs whatever its rows.
 *
 * - clearSheet, 2 syncs: the charts and PivotTables are loaded (the first), then every chart and
 *   every PivotTable is deleted (a report's sheet is Carnet's whole: a chart left there would read
 *   cells about to hold another report, a PivotTable would sit where the next one goes, and
 *   Excel's UI refuses to change a part of one), the whole grid unmerged (`Range.unmerge`,
 *   ExcelApi 1.2), cleared (`Range.clear`,
 *   "Clear range values and formats, such as fill and border", https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-clear-member(1))
 *   with its dropdowns (`dataValidation.clear`), and the panes unfrozen.
 * - formatSheet, 1 sync: `freezePanes.freezeAt` the top-left block of frozen rows and columns
 *   (ExcelApi 1.7, https://learn.microsoft.com/javascript/api/excel/excel.worksheetfreezepanes),
 *   or `freezeRows` / `freezeColumns` alone; `format.font.bold`, `numberFormat` (a 1×1 array
 *   applies to the whole range) and `format.columnWidth` (points) per range.
 * - charts, 2 syncs: the names of the charts on the sheet are loaded; Carnet's (named "Carnet:…")
 *   are deleted; each new one is `worksheet.charts.add(type, values, seriesBy)` over its first
 *   series' values (https://learn.microsoft.com/javascript/api/excel/excel.chartcollection#excel-excel-chartcollection-add-member(1)),
 *   then named, titled, placed (`setPosition` at its top-left cell, width and height in points),
 *   its series named and given their categories (`ChartSeries.setXAxisValues`), the other series
 *   added (`series.add(name)` then `setValues`, ExcelApi 1.7,
 *   https://learn.microsoft.com/javascript/api/excel/excel.chartseries). A team's chart on the
 *   sheet has another name and stays.
 */

import { a1, checkChartSpec, type CellRange, type ChartSpec, type SheetFormat } from '../core/workbook.js';
import type { ExcelAccess } from './access.js';
import { MAX_COLUMNS, MAX_ROWS, type XlRange, type XlWorksheet } from './excel-api.js';
import { pointsFromCharacters } from './layout.js';

/** The start of the name of every chart Carnet places (ChartSpec.name). */
export const CARNET_CHART_PREFIX = 'Carnet:';

/** The name a chart is given: Carnet's prefix first, so that a later call finds it. */
export function carnetChartName(name: string): string {
  return name.startsWith(CARNET_CHART_PREFIX) ? name : `${CARNET_CHART_PREFIX} ${name}`;
}

/** Excel's pixel is three quarters of a point (96 pixels an inch, 72 points). */
const POINTS_PER_PIXEL = 0.75;

const rangeOf = (ws: XlWorksheet, r: CellRange): XlRange => ws.getRangeByIndexes(r.top, r.left, r.bottom - r.top + 1, r.right - r.left + 1);

export async function clearReport(x: ExcelAccess, sheet: string): Promise<void> {
  const exact = await x.need(sheet);
  await x.mutate(exact, async (ctx, ws) => {
    const charts = ws.charts.load('items/name');
    const pivots = ws.pivotTables.load('items/name');
    await ctx.sync();
    for (const chart of charts.items) chart.delete();
    for (const pivot of pivots.items) pivot.delete();
    const grid = ws.getRangeByIndexes(0, 0, MAX_ROWS, MAX_COLUMNS);
    grid.unmerge();
    grid.clear('All');
    grid.dataValidation.clear();
    ws.freezePanes.unfreeze();
    await ctx.sync();
  });
}

export async function formatReport(x: ExcelAccess, sheet: string, format: SheetFormat): Promise<void> {
  const ranges = [...(format.bold ?? []), ...(format.numberFormats ?? []).map((n) => n.range)];
  for (const r of ranges) checkRange(r);
  const exact = await x.need(sheet);
  await x.mutate(exact, async (ctx, ws) => {
    const rows = format.frozenRows ?? 0;
    const columns = format.frozenColumns ?? 0;
    ws.freezePanes.unfreeze();
    if (rows > 0 && columns > 0) ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, rows, columns));
    else if (rows > 0) ws.freezePanes.freezeRows(rows);
    else if (columns > 0) ws.freezePanes.freezeColumns(columns);
    for (const r of format.bold ?? []) rangeOf(ws, r).format.font.bold = true;
    // In order: a later range wins where two overlap.
    for (const n of format.numberFormats ?? []) rangeOf(ws, n.range).numberFormat = [[n.format]];
    for (const w of format.widths ?? []) ws.getRangeByIndexes(0, w.column, 1, 1).format.columnWidth = pointsFromCharacters(w.width);
    await ctx.sync();
  });
}

export async function placeCharts(x: ExcelAccess, sheet: string, specs: readonly ChartSpec[]): Promise<void> {
  for (const spec of specs) checkExcelChart(spec);
  const exact = await x.need(sheet);
  await x.mutate(exact, async (ctx, ws) => {
    const existing = ws.charts.load('items/name');
    await ctx.sync();
    for (const chart of existing.items) if (chart.name.startsWith(CARNET_CHART_PREFIX)) chart.delete();
    for (const spec of specs) {
      const [first, ...others] = spec.series as [ChartSpec['series'][number], ...ChartSpec['series']];
      const v = first.values;
      // Values across one row are one series by rows; any other shape, by columns: one series either way.
      const byRows = v.top === v.bottom && v.right > v.left;
      const chart = ws.charts.add(spec.kind === 'bar' ? 'ColumnClustered' : 'Line', rangeOf(ws, v), byRows ? 'Rows' : 'Columns');
      chart.name = carnetChartName(spec.name);
      chart.title.text = spec.title;
      chart.setPosition(a1(spec.anchor.row, spec.anchor.column));
      chart.width = spec.anchor.width * POINTS_PER_PIXEL;
      chart.height = spec.anchor.height * POINTS_PER_PIXEL;
      const categories = rangeOf(ws, spec.categories);
      const head = chart.series.getItemAt(0);
      head.name = first.name;
      head.setValues(rangeOf(ws, v));
      head.setXAxisValues(categories);
      for (const s of others) {
        const added = chart.series.add(s.name);
        added.setValues(rangeOf(ws, s.values));
        added.setXAxisValues(categories);
      }
    }
    await ctx.sync();
  });
}

function checkRange(r: CellRange): void {
  const ok = [r.top, r.left, r.bottom, r.right].every((n) => Number.isInteger(n) && n >= 0) && r.top <= r.bottom && r.left <= r.right && r.bottom < MAX_ROWS && r.right < MAX_COLUMNS;
  // Core builds these ranges from the report it laid out: a bad one is a programming error.
  if (!ok) throw new Error(`A report's range must have 0-based corners inside the sheet, not ${JSON.stringify(r)}`);
}

/** The shared check, and Excel's own grid limits on every range. */
function checkExcelChart(spec: ChartSpec): void {
  checkChartSpec(spec);
  checkRange(spec.categories);
  for (const s of spec.series) checkRange(s.values);
}
