/**
 * A report's sheet in the Excel host, over the fake: the charts as built (type, name, title, cell,
 * size in points, each series' values and categories), a team's chart left alone, emptying a
 * sheet whose merges and dropdowns `clear` alone would leave, and a sheet Carnet protected. The
 * behaviours every host shares are in the contract ("report sheets").
 */

import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../core/workbook.js';
import type { Rect } from './fake-excel.js';
import { inExcel, setup } from './setup.js';
import { barChart, lineChart } from '../helpers/report-charts.js';

const bar = barChart();

// Named without Carnet's prefix: the host adds it.
const line = lineChart('Sales');

async function report() {
  const { excel, wb } = setup();
  await wb.ensureSheet('Report');
  await wb.write('Report', 0, 0, [['Shipments', null, null], ['Product', '2026-01', '2026-02'], ['Chair', 3, 5], ['Desk', 1, null]]);
  return { excel, wb, sheet: () => excel.sheet('Report') };
}

const box = (r: Rect | undefined) => r && { row: r.row, column: r.column, rows: r.rows, columns: r.columns };

describe("A report's charts in Excel", () => {
  it('are charts of the type asked, named "Carnet:…", titled, at their cell, sized in points, their series over the ranges asked', async () => {
    const { wb, sheet } = await report();
    await wb.charts('Report', [bar, line]);
    expect(sheet().charts.map((c) => ({ ...c, series: c.series.map((x) => ({ name: x.name, values: box(x.values), xValues: box(x.xValues) })) }))).toEqual([
      {
        name: 'Carnet: Shipments',
        type: 'ColumnClustered',
        title: 'Shipments by product',
        anchor: { row: 0, column: 5 },
        top: 0,
        left: 0,
        width: 360,
        height: 216,
        series: [
          { name: '2026-01', values: { row: 2, column: 1, rows: 2, columns: 1 }, xValues: { row: 2, column: 0, rows: 2, columns: 1 } },
          { name: '2026-02', values: { row: 2, column: 2, rows: 2, columns: 1 }, xValues: { row: 2, column: 0, rows: 2, columns: 1 } },
        ],
      },
      {
        // A name without Carnet's prefix gets it, so that a later call finds the chart.
        name: 'Carnet: Sales',
        type: 'Line',
        title: 'Sales this year',
        anchor: { row: 6, column: 0 },
        top: 0,
        left: 0,
        width: 300,
        height: 180,
        series: [{ name: 'Chair', values: { row: 2, column: 1, rows: 1, columns: 2 }, xValues: { row: 1, column: 1, rows: 1, columns: 2 } }],
      },
    ]);
  });

  it("replace only Carnet's: a chart a person made on the sheet stays", async () => {
    const { excel, wb, sheet } = await report();
    await wb.charts('Report', [bar]);
    await inExcel(excel, 'Report', (ws) => {
      const ours = ws.charts.add('Pie', ws.getRangeByIndexes(2, 1, 2, 1), 'Columns');
      ours.name = 'Chart 2';
    });
    await wb.charts('Report', [line]);
    expect(sheet().charts.map((c) => c.name)).toEqual(['Chart 2', 'Carnet: Sales']);
    await wb.charts('Report', []);
    expect(sheet().charts.map((c) => c.name)).toEqual(['Chart 2']);
  });

  it('are placed on a sheet Carnet protected, which stays protected', async () => {
    const { wb, sheet } = await report();
    await wb.protect({ sheets: [{ name: 'Report', editors: [], locked: true }] });
    await wb.charts('Report', [bar]);
    await wb.formatSheet('Report', { bold: [{ top: 1, left: 0, bottom: 1, right: 2 }] });
    expect(sheet().charts.map((c) => c.name)).toEqual(['Carnet: Shipments']);
    expect(sheet().cell(1, 0)?.bold).toBe(true);
    expect(sheet().protection).toBeDefined();
  });
});

describe("A report's sheet emptied in Excel", () => {
  it('loses its values, formats, merges, dropdowns, panes and every chart', async () => {
    const { excel, wb, sheet } = await report();
    await wb.formatSheet('Report', { frozenRows: 2, frozenColumns: 1, bold: [{ top: 1, left: 0, bottom: 1, right: 2 }], numberFormats: [{ range: { top: 2, left: 1, bottom: 3, right: 2 }, format: '#,##0' }] });
    await wb.layout('Report', { frozenRows: 2, boldHeader: true, dataRows: 3, columns: [{ column: 1, validation: { kind: 'list', values: ['a', 'b'] } }] });
    await wb.charts('Report', [bar]);
    await inExcel(excel, 'Report', (ws) => {
      ws.getRangeByIndexes(0, 0, 1, 3).merge();
      ws.charts.add('Pie', ws.getRangeByIndexes(2, 1, 2, 1), 'Columns');
    });
    await wb.clearSheet('Report');
    expect(await wb.read('Report')).toEqual([]);
    const s = sheet();
    expect(s.rows.flat().filter((c) => c && (c.format !== 'General' || c.bold || c.rule))).toEqual([]);
    expect({ merges: s.merges, frozen: [s.frozenRows, s.frozenColumns], charts: s.charts }).toEqual({ merges: [], frozen: [0, 0], charts: [] });
  });
});
