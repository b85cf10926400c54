/**
 * A report's sheet in the .xlsx file: what only this host can show — the parts a chart is made
 * of, that replacing or removing Carnet's charts leaves no part behind, that a team's own object
 * on the sheet's drawing stays, and that formats are new styles derived from the cells' own.
 * What every host shares is in the contract (test/contract/, "report sheets").
 */

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChartSpec, Grid } from '../../core/workbook.js';
import { XlsxWorkbook } from '../../local/xlsx-workbook.js';
import type { XlsxPackage } from '../../local/xlsx/package.js';
import { barChart, lineChart } from '../helpers/report-charts.js';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carnet-report-'));
  file = path.join(dir, 'book.xlsx');
});
afterEach(async () => fs.rm(dir, { recursive: true, force: true }));

const TABLE: Grid = [
  ['Shipments by product, by month', null, null, null],
  ['Product', '2026-01', '2026-02', 'Total'],
  ['Chair', 3, 5, 8],
  ['Desk', 1, null, 1],
  ['Total', 4, 5, 9],
];

const bar = (name: string, title: string, column = 5): ChartSpec => barChart(name, title, column);

const line = lineChart('Carnet: Sales this year');

/** A saved workbook with a Team sheet and a Report sheet holding TABLE. */
async function reportBook(): Promise<XlsxWorkbook> {
  const wb = await XlsxWorkbook.create(file);
  await wb.transaction(async () => {
    await wb.ensureSheet('Team');
    await wb.write('Team', 0, 0, [['Name'], ['Ada']]);
    await wb.ensureSheet('Report');
    await wb.write('Report', 0, 0, TABLE);
  });
  return wb;
}

/** Parts whose names match, sorted. */
const partsLike = (pkg: XlsxPackage, re: RegExp) => pkg.paths().filter((p) => re.test(p)).sort();

/**
 * What a package should never hold: a content-type override or a relationship naming a part that
 * is not there, or a part (other than the package's own files) that no relationship points at.
 */
function packageProblems(pkg: XlsxPackage): string[] {
  const problems: string[] = [];
  const paths = pkg.paths();
  const present = new Set(paths.map((p) => p.toLowerCase()));
  for (const m of pkg.text('[Content_Types].xml').matchAll(/<Override\b[^>]*PartName="\/([^"]+)"/g)) {
    if (!present.has(m[1]!.toLowerCase())) problems.push(`content type for a missing part: ${m[1]}`);
  }
  const targets = new Set<string>();
  for (const source of ['', ...paths.filter((p) => !/\.rels$/.test(p))]) {
    for (const r of pkg.rels(source)) {
      if (r.external) continue;
      targets.add(r.path.toLowerCase());
      if (!present.has(r.path.toLowerCase())) problems.push(`${source || 'the package'} relates to a missing part: ${r.path}`);
    }
  }
  for (const p of paths) {
    if (/\.rels$/.test(p) || p === '[Content_Types].xml') continue;
    if (!targets.has(p.toLowerCase())) problems.push(`no relationship points at ${p}`);
  }
  return problems;
}

function contentTypeOf(pkg: XlsxPackage, part: string): string | undefined {
  const m = new RegExp(`<Override\\b[^>]*PartName="/${part.replace(/[.]/g, '\\.')}"[^>]*ContentType="([^"]+)"`).exec(pkg.text('[Content_Types].xml'));
  return m?.[1];
}

