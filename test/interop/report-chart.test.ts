/**
 * A report's chart, written by the .xlsx host, as other programs see it:
 *
 * - On the preservation corpus (a team's CRM from Excel and from LibreOffice, each with a chart of
 *   its own on Dashboard), Carnet adds a report's sheet with a table, formats and a chart; the file
 *   reopens in Carnet with the chart, and every other sheet and part is as it was (the inventory
 *   of test/interop/preservation.test.ts, Carnet's new sheet and parts set aside).
 * - LibreOffice draws it. The workbook goes to PDF (`soffice --headless --convert-to pdf`) and
 *   the text the pages draw is read back (below: the fonts' ToUnicode maps applied to the content
 *   streams' strings). The chart's title and its series' names (drawn by the legend) are words no
 *   cell holds, and the same workbook without the chart, converted alike, does not show them: so
 *   they come from the chart being drawn, not from cells. Axis labels are not used: they are
 *   numbers and categories the cells hold too.
 *
 * How the PDF check could fail although the chart is fine: a LibreOffice that draws chart text as
 * outlines instead of text, or embeds fonts without a ToUnicode map (then no text reads back), or
 * compresses content streams other than with FlateDecode; LibreOffice 7.4 does none of these. It
 * cannot pass while the chart is not drawn: a chart LibreOffice fails to import leaves an empty
 * frame, or nothing, and no title or legend text.
 */

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChartSpec, Grid } from '../../core/workbook.js';
import { XlsxWorkbook } from '../../local/xlsx-workbook.js';
import { pdfText, toPdf } from '../helpers/pdf-text.js';
import { requireProgram } from '../helpers/programs.js';
import { diffInventories, ignoringCachedValues, ignoringParts, inventory, type Inventory } from '../helpers/xlsx-inventory.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/preservation');
const HAS_SOFFICE = requireProgram('soffice', 'drawing a report chart in LibreOffice (PDF)');

const TITLE = 'Units shipped per quarter';
const SERIES = ['First quarter units', 'Second quarter units'];

const TABLE: Grid = [
  ['Shipments', null, null],
  ['Product', 'Q1', 'Q2'],
  ['Chairs', 30, 50],
  ['Desks', 10, 25],
  ['Lamps', 22, 8],
];

const CHART: ChartSpec = {
  name: 'Carnet: Units shipped',
  kind: 'bar',
  title: TITLE,
  anchor: { row: 6, column: 0, width: 480, height: 288 },
  categories: { top: 2, left: 0, bottom: 4, right: 0 },
  series: SERIES.map((name, i) => ({ name, values: { top: 2, left: 1 + i, bottom: 4, right: 1 + i } })),
};

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carnet-report-chart-'));
});
afterEach(async () => fs.rm(dir, { recursive: true, force: true }));

/** A copy of a corpus file with a report's sheet: the table, its formats and, unless told not to, the chart. */
async function withReport(fixture: string, name: string, chart = true): Promise<string> {
  const file = path.join(dir, name);
  await fs.copyFile(path.join(FIXTURES, fixture), file);
  const wb = await XlsxWorkbook.open(file);
  await wb.transaction(async () => {
    await wb.ensureSheet('Report');
    await wb.write('Report', 0, 0, TABLE);
    await wb.formatSheet('Report', { frozenRows: 2, bold: [{ top: 1, left: 0, bottom: 1, right: 2 }], widths: [{ column: 0, width: 18 }] });
    if (chart) await wb.charts('Report', [CHART]);
  });
  return file;
}

/** What every save that changes cells does (test/interop/preservation.test.ts): calcPr fullCalcOnLoad, no calculation chain. */
function asCarnetSaves(inv: Inventory): Inventory {
  const workbook = { ...inv.workbook, calcPr: { ...(inv.workbook.calcPr ?? {}), fullCalcOnLoad: '1' } };
  const dropped = ignoringParts({ ...inv, workbook }, ['xl/calcChain.xml']);
  return { ...dropped, workbook: { ...dropped.workbook, relationships: (dropped.workbook.relationships ?? []).filter((r) => !/calcChain/.test(r)) } };
}

for (const fixture of ['excel-crm.xlsx', 'libreoffice-crm.xlsx']) {
  describe(`A report's chart added to ${fixture}`, () => {
    it("reopens in Carnet with the chart, and leaves every other sheet and part as it was, the team's chart included", async () => {
      const before = await inventory(await fs.readFile(path.join(FIXTURES, fixture)));
      const file = await withReport(fixture, 'book.xlsx');
      const after = await inventory(await fs.readFile(file));
      const again = await XlsxWorkbook.open(file);
      expect(await again.read('Report')).toEqual(TABLE);
      expect((await again.storedReport('Report', [])).charts).toEqual([{ kind: 'bar', title: TITLE, series: 2 }]);
      // Carnet's own sheet and the parts it added for it (the sheet, its drawing and chart, their relationships) are compared apart.
      const team = new Set(before.sheets.map((s) => s.name));
      const added = Object.keys(after.parts).filter((p) => !(p in before.parts));
      expect(added.filter((p) => !/^xl\/(worksheets|drawings|charts|sharedStrings)|\.rels$/.test(p))).toEqual([]);
      const actual = ignoringParts({ ...after, sheets: after.sheets.filter((s) => team.has(s.name)) }, added);
      expect(diffInventories(ignoringCachedValues(asCarnetSaves(before)), ignoringCachedValues(actual))).toEqual([]);
    });

    it.runIf(HAS_SOFFICE)('is drawn by LibreOffice: its title and its series’ names are in the PDF’s text, and not without the chart', async () => {
      const shown = pdfText(toPdf(await withReport(fixture, 'charted.xlsx'), dir));
      const control = pdfText(toPdf(await withReport(fixture, 'plain.xlsx', false), dir));
      for (const words of [TITLE, ...SERIES]) {
        expect(shown, words).toContain(words);
        expect(control, words).not.toContain(words);
      }
      // The team's own chart is drawn in both.
      expect(shown).toContain('Revenue by city');
    }, 180_000);
  });
}
