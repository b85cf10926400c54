/**
 * A report's sheet in the Google host, over the fake: what only this host shows — the embedded
 * chart as built (type, ranges, position, options), the registry that tells Carnet's charts from
 * a team's, and emptying a sheet that `Sheet.clear()` alone would leave with dropdowns, merges and
 * notes. The behaviours every host shares are in the contract ("report sheets").
 */

import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../core/workbook.js';
import { AppsScriptWorkbook } from '../../gas-addon/sheets-workbook.js';
import { CHARTS_KEY } from '../../gas-addon/report-charts.js';
import { CHART_TYPE, FakeAppsScript } from './fake-spreadsheet-app.js';
import { barChart, lineChart } from '../helpers/report-charts.js';

const bar = barChart();

const line = lineChart();

async function report() {
  const fake = new FakeAppsScript({ sheets: ['Team'] });
  const wb = new AppsScriptWorkbook(fake.services);
  await wb.ensureSheet('Report');
  await wb.write('Report', 0, 0, [['Shipments', null, null], ['Product', '2026-01', '2026-02'], ['Chair', 3, 5], ['Desk', 1, null]]);
  return { fake, wb, sheet: fake.spreadsheet.sheet('Report') };
}

describe("A report's charts in Sheets", () => {
  it('are embedded charts of the kind asked, over the ranges asked, where asked, titled, sized and with their series named', async () => {
    const { wb, sheet } = await report();
    await wb.charts('Report', [bar, line]);
    expect(sheet.charts.map((c) => ({ ...c.state, ranges: c.state.ranges.map((r) => r.getA1NotationUncounted()), options: Object.fromEntries(c.state.options) }))).toEqual([
      {
        type: CHART_TYPE.COLUMN,
        ranges: ['A3:A4', 'B3:B4', 'C3:C4'],
        position: { row: 1, column: 6, offsetX: 0, offsetY: 0 },
        options: { title: 'Shipments by product', width: 480, height: 288, series: { 0: { labelInLegend: '2026-01' }, 1: { labelInLegend: '2026-02' } } },
        numHeaders: 0,
        transpose: false,
      },
      {
        type: CHART_TYPE.LINE,
        ranges: ['B2:C2', 'B3:C3'],
        position: { row: 7, column: 1, offsetX: 0, offsetY: 0 },
        options: { title: 'Sales this year', width: 400, height: 240, series: { 0: { labelInLegend: 'Chair' } } },
        numHeaders: 0,
        // Months across a row: the rows are the series.
        transpose: true,
      },
    ]);
    expect(sheet.metadata.map((m) => [m.key, JSON.parse(m.value!)])).toEqual([[CHARTS_KEY, sheet.charts.map((c) => c.id)]]);
  });

  it("replace only Carnet's: a chart a person made on the sheet stays, and is never taken for Carnet's", async () => {
    const { fake, wb, sheet } = await report();
    await wb.charts('Report', [bar]);
    // A person adds a chart of their own, in the browser (the same calls a script would make).
    sheet.insertChart(sheet.newChart().setChartType(CHART_TYPE.BAR).addRange(sheet.getRange(3, 1, 2, 2)).setOption('title', 'Ours').setPosition(10, 1, 0, 0).build());
    const theirs = sheet.charts[1]!.id;
    await new AppsScriptWorkbook(fake.services).charts('Report', [line]);
    expect(sheet.charts.map((c) => c.state.options.get('title'))).toEqual(['Ours', 'Sales this year']);
    await new AppsScriptWorkbook(fake.services).charts('Report', []);
    expect(sheet.charts.map((c) => c.id)).toEqual([theirs]);
    expect(sheet.metadata).toEqual([]);
  });
});

describe("A report's sheet emptied in Sheets", () => {
  it('loses its values, formats, dropdowns, merges, notes, frozen panes and every chart, with the registry', async () => {
    const { fake, wb, sheet } = await report();
    await wb.formatSheet('Report', { frozenRows: 2, frozenColumns: 1, bold: [{ top: 1, left: 0, bottom: 1, right: 2 }], numberFormats: [{ range: { top: 2, left: 1, bottom: 3, right: 2 }, format: '#,##0' }] });
    await wb.layout('Report', { frozenRows: 2, boldHeader: true, dataRows: 3, columns: [{ column: 1, note: 'Help', validation: { kind: 'list', values: ['a', 'b'] } }] });
    await wb.charts('Report', [bar]);
    sheet.getRange(1, 1, 1, 3).merge();
    await new AppsScriptWorkbook(fake.services).clearSheet('Report');
    expect(await new AppsScriptWorkbook(fake.services).read('Report')).toEqual([]);
    expect(sheet.rows.flat().filter((c) => c && (c.format !== undefined || c.weight !== undefined || c.validation !== undefined || c.note !== undefined))).toEqual([]);
    expect({ merges: sheet.merges, frozen: [sheet.frozenRows, sheet.frozenColumns], charts: sheet.charts, metadata: sheet.metadata }).toEqual({ merges: [], frozen: [0, 0], charts: [], metadata: [] });
    expect(fake.spreadsheet.sheet('Team').rows).toEqual([]);
  });
});

describe("A report's number formats in Sheets", () => {
  it('are one range list per format, and a later range still wins where ranges of two formats overlap', async () => {
    const { fake, wb, sheet } = await report();
    fake.calls.reset();
    await wb.formatSheet('Report', {
      numberFormats: [
        { range: { top: 2, left: 1, bottom: 3, right: 1 }, format: '0' },
        { range: { top: 2, left: 2, bottom: 3, right: 2 }, format: '0.0' },
        { range: { top: 0, left: 0, bottom: 0, right: 0 }, format: '0' },
      ],
    });
    expect(fake.calls.counts['RangeList.setNumberFormat']).toBe(2);
    await wb.formatSheet('Report', {
      numberFormats: [
        { range: { top: 2, left: 1, bottom: 3, right: 2 }, format: '0' },
        { range: { top: 2, left: 2, bottom: 2, right: 2 }, format: '0.00' },
        { range: { top: 3, left: 2, bottom: 3, right: 2 }, format: '0' },
      ],
    });
    expect([sheet.cell(2, 1)?.format, sheet.cell(2, 2)?.format, sheet.cell(3, 2)?.format]).toEqual(['0', '0.00', '0']);
  });
});