describe("A report's charts in the file", () => {
  it('are a drawing part related to the sheet and one chart part per chart, each with its content type', async () => {
    const wb = await reportBook();
    await wb.transaction(() => wb.charts('Report', [bar('Carnet: Shipments by product', 'Shipments by product'), line]));
    const pkg = (await XlsxWorkbook.open(file)).packageForTests;
    expect(partsLike(pkg, /^xl\/(drawings|charts)\/[^/]+\.xml$/)).toEqual(['xl/charts/chart1.xml', 'xl/charts/chart2.xml', 'xl/drawings/drawing1.xml']);
    expect(contentTypeOf(pkg, 'xl/drawings/drawing1.xml')).toBe('application/vnd.openxmlformats-officedocument.drawing+xml');
    expect(contentTypeOf(pkg, 'xl/charts/chart1.xml')).toBe('application/vnd.openxmlformats-officedocument.drawingml.chart+xml');
    const sheet = pkg.rels('xl/workbook.xml').find((r) => /worksheet$/.test(r.type) && pkg.text(r.path).includes('<drawing'))!;
    expect(pkg.rels(sheet.path).map((r) => [r.type.replace(/.*\//, ''), r.path])).toEqual([['drawing', 'xl/drawings/drawing1.xml']]);
    expect(pkg.rels('xl/drawings/drawing1.xml').map((r) => r.path).sort()).toEqual(['xl/charts/chart1.xml', 'xl/charts/chart2.xml']);
    const chart = pkg.text('xl/charts/chart1.xml');
    // Series named by their own text, reading the sheet's cells, with caches of the values written.
    expect(chart).toContain('<c:barDir val="col"/><c:grouping val="clustered"/>');
    expect(chart).toContain('<c:tx><c:v>2026-01</c:v></c:tx>');
    expect(chart).toContain("<c:f>'Report'!$A$3:$A$4</c:f><c:strCache><c:ptCount val=\"2\"/><c:pt idx=\"0\"><c:v>Chair</c:v></c:pt><c:pt idx=\"1\"><c:v>Desk</c:v></c:pt></c:strCache>");
    expect(chart).toContain("<c:f>'Report'!$C$3:$C$4</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val=\"2\"/><c:pt idx=\"0\"><c:v>5</c:v></c:pt></c:numCache>");
    expect(pkg.text('xl/charts/chart2.xml')).toContain('<c:lineChart>');
    expect(pkg.text('xl/drawings/drawing1.xml')).toContain('<xdr:cNvPr id="3" name="Carnet: Sales this year"');
    expect(packageProblems(pkg)).toEqual([]);
  });

  it("are replaced by a second call, the earlier ones' parts, relationships and content types gone", async () => {
    const wb = await reportBook();
    await wb.transaction(() => wb.charts('Report', [bar('Carnet: A', 'A'), bar('Carnet: B', 'B', 12)]));
    await wb.transaction(() => wb.charts('Report', [line]));
    const again = await XlsxWorkbook.open(file);
    const pkg = again.packageForTests;
    expect(partsLike(pkg, /^xl\/(drawings|charts)\//)).toEqual(['xl/charts/chart1.xml', 'xl/drawings/_rels/drawing1.xml.rels', 'xl/drawings/drawing1.xml']);
    expect(pkg.rels('xl/drawings/drawing1.xml')).toHaveLength(1);
    expect(pkg.text('[Content_Types].xml').match(/drawingml\.chart\+xml/g)).toHaveLength(1);
    expect(packageProblems(pkg)).toEqual([]);
    expect((await again.storedReport('Report', [])).charts).toEqual([{ kind: 'line', title: 'Sales this year', series: 1 }]);
  });

  it('are all removed by an empty list, with the drawing and the sheet’s <drawing> element', async () => {
    const wb = await reportBook();
    await wb.transaction(() => wb.charts('Report', [bar('Carnet: A', 'A')]));
    await wb.transaction(() => wb.charts('Report', []));
    const pkg = (await XlsxWorkbook.open(file)).packageForTests;
    expect(partsLike(pkg, /^xl\/(drawings|charts)\//)).toEqual([]);
    expect(pkg.paths().filter((p) => /worksheets\/sheet\d+\.xml$/.test(p)).some((p) => pkg.text(p).includes('drawing'))).toBe(false);
    expect(pkg.paths().filter((p) => p.startsWith('xl/worksheets/_rels/'))).toEqual([]);
    expect(packageProblems(pkg)).toEqual([]);
  });

  it("keep a team's own object on the sheet's drawing, and name theirs apart", async () => {
    const wb = await reportBook();
    await wb.transaction(() => wb.charts('Report', [bar('Shipments', 'Shipments')]));
    // A person adds a shape to the same drawing in their spreadsheet program.
    const pkg = wb.packageForTests;
    const drawing = 'xl/drawings/drawing1.xml';
    const shape =
      '<xdr:twoCellAnchor xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>8</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>2</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>10</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>' +
      '<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="9" name="Team note"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr><xdr:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>Ours</a:t></a:r></a:p></xdr:txBody></xdr:sp><xdr:clientData/></xdr:twoCellAnchor>';
    await wb.transaction(async () => pkg.write(drawing, pkg.text(drawing).replace('</xdr:wsDr>', `${shape}</xdr:wsDr>`)));
    await wb.transaction(() => wb.charts('Report', [line]));
    await wb.transaction(() => wb.charts('Report', []));
    const after = (await XlsxWorkbook.open(file)).packageForTests;
    const xml = after.text(drawing);
    expect(xml).toContain('name="Team note"');
    expect(xml).not.toContain('Carnet:');
    // The name Carnet gave the first chart carries its prefix, so that the later call found it.
    expect(partsLike(after, /^xl\/charts\//)).toEqual([]);
    expect(packageProblems(after)).toEqual([]);
  });
});

describe("A report's sheet emptied in the file", () => {
  it('keeps its part, tab and relationship, and loses its cells, formats, charts and notes with their parts', async () => {
    const wb = await reportBook();
    await wb.transaction(async () => {
      await wb.formatSheet('Report', { frozenRows: 2, frozenColumns: 1, bold: [{ top: 1, left: 0, bottom: 1, right: 3 }], widths: [{ column: 0, width: 24 }] });
      await wb.charts('Report', [bar('Carnet: A', 'A')]);
      await wb.layout('Report', { frozenRows: 2, boldHeader: true, dataRows: 3, columns: [{ column: 1, note: 'Help', validation: { kind: 'list', values: ['a', 'b'] } }] });
    });
    const before = wb.packageForTests.paths().filter((p) => /worksheets\/sheet\d+\.xml$/.test(p)).sort();
    await wb.transaction(() => wb.clearSheet('Report'));
    const again = await XlsxWorkbook.open(file);
    const pkg = again.packageForTests;
    expect(pkg.paths().filter((p) => /worksheets\/sheet\d+\.xml$/.test(p)).sort()).toEqual(before);
    expect((await again.sheets()).map((s) => s.name)).toEqual(['Team', 'Report']);
    expect(await again.read('Report')).toEqual([]);
    expect(await again.read('Team')).toEqual([['Name'], ['Ada']]);
    expect(partsLike(pkg, /^xl\/(drawings|charts|comments)/)).toEqual([]);
    const report = pkg.rels('xl/workbook.xml').find((r) => r.id === pkg.rels('xl/workbook.xml').filter((x) => /worksheet$/.test(x.type))[1]!.id)!;
    const xml = pkg.text(report.path);
    for (const gone of ['<pane', '<cols', '<dataValidations', '<drawing', '<legacyDrawing', '<c ']) expect(xml).not.toContain(gone);
    expect(pkg.rels(report.path)).toEqual([]);
    // Its relationships part went too, left empty.
    expect(pkg.paths().filter((p) => p.startsWith('xl/worksheets/_rels/'))).toEqual([]);
    expect(packageProblems(pkg)).toEqual([]);
    expect(await again.storedReport('Report', [{ row: 1, column: 0 }])).toEqual({ frozenRows: 0, frozenColumns: 0, bold: [], numberFormats: { A2: 'General' }, charts: [] });
  });

  it('drops the results of formulas elsewhere that read it, so that they are calculated again', async () => {
    const wb = await reportBook();
    await wb.transaction(() => wb.write('Team', 0, 1, [[{ formula: "='Report'!B3*2", value: 6 }]]));
    await wb.transaction(() => wb.clearSheet('Report'));
    const pkg = (await XlsxWorkbook.open(file)).packageForTests;
    const team = pkg.paths().find((p) => /worksheets\/sheet1\.xml$/.test(p))!;
    expect(pkg.text(team)).toMatch(/<c r="B1"[^>]*><f>'Report'!B3\*2<\/f><\/c>/);
  });
});

describe("A report's formats in the file", () => {
  it("are new styles derived from each cell's own: a team's fill stays under Carnet's bold, and cells sharing the old style keep it", async () => {
    await reportBook();
    // A person fills B3 and B4 yellow in their spreadsheet program (one style for both).
    const edited = new ExcelJS.Workbook();
    await edited.xlsx.readFile(file);
    const yellow: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    for (const ref of ['B3', 'B4']) edited.getWorksheet('Report')!.getCell(ref).fill = yellow;
    await edited.xlsx.writeFile(file);
    const wb = await XlsxWorkbook.open(file);
    await wb.transaction(() =>
      wb.formatSheet('Report', { bold: [{ top: 2, left: 1, bottom: 2, right: 2 }], numberFormats: [{ range: { top: 2, left: 1, bottom: 3, right: 2 }, format: '0.0' }] }),
    );
    const after = new ExcelJS.Workbook();
    await after.xlsx.readFile(file);
    const ws = after.getWorksheet('Report')!;
    expect([ws.getCell('B3').font?.bold, ws.getCell('B3').fill, ws.getCell('B3').numFmt]).toEqual([true, yellow, '0.0']);
    expect([ws.getCell('B4').font?.bold ?? false, ws.getCell('B4').fill, ws.getCell('B4').numFmt]).toEqual([false, yellow, '0.0']);
    expect([ws.getCell('C3').font?.bold, ws.getCell('C3').numFmt]).toEqual([true, '0.0']);
    const again = await XlsxWorkbook.open(file);
    expect(await again.storedReport('Report', [{ row: 2, column: 1 }, { row: 3, column: 1 }, { row: 2, column: 3 }])).toMatchObject({
      bold: [{ row: 2, column: 1 }],
      numberFormats: { B3: '0.0', B4: '0.0', D3: 'General' },
    });
    expect(await again.read('Report')).toEqual(TABLE);
  });
});
