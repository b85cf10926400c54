/**
 * Carnet's charts on a report's sheet, as Sheets' embedded charts:
 * `sheet.newChart().setChartType(…).addRange(…).setPosition(row, column, 0, 0).setOption('title', …).build()`,
 * then `sheet.insertChart(chart)` ("This method does not automatically draw the chart on the
 * spreadsheet. A new chart must be inserted via sheet.insertChart(chart)": EmbeddedChartBuilder,
 * https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder#build).
 *
 * An embedded chart has no name Carnet could give it, and a chart's options are the Charts
 * options Sheets understands, so Carnet keeps a registry instead: the ids of the charts it placed
 * (`EmbeddedChart.getChartId()`, "a stable identifier for the chart that is unique across the
 * spreadsheet"), as JSON in one developer metadata entry on the sheet (`carnet.charts`,
 * Sheet.addDeveloperMetadata). A later call removes exactly those charts: a team's chart on the
 * sheet is not in the registry and stays. The id is read from `getCharts()` after the insert: the
 * reference does not say that the built chart learns its id when inserted.
 *
 * Calls: 3 for the registry (finder, withKey, find) and 1 for its value, 1 + 1 per chart on the
 * sheet to list them, 1 per chart removed; per chart placed, newChart, 9 builder calls, 2 per
 * range (getRange, addRange: the categories and each series) and insertChart; then 1 + 1 per
 * chart to read the new ids, and 1 to save the registry. Nothing depends on the number of rows:
 * replacing one two-series chart is 31 calls, the sheet's lookup and size included
 * (test/gas/call-count.test.ts).
 */

import { fail } from '../core/errors.js';
import { say } from '../core/messages/say.js';
import { checkChartSpec, type CellRange, type ChartSpec } from '../core/workbook.js';
import type { AppsScriptServices, DeveloperMetadataApi, SheetApi } from './apps-script-api.js';
import type { OpenSpreadsheet } from './open-spreadsheet.js';

/** The developer metadata key of the registry of Carnet's chart ids on a sheet. */
export const CHARTS_KEY = 'carnet.charts';

/** The registry's entry on the sheet, if any, and the ids it lists. */
export function chartRegistry(s: SheetApi): { entry: DeveloperMetadataApi | undefined; ids: Set<number> } {
  const entry = s.createDeveloperMetadataFinder().withKey(CHARTS_KEY).find()[0];
  const ids = new Set<number>();
  if (entry) {
    try {
      const parsed: unknown = JSON.parse(entry.getValue() ?? '[]');
      if (Array.isArray(parsed)) for (const id of parsed) if (typeof id === 'number') ids.add(id);
    } catch {
      // A registry someone edited into something else lists nothing: no chart is taken for Carnet's.
    }
  }
  return { entry, ids };
}

export function placeCharts(open: OpenSpreadsheet, services: AppsScriptServices, s: SheetApi, specs: readonly ChartSpec[]): void {
  const charts = services.Charts;
  if (!charts && specs.length > 0) fail({ code: 'E_INTERNAL', message: say('The Charts service is not available here, so Carnet cannot draw the report’s charts.') });
  for (const spec of specs) checkChartSpec(spec);
  const registry = chartRegistry(s);
  const kept = new Set<number>();
  for (const chart of s.getCharts()) {
    const id = chart.getChartId();
    if (id !== null && registry.ids.has(id)) s.removeChart(chart);
    else if (id !== null) kept.add(id);
  }
  if (specs.length > 0) {
    const bottom = Math.max(...specs.flatMap((c) => [c.categories.bottom, c.anchor.row, ...c.series.map((x) => x.values.bottom)]));
    const right = Math.max(...specs.flatMap((c) => [c.categories.right, c.anchor.column, ...c.series.map((x) => x.values.right)]));
    open.ensureSize(s, bottom + 1, right + 1);
  }
  const range = (r: CellRange) => s.getRange(r.top + 1, r.left + 1, r.bottom - r.top + 1, r.right - r.left + 1);
  for (const spec of specs) {
    let builder = s
      .newChart()
      .setChartType(spec.kind === 'bar' ? charts!.ChartType.COLUMN : charts!.ChartType.LINE)
      // The first range is the categories, and no range starts with a header row.
      .setNumHeaders(0)
      // A row of labels (months across) makes each range's rows the series.
      .setTransposeRowsAndColumns(spec.categories.top === spec.categories.bottom && spec.categories.right > spec.categories.left)
      .addRange(range(spec.categories));
    for (const series of spec.series) builder = builder.addRange(range(series.values));
    builder = builder
      .setPosition(spec.anchor.row + 1, spec.anchor.column + 1, 0, 0)
      .setOption('title', spec.title)
      .setOption('width', spec.anchor.width)
      .setOption('height', spec.anchor.height)
      // Google Charts' `series.N.labelInLegend`: the name the legend shows for series N.
      .setOption('series', Object.fromEntries(spec.series.map((x, i) => [i, { labelInLegend: x.name }])));
    s.insertChart(builder.build());
  }
  const placed = specs.length === 0 ? [] : s.getCharts().map((c) => c.getChartId()).filter((id): id is number => id !== null && !kept.has(id));
  saveRegistry(s, registry.entry, placed);
}

/** The ids of the charts Carnet placed; an empty list removes the entry. */
export function saveRegistry(s: SheetApi, entry: DeveloperMetadataApi | undefined, ids: number[]): void {
  if (ids.length === 0) {
    entry?.remove();
    return;
  }
  const value = JSON.stringify(ids);
  if (entry) entry.setValue(value);
  else s.addDeveloperMetadata(CHARTS_KEY, value);
}

