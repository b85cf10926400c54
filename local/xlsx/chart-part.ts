/**
 * A chart part (`xl/charts/chartN.xml`, DrawingML charts, ECMA-376 Part 1 §21.2) for a chart
 * Carnet puts on a report's sheet, and reading one back (kind, title, series).
 *
 * The part is the smallest that Excel and LibreOffice draw, element order as CT_ChartSpace,
 * CT_PlotArea, CT_BarChart / CT_LineChart and their series require (§21.2.2.16 barChart,
 * §21.2.2.97 lineChart, §21.2.2.17 barDir, §21.2.2.76 grouping, §21.2.2.168 ser, §21.2.2.215 tx,
 * §21.2.2.24 cat, §21.2.2.224 val, §21.2.2.25 catAx, §21.2.2.226 valAx), as python-pptx's
 * analysis of the bar chart (docs/dev/analysis/features/cht-bar-chart.rst: "minimal working
 * XML", c:barDir, c:grouping, c:ser with c:cat and c:val, two c:axId crossing a c:catAx and a
 * c:valAx) and Excel's own parts (test/fixtures/preservation/excel-shaped/chart.ts) show them.
 *
 * Each series names its cells (`'Report'!$B$3:$B$4`, c:numRef / c:strRef) and carries a cache of
 * their current values (c:numCache / c:strCache): Excel and LibreOffice read the cells, a viewer
 * that does not calculate shows the cache.
 */

import { quoteSheet } from '../../core/formula-references.js';
import { columnLetter, type Cell, type CellRange, type ChartSpec } from '../../core/workbook.js';
import { findAll, findElement } from './xml/tags.js';
import { escapeXml, unescapeXml } from './xml/text.js';

export const CHART_NS = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
export const DRAWING_MAIN_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main';
export const SPREADSHEET_DRAWING_NS = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** What a chart part needs to know of the sheet: its name, and a cell's value and number format. */
export interface ChartSource {
  sheet: string;
  value(row: number, column: number): Cell;
  numberFormat(row: number, column: number): string;
}

/** The cells of a range, row by row (a category or value range is one row or one column). */
function cellsOf(r: CellRange): { row: number; column: number }[] {
  const out: { row: number; column: number }[] = [];
  for (let row = r.top; row <= r.bottom; row++) for (let column = r.left; column <= r.right; column++) out.push({ row, column });
  return out;
}

/** `'Report'!$A$3:$A$4` (`$A$3` for one cell). */
export function rangeFormula(sheet: string, r: CellRange): string {
  const cell = (row: number, column: number) => `$${columnLetter(column)}$${row + 1}`;
  const corner = cell(r.top, r.left);
  return `${quoteSheet(sheet)}!${r.top === r.bottom && r.left === r.right ? corner : `${corner}:${cell(r.bottom, r.right)}`}`;
}

const pt = (idx: number, v: string) => `<c:pt idx="${idx}"><c:v>${escapeXml(v)}</c:v></c:pt>`;

/** Numbers as a numRef with their cache; other cells are left out of the cache (they plot as gaps). */
function numRef(src: ChartSource, r: CellRange): string {
  const cells = cellsOf(r);
  const first = cells.find((c) => typeof src.value(c.row, c.column) === 'number');
  const format = first ? src.numberFormat(first.row, first.column) : 'General';
  const points = cells.map((c, i) => {
    const v = src.value(c.row, c.column);
    return typeof v === 'number' ? pt(i, String(v)) : '';
  });
  return `<c:numRef><c:f>${escapeXml(rangeFormula(src.sheet, r))}</c:f><c:numCache><c:formatCode>${escapeXml(format)}</c:formatCode><c:ptCount val="${cells.length}"/>${points.join('')}</c:numCache></c:numRef>`;
}

/** Labels: a numRef when every label is a number (months as serials, years), else a strRef. */
function categories(src: ChartSource, r: CellRange): string {
  const cells = cellsOf(r);
  const values = cells.map((c) => src.value(c.row, c.column));
  if (values.some((v) => v !== null) && values.every((v) => v === null || typeof v === 'number')) return numRef(src, r);
  const text = (v: Cell) => (v === null ? '' : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v));
  const points = values.map((v, i) => (v === null ? '' : pt(i, text(v))));
  return `<c:strRef><c:f>${escapeXml(rangeFormula(src.sheet, r))}</c:f><c:strCache><c:ptCount val="${cells.length}"/>${points.join('')}</c:strCache></c:strRef>`;
}

/** Axis ids only pair a chart's axes with each other; fixed ones are as good as any (§21.2.2.9). */
const CAT_AXIS = 500_000_001;
const VAL_AXIS = 500_000_002;

export function chartPartXml(spec: ChartSpec, src: ChartSource): string {
  const series = spec.series
    .map((s, i) => {
      const head = `<c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${escapeXml(s.name)}</c:v></c:tx>`;
      const data = `<c:cat>${categories(src, spec.categories)}</c:cat><c:val>${numRef(src, s.values)}</c:val>`;
      return spec.kind === 'bar'
        ? `<c:ser>${head}<c:invertIfNegative val="0"/>${data}</c:ser>`
        : `<c:ser>${head}<c:marker><c:symbol val="circle"/></c:marker>${data}<c:smooth val="0"/></c:ser>`;
    })
    .join('');
  const axes = `<c:axId val="${CAT_AXIS}"/><c:axId val="${VAL_AXIS}"/>`;
  const plot =
    spec.kind === 'bar'
      ? `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="150"/>${axes}</c:barChart>`
      : `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${axes}</c:lineChart>`;
  const ticks = '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<c:chartSpace xmlns:c="${CHART_NS}" xmlns:a="${DRAWING_MAIN_NS}" xmlns:r="${RELATIONSHIPS_NS}">` +
    '<c:roundedCorners val="0"/>' +
    '<c:chart>' +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>${escapeXml(spec.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    '<c:autoTitleDeleted val="0"/>' +
    `<c:plotArea><c:layout/>${plot}` +
    `<c:catAx><c:axId val="${CAT_AXIS}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>${ticks}<c:crossAx val="${VAL_AXIS}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="${VAL_AXIS}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/>${ticks}<c:crossAx val="${CAT_AXIS}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    '</c:plotArea>' +
    '<c:legend><c:legendPos val="r"/><c:overlay val="0"/></c:legend>' +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>' +
    '</c:chart>' +
    '</c:chartSpace>'
  );
}

/** What a chart part draws, as the contract reads charts back: its kind, title and number of series. */
export interface ChartSummary {
  kind: 'bar' | 'line' | 'other';
  title: string;
  series: number;
}

export function readChartPart(xml: string): ChartSummary {
  const plot = findElement(xml, 'plotArea');
  const inPlot = (name: string) => (plot ? findElement(xml, name, plot.openEnd, plot.closeStart) : undefined);
  const bar = inPlot('barChart');
  const line = inPlot('lineChart');
  // Horizontal bars (barDir "bar") are bars too, as far as the port's kinds go.
  const kind = bar ? 'bar' : line ? 'line' : 'other';
  // The chart's own title comes before the plot area; axes' titles are inside it.
  const title = findElement(xml, 'title', 0, plot?.start ?? xml.length);
  const text = title ? findAll(xml, 't', title.openEnd, title.closeStart).map((t) => unescapeXml(xml.slice(t.openEnd, t.closeStart))).join('') : '';
  const series = plot ? findAll(xml, 'ser', plot.openEnd, plot.closeStart).length : 0;
  return { kind, title: text, series };
}
