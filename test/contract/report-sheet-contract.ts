/**
 * The port's sheets that Carnet owns whole (a report's): formats and charts kept by the host,
 * emptied whole by clearSheet, charts replaced in one batch. Part of workbookContract.
 */

import { describe, expect, it } from 'vitest';
import type { Grid, Workbook } from '../../core/workbook.js';
import type { ContractHarness } from './workbook-contract.js';

export function reportSheetContract(current: () => { h: ContractHarness; wb: Workbook; durable: () => Promise<Workbook> }): void {
  describe('report sheets (sheets Carnet owns whole)', () => {
    // The harness of the test being run (made in workbookContract's beforeEach).
    const h = () => current().h;
    const wb = () => current().wb;
    const durable = () => current().durable();
    const table: Grid = [
      ['Shipments by product, by month', null, null, null],
      ['Product', '2026-01', '2026-02', 'Total'],
      ['Chair', 3, 5, 8],
      ['Desk', 1, null, 1],
      ['Total', 4, 5, 9],
    ];
    const cells = [
      { row: 1, column: 0 },
      { row: 2, column: 0 },
      { row: 2, column: 1 },
      { row: 4, column: 3 },
    ];
    const build = async () => {
      await wb().transaction(async () => {
        await wb().ensureSheet('Report');
        await wb().write('Report', 0, 0, table);
        await wb().formatSheet('Report', {
          frozenRows: 2,
          frozenColumns: 1,
          bold: [
            { top: 1, left: 0, bottom: 1, right: 3 },
            { top: 4, left: 0, bottom: 4, right: 3 },
          ],
          numberFormats: [{ range: { top: 2, left: 1, bottom: 4, right: 3 }, format: '#,##0' }],
          widths: [{ column: 0, width: 24 }],
        });
        await wb().charts('Report', [
          {
            name: 'Carnet: Shipments by product',
            kind: 'bar',
            title: 'Shipments by product',
            anchor: { row: 0, column: 5, width: 480, height: 288 },
            categories: { top: 2, left: 0, bottom: 3, right: 0 },
            series: [
              { name: '2026-01', values: { top: 2, left: 1, bottom: 3, right: 1 } },
              { name: '2026-02', values: { top: 2, left: 2, bottom: 3, right: 2 } },
            ],
          },
        ]);
      });
    };
    const stored = async (w: Workbook) => {
      expect(h().reportSheet, 'the harness must provide reportSheet() for the report sheet tests').toBeDefined();
      return h().reportSheet!(w, 'Report', cells);
    };

    it('take formats and a chart, kept by the host', async () => {
      await build();
      const later = await durable();
      expect(await later.read('Report')).toEqual(table);
      const kept = await stored(later);
      // Number formats of the number cells only: how a host stores text cells (Excel's `@`
      // for literal text) is its own business.
      const { B3, D5 } = kept.numberFormats;
      expect({ ...kept, numberFormats: { B3, D5 } }).toEqual({
        frozenRows: 2,
        frozenColumns: 1,
        bold: [
          { row: 1, column: 0 },
          { row: 4, column: 3 },
        ],
        numberFormats: { B3: '#,##0', D5: '#,##0' },
        charts: [{ kind: 'bar', title: 'Shipments by product', series: 2 }],
      });
    });

    it('are emptied whole by clearSheet, charts included, and built again in their place', async () => {
      await build();
      await wb().transaction(() => wb().clearSheet('Report'));
      const cleared = await durable();
      expect(await cleared.read('Report')).toEqual([]);
      expect((await stored(cleared)).charts).toEqual([]);
      expect((await stored(cleared)).bold).toEqual([]);
      await build();
      const later = await durable();
      expect(await later.read('Report')).toEqual(table);
      expect((await stored(later)).charts).toEqual([{ kind: 'bar', title: 'Shipments by product', series: 2 }]);
    });

    it('replace the charts Carnet put there, one batch for all of them', async () => {
      await build();
      await wb().transaction(() =>
        wb().charts('Report', [
          {
            name: 'Carnet: Sales this year',
            kind: 'line',
            title: 'Sales this year',
            anchor: { row: 0, column: 5, width: 480, height: 288 },
            categories: { top: 1, left: 1, bottom: 1, right: 2 },
            series: [{ name: 'Chair', values: { top: 2, left: 1, bottom: 2, right: 2 } }],
          },
        ]),
      );
      expect((await stored(await durable())).charts).toEqual([{ kind: 'line', title: 'Sales this year', series: 1 }]);
    });
  });
}
